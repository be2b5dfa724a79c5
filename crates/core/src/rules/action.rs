//! What players can do ([`Action`]), what happened ([`Event`]) and why an action was refused
//! ([`RuleError`]).

use serde::{Deserialize, Serialize};

use super::board::{Link, Pos};
use super::check::Report;
use super::deck::CardId;

/// A player's intention. Every input path builds one of these (and the workshop protocol
/// carries them as they are).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Put a card from the hand onto the board.
    PlaceCard { card: CardId, at: Pos },
    /// Move a card already on the board (its links follow).
    MoveCard { card: CardId, to: Pos },
    /// Take a card off the board back to the hand; its links are removed.
    ReturnCard { card: CardId },
    /// Draw a link "from causes to".
    AddLink { from: CardId, to: CardId },
    /// Erase a link.
    RemoveLink { from: CardId, to: CardId },
    /// In a matching round: drop `card` (from the hand or the board) onto `with` to pair them;
    /// `card` lands `at`, beside its partner. One move: both happen, or neither.
    PairCards { card: CardId, with: CardId, at: Pos },
    /// Reveal the next lot of cards.
    RevealNextLot,
    /// Compare the board with the reference and give feedback.
    Check,
    /// Leave the feedback (or the solution) and play on with the players' own board.
    Retry,
    /// After a check: show where every card belongs (the players' board is kept).
    ShowSolution,
    /// Empty the current round's board to play it again from the start.
    RestartRound,
    /// Go to another round of the parcours: a round already reached, or the next one once
    /// the current round has been checked.
    GoToRound(usize),
    /// End the parcours and show the summary (every round checked at least once).
    Finish,
    /// Take back the last board move of the round (a card placed, moved or returned, an arrow
    /// or a pair drawn or erased).
    Undo,
    /// Make again the last board move taken back (until another move is made).
    Redo,
}

impl Action {
    /// Whether this action moves cards or arrows on the board (what [`Action::Undo`] takes
    /// back).
    pub fn is_board_move(&self) -> bool {
        matches!(
            self,
            Action::PlaceCard { .. }
                | Action::MoveCard { .. }
                | Action::ReturnCard { .. }
                | Action::AddLink { .. }
                | Action::RemoveLink { .. }
                | Action::PairCards { .. }
        )
    }
}

/// Something that happened to the game, in the order it happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    CardPlaced {
        card: CardId,
        at: Pos,
    },
    CardMoved {
        card: CardId,
        from: Pos,
        to: Pos,
    },
    CardReturned {
        card: CardId,
    },
    LinkAdded(Link),
    LinkRemoved(Link),
    /// `index` counts from 0; `cards` are the cards that just came into the hand.
    LotRevealed {
        index: usize,
        cards: Vec<CardId>,
    },
    Checked(Box<Report>),
    Reopened,
    SolutionShown,
    RoundRestarted {
        round: usize,
    },
    RoundOpened {
        round: usize,
    },
    Finished,
    /// The last board move was taken back.
    Undone,
    /// A move taken back was made again.
    Redone,
}

/// Why an action was refused. The game is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RuleError {
    #[error("no card `{0}` in this round")]
    UnknownCard(CardId),
    #[error("card `{0}` is not in the hand yet")]
    NotInHand(CardId),
    #[error("card `{0}` is already on the board")]
    AlreadyPlaced(CardId),
    #[error("card `{0}` is not on the board")]
    NotOnBoard(CardId),
    #[error("that position is outside the board")]
    OutsideBoard,
    #[error("a card cannot be linked to itself")]
    SelfLink,
    #[error("these two cards are already linked")]
    AlreadyLinked,
    #[error("there is no such link")]
    NoSuchLink,
    #[error("every lot is already revealed")]
    NoMoreLots,
    #[error("the board is being checked: choose Retry to change it")]
    BoardLocked,
    #[error("the board has not been checked")]
    NotChecked,
    #[error("this round has no links: place the cards instead")]
    NoLinksInThisRound,
    #[error("cards are paired by dropping one onto the other only in a matching round")]
    NotPairing,
    #[error("no round {0} in this deck")]
    UnknownRound(usize),
    #[error("check this round before going on")]
    RoundNotReached,
    #[error("every round must be checked before the summary")]
    RoundsNotChecked,
    #[error("the parcours is over")]
    Finished,
    #[error("there is no move to undo")]
    NothingToUndo,
    #[error("there is no move to redo")]
    NothingToRedo,
}
