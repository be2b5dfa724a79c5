//! The hand: cards of the revealed lots not yet on the board, in a tray at the bottom of the
//! screen. Drag one onto the board, or click it to put it in the middle of the view.

use bevy::prelude::*;

use super::camera::MainCamera;
use super::{DragState, Selection};
use crate::AppSystems;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{Action, CardId, Pos};
use crate::screens::Screen;
use crate::session::{ActionRejected, PlayerAction, Session};
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::layout::{PANEL_WIDTH, TOP_BAR_HEIGHT, TRAY_HEIGHT};
use crate::theme::scroll::ScrollWithWheel;
use crate::theme::{palette, widget};
use crate::ui_action::{AutomationId, UiAction};

/// The tray's root node.
#[derive(Component)]
pub struct Tray;

/// A card in the hand.
#[derive(Component, Debug, Clone)]
pub struct TrayCard(pub CardId);

const MINI_CARD: Vec2 = Vec2::new(210.0, 128.0);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            rebuild_tray.in_set(AppSystems::Sync),
            place_from_hand.in_set(AppSystems::Input),
        )
            .in_set(crate::screens::flow::PlayViews),
    )
    .add_observer(start_tray_drag)
    .add_observer(drag_tray_card)
    .add_observer(drop_tray_card)
    .add_observer(click_tray_card)
    .add_observer(hover_tray_card);
}

fn rebuild_tray(
    mut commands: Commands,
    session: Res<Session>,
    mut rejected: MessageReader<ActionRejected>,
    trays: Query<Entity, With<Tray>>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    controls: Res<crate::session::PlayControls>,
    holders: Res<crate::session::HandHolders>,
    mut shown: Local<Option<String>>,
) {
    let refused = rejected.read().count() > 0;
    if !session.is_changed()
        && !lang.is_changed()
        && !controls.is_changed()
        && !holders.is_changed()
        && !refused
    {
        return;
    }
    let game = &session.game;
    // Rebuild only when the hand changes: someone else's move (in a workshop) must not take a
    // card from under a finger that is dragging it.
    let key = format!(
        "{:?}|{}|{}|{}|{}|{:?}|{:?}|{:?}|{}|{}",
        game.hand(),
        game.board().revealed_lots(),
        game.lot_count(),
        game.report().is_some(),
        game.showing_solution(),
        holders.0,
        *controls,
        lang.0,
        game.can_undo(),
        game.can_redo(),
    );
    if !refused && shown.as_deref() == Some(key.as_str()) && !trays.is_empty() {
        return;
    }
    *shown = Some(key);
    for tray in &trays {
        commands.entity(tray).despawn();
    }
    // While the solution is shown every card is on the board.
    let mut hand = if game.showing_solution() {
        Vec::new()
    } else {
        game.hand()
    };
    // One's own cards first, then those someone else holds (in a workshop).
    hand.sort_by_key(|c| holders.0.contains_key(c));
    let tray = commands
        .spawn((
            Name::new("Tray"),
            Tray,
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                left: px(0),
                right: px(PANEL_WIDTH),
                bottom: px(0),
                height: px(TRAY_HEIGHT),
                flex_direction: FlexDirection::Column,
                padding: UiRect::axes(px(12), px(8)),
                row_gap: px(6),
                border: UiRect::top(px(1)),
                ..default()
            },
            BackgroundColor(palette::PANEL),
            BorderColor::all(palette::PANEL_EDGE),
        ))
        .id();
    let next_lot = if game.has_more_lots() {
        let n = game.board().revealed_lots() + 1;
        let total = game.lot_count();
        lang.f(Key::NextLot, &[("n", &n), ("total", &total)])
    } else {
        lang.t(Key::AllLotsOut).to_owned()
    };
    let header = commands
        .spawn((
            Node {
                flex_direction: FlexDirection::Row,
                align_items: AlignItems::Center,
                column_gap: px(16),
                ..default()
            },
            Pickable::IGNORE,
            ChildOf(tray),
        ))
        .id();
    commands
        .spawn((
            widget::heading(
                &fonts,
                format!("{} ({})", lang.t(Key::Hand), hand.len()),
                17.0,
            ),
            ChildOf(header),
        ))
        // The mirror's board has its own heading for the hand.
        .insert(crate::mirror::MirrorRole::Skip);
    if controls.deal_lots && game.has_more_lots() && game.report().is_none() {
        commands.spawn((
            widget::button(
                &fonts,
                next_lot,
                UiAction::Play(Action::RevealNextLot),
                "next-lot",
                ButtonColors::PRIMARY,
            ),
            ChildOf(header),
        ));
    } else {
        commands.spawn((
            widget::text(&fonts, next_lot, 15.0, palette::INK_SOFT),
            ChildOf(header),
        ));
    }
    // Undo and redo (also Ctrl+Z, Ctrl+Shift+Z), when there is a move to take back or make again.
    commands.spawn((
        Node {
            flex_grow: 1.0,
            ..default()
        },
        Pickable::IGNORE,
        ChildOf(header),
    ));
    for (possible, key, action, id) in [
        (game.can_undo(), Key::Undo, Action::Undo, "undo"),
        (game.can_redo(), Key::Redo, Action::Redo, "redo"),
    ] {
        if possible {
            commands.spawn((
                widget::button(
                    &fonts,
                    lang.t(key),
                    UiAction::Play(action),
                    id,
                    ButtonColors::QUIET,
                ),
                ChildOf(header),
            ));
        }
    }
    let row = commands
        .spawn((
            Name::new("Hand cards"),
            Node {
                flex_direction: FlexDirection::Row,
                column_gap: px(10),
                overflow: Overflow::scroll_x(),
                flex_grow: 1.0,
                ..default()
            },
            ScrollWithWheel,
            ChildOf(tray),
        ))
        .id();
    if hand.is_empty() {
        commands.spawn((
            widget::text(&fonts, lang.t(Key::HandEmpty), 16.0, palette::INK_SOFT),
            ChildOf(row),
        ));
    }
    for id in &hand {
        let Some(card) = game.deck().card(id) else {
            continue;
        };
        let holder = holders.0.get(id);
        let card_entity = commands
            .spawn((
                Name::new(format!("Hand card {id}")),
                TrayCard(id.clone()),
                AutomationId(format!("hand:{id}")),
                // The mirror's board lists the hand with its own buttons.
                crate::mirror::MirrorRole::Skip,
                Node {
                    width: px(MINI_CARD.x),
                    min_width: px(MINI_CARD.x),
                    height: px(MINI_CARD.y),
                    padding: px(8).all(),
                    border: px(2).all(),
                    border_radius: BorderRadius::all(px(6)),
                    flex_direction: FlexDirection::Column,
                    overflow: Overflow::clip(),
                    ..default()
                },
                BackgroundColor(palette::PAPER),
                BorderColor::all(if holder.is_some() {
                    palette::PANEL_EDGE
                } else {
                    palette::CARD_EDGE
                }),
                ChildOf(row),
                children![
                    (
                        Text::new(card.title.clone()),
                        fonts.bold(14.0),
                        TextColor(palette::INK),
                        Pickable::IGNORE,
                    ),
                    (
                        Text::new(card.face.clone()),
                        fonts.regular(11.5),
                        TextColor(palette::INK_SOFT),
                        Pickable::IGNORE,
                    ),
                ],
            ))
            .id();
        if let Some(name) = holder {
            commands.spawn((
                Text::new(lang.f(Key::HeldBy, &[("name", name)])),
                fonts.bold(12.0),
                TextColor(palette::ACCENT),
                Pickable::IGNORE,
                ChildOf(card_entity),
            ));
        }
    }
}

