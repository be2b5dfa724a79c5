//! Keys of the play screen: Ctrl+Z takes back the last board move, Ctrl+Shift+Z (or Ctrl+Y)
//! makes it again (⌘ on a Mac). They become the same `PlayerAction`s as the buttons. Ignored
//! while a card is being dragged, so that a key never leaves a card half-moved.
//!
//! Keys are read as events, in order, with the modifiers held at each one: a slow frame may
//! receive a whole Ctrl+Z (both presses and both releases) at once, and the key's state at the
//! end of the frame would then have lost the Ctrl.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::platform::collections::HashSet;
use bevy::prelude::*;
use bevy::window::WindowFocused;

use crate::rules::Action;
use crate::session::PlayerAction;
use crate::table::DragState;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        undo_keys
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

fn undo_keys(
    mut keys: MessageReader<KeyboardInput>,
    mut focus: MessageReader<WindowFocused>,
    mut held: Local<HashSet<KeyCode>>,
    drag: Res<DragState>,
    mut actions: MessageWriter<PlayerAction>,
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
        if !command || drag.entity.is_some() {
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
