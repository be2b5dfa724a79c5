//! Arrows between cards: one entity per link of the game, laid out every frame from the
//! cards' current places (so they follow a card being dragged), kept the same thickness on
//! screen at any zoom, and labelled with their verdict after a check (icon + word + colour).

use bevy::prelude::*;

use super::camera::{MainCamera, scale_of};
use super::cards::BoardCard;
use super::{CARD_SIZE, DragState, Selection};
use crate::AppSystems;
use crate::feedback::verdict_style;
use crate::locale::Lang;
use crate::rules::{Action, CardId, Link, Phase};
use crate::screens::Screen;
use crate::session::{PlayerAction, Session};
use crate::theme::font::UiFonts;
use crate::theme::palette;

/// An arrow on the board (the root entity sits at the arrow's middle).
#[derive(Component, Debug, Clone)]
pub struct LinkView(pub Link);

/// Where an arrow starts and ends on the board; `layout_arrows` draws it from these.
#[derive(Component, Default, Debug, Clone, Copy)]
struct ArrowEnds {
    start: Vec2,
    end: Vec2,
}

/// The arrow that follows the pointer while one is pulled from a card's handle.
#[derive(Component)]
struct PendingArrow;

#[derive(Component)]
struct LinkBody;

#[derive(Component)]
struct LinkBarb(f32);

#[derive(Component)]
struct LinkLabel;

/// An arrow being pulled from a card's handle.
#[derive(Resource, Default, Debug)]
pub struct LinkDrag {
    pub from: Option<CardId>,
    /// Where the pointer is, on the board.
    pub to: Option<Vec2>,
    pub distance: f32,
}

/// Arrow thickness and head length, in logical pixels (constant on screen).
const THICKNESS_PX: f32 = 4.0;
const HEAD_PX: f32 = 18.0;
const LINK_Z: f32 = 0.5;
const LABEL_Z: f32 = 30.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LinkDrag>()
        .add_systems(
            OnEnter(Screen::Play),
            (clear_link_drag, spawn_pending_arrow),
        )
        .add_systems(
            Update,
            (sync_links, link_ends, pending_arrow_ends, layout_arrows)
                .chain()
                .in_set(AppSystems::Sync)
                .in_set(crate::screens::flow::PlayViews),
        )
        .add_observer(click_link);
}

fn clear_link_drag(mut link_drag: ResMut<LinkDrag>) {
    *link_drag = LinkDrag::default();
}

/// The shaft and (for a directed link) the two strokes of an arrow's head, as children of
/// `parent`.
fn spawn_arrow_parts(
    parent: &mut ChildSpawnerCommands,
    color: Color,
    pickable: bool,
    directed: bool,
) {
    let pick = if pickable {
        Pickable::default()
    } else {
        Pickable::IGNORE
    };
    parent.spawn((
        LinkBody,
        Sprite::from_color(color, Vec2::ONE),
        Transform::default(),
        pick,
    ));
    for side in [-1.0, 1.0].into_iter().filter(|_| directed) {
        parent.spawn((
            LinkBarb(side),
            Sprite::from_color(color, Vec2::ONE),
            Transform::default(),
            pick,
        ));
    }
}

fn spawn_pending_arrow(mut commands: Commands) {
    commands
        .spawn((
            Name::new("Arrow being drawn"),
            PendingArrow,
            ArrowEnds::default(),
            Transform::from_xyz(0.0, 0.0, LABEL_Z),
            Visibility::Hidden,
            DespawnOnExit(Screen::Play),
        ))
        .with_children(|parent| spawn_arrow_parts(parent, palette::ACCENT, false, true));
}