/// The copy of a hand card that follows the pointer while it is dragged (the tray clips its
/// own children, so the card itself cannot leave it).
#[derive(Component)]
struct DragGhost;

fn ghost_position(pointer: Vec2) -> (Val, Val) {
    (
        px(pointer.x - MINI_CARD.x / 2.0),
        px(pointer.y - MINI_CARD.y / 2.0),
    )
}

fn start_tray_drag(
    press: On<Pointer<DragStart>>,
    mut cards: Query<(&TrayCard, &mut BackgroundColor)>,
    session: Option<Res<Session>>,
    fonts: Res<UiFonts>,
    mut drag: ResMut<DragState>,
    mut commands: Commands,
) {
    let Ok((TrayCard(id), mut background)) = cards.get_mut(press.event_target()) else {
        return;
    };
    let Some(card) = session.as_ref().and_then(|s| s.game.deck().card(id)) else {
        return;
    };
    *drag = DragState {
        entity: Some(press.event_target()),
        distance: 0.0,
    };
    background.0 = palette::QUIET_BUTTON;
    let (left, top) = ghost_position(press.pointer_location.position);
    commands.spawn((
        Name::new("Dragged card"),
        DragGhost,
        DespawnOnExit(Screen::Play),
        Node {
            position_type: PositionType::Absolute,
            left,
            top,
            width: px(MINI_CARD.x),
            height: px(MINI_CARD.y),
            padding: px(8).all(),
            border: px(2).all(),
            border_radius: BorderRadius::all(px(6)),
            overflow: Overflow::clip(),
            ..default()
        },
        BackgroundColor(palette::PAPER),
        BorderColor::all(palette::CARD_SELECTED),
        GlobalZIndex(100),
        Pickable::IGNORE,
        children![(
            Text::new(card.title.clone()),
            fonts.bold(14.0),
            TextColor(palette::INK),
            Pickable::IGNORE,
        )],
    ));
}

