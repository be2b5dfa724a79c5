//! The deck model: cards, sources and rounds, as the rules see them (already validated).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::language::Language;

/// A card's stable id, shared by every language version of a deck.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CardId(pub String);

impl CardId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for CardId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

/// Where a fact comes from: a fact id of the project's fact file or an official page.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
}

/// One card. `face` is shown while playing; `back` explains, and is shown after a check.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: CardId,
    pub title: String,
    pub face: String,
    pub back: String,
    pub sources: Vec<String>,
    pub image: Option<String>,
    /// Shown after a check, e.g. in timeline rounds.
    pub date: Option<String>,
}

/// A whole deck in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    pub id: String,
    pub language: Language,
    pub title: String,
    pub description: String,
    pub duration_minutes: u32,
    pub audience: String,
    pub sources: Vec<Source>,
    pub cards: Vec<Card>,
    pub rounds: Vec<Round>,
}

impl Deck {
    pub fn card(&self, id: &CardId) -> Option<&Card> {
        self.cards.iter().find(|c| &c.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// One round of play: its texts and what kind of arrangement it asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub debrief: String,
    pub kind: RoundKind,
}

/// The kinds of rounds. Every kind places cards on the same kind of board; each has its own
/// check and its own solution layout.
#[derive(Clone, Debug, PartialEq)]
pub enum RoundKind {
    Links(LinksRound),
    Categories(CategoriesRound),
    Timeline(TimelineRound),
    Matching(MatchingRound),
}

impl RoundKind {
    /// The cards as they are dealt, lot after lot. Kinds other than `Links` deal every card at
    /// once; a timeline's cards are shuffled (a fixed shuffle, so that the order dealt does not
    /// give the answer away and every group sees the same hand).
    pub fn lots(&self) -> Vec<Lot> {
        let one = |cards: Vec<CardId>| vec![Lot { title: None, cards }];
        match self {
            RoundKind::Links(r) => r.lots.clone(),
            RoundKind::Categories(r) => one(r.cards.iter().map(|c| c.card.clone()).collect()),
            RoundKind::Timeline(r) => {
                let mut cards: Vec<CardId> = r.steps.iter().flatten().cloned().collect();
                cards.sort_by_key(|c| fnv1a(c.as_str()));
                one(cards)
            }
            RoundKind::Matching(r) => {
                let mut cards: Vec<CardId> = r.cards().cloned().collect();
                cards.sort_by_key(|c| fnv1a(c.as_str()));
                one(cards)
            }
        }
    }

    /// Whether players draw links between cards in this kind of round.
    pub fn uses_links(&self) -> bool {
        matches!(self, RoundKind::Links(_) | RoundKind::Matching(_))
    }

    /// A short name for the kind (for the page's state and logs).
    pub fn name(&self) -> &'static str {
        match self {
            RoundKind::Links(_) => "links",
            RoundKind::Categories(_) => "categories",
            RoundKind::Timeline(_) => "timeline",
            RoundKind::Matching(_) => "matching",
        }
    }
}

/// A stable hash (FNV-1a, 64 bits): the fixed shuffles of dealt cards, a deck's version.
pub(crate) fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Sort cards into zones.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoriesRound {
    pub zones: Vec<Zone>,
    pub cards: Vec<SortedCard>,
    pub wrong_zones: Vec<WrongZone>,
}

impl CategoriesRound {
    pub fn zone(&self, id: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }

    pub fn sorted(&self, card: &CardId) -> Option<&SortedCard> {
        self.cards.iter().find(|c| &c.card == card)
    }
}

/// An area of the board that stands for a category.
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
}

/// A card of a categories round, with the zone(s) where it is right.
#[derive(Clone, Debug, PartialEq)]
pub struct SortedCard {
    pub card: CardId,
    pub zones: Vec<String>,
    pub why: String,
}

/// A zone players often choose for a card that is wrong, with the correction.
#[derive(Clone, Debug, PartialEq)]
pub struct WrongZone {
    pub card: CardId,
    pub zone: String,
    pub why: String,
}

