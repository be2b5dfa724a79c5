//! Mouse-wheel scrolling for UI columns marked [`ScrollWithWheel`] (Bevy leaves it to games).

use bevy::input::mouse::MouseScrollUnit;
use bevy::prelude::*;

/// A UI node whose overflowing content scrolls with the wheel.
#[derive(Component, Default)]
pub struct ScrollWithWheel;

const LINE_HEIGHT: f32 = 36.0;

pub(super) fn plugin(app: &mut App) {
    app.add_observer(scroll_with_wheel);
}

fn scroll_with_wheel(
    mut scroll: On<Pointer<Scroll>>,
    mut nodes: Query<(&mut ScrollPosition, &ComputedNode), With<ScrollWithWheel>>,
) {
    let Ok((mut position, node)) = nodes.get_mut(scroll.event_target()) else {
        return;
    };
    scroll.propagate(false);
    let step = match scroll.unit {
        MouseScrollUnit::Line => LINE_HEIGHT,
        MouseScrollUnit::Pixel => 1.0,
    };
    let max = ((node.content_size().y - node.size().y) * node.inverse_scale_factor()).max(0.0);
    position.y = (position.y - scroll.y * step).clamp(0.0, max);
}
