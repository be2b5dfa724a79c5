//! `deck-check`: checks deck files and prints `file:line:col: message` for every problem.
//!
//! Usage: `cargo run --bin deck-check -- [FILE...]`. Without files it checks
//! `assets/decks/manifest.ron` and every deck it lists. A file named `manifest.ron` is
//! checked as a manifest (and the decks it lists as decks). Exit status: 0 when there is no
//! error (warnings allowed), 1 otherwise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fresque::content::spans::{Path as SpanPath, SpanIndex};
use fresque::content::translations::{Located, compare_translation};
use fresque::content::{DeckOutcome, Diagnostic, Position, load_deck, parse_manifest};

const DEFAULT_MANIFEST: &str = "assets/decks/manifest.ron";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "usage: deck-check [FILE...]\n\
             Checks deck files (RON) and prints file:line:col: message for each problem.\n\
             Without FILE, checks {DEFAULT_MANIFEST} and every deck it lists.\n\
             Exit status: 0 if no errors, 1 otherwise."
        );
        return ExitCode::SUCCESS;
    }
    let files: Vec<PathBuf> = if args.is_empty() {
        vec![PathBuf::from(DEFAULT_MANIFEST)]
    } else {
        args.iter().map(PathBuf::from).collect()
    };

    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut decks: Vec<(String, DeckOutcome)> = Vec::new();
    // A stack: reversed so that files are checked in the order given.
    let mut queue: Vec<PathBuf> = files.into_iter().rev().collect();
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

    // Language versions of the same deck must match.
    let mut by_id: BTreeMap<&str, Vec<(&str, &DeckOutcome)>> = BTreeMap::new();
    for (name, outcome) in &decks {
        if let Some(deck) = &outcome.deck {
            by_id
                .entry(deck.id.as_str())
                .or_default()
                .push((name, outcome));
        }
    }
    for versions in by_id.values_mut() {
        versions.sort_by_key(|(_, o)| o.deck.as_ref().map(|d| d.language));
        let located: Vec<Located<'_>> = versions
            .iter()
            .filter_map(|(file, outcome)| Located::of(file, outcome))
            .collect();
        if let Some((reference, rest)) = located.split_first() {
            for other in rest {
                diagnostics.extend(compare_translation(reference, other));
            }
        }
    }

    for d in &diagnostics {
        println!("{d}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let checked = decks.len();
    eprintln!(
        "deck-check: {checked} deck file(s) checked, {errors} error(s), {warnings} warning(s)"
    );
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn is_manifest(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "manifest.ron")
}
