//! The play screen's layout: the bars and panels around the board, in logical pixels. The
//! board's views and the camera keep cards in the free part between them.

use bevy::prelude::*;

/// Height of the bar at the top of the play screen.
pub const TOP_BAR_HEIGHT: f32 = 60.0;
/// Height of the hand tray at the bottom of the play screen.
pub const TRAY_HEIGHT: f32 = 192.0;
/// Width of the side panel on the right of the play screen.
pub const PANEL_WIDTH: f32 = 370.0;

/// Where the camera sits relative to the point of the board that shows in the middle of the
/// free area (between the bars, left of the panel), in world units per unit of zoom (y up).
pub fn camera_shift() -> Vec2 {
    Vec2::new(PANEL_WIDTH / 2.0, (TOP_BAR_HEIGHT - TRAY_HEIGHT) / 2.0)
}