fn sync_links(
    mut commands: Commands,
    session: Res<Session>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    views: Query<(Entity, &LinkView)>,
) {
    if !session.is_changed() {
        return;
    }
    // Rebuild every arrow: there are few, and verdict labels change with the phase.
    for (entity, _) in &views {
        commands.entity(entity).despawn();
    }
    let game = &session.game;
    // Pairs have no direction; cause → effect links do.
    let directed = !matches!(game.kind(), crate::rules::RoundKind::Matching(_));
    let solution = game.showing_solution();
    let report = game.report().filter(|_| !solution);
    let links = if solution {
        game.solution().links
    } else {
        game.board().links().to_vec()
    };
    for link in &links {
        let verdict = report.and_then(|r| r.verdict(link));
        let color = if solution {
            palette::CORRECT
        } else {
            verdict.map_or(palette::LINK, |v| palette::tone(verdict_style(lang.0, v).1))
        };
        let mut root = commands.spawn((
            Name::new(format!("Link {} -> {}", link.from, link.to)),
            LinkView(link.clone()),
            ArrowEnds::default(),
            Transform::from_xyz(0.0, 0.0, LINK_Z),
            Visibility::default(),
            DespawnOnExit(Screen::Play),
        ));
        root.with_children(|parent| {
            spawn_arrow_parts(parent, color, !solution, directed);
            if let Some(verdict) = verdict {
                let (label, tone) = verdict_style(lang.0, verdict);
                let color = palette::tone(tone);
                let width = label.chars().count() as f32 * 9.5 + 18.0;
                parent
                    .spawn((
                        LinkLabel,
                        Sprite::from_color(palette::PAPER, Vec2::new(width, 28.0)),
                        Transform::from_xyz(0.0, 0.0, LABEL_Z),
                        Pickable::default(),
                    ))
                    .with_children(|label_parent| {
                        label_parent.spawn((
                            Sprite::from_color(color, Vec2::new(width + 4.0, 32.0)),
                            Transform::from_xyz(0.0, 0.0, -0.01),
                        ));
                        label_parent.spawn((
                            Text2d::new(label),
                            fonts.bold(15.0),
                            TextColor(color),
                            Transform::from_xyz(0.0, 0.0, 0.01),
                        ));
                    });
            }
        });
    }
}

