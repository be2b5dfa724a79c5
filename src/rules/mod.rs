//! The game rules as plain Rust: no Bevy here.
//!
//! A [`Deck`] describes cards and rounds. A [`Game`] is one deck being played: it holds the
//! state of the current round and changes only through [`Game::apply`], which checks an
//! [`Action`], then returns the [`Event`]s it applied (or a [`RuleError`] and changes nothing).
//! Every input device (mouse, touch, keyboard, an HTML mirror, the network) goes through it.

mod action;
mod board;
mod check;
mod deck;
mod game;

pub use action::{Action, Event, RuleError};
pub use board::{BOARD_HALF_HEIGHT, BOARD_HALF_WIDTH, Link, LinksBoard, Pos};
pub use check::{LinkVerdict, MissingLink, Report, Verdict, WrongReason, check_links};
pub use deck::{
    Card, CardId, Deck, ExpectedLink, Language, LinkKind, LinksRound, Lot, Round, RoundKind,
    Source, WrongLink,
};
pub use game::{Game, Phase};

#[cfg(test)]
mod tests;
