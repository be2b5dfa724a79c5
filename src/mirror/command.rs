//! What a button of the mirror asks for, and how it becomes the same [`UiAction`] a click or a
//! drop on the canvas makes (so the mirror has no path of its own into the game).

use serde::{Deserialize, Serialize};

use crate::rules::{Action, CardId, Game, Place};
use crate::ui_action::UiAction;

/// A mirror button's command, sent back by the page as JSON (`{"do": "zone", …}`).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "do", rename_all = "kebab-case")]
pub enum Command {
    /// Press the game's own button with this automation id.
    Press { id: String },
    /// Choose a card to move: its destinations are offered next.
    Choose { card: String },
    /// Put a hand card on the board (where the mouse's click on a hand card puts it).
    Place { card: String },
    /// Send the chosen card into a zone (its index).
    Zone { card: String, zone: usize },
    /// Send the chosen card first on the timeline, or right after another card.
    After {
        card: String,
        #[serde(default)]
        after: Option<String>,
    },
    /// Pair the chosen card with another one.
    With { card: String, with: String },
    /// Start an arrow from a card: its possible ends are offered next.
    LinkFrom { card: String },
    /// Draw the arrow.
    LinkTo { from: String, to: String },
    /// Erase an arrow (or undo a pair).
    Unlink { from: String, to: String },
    /// Take a card back to the hand.
    Return { card: String },
    /// Stop choosing a destination or an arrow's end.
    Cancel,
}

impl Command {
    /// The interface actions this command makes, in order. `Press` is resolved by the caller
    /// (it needs the screen's buttons); a move the round does not allow makes none.
    pub fn actions(&self, game: Option<&Game>) -> Vec<UiAction> {
        let id = |s: &str| CardId::from(s);
        let send = |card: &str, place: Place| -> Vec<UiAction> {
            game.and_then(|g| g.move_to(&id(card), &place))
                .map(|action| vec![UiAction::Play(action), UiAction::CancelMove])
                .unwrap_or_default()
        };
        match self {
            Command::Press { .. } => Vec::new(),
            Command::Choose { card } => vec![UiAction::MoveFrom(id(card))],
            Command::Place { card } => {
                vec![UiAction::PlaceFromHand(id(card)), UiAction::CancelMove]
            }
            Command::Zone { card, zone } => send(card, Place::Zone(*zone)),
            Command::After { card, after } => send(card, Place::After(after.as_deref().map(id))),
            Command::With { card, with } => send(card, Place::With(id(with))),
            Command::LinkFrom { card } => vec![UiAction::LinkFrom(id(card))],
            Command::LinkTo { from, to } => vec![
                UiAction::Play(Action::AddLink {
                    from: id(from),
                    to: id(to),
                }),
                UiAction::CancelLink,
            ],
            Command::Unlink { from, to } => vec![UiAction::Play(Action::RemoveLink {
                from: id(from),
                to: id(to),
            })],
            Command::Return { card } => vec![UiAction::Play(Action::ReturnCard { card: id(card) })],
            Command::Cancel => vec![UiAction::CancelMove, UiAction::CancelLink],
        }
    }
}
