//! Deck content: the RON deck format, its checks with `file:line:col`, the manifest, and the
//! comparison of a deck's language versions. Plain Rust, shared by the game (which adds its
//! Bevy loaders), the server and the `deck-check` command.

pub mod check_files;
pub mod deck_file;
pub mod diagnostic;
pub mod manifest;
pub mod parse;
pub mod spans;
pub mod translations;
pub mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use manifest::{Manifest, parse_manifest};
pub use spans::Position;

use crate::rules::Deck;

/// The outcome of reading a deck file: a deck when there is no error, and every diagnostic.
#[derive(Debug, Clone)]
pub struct DeckOutcome {
    pub deck: Option<Deck>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where the file's values start (when it parsed), for later cross-file checks.
    pub spans: Option<std::sync::Arc<spans::SpanIndex>>,
}

impl DeckOutcome {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Reads and checks one deck file. `file` is the name shown in diagnostics.
pub fn load_deck(file: &str, bytes: &[u8]) -> DeckOutcome {
    match parse::parse_ron::<deck_file::DeckFile>(file, bytes) {
        Ok((deck_file, spans)) => {
            let (deck, diagnostics) = validate::validate_deck(file, &deck_file, &spans);
            DeckOutcome {
                deck,
                diagnostics,
                spans: Some(std::sync::Arc::new(spans)),
            }
        }
        Err(diagnostics) => DeckOutcome {
            deck: None,
            diagnostics,
            spans: None,
        },
    }
}
