//! The board: a large sheet under the cards, with the round's landmarks (the zones of a
//! categories round, the line of a timeline). Dragging it pans the view; clicking it clears
//! the selection.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::text::TextBounds;

use super::camera::{MainCamera, clamp_to_board, scale_of};
use super::{DragState, Selection};
use crate::AppSystems;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{
    BOARD_HALF_HEIGHT, BOARD_HALF_WIDTH, CARD_HEIGHT, Pos, RoundKind, TIMELINE_Y, ZONE_HEADER,
    timeline_extent, zone_rects,
};
use crate::screens::Screen;
use crate::session::Session;
use crate::theme::font::UiFonts;
use crate::theme::palette;

#[derive(Component)]
pub struct BoardBackground;

/// The edge of a categories round's zone (its index): ringed while the HTML mirror's focus is
/// on a destination naming it.
#[derive(Component)]
pub struct ZoneEdge(pub usize);

/// The landmarks drawn for one round (by index), rebuilt when the round changes.
#[derive(Component)]
pub struct BoardDecor(pub usize);

/// Soft tints told apart by their labels, not by colour alone.
const ZONE_TINTS: [Color; 6] = [
    Color::srgb(0.89, 0.93, 0.98),
    Color::srgb(0.98, 0.93, 0.86),
    Color::srgb(0.90, 0.96, 0.90),
    Color::srgb(0.96, 0.91, 0.97),
    Color::srgb(0.97, 0.96, 0.86),
    Color::srgb(0.90, 0.95, 0.96),
];

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Play),
        spawn_board.after(crate::screens::flow::EnterPlay),
    )
    .add_systems(
        Update,
        (sync_decor, ring_zone.after(sync_decor))
            .in_set(AppSystems::Sync)
            .in_set(crate::screens::flow::PlayViews),
    );
}

fn ring_zone(
    selection: Res<super::Selection>,
    mut edges: Query<(&ZoneEdge, &mut Sprite)>,
    added: Query<(), Added<ZoneEdge>>,
) {
    if !selection.is_changed() && added.is_empty() {
        return;
    }
    for (ZoneEdge(i), mut sprite) in &mut edges {
        let color = if selection.keyboard_zone == Some(*i) {
            palette::CARD_SELECTED
        } else {
            palette::BOARD_EDGE
        };
        if sprite.color != color {
            sprite.color = color;
        }
    }
}

fn sync_decor(
    mut commands: Commands,
    session: Res<Session>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    decor: Query<(Entity, &BoardDecor)>,
) {
    let round = session.game.round_index();
    let current = decor.iter().any(|(_, BoardDecor(r))| *r == round);
    if current && !lang.is_changed() {
        return;
    }
    for (entity, _) in &decor {
        commands.entity(entity).despawn();
    }
    let root = commands
        .spawn((
            Name::new("Board landmarks"),
            BoardDecor(round),
            Transform::from_xyz(0.0, 0.0, -5.0),
            Visibility::default(),
            DespawnOnExit(Screen::Play),
        ))
        .id();
    match session.game.kind() {
        RoundKind::Categories(r) => {
            for (i, (zone, rect)) in r.zones.iter().zip(zone_rects(r)).enumerate() {
                let c = rect.center();
                let size = Vec2::new(rect.width(), rect.height());
                commands.spawn((
                    Name::new(format!("Zone {}", zone.id)),
                    Sprite::from_color(ZONE_TINTS[i % ZONE_TINTS.len()], size),
                    Transform::from_xyz(c.x, c.y, 0.0),
                    ChildOf(root),
                    children![(
                        Sprite::from_color(palette::BOARD_EDGE, size + Vec2::splat(12.0)),
                        Transform::from_xyz(0.0, 0.0, -0.01),
                        ZoneEdge(i),
                    )],
                ));
                let top = Vec2::new(rect.min.x + 24.0, rect.max.y - 20.0);
                commands.spawn((
                    Text2d::new(zone.label.clone()),
                    fonts.bold(40.0),
                    TextColor(palette::INK),
                    TextBounds::new_horizontal(rect.width() - 48.0),
                    Anchor::TOP_LEFT,
                    Transform::from_xyz(top.x, top.y, 0.1),
                    ChildOf(root),
                    children![(
                        TextSpan::new(
                            zone.description
                                .as_ref()
                                .map(|d| format!("\n{d}"))
                                .unwrap_or_default()
                        ),
                        fonts.regular(22.0),
                        TextColor(palette::INK_SOFT),
                    )],
                ));
                // A line under the header: cards go below it.
                commands.spawn((
                    Sprite::from_color(palette::BOARD_EDGE, Vec2::new(rect.width() - 40.0, 3.0)),
                    Transform::from_xyz(c.x, rect.max.y - ZONE_HEADER + 20.0, 0.05),
                    ChildOf(root),
                ));
            }
        }
        RoundKind::Timeline(r) => {
            let (left, right) = timeline_extent(r);
            let length = right - left;
            commands.spawn((
                Name::new("Timeline"),
                Sprite::from_color(palette::LINK, Vec2::new(length, 8.0)),
                Transform::from_xyz((left + right) / 2.0, TIMELINE_Y, 0.0),
                ChildOf(root),
            ));
            for side in [-1.0f32, 1.0] {
                commands.spawn((
                    Sprite::from_color(palette::LINK, Vec2::new(60.0, 8.0)),
                    Transform::from_xyz(right - 22.0, TIMELINE_Y + side * 18.0, 0.0)
                        .with_rotation(Quat::from_rotation_z(-side * 0.6)),
                    ChildOf(root),
                ));
            }
            for (x, key, anchor) in [
                (left, Key::TimelineStart, Anchor::BOTTOM_LEFT),
                (right, Key::TimelineEnd, Anchor::BOTTOM_RIGHT),
            ] {
                commands.spawn((
                    Text2d::new(lang.t(key)),
                    fonts.bold(44.0),
                    TextColor(palette::INK_SOFT),
                    anchor,
                    Transform::from_xyz(x, TIMELINE_Y + CARD_HEIGHT + 40.0, 0.1),
                    ChildOf(root),
                ));
            }
        }
        RoundKind::Links(_) | RoundKind::Matching(_) => {}
    }
}

