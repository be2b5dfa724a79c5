//! The board: a large sheet under the cards. Dragging it pans the view; clicking it clears
//! the selection.

use bevy::prelude::*;

use super::camera::{MainCamera, clamp_to_board, scale_of};
use super::{DragState, Selection};
use crate::rules::{BOARD_HALF_HEIGHT, BOARD_HALF_WIDTH};
use crate::screens::Screen;
use crate::theme::palette;

#[derive(Component)]
pub struct BoardBackground;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Play), spawn_board);
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
) {
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

fn click_board(click: On<Pointer<Click>>, drag: Res<DragState>, mut selection: ResMut<Selection>) {
    if click.button != PointerButton::Primary || drag.was_dragged(click.event_target()) {
        return;
    }
    selection.card = None;
    selection.link = None;
    selection.linking_from = None;
}
