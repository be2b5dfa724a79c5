//! Cards on the board: drawn from the session's game, dragged to move them, clicked to read
//! them, and their ➜ handle pulled onto another card to draw an arrow.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::text::TextBounds;

use super::camera::{MainCamera, scale_of};
use super::links::LinkDrag;
use super::{CARD_SIZE, DragState, Selection};
use crate::AppSystems;
use crate::rules::{Action, Card, CardId, Phase, Pos};
use crate::screens::Screen;
use crate::session::{ActionRejected, PlayerAction, Session};
use crate::theme::font::UiFonts;
use crate::theme::palette;

/// A card on the board.
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub struct BoardCard(pub CardId);

/// The ➜ knob on a card's right edge: pull it onto another card to draw an arrow.
#[derive(Component, Debug, Clone)]
pub struct LinkHandle(pub CardId);

/// The coloured edge behind a card (shows selection).
#[derive(Component)]
pub struct CardFrame;

const HANDLE_SIZE: f32 = 34.0;
const DRAG_Z: f32 = 40.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (sync_cards, highlight_selection)
            .chain()
            .in_set(AppSystems::Sync)
            .distributive_run_if(in_state(Screen::Play).and_then(resource_exists::<Session>)),
    )
    .add_observer(hover_card)
    .add_observer(leave_card)
    .add_observer(start_card_drag)
    .add_observer(drag_card)
    .add_observer(end_card_drag)
    .add_observer(click_card)
    .add_observer(drop_on_card)
    .add_observer(start_link_drag)
    .add_observer(drag_link)
    .add_observer(end_link_drag)
    .add_observer(click_handle);
}

/// Depth of the card at `index` in the board's drawing order.
fn card_z(index: usize) -> f32 {
    1.0 + index as f32 * 0.05
}

/// The bundle of one card on the board.
pub fn card_view(card: &Card, pos: Pos, z: f32, fonts: &UiFonts) -> impl Bundle {
    let half = CARD_SIZE / 2.0;
    (
        Name::new(format!("Card {}", card.id)),
        BoardCard(card.id.clone()),
        Sprite::from_color(palette::PAPER, CARD_SIZE),
        Transform::from_xyz(pos.x, pos.y, z),
        Pickable::default(),
        DespawnOnExit(Screen::Play),
        children![
            (
                CardFrame,
                Sprite::from_color(palette::CARD_EDGE, CARD_SIZE + Vec2::splat(6.0)),
                Transform::from_xyz(0.0, 0.0, -0.002),
            ),
            (
                Text2d::new(card.title.clone()),
                fonts.bold(17.0),
                TextColor(palette::INK),
                TextBounds::new_horizontal(CARD_SIZE.x - 40.0),
                Anchor::TOP_LEFT,
                Transform::from_xyz(-half.x + 12.0, half.y - 10.0, 0.002),
                children![(
                    TextSpan::new(format!("\n{}", card.face)),
                    fonts.regular(13.5),
                    TextColor(palette::INK_SOFT),
                )],
            ),
            (
                Name::new("Link handle"),
                LinkHandle(card.id.clone()),
                Sprite::from_color(palette::HANDLE, Vec2::splat(HANDLE_SIZE)),
                Transform::from_xyz(half.x, 0.0, 0.004),
                Pickable::default(),
                children![(
                    Text2d::new("➜"),
                    fonts.bold(20.0),
                    TextColor(palette::BUTTON_TEXT),
                    Transform::from_xyz(0.0, 0.0, 0.001),
                )],
            ),
        ],
    )
}

