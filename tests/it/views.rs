//! The whole game (views included) without a window or a GPU: every screen is built and
//! updated, so a view that cannot be spawned fails here and not only in the browser.

use bevy::prelude::*;
use fresque::AppPlugin;
use fresque::screens::flow::Screen;
use fresque::ui_action::{AutomationId, UiAction};

/// The game on an asset folder made of the shipped assets with the decks of `fixture`.
fn game(fixture: &str) -> App {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(fixture);
    let _ = std::fs::remove_dir_all(&folder);
    for (from, to) in [
        (crate::root().join("assets/fonts"), folder.join("fonts")),
        (crate::root().join("assets/i18n"), folder.join("i18n")),
        (
            crate::root()
                .join("tests/fixtures")
                .join(fixture)
                .join("decks"),
            folder.join("decks"),
        ),
    ] {
        std::fs::create_dir_all(&to).unwrap();
        for file in std::fs::read_dir(&from).unwrap() {
            let file = file.unwrap();
            std::fs::copy(file.path(), to.join(file.file_name())).unwrap();
        }
    }
    let mut app = App::new();
    app.add_plugins(AppPlugin {
        asset_folder: Some(folder.to_string_lossy().into_owned()),
    });
    app
}

fn update_until(app: &mut App, what: &str, done: impl Fn(&mut World) -> bool) {
    for _ in 0..2_000 {
        app.update();
        if done(app.world_mut()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    panic!("timed out waiting for {what}");
}

fn screen(world: &World) -> Screen {
    *world.resource::<State<Screen>>().get()
}

fn send(app: &mut App, action: UiAction) {
    app.world_mut().write_message(action);
    for _ in 0..3 {
        app.update();
    }
}

/// The automation ids of the controls on screen.
fn controls(world: &mut World) -> Vec<String> {
    let mut query = world.query::<&AutomationId>();
    let mut ids: Vec<String> = query.iter(world).map(|a| a.0.clone()).collect();
    ids.sort();
    ids
}

/// Every text shown, joined.
fn texts(world: &mut World) -> String {
    let mut query = world.query::<&Text>();
    query
        .iter(world)
        .map(|t| t.0.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn broken_decks_are_shown_with_their_places_and_good_ones_stay_playable() {
    let mut app = game("catalog");
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    update_until(&mut app, "every deck loaded or failed", |w| {
        w.resource::<fresque::content::catalog::DeckCatalog>()
            .entries
            .iter()
            .all(|e| !matches!(e.status, fresque::content::catalog::EntryStatus::Loading))
    });
    send(&mut app, UiAction::OpenDecks);
    assert_eq!(screen(app.world()), Screen::Decks);
    let shown = texts(app.world_mut());
    assert!(
        shown.contains("assets/decks/broken.fr.ron:7:22: error: Expected integer"),
        "{shown}"
    );
    assert!(
        controls(app.world_mut())
            .iter()
            .any(|id| id.starts_with("deck:")),
        "the good deck is offered: {:?}",
        controls(app.world_mut())
    );
    send(
        &mut app,
        UiAction::StartDeck("assets/decks/good.fr.ron".into()),
    );
    assert_eq!(screen(app.world()), Screen::Play);
    assert!(
        texts(app.world_mut()).contains("Vérifier"),
        "the play screen is built"
    );
    // Leaving a round and starting it again works without restarting the app.
    send(&mut app, UiAction::Quit);
    assert_eq!(screen(app.world()), Screen::Decks);
    send(
        &mut app,
        UiAction::StartDeck("assets/decks/good.fr.ron".into()),
    );
    assert_eq!(screen(app.world()), Screen::Play);
    send(&mut app, UiAction::Quit);
    assert_eq!(screen(app.world()), Screen::Decks);
}

#[test]
fn a_checked_board_shows_verdicts_with_icons_and_words() {
    use fresque::rules::{Action, CardId, LinkKind, Pos, RoundKind};
    use fresque::session::{PlayerAction, Session};

    let mut app = App::new();
    app.add_plugins(AppPlugin::default());
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    send(&mut app, UiAction::OpenDecks);
    send(
        &mut app,
        UiAction::StartDeck("assets/decks/loi.fr.ron".into()),
    );
    assert_eq!(screen(app.world()), Screen::Play);

    let (first, second, wrong) = {
        let session = app.world().resource::<Session>();
        let RoundKind::Links(round) = &session.game.round().kind;
        let link = round
            .links
            .iter()
            .find(|l| l.kind == LinkKind::Required && round.lots[0].cards.contains(&l.to))
            .filter(|l| round.lots[0].cards.contains(&l.from))
            .expect("a required link inside the first lot");
        let wrong = round.lots[0]
            .cards
            .iter()
            .find(|c| **c != link.from && **c != link.to)
            .cloned()
            .unwrap();
        (link.from.clone(), link.to.clone(), wrong)
    };
    let act = |app: &mut App, action: Action| {
        app.world_mut().write_message(PlayerAction(action));
        for _ in 0..3 {
            app.update();
        }
    };
    for (i, card) in [&first, &second, &wrong].into_iter().enumerate() {
        act(
            &mut app,
            Action::PlaceCard {
                card: card.clone(),
                at: Pos::new(i as f32 * 400.0, 0.0),
            },
        );
    }
    let link = |from: &CardId, to: &CardId| Action::AddLink {
        from: from.clone(),
        to: to.clone(),
    };
    act(&mut app, link(&first, &second));
    act(&mut app, link(&second, &wrong));
    act(&mut app, Action::Check);
    let shown = texts(app.world_mut());
    assert!(shown.contains("Juste"), "{shown}");
    assert!(shown.contains("Faux"), "{shown}");

    assert!(
        shown.contains("✓ Juste"),
        "an icon goes with the word: {shown}"
    );
    assert!(shown.contains("✗ Faux"), "{shown}");
}