/// Put cards in order. Each step holds one card, or several whose relative order does not
/// matter (parallel or alternative steps).
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRound {
    pub steps: Vec<Vec<CardId>>,
}

impl TimelineRound {
    /// The step (from 0) a card belongs to.
    pub fn step_of(&self, card: &CardId) -> Option<usize> {
        self.steps.iter().position(|s| s.contains(card))
    }
}

/// Join cards in pairs: each `left` card with its `right` card(s).
#[derive(Clone, Debug, PartialEq)]
pub struct MatchingRound {
    pub pairs: Vec<Pair>,
    pub wrong_pairs: Vec<WrongPair>,
}

impl MatchingRound {
    /// Every card of the round, pair after pair.
    pub fn cards(&self) -> impl Iterator<Item = &CardId> {
        self.pairs
            .iter()
            .flat_map(|p| std::iter::once(&p.left).chain(p.right.iter()))
    }

    /// The pair joining `a` and `b`, in either order.
    pub fn pair(&self, a: &CardId, b: &CardId) -> Option<&Pair> {
        self.pairs.iter().find(|p| {
            (&p.left == a && p.right.contains(b)) || (&p.left == b && p.right.contains(a))
        })
    }

    pub fn known_wrong(&self, a: &CardId, b: &CardId) -> Option<&WrongPair> {
        self.wrong_pairs
            .iter()
            .find(|w| (&w.left == a && &w.right == b) || (&w.left == b && &w.right == a))
    }
}

/// One card and its partner(s).
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub left: CardId,
    pub right: Vec<CardId>,
    pub why: String,
}

/// Two cards players often pair that do not belong together, with the correction.
#[derive(Clone, Debug, PartialEq)]
pub struct WrongPair {
    pub left: CardId,
    pub right: CardId,
    pub why: String,
}

/// A Climate-Fresk-style round: cards come in lots; players draw cause → effect links.
#[derive(Clone, Debug, PartialEq)]
pub struct LinksRound {
    pub lots: Vec<Lot>,
    pub links: Vec<ExpectedLink>,
    pub wrong_links: Vec<WrongLink>,
    /// The deck's own places for cards in the reference poster (others are laid out).
    pub positions: Vec<(CardId, super::board::Pos)>,
}

impl LinksRound {
    /// Every card of the round, lot after lot.
    pub fn cards(&self) -> impl Iterator<Item = &CardId> {
        self.lots.iter().flat_map(|lot| lot.cards.iter())
    }

    pub fn expected(&self, from: &CardId, to: &CardId) -> Option<&ExpectedLink> {
        self.links.iter().find(|l| &l.from == from && &l.to == to)
    }

    /// The expected link that an arrow `from` → `to` draws: the link itself, or a link the
    /// other way that is true both ways (`reversed` is then `true`).
    pub fn drawn_as(&self, from: &CardId, to: &CardId) -> Option<(&ExpectedLink, bool)> {
        self.expected(from, to).map(|l| (l, false)).or_else(|| {
            self.expected(to, from)
                .filter(|l| l.reverse.is_some())
                .map(|l| (l, true))
        })
    }

    pub fn known_wrong(&self, from: &CardId, to: &CardId) -> Option<&WrongLink> {
        self.wrong_links
            .iter()
            .find(|l| &l.from == from && &l.to == to)
    }
}

/// Cards revealed together.
#[derive(Clone, Debug, PartialEq)]
pub struct Lot {
    pub title: Option<String>,
    pub cards: Vec<CardId>,
}

/// Whether an expected link must be drawn or is merely acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Required,
    Optional,
}

/// A link of the reference solution, with why it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedLink {
    pub from: CardId,
    pub to: CardId,
    pub kind: LinkKind,
    pub why: String,
    /// When the relation also reads the other way (`to` → `from`): why that arrow holds.
    /// Such an arrow counts as this link.
    pub reverse: Option<String>,
}

/// A link players often draw that is wrong (a misconception), with the correction.
#[derive(Clone, Debug, PartialEq)]
pub struct WrongLink {
    pub from: CardId,
    pub to: CardId,
    pub why: String,
}
