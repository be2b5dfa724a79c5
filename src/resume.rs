//! Reload-safe solo play: after every applied action, the game's actions since its start are
//! kept in the browser (`localStorage`), one game per deck file, the most recent last. The
//! title screen and the deck's tile then offer to resume: the actions are applied again
//! through [`Game::apply`], which gives the same round, board, feedback and summary so far.
//!
//! A kept list that cannot be read (damaged data, an older format) is removed; one written by
//! a newer version of the game is left alone; a game whose deck changed since (another
//! version of its answers) cannot be resumed and is removed. Each case leaves a notice on the
//! title and deck screens, never a crash. "Jouer" on a deck starts it again and forgets its
//! kept game. Workshops are not kept here: their server keeps every table.

use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::content::catalog::DeckCatalog;
use crate::export::deck_version;
use crate::rules::{Action, Game};
use crate::screens::Screen;
use crate::screens::flow::NextSession;
use crate::session::{Session, SharedPlay};
use crate::ui_action::UiAction;
use crate::web::storage;

/// Where the games are kept in the browser.
pub const STORE_KEY: &str = "fresque.saved-games";
/// The version of the kept list's format.
pub const STORE_VERSION: u32 = 1;
/// At most this many games are kept (one per deck file), the oldest dropped first.
pub const MAX_KEPT: usize = 8;

/// One kept game.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SavedGame {
    /// The deck's file, as listed in the catalogue.
    pub file: String,
    pub deck: String,
    /// [`deck_version`] of the deck when it was played.
    pub deck_version: String,
    /// The round being played (from 0), and the deck's number of rounds.
    pub round: usize,
    pub rounds: usize,
    pub finished: bool,
    /// Every action applied since the game started.
    pub actions: Vec<Action>,
}

#[derive(Serialize, Deserialize)]
struct Store {
    version: u32,
    games: Vec<SavedGame>,
}

/// Why a kept game was not offered.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveProblem {
    /// The kept list could not be read (damaged, or an older format): removed.
    Unreadable,
    /// Written by a newer version of the game: left alone, not offered.
    Newer(u32),
    /// This deck's kept game cannot be replayed (the deck changed): removed.
    CannotResume { deck_title: String },
}

/// The kept games, and the last problem met with them (shown on the title and deck screens).
#[derive(Resource, Default, Debug)]
pub struct SavedGames {
    pub games: Vec<SavedGame>,
    pub problem: Option<SaveProblem>,
    /// Not written back: the list belongs to a newer game.
    read_only: bool,
}

impl SavedGames {
    /// The kept game of a deck file.
    pub fn of(&self, file: &str) -> Option<&SavedGame> {
        self.games.iter().find(|g| g.file == file)
    }

