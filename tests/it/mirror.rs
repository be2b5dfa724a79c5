//! The HTML mirror in the headless game: every round kind is played to a perfect check with
//! the mirror's buttons alone, found by their labels the way a screen reader user finds them.

use bevy::prelude::*;
use fresque::i18n::Key;
use fresque::locale::Lang;
use fresque::mirror::{MirrorNode, MirrorRequest, MirrorView, Role};
use fresque::rules::{CardId, Phase, RoundKind};
use fresque::screens::flow::Screen;
use fresque::session::Session;
use fresque::table::Selection;

use crate::app::{game_with_decks, screen, until_decks_loaded, update_until};

fn tree(app: &App) -> MirrorNode {
    app.world()
        .resource::<MirrorView>()
        .0
        .clone()
        .expect("the mirror is published")
}

/// Presses the one usable mirror button labelled `label` (inside the group named `group`, if
/// given).
fn press(app: &mut App, group: Option<&str>, label: &str) {
    let tree = tree(app);
    let scope = match group {
        Some(name) => tree
            .walk()
            .into_iter()
            .find(|n| n.role == Role::Group && n.text == name)
            .unwrap_or_else(|| panic!("no group {name:?} in {:#?}", labels(&tree)))
            .clone(),
        None => tree.clone(),
    };
    let found = scope.buttons_named(label);
    assert_eq!(
        found.len(),
        1,
        "one button {label:?}, among {:#?}",
        labels(&tree)
    );
    assert!(!found[0].disabled, "{label:?} is usable");
    let command = found[0].command.clone().expect("a button has a command");
    app.world_mut().write_message(MirrorRequest(command));
    for _ in 0..3 {
        app.update();
    }
}

fn labels(tree: &MirrorNode) -> Vec<String> {
    tree.walk()
        .into_iter()
        .filter(|n| n.role == Role::Button)
        .map(|n| n.text.clone())
        .collect()
}

/// A text of the interface (the game starts in French).
fn t(key: Key) -> &'static str {
    Lang::default().t(key)
}

fn f(key: Key, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    Lang::default().f(key, args)
}

fn title(app: &App, card: &CardId) -> String {
    let session = app.world().resource::<Session>();
    session.game.deck().card(card).unwrap().title.clone()
}

fn game(app: &App) -> &fresque::rules::Game {
    &app.world().resource::<Session>().game
}

/// Title → deck list → the deck's « Jouer » → « Commencer », with the mirror only.
fn start(app: &mut App, deck_title: &str) {
    until_decks_loaded(app);
    update_until(app, "the mirror", |w| {
        w.resource::<MirrorView>().0.is_some()
    });
    press(app, None, t(Key::Play));
    update_until(app, "the deck list", |w| screen(w) == Screen::Decks);
    for _ in 0..3 {
        app.update();
    }
    press(app, Some(deck_title), t(Key::Play));
    update_until(app, "the play screen", |w| screen(w) == Screen::Play);
    for _ in 0..3 {
        app.update();
    }
    press(app, None, t(Key::Start));
}

fn check_perfectly(app: &mut App) {
    press(app, None, t(Key::Check));
    let report = game(app).report().expect("checked").clone();
    assert!(report.is_perfect(), "a perfect check: {report:#?}");
    let tree = tree(app);
    assert!(
        tree.walk().iter().all(|n| n.role != Role::Button
            || !matches!(
                n.command,
                Some(
                    fresque::mirror::Command::Choose { .. }
                        | fresque::mirror::Command::Return { .. }
                )
            )),
        "no move is offered on a checked board"
    );
}

