//! One's own deck from a file, in the headless game: a valid file joins the list at once, is
//! playable and kept for the next start; every bad file gets its message and changes nothing
//! else; a corrupt or older kept list is ignored with a notice.

use bevy::prelude::*;
use fresque::content::catalog::DeckCatalog;
use fresque::content::custom::{self, DeckFileReport, FileContent, FileOutcome};
use fresque::screens::flow::Screen;
use fresque::ui_action::UiAction;

use crate::app::{controls, game_with_decks, screen, send, texts, until_decks_loaded};

fn to_deck_list(app: &mut App) {
    until_decks_loaded(app);
    send(app, UiAction::OpenDecks);
    assert_eq!(screen(app.world()), Screen::Decks);
}

use crate::app::give_file as give;

fn text_of(fixture: &str) -> String {
    std::fs::read_to_string(crate::fixture(fixture)).unwrap()
}

fn outcome(app: &App) -> FileOutcome {
    app.world()
        .resource::<DeckFileReport>()
        .0
        .clone()
        .expect("an outcome")
}

#[test]
fn a_valid_file_is_offered_at_once_playable_and_kept_for_the_next_start() {
    custom::store_raw(r#"{"version":1,"decks":[]}"#);
    let mut app = game_with_decks("own-deck", &["valid.fr.ron"]);
    to_deck_list(&mut app);
    let shipped = app.world().resource::<DeckCatalog>().entries.len();

    // The kinds fixture, renamed as an author would name it.
    let text = text_of("kinds.fr.ron");
    give(
        &mut app,
        "ma-fresque.ron",
        FileContent::Text(text.clone()),
        text.len() as u64,
    );
    assert!(
        matches!(outcome(&app), FileOutcome::Added { ref name, .. } if name == "ma-fresque.ron")
    );
    assert_eq!(screen(app.world()), Screen::Decks);
    let shown = texts(app.world_mut());
    assert!(shown.contains("Votre paquet · ma-fresque.ron"), "{shown}");
    assert!(shown.contains("est dans la liste"), "{shown}");
    let ids = controls(app.world_mut());
    let play = ids
        .iter()
        .find(|id| id.starts_with("deck-own:"))
        .expect("a play button")
        .clone();
    assert!(ids.iter().any(|id| id.starts_with("remove:")), "{ids:?}");
    assert!(
        !ids.iter()
            .any(|id| id == &play.replace("deck-own:", "print:")),
        "no PDF for one's own deck"
    );
    assert_eq!(
        app.world().resource::<DeckCatalog>().entries.len(),
        shipped + 1
    );

    send(&mut app, UiAction::StartDeck("local/ma-fresque.ron".into()));
    assert_eq!(screen(app.world()), Screen::Play, "one's own deck plays");
    send(&mut app, UiAction::Quit);

    // The same file again replaces it rather than adding a copy.
    give(
        &mut app,
        "ma-fresque.ron",
        FileContent::Text(text.clone()),
        text.len() as u64,
    );
    assert_eq!(
        app.world().resource::<DeckCatalog>().entries.len(),
        shipped + 1
    );

    // A new start of the game (same browser storage) has it again, after the shipped decks.
    let mut again = game_with_decks("own-deck-again", &["valid.fr.ron"]);
    to_deck_list(&mut again);
    let files: Vec<String> = again
        .world()
        .resource::<DeckCatalog>()
        .entries
        .iter()
        .map(|e| e.file.clone())
        .collect();
    assert_eq!(
        files.last().map(String::as_str),
        Some("local/ma-fresque.ron"),
        "{files:?}"
    );
    assert!(
        again.world().resource::<DeckFileReport>().0.is_none(),
        "no notice on a good start"
    );

    // Removing forgets it, here and for the next start.
    send(
        &mut again,
        UiAction::RemoveCustomDeck("local/ma-fresque.ron".into()),
    );
    assert!(
        !controls(again.world_mut())
            .iter()
            .any(|id| id.starts_with("deck-own:"))
    );
    assert!(!custom::stored_raw().unwrap().contains("ma-fresque"));
}

#[test]
fn a_file_with_errors_shows_each_with_its_place_and_line_and_changes_nothing() {
    custom::store_raw(r#"{"version":1,"decks":[]}"#);
    let mut app = game_with_decks("own-deck-bad", &["valid.fr.ron"]);
    to_deck_list(&mut app);
    let before = app.world().resource::<DeckCatalog>().entries.len();
    let text = text_of("semantic.ron");
    give(
        &mut app,
        "semantic.ron",
        FileContent::Text(text.clone()),
        text.len() as u64,
    );
    let FileOutcome::Invalid { name, problems } = outcome(&app) else {
        panic!("invalid: {:?}", outcome(&app));
    };
    assert_eq!(name, "semantic.ron");
    assert!(!problems.is_empty());
    for (problem, line) in &problems {
        let shown = problem.to_string();
        assert!(shown.starts_with("semantic.ron:"), "{shown}");
        let wanted = text.lines().nth(problem.pos.line - 1).unwrap().trim();
        if !wanted.is_empty() {
            assert_eq!(
                line.as_deref(),
                Some(wanted),
                "the offending line of {shown}"
            );
        }
    }
    let shown = texts(app.world_mut());
    assert!(shown.contains("semantic.ron n'a pas été ajouté"), "{shown}");
    assert!(shown.contains(&problems[0].0.to_string()), "{shown}");
    assert_eq!(app.world().resource::<DeckCatalog>().entries.len(), before);
    assert_eq!(
        custom::stored_raw().as_deref(),
        Some(r#"{"version":1,"decks":[]}"#)
    );

    // A syntax error too: line and column from the parser.
    let text = text_of("missing-comma.ron");
    give(
        &mut app,
        "missing-comma.ron",
        FileContent::Text(text.clone()),
        text.len() as u64,
    );
    let FileOutcome::Invalid { problems, .. } = outcome(&app) else {
        panic!()
    };
    assert!(
        problems[0].0.to_string().starts_with("missing-comma.ron:"),
        "{:?}",
        problems[0]
    );
    assert!(problems[0].1.is_some(), "the line is shown");

    // A deck from a newer game (another format version): said so, at the `format` line.
    let text = text_of("kinds.fr.ron").replacen("Deck(", "Deck(\n    format: 2,", 1);
    give(
        &mut app,
        "futur.ron",
        FileContent::Text(text.clone()),
        text.len() as u64,
    );
    let FileOutcome::Invalid { problems, .. } = outcome(&app) else {
        panic!("{:?}", outcome(&app))
    };
    let shown = problems[0].0.to_string();
    assert!(
        shown.contains("reads deck format 1, the file says 2"),
        "{shown}"
    );
    assert_eq!(problems[0].1.as_deref(), Some("format: 2,"), "{shown}");
    assert_eq!(app.world().resource::<DeckCatalog>().entries.len(), before);
}

#[test]
fn large_binary_and_empty_files_are_refused_with_a_message() {
    custom::store_raw(r#"{"version":1,"decks":[]}"#);
    let mut app = game_with_decks("own-deck-refused", &["valid.fr.ron"]);
    to_deck_list(&mut app);
    let before = app.world().resource::<DeckCatalog>().entries.len();

    give(&mut app, "huge.ron", FileContent::TooLarge, 3 * 1024 * 1024);
    assert!(matches!(outcome(&app), FileOutcome::TooLarge { size, .. } if size == 3 * 1024 * 1024));
    assert!(texts(app.world_mut()).contains("huge.ron n'a pas été ouvert : il fait 3072 Kio"));

    // A page that sent the text of a large file anyway is refused the same.
    let big = "x".repeat(custom::MAX_FILE_BYTES + 1);
    give(&mut app, "big.ron", FileContent::Text(big), 10);
    assert!(matches!(outcome(&app), FileOutcome::TooLarge { .. }));

    give(&mut app, "photo.png", FileContent::Binary, 5_000);
    assert_eq!(
        outcome(&app),
        FileOutcome::Binary {
            name: "photo.png".into()
        }
    );
    assert!(texts(app.world_mut()).contains("ce n'est pas un fichier texte"));

    give(&mut app, "empty.ron", FileContent::Text(String::new()), 0);
    let FileOutcome::Invalid { problems, .. } = outcome(&app) else {
        panic!()
    };
    assert_eq!(
        problems[0].0.to_string(),
        "empty.ron:1:1: error: the file is empty"
    );

    assert_eq!(app.world().resource::<DeckCatalog>().entries.len(), before);
    assert_eq!(screen(app.world()), Screen::Decks);
}

#[test]
fn a_corrupt_or_older_kept_list_is_ignored_with_a_notice() {
    for stored in [
        "{not json",
        r#"{"version":0,"decks":[]}"#,
        r#"{"version":1,"decks":"x"}"#,
    ] {
        custom::store_raw(stored);
        let mut app = game_with_decks("own-deck-corrupt", &["valid.fr.ron"]);
        to_deck_list(&mut app);
        assert_eq!(outcome(&app), FileOutcome::SavedUnreadable, "{stored}");
        assert!(
            texts(app.world_mut()).contains("n'ont pas pu être relus"),
            "the notice is shown for {stored}"
        );
        assert!(
            custom::stored_raw().is_none(),
            "the unreadable list is removed"
        );
        assert!(
            controls(app.world_mut())
                .iter()
                .any(|id| id.starts_with("deck:"))
        );
    }
}

#[test]
fn a_valid_deck_in_a_language_the_interface_lacks_is_refused_naming_it() {
    custom::store_raw(r#"{"version":1,"decks":[]}"#);
    let mut app = game_with_decks("own-deck-german", &["valid.fr.ron"]);
    to_deck_list(&mut app);
    let before = app.world().resource::<DeckCatalog>().entries.len();
    let ids_before = controls(app.world_mut());

    // A well-formed deck in German: deck-check accepts it, but there is no assets/i18n/de.ron.
    let text = text_of("valid.fr.ron").replacen("language: \"fr\"", "language: \"de\"", 1);
    give(
        &mut app,
        "deutsch.ron",
        FileContent::Text(text.clone()),
        text.len() as u64,
    );
    let german = fresque::i18n::Language::parse("de").unwrap();
    assert_eq!(
        outcome(&app),
        FileOutcome::NoInterface {
            name: "deutsch.ron".into(),
            language: german
        }
    );
    let shown = texts(app.world_mut());
    assert!(
        shown.contains("deutsch.ron n'a pas été ajouté : il est écrit en « de »"),
        "{shown}"
    );
    assert!(shown.contains("Français (fr), English (en)"), "{shown}");

    // Nothing else changed: same decks, same controls (plus the report), nothing kept.
    assert_eq!(app.world().resource::<DeckCatalog>().entries.len(), before);
    assert_eq!(screen(app.world()), Screen::Decks);
    let mut ids = controls(app.world_mut());
    ids.retain(|id| id != "deck-file-report");
    assert_eq!(ids, ids_before);
    assert_eq!(
        custom::stored_raw().as_deref(),
        Some(r#"{"version":1,"decks":[]}"#)
    );
}