/// Brings card entities in line with the game: spawn, move, despawn.
fn sync_cards(
    mut commands: Commands,
    session: Res<Session>,
    mut rejected: MessageReader<ActionRejected>,
    mut cards: Query<(Entity, &BoardCard, &mut Transform)>,
    fonts: Res<UiFonts>,
) {
    let refused = rejected.read().count() > 0;
    if !session.is_changed() && !refused {
        return;
    }
    let game = &session.game;
    let placed = game.board().placed();
    for (entity, BoardCard(id), mut transform) in &mut cards {
        match placed.iter().position(|(c, _)| c == id) {
            Some(index) => {
                let pos = placed[index].1;
                let target = Vec3::new(pos.x, pos.y, card_z(index));
                if transform.translation != target {
                    transform.translation = target;
                }
            }
            None => commands.entity(entity).despawn(),
        }
    }
    for (index, (id, pos)) in placed.iter().enumerate() {
        if cards.iter().any(|(_, BoardCard(c), _)| c == id) {
            continue;
        }
        if let Some(card) = game.deck().card(id) {
            commands.spawn(card_view(card, *pos, card_z(index), &fonts));
        }
    }
}

fn highlight_selection(
    selection: Res<Selection>,
    cards: Query<(&BoardCard, &Children)>,
    mut frames: Query<&mut Sprite, With<CardFrame>>,
) {
    if !selection.is_changed() {
        return;
    }
    for (BoardCard(id), children) in &cards {
        let highlighted =
            selection.card.as_ref() == Some(id) || selection.linking_from.as_ref() == Some(id);
        let color = if highlighted {
            palette::CARD_SELECTED
        } else {
            palette::CARD_EDGE
        };
        for child in children.iter() {
            if let Ok(mut sprite) = frames.get_mut(child) {
                sprite.color = color;
            }
        }
    }
}

fn is_playing(session: &Session) -> bool {
    matches!(session.game.phase(), Phase::Playing)
}

fn hover_card(over: On<Pointer<Over>>, cards: Query<&BoardCard>, mut selection: ResMut<Selection>) {
    if let Ok(BoardCard(id)) = cards.get(over.event_target())
        && selection.hovered.as_ref() != Some(id)
    {
        selection.hovered = Some(id.clone());
    }
}

fn leave_card(out: On<Pointer<Out>>, cards: Query<&BoardCard>, mut selection: ResMut<Selection>) {
    if let Ok(BoardCard(id)) = cards.get(out.event_target())
        && selection.hovered.as_ref() == Some(id)
    {
        selection.hovered = None;
    }
}

fn start_card_drag(
    press: On<Pointer<DragStart>>,
    mut cards: Query<&mut Transform, With<BoardCard>>,
    session: Option<Res<Session>>,
    mut drag: ResMut<DragState>,
) {
    let Ok(mut transform) = cards.get_mut(press.event_target()) else {
        return;
    };
    if press.button != PointerButton::Primary || !session.is_some_and(|s| is_playing(&s)) {
        return;
    }
    *drag = DragState {
        entity: Some(press.event_target()),
        distance: 0.0,
    };
    transform.translation.z = DRAG_Z;
}

fn drag_card(
    motion: On<Pointer<Drag>>,
    mut cards: Query<&mut Transform, With<BoardCard>>,
    camera: Single<&Projection, With<MainCamera>>,
    mut drag: ResMut<DragState>,
) {
    if drag.entity != Some(motion.event_target()) {
        return;
    }
    let Ok(mut transform) = cards.get_mut(motion.event_target()) else {
        return;
    };
    drag.distance = motion.distance.length();
    let scale = scale_of(&camera);
    transform.translation += Vec3::new(motion.delta.x, -motion.delta.y, 0.0) * scale;
}

fn end_card_drag(
    release: On<Pointer<DragEnd>>,
    cards: Query<(&BoardCard, &Transform)>,
    mut drag: ResMut<DragState>,
    mut actions: MessageWriter<PlayerAction>,
    mut session: Option<ResMut<Session>>,
) {
    let target = release.event_target();
    if drag.entity != Some(target) {
        return;
    }
    let Ok((BoardCard(id), transform)) = cards.get(target) else {
        return;
    };
    if drag.was_dragged(target) {
        let at = transform.translation.truncate();
        actions.write(PlayerAction(Action::MoveCard {
            card: id.clone(),
            to: Pos::new(at.x, at.y).clamped(),
        }));
    } else if let Some(session) = session.as_mut() {
        // A click, not a move: put the card back exactly (and in its layer).
        session.set_changed();
    }
    *drag = DragState::default();
}

