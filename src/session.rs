//! The one action path: [`PlayerAction`] messages are applied to the [`Session`]'s game by
//! [`rules::Game::apply`](crate::rules::Game::apply); what happened comes out as
//! [`GameEvent`]s, and refusals as [`ActionRejected`]. Mouse, touch, keyboard, the page's
//! HTML controls and the network all write `PlayerAction`s. In a workshop ([`SharedPlay`]),
//! the workshop client takes the moves instead and sends them to the table.

use bevy::prelude::*;

use crate::AppSystems;
use crate::protocol::Refusal;
use crate::rules::{Action, Event, Game};

/// The deck being played.
#[derive(Resource, Debug)]
pub struct Session {
    /// The deck's file, as listed in the catalogue.
    pub file: String,
    pub game: Game,
    /// Every action applied to `game` since `Game::new`, in order (solo play: replaying them
    /// gives the same game, see [`crate::resume`]). Empty in a workshop, whose server keeps
    /// the table's log.
    pub log: Vec<Action>,
}

impl Session {
    /// A game as it starts (or as a workshop table shows it).
    pub fn new(file: impl Into<String>, game: Game) -> Self {
        Self {
            file: file.into(),
            game,
            log: Vec::new(),
        }
    }
}

/// A move a player wants to make.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct PlayerAction(pub Action);

/// Something that happened to the game.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct GameEvent(pub Event);

/// An action that was not made (the rules, or in a workshop the table, refused it); the
/// game is unchanged.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct ActionRejected {
    pub action: Action,
    pub refusal: Refusal,
}

/// What the play screen offers besides moves on the board. Solo play offers everything; a
/// workshop player leaves the lots, the rounds and restarting to the facilitator.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlayControls {
    /// "Next lot".
    pub deal_lots: bool,
    /// Previous and next round, and the summary.
    pub rounds: bool,
    /// "Play the round again".
    pub restart: bool,
    /// In a workshop: leaving the play screen leaves the workshop (or goes back to the
    /// console), not to the deck list.
    pub in_workshop: bool,
}

impl Default for PlayControls {
    fn default() -> Self {
        Self {
            deal_lots: true,
            rounds: true,
            restart: true,
            in_workshop: false,
        }
    }
}

/// Cards of the hand that someone else holds (a workshop deals cards to each player in
/// turn), with their name: the tray shows one's own cards first.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct HandHolders(pub std::collections::HashMap<crate::rules::CardId, String>);

/// A short notice for the play screen, shown once (e.g. "board exported"); set it from
/// anywhere, even before the play screen opens.
#[derive(Resource, Debug, Default)]
pub struct PlayNotice(pub Option<String>);

/// Moves are sent to a workshop table instead of being applied here (see `crate::workshop`).
#[derive(Resource, Debug, Default)]
pub struct SharedPlay;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PlayControls>()
        .init_resource::<HandHolders>()
        .init_resource::<PlayNotice>()
        .add_message::<PlayerAction>()
        .add_message::<GameEvent>()
        .add_message::<ActionRejected>()
        .add_systems(
            Update,
            apply_player_actions
                .in_set(AppSystems::Apply)
                .run_if(not(resource_exists::<SharedPlay>)),
        );
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
                session.log.push(action.clone());
                for event in applied {
                    events.write(GameEvent(event));
                }
            }
            Err(error) => {
                debug!("refused {action:?}: {error}");
                rejected.write(ActionRejected {
                    action: action.clone(),
                    refusal: Refusal::Rule(error),
                });
            }
        }
    }
}
