//! Reload-safe solo play, in the headless game: a game's actions are kept after each move; a
//! new start of the game (a reload) offers to resume it and brings back the whole game; "Jouer"
//! starts again and forgets it; a damaged, older or newer kept list, or a deck that changed,
//! is ignored with a notice and nothing else changes.

use bevy::prelude::*;
use fresque::content::catalog::DeckCatalog;
use fresque::resume::{STORE_KEY, SavedGames};
use fresque::rules::{Action, Pos};
use fresque::screens::flow::Screen;
use fresque::session::Session;
use fresque::ui_action::UiAction;
use fresque::web::storage;

use crate::app::{controls, game_with_decks, play, screen, send, texts, until_decks_loaded};

fn started(name: &str) -> App {
    let mut app = game_with_decks(name, &["kinds.fr.ron"]);
    until_decks_loaded(&mut app);
    app
}

fn file(app: &App) -> String {
    app.world().resource::<DeckCatalog>().entries[0]
        .file
        .clone()
}

/// Round 1 played and checked, round 2 opened and two cards placed: the whole game as text.
fn some_play(app: &mut App) -> String {
    send(app, UiAction::OpenDecks);
    send(app, UiAction::StartDeck(file(app)));
    send(app, UiAction::CloseIntro);
    let hand = app.world().resource::<Session>().game.hand();
    for (i, card) in hand.iter().enumerate() {
        play(
            app,
            Action::PlaceCard {
                card: card.clone(),
                at: Pos::new(-300.0 + 300.0 * i as f32, 100.0),
            },
        );
    }
    play(app, Action::Check);
    play(app, Action::GoToRound(1));
    assert!(
        controls(app.world_mut()).contains(&"start".to_owned()),
        "a new round shows its instructions, moves made or not"
    );
    send(app, UiAction::CloseIntro);
    let hand = app.world().resource::<Session>().game.hand();
    for (i, card) in hand.iter().take(2).enumerate() {
        play(
            app,
            Action::PlaceCard {
                card: card.clone(),
                at: Pos::new(-200.0 + 400.0 * i as f32, 0.0),
            },
        );
    }
    let session = app.world().resource::<Session>();
    assert_eq!(session.game.round_index(), 1);
    assert_eq!(session.log.len(), hand.len().min(2) + 5);
    format!("{:?}", session.game)
}

#[test]
fn a_reload_offers_the_game_and_brings_it_back_whole() {
    let mut app = started("resume");
    let before = some_play(&mut app);
    let deck_file = file(&app);
    drop(app);

    // The page is loaded again.
    let mut app = started("resume");
    assert!(controls(app.world_mut()).contains(&"resume".to_owned()));
    let shown = texts(app.world_mut());
    assert!(shown.contains("Reprendre « "), "{shown}");
    assert!(shown.contains("(manche 2 sur 3)"), "{shown}");
    send(&mut app, UiAction::ResumeDeck(deck_file.clone()));
    assert_eq!(screen(app.world()), Screen::Play);
    let session = app.world().resource::<Session>();
    assert_eq!(
        format!("{:?}", session.game),
        before,
        "the whole game is back"
    );
    assert!(
        !controls(app.world_mut()).contains(&"start".to_owned()),
        "no instructions over a resumed game"
    );

    // The deck's tile offers it too; "Jouer" starts again and forgets it.
    send(&mut app, UiAction::Quit);
    let ids = controls(app.world_mut());
    assert!(ids.contains(&"resume:trois-manches".to_owned()), "{ids:?}");
    send(&mut app, UiAction::StartDeck(deck_file));
    assert!(app.world().resource::<SavedGames>().games.is_empty());
    assert!(!storage::get(STORE_KEY).unwrap().contains("trois-manches"));
    drop(app);
    let mut app = started("resume");
    assert!(!controls(app.world_mut()).contains(&"resume".to_owned()));
}

fn notice_after_start_with(raw: &str) -> (App, String) {
    storage::set(STORE_KEY, raw);
    let mut app = started("resume-bad");
    assert!(
        !controls(app.world_mut()).contains(&"resume".to_owned()),
        "nothing offered"
    );
    assert!(controls(app.world_mut()).contains(&"resume-notice".to_owned()));
    let shown = texts(app.world_mut());
    (app, shown)
}

#[test]
fn damaged_older_and_newer_kept_games_are_ignored_with_a_notice() {
    let (_, shown) = notice_after_start_with("{\"version\": 1, \"games\": [tronqué");
    assert!(shown.contains("n'a pas pu être relue"), "{shown}");
    assert_eq!(storage::get(STORE_KEY), None, "the damaged list is removed");

    let (_, shown) = notice_after_start_with(r#"{"version": 0, "parties": []}"#);
    assert!(shown.contains("n'a pas pu être relue"), "older: {shown}");

    let newer = r#"{"version": 7, "games": [], "more": true}"#;
    let (mut app, shown) = notice_after_start_with(newer);
    assert!(shown.contains("plus récente"), "{shown}");
    assert_eq!(
        storage::get(STORE_KEY).as_deref(),
        Some(newer),
        "left alone"
    );
    // Playing here replaces it with this game's own list.
    some_play(&mut app);
    let kept = storage::get(STORE_KEY).unwrap();
    assert!(kept.starts_with(r#"{"version":1"#), "{kept}");
}

#[test]
fn a_game_whose_deck_changed_is_not_resumed() {
    let mut app = started("resume-changed");
    some_play(&mut app);
    let deck_file = file(&app);
    drop(app);
    let kept = storage::get(STORE_KEY).unwrap();
    let version =
        serde_json::from_str::<serde_json::Value>(&kept).unwrap()["games"][0]["deck_version"]
            .as_str()
            .unwrap()
            .to_owned();
    storage::set(STORE_KEY, &kept.replace(&version, "0000000000000000"));

    let mut app = started("resume-changed");
    assert!(controls(app.world_mut()).contains(&"resume".to_owned()));
    send(&mut app, UiAction::ResumeDeck(deck_file));
    assert_eq!(screen(app.world()), Screen::Title, "stays where it was");
    let shown = texts(app.world_mut());
    assert!(shown.contains("ne peut pas être reprise"), "{shown}");
    assert!(!controls(app.world_mut()).contains(&"resume".to_owned()));
    assert!(app.world().resource::<SavedGames>().games.is_empty());
}
