//! The deck catalogue: loads the manifest, then every deck it lists, and keeps what each one
//! became (a playable deck, or the problems to show).

use std::sync::Arc;

use bevy::asset::AssetLoadFailedEvent;
use bevy::prelude::*;

use super::loader::{ASSETS_DIR, DeckAsset, DeckLoader, ManifestAsset, ManifestLoader};
use super::{Diagnostic, Position};
use crate::rules::Deck;

/// Where the manifest is, inside the asset folder.
pub const MANIFEST_PATH: &str = "decks/manifest.ron";

#[derive(Debug, Clone)]
pub enum EntryStatus {
    Loading,
    /// A playable deck, with its warnings.
    Ready(Arc<Deck>, Vec<Diagnostic>),
    /// Not playable: the problems, each with `file:line:col`.
    Failed(Vec<Diagnostic>),
}

/// One deck file listed by the manifest.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    /// As shown to authors, e.g. `assets/decks/loi.fr.ron`.
    pub file: String,
    pub handle: Handle<DeckAsset>,
    pub status: EntryStatus,
    /// The hash of the file's bytes, once loaded.
    pub hash: Option<String>,
}

impl CatalogEntry {
    /// The file as the manifest lists it (e.g. `loi.fr.ron`): how a workshop names a deck.
    pub fn manifest_name(&self) -> &str {
        self.file
            .strip_prefix(&format!("{ASSETS_DIR}/decks/"))
            .unwrap_or(&self.file)
    }

    pub fn deck(&self) -> Option<&Arc<Deck>> {
        match &self.status {
            EntryStatus::Ready(deck, _) => Some(deck),
            _ => None,
        }
    }
}

#[derive(Resource, Debug)]
pub struct DeckCatalog {
    manifest: Handle<ManifestAsset>,
    /// Problems with the manifest itself (then no deck is listed).
    pub manifest_problems: Vec<Diagnostic>,
    pub entries: Vec<CatalogEntry>,
    listed: bool,
}

impl DeckCatalog {
    /// Whether this entry is one of the player's own decks (from a file, kept in the browser).
    pub fn is_own(entry: &CatalogEntry) -> bool {
        entry.file.starts_with(super::custom::LOCAL_PREFIX)
    }

    /// Whether every file has finished loading, one way or another.
    pub fn is_settled(&self) -> bool {
        !self.manifest_problems.is_empty()
            || (self.listed
                && self
                    .entries
                    .iter()
                    .all(|e| !matches!(e.status, EntryStatus::Loading)))
    }

    /// (files done, files known), for a progress display.
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .entries
            .iter()
            .filter(|e| !matches!(e.status, EntryStatus::Loading))
            .count();
        (done, self.entries.len())
    }

    pub fn entry(&self, file: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.file == file)
    }
}

impl FromWorld for DeckCatalog {
    fn from_world(world: &mut World) -> Self {
        let manifest = world.resource::<AssetServer>().load(MANIFEST_PATH);
        Self {
            manifest,
            manifest_problems: Vec::new(),
            entries: Vec::new(),
            listed: false,
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_asset::<DeckAsset>()
        .init_asset::<ManifestAsset>()
        .init_asset_loader::<DeckLoader>()
        .init_asset_loader::<ManifestLoader>()
        .init_resource::<DeckCatalog>()
        .add_systems(Update, (list_decks, track_decks).chain())
        .add_plugins((super::custom::plugin, super::board_file::plugin));
}

fn list_decks(
    mut catalog: ResMut<DeckCatalog>,
    manifests: Res<Assets<ManifestAsset>>,
    mut failures: MessageReader<AssetLoadFailedEvent<ManifestAsset>>,
    server: Res<AssetServer>,
) {
    for failure in failures.read() {
        catalog.manifest_problems.push(Diagnostic::error(
            &format!("{ASSETS_DIR}/{MANIFEST_PATH}"),
            Position::START,
            format!("cannot load the deck manifest: {}", failure.error),
        ));
    }
    if catalog.listed {
        return;
    }
    let Some(asset) = manifests.get(&catalog.manifest) else {
        return;
    };
    catalog.listed = true;
    match &asset.manifest {
        Ok(manifest) => {
            let dir = MANIFEST_PATH.rsplit_once('/').map_or("", |(dir, _)| dir);
            let entries = manifest
                .decks
                .iter()
                .map(|deck| {
                    let path = format!("{dir}/{deck}");
                    CatalogEntry {
                        file: format!("{ASSETS_DIR}/{path}"),
                        handle: server.load(path),
                        status: EntryStatus::Loading,
                        hash: None,
                    }
                })
                .collect();
            // One's own decks (restored from the browser before the manifest came) stay after
            // the shipped ones.
            let own = std::mem::take(&mut catalog.entries);
            catalog.entries = entries;
            catalog.entries.extend(own);
        }
        Err(problems) => catalog.manifest_problems.extend(problems.iter().cloned()),
    }
}

fn track_decks(
    mut catalog: ResMut<DeckCatalog>,
    decks: Res<Assets<DeckAsset>>,
    mut failures: MessageReader<AssetLoadFailedEvent<DeckAsset>>,
) {
    let failures: Vec<_> = failures.read().cloned().collect();
    if !catalog
        .entries
        .iter()
        .any(|e| matches!(e.status, EntryStatus::Loading))
    {
        return;
    }
    for entry in &mut catalog.entries {
        if !matches!(entry.status, EntryStatus::Loading) {
            continue;
        }
        if let Some(failure) = failures.iter().find(|f| f.id == entry.handle.id()) {
            entry.status = EntryStatus::Failed(vec![Diagnostic::error(
                &entry.file,
                Position::START,
                format!("cannot load the file: {}", failure.error),
            )]);
        } else if let Some(asset) = decks.get(&entry.handle) {
            let outcome = &asset.outcome;
            entry.hash = Some(asset.hash.clone());
            entry.status = match &outcome.deck {
                Some(deck) => {
                    EntryStatus::Ready(Arc::new(deck.clone()), outcome.diagnostics.clone())
                }
                None => EntryStatus::Failed(outcome.diagnostics.clone()),
            };
        }
    }
}
