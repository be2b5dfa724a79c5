//! The one action path: [`PlayerAction`] messages are applied to the [`Session`]'s game by
//! [`rules::Game::apply`](crate::rules::Game::apply); what happened comes out as
//! [`GameEvent`]s, and refusals as [`ActionRejected`]. Mouse, touch, keyboard, the page's
//! HTML controls and (later) the network all write `PlayerAction`s.

use bevy::prelude::*;

use crate::AppSystems;
use crate::rules::{Action, Event, Game, RuleError};

/// The deck being played.
#[derive(Resource, Debug)]
pub struct Session {
    /// The deck's file, as listed in the catalogue.
    pub file: String,
    pub game: Game,
}

/// A move a player wants to make.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct PlayerAction(pub Action);

/// Something that happened to the game.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct GameEvent(pub Event);

/// An action the rules refused; the game is unchanged.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct ActionRejected {
    pub action: Action,
    pub error: RuleError,
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<PlayerAction>()
        .add_message::<GameEvent>()
        .add_message::<ActionRejected>()
        .add_systems(Update, apply_player_actions.in_set(AppSystems::Apply));
}

fn apply_player_actions(
    mut actions: MessageReader<PlayerAction>,
    session: Option<ResMut<Session>>,
    mut events: MessageWriter<GameEvent>,
    mut rejected: MessageWriter<ActionRejected>,
) {
    let Some(mut session) = session else {
        actions.clear();
        return;
    };
    for PlayerAction(action) in actions.read() {
        // Only a successful action marks the session as changed (views redraw from it).
        match session.bypass_change_detection().game.apply(action) {
            Ok(applied) => {
                session.set_changed();
                for event in applied {
                    events.write(GameEvent(event));
                }
            }
            Err(error) => {
                debug!("refused {action:?}: {error}");
                rejected.write(ActionRejected {
                    action: action.clone(),
                    error,
                });
            }
        }
    }
}
