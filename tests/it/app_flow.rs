//! A headless Bevy app (no window, no renderer) running the game's core plugin: screens move
//! from loading to title to the deck list to play, and a whole round is played by writing
//! `PlayerAction` messages, the same path the pointer and the page use.

use bevy::asset::AssetPlugin;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use fresque::CorePlugin;
use fresque::content::catalog::{DeckCatalog, EntryStatus};
use fresque::rules::{Action, CardId, Event, Phase, Pos, RoundKind};
use fresque::screens::Screen;
use fresque::session::{ActionRejected, GameEvent, PlayerAction, Session};
use fresque::ui_action::UiAction;

/// What the game reported since the test last looked.
#[derive(Resource, Default)]
struct Recorded {
    events: Vec<Event>,
    rejected: Vec<ActionRejected>,
}

fn record(
    mut events: MessageReader<GameEvent>,
    mut rejected: MessageReader<ActionRejected>,
    mut recorded: ResMut<Recorded>,
) {
    recorded
        .events
        .extend(events.read().map(|GameEvent(e)| e.clone()));
    recorded.rejected.extend(rejected.read().cloned());
}

fn app_with_assets(path: &str) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        AssetPlugin {
            file_path: path.to_owned(),
            ..default()
        },
        CorePlugin,
    ))
    .init_resource::<Recorded>()
    .add_systems(Update, record.after(fresque::AppSystems::Apply));
    app
}

/// Updates until `done`, failing (not hanging) after a bounded number of frames.
fn update_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    for _ in 0..2_000 {
        app.update();
        if done(app.world()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    panic!("timed out waiting for {what}");
}

fn screen(world: &World) -> Screen {
    *world.resource::<State<Screen>>().get()
}

fn send_ui(app: &mut App, action: UiAction) {
    app.world_mut().write_message(action);
    app.update();
    app.update();
}

/// Sends one action through the action path and returns the events it caused.
fn play(app: &mut App, action: Action) -> Vec<Event> {
    app.world_mut().write_message(PlayerAction(action));
    app.update();
    std::mem::take(&mut app.world_mut().resource_mut::<Recorded>().events)
}

#[test]
fn a_whole_round_through_the_action_path() {
    let mut app = app_with_assets(concat!(env!("CARGO_MANIFEST_DIR"), "/assets"));
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);

    let catalog = app.world().resource::<DeckCatalog>();
    let entry = catalog
        .entries
        .iter()
        .find(|e| {
            e.deck()
                .is_some_and(|d| d.id == "loi" && d.language.code() == "fr")
        })
        .expect("the French law deck is ready");
    let file = entry.file.clone();
    assert!(
        catalog
            .entries
            .iter()
            .all(|e| matches!(e.status, EntryStatus::Ready(..)))
    );

    send_ui(&mut app, UiAction::OpenDecks);
    assert_eq!(screen(app.world()), Screen::Decks);
    send_ui(&mut app, UiAction::StartDeck(file.clone()));
    assert_eq!(screen(app.world()), Screen::Play);

    // The reference of the deck's first round.
    let (lots, required) = {
        let session = app.world().resource::<Session>();
        assert_eq!(session.file, file);
        let RoundKind::Links(round) = &session.game.round().kind else {
            panic!("the first round is a links round");
        };
        let required: Vec<(CardId, CardId)> = round
            .links
            .iter()
            .filter(|l| l.kind == fresque::rules::LinkKind::Required)
            .map(|l| (l.from.clone(), l.to.clone()))
            .collect();
        (round.lots.len(), required)
    };

    // Reveal every lot and place every card, through messages.
    for _ in 1..lots {
        let events = play(&mut app, Action::RevealNextLot);
        assert!(
            matches!(events.as_slice(), [Event::LotRevealed { .. }]),
            "{events:?}"
        );
    }
    let hand = app.world().resource::<Session>().game.hand();
    for (i, card) in hand.iter().enumerate() {
        let at = Pos::new(
            -1800.0 + (i % 8) as f32 * 450.0,
            900.0 - (i / 8) as f32 * 300.0,
        );
        let events = play(
            &mut app,
            Action::PlaceCard {
                card: card.clone(),
                at,
            },
        );
        assert_eq!(
            events,
            vec![Event::CardPlaced {
                card: card.clone(),
                at
            }]
        );
    }
    assert!(app.world().resource::<Session>().game.hand().is_empty());

    // Draw every required link but one, and one reversed arrow.
    let (skipped, drawn) = required.split_first().expect("required links");
    for (from, to) in drawn {
        play(
            &mut app,
            Action::AddLink {
                from: from.clone(),
                to: to.clone(),
            },
        );
    }
    // A refused action comes back as ActionRejected and changes nothing.
    let events = play(
        &mut app,
        Action::AddLink {
            from: drawn[0].0.clone(),
            to: drawn[0].1.clone(),
        },
    );
    assert_eq!(events, vec![]);
    let rejected = std::mem::take(&mut app.world_mut().resource_mut::<Recorded>().rejected);
    assert_eq!(
        rejected
            .iter()
            .map(|r| r.refusal.clone())
            .collect::<Vec<_>>(),
        vec![fresque::protocol::Refusal::Rule(
            fresque::rules::RuleError::AlreadyLinked
        )]
    );

    let events = play(&mut app, Action::Check);
    let [Event::Checked(report)] = events.as_slice() else {
        panic!("{events:?}");
    };
    assert_eq!(report.correct(), drawn.len());
    assert_eq!(report.wrong(), 0);
    assert_eq!(report.missing.len(), 1);
    assert_eq!(report.missing[0].link.from, skipped.0);
    assert!(matches!(
        app.world().resource::<Session>().game.phase(),
        Phase::Checked(_)
    ));

    // Retry keeps the board; drawing the last link then makes it perfect.
    play(&mut app, Action::Retry);
    play(
        &mut app,
        Action::AddLink {
            from: skipped.0.clone(),
            to: skipped.1.clone(),
        },
    );
    let events = play(&mut app, Action::Check);
    let [Event::Checked(report)] = events.as_slice() else {
        panic!("{events:?}");
    };
    assert!(report.is_perfect(), "{report:?}");

    // Quit goes back to the deck list; a new game can start at once.
    send_ui(&mut app, UiAction::Quit);
    assert_eq!(screen(app.world()), Screen::Decks);
    assert!(app.world().get_resource::<Session>().is_none());
    send_ui(&mut app, UiAction::StartDeck(file));
    let session = app.world().resource::<Session>();
    assert!(session.game.board().placed().is_empty(), "a fresh board");
}

