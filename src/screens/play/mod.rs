//! The play screen's interface around the board: the round's instructions ([`intro`]), the
//! top bar ([`top_bar`]), the side panel ([`side_panel`], with a check's [`report`]) and short
//! notices ([`notice`]); exporting a checked board ([`export`]); keys ([`keys`]). Buttons send
//! `UiAction`s; game moves become `PlayerAction`s.

mod export;
mod intro;
mod keys;
mod notice;
mod report;
mod side_panel;
mod top_bar;

use bevy::prelude::*;

use crate::AppSystems;
use crate::rules::{Action, Event};
pub use crate::screens::flow::PlayViews;
use crate::session::{GameEvent, PlayerAction};
use crate::table::Selection;
use crate::ui_action::UiAction;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            play_actions.in_set(AppSystems::Input),
            selection_follows_the_game.in_set(AppSystems::Sync),
        )
            .in_set(PlayViews),
    )
    .add_plugins((
        intro::plugin,
        top_bar::plugin,
        side_panel::plugin,
        notice::plugin,
        export::plugin,
        keys::plugin,
    ));
}

/// Buttons that make a move, and the side panel's choices.
fn play_actions(
    mut ui_actions: MessageReader<UiAction>,
    mut actions: MessageWriter<PlayerAction>,
    mut selection: ResMut<Selection>,
) {
    for action in ui_actions.read() {
        match action {
            UiAction::Play(action) => {
                actions.write(PlayerAction(action.clone()));
            }
            UiAction::Inspect(card) => {
                selection.card = Some(card.clone());
                selection.link = None;
            }
            UiAction::CloseInspector => {
                selection.card = None;
                selection.link = None;
            }
            UiAction::LinkFrom(card) => {
                selection.linking_from = Some(card.clone());
                selection.moving = None;
            }
            UiAction::CancelLink => selection.linking_from = None,
            UiAction::MoveFrom(card) => {
                selection.moving = Some(card.clone());
                selection.linking_from = None;
            }
            UiAction::CancelMove => selection.moving = None,
            _ => {}
        }
    }
}

/// What is chosen on the board gives way when the game moves on: a check shows its report,
/// another round or a restart starts afresh.
fn selection_follows_the_game(
    mut events: MessageReader<GameEvent>,
    mut selection: ResMut<Selection>,
) {
    for GameEvent(event) in events.read() {
        match event {
            Event::Checked(_) => {
                selection.card = None;
                selection.link = None;
                selection.linking_from = None;
            }
            Event::Reopened => selection.link = None,
            Event::SolutionShown => {
                selection.card = None;
                selection.link = None;
            }
            Event::RoundRestarted { .. } | Event::RoundOpened { .. } | Event::Finished => {
                *selection = Selection::default();
            }
            Event::CardReturned { card } if selection.card.as_ref() == Some(card) => {
                selection.card = None;
            }
            _ => {}
        }
    }
}

/// A button's move, e.g. `play(Action::Check)`.
pub fn play(action: Action) -> UiAction {
    UiAction::Play(action)
}