    /// The most recent kept game whose deck is playable here.
    pub fn latest<'a>(&'a self, catalog: &DeckCatalog) -> Option<&'a SavedGame> {
        self.games
            .iter()
            .rev()
            .find(|g| catalog.entry(&g.file).and_then(|e| e.deck()).is_some())
    }

    fn write(&self) {
        if self.read_only {
            return;
        }
        let store = Store {
            version: STORE_VERSION,
            games: self.games.clone(),
        };
        if let Ok(json) = serde_json::to_string(&store)
            && !storage::set(STORE_KEY, &json)
        {
            warn!("the browser refused to keep the game (storage full or disabled)");
        }
    }

    fn forget(&mut self, file: &str) {
        let before = self.games.len();
        self.games.retain(|g| g.file != file);
        if self.games.len() != before {
            self.write();
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<SavedGames>()
        .add_systems(Startup, read_saved_games)
        .add_systems(
            Update,
            (
                (resume_games, forget_on_restart).in_set(crate::AppSystems::Apply),
                keep_game
                    .in_set(crate::AppSystems::Sync)
                    .run_if(not(resource_exists::<SharedPlay>)),
            ),
        );
}

fn read_saved_games(mut saved: ResMut<SavedGames>) {
    let Some(text) = storage::get(STORE_KEY) else {
        return;
    };
    #[derive(Deserialize)]
    struct Header {
        version: u32,
    }
    let version = serde_json::from_str::<Header>(&text)
        .ok()
        .map(|h| h.version);
    if let Some(version) = version
        && version > STORE_VERSION
    {
        warn!("kept games from a newer game (format {version}): left alone");
        saved.read_only = true;
        saved.problem = Some(SaveProblem::Newer(version));
        return;
    }
    match serde_json::from_str::<Store>(&text) {
        Ok(store) if version == Some(STORE_VERSION) => saved.games = store.games,
        _ => {
            warn!("the kept games could not be read: removed");
            storage::remove(STORE_KEY);
            saved.problem = Some(SaveProblem::Unreadable);
        }
    }
}

/// After every change of a solo game, keeps its actions.
fn keep_game(session: Option<Res<Session>>, mut saved: ResMut<SavedGames>) {
    let Some(session) = session.filter(|s| s.is_changed()) else {
        return;
    };
    if session.log.is_empty() {
        return;
    }
    let game = &session.game;
    let entry = SavedGame {
        file: session.file.clone(),
        deck: game.deck().id.clone(),
        deck_version: deck_version(game.deck()),
        round: game.round_index(),
        rounds: game.round_count(),
        finished: game.is_finished(),
        actions: session.log.clone(),
    };
    if saved.games.last() == Some(&entry) {
        return;
    }
    if saved.read_only {
        // This game's own list replaces the newer game's one from now on.
        saved.read_only = false;
        saved.games.clear();
    }
    saved.games.retain(|g| g.file != entry.file);
    saved.games.push(entry);
    saved.problem = None;
    let excess = saved.games.len().saturating_sub(MAX_KEPT);
    saved.games.drain(..excess);
    saved.write();
}

/// A kept game, replayed on its deck as the catalogue has it now; `None` if the deck is gone,
/// or changed so that the actions no longer make the same game.
fn replay(saved: &SavedGame, catalog: &DeckCatalog) -> Option<Game> {
    let deck = catalog.entry(&saved.file)?.deck()?;
    if deck.id != saved.deck || deck_version(deck) != saved.deck_version {
        warn!("the deck of a kept game changed: {}", saved.file);
        return None;
    }
    let mut game = Game::new(Arc::clone(deck));
    for action in &saved.actions {
        if let Err(e) = game.apply(action) {
            warn!("a kept game of {} does not replay: {e}", saved.file);
            return None;
        }
    }
    Some(game)
}

fn resume_games(
    mut actions: MessageReader<UiAction>,
    catalog: Res<DeckCatalog>,
    mut saved: ResMut<SavedGames>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    for action in actions.read() {
        let UiAction::ResumeDeck(file) = action else {
            continue;
        };
        let Some(kept) = saved.of(file).cloned() else {
            continue;
        };
        match replay(&kept, &catalog) {
            Some(game) => {
                commands.insert_resource(NextSession(Session {
                    file: file.clone(),
                    game,
                    log: kept.actions,
                }));
                next.set(Screen::Play);
            }
            None => {
                let deck_title = catalog
                    .entry(file)
                    .and_then(|e| e.deck())
                    .map_or_else(|| kept.deck.clone(), |d| d.title.clone());
                saved.forget(file);
                saved.problem = Some(SaveProblem::CannotResume { deck_title });
                // Show the notice: build the screen again.
                next.set(*screen.get());
            }
        }
    }
}

/// "Jouer" (or "Rejouer") on a deck starts it again: its kept game is forgotten.
fn forget_on_restart(mut actions: MessageReader<UiAction>, mut saved: ResMut<SavedGames>) {
    for action in actions.read() {
        if let UiAction::StartDeck(file) = action {
            saved.forget(file);
        }
    }
}

/// The notice about kept games, in the interface's language, if there is one.
pub fn notice_text(lang: crate::locale::Lang, saved: &SavedGames) -> Option<String> {
    use crate::i18n::Key;
    Some(match saved.problem.as_ref()? {
        SaveProblem::Unreadable => lang.t(Key::SaveUnreadable).to_owned(),
        SaveProblem::Newer(version) => lang.f(Key::SaveNewer, &[("version", version)]),
        SaveProblem::CannotResume { deck_title } => {
            lang.f(Key::SaveCannotResume, &[("title", deck_title)])
        }
    })
}