#[test]
fn broken_and_missing_decks_are_reported_with_their_places() {
    let mut app = app_with_assets(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/catalog"
    ));
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    let catalog = app.world().resource::<DeckCatalog>();
    let status = |name: &str| {
        catalog
            .entries
            .iter()
            .find(|e| e.file.ends_with(name))
            .map(|e| e.status.clone())
            .unwrap_or_else(|| panic!("{name} listed"))
    };
    assert!(matches!(status("good.fr.ron"), EntryStatus::Ready(..)));
    let EntryStatus::Failed(problems) = status("broken.fr.ron") else {
        panic!("broken deck fails");
    };
    assert_eq!(
        problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        vec!["assets/decks/broken.fr.ron:7:22: error: Expected integer".to_owned()]
    );
    let EntryStatus::Failed(problems) = status("missing.fr.ron") else {
        panic!("missing deck fails");
    };
    assert!(
        problems[0]
            .to_string()
            .starts_with("assets/decks/missing.fr.ron:1:1: error: cannot load the file"),
        "{problems:?}"
    );
    // The good deck can still be played.
    send_ui(&mut app, UiAction::OpenDecks);
    send_ui(
        &mut app,
        UiAction::StartDeck("assets/decks/good.fr.ron".into()),
    );
    assert_eq!(screen(app.world()), Screen::Play);
    // A broken deck cannot.
    send_ui(&mut app, UiAction::Quit);
    send_ui(
        &mut app,
        UiAction::StartDeck("assets/decks/broken.fr.ron".into()),
    );
    assert_eq!(screen(app.world()), Screen::Decks);
}

#[test]
fn a_broken_manifest_is_reported() {
    let mut app = app_with_assets(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/catalog-bad-manifest"
    ));
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    let catalog = app.world().resource::<DeckCatalog>();
    assert!(catalog.entries.is_empty());
    assert_eq!(
        catalog
            .manifest_problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec![
            "assets/decks/manifest.ron:2:5: error: Unexpected field named `deks` in \
              `Manifest`, expected `decks` instead"
                .to_owned()
        ]
    );
}
