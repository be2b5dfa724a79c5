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
        date: None,
    }
}

fn expected(from: &str, to: &str, kind: LinkKind) -> ExpectedLink {
    ExpectedLink {
        from: from.into(),
        to: to.into(),
        kind,
        why: format!("{from} leads to {to}"),
        reverse: None,
    }
}

/// Lots [a, b] then [c] then [d]; a→b and b→c required, c→d optional; d→a a known misconception.
fn deck() -> Arc<Deck> {
    Arc::new(Deck {
        id: "test".into(),
        language: Language::FR,
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
                positions: Vec::new(),
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

/// The test deck where `a → b` is true both ways and `c → d` (optional) too.
fn deck_with_reverse() -> Arc<Deck> {
    let mut deck = (*deck()).clone();
    let RoundKind::Links(round) = &mut deck.rounds[0].kind else {
        unreachable!("the test deck's round draws links")
    };
    round.links[0].reverse = Some("b also leads back to a".into());
    round.links[2].reverse = Some("d comes with c".into());
    Arc::new(deck)
}

#[test]
fn a_link_true_both_ways_is_right_in_either_direction() {
    let mut game = Game::new(deck_with_reverse());
    reveal_all(&mut game);
    play(
        &mut game,
        &[
            place("a", 0.0),
            place("b", 300.0),
            place("c", 600.0),
            place("d", 900.0),
            link("b", "a"),
            link("b", "c"),
            link("d", "c"),
        ],
    );
    let report = check(&mut game);
    assert_eq!(
        report.verdict(&Link::new("b", "a")),
        Some(&Verdict::Correct {
            why: "b also leads back to a".into()
        })
    );
    assert_eq!(
        report.verdict(&Link::new("d", "c")),
        Some(&Verdict::Acceptable {
            why: "d comes with c".into()
        })
    );
    // The reverse arrow counts as the required link: nothing is missing.
    assert_eq!(report.missing, vec![]);
    assert_eq!(report.wrong(), 0);
    assert!(report.is_perfect());
}

#[test]
fn only_links_marked_both_ways_accept_the_reverse() {
    let mut game = Game::new(deck_with_reverse());
    reveal_all(&mut game);
    play(
        &mut game,
        &[place("b", 0.0), place("c", 300.0), link("c", "b")],
    );
    let report = check(&mut game);
    assert_eq!(
        report.verdict(&Link::new("c", "b")),
        Some(&Verdict::Wrong(WrongReason::Reversed {
            why: "b leads to c".into()
        }))
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

// ---- Categories, timeline, matching and the parcours ----------------------------------

fn sorted(card: &str, zones: &[&str]) -> SortedCard {
    SortedCard {
        card: card.into(),
        zones: zones.iter().map(|z| (*z).to_owned()).collect(),
        why: format!("{card} belongs in {}", zones.join("+")),
    }
}

/// A parcours of three rounds on cards a..h:
/// 1. categories: zones x, y; a→x, b→y, c→x or y; "a in y" is a known misconception;
/// 2. timeline: [d], [e, f] (either order), [g], [h];
/// 3. matching: a ↔ b; c ↔ d, e (one-to-many); "a ↔ c" is a known wrong pair.
fn parcours() -> Arc<Deck> {
    let zone = |id: &str| Zone {
        id: id.into(),
        label: format!("Zone {id}"),
        description: None,
    };
    let round = |id: &str, kind| Round {
        id: id.into(),
        title: format!("Round {id}"),
        intro: "Intro".into(),
        debrief: "Debrief".into(),
        kind,
    };
    let mut cards: Vec<Card> = ["a", "b", "c", "d", "e", "f", "g", "h"]
        .into_iter()
        .map(card)
        .collect();
    cards[3].date = Some("1958".into());
    Arc::new(Deck {
        id: "parcours".into(),
        language: Language::FR,
        title: "Parcours".into(),
        description: "Three rounds".into(),
        duration_minutes: 30,
        audience: "tests".into(),
        sources: vec![
            Source {
                id: "S1".into(),
                title: "Source".into(),
                url: None,
            },
            Source {
                id: "UNUSED".into(),
                title: "Not cited".into(),
                url: None,
            },
        ],
        cards,
        rounds: vec![
            round(
                "sort",
                RoundKind::Categories(CategoriesRound {
                    zones: vec![zone("x"), zone("y")],
                    cards: vec![
                        sorted("a", &["x"]),
                        sorted("b", &["y"]),
                        sorted("c", &["x", "y"]),
                    ],
                    wrong_zones: vec![WrongZone {
                        card: "a".into(),
                        zone: "y".into(),
                        why: "a is not y, because…".into(),
                    }],
                }),
            ),
            round(
                "order",
                RoundKind::Timeline(TimelineRound {
                    steps: vec![
                        vec!["d".into()],
                        vec!["e".into(), "f".into()],
                        vec!["g".into()],
                        vec!["h".into()],
                    ],
                }),
            ),
            round(
                "pairs",
                RoundKind::Matching(MatchingRound {
                    pairs: vec![
                        Pair {
                            left: "a".into(),
                            right: vec!["b".into()],
                            why: "a goes with b".into(),
                        },
                        Pair {
                            left: "c".into(),
                            right: vec!["d".into(), "e".into()],
                            why: "c goes with d and e".into(),
                        },
                    ],
                    wrong_pairs: vec![WrongPair {
                        left: "a".into(),
                        right: "c".into(),
                        why: "a and c are often confused".into(),
                    }],
                }),
            ),
        ],
    })
}

fn zone_center(game: &Game, zone: usize) -> Pos {
    let RoundKind::Categories(r) = game.kind() else {
        panic!("not a categories round");
    };
    zone_rects(r)[zone].center()
}

fn place_at(card: &str, at: Pos) -> Action {
    Action::PlaceCard { card: id(card), at }
}

/// Checks the current round, then moves on to round `next`.
fn check_and_open(game: &mut Game, next: usize) -> Report {
    let report = check(game);
    play(game, &[Action::GoToRound(next)]);
    report
}

#[test]
fn categories_judge_each_card_by_the_zone_it_lies_in() {
    let mut g = Game::new(parcours());
    assert_eq!(
        g.hand(),
        vec![id("a"), id("b"), id("c")],
        "all dealt at once"
    );
    let (x, y) = (zone_center(&g, 0), zone_center(&g, 1));
    play(
        &mut g,
        &[place_at("a", y), place_at("b", y), place_at("c", x)],
    );
    let report = check(&mut g);
    assert_eq!(report.cards_right(), 2);
    assert_eq!(
        report.placement(&id("a")),
        Some(&Placement::WrongZone {
            zone: Some("y".into()),
            expected: vec!["x".into()],
            why: "a belongs in x".into(),
            misconception: Some("a is not y, because…".into()),
        })
    );
    assert!(matches!(
        report.placement(&id("c")),
        Some(Placement::RightZone { zone, .. }) if zone == "x"
    ));
    assert!(!report.is_perfect());
    assert_eq!(report.misconceptions().len(), 1);
}

#[test]
fn a_card_with_several_right_zones_is_right_in_each_and_outside_every_zone_is_wrong() {
    for zone in [0, 1] {
        let mut g = Game::new(parcours());
        let at = zone_center(&g, zone);
        play(&mut g, &[place_at("c", at)]);
        let report = check(&mut g);
        assert!(report.placement(&id("c")).unwrap().is_right());
        assert_eq!(report.unplaced, vec![id("a"), id("b")]);
        assert!(!report.is_perfect(), "cards left in the hand");
    }
    let mut g = Game::new(parcours());
    // Between the two zones: in no zone at all.
    let between = Pos::new((zone_center(&g, 0).x + zone_center(&g, 1).x) / 2.0, 0.0);
    play(&mut g, &[place_at("a", between)]);
    assert!(matches!(
        check(&mut g).placement(&id("a")),
        Some(Placement::WrongZone {
            zone: None,
            misconception: None,
            ..
        })
    ));
}

#[test]
fn placement_rounds_have_no_links() {
    let mut g = Game::new(parcours());
    let x = zone_center(&g, 0);
    play(&mut g, &[place_at("a", x), place_at("c", x)]);
    assert_eq!(g.apply(&link("a", "c")), Err(RuleError::NoLinksInThisRound));
}

fn open_round(n: usize) -> Game {
    let mut g = Game::new(parcours());
    for i in 0..n {
        check(&mut g);
        play(&mut g, &[Action::GoToRound(i + 1)]);
    }
    g
}

#[test]
fn timeline_in_the_right_order_is_perfect_and_parallel_steps_go_either_way() {
    for order in [["d", "e", "f", "g", "h"], ["d", "f", "e", "g", "h"]] {
        let mut g = open_round(1);
        for (i, c) in order.iter().enumerate() {
            play(&mut g, &[place(c, -1000.0 + i as f32 * 400.0)]);
        }
        let report = check(&mut g);
        assert!(report.is_perfect(), "{order:?}: {report:?}");
        assert_eq!(
            report
                .cards
                .iter()
                .map(|c| c.card.as_str())
                .collect::<Vec<_>>(),
            vec!["d", "e", "f", "g", "h"],
            "feedback follows the reference order"
        );
    }
}

#[test]
fn one_card_out_of_order_is_the_only_one_misplaced_and_says_where_it_belongs() {
    let mut g = open_round(1);
    // d is put last: the others keep their relative order.
    for (i, c) in ["e", "f", "g", "h", "d"].iter().enumerate() {
        play(&mut g, &[place(c, -1000.0 + i as f32 * 400.0)]);
    }
    let report = check(&mut g);
    assert_eq!(report.cards_wrong(), 1);
    assert_eq!(
        report.placement(&id("d")),
        Some(&Placement::Misplaced {
            step: 0,
            after: None,
            before: Some(id("e")),
        })
    );
    assert_eq!(
        report.placement(&id("g")),
        Some(&Placement::InPlace { step: 2 })
    );
}

#[test]
fn a_reversed_timeline_keeps_only_the_parallel_pair_in_place() {
    let mut g = open_round(1);
    for (i, c) in ["h", "g", "f", "e", "d"].iter().enumerate() {
        play(&mut g, &[place(c, -1000.0 + i as f32 * 400.0)]);
    }
    let report = check(&mut g);
    // f then e is a right order (same step); nothing else is.
    assert_eq!(report.cards_right(), 2);
    assert_eq!(report.cards_wrong(), 3);
    assert!(matches!(
        report.placement(&id("g")),
        Some(Placement::Misplaced { step: 2, after: Some(a), before: Some(b) }) if a == &id("e") && b == &id("h")
    ));
}

#[test]
fn matching_pairs_in_either_direction_one_to_many_and_wrong_pairs() {
    let mut g = open_round(2);
    for (i, c) in ["a", "b", "c", "d", "e"].iter().enumerate() {
        play(&mut g, &[place(c, -1000.0 + i as f32 * 400.0)]);
    }
    play(&mut g, &[link("b", "a"), link("c", "d"), link("a", "c")]);
    let report = check(&mut g);
    assert_eq!(report.correct(), 2, "b–a counts for a–b");
    assert_eq!(
        report.verdict(&Link::new("a", "c")),
        Some(&Verdict::Wrong(WrongReason::Misconception(
            "a and c are often confused".into()
        )))
    );
    assert_eq!(report.required_total, 3);
    assert_eq!(report.missing.len(), 1);
    assert_eq!(report.missing[0].link, Link::new("c", "e"));
    assert!(report.missing[0].cards_on_board);
    play(
        &mut g,
        &[
            Action::Retry,
            Action::RemoveLink {
                from: id("a"),
                to: id("c"),
            },
        ],
    );
    play(&mut g, &[link("e", "c")]);
    assert!(check(&mut g).is_perfect());
}

#[test]
fn the_solution_layout_is_always_a_perfect_board() {
    // Links (the first deck) and every kind of the parcours.
    let mut games = vec![Game::new(deck())];
    games.extend((0..3).map(open_round));
    for mut g in games {
        reveal_all(&mut g);
        let solution = g.solution();
        for (card, at) in &solution.positions {
            assert!(at.is_on_board(), "{card} at {at:?}");
            play(&mut g, &[place_at(card.as_str(), *at)]);
        }
        assert_eq!(g.hand(), Vec::<CardId>::new(), "every card has a place");
        let to_draw: Vec<Link> = solution
            .links
            .iter()
            .filter(|l| {
                g.links_round()
                    .and_then(|r| r.expected(&l.from, &l.to))
                    .is_none_or(|e| e.kind == LinkKind::Required)
            })
            .cloned()
            .collect();
        for l in to_draw {
            play(&mut g, &[link(l.from.as_str(), l.to.as_str())]);
        }
        let report = check(&mut g);
        assert!(report.is_perfect(), "{}: {report:?}", g.kind().name());
    }
}

#[test]
fn show_solution_only_after_a_check_and_retry_brings_back_the_board() {
    let mut g = Game::new(parcours());
    assert_eq!(g.apply(&Action::ShowSolution), Err(RuleError::NotChecked));
    let x = zone_center(&g, 1);
    play(&mut g, &[place_at("a", x)]);
    check(&mut g);
    play(&mut g, &[Action::ShowSolution]);
    assert!(g.showing_solution());
    assert!(g.report().is_some(), "the feedback stays readable");
    assert_eq!(g.apply(&place("b", 0.0)), Err(RuleError::BoardLocked));
    assert_eq!(g.apply(&Action::Check), Err(RuleError::BoardLocked));
    play(&mut g, &[Action::Retry]);
    assert_eq!(g.phase(), &Phase::Playing);
    assert_eq!(
        g.board().placed(),
        &[(id("a"), x)],
        "the players' own board"
    );
}

#[test]
fn restarting_a_round_empties_its_board_only() {
    let mut g = open_round(1);
    play(&mut g, &[place("d", 0.0)]);
    check(&mut g);
    play(&mut g, &[Action::RestartRound]);
    assert!(g.board().placed().is_empty());
    assert_eq!(g.phase(), &Phase::Playing);
    assert_eq!(g.checks(), 1, "what was done is still counted");
    play(&mut g, &[Action::GoToRound(0)]);
    assert!(g.report().is_some(), "round 1 kept its board and feedback");
}

#[test]
fn a_parcours_opens_rounds_in_order_goes_back_and_ends_on_a_summary() {
    let mut g = Game::new(parcours());
    assert_eq!(g.round_count(), 3);
    assert_eq!(
        g.apply(&Action::GoToRound(1)),
        Err(RuleError::RoundNotReached)
    );
    assert_eq!(
        g.apply(&Action::GoToRound(7)),
        Err(RuleError::UnknownRound(8))
    );
    assert_eq!(g.apply(&Action::Finish), Err(RuleError::RoundsNotChecked));
    // Round 1: a in the wrong zone (a misconception), then fixed: met once, kept.
    let (x, y) = (zone_center(&g, 0), zone_center(&g, 1));
    play(
        &mut g,
        &[place_at("a", y), place_at("b", y), place_at("c", x)],
    );
    check(&mut g);
    play(
        &mut g,
        &[
            Action::Retry,
            Action::MoveCard {
                card: id("a"),
                to: x,
            },
        ],
    );
    assert!(check_and_open(&mut g, 1).is_perfect());
    assert_eq!(g.round_index(), 1);
    assert_eq!(
        g.apply(&Action::GoToRound(2)),
        Err(RuleError::RoundNotReached)
    );
    // Back to round 1: its feedback is there to read again.
    play(&mut g, &[Action::GoToRound(0)]);
    assert!(g.report().is_some_and(Report::is_perfect));
    play(&mut g, &[Action::GoToRound(1)]);
    check_and_open(&mut g, 2);
    check(&mut g);
    play(&mut g, &[Action::Finish]);
    assert!(g.is_finished());
    assert_eq!(g.apply(&Action::Check), Err(RuleError::Finished));

    let summary = g.summary();
    assert_eq!(summary.rounds.len(), 3);
    assert_eq!(summary.rounds[0].checks, 2);
    assert!(summary.rounds[0].report.as_ref().unwrap().is_perfect());
    assert_eq!(
        summary.rounds[0].misconceptions,
        vec![Misconception::Zone {
            card: id("a"),
            zone: "y".into(),
            why: "a is not y, because…".into(),
        }]
    );
    assert_eq!(
        summary
            .sources
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        vec!["S1"],
        "only sources cited by the cards played"
    );
    // Reviewing a round leaves the summary; finishing again is allowed.
    play(&mut g, &[Action::GoToRound(1), Action::Finish]);
    assert!(g.is_finished());
}

#[test]
fn a_timeline_hand_does_not_give_the_order_away() {
    let g = open_round(1);
    let hand = g.hand();
    assert_eq!(hand.len(), 5);
    assert_ne!(
        hand,
        vec![id("d"), id("e"), id("f"), id("g"), id("h")],
        "dealt shuffled"
    );
    assert_eq!(open_round(1).hand(), hand, "the same shuffle every time");
}