fn spawn_board(mut commands: Commands) {
    let size = Vec2::new(BOARD_HALF_WIDTH, BOARD_HALF_HEIGHT) * 2.0;
    commands
        .spawn((
            Name::new("Board"),
            BoardBackground,
            Sprite::from_color(palette::BOARD, size),
            Transform::from_xyz(0.0, 0.0, -10.0),
            Pickable::default(),
            DespawnOnExit(Screen::Play),
            children![(
                Name::new("Board edge"),
                Sprite::from_color(palette::BOARD_EDGE, size + Vec2::splat(16.0)),
                Transform::from_xyz(0.0, 0.0, -0.5),
            )],
        ))
        .observe(start_pan)
        .observe(pan)
        .observe(end_pan)
        .observe(click_board);
}

fn start_pan(press: On<Pointer<DragStart>>, mut drag: ResMut<DragState>) {
    *drag = DragState {
        entity: Some(press.event_target()),
        distance: 0.0,
    };
}

fn pan(
    motion: On<Pointer<Drag>>,
    mut drag: ResMut<DragState>,
    mut camera: Single<(&mut Transform, &Projection), With<MainCamera>>,
    pinch: Res<super::touch::Pinch>,
) {
    // Two fingers pan (and zoom) together, see `super::touch`.
    if pinch.active() {
        return;
    }
    drag.distance = motion.distance.length();
    let (transform, projection) = &mut *camera;
    let scale = scale_of(projection);
    let delta = Vec2::new(-motion.delta.x, motion.delta.y) * scale;
    let moved = clamp_to_board(transform.translation.truncate() + delta);
    transform.translation = moved.extend(transform.translation.z);
}

fn end_pan(_: On<Pointer<DragEnd>>, mut drag: ResMut<DragState>) {
    *drag = DragState::default();
}

fn click_board(
    click: On<Pointer<Click>>,
    drag: Res<DragState>,
    mut selection: ResMut<Selection>,
    session: Res<Session>,
    camera: Single<(&Camera, &GlobalTransform), With<MainCamera>>,
    mut actions: MessageWriter<crate::session::PlayerAction>,
) {
    if click.button != PointerButton::Primary || drag.was_dragged(click.event_target()) {
        return;
    }
    // Moving without dragging: the place chosen is where the card goes, as if dropped there.
    if let Some(card) = selection.moving.take() {
        if let Some(at) = super::cards::pointer_world(&camera, click.pointer_location.position) {
            let action = session.game.drop_action(&card, Pos::new(at.x, at.y));
            actions.write(crate::session::PlayerAction(action));
        }
        selection.card = Some(card);
        return;
    }
    selection.card = None;
    selection.link = None;
    selection.linking_from = None;
}
