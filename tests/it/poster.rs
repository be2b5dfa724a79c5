//! The reference poster of a large links round ("show solution"): a Climate-Fresk-size test
//! deck (42 cards, 126 links) laid out in layers must have no overlapping cards, keep every
//! card on the board, point every arrow from left to right, and cross far fewer arrows than
//! cards stacked in columns in deck order.

use fresque::content::load_deck;
use fresque::rules::{CARD_HEIGHT, CARD_WIDTH, Deck, Pos, RoundKind, solution_positions};

use crate::fixture;

fn big_deck() -> Deck {
    let bytes = std::fs::read(fixture("grande-fresque.fr.ron")).expect("the big test deck");
    let outcome = load_deck("grande-fresque.fr.ron", &bytes);
    assert_eq!(outcome.errors().count(), 0, "{:?}", outcome.diagnostics);
    outcome.deck.expect("valid")
}

/// Segments (centre to centre) of the round's links.
fn segments(deck: &Deck, places: &[(String, Pos)]) -> Vec<(Pos, Pos)> {
    let RoundKind::Links(round) = &deck.rounds[0].kind else {
        panic!("a links round")
    };
    let at = |id: &str| {
        places
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, p)| *p)
            .unwrap()
    };
    round
        .links
        .iter()
        .map(|l| (at(l.from.as_str()), at(l.to.as_str())))
        .collect()
}

fn crossings(segments: &[(Pos, Pos)]) -> usize {
    let cross = |a: Pos, b: Pos, c: Pos| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    let mut n = 0;
    for (i, &(p1, p2)) in segments.iter().enumerate() {
        for &(q1, q2) in &segments[i + 1..] {
            let shares_end = [q1, q2].iter().any(|q| *q == p1 || *q == p2);
            if shares_end {
                continue;
            }
            let d1 = cross(q1, q2, p1);
            let d2 = cross(q1, q2, p2);
            let d3 = cross(p1, p2, q1);
            let d4 = cross(p1, p2, q2);
            if d1 * d2 < 0.0 && d3 * d4 < 0.0 {
                n += 1;
            }
        }
    }
    n
}

/// The previous layout, as a baseline: a column per longest chain of causes, cards in deck
/// order in each column.
fn columns_in_deck_order(deck: &Deck) -> Vec<(String, Pos)> {
    let RoundKind::Links(round) = &deck.rounds[0].kind else {
        panic!("a links round")
    };
    let cards: Vec<String> = round.cards().map(|c| c.to_string()).collect();
    let mut level = vec![0usize; cards.len()];
    let index = |c: &str| cards.iter().position(|x| x == c).unwrap();
    for _ in 0..cards.len() {
        for l in &round.links {
            let (a, b) = (index(l.from.as_str()), index(l.to.as_str()));
            level[b] = level[b].max(level[a] + 1);
        }
    }
    let mut rows = vec![0usize; cards.len()];
    cards
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let row = rows[level[i]];
            rows[level[i]] += 1;
            (
                c.clone(),
                Pos::new(level[i] as f32 * 400.0, -(row as f32) * 240.0),
            )
        })
        .collect()
}

#[test]
fn a_climate_fresk_size_poster_reads_like_a_reference_poster() {
    let deck = big_deck();
    let RoundKind::Links(round) = &deck.rounds[0].kind else {
        panic!("a links round")
    };
    assert_eq!(round.cards().count(), 42);
    assert!(round.links.len() >= 100, "{} links", round.links.len());
    let places: Vec<(String, Pos)> = solution_positions(&deck.rounds[0].kind)
        .into_iter()
        .map(|(c, p)| (c.to_string(), p))
        .collect();
    assert_eq!(places.len(), 42);
    for (i, (a, p)) in places.iter().enumerate() {
        assert!(p.is_on_board(), "{a} at {p:?} is off the board");
        for (b, q) in &places[i + 1..] {
            assert!(
                (p.x - q.x).abs() >= CARD_WIDTH || (p.y - q.y).abs() >= CARD_HEIGHT,
                "{a} {p:?} and {b} {q:?} overlap"
            );
        }
    }
    for (from, to) in segments(&deck, &places) {
        assert!(from.x < to.x, "every arrow points right: {from:?} → {to:?}");
    }
    if let Ok(path) = std::env::var("POSTER_DUMP") {
        let json: Vec<String> = places
            .iter()
            .map(|(c, p)| format!("[\"{c}\",{},{}]", p.x, p.y))
            .collect();
        std::fs::write(path, format!("[{}]", json.join(","))).unwrap();
    }
    let poster = crossings(&segments(&deck, &places));
    let baseline = crossings(&segments(&deck, &columns_in_deck_order(&deck)));
    println!("crossings: poster {poster}, columns in deck order {baseline}");
    assert!(
        poster * 2 < baseline,
        "the poster crosses {poster} arrows, the naive columns {baseline}"
    );
}

#[test]
fn a_deck_can_place_its_own_cards_on_the_poster() {
    let bytes = std::fs::read(fixture("reverse.fr.ron")).unwrap();
    let deck = load_deck("reverse.fr.ron", &bytes).deck.expect("valid");
    let places = solution_positions(&deck.rounds[0].kind);
    let at = |id: &str| places.iter().find(|(c, _)| c.as_str() == id).unwrap().1;
    assert_eq!(at("adoption"), Pos::new(-800.0, 0.0));
    assert_eq!(at("journal-officiel"), Pos::new(800.5, -120.0));
    // The card without a place is laid out between them (it is the middle of the chain).
    assert!(at("promulgation").x > -800.0 && at("promulgation").x < 800.5);
}
