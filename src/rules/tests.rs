//! Scenario tests of the rules: "place these, link those, check → these verdicts".

use std::sync::Arc;

use super::*;

fn card(id: &str) -> Card {
    Card {
        id: CardId::new(id),
        title: format!("Title {id}"),
        face: format!("Face {id}"),
        back: format!("Back {id}"),
        sources: vec!["S1".into()],
        image: None,
    }
}

fn expected(from: &str, to: &str, kind: LinkKind) -> ExpectedLink {
    ExpectedLink {
        from: from.into(),
        to: to.into(),
        kind,
        why: format!("{from} leads to {to}"),
    }
}

/// Lots [a, b] then [c] then [d]; a→b and b→c required, c→d optional; d→a a known misconception.
fn deck() -> Arc<Deck> {
    Arc::new(Deck {
        id: "test".into(),
        language: Language::Fr,
        title: "Test".into(),
        description: "A test deck".into(),
        duration_minutes: 10,
        audience: "tests".into(),
        sources: vec![Source {
            id: "S1".into(),
            title: "Source".into(),
            url: None,
        }],
        cards: ["a", "b", "c", "d"].into_iter().map(card).collect(),
        rounds: vec![Round {
            id: "r1".into(),
            title: "Round".into(),
            intro: "Intro".into(),
            debrief: "Debrief".into(),
            kind: RoundKind::Links(LinksRound {
                lots: vec![
                    Lot {
                        title: None,
                        cards: vec!["a".into(), "b".into()],
                    },
                    Lot {
                        title: None,
                        cards: vec!["c".into()],
                    },
                    Lot {
                        title: None,
                        cards: vec!["d".into()],
                    },
                ],
                links: vec![
                    expected("a", "b", LinkKind::Required),
                    expected("b", "c", LinkKind::Required),
                    expected("c", "d", LinkKind::Optional),
                ],
                wrong_links: vec![WrongLink {
                    from: "d".into(),
                    to: "a".into(),
                    why: "d does not cause a".into(),
                }],
            }),
        }],
    })
}