fn drag_tray_card(
    motion: On<Pointer<Drag>>,
    cards: Query<(), With<TrayCard>>,
    mut ghosts: Query<&mut Node, With<DragGhost>>,
    mut drag: ResMut<DragState>,
) {
    if drag.entity != Some(motion.event_target()) || !cards.contains(motion.event_target()) {
        return;
    }
    drag.distance = motion.distance.length();
    let (left, top) = ghost_position(motion.pointer_location.position);
    for mut node in &mut ghosts {
        node.left = left;
        node.top = top;
    }
}

/// Whether a point of the window (logical px) is over the board rather than the interface.
pub fn over_board(window: &Window, point: Vec2) -> bool {
    point.y > TOP_BAR_HEIGHT
        && point.y < window.height() - TRAY_HEIGHT
        && point.x < window.width() - PANEL_WIDTH
}

fn drop_tray_card(
    release: On<Pointer<DragEnd>>,
    mut cards: Query<(&TrayCard, &mut BackgroundColor)>,
    ghosts: Query<Entity, With<DragGhost>>,
    mut drag: ResMut<DragState>,
    window: Single<&Window>,
    camera: Single<(&Camera, &GlobalTransform), With<MainCamera>>,
    mut actions: MessageWriter<PlayerAction>,
    mut commands: Commands,
    session: Option<Res<Session>>,
) {
    let target = release.event_target();
    let Ok((TrayCard(id), mut background)) = cards.get_mut(target) else {
        return;
    };
    for ghost in &ghosts {
        commands.entity(ghost).despawn();
    }
    background.0 = palette::PAPER;
    let dragged = drag.was_dragged(target);
    *drag = DragState::default();
    let at = release.pointer_location.position;
    if dragged
        && over_board(&window, at)
        && let Ok(world) = camera.0.viewport_to_world_2d(camera.1, at)
    {
        let at = Pos::new(world.x, world.y).clamped();
        if let Some(session) = &session {
            actions.write(PlayerAction(session.game.drop_action(id, at)));
        }
    }
}

fn click_tray_card(
    click: On<Pointer<Click>>,
    cards: Query<&TrayCard>,
    drag: Res<DragState>,
    mut long_press: ResMut<super::long_press::LongPress>,
    mut actions: MessageWriter<UiAction>,
) {
    let target = click.event_target();
    let Ok(TrayCard(id)) = cards.get(target) else {
        return;
    };
    if long_press.take_fired(target) {
        return;
    }
    if click.button == PointerButton::Primary && !drag.was_dragged(target) {
        actions.write(UiAction::PlaceFromHand(id.clone()));
    }
}

fn hover_tray_card(
    over: On<Pointer<Over>>,
    cards: Query<&TrayCard>,
    mut selection: ResMut<Selection>,
) {
    if let Ok(TrayCard(id)) = cards.get(over.event_target())
        && selection.hovered.as_ref() != Some(id)
    {
        selection.hovered = Some(id.clone());
    }
}

/// Places a hand card in the middle of the visible board, a little apart from the last one.
fn place_from_hand(
    mut ui_actions: MessageReader<UiAction>,
    session: Res<Session>,
    window: Option<Single<&Window>>,
    camera: Option<Single<(&Camera, &GlobalTransform), With<MainCamera>>>,
    mut actions: MessageWriter<PlayerAction>,
) {
    for action in ui_actions.read() {
        let UiAction::PlaceFromHand(id) = action else {
            continue;
        };
        // Without a window (headless), the middle of the board.
        let center = match (&window, &camera) {
            (Some(window), Some(camera)) => {
                let free_center = Vec2::new(
                    (window.width() - PANEL_WIDTH) / 2.0,
                    (TOP_BAR_HEIGHT + window.height() - TRAY_HEIGHT) / 2.0,
                );
                camera
                    .0
                    .viewport_to_world_2d(camera.1, free_center)
                    .unwrap_or(Vec2::ZERO)
            }
            _ => Vec2::ZERO,
        };
        // Fan out so that cards placed one after another do not hide each other.
        let n = session.game.board().placed().len() % 6;
        let offset = Vec2::new(n as f32 * 36.0 - 90.0, 60.0 - n as f32 * 24.0);
        let at = center + offset;
        actions.write(PlayerAction(Action::PlaceCard {
            card: id.clone(),
            at: Pos::new(at.x, at.y).clamped(),
        }));
    }
}
