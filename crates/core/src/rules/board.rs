//! The board of a links round: where cards lie and which links players drew.
//!
//! Fields are private: only [`crate::rules::Game::apply`] changes a board, through the events
//! it applies (see `game.rs`).

use serde::{Deserialize, Serialize};

use super::deck::CardId;

/// Half the board's width, in board units (the board is centred on the origin).
pub const BOARD_HALF_WIDTH: f32 = 3000.0;
/// Half the board's height, in board units.
pub const BOARD_HALF_HEIGHT: f32 = 1250.0;

/// A position on the board (the centre of a card), in board units, y up.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Pos {
    pub x: f32,
    pub y: f32,
}

impl Pos {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Whether the position is a finite point inside the board.
    pub fn is_on_board(self) -> bool {
        self.x.is_finite()
            && self.y.is_finite()
            && self.x.abs() <= BOARD_HALF_WIDTH
            && self.y.abs() <= BOARD_HALF_HEIGHT
    }

    /// The nearest position inside the board (non-finite coordinates go to the centre).
    pub fn clamped(self) -> Self {
        let clamp = |v: f32, half: f32| {
            if v.is_finite() {
                v.clamp(-half, half)
            } else {
                0.0
            }
        };
        Self::new(
            clamp(self.x, BOARD_HALF_WIDTH),
            clamp(self.y, BOARD_HALF_HEIGHT),
        )
    }
}

/// A link drawn by players: "`from` causes / leads to `to`".
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    pub from: CardId,
    pub to: CardId,
}

impl Link {
    pub fn new(from: impl Into<CardId>, to: impl Into<CardId>) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
        }
    }

    pub fn touches(&self, card: &CardId) -> bool {
        &self.from == card || &self.to == card
    }

    /// Whether both links join the same two cards, in either direction.
    pub fn joins_same_cards(&self, other: &Link) -> bool {
        (self.from == other.from && self.to == other.to)
            || (self.from == other.to && self.to == other.from)
    }
}

/// State of a links round: lots revealed, cards placed (in drawing order), links drawn.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LinksBoard {
    revealed_lots: usize,
    placed: Vec<(CardId, Pos)>,
    links: Vec<Link>,
}

impl LinksBoard {
    pub(super) fn new() -> Self {
        Self {
            revealed_lots: 1,
            placed: Vec::new(),
            links: Vec::new(),
        }
    }

    /// How many lots have been revealed (at least one).
    pub fn revealed_lots(&self) -> usize {
        self.revealed_lots
    }

    /// Cards on the board with their positions, bottom-most first.
    pub fn placed(&self) -> &[(CardId, Pos)] {
        &self.placed
    }

    pub fn position(&self, card: &CardId) -> Option<Pos> {
        self.placed.iter().find(|(c, _)| c == card).map(|(_, p)| *p)
    }

    pub fn is_placed(&self, card: &CardId) -> bool {
        self.position(card).is_some()
    }

    pub fn links(&self) -> &[Link] {
        &self.links
    }

    pub fn has_link(&self, link: &Link) -> bool {
        self.links.contains(link)
    }

    pub(super) fn reveal_lot(&mut self) {
        self.revealed_lots += 1;
    }

    /// Keeps the lots revealed on `other` too, if it has more (lots are never hidden again).
    pub(super) fn keep_lots_of(&mut self, other: &LinksBoard) {
        self.revealed_lots = self.revealed_lots.max(other.revealed_lots);
    }

    /// Puts a card on the board, or moves it (and brings it to the top).
    pub(super) fn set_position(&mut self, card: &CardId, pos: Pos) {
        self.placed.retain(|(c, _)| c != card);
        self.placed.push((card.clone(), pos));
    }

    pub(super) fn remove_card(&mut self, card: &CardId) {
        self.placed.retain(|(c, _)| c != card);
    }

    pub(super) fn add_link(&mut self, link: Link) {
        self.links.push(link);
    }

    pub(super) fn remove_link(&mut self, link: &Link) {
        self.links.retain(|l| l != link);
    }
}