fn id(s: &str) -> CardId {
    CardId::new(s)
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

/// Applies every action, panicking with the failing one if any is refused.
fn play(game: &mut Game, actions: &[Action]) {
    for action in actions {
        if let Err(e) = game.apply(action) {
            panic!("{action:?} was refused: {e}");
        }
    }
}

fn reveal_all(game: &mut Game) {
    while game.has_more_lots() {
        play(game, &[Action::RevealNextLot]);
    }
}

fn check(game: &mut Game) -> Report {
    let events = game.apply(&Action::Check).expect("check is always allowed");
    match events.as_slice() {
        [Event::Checked(report)] => (**report).clone(),
        other => panic!("unexpected events {other:?}"),
    }
}

#[test]
fn new_game_reveals_first_lot_only() {
    let game = Game::new(deck());
    assert_eq!(game.hand(), vec![id("a"), id("b")]);
    assert_eq!(game.board().revealed_lots(), 1);
    assert!(game.has_more_lots());
    assert_eq!(game.phase(), &Phase::Playing);
}

#[test]
fn placing_moves_a_card_from_hand_to_board() {
    let mut game = Game::new(deck());
    let events = game.apply(&place("a", 10.0)).unwrap();
    assert_eq!(
        events,
        vec![Event::CardPlaced {
            card: id("a"),
            at: Pos::new(10.0, 0.0)
        }]
    );
    assert_eq!(game.hand(), vec![id("b")]);
    assert_eq!(game.board().position(&id("a")), Some(Pos::new(10.0, 0.0)));
}

#[test]
fn cards_of_hidden_lots_cannot_be_placed() {
    let mut game = Game::new(deck());
    assert_eq!(
        game.apply(&place("c", 0.0)),
        Err(RuleError::NotInHand(id("c")))
    );
    play(&mut game, &[Action::RevealNextLot]);
    assert_eq!(game.hand(), vec![id("a"), id("b"), id("c")]);
    play(&mut game, &[place("c", 0.0)]);
}

#[test]
fn unknown_cards_and_positions_off_the_board_are_refused() {
    let mut game = Game::new(deck());
    assert_eq!(
        game.apply(&place("zz", 0.0)),
        Err(RuleError::UnknownCard(id("zz")))
    );
    assert_eq!(
        game.apply(&place("a", BOARD_HALF_WIDTH + 1.0)),
        Err(RuleError::OutsideBoard)
    );
    assert_eq!(
        game.apply(&place("a", f32::NAN)),
        Err(RuleError::OutsideBoard)
    );
    assert!(game.board().placed().is_empty(), "nothing changed");
}

#[test]
fn a_card_is_placed_once() {
    let mut game = Game::new(deck());
    play(&mut game, &[place("a", 0.0)]);
    assert_eq!(
        game.apply(&place("a", 5.0)),
        Err(RuleError::AlreadyPlaced(id("a")))
    );
}

#[test]
fn moving_keeps_links_and_brings_card_to_top() {
    let mut game = Game::new(deck());
    play(
        &mut game,
        &[place("a", 0.0), place("b", 300.0), link("a", "b")],
    );
    let events = game
        .apply(&Action::MoveCard {
            card: id("a"),
            to: Pos::new(-100.0, 50.0),
        })
        .unwrap();
    assert_eq!(
        events,
        vec![Event::CardMoved {
            card: id("a"),
            from: Pos::new(0.0, 0.0),
            to: Pos::new(-100.0, 50.0)
        }]
    );
    assert_eq!(game.board().links(), &[Link::new("a", "b")]);
    assert_eq!(game.board().placed().last().unwrap().0, id("a"));
}

#[test]
fn moving_a_card_in_the_hand_is_refused() {
    let mut game = Game::new(deck());
    assert_eq!(
        game.apply(&Action::MoveCard {
            card: id("a"),
            to: Pos::default()
        }),
        Err(RuleError::NotOnBoard(id("a")))
    );
}

#[test]
fn returning_a_card_removes_its_links_first() {
    let mut game = Game::new(deck());
    play(&mut game, &[Action::RevealNextLot]);
    play(
        &mut game,
        &[
            place("a", 0.0),
            place("b", 300.0),
            place("c", 600.0),
            link("a", "b"),
            link("b", "c"),
        ],
    );
    let events = game.apply(&Action::ReturnCard { card: id("b") }).unwrap();
    assert_eq!(
        events,
        vec![
            Event::LinkRemoved(Link::new("a", "b")),
            Event::LinkRemoved(Link::new("b", "c")),
            Event::CardReturned { card: id("b") },
        ]
    );
    assert!(game.board().links().is_empty());
    assert_eq!(game.hand(), vec![id("b")]);
}

#[test]
fn links_need_two_different_cards_on_the_board() {
    let mut game = Game::new(deck());
    play(&mut game, &[place("a", 0.0)]);
    assert_eq!(
        game.apply(&link("a", "b")),
        Err(RuleError::NotOnBoard(id("b")))
    );
    assert_eq!(game.apply(&link("a", "a")), Err(RuleError::SelfLink));
}

#[test]
fn two_cards_are_linked_at_most_once_in_either_direction() {
    let mut game = Game::new(deck());
    play(
        &mut game,
        &[place("a", 0.0), place("b", 300.0), link("a", "b")],
    );
    assert_eq!(game.apply(&link("a", "b")), Err(RuleError::AlreadyLinked));
    assert_eq!(game.apply(&link("b", "a")), Err(RuleError::AlreadyLinked));
}

#[test]
fn removing_a_link() {
    let mut game = Game::new(deck());
    play(
        &mut game,
        &[place("a", 0.0), place("b", 300.0), link("a", "b")],
    );
    let remove = Action::RemoveLink {
        from: id("a"),
        to: id("b"),
    };
    assert_eq!(
        game.apply(&remove),
        Ok(vec![Event::LinkRemoved(Link::new("a", "b"))])
    );
    assert_eq!(game.apply(&remove), Err(RuleError::NoSuchLink));
}

#[test]
fn revealing_lots_until_none_is_left() {
    let mut game = Game::new(deck());
    assert_eq!(
        game.apply(&Action::RevealNextLot),
        Ok(vec![Event::LotRevealed {
            index: 1,
            cards: vec![id("c")]
        }])
    );
    play(&mut game, &[Action::RevealNextLot]);
    assert!(!game.has_more_lots());
    assert_eq!(
        game.apply(&Action::RevealNextLot),
        Err(RuleError::NoMoreLots)
    );
}

#[test]
fn perfect_board_gets_only_right_verdicts() {
    let mut game = Game::new(deck());
    reveal_all(&mut game);
    play(
        &mut game,
        &[
            place("a", 0.0),
            place("b", 300.0),
            place("c", 600.0),
            place("d", 900.0),
            link("a", "b"),
            link("b", "c"),
            link("c", "d"),
        ],
    );
    let report = check(&mut game);
    assert_eq!(report.correct(), 2);
    assert_eq!(report.acceptable(), 1);
    assert_eq!(report.wrong(), 0);
    assert!(report.missing.is_empty());
    assert!(report.unplaced.is_empty());
    assert_eq!(report.required_total, 2);
    assert!(report.is_perfect());
    assert_eq!(
        report.verdict(&Link::new("c", "d")),
        Some(&Verdict::Acceptable {
            why: "c leads to d".into()
        })
    );
}

#[test]
fn partly_right_board_lists_wrong_and_missing_links_with_reasons() {
    let mut game = Game::new(deck());
    reveal_all(&mut game);
    play(
        &mut game,
        &[
            place("a", 0.0),
            place("b", 300.0),
            place("d", 900.0),
            link("a", "b"),
            link("d", "a"),
            link("b", "d"),
        ],
    );
    let report = check(&mut game);
    assert_eq!(
        report.verdict(&Link::new("a", "b")),
        Some(&Verdict::Correct {
            why: "a leads to b".into()
        })
    );
    assert_eq!(
        report.verdict(&Link::new("d", "a")),
        Some(&Verdict::Wrong(WrongReason::Misconception(
            "d does not cause a".into()
        )))
    );
    assert_eq!(
        report.verdict(&Link::new("b", "d")),
        Some(&Verdict::Wrong(WrongReason::NotInReference))
    );
    assert_eq!(
        report.missing,
        vec![MissingLink {
            link: Link::new("b", "c"),
            why: "b leads to c".into(),
            cards_on_board: false,
        }]
    );
    assert_eq!(report.unplaced, vec![id("c")]);
    assert!(!report.is_perfect());
}

#[test]
fn reversed_arrow_is_wrong_and_explains_the_right_direction() {
    let mut game = Game::new(deck());
    play(
        &mut game,
        &[place("a", 0.0), place("b", 300.0), link("b", "a")],
    );
    let report = check(&mut game);
    assert_eq!(
        report.verdict(&Link::new("b", "a")),
        Some(&Verdict::Wrong(WrongReason::Reversed {
            why: "a leads to b".into()
        }))
    );
    assert!(
        report
            .missing
            .iter()
            .any(|m| m.link == Link::new("a", "b") && m.cards_on_board)
    );
}

#[test]
fn empty_board_misses_every_required_link() {
    let mut game = Game::new(deck());
    let report = check(&mut game);
    assert_eq!(report.links, vec![]);
    assert_eq!(report.missing.len(), 2);
    assert_eq!(report.unplaced.len(), 4);
    assert_eq!(report.correct() + report.acceptable() + report.wrong(), 0);
}

#[test]
fn all_wrong_board() {
    let mut game = Game::new(deck());
    reveal_all(&mut game);
    play(
        &mut game,
        &[
            place("a", 0.0),
            place("b", 300.0),
            place("c", 600.0),
            place("d", 900.0),
            link("b", "a"),
            link("d", "a"),
            link("c", "b"),
            link("a", "c"),
        ],
    );
    let report = check(&mut game);
    assert_eq!(report.wrong(), 4);
    assert_eq!(report.correct(), 0);
    assert_eq!(report.missing.len(), 2);
}

#[test]
fn checked_board_is_locked_until_retry_which_keeps_it() {
    let mut game = Game::new(deck());
    play(
        &mut game,
        &[place("a", 0.0), place("b", 300.0), link("a", "b")],
    );
    let before = game.board().clone();
    check(&mut game);
    assert!(game.report().is_some());
    assert_eq!(game.checks(), 1);
    assert_eq!(game.apply(&link("b", "a")), Err(RuleError::BoardLocked));
    assert_eq!(
        game.apply(&Action::RevealNextLot),
        Err(RuleError::BoardLocked)
    );
    assert_eq!(game.apply(&Action::Retry), Ok(vec![Event::Reopened]));
    assert_eq!(game.phase(), &Phase::Playing);
    assert_eq!(game.board(), &before, "retry keeps the board");
    assert_eq!(game.apply(&Action::Retry), Err(RuleError::NotChecked));
    // Playing on and checking again gives a fresh report.
    play(
        &mut game,
        &[Action::RevealNextLot, place("c", 600.0), link("b", "c")],
    );
    let report = check(&mut game);
    assert_eq!(report.correct(), 2);
    assert_eq!(game.checks(), 2);
}

#[test]
fn refused_actions_change_nothing() {
    let mut game = Game::new(deck());
    play(&mut game, &[place("a", 0.0)]);
    let before = game.board().clone();
    for bad in [
        place("a", 0.0),
        link("a", "b"),
        Action::ReturnCard { card: id("b") },
        Action::RemoveLink {
            from: id("a"),
            to: id("b"),
        },
        Action::Retry,
    ] {
        assert!(game.apply(&bad).is_err(), "{bad:?} should be refused");
        assert_eq!(game.board(), &before);
    }
}

#[test]
fn pos_clamping() {
    assert!(Pos::new(0.0, 0.0).is_on_board());
    assert!(!Pos::new(f32::INFINITY, 0.0).is_on_board());
    assert_eq!(
        Pos::new(1.0e9, -1.0e9).clamped(),
        Pos::new(BOARD_HALF_WIDTH, -BOARD_HALF_HEIGHT)
    );
    assert_eq!(Pos::new(f32::NAN, 3.0).clamped(), Pos::new(0.0, 3.0));
}
