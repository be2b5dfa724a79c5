//! Integration tests, in one crate: shipped content, the deck checker, rule scenarios through
//! the public API, and a headless Bevy app driven through the action path.

mod app;
mod app_flow;
mod board_export;
mod content;
mod custom_decks;
mod languages;
mod mirror;
mod poster;
mod resume;
mod rules_scenarios;
mod undo;
mod views;
mod workshop_client;

use std::path::{Path, PathBuf};

/// The repository's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/decks").join(name)
}

/// Every deck file listed in the shipped manifest, as (path shown, bytes).
pub fn shipped_decks() -> Vec<(String, Vec<u8>)> {
    let manifest_path = root().join("assets/decks/manifest.ron");
    let bytes = std::fs::read(&manifest_path).expect("manifest exists");
    let manifest = fresque::content::parse_manifest("assets/decks/manifest.ron", &bytes)
        .expect("shipped manifest is valid");
    manifest
        .decks
        .iter()
        .map(|d| {
            let path = root().join("assets/decks").join(d);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{d}: {e}"));
            (format!("assets/decks/{d}"), bytes)
        })
        .collect()
}
