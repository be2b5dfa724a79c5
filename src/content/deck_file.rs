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
    },
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "WrongLink")]
pub struct WrongLinkFile {
    pub from: String,
    pub to: String,
    pub why: String,
}
