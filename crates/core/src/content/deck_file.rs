//! The deck file format (RON), as authors write it. See `docs/deck-format.md`.
//!
//! These types only describe the file; [`super::validate`] checks them and builds the rules'
//! [`crate::rules::Deck`].

use serde::Deserialize;

/// The format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

fn default_format() -> u32 {
    FORMAT_VERSION
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Deck")]
pub struct DeckFile {
    #[serde(default = "default_format")]
    pub format: u32,
    pub id: String,
    pub language: String,
    pub title: String,
    pub description: String,
    pub duration_minutes: u32,
    pub audience: String,
    pub sources: Vec<SourceFile>,
    pub cards: Vec<CardFile>,
    pub rounds: Vec<RoundFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct SourceFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Card")]
pub struct CardFile {
    pub id: String,
    pub title: String,
    pub face: String,
    pub back: String,
    pub sources: Vec<String>,
    #[serde(default)]
    pub image: Option<String>,
    /// A date shown after a check (e.g. "1958" or "4 octobre 1958"), for timeline rounds.
    #[serde(default)]
    pub date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Round")]
pub struct RoundFile {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub debrief: String,
    pub play: PlayFile,
}

/// What a round asks players to do. New kinds are new variants.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "RoundKind")]
pub enum PlayFile {
    Links {
        lots: Vec<LotFile>,
        links: Vec<LinkFile>,
        #[serde(default)]
        wrong_links: Vec<WrongLinkFile>,
        /// Where cards sit in the reference poster ("show solution"); cards not listed are
        /// laid out by the game.
        #[serde(default)]
        positions: Vec<AtFile>,
    },
    /// Sort cards into zones.
    Categories {
        zones: Vec<ZoneFile>,
        cards: Vec<SortedCardFile>,
        #[serde(default)]
        wrong_zones: Vec<WrongZoneFile>,
    },
    /// Put cards in order on a line. Each step lists one card, or several whose relative
    /// order does not matter (parallel or alternative steps).
    Timeline { steps: Vec<Vec<String>> },
    /// Join each `left` card with its partner(s).
    Matching {
        pairs: Vec<PairFile>,
        #[serde(default)]
        wrong_pairs: Vec<WrongPairFile>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Zone")]
pub struct ZoneFile {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "SortedCard")]
pub struct SortedCardFile {
    pub card: String,
    pub zones: Vec<String>,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "WrongZone")]
pub struct WrongZoneFile {
    pub card: String,
    pub zone: String,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Pair")]
pub struct PairFile {
    pub left: String,
    pub right: Vec<String>,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "WrongPair")]
pub struct WrongPairFile {
    pub left: String,
    pub right: String,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Lot")]
pub struct LotFile {
    #[serde(default)]
    pub title: Option<String>,
    pub cards: Vec<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename = "LinkKind")]
pub enum LinkKindFile {
    #[default]
    Required,
    Optional,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Link")]
pub struct LinkFile {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub kind: LinkKindFile,
    pub why: String,
    /// When set, the arrow drawn the other way (`to` → `from`) is true too: it counts as this
    /// link, and this text says why it holds that way.
    #[serde(default)]
    pub reverse: Option<String>,
}

/// A card's place in the reference poster of a links round, in board units (x right, y up).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "At")]
pub struct AtFile {
    pub card: String,
    pub x: f32,
    pub y: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "WrongLink")]
pub struct WrongLinkFile {
    pub from: String,
    pub to: String,
    pub why: String,
}