#[test]
fn categories_timeline_and_matching_with_the_mirror_alone() {
    let mut app = game_with_decks("mirror-kinds", &["kinds.fr.ron"]);
    start(&mut app, "Essai : trois manches");

    // Categories: choose each card, then its zone.
    let RoundKind::Categories(round) = game(&app).kind().clone() else {
        panic!("the first round sorts cards");
    };
    for sorted in &round.cards {
        let name = title(&app, &sorted.card);
        let zone = round
            .zones
            .iter()
            .find(|z| z.id == sorted.zones[0])
            .unwrap();
        press(&mut app, None, &f(Key::MirrorChoose, &[("card", &name)]));
        assert_eq!(
            app.world().resource::<Selection>().moving,
            Some(sorted.card.clone())
        );
        let group = f(Key::MirrorWhereTo, &[("card", &name)]);
        press(
            &mut app,
            Some(&group),
            &f(Key::MirrorToZone, &[("zone", &zone.label)]),
        );
        assert_eq!(app.world().resource::<Selection>().moving, None);
        let tree = tree(&app);
        let where_ = tree
            .walk()
            .into_iter()
            .find(|n| n.key == format!("where:{}", sorted.card))
            .expect("the card is described on the board")
            .text
            .clone();
        assert_eq!(where_, f(Key::MirrorInZone, &[("zone", &zone.label)]));
    }
    // A card moved by mistake and Cancel: nothing moves.
    let first = &round.cards[0].card;
    let before = game(&app).board().clone();
    let name = title(&app, first);
    press(&mut app, None, &f(Key::MirrorMove, &[("card", &name)]));
    let group = f(Key::MirrorWhereTo, &[("card", &name)]);
    press(&mut app, Some(&group), t(Key::MirrorCancel));
    assert_eq!(game(&app).board(), &before);
    assert_eq!(app.world().resource::<Selection>().moving, None);
    check_perfectly(&mut app);
    press(&mut app, None, &f(Key::NextRound, &[("n", &2)]));

    // Timeline: first card first, then each after the one before.
    let RoundKind::Timeline(round) = game(&app).kind().clone() else {
        panic!("the second round orders cards");
    };
    let mut previous: Option<CardId> = None;
    for step in &round.steps {
        let card = &step[0];
        let name = title(&app, card);
        press(&mut app, None, &f(Key::MirrorChoose, &[("card", &name)]));
        let group = f(Key::MirrorWhereTo, &[("card", &name)]);
        if previous.is_some() {
            // Focused, « En premier » rings the card now at the front.
            let tree = tree(&app);
            let first = tree
                .walk()
                .into_iter()
                .find(|n| n.role == Role::Button && n.text == t(Key::MirrorFirst))
                .expect("« En premier sur la frise » is offered");
            assert_eq!(
                first.target.as_deref(),
                Some(format!("card:{}", round.steps[0][0]).as_str())
            );
        }
        let place = match &previous {
            None => t(Key::MirrorFirst).to_owned(),
            Some(p) => f(Key::MirrorAfter, &[("card", &title(&app, p))]),
        };
        press(&mut app, Some(&group), &place);
        previous = Some(card.clone());
    }
    assert_eq!(
        game(&app).timeline_cards(),
        round.steps.iter().map(|s| s[0].clone()).collect::<Vec<_>>()
    );
    check_perfectly(&mut app);
    press(&mut app, None, &f(Key::NextRound, &[("n", &3)]));

    // Matching: put each left card down, then pair its partner with it.
    let RoundKind::Matching(round) = game(&app).kind().clone() else {
        panic!("the third round pairs cards");
    };
    for pair in &round.pairs {
        let left = title(&app, &pair.left);
        press(&mut app, None, &f(Key::MirrorPlace, &[("card", &left)]));
        for right in &pair.right {
            let name = title(&app, right);
            press(&mut app, None, &f(Key::MirrorPairFrom, &[("card", &name)]));
            let group = f(Key::MirrorWhereTo, &[("card", &name)]);
            press(
                &mut app,
                Some(&group),
                &f(Key::MirrorWith, &[("card", &left)]),
            );
        }
    }
    check_perfectly(&mut app);
    press(&mut app, None, t(Key::Finish));
    assert!(game(&app).is_finished());
}

#[test]
fn a_links_round_with_the_mirror_alone() {
    let mut app = game_with_decks("mirror-links", &["valid.fr.ron"]);
    start(&mut app, "Exemple : après le vote");
    let RoundKind::Links(round) = game(&app).kind().clone() else {
        panic!("a links round");
    };
    // Reveal every lot, put every card down, then draw each required arrow.
    while game(&app).has_more_lots() {
        let label = app.world().resource::<Lang>().f(
            Key::NextLot,
            &[
                ("n", &(game(&app).board().revealed_lots() + 1)),
                ("total", &game(&app).lot_count()),
            ],
        );
        press(&mut app, None, &label);
    }
    for card in game(&app).hand() {
        let name = title(&app, &card);
        press(&mut app, None, &f(Key::MirrorPlace, &[("card", &name)]));
    }
    assert!(game(&app).hand().is_empty());
    for link in round
        .links
        .iter()
        .filter(|l| l.kind == fresque::rules::LinkKind::Required)
    {
        let from = title(&app, &link.from);
        let to = title(&app, &link.to);
        press(&mut app, None, &f(Key::MirrorLinkFrom, &[("card", &from)]));
        let group = f(Key::MirrorArrowFrom, &[("card", &from)]);
        press(
            &mut app,
            Some(&group),
            &f(Key::MirrorLinkTo, &[("card", &to)]),
        );
    }
    // A wrong arrow, erased with its button.
    let (a, b) = (
        title(&app, &round.links[1].to),
        title(&app, &round.links[0].from),
    );
    press(&mut app, None, &f(Key::MirrorLinkFrom, &[("card", &a)]));
    let group = f(Key::MirrorArrowFrom, &[("card", &a)]);
    press(
        &mut app,
        Some(&group),
        &f(Key::MirrorLinkTo, &[("card", &b)]),
    );
    assert_eq!(game(&app).board().links().len(), 3);
    press(
        &mut app,
        None,
        &f(Key::MirrorRemoveArrow, &[("from", &a), ("to", &b)]),
    );
    assert_eq!(game(&app).board().links().len(), 2);
    check_perfectly(&mut app);
    assert!(matches!(game(&app).phase(), Phase::Checked(_)));
    // The verdicts are told with each arrow.
    let tree = tree(&app);
    let correct = t(Key::VerdictCorrect);
    let told = tree
        .walk()
        .into_iter()
        .filter(|n| n.key.starts_with("link:") && n.text.contains(correct))
        .count();
    assert_eq!(
        told,
        2,
        "{:#?}",
        tree.walk().iter().map(|n| &n.text).collect::<Vec<_>>()
    );
}

