//! Decks from a file of one's own: "Ouvrir un fichier de cartes…" on the deck screen, or a
//! `.ron` file dropped on the page. The file is checked exactly as `deck-check` does; a valid
//! deck joins the catalogue at once (playable, marked as the player's) and is kept in the
//! browser for the next visit; an invalid one shows every problem with its `line:col` and the
//! offending line, and nothing else changes. Files over 1 MiB and binary files are refused
//! with a message, and so is a valid deck in a language the interface does not speak.
//! Works on a static host: nothing goes to a server. A JSON file is an exported board
//! instead, passed on to [`super::board_file`].

use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{CatalogEntry, DeckCatalog, EntryStatus};
use super::{Diagnostic, Position, load_deck};
use crate::web::storage;

/// The largest deck file accepted (the shipped decks are 30-70 KiB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Catalogue entries of the player's own decks start with this.
pub const LOCAL_PREFIX: &str = "local/";
/// Where the decks are kept in the browser. The version changes if the format of the saved list
/// does; an older list is then ignored with a notice.
const STORE_KEY: &str = "fresque.custom-decks";
const STORE_VERSION: u32 = 1;
/// At most this many of one's own decks are kept.
pub const MAX_KEPT: usize = 12;

/// What a file turned out to hold, as the page read it.
#[derive(Clone, Debug, PartialEq)]
pub enum FileContent {
    /// UTF-8 text.
    Text(String),
    /// Not UTF-8 text (an image, a word-processor file…).
    Binary,
    /// Larger than [`MAX_FILE_BYTES`]: not read.
    TooLarge,
}

/// A file given to the game (by the file picker or a drop).
#[derive(Message, Clone, Debug)]
pub struct DeckFileReceived {
    pub name: String,
    pub size: u64,
    pub content: FileContent,
}

/// What became of the last file, for the deck screen.
#[derive(Clone, Debug, PartialEq)]
pub enum FileOutcome {
    /// A playable deck, now in the list.
    Added {
        name: String,
        title: String,
    },
    /// Refused before reading: too large or binary.
    TooLarge {
        name: String,
        size: u64,
    },
    Binary {
        name: String,
    },
    /// A deck file with errors: each problem with the line it points at.
    Invalid {
        name: String,
        problems: Vec<(Diagnostic, Option<String>)>,
    },
    /// An exported board that cannot be opened, with the reason (in the interface's language).
    BoardRefused {
        name: String,
        message: String,
    },
    /// The decks kept from an earlier visit could not be read (corrupt or from another
    /// version): they were set aside.
    SavedUnreadable,
    /// A valid deck in a language without an interface table (see `crate::i18n`).
    NoInterface {
        name: String,
        language: crate::i18n::Language,
    },
}

/// Why a deck file did not join the catalogue.
#[derive(Debug)]
enum Refused {
    Invalid(Vec<Diagnostic>),
    NoInterface(crate::i18n::Language),
}

