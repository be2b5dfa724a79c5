//! Cards on the board: drawn from the session's game, dragged to move them, clicked to read
//! them, and (in links and matching rounds) their ➜ handle pulled onto another card to draw
//! an arrow. After a check each card shows its verdict (icon + word, not colour alone) and its
//! date; "show solution" glides every card to where it belongs, unless the browser asks for
//! reduced motion.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::text::TextBounds;

use super::camera::{MainCamera, scale_of};
use super::links::LinkDrag;
use super::{CARD_SIZE, DragState, ResyncBoard, Selection};
use crate::AppSystems;
use crate::feedback::placement_style;
use crate::locale::Lang;
use crate::rules::{Action, Card, CardId, Game, Phase, Pos};
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

/// The coloured edge behind a card (shows selection and verdicts).
#[derive(Component)]
pub struct CardFrame;

/// The verdict line under a card's text, after a check ("✓ Bonne zone").
#[derive(Component)]
pub struct CardBadge;

/// Where a card is gliding to (the solution, or back to the players' board).
#[derive(Component)]
pub struct GlideTo(pub Vec3);

/// Whether the browser asks for reduced motion (then cards jump instead of gliding).
#[derive(Resource, Default, Debug, Clone, Copy)]
pub struct ReducedMotion(pub bool);

const HANDLE_SIZE: f32 = 34.0;
const DRAG_Z: f32 = 40.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ReducedMotion>()
        .add_systems(
            Update,
            (sync_cards, style_cards, glide)
                .chain()
                .in_set(AppSystems::Sync)
                .in_set(crate::screens::flow::PlayViews),
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

/// One card on the board, with its ➜ handle when the round draws links.
pub fn spawn_card(
    commands: &mut Commands,
    card: &Card,
    pos: Pos,
    z: f32,
    with_handle: bool,
    fonts: &UiFonts,
) -> Entity {
    let half = CARD_SIZE / 2.0;
    let entity = commands.spawn(card_view(card, pos, z, fonts)).id();
    commands.spawn((
        CardBadge,
        Text2d::new(""),
        fonts.bold(14.0),
        TextColor(palette::INK),
        Anchor::BOTTOM_LEFT,
        Transform::from_xyz(-half.x + 12.0, -half.y + 8.0, 0.003),
        ChildOf(entity),
    ));
    if with_handle {
        commands.spawn((
            Name::new("Link handle"),
            LinkHandle(card.id.clone()),
            Sprite::from_color(palette::HANDLE, Vec2::splat(HANDLE_SIZE)),
            Transform::from_xyz(half.x, 0.0, 0.004),
            Pickable::default(),
            ChildOf(entity),
            children![(
                Text2d::new("➜"),
                fonts.bold(20.0),
                TextColor(palette::BUTTON_TEXT),
                Transform::from_xyz(0.0, 0.0, 0.001),
            )],
        ));
    }
    entity
}

/// The bundle of one card on the board (without handle or badge).
fn card_view(card: &Card, pos: Pos, z: f32, fonts: &UiFonts) -> impl Bundle {
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
        ],
    )
}

/// Cards shown on the board and where: the players' board, or every card of the round at
/// its place while the solution is shown.
pub fn shown_cards(game: &Game) -> Vec<(CardId, Pos)> {
    if game.showing_solution() {
        game.solution().positions
    } else {
        game.board().placed().to_vec()
    }
}

