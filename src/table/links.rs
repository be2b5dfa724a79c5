//! Arrows between cards: one entity per link of the game, laid out every frame from the
//! cards' current places (so they follow a card being dragged), kept the same thickness on
//! screen at any zoom, and labelled with their verdict after a check (icon + word + colour).

use bevy::prelude::*;

use super::camera::{MainCamera, scale_of};
use super::cards::BoardCard;
use super::{CARD_SIZE, DragState, Selection};
use crate::AppSystems;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{Action, CardId, Link, Phase, Verdict};
use crate::screens::Screen;
use crate::session::{PlayerAction, Session};
use crate::theme::font::UiFonts;
use crate::theme::palette;

/// An arrow on the board (the root entity sits at the arrow's middle).
#[derive(Component, Debug, Clone)]
pub struct LinkView(pub Link);

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
        .add_systems(OnEnter(Screen::Play), clear_link_drag)
        .add_systems(
            Update,
            (sync_links, layout_links, draw_pending_link)
                .chain()
                .in_set(AppSystems::Sync)
                .run_if(in_state(Screen::Play).and_then(resource_exists::<Session>)),
        )
        .add_observer(click_link);
}

fn clear_link_drag(mut link_drag: ResMut<LinkDrag>) {
    *link_drag = LinkDrag::default();
}

/// The label and colour of a verdict. Never colour alone: an icon and a word too.
pub fn verdict_style(lang: Lang, verdict: &Verdict) -> (String, Color) {
    match verdict {
        Verdict::Correct { .. } => (
            format!("✓ {}", lang.t(Key::VerdictCorrect)),
            palette::CORRECT,
        ),
        Verdict::Acceptable { .. } => (
            format!("≈ {}", lang.t(Key::VerdictAcceptable)),
            palette::ACCEPTABLE,
        ),
        Verdict::Wrong(_) => (format!("✗ {}", lang.t(Key::VerdictWrong)), palette::WRONG),
    }
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
    let report = game.report();
    for link in game.board().links() {
        let verdict = report.and_then(|r| r.verdict(link));
        let color = verdict.map_or(palette::LINK, |v| verdict_style(*lang, v).1);
        let mut root = commands.spawn((
            Name::new(format!("Link {} -> {}", link.from, link.to)),
            LinkView(link.clone()),
            Transform::from_xyz(0.0, 0.0, LINK_Z),
            Visibility::default(),
            DespawnOnExit(Screen::Play),
        ));
        root.with_children(|parent| {
            parent.spawn((
                LinkBody,
                Sprite::from_color(color, Vec2::ONE),
                Transform::default(),
                Pickable::default(),
            ));
            for side in [-1.0, 1.0] {
                parent.spawn((
                    LinkBarb(side),
                    Sprite::from_color(color, Vec2::ONE),
                    Transform::default(),
                    Pickable::default(),
                ));
            }
            if let Some(verdict) = verdict {
                let (label, color) = verdict_style(*lang, verdict);
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

fn layout_links(
    views: Query<(Entity, &LinkView, &Children)>,
    mut transforms: Query<&mut Transform, Without<BoardCard>>,
    mut sprites: Query<&mut Sprite>,
    bodies: Query<(), With<LinkBody>>,
    barbs: Query<&LinkBarb>,
    labels: Query<(), With<LinkLabel>>,
    cards: Query<(&BoardCard, &Transform)>,
    camera: Single<&Projection, With<MainCamera>>,
) {
    let scale = scale_of(&camera);
    let thickness = THICKNESS_PX * scale;
    let head = HEAD_PX * scale;
    let center_of = |id: &CardId| {
        cards
            .iter()
            .find(|(BoardCard(c), _)| c == id)
            .map(|(_, t)| t.translation.truncate())
    };
    for (root, LinkView(link), children) in &views {
        let (Some(a), Some(b)) = (center_of(&link.from), center_of(&link.to)) else {
            continue;
        };
        let (start, end) = arrow_segment(a, b, 6.0).unwrap_or((a, b));
        let mid = (start + end) / 2.0;
        if let Ok(mut t) = transforms.get_mut(root) {
            t.translation = mid.extend(LINK_Z);
        }
        let dir = (end - start).normalize_or(Vec2::X);
        let length = (end - start).length();
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

fn draw_pending_link(
    link_drag: Res<LinkDrag>,
    cards: Query<(&BoardCard, &Transform)>,
    mut gizmos: Gizmos,
) {
    let (Some(from), Some(to)) = (&link_drag.from, link_drag.to) else {
        return;
    };
    if let Some((_, t)) = cards.iter().find(|(BoardCard(c), _)| c == from) {
        gizmos
            .arrow_2d(t.translation.truncate(), to, palette::ACCENT)
            .with_tip_length(18.0);
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
    }
}
