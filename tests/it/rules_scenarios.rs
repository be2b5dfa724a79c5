//! Rule scenarios on a deck read from a file, through the public API only:
//! "place these, link those, check → these verdicts".

use std::sync::Arc;

use fresque::content::load_deck;
use fresque::rules::{Action, CardId, Event, Game, Link, Pos, RuleError, Verdict, WrongReason};

use crate::fixture;

fn game() -> Game {
    let bytes = std::fs::read(fixture("valid.fr.ron")).unwrap();
    let deck = load_deck("valid.fr.ron", &bytes).deck.expect("valid deck");
    Game::new(Arc::new(deck))
}

fn id(s: &str) -> CardId {
    CardId::new(s)
}

fn run(game: &mut Game, actions: Vec<Action>) -> Vec<Event> {
    actions
        .into_iter()
        .flat_map(|a| game.apply(&a).unwrap_or_else(|e| panic!("{a:?}: {e}")))
        .collect()
}

fn place(card: &str, x: f32) -> Action {
    Action::PlaceCard {
        card: id(card),
        at: Pos::new(x, 0.0),
    }
}

fn link(from: &str, to: &str) -> Action {
    Action::AddLink {
        from: id(from),
        to: id(to),
    }
}

#[test]
fn a_full_round_from_the_file() {
    let mut g = game();
    assert_eq!(g.hand(), vec![id("adoption")]);
    run(
        &mut g,
        vec![
            place("adoption", -300.0),
            Action::RevealNextLot,
            place("promulgation", 0.0),
            place("journal-officiel", 300.0),
            link("adoption", "promulgation"),
            link("promulgation", "journal-officiel"),
        ],
    );
    let events = run(&mut g, vec![Action::Check]);
    let Event::Checked(report) = &events[0] else {
        panic!("{events:?}")
    };
    assert!(report.is_perfect());
    assert_eq!(report.correct(), 2);
    assert_eq!(report.required_total, 2);
}

#[test]
fn misconceptions_and_reversed_arrows_get_their_reasons() {
    let mut g = game();
    run(
        &mut g,
        vec![
            place("adoption", -300.0),
            Action::RevealNextLot,
            place("promulgation", 0.0),
            place("journal-officiel", 300.0),
            link("journal-officiel", "adoption"),
            link("promulgation", "adoption"),
        ],
    );
    run(&mut g, vec![Action::Check]);
    let report = g.report().expect("checked");
    assert_eq!(
        report.verdict(&Link::new("journal-officiel", "adoption")),
        Some(&Verdict::Wrong(WrongReason::Misconception(
            "La publication vient après le vote.".into()
        )))
    );
    assert_eq!(
        report.verdict(&Link::new("promulgation", "adoption")),
        Some(&Verdict::Wrong(WrongReason::Reversed {
            why: "Le président promulgue la loi adoptée.".into()
        }))
    );
    assert_eq!(report.missing.len(), 2);
    // Retry keeps the board and unlocks it.
    run(&mut g, vec![Action::Retry]);
    assert_eq!(g.board().links().len(), 2);
    run(
        &mut g,
        vec![
            Action::RemoveLink {
                from: id("promulgation"),
                to: id("adoption"),
            },
            link("adoption", "promulgation"),
        ],
    );
    run(&mut g, vec![Action::Check]);
    assert_eq!(g.report().unwrap().correct(), 1);
}

#[test]
fn optional_link_is_acceptable_and_not_required() {
    let mut g = game();
    run(
        &mut g,
        vec![
            place("adoption", -300.0),
            Action::RevealNextLot,
            place("journal-officiel", 300.0),
            link("adoption", "journal-officiel"),
            Action::Check,
        ],
    );
    let report = g.report().unwrap();
    assert_eq!(report.acceptable(), 1);
    assert_eq!(report.missing.len(), 2);
    assert_eq!(report.unplaced, vec![id("promulgation")]);
}

#[test]
fn refusals_are_explained() {
    let mut g = game();
    assert_eq!(
        g.apply(&place("promulgation", 0.0)),
        Err(RuleError::NotInHand(id("promulgation")))
    );
    run(&mut g, vec![Action::RevealNextLot]);
    assert_eq!(g.apply(&Action::RevealNextLot), Err(RuleError::NoMoreLots));
}
