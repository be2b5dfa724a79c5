//! Bevy asset loaders for deck files and the manifest.
//!
//! A content problem is not a load failure: the loaders always produce an asset that holds
//! either the checked content or its diagnostics, so the game can show them. Only I/O errors
//! (a missing file) fail the load.

use std::sync::Arc;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;

use super::{DeckOutcome, Diagnostic, Manifest, load_deck, parse_manifest};

/// The folder the asset server reads from, as authors see it in the repository.
pub const ASSETS_DIR: &str = "assets";

/// A deck file, read and checked.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct DeckAsset {
    /// The file as shown in messages, e.g. `assets/decks/loi.fr.ron`.
    pub file: String,
    pub outcome: Arc<DeckOutcome>,
    /// The hash of the file's bytes (a workshop's server checks it plays the same file).
    pub hash: String,
}

/// The deck manifest, read and checked.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct ManifestAsset {
    pub file: String,
    pub manifest: Result<Manifest, Vec<Diagnostic>>,
}

#[derive(Default, TypePath)]
pub struct DeckLoader;

#[derive(Default, TypePath)]
pub struct ManifestLoader;

fn shown_name(load_context: &LoadContext<'_>) -> String {
    format!("{ASSETS_DIR}/{}", load_context.path().path().display())
}

impl AssetLoader for DeckLoader {
    type Asset = DeckAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<DeckAsset, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let file = shown_name(load_context);
        let outcome = Arc::new(load_deck(&file, &bytes));
        let hash = fresque_core::protocol::deck_hash(&bytes);
        Ok(DeckAsset {
            file,
            outcome,
            hash,
        })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

impl AssetLoader for ManifestLoader {
    type Asset = ManifestAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<ManifestAsset, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let file = shown_name(load_context);
        let manifest = parse_manifest(&file, &bytes);
        Ok(ManifestAsset { file, manifest })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}
