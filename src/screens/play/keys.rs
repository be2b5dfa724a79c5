//! Keys of the play screen (when the canvas has the focus): Ctrl+Z takes back the last board
//! move, Ctrl+Shift+Z (or Ctrl+Y) makes it again (⌘ on a Mac); the arrow keys move the view,
//! `+` and `-` zoom, `0` frames the round again. They become the same `PlayerAction`s and
//! `UiAction`s as the buttons. Ignored while a card is being dragged, so that a key never leaves
//! a card half-moved. (Cards are moved with the keyboard in the HTML mirror, see
//! `crate::mirror`.)
//!
//! Keys are read as events, in order, with the modifiers held at each one: a slow frame may
//! receive a whole Ctrl+Z (both presses and both releases) at once, and the key's state at the
//! end of the frame would then have lost the Ctrl.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::platform::collections::HashSet;
use bevy::prelude::*;
use bevy::window::WindowFocused;

use bevy::input::keyboard::Key;

use crate::rules::Action;
use crate::session::PlayerAction;
use crate::table::DragState;
use crate::ui_action::UiAction;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        play_keys
            .in_set(crate::AppSystems::Input)
            .in_set(super::PlayViews),
    );
}

const COMMAND: [KeyCode; 4] = [
    KeyCode::ControlLeft,
    KeyCode::ControlRight,
    KeyCode::SuperLeft,
    KeyCode::SuperRight,
];
const SHIFT: [KeyCode; 2] = [KeyCode::ShiftLeft, KeyCode::ShiftRight];

fn play_keys(
    mut keys: MessageReader<KeyboardInput>,
    mut focus: MessageReader<WindowFocused>,
    mut held: Local<HashSet<KeyCode>>,
    drag: Res<DragState>,
    mut actions: MessageWriter<PlayerAction>,
    mut view: MessageWriter<UiAction>,
) {
    // Keys released while the page had no focus never arrive: forget them.
    if focus.read().any(|f| !f.focused) {
        held.clear();
    }
    for key in keys.read() {
        if key.state == ButtonState::Released {
            held.remove(&key.key_code);
            continue;
        }
        held.insert(key.key_code);
        let command = COMMAND.iter().any(|k| held.contains(k));
        if drag.entity.is_some() {
            continue;
        }
        if !command {
            let pan = |x: f32, y: f32| Some(UiAction::Pan(Vec2::new(x, y)));
            let action = match (&key.logical_key, key.key_code) {
                (_, KeyCode::ArrowLeft) => pan(-1.0, 0.0),
                (_, KeyCode::ArrowRight) => pan(1.0, 0.0),
                (_, KeyCode::ArrowUp) => pan(0.0, 1.0),
                (_, KeyCode::ArrowDown) => pan(0.0, -1.0),
                (Key::Character(c), _) if c == "+" || c == "=" => Some(UiAction::ZoomIn),
                (Key::Character(c), _) if c == "-" => Some(UiAction::ZoomOut),
                (Key::Character(c), _) if c == "0" => Some(UiAction::ZoomReset),
                _ => None,
            };
            if let Some(action) = action {
                view.write(action);
            }
            continue;
        }
        let shift = SHIFT.iter().any(|k| held.contains(k));
        match key.key_code {
            KeyCode::KeyZ if shift => {
                actions.write(PlayerAction(Action::Redo));
            }
            KeyCode::KeyZ => {
                actions.write(PlayerAction(Action::Undo));
            }
            KeyCode::KeyY => {
                actions.write(PlayerAction(Action::Redo));
            }
            _ => {}
        }
    }
}
