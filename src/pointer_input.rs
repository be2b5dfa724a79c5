//! Pointer input for picking, paced so that a press or a release is hit-tested where it
//! happened, whatever the frame rate.
//!
//! Bevy's picking hit-tests once per frame, at the pointer's last position of the frame, and
//! applies every pointer event of the frame against that one result. The game sleeps between
//! inputs, and a slow machine draws few frames, so one frame often receives "arrive on the
//! handle, press, start moving" together: the press was then hit-tested where the pointer had
//! moved to, and the arrow was never started. (A release likewise uses the previous frame's
//! hover to find what was clicked.)
//!
//! This plugin replaces Bevy's mouse and touch input systems with the same conversion
//! (window events → [`PointerInput`]) followed by a queue that ends a frame's batch right
//! after a press and right before a release, and asks for the next frame at once. So a press
//! is always the last position of its frame (the hover map is computed there) and a release
//! always starts its frame (the previous frame ended where it happens). Nothing is dropped:
//! the rest of the batch comes one frame later, a few milliseconds at most.

use std::collections::VecDeque;

use bevy::camera::RenderTarget;
use bevy::input::ButtonState;
use bevy::input::mouse::MouseWheel;
use bevy::input::touch::TouchPhase;
use bevy::picking::PickingSystems;
use bevy::picking::input::PointerInputSettings;
use bevy::picking::pointer::{Location, PointerAction, PointerButton, PointerId, PointerInput};
use bevy::platform::collections::HashSet;
use bevy::prelude::*;
use bevy::window::{PrimaryWindow, RequestRedraw, WindowEvent, WindowRef};

/// Pointer events read from the window and not yet given to picking.
#[derive(Resource, Default, Debug)]
struct PendingPointerInput(VecDeque<PointerInput>);

/// Pointers whose primary button (or finger) is down, as picking has seen so far.
#[derive(Resource, Default, Debug)]
pub struct PointersDown(pub HashSet<PointerId>);

impl PointersDown {
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(PointerInputSettings {
        is_touch_enabled: false,
        is_mouse_enabled: false,
    })
    .init_resource::<PendingPointerInput>()
    .init_resource::<PointersDown>()
    .add_systems(
        First,
        (read_window_pointer_events, release_paced_input)
            .chain()
            .in_set(PickingSystems::Input),
    )
    .add_systems(Last, remove_lifted_touch_pointers);
}

/// Window events → pointer inputs, queued (the same conversion as Bevy's own input systems).
fn read_window_pointer_events(
    mut window_events: MessageReader<WindowEvent>,
    primary_window: Query<Entity, With<PrimaryWindow>>,
    mut cursor_last: Local<Vec2>,
    mut touch_last: Local<bevy::platform::collections::HashMap<u64, Vec2>>,
    mut pending: ResMut<PendingPointerInput>,
) {
    let primary = primary_window.single().ok();
    let target =
        |window: Entity| RenderTarget::Window(WindowRef::Entity(window)).normalize(primary);
    for event in window_events.read() {
        let (pointer, window, position, action) = match event {
            WindowEvent::CursorMoved(e) => {
                let delta = e.position - *cursor_last;
                *cursor_last = e.position;
                (
                    PointerId::Mouse,
                    e.window,
                    e.position,
                    PointerAction::Move { delta },
                )
            }
            WindowEvent::MouseButtonInput(input) => {
                let button = match input.button {
                    MouseButton::Left => PointerButton::Primary,
                    MouseButton::Right => PointerButton::Secondary,
                    MouseButton::Middle => PointerButton::Middle,
                    _ => continue,
                };
                let action = match input.state {
                    ButtonState::Pressed => PointerAction::Press(button),
                    ButtonState::Released => PointerAction::Release(button),
                };
                (PointerId::Mouse, input.window, *cursor_last, action)
            }
            WindowEvent::MouseWheel(e) => {
                let MouseWheel {
                    unit,
                    x,
                    y,
                    window,
                    phase,
                } = *e;
                let action = PointerAction::Scroll { x, y, unit, phase };
                (PointerId::Mouse, window, *cursor_last, action)
            }
            WindowEvent::TouchInput(touch) => {
                let pointer = PointerId::Touch(touch.id);
                let action = match touch.phase {
                    TouchPhase::Started => {
                        touch_last.insert(touch.id, touch.position);
                        PointerAction::Press(PointerButton::Primary)
                    }
                    TouchPhase::Moved => {
                        let Some(last) = touch_last.insert(touch.id, touch.position) else {
                            continue;
                        };
                        if last == touch.position {
                            continue;
                        }
                        PointerAction::Move {
                            delta: touch.position - last,
                        }
                    }
                    TouchPhase::Ended => {
                        touch_last.remove(&touch.id);
                        PointerAction::Release(PointerButton::Primary)
                    }
                    TouchPhase::Canceled => {
                        touch_last.remove(&touch.id);
                        PointerAction::Cancel
                    }
                };
                (pointer, touch.window, touch.position, action)
            }
            _ => continue,
        };
        let Some(target) = target(window) else {
            continue;
        };
        pending.0.push_back(PointerInput::new(
            pointer,
            Location { target, position },
            action,
        ));
    }
}

