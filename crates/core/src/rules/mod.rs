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
mod language;
mod layout;
mod places;
mod poster;

pub use action::{Action, Event, RuleError};
pub use board::{BOARD_HALF_HEIGHT, BOARD_HALF_WIDTH, Link, LinksBoard, Pos};
pub use check::{
    CardVerdict, LinkVerdict, Misconception, MissingLink, Placement, Report, Verdict, WrongReason,
    check, check_categories, check_links, check_matching, check_timeline,
};
pub(crate) use deck::fnv1a;
pub use deck::{
    Card, CardId, CategoriesRound, Deck, ExpectedLink, LinkKind, LinksRound, Lot, MatchingRound,
    Pair, Round, RoundKind, SortedCard, Source, TimelineRound, WrongLink, WrongPair, WrongZone,
    Zone,
};
pub use game::{Game, Phase, RoundSummary, Solution, Summary, UNDO_DEPTH};
pub use language::{BadLanguageCode, Language};
pub use layout::{
    CARD_HEIGHT, CARD_WIDTH, Rect, TIMELINE_Y, ZONE_HEADER, cards_bounds, focus_rect,
    solution_positions, timeline_extent, timeline_order, zone_at, zone_rects,
};
pub use places::Place;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod undo_tests;
