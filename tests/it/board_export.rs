//! Exporting a checked board and opening the file again, in the headless game: the export
//! holds the board and its check; opened from the deck screen, it brings back the same board,
//! checked, on the play screen; files from another deck, another version of the deck, a newer
//! game or no game at all are refused on the deck screen with the reason.

use bevy::prelude::*;
use fresque::content::catalog::DeckCatalog;
use fresque::content::custom::{DeckFileReport, FileContent, FileOutcome};
use fresque::export::BoardExport;
use fresque::rules::{Action, Phase};
use fresque::screens::flow::Screen;
use fresque::session::Session;
use fresque::ui_action::UiAction;

use crate::app::{
    controls, game_with_decks, give_file, play, screen, send, texts, until_decks_loaded,
};

fn start(app: &mut App) {
    until_decks_loaded(app);
    send(app, UiAction::OpenDecks);
    let file = app.world().resource::<DeckCatalog>().entries[0]
        .file
        .clone();
    send(app, UiAction::StartDeck(file));
    assert_eq!(screen(app.world()), Screen::Play);
    assert!(controls(app.world_mut()).contains(&"start".to_owned()));
    send(app, UiAction::CloseIntro);
}

fn give(app: &mut App, name: &str, text: &str) {
    give_file(app, name, FileContent::Text(text.into()), text.len() as u64);
}

/// The first round (categories) played: every card into the first zone, checked; exported.
fn played_and_exported(app: &mut App) -> (BoardExport, String) {
    start(app);
    assert!(!controls(app.world_mut()).contains(&"export-board".to_owned()));
    let (hand, solution) = {
        let game = &app.world().resource::<Session>().game;
        (game.hand(), game.solution())
    };
    for (i, card) in hand.iter().enumerate() {
        let at = solution.position(card).unwrap();
        // The last card goes where the first one belongs: a wrong zone.
        let at = if i + 1 == hand.len() {
            solution.position(&hand[0]).unwrap()
        } else {
            at
        };
        play(
            app,
            Action::PlaceCard {
                card: card.clone(),
                at: fresque::rules::Pos::new(at.x + 3.0, at.y),
            },
        );
    }
    play(app, Action::Check);
    assert!(controls(app.world_mut()).contains(&"export-board".to_owned()));
    let before = fresque::web::exported_boards().len();
    send(app, UiAction::ExportBoard);
    let exports = fresque::web::exported_boards();
    assert_eq!(exports.len(), before + 1, "one export");
    let (name, json) = exports.last().unwrap().clone();
    let export = BoardExport::parse(&json).expect("the export reads back");
    assert_eq!(name, export.base_name());
    (export, json)
}

#[test]
fn an_exported_board_opens_again_checked_as_it_was() {
    let mut app = game_with_decks("board-export", &["kinds.fr.ron"]);
    let (export, json) = played_and_exported(&mut app);
    assert_eq!(export.deck.id, "trois-manches");
    assert_eq!(export.round.kind, "categories");
    let name = export.base_name();
    assert!(
        name.starts_with("fresque-trois-manches-1-ranger-20"),
        "{name}"
    );
    assert_eq!(export.cards.len(), 3, "every card of the round");
    assert!(export.cards.iter().all(|c| c.verdict.is_some()));
    assert!(
        export
            .cards
            .iter()
            .any(|c| c.verdict.as_ref().unwrap().tone == "wrong")
    );
    assert_eq!(export.zones.len(), 2);
    let (board, report) = {
        let game = &app.world().resource::<Session>().game;
        (game.board().clone(), game.report().cloned())
    };

    // Next week: back to the deck list, the file opened again.
    send(&mut app, UiAction::Quit);
    assert_eq!(screen(app.world()), Screen::Decks);
    give(&mut app, "fresque-trois-manches.json", &json);
    assert_eq!(screen(app.world()), Screen::Play);
    let game = &app.world().resource::<Session>().game;
    assert_eq!(game.board(), &board);
    assert_eq!(game.report().cloned(), report);
    assert!(matches!(game.phase(), Phase::Checked(_)));
    assert!(
        !controls(app.world_mut()).contains(&"start".to_owned()),
        "no instructions over a board opened checked"
    );
    let shown = texts(app.world_mut());
    assert!(
        shown.contains("Plateau rouvert depuis fresque-trois-manches.json"),
        "{shown}"
    );
    // Exported again, it is the same file (but for the date).
    send(&mut app, UiAction::ExportBoard);
    let (_, again) = fresque::web::exported_boards().last().unwrap().clone();
    let mut again = BoardExport::parse(&again).unwrap();
    again.exported_at = export.exported_at.clone();
    assert_eq!(again, export);
}

fn refused(app: &mut App, name: &str, text: &str) -> String {
    give(app, name, text);
    assert_eq!(screen(app.world()), Screen::Decks, "{name}");
    let report = app.world().resource::<DeckFileReport>().0.clone();
    let Some(FileOutcome::BoardRefused { message, .. }) = report else {
        panic!("{name}: {report:?}");
    };
    let shown = texts(app.world_mut());
    assert!(shown.contains(&message), "{name}: {shown}");
    message
}

#[test]
fn boards_from_elsewhere_are_refused_with_the_reason() {
    let mut app = game_with_decks("board-export-bad", &["kinds.fr.ron"]);
    let (export, _) = played_and_exported(&mut app);
    send(&mut app, UiAction::Quit);
    let decks = app.world().resource::<DeckCatalog>().entries.len();

    let mut other = export.clone();
    other.deck.id = "un-autre".into();
    let text = serde_json::to_string(&other).unwrap();
    let message = refused(&mut app, "autre.json", &text);
    assert!(message.contains("« un-autre »"), "{message}");
    assert!(message.contains("pas dans la liste"), "{message}");

    let mut changed = export.clone();
    changed.deck.version = "0123456789abcdef".into();
    let message = refused(
        &mut app,
        "ancien.json",
        &serde_json::to_string(&changed).unwrap(),
    );
    assert!(message.contains("autre version"), "{message}");

    let mut newer = serde_json::to_value(&export).unwrap();
    newer["version"] = 2.into();
    let message = refused(&mut app, "futur.json", &newer.to_string());
    assert!(message.contains("plus récente"), "{message}");

    let message = refused(
        &mut app,
        "abime.json",
        "{\n  \"format\": \"fresque-board\",\n  oops",
    );
    assert!(message.contains("3:"), "line and column: {message}");

    let mut edited = export.clone();
    edited.cards[0].id = "carte-inconnue".into();
    let message = refused(
        &mut app,
        "retouche.json",
        &serde_json::to_string(&edited).unwrap(),
    );
    assert!(message.contains("carte-inconnue"), "{message}");

    // Nothing else changed: the same decks, and a good file still opens.
    assert_eq!(app.world().resource::<DeckCatalog>().entries.len(), decks);
    give(
        &mut app,
        "bon.json",
        &serde_json::to_string(&export).unwrap(),
    );
    assert_eq!(screen(app.world()), Screen::Play);
}
