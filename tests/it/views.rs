//! The whole game (views included) without a window or a GPU: every screen is built and
//! updated, so a view that cannot be spawned fails here and not only in the browser.

use bevy::prelude::*;
use fresque::screens::flow::Screen;
use fresque::ui_action::UiAction;

use crate::app::{controls, game, game_with_decks, screen, send, texts, update_until};

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
    app.add_plugins(fresque::AppPlugin::default());
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    send(&mut app, UiAction::OpenDecks);
    send(
        &mut app,
        UiAction::StartDeck("assets/decks/loi.fr.ron".into()),
    );
    assert_eq!(screen(app.world()), Screen::Play);

    let (first, second, wrong) = {
        let session = app.world().resource::<Session>();
        let RoundKind::Links(round) = &session.game.round().kind else {
            panic!("the first round is a links round");
        };
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

#[test]
fn a_parcours_of_three_kinds_through_the_action_path_with_its_summary() {
    use fresque::rules::{Action, Event, Placement, Pos, RoundKind, zone_rects};
    use fresque::session::{GameEvent, PlayerAction, Session};

    #[derive(Resource, Default)]
    struct Seen(Vec<Event>);
    fn record(mut events: MessageReader<GameEvent>, mut seen: ResMut<Seen>) {
        seen.0.extend(events.read().map(|GameEvent(e)| e.clone()));
    }

    let mut app = game_with_decks("parcours", &["kinds.fr.ron"]);
    app.init_resource::<Seen>()
        .add_systems(Update, record.after(fresque::AppSystems::Apply));
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    send(&mut app, UiAction::OpenDecks);
    send(
        &mut app,
        UiAction::StartDeck("assets/decks/kinds.fr.ron".into()),
    );
    assert_eq!(screen(app.world()), Screen::Play);
    let act = |app: &mut App, action: Action| {
        app.world_mut().write_message(PlayerAction(action));
        for _ in 0..3 {
            app.update();
        }
    };
    let game = |app: &App| app.world().resource::<Session>().game.clone();
    assert!(texts(app.world_mut()).contains("Manche 1 sur 3"));

    // Round 1, categories: the president in the "vote" zone is a known misconception.
    let RoundKind::Categories(round) = game(&app).kind().clone() else {
        panic!("round 1 sorts cards");
    };
    let zones = zone_rects(&round);
    for (card, zone) in [("assemblee", 0), ("senat", 0), ("president", 0)] {
        let at = zones[zone].center();
        act(
            &mut app,
            Action::PlaceCard {
                card: card.into(),
                at,
            },
        );
    }
    act(&mut app, Action::Check);
    let shown = texts(app.world_mut());
    assert!(shown.contains("✓ Bonne zone"), "{shown}");
    assert!(shown.contains("✗ Mauvaise zone"), "{shown}");
    assert!(shown.contains("Le président ne vote pas la loi"), "{shown}");
    assert!(controls(app.world_mut()).contains(&"next-round".to_owned()));
    // Show the solution, then back to the players' board.
    send(&mut app, UiAction::Play(Action::ShowSolution));
    assert!(game(&app).showing_solution());
    send(&mut app, UiAction::Play(Action::Retry));
    assert!(matches!(
        game(&app).board().position(&"president".into()),
        Some(p) if zones[0].contains(p)
    ));
    act(
        &mut app,
        Action::MoveCard {
            card: "president".into(),
            to: zones[1].center(),
        },
    );
    act(&mut app, Action::Check);
    assert!(game(&app).report().unwrap().is_perfect());

    // Round 2, timeline, dealt shuffled; put in order and check.
    send(&mut app, UiAction::Play(Action::GoToRound(1)));
    assert!(texts(app.world_mut()).contains("Manche 2 sur 3"));
    for (i, card) in ["adoption", "promulgation", "journal-officiel"]
        .iter()
        .enumerate()
    {
        act(
            &mut app,
            Action::PlaceCard {
                card: (*card).into(),
                at: Pos::new(-800.0 + i as f32 * 500.0, 0.0),
            },
        );
    }
    act(&mut app, Action::Check);
    let report = game(&app).report().unwrap().clone();
    assert!(
        report
            .cards
            .iter()
            .all(|c| matches!(c.placement, Placement::InPlace { .. }))
    );
    assert!(
        texts(app.world_mut()).contains("J + 15 au plus"),
        "the date shows after the check"
    );

    // Round 3, matching: one pair made by a link, one missing.
    send(&mut app, UiAction::Play(Action::GoToRound(2)));
    for (i, card) in ["president", "promulgation", "adoption"].iter().enumerate() {
        act(
            &mut app,
            Action::PlaceCard {
                card: (*card).into(),
                at: Pos::new(-800.0 + i as f32 * 500.0, 0.0),
            },
        );
    }
    act(
        &mut app,
        Action::AddLink {
            from: "promulgation".into(),
            to: "president".into(),
        },
    );
    act(&mut app, Action::Check);
    let report = game(&app).report().unwrap().clone();
    assert_eq!((report.correct(), report.missing.len()), (1, 2));
    assert!(controls(app.world_mut()).contains(&"finish".to_owned()));

    // The summary lists the misconception met in round 1 with its correction.
    send(&mut app, UiAction::Play(Action::Finish));
    let shown = texts(app.world_mut());
    assert!(shown.contains("Bilan du parcours"), "{shown}");
    assert!(
        shown.contains("Président de la République → Vote la loi"),
        "{shown}"
    );
    assert!(shown.contains("C14 — Constitution, article 10"), "{shown}");
    // Review round 1: its feedback is still there.
    send(&mut app, UiAction::Play(Action::GoToRound(0)));
    assert!(game(&app).report().is_some_and(|r| r.is_perfect()));
    assert!(!texts(app.world_mut()).contains("Bilan du parcours"));
    // Play the whole deck again without restarting the app.
    send(
        &mut app,
        UiAction::StartDeck("assets/decks/kinds.fr.ron".into()),
    );
    assert_eq!(game(&app).round_index(), 0);
    assert!(game(&app).board().placed().is_empty());
    let seen = &app.world().resource::<Seen>().0;
    assert_eq!(
        seen.iter()
            .filter(|e| matches!(e, Event::Checked(_)))
            .count(),
        4
    );
    assert!(seen.iter().any(|e| matches!(e, Event::Finished)));
}

#[test]
fn deck_tiles_say_duration_and_round_kinds_and_open_the_printable_cards_and_the_guide() {
    let mut app = game_with_decks("deck-tiles", &["kinds.fr.ron", "valid.fr.ron"]);
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    update_until(&mut app, "the decks loaded", |w| {
        w.resource::<fresque::content::catalog::DeckCatalog>()
            .entries
            .iter()
            .all(|e| e.deck().is_some())
    });
    send(&mut app, UiAction::OpenDecks);
    let shown = texts(app.world_mut());
    assert!(
        shown.contains("causes et conséquences") && shown.contains("classement"),
        "the kinds of rounds are named: {shown}"
    );
    assert!(shown.contains("min ·"), "the duration is shown: {shown}");
    let ids = controls(app.world_mut());
    let print: Vec<&String> = ids.iter().filter(|id| id.starts_with("print:")).collect();
    assert_eq!(
        print.len(),
        2,
        "one printable-cards button per deck: {ids:?}"
    );

    send(
        &mut app,
        UiAction::OpenPrintable("assets/decks/kinds.fr.ron".into()),
    );
    assert_eq!(
        fresque::web::opened_urls(),
        vec!["print/kinds.fr.pdf".to_owned()]
    );
    assert_eq!(
        screen(app.world()),
        Screen::Decks,
        "the game stays on the list"
    );

    // The facilitator's guide, in the interface's language.
    assert!(ids.contains(&"guide".to_owned()), "{ids:?}");
    send(&mut app, UiAction::OpenGuide);
    assert_eq!(
        fresque::web::opened_urls().last().map(String::as_str),
        Some("guide/fr.html")
    );
}