/// The last outcome, shown on the deck screen until the next file.
#[derive(Resource, Default, Clone, Debug)]
pub struct DeckFileReport(pub Option<FileOutcome>);

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct Saved {
    version: u32,
    decks: Vec<SavedDeck>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct SavedDeck {
    name: String,
    text: String,
}

pub(crate) fn plugin(app: &mut App) {
    app.add_message::<DeckFileReceived>()
        // Registered by the window plugin too; the headless app has none.
        .add_message::<bevy::window::RequestRedraw>()
        .init_resource::<DeckFileReport>()
        .add_systems(Startup, restore_saved)
        .add_systems(
            Update,
            (receive_files, remove_decks).in_set(crate::AppSystems::Apply),
        );
}

/// The catalogue name of one's own deck file.
fn local_file(name: &str) -> String {
    format!("{LOCAL_PREFIX}{name}")
}

fn read_saved() -> Result<Vec<SavedDeck>, ()> {
    let Some(text) = storage::get(STORE_KEY) else {
        return Ok(Vec::new());
    };
    match serde_json::from_str::<Saved>(&text) {
        Ok(saved) if saved.version == STORE_VERSION => Ok(saved.decks),
        _ => Err(()),
    }
}

fn write_saved(decks: &[SavedDeck]) {
    let saved = Saved {
        version: STORE_VERSION,
        decks: decks.to_vec(),
    };
    if let Ok(json) = serde_json::to_string(&saved)
        && !storage::set(STORE_KEY, &json)
    {
        warn!("the browser refused to keep the deck (storage full or disabled)");
    }
}

/// Puts a checked deck into the catalogue, in place of an earlier file of the same name.
fn add_entry(catalog: &mut DeckCatalog, name: &str, text: &str) -> Result<String, Refused> {
    let outcome = load_deck(name, text.as_bytes());
    let has_errors = outcome.errors().next().is_some();
    let Some(deck) = outcome.deck.filter(|_| !has_errors) else {
        return Err(Refused::Invalid(
            outcome
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        ));
    };
    if !crate::i18n::has_language(deck.language) {
        return Err(Refused::NoInterface(deck.language));
    }
    let file = local_file(name);
    let title = deck.title.clone();
    let entry = CatalogEntry {
        file: file.clone(),
        handle: Handle::default(),
        status: EntryStatus::Ready(Arc::new(deck), outcome.diagnostics),
        hash: Some(fresque_core::protocol::deck_hash(text.as_bytes())),
    };
    match catalog.entries.iter_mut().find(|e| e.file == file) {
        Some(existing) => *existing = entry,
        None => catalog.entries.push(entry),
    }
    Ok(title)
}

/// Brings back the decks kept from earlier visits. A list that cannot be read is removed, with
/// a notice on the deck screen; a kept deck that no longer passes the checks (a newer game
/// may check more) is left out.
fn restore_saved(mut catalog: ResMut<DeckCatalog>, mut report: ResMut<DeckFileReport>) {
    match read_saved() {
        Ok(decks) => {
            for deck in &decks {
                if let Err(refused) = add_entry(&mut catalog, &deck.name, &deck.text) {
                    warn!("a kept deck no longer loads: {refused:?}");
                }
            }
        }
        Err(()) => {
            storage::remove(STORE_KEY);
            report.0 = Some(FileOutcome::SavedUnreadable);
        }
    }
}

/// The line a diagnostic points at, trimmed, if the file has it.
fn line_of(text: &str, pos: Position) -> Option<String> {
    let line = text.lines().nth(pos.line.checked_sub(1)?)?.trim();
    (!line.is_empty()).then(|| line.chars().take(160).collect())
}

/// Whether a file holds an exported board (JSON) rather than a deck (RON).
fn is_board_export(name: &str, text: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json") || text.trim_start().starts_with('{')
}

pub(crate) fn receive_files(
    mut files: MessageReader<DeckFileReceived>,
    mut boards: MessageWriter<super::board_file::BoardFileReceived>,
    mut catalog: ResMut<DeckCatalog>,
    mut report: ResMut<DeckFileReport>,
    screen: Res<State<crate::screens::Screen>>,
    mut next: ResMut<NextState<crate::screens::Screen>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let mut any = false;
    for file in files.read() {
        let name = file.name.clone();
        if let FileContent::Text(text) = &file.content
            && text.len() <= MAX_FILE_BYTES
            && is_board_export(&name, text)
        {
            boards.write(super::board_file::BoardFileReceived {
                name,
                text: text.clone(),
            });
            continue;
        }
        any = true;
        report.0 = Some(match &file.content {
            FileContent::TooLarge => FileOutcome::TooLarge {
                name,
                size: file.size,
            },
            _ if file.size as usize > MAX_FILE_BYTES => FileOutcome::TooLarge {
                name,
                size: file.size,
            },
            FileContent::Binary => FileOutcome::Binary { name },
            FileContent::Text(text) if text.len() > MAX_FILE_BYTES => FileOutcome::TooLarge {
                name,
                size: text.len() as u64,
            },
            FileContent::Text(text) => match add_entry(&mut catalog, &name, text) {
                Ok(title) => {
                    let mut saved = read_saved().unwrap_or_default();
                    saved.retain(|d| d.name != name);
                    saved.push(SavedDeck {
                        name: name.clone(),
                        text: text.clone(),
                    });
                    let excess = saved.len().saturating_sub(MAX_KEPT);
                    saved.drain(..excess);
                    write_saved(&saved);
                    FileOutcome::Added { name, title }
                }
                Err(Refused::NoInterface(language)) => FileOutcome::NoInterface { name, language },
                Err(Refused::Invalid(problems)) => FileOutcome::Invalid {
                    problems: problems
                        .into_iter()
                        .map(|d| {
                            let line = line_of(text, d.pos);
                            (d, line)
                        })
                        .collect(),
                    name,
                },
            },
        });
    }
    // The deck screen shows the outcome: build it again, in the next frame (which the game,
    // asleep between inputs, must be woken for).
    if any && *screen.get() == crate::screens::Screen::Decks {
        next.set(crate::screens::Screen::Decks);
        redraw.write(bevy::window::RequestRedraw);
    }
}

fn remove_decks(
    mut actions: MessageReader<crate::ui_action::UiAction>,
    mut catalog: ResMut<DeckCatalog>,
    mut next: ResMut<NextState<crate::screens::Screen>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    for action in actions.read() {
        if let crate::ui_action::UiAction::RemoveCustomDeck(file) = action
            && let Some(name) = file.strip_prefix(LOCAL_PREFIX)
        {
            catalog.entries.retain(|e| &e.file != file);
            let mut saved = read_saved().unwrap_or_default();
            saved.retain(|d| d.name != name);
            write_saved(&saved);
            next.set(crate::screens::Screen::Decks);
            redraw.write(bevy::window::RequestRedraw);
        }
    }
}

/// Sets the kept list directly (tests: a corrupt or older save).
pub fn store_raw(json: &str) {
    storage::set(STORE_KEY, json);
}

/// The kept list as stored (tests).
pub fn stored_raw() -> Option<String> {
    storage::get(STORE_KEY)
}