#[test]
fn the_focused_card_is_ringed_and_unknown_presses_do_nothing() {
    let mut app = game_with_decks("mirror-focus", &["kinds.fr.ron"]);
    start(&mut app, "Essai : trois manches");
    let card = game(&app).hand()[0].clone();
    app.world_mut()
        .write_message(fresque::mirror::MirrorFocusRequest(Some(format!(
            "card:{card}"
        ))));
    app.update();
    assert_eq!(app.world().resource::<Selection>().keyboard, Some(card));
    app.world_mut()
        .write_message(fresque::mirror::MirrorFocusRequest(None));
    app.update();
    assert_eq!(app.world().resource::<Selection>().keyboard, None);

    // A destination naming a zone: the zone's edge is ringed.
    let zone_edges = |app: &mut App| {
        let mut q = app
            .world_mut()
            .query::<(&fresque::table::board::ZoneEdge, &Sprite)>();
        let mut out: Vec<(usize, bool)> = q
            .iter(app.world())
            .map(|(z, s)| (z.0, s.color == fresque::theme::palette::CARD_SELECTED))
            .collect();
        out.sort();
        out
    };
    app.world_mut()
        .write_message(fresque::mirror::MirrorFocusRequest(Some("zone:1".into())));
    app.update();
    app.update();
    assert_eq!(zone_edges(&mut app), vec![(0, false), (1, true)]);
    app.world_mut()
        .write_message(fresque::mirror::MirrorFocusRequest(None));
    app.update();
    app.update();
    assert_eq!(zone_edges(&mut app), vec![(0, false), (1, false)]);

    // A game button's copy in the mirror: the game's button is ringed.
    let ringed = |app: &mut App| {
        let mut q = app
            .world_mut()
            .query_filtered::<&fresque::ui_action::AutomationId, With<Outline>>();
        q.iter(app.world()).map(|a| a.0.clone()).collect::<Vec<_>>()
    };
    app.world_mut()
        .write_message(fresque::mirror::MirrorFocusRequest(Some(
            "ctl:check".into(),
        )));
    app.update();
    app.update();
    assert_eq!(ringed(&mut app), vec!["check".to_owned()]);
    app.world_mut()
        .write_message(fresque::mirror::MirrorFocusRequest(Some("ctl:quit".into())));
    app.update();
    app.update();
    assert_eq!(ringed(&mut app), vec!["quit".to_owned()]);

    let before = game(&app).clone();
    for command in [
        fresque::mirror::Command::Press {
            id: "no-such-button".into(),
        },
        fresque::mirror::Command::Zone {
            card: "no-such-card".into(),
            zone: 0,
        },
        fresque::mirror::Command::Zone {
            card: before.hand()[0].to_string(),
            zone: 99,
        },
        fresque::mirror::Command::After {
            card: before.hand()[0].to_string(),
            after: None,
        },
        fresque::mirror::Command::Unlink {
            from: "a".into(),
            to: "b".into(),
        },
    ] {
        app.world_mut().write_message(MirrorRequest(command));
        app.update();
    }
    assert_eq!(game(&app).board(), before.board());
    assert_eq!(screen(app.world()), Screen::Play);
}

/// The game on the shipped decks (every language).
fn shipped_game(name: &str) -> App {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&folder);
    for sub in ["fonts", "i18n", "decks"] {
        crate::app::copy_dir(&crate::root().join("assets").join(sub), &folder.join(sub));
    }
    let mut app = App::new();
    app.add_plugins(fresque::AppPlugin {
        asset_folder: Some(folder.to_string_lossy().into_owned()),
    });
    app
}