/// Where an arrow leaves a card of half-size `half` centred on `center`, towards `dir`.
fn edge_point(center: Vec2, half: Vec2, dir: Vec2, margin: f32) -> Vec2 {
    let tx = if dir.x.abs() > f32::EPSILON {
        half.x / dir.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dir.y.abs() > f32::EPSILON {
        half.y / dir.y.abs()
    } else {
        f32::INFINITY
    };
    center + dir * (tx.min(ty) + margin)
}

/// The visible segment of an arrow between two card centres, or `None` if they overlap.
pub fn arrow_segment(from: Vec2, to: Vec2, margin: f32) -> Option<(Vec2, Vec2)> {
    let dir = (to - from).try_normalize()?;
    let half = CARD_SIZE / 2.0;
    let start = edge_point(from, half, dir, margin);
    let end = edge_point(to, half, -dir, margin);
    ((end - start).dot(dir) > 0.0).then_some((start, end))
}

fn card_center(cards: &Query<(&BoardCard, &Transform)>, id: &CardId) -> Option<Vec2> {
    cards
        .iter()
        .find(|(BoardCard(c), _)| c == id)
        .map(|(_, t)| t.translation.truncate())
}

/// Arrows between cards follow the cards (even while one is being dragged).
fn link_ends(
    mut views: Query<(&LinkView, &mut ArrowEnds)>,
    cards: Query<(&BoardCard, &Transform)>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    for (LinkView(link), mut ends) in &mut views {
        let (Some(a), Some(b)) = (
            card_center(&cards, &link.from),
            card_center(&cards, &link.to),
        ) else {
            // Its cards are being spawned this frame: draw it on the next one.
            redraw.write(bevy::window::RequestRedraw);
            continue;
        };
        let (start, end) = arrow_segment(a, b, 6.0).unwrap_or((a, b));
        *ends = ArrowEnds { start, end };
    }
}

/// The arrow being pulled goes from its card's edge to the pointer.
fn pending_arrow_ends(
    link_drag: Res<LinkDrag>,
    cards: Query<(&BoardCard, &Transform)>,
    mut pending: Query<(&mut ArrowEnds, &mut Visibility), With<PendingArrow>>,
) {
    let ends = match (&link_drag.from, link_drag.to) {
        (Some(from), Some(to)) => card_center(&cards, from).map(|center| {
            let dir = (to - center).normalize_or(Vec2::X);
            let start = edge_point(center, CARD_SIZE / 2.0, dir, 4.0);
            ArrowEnds { start, end: to }
        }),
        _ => None,
    };
    for (mut arrow, mut visibility) in &mut pending {
        match ends {
            Some(e) => {
                *arrow = e;
                visibility.set_if_neq(Visibility::Inherited);
            }
            None => {
                visibility.set_if_neq(Visibility::Hidden);
            }
        }
    }
}

/// Places every arrow's shaft, head and label from its ends, with a thickness that stays the
/// same on screen at any zoom.
fn layout_arrows(
    arrows: Query<(Entity, &ArrowEnds, &Children)>,
    mut transforms: Query<&mut Transform, Without<BoardCard>>,
    mut sprites: Query<&mut Sprite>,
    bodies: Query<(), With<LinkBody>>,
    barbs: Query<&LinkBarb>,
    labels: Query<(), With<LinkLabel>>,
    camera: Single<&Projection, With<MainCamera>>,
) {
    let scale = scale_of(&camera);
    let thickness = THICKNESS_PX * scale;
    let head = HEAD_PX * scale;
    for (root, ends, children) in &arrows {
        let (start, end) = (ends.start, ends.end);
        let mid = (start + end) / 2.0;
        let dir = (end - start).normalize_or(Vec2::X);
        let length = (end - start).length();
        if let Ok(mut t) = transforms.get_mut(root) {
            t.translation = mid.extend(t.translation.z);
        }
        for child in children.iter() {
            if bodies.contains(child) {
                if let Ok(mut t) = transforms.get_mut(child) {
                    *t = Transform::from_rotation(Quat::from_rotation_z(dir.to_angle()));
                }
                if let Ok(mut s) = sprites.get_mut(child) {
                    s.custom_size = Some(Vec2::new(length, thickness));
                }
            } else if let Ok(LinkBarb(side)) = barbs.get(child) {
                // Two short strokes from the tip, 30° either side of the shaft.
                let back = Vec2::from_angle(side * 0.52).rotate(-dir);
                let tip = end - mid;
                if let Ok(mut t) = transforms.get_mut(child) {
                    *t = Transform::from_translation((tip + back * head / 2.0).extend(0.01))
                        .with_rotation(Quat::from_rotation_z(back.to_angle()));
                }
                if let Ok(mut s) = sprites.get_mut(child) {
                    s.custom_size = Some(Vec2::new(head, thickness));
                }
            } else if labels.contains(child)
                && let Ok(mut t) = transforms.get_mut(child)
            {
                t.scale = Vec3::splat(scale);
            }
        }
    }
}

/// Clicking an arrow erases it while playing, or shows its verdict after a check.
fn click_link(
    click: On<Pointer<Click>>,
    views: Query<&LinkView>,
    session: Option<Res<Session>>,
    drag: Res<DragState>,
    mut selection: ResMut<Selection>,
    mut actions: MessageWriter<PlayerAction>,
) {
    let Ok(LinkView(link)) = views.get(click.event_target()) else {
        return;
    };
    if click.button != PointerButton::Primary || drag.entity.is_some() {
        return;
    }
    let Some(session) = session else { return };
    match session.game.phase() {
        Phase::Playing => {
            actions.write(PlayerAction(Action::RemoveLink {
                from: link.from.clone(),
                to: link.to.clone(),
            }));
        }
        Phase::Checked(_) => {
            selection.link = Some(link.clone());
            selection.card = None;
        }
        Phase::Solution(_) => {}
    }
}