fn is_press(input: &PointerInput) -> bool {
    matches!(input.action, PointerAction::Press(_))
}

fn is_release(input: &PointerInput) -> bool {
    matches!(
        input.action,
        PointerAction::Release(_) | PointerAction::Cancel
    )
}

/// How many queued inputs go to picking this frame: up to and including the first press, and
/// never a release after something else.
fn batch_len(queue: &VecDeque<PointerInput>) -> usize {
    let mut n = 0;
    for input in queue {
        if is_release(input) && n > 0 {
            break;
        }
        n += 1;
        if is_press(input) {
            break;
        }
    }
    n
}

/// Gives this frame's batch to picking; touch pointers are created at their press and removed
/// after their release, as Bevy's own touch input does.
fn release_paced_input(
    mut commands: Commands,
    mut pending: ResMut<PendingPointerInput>,
    mut down: ResMut<PointersDown>,
    pointers: Query<(Entity, &PointerId)>,
    mut inputs: MessageWriter<PointerInput>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let n = batch_len(&pending.0);
    for input in pending.0.drain(..n) {
        let primary = matches!(
            input.action,
            PointerAction::Press(PointerButton::Primary)
                | PointerAction::Release(PointerButton::Primary)
                | PointerAction::Cancel
        );
        if primary && is_press(&input) {
            down.0.insert(input.pointer_id);
            if let PointerId::Touch(_) = input.pointer_id {
                commands.spawn((
                    input.pointer_id,
                    bevy::picking::pointer::PointerLocation::new(input.location.clone()),
                ));
            }
        } else if primary {
            down.0.remove(&input.pointer_id);
            if let PointerId::Touch(_) = input.pointer_id {
                // Removed next frame, once picking has handled the release.
                for (entity, id) in &pointers {
                    if *id == input.pointer_id {
                        commands.entity(entity).insert(RemoveTouchPointer);
                    }
                }
            }
        }
        inputs.write(input);
    }
    if !pending.0.is_empty() {
        redraw.write(RequestRedraw);
    }
}

/// A touch pointer whose finger has lifted: despawned at the end of the frame.
#[derive(Component)]
struct RemoveTouchPointer;

fn remove_lifted_touch_pointers(
    mut commands: Commands,
    lifted: Query<Entity, With<RemoveTouchPointer>>,
) {
    for entity in &lifted {
        commands.entity(entity).despawn();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevy::camera::NormalizedRenderTarget;

    fn input(action: PointerAction) -> PointerInput {
        PointerInput::new(
            PointerId::Mouse,
            Location {
                target: NormalizedRenderTarget::None {
                    width: 1,
                    height: 1,
                },
                position: Vec2::ZERO,
            },
            action,
        )
    }

    fn mv() -> PointerInput {
        input(PointerAction::Move { delta: Vec2::ONE })
    }

    fn press() -> PointerInput {
        input(PointerAction::Press(PointerButton::Primary))
    }

    fn release() -> PointerInput {
        input(PointerAction::Release(PointerButton::Primary))
    }

    fn batches(mut queue: VecDeque<PointerInput>) -> Vec<usize> {
        let mut out = Vec::new();
        while !queue.is_empty() {
            let n = batch_len(&queue);
            assert!(n > 0, "every frame makes progress");
            queue.drain(..n);
            out.push(n);
        }
        out
    }

    #[test]
    fn a_press_ends_its_frame_and_a_release_starts_one() {
        // Arrive, press, drag, release, move on: four frames.
        let queue = VecDeque::from(vec![mv(), mv(), press(), mv(), mv(), release(), mv()]);
        assert_eq!(batches(queue), vec![3, 2, 2]);
    }

    #[test]
    fn moves_alone_are_one_frame() {
        assert_eq!(batches(VecDeque::from(vec![mv(), mv(), mv()])), vec![3]);
    }

    #[test]
    fn a_quick_click_takes_two_frames() {
        assert_eq!(
            batches(VecDeque::from(vec![mv(), press(), release()])),
            vec![2, 1]
        );
    }
}
