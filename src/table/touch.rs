//! Two fingers on the board: pinch to zoom (around the point between the fingers) and move
//! them together to pan. A second finger stops what one finger was doing: a card being dragged
//! goes back to its place, and the board no longer follows the first finger alone.

use bevy::input::touch::Touches;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::camera::{MainCamera, clamp_to_board, scale_of, zoom_at};
use super::{DragState, ResyncBoard};
use crate::screens::Screen;
use crate::theme::layout::{PANEL_WIDTH, TOP_BAR_HEIGHT, TRAY_HEIGHT};

/// The two fingers of a pinch in the last frame: their distance and the point between them
/// (window pixels). `None` when fewer or more than two fingers touch the board.
#[derive(Resource, Default, Debug)]
pub struct Pinch(Option<(f32, Vec2)>);

impl Pinch {
    pub fn active(&self) -> bool {
        self.0.is_some()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Pinch>().add_systems(
        Update,
        pinch
            .in_set(crate::AppSystems::Input)
            .run_if(in_state(Screen::Play)),
    );
}

/// Whether a window point lies on the board's part of the screen (not a bar or the panel).
fn over_board(window: &Window, p: Vec2) -> bool {
    p.x < window.width() - PANEL_WIDTH
        && p.y > TOP_BAR_HEIGHT
        && p.y < window.height() - TRAY_HEIGHT
}

fn pinch(
    touches: Res<Touches>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut state: ResMut<Pinch>,
    mut drag: ResMut<DragState>,
    mut resync: MessageWriter<ResyncBoard>,
    mut camera: Single<
        (&Camera, &GlobalTransform, &mut Transform, &mut Projection),
        With<MainCamera>,
    >,
) {
    let fingers: Vec<Vec2> = touches.iter().map(|t| t.position()).collect();
    let [a, b] = fingers[..] else {
        state.0 = None;
        return;
    };
    let (distance, middle) = (a.distance(b).max(1.0), (a + b) / 2.0);
    match state.0 {
        Some((last_distance, last_middle)) => {
            let (cam, global, transform, projection) = &mut *camera;
            // Fingers apart: closer (zoom in); fingers together: further (zoom out).
            zoom_at(
                cam,
                global,
                transform,
                projection,
                middle,
                last_distance / distance,
            );
            let moved = (middle - last_middle) * scale_of(projection);
            let centre = transform.translation.truncate() + Vec2::new(-moved.x, moved.y);
            transform.translation = clamp_to_board(centre).extend(transform.translation.z);
        }
        None if !over_board(&window, middle) => return,
        None => {
            if drag.entity.is_some() {
                *drag = DragState::default();
                resync.write(ResyncBoard);
            }
        }
    }
    state.0 = Some((distance, middle));
}