/// Brings card entities in line with the game: spawn, move, despawn.
fn sync_cards(
    mut commands: Commands,
    session: Res<Session>,
    mut rejected: MessageReader<ActionRejected>,
    mut resync: MessageReader<ResyncBoard>,
    mut cards: Query<(Entity, &BoardCard, &mut Transform)>,
    fonts: Res<UiFonts>,
    reduced: Res<ReducedMotion>,
    mut shown: Local<Option<(usize, bool, bool)>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let refused = rejected.read().count() > 0;
    let resync = resync.read().count() > 0;
    if !session.is_changed() && !refused && !resync {
        return;
    }
    let game = &session.game;
    let with_handle = game.kind().uses_links();
    // Another round rebuilds every card; entering or leaving the solution glides them;
    // everything else moves at once.
    let solution = game.showing_solution();
    let rebuild = shown.is_none_or(|(round, _, _)| round != game.round_index());
    let solution_changed = shown.is_some_and(|(_, _, was)| was != solution);
    *shown = Some((game.round_index(), with_handle, solution));
    let shown = shown_cards(game);
    for (entity, BoardCard(id), mut transform) in &mut cards {
        match shown.iter().position(|(c, _)| c == id) {
            Some(index) if !rebuild => {
                let pos = shown[index].1;
                let target = Vec3::new(pos.x, pos.y, card_z(index));
                if transform.translation != target {
                    if solution_changed && !reduced.0 {
                        commands.entity(entity).insert(GlideTo(target));
                        redraw.write(bevy::window::RequestRedraw);
                    } else {
                        commands.entity(entity).remove::<GlideTo>();
                        transform.translation = target;
                    }
                }
            }
            _ => commands.entity(entity).despawn(),
        }
    }
    for (index, (id, pos)) in shown.iter().enumerate() {
        if !rebuild && cards.iter().any(|(_, BoardCard(c), _)| c == id) {
            continue;
        }
        if let Some(card) = game.deck().card(id) {
            // Cards that were in the hand come from the bottom of the board when gliding.
            let glide = solution && solution_changed && !reduced.0 && !rebuild;
            let start = if glide {
                Pos::new(pos.x, -crate::rules::BOARD_HALF_HEIGHT)
            } else {
                *pos
            };
            let entity = spawn_card(
                &mut commands,
                card,
                start,
                card_z(index),
                with_handle,
                &fonts,
            );
            if glide {
                commands
                    .entity(entity)
                    .insert(GlideTo(Vec3::new(pos.x, pos.y, card_z(index))));
                redraw.write(bevy::window::RequestRedraw);
            }
        }
    }
}

/// Moves gliding cards a step closer to their target; asks for the next frame until done.
fn glide(
    mut commands: Commands,
    mut cards: Query<(Entity, &GlideTo, &mut Transform)>,
    time: Res<Time>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    // About 0.4 s from anywhere on the board, whatever the frame rate.
    let t = 1.0 - (-time.delta_secs() * 9.0).exp();
    for (entity, GlideTo(target), mut transform) in &mut cards {
        let next = transform.translation.lerp(*target, t.clamp(0.05, 1.0));
        if next.distance(*target) < 1.5 {
            transform.translation = *target;
            commands.entity(entity).remove::<GlideTo>();
        } else {
            transform.translation = next;
            redraw.write(bevy::window::RequestRedraw);
        }
    }
}

