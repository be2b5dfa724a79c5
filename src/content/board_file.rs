//! A board exported after a check (`fresque-….json`), opened again from the deck screen (the
//! same file picker and drop as decks): the board comes back on the play screen, checked,
//! as it was exported; the class can look at it, see the verdicts, retry or go on. A file
//! from a deck that is not in the list, from a deck whose answers changed, or from a newer
//! game is refused on the deck screen with the reason, and nothing else changes.

use std::sync::Arc;

use bevy::prelude::*;

use super::catalog::DeckCatalog;
use super::custom::{DeckFileReport, FileOutcome};
use crate::export::{BoardExport, ImportError};
use crate::locale::Lang;
use crate::screens::Screen;
use crate::screens::flow::NextSession;
use crate::session::{PlayNotice, Session};

/// A JSON file given on the deck screen: an exported board, presumably.
#[derive(Message, Clone, Debug)]
pub struct BoardFileReceived {
    pub name: String,
    pub text: String,
}

pub(crate) fn plugin(app: &mut App) {
    app.add_message::<BoardFileReceived>().add_systems(
        Update,
        open_boards
            .in_set(crate::AppSystems::Apply)
            .after(super::custom::receive_files),
    );
}

/// The catalogue file and deck that an export comes from: the same deck in the export's
/// language, else in the interface's, else in any language; the first whose answers match.
fn find_deck<'a>(
    catalog: &'a DeckCatalog,
    export: &BoardExport,
    lang: &str,
) -> Result<(&'a str, &'a Arc<crate::rules::Deck>), ImportError> {
    let mut candidates: Vec<(&str, &Arc<crate::rules::Deck>)> = catalog
        .entries
        .iter()
        .filter_map(|e| Some((e.file.as_str(), e.deck()?)))
        .filter(|(_, d)| d.id == export.deck.id)
        .collect();
    let rank = |d: &crate::rules::Deck| {
        if d.language.code() == export.deck.language {
            0
        } else if d.language.code() == lang {
            1
        } else {
            2
        }
    };
    candidates.sort_by_key(|(_, d)| rank(d));
    let mut error = ImportError::UnknownDeck(export.deck.id.clone());
    for (file, deck) in candidates {
        match export.check_deck(deck) {
            Ok(()) => return Ok((file, deck)),
            Err(e) => error = e,
        }
    }
    Err(error)
}

fn open_boards(
    mut files: MessageReader<BoardFileReceived>,
    catalog: Res<DeckCatalog>,
    lang: Res<Lang>,
    mut report: ResMut<DeckFileReport>,
    mut notice: ResMut<PlayNotice>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: Commands,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    for file in files.read() {
        let opened = BoardExport::parse(&file.text).and_then(|export| {
            let (deck_file, deck) = find_deck(&catalog, &export, lang.0.code())?;
            let (game, log) = export.replay_with_actions(Arc::clone(deck))?;
            Ok((export, deck_file.to_owned(), game, log))
        });
        match opened {
            Ok((export, deck_file, game, log)) => {
                report.0 = None;
                let date = export.exported_at.get(..10).unwrap_or_default();
                notice.0 = Some(lang.f(
                    crate::i18n::Key::BoardReopened,
                    &[("name", &file.name), ("date", &date)],
                ));
                commands.insert_resource(NextSession(Session {
                    file: deck_file,
                    game,
                    log,
                }));
                next.set(Screen::Play);
            }
            Err(error) => {
                let (key, detail) = error.key();
                let message = lang.f(key, &[("detail", &detail)]);
                warn!("board file {} refused: {error}", file.name);
                if *screen.get() == Screen::Decks {
                    // The deck screen shows the reason: build it again.
                    next.set(Screen::Decks);
                } else {
                    notice.0 = Some(message.clone());
                }
                report.0 = Some(FileOutcome::BoardRefused {
                    name: file.name.clone(),
                    message,
                });
            }
        }
        redraw.write(bevy::window::RequestRedraw);
    }
}
