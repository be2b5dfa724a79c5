//! The deck manifest: the list of deck files, because the web cannot list a folder.

use serde::Deserialize;

use super::diagnostic::Diagnostic;
use super::parse::parse_ron;
use super::spans::Path;

/// `assets/decks/manifest.ron`: `Manifest(decks: ["loi.fr.ron", ...])`, paths relative to the
/// manifest's folder.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields, rename = "Manifest")]
pub struct Manifest {
    pub decks: Vec<String>,
}

/// Parses and checks a manifest: non-empty, no duplicates, plain relative `.ron` paths.
pub fn parse_manifest(file: &str, bytes: &[u8]) -> Result<Manifest, Vec<Diagnostic>> {
    let (manifest, spans) = parse_ron::<Manifest>(file, bytes)?;
    let mut problems = Vec::new();
    if manifest.decks.is_empty() {
        problems.push(Diagnostic::error(
            file,
            spans.locate(&Path::root().field("decks")),
            "the manifest lists no deck",
        ));
    }
    for (i, deck) in manifest.decks.iter().enumerate() {
        let at = spans.locate(&Path::root().field("decks").index(i));
        if manifest.decks[..i].contains(deck) {
            problems.push(Diagnostic::error(
                file,
                at,
                format!("deck `{deck}` is listed twice"),
            ));
        }
        if !deck.ends_with(".ron")
            || deck.starts_with('/')
            || deck.contains("..")
            || deck.contains('\\')
        {
            problems.push(Diagnostic::error(
                file,
                at,
                format!("`{deck}` should be a `.ron` file name relative to the manifest's folder"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(manifest)
    } else {
        Err(problems)
    }
}