/// Frame colours (selection, verdict) and the verdict / date line of every card.
fn style_cards(
    session: Res<Session>,
    selection: Res<Selection>,
    lang: Res<Lang>,
    cards: Query<(&BoardCard, &Children)>,
    mut frames: Query<&mut Sprite, With<CardFrame>>,
    mut badges: Query<(&mut Text2d, &mut TextColor), With<CardBadge>>,
    added: Query<(), Added<BoardCard>>,
) {
    if !session.is_changed() && !selection.is_changed() && !lang.is_changed() && added.is_empty() {
        return;
    }
    let game = &session.game;
    let report = game.report();
    for (BoardCard(id), children) in &cards {
        let placement = report.and_then(|r| r.placement(id));
        let highlighted = selection.card.as_ref() == Some(id)
            || selection.linking_from.as_ref() == Some(id)
            || selection.keyboard.as_ref() == Some(id);
        let (badge, verdict_color) = match placement {
            Some(p) if !game.showing_solution() => {
                let (label, tone) = placement_style(lang.0, p);
                (label, Some(palette::tone(tone)))
            }
            _ => (String::new(), None),
        };
        // The date is part of the answer: shown once the round has been checked.
        let date = game
            .report()
            .and_then(|_| game.deck().card(id))
            .and_then(|c| c.date.clone());
        let line = match (badge.is_empty(), date) {
            (true, None) => String::new(),
            (true, Some(d)) => d,
            (false, None) => badge,
            (false, Some(d)) => format!("{badge} · {d}"),
        };
        let frame_color = if highlighted {
            palette::CARD_SELECTED
        } else {
            verdict_color.unwrap_or(palette::CARD_EDGE)
        };
        for child in children.iter() {
            if let Ok(mut sprite) = frames.get_mut(child)
                && sprite.color != frame_color
            {
                sprite.color = frame_color;
            }
            if let Ok((mut text, mut color)) = badges.get_mut(child)
                && text.0 != line
            {
                text.0 = line.clone();
                color.0 = verdict_color.unwrap_or(palette::INK_SOFT);
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
    pinch: Res<super::touch::Pinch>,
) {
    let Ok(mut transform) = cards.get_mut(press.event_target()) else {
        return;
    };
    // A finger of a two-finger pinch does not pick up the card under it.
    if press.button != PointerButton::Primary
        || !session.is_some_and(|s| is_playing(&s))
        || pinch.active()
    {
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
    session: Option<Res<Session>>,
    mut resync: MessageWriter<ResyncBoard>,
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
        let to = Pos::new(at.x, at.y).clamped();
        if let Some(session) = &session {
            actions.write(PlayerAction(session.game.drop_action(id, to)));
        }
    } else {
        // A click, not a move: put the card back exactly (and in its layer).
        resync.write(ResyncBoard);
    }
    *drag = DragState::default();
}

fn click_card(
    click: On<Pointer<Click>>,
    cards: Query<&BoardCard>,
    drag: Res<DragState>,
    mut long_press: ResMut<super::long_press::LongPress>,
    mut selection: ResMut<Selection>,
    mut actions: MessageWriter<PlayerAction>,
    // A global observer: it also sees clicks on other screens, where there is no session.
    session: Option<Res<Session>>,
    camera: Query<(&Camera, &GlobalTransform), With<MainCamera>>,
) {
    let target = click.event_target();
    let Ok(BoardCard(id)) = cards.get(target) else {
        return;
    };
    if long_press.take_fired(target) {
        return;
    }
    if click.button != PointerButton::Primary || drag.was_dragged(target) {
        return;
    }
    // Moving without dragging: a card chosen as the destination is where the card goes (in
    // a matching round, beside it as its pair), as if dropped there.
    if let Some(moving) = selection.moving.take() {
        if &moving != id
            && let (Some(session), Ok(camera)) = (session, camera.single())
            && let Some(at) = pointer_world(&camera, click.pointer_location.position)
        {
            let action = session.game.drop_action(&moving, Pos::new(at.x, at.y));
            actions.write(PlayerAction(action));
        }
        selection.card = Some(moving);
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

pub(super) fn pointer_world(
    camera: &(&Camera, &GlobalTransform),
    viewport_pos: Vec2,
) -> Option<Vec2> {
    camera.0.viewport_to_world_2d(camera.1, viewport_pos).ok()
}

fn start_link_drag(
    mut press: On<Pointer<DragStart>>,
    handles: Query<&LinkHandle>,
    session: Option<Res<Session>>,
    camera: Single<(&Camera, &GlobalTransform), With<MainCamera>>,
    mut link_drag: ResMut<LinkDrag>,
    pinch: Res<super::touch::Pinch>,
) {
    let Ok(LinkHandle(card)) = handles.get(press.event_target()) else {
        return;
    };
    press.propagate(false);
    if press.button != PointerButton::Primary
        || !session.is_some_and(|s| is_playing(&s))
        || pinch.active()
    {
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