/// Presses the mirror button whose command is `command` (there must be one, usable).
fn press_command(app: &mut App, command: fresque::mirror::Command) {
    let tree = tree(app);
    let found = tree
        .walk()
        .into_iter()
        .any(|n| n.role == Role::Button && !n.disabled && n.command.as_ref() == Some(&command));
    assert!(found, "a button for {command:?} among {:#?}", labels(&tree));
    app.world_mut().write_message(MirrorRequest(command));
    for _ in 0..3 {
        app.update();
    }
}

/// Plays the current round to a perfect check with the mirror's buttons, from its solution.
fn play_round_with_the_mirror(app: &mut App) {
    use fresque::mirror::Command;
    let id = |c: &CardId| c.to_string();
    while game(app).has_more_lots() {
        press_command(
            app,
            Command::Press {
                id: "next-lot".into(),
            },
        );
    }
    match game(app).kind().clone() {
        RoundKind::Categories(round) => {
            for sorted in &round.cards {
                let zone = round
                    .zones
                    .iter()
                    .position(|z| z.id == sorted.zones[0])
                    .unwrap();
                press_command(
                    app,
                    Command::Choose {
                        card: id(&sorted.card),
                    },
                );
                press_command(
                    app,
                    Command::Zone {
                        card: id(&sorted.card),
                        zone,
                    },
                );
            }
        }
        RoundKind::Timeline(round) => {
            let mut after: Option<String> = None;
            for card in round.steps.iter().flatten() {
                press_command(app, Command::Choose { card: id(card) });
                press_command(
                    app,
                    Command::After {
                        card: id(card),
                        after: after.clone(),
                    },
                );
                after = Some(id(card));
            }
        }
        RoundKind::Matching(round) => {
            for pair in &round.pairs {
                press_command(
                    app,
                    Command::Place {
                        card: id(&pair.left),
                    },
                );
                for right in &pair.right {
                    let choose = Command::Choose { card: id(right) };
                    press_command(app, choose);
                    press_command(
                        app,
                        Command::With {
                            card: id(right),
                            with: id(&pair.left),
                        },
                    );
                }
            }
        }
        RoundKind::Links(round) => {
            for card in game(app).hand() {
                press_command(app, Command::Place { card: id(&card) });
            }
            for link in round
                .links
                .iter()
                .filter(|l| l.kind == fresque::rules::LinkKind::Required)
            {
                press_command(
                    app,
                    Command::LinkFrom {
                        card: id(&link.from),
                    },
                );
                press_command(
                    app,
                    Command::LinkTo {
                        from: id(&link.from),
                        to: id(&link.to),
                    },
                );
            }
        }
    }
    press_command(app, Command::Press { id: "check".into() });
    let report = game(app).report().expect("checked").clone();
    assert!(
        report.is_perfect(),
        "{} / {}: {report:#?}",
        game(app).deck().id,
        game(app).round().id
    );
}

#[test]
fn every_shipped_deck_is_played_to_its_summary_with_the_mirror_alone() {
    use fresque::content::catalog::DeckCatalog;
    use fresque::mirror::Command;
    let mut app = shipped_game("mirror-shipped");
    until_decks_loaded(&mut app);
    let files: Vec<(String, String)> = app
        .world()
        .resource::<DeckCatalog>()
        .entries
        .iter()
        .filter_map(|e| Some((e.file.clone(), e.deck()?.language.code().to_owned())))
        .collect();
    assert!(files.len() >= 10, "{files:?}");
    for (file, language) in files {
        // The deck list in the deck's language, then its « Jouer ».
        if app.world().resource::<Lang>().0.code() != language {
            press_command(
                &mut app,
                Command::Press {
                    id: format!("language:{language}"),
                },
            );
        }
        if screen(app.world()) != Screen::Decks {
            press_command(&mut app, Command::Press { id: "play".into() });
        }
        let deck_id = app
            .world()
            .resource::<DeckCatalog>()
            .entry(&file)
            .and_then(|e| e.deck())
            .map(|d| d.id.clone())
            .unwrap();
        press_command(
            &mut app,
            Command::Press {
                id: format!("deck:{deck_id}"),
            },
        );
        update_until(&mut app, "the play screen", |w| screen(w) == Screen::Play);
        let rounds = game(&app).round_count();
        for n in 0..rounds {
            if n > 0 {
                press_command(
                    &mut app,
                    Command::Press {
                        id: "next-round".into(),
                    },
                );
            }
            play_round_with_the_mirror(&mut app);
        }
        press_command(
            &mut app,
            Command::Press {
                id: "finish".into(),
            },
        );
        assert!(game(&app).is_finished(), "{file}");
        // The summary, read in the mirror, then back to the deck list for the next deck.
        press_command(
            &mut app,
            Command::Press {
                id: "quit-summary".into(),
            },
        );
        update_until(&mut app, "the deck list", |w| screen(w) == Screen::Decks);
    }
}
