//! Keys of the play screen: Ctrl+Z takes back the last board move, Ctrl+Shift+Z (or Ctrl+Y)
//! makes it again (⌘ on a Mac). They become the same `PlayerAction`s as the buttons. Ignored
//! while a card is being dragged, so that a key never leaves a card half-moved.

use bevy::prelude::*;

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

fn undo_keys(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    drag: Res<DragState>,
    mut actions: MessageWriter<PlayerAction>,
) {
    let Some(keys) = keys else {
        return;
    };
    let command = keys.any_pressed([
        KeyCode::ControlLeft,
        KeyCode::ControlRight,
        KeyCode::SuperLeft,
        KeyCode::SuperRight,
    ]);
    if !command || drag.entity.is_some() {
        return;
    }
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    if keys.just_pressed(KeyCode::KeyZ) {
        actions.write(PlayerAction(if shift {
            Action::Redo
        } else {
            Action::Undo
        }));
    } else if keys.just_pressed(KeyCode::KeyY) {
        actions.write(PlayerAction(Action::Redo));
    }
}
