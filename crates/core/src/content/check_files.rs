//! Checks a set of files as `deck-check` does: manifests (and the decks they list), decks,
//! and the language versions of each deck against each other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::spans::{Path as SpanPath, SpanIndex};
use super::translations::{Located, compare_translation};
use super::{DeckOutcome, Diagnostic, Position, load_deck, parse_manifest};
use crate::rules::Language;

/// What checking some files found.
#[derive(Debug, Default)]
pub struct FilesReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Deck files read (manifests not counted).
    pub decks_checked: usize,
}

impl FilesReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

fn is_manifest(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "manifest.ron")
}

/// Checks `files` in order. A file named `manifest.ron` is checked as a manifest, and the
/// decks it lists as decks; each file is checked once. Names in messages are the paths as given.
pub fn check_files(files: &[PathBuf]) -> FilesReport {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut decks: Vec<(String, DeckOutcome)> = Vec::new();
    // A stack: reversed so that files are checked in the order given.
    let mut queue: Vec<PathBuf> = files.iter().rev().cloned().collect();
    let mut seen: Vec<PathBuf> = Vec::new();
    while let Some(path) = queue.pop() {
        if seen.contains(&path) {
            continue;
        }
        seen.push(path.clone());
        let name = path.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    &name,
                    Position::START,
                    format!("cannot read the file: {e}"),
                ));
                continue;
            }
        };
        if is_manifest(&path) {
            match parse_manifest(&name, &bytes) {
                Ok(manifest) => {
                    let dir = path.parent().unwrap_or(Path::new("."));
                    let spans = SpanIndex::new(&String::from_utf8_lossy(&bytes));
                    let mut listed = Vec::new();
                    for (i, deck) in manifest.decks.iter().enumerate() {
                        let deck_path = dir.join(deck);
                        if deck_path.exists() {
                            listed.push(deck_path);
                        } else {
                            diagnostics.push(Diagnostic::error(
                                &name,
                                spans.locate(&SpanPath::root().field("decks").index(i)),
                                format!("listed deck `{deck}` does not exist"),
                            ));
                        }
                    }
                    // The queue is a stack: push in reverse to check in manifest order.
                    queue.extend(listed.into_iter().rev());
                }
                Err(problems) => diagnostics.extend(problems),
            }
        } else {
            let outcome = load_deck(&name, &bytes);
            diagnostics.extend(outcome.diagnostics.iter().cloned());
            decks.push((name, outcome));
        }
    }
    diagnostics.extend(compare_versions(&decks));
    FilesReport {
        diagnostics,
        decks_checked: decks.len(),
    }
}

/// Language versions of the same deck must match: each is compared with the French one (or,
/// without one, the first language by code).
pub fn compare_versions(decks: &[(String, DeckOutcome)]) -> Vec<Diagnostic> {
    let mut by_id: BTreeMap<&str, Vec<(&str, &DeckOutcome)>> = BTreeMap::new();
    for (name, outcome) in decks {
        if let Some(deck) = &outcome.deck {
            by_id
                .entry(deck.id.as_str())
                .or_default()
                .push((name, outcome));
        }
    }
    let mut out = Vec::new();
    for versions in by_id.values_mut() {
        versions.sort_by_key(|(_, o)| {
            o.deck
                .as_ref()
                .map(|d| (d.language != Language::FR, d.language))
        });
        let located: Vec<Located<'_>> = versions
            .iter()
            .filter_map(|(file, outcome)| Located::of(file, outcome))
            .collect();
        if let Some((reference, rest)) = located.split_first() {
            for other in rest {
                out.extend(compare_translation(reference, other));
            }
        }
    }
    out
}
