//! The deck model: cards, sources and rounds, as the rules see them (already validated).

use std::fmt;

/// A card's stable id, shared by every language version of a deck.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// The language a deck is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Fr,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
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

/// The kinds of rounds. Each kind has its own board and check.
#[derive(Clone, Debug, PartialEq)]
pub enum RoundKind {
    Links(LinksRound),
}

/// A Climate-Fresk-style round: cards come in lots; players draw cause → effect links.
#[derive(Clone, Debug, PartialEq)]
pub struct LinksRound {
    pub lots: Vec<Lot>,
    pub links: Vec<ExpectedLink>,
    pub wrong_links: Vec<WrongLink>,
}

impl LinksRound {
    /// Every card of the round, lot after lot.
    pub fn cards(&self) -> impl Iterator<Item = &CardId> {
        self.lots.iter().flat_map(|lot| lot.cards.iter())
    }

    pub fn expected(&self, from: &CardId, to: &CardId) -> Option<&ExpectedLink> {
        self.links.iter().find(|l| &l.from == from && &l.to == to)
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
}

/// A link players often draw that is wrong (a misconception), with the correction.
#[derive(Clone, Debug, PartialEq)]
pub struct WrongLink {
    pub from: CardId,
    pub to: CardId,
    pub why: String,
}
