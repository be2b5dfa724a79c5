//! The decks a server offers for workshops: the site's manifest and every deck it lists,
//! read and checked once at start with the same code as the game and `deck-check`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use fresque_core::content::{load_deck, parse_manifest};
use fresque_core::protocol::deck_hash;
use fresque_core::rules::Deck;

/// A playable deck file and the hash of its bytes.
#[derive(Clone, Debug)]
pub struct DeckEntry {
    pub deck: Arc<Deck>,
    pub hash: String,
}

/// Decks by file name as the manifest lists them (e.g. `loi.fr.ron`).
#[derive(Clone, Debug, Default)]
pub struct DeckStore {
    decks: HashMap<String, DeckEntry>,
}

impl DeckStore {
    /// Reads `<assets>/decks/manifest.ron` and its decks. Decks with errors are left out
    /// (and reported in the returned list of problems), as the game does.
    pub fn load(assets: &Path) -> (Self, Vec<String>) {
        let dir = assets.join("decks");
        let mut problems = Vec::new();
        let manifest_path = dir.join("manifest.ron");
        let manifest = match std::fs::read(&manifest_path) {
            Ok(bytes) => match parse_manifest("decks/manifest.ron", &bytes) {
                Ok(m) => m,
                Err(diagnostics) => {
                    problems.extend(diagnostics.iter().map(ToString::to_string));
                    return (Self::default(), problems);
                }
            },
            Err(e) => {
                problems.push(format!("{}: {e}", manifest_path.display()));
                return (Self::default(), problems);
            }
        };
        let mut decks = HashMap::new();
        for file in &manifest.decks {
            let path = dir.join(file);
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    problems.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            let outcome = load_deck(&format!("decks/{file}"), &bytes);
            problems.extend(outcome.errors().map(ToString::to_string));
            if let Some(deck) = outcome.deck {
                decks.insert(
                    file.clone(),
                    DeckEntry {
                        deck: Arc::new(deck),
                        hash: deck_hash(&bytes),
                    },
                );
            }
        }
        (Self { decks }, problems)
    }

    pub fn get(&self, file: &str) -> Option<&DeckEntry> {
        self.decks.get(file)
    }

    pub fn len(&self) -> usize {
        self.decks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.decks.is_empty()
    }

    /// A store from decks already in memory (tests).
    pub fn from_entries(entries: impl IntoIterator<Item = (String, DeckEntry)>) -> Self {
        Self {
            decks: entries.into_iter().collect(),
        }
    }
}