fn click_card(
    click: On<Pointer<Click>>,
    cards: Query<&BoardCard>,
    drag: Res<DragState>,
    mut selection: ResMut<Selection>,
    mut actions: MessageWriter<PlayerAction>,
) {
    let target = click.event_target();
    let Ok(BoardCard(id)) = cards.get(target) else {
        return;
    };
    if click.button != PointerButton::Primary || drag.was_dragged(target) {
        return;
    }
    match selection.linking_from.clone() {
        Some(from) if &from != id => {
            actions.write(PlayerAction(Action::AddLink {
                from,
                to: id.clone(),
            }));
            selection.linking_from = None;
        }
        Some(_) => selection.linking_from = None,
        None => {
            selection.card = Some(id.clone());
            selection.link = None;
        }
    }
}

/// A handle released over a card draws the arrow.
fn drop_on_card(
    drop: On<Pointer<DragDrop>>,
    cards: Query<&BoardCard>,
    handles: Query<&LinkHandle>,
    mut actions: MessageWriter<PlayerAction>,
) {
    let Ok(BoardCard(to)) = cards.get(drop.event_target()) else {
        return;
    };
    let Ok(LinkHandle(from)) = handles.get(drop.dropped) else {
        return;
    };
    if from != to {
        actions.write(PlayerAction(Action::AddLink {
            from: from.clone(),
            to: to.clone(),
        }));
    }
}

fn pointer_world(camera: &(&Camera, &GlobalTransform), viewport_pos: Vec2) -> Option<Vec2> {
    camera.0.viewport_to_world_2d(camera.1, viewport_pos).ok()
}

fn start_link_drag(
    mut press: On<Pointer<DragStart>>,
    handles: Query<&LinkHandle>,
    session: Option<Res<Session>>,
    camera: Single<(&Camera, &GlobalTransform), With<MainCamera>>,
    mut link_drag: ResMut<LinkDrag>,
) {
    let Ok(LinkHandle(card)) = handles.get(press.event_target()) else {
        return;
    };
    press.propagate(false);
    if press.button != PointerButton::Primary || !session.is_some_and(|s| is_playing(&s)) {
        return;
    }
    *link_drag = LinkDrag {
        from: Some(card.clone()),
        to: pointer_world(&camera, press.pointer_location.position),
        distance: 0.0,
    };
}

fn drag_link(
    mut motion: On<Pointer<Drag>>,
    handles: Query<(), With<LinkHandle>>,
    camera: Single<(&Camera, &GlobalTransform), With<MainCamera>>,
    mut link_drag: ResMut<LinkDrag>,
) {
    if !handles.contains(motion.event_target()) {
        return;
    }
    motion.propagate(false);
    if link_drag.from.is_some() {
        link_drag.to = pointer_world(&camera, motion.pointer_location.position);
        link_drag.distance = motion.distance.length();
    }
}

fn end_link_drag(
    mut release: On<Pointer<DragEnd>>,
    handles: Query<(), With<LinkHandle>>,
    mut link_drag: ResMut<LinkDrag>,
) {
    if !handles.contains(release.event_target()) {
        return;
    }
    release.propagate(false);
    *link_drag = LinkDrag::default();
}

/// A tap on the handle starts an arrow from this card; the next card tapped ends it.
fn click_handle(
    mut click: On<Pointer<Click>>,
    handles: Query<&LinkHandle>,
    session: Option<Res<Session>>,
    link_drag: Res<LinkDrag>,
    mut selection: ResMut<Selection>,
) {
    let Ok(LinkHandle(card)) = handles.get(click.event_target()) else {
        return;
    };
    click.propagate(false);
    if click.button != PointerButton::Primary
        || link_drag.distance > super::CLICK_SLOP
        || !session.is_some_and(|s| is_playing(&s))
    {
        return;
    }
    selection.linking_from = if selection.linking_from.as_ref() == Some(card) {
        None
    } else {
        Some(card.clone())
    };
}
