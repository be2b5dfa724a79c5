use std::sync::Arc;

use super::*;
use crate::content::load_deck;

fn shipped(name: &str) -> Arc<Deck> {
    let path = format!("{}/../../assets/decks/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    Arc::new(load_deck(name, &bytes).deck.expect("a shipped deck loads"))
}

const DECKS: [&str; 10] = [
    "loi.fr.ron",
    "loi.en.ron",
    "institutions.fr.ron",
    "institutions.en.ron",
    "pgo.fr.ron",
    "pgo.en.ron",
    "participer.fr.ron",
    "participer.en.ron",
    "classe.fr.ron",
    "classe.en.ron",
];

/// Round `index` of `deck`, played: the solution's places for all cards but the last, one
/// card moved away from its place, the solution's links between placed cards, checked.
fn played(deck: &Arc<Deck>, index: usize) -> Game {
    let mut game = Game::new(Arc::clone(deck));
    for next in 1..=index {
        game.apply(&Action::Check).unwrap();
        game.apply(&Action::GoToRound(next)).unwrap();
    }
    while game.has_more_lots() {
        game.apply(&Action::RevealNextLot).unwrap();
    }
    let solution = game.solution();
    let keep = solution.positions.len().saturating_sub(1);
    for (i, (card, pos)) in solution.positions.iter().take(keep).enumerate() {
        let at = if i == 0 {
            Pos::new(pos.x + 700.0, pos.y - 500.0).clamped()
        } else {
            *pos
        };
        game.apply(&Action::PlaceCard {
            card: card.clone(),
            at,
        })
        .unwrap();
    }
    let matching = matches!(game.kind(), RoundKind::Matching(_));
    for link in &solution.links {
        let (Some(_), Some(at)) = (
            game.board().position(&link.from),
            game.board().position(&link.to),
        ) else {
            continue;
        };
        let action = if matching {
            Action::PairCards {
                card: link.to.clone(),
                with: link.from.clone(),
                at,
            }
        } else {
            Action::AddLink {
                from: link.from.clone(),
                to: link.to.clone(),
            }
        };
        game.apply(&action).unwrap();
    }
    game.apply(&Action::Check).unwrap();
    game
}

#[test]
fn every_round_of_every_shipped_deck_comes_back_the_same() {
    let mut rounds = 0;
    for name in DECKS {
        let deck = shipped(name);
        for index in 0..deck.rounds.len() {
            let game = played(&deck, index);
            let lang = deck.language;
            let export = BoardExport::of_game(&game, lang, "2026-11-30T10:00:00Z").unwrap();
            assert!(!export.cards.is_empty(), "{name} round {index}");
            let json = serde_json::to_string_pretty(&export).unwrap();
            let read = BoardExport::parse(&json).unwrap();
            assert_eq!(read, export);
            let again = read.replay(Arc::clone(&deck)).unwrap();
            assert_eq!(again.round_index(), index);
            assert_eq!(again.board(), game.board(), "{name} round {index}");
            assert_eq!(again.report(), game.report(), "{name} round {index}");
            let export_again = BoardExport::of_game(&again, lang, "2026-11-30T10:00:00Z").unwrap();
            assert_eq!(export_again, export, "{name} round {index}");
            rounds += 1;
        }
    }
    assert!(rounds >= 10, "{rounds}");
}

#[test]
fn verdicts_and_landmarks_are_written() {
    let deck = shipped("classe.fr.ron");
    let game = played(&deck, 0);
    let export = BoardExport::of_game(&game, game.deck().language, "2026-11-30T10:00:00Z").unwrap();
    assert_eq!(export.round.kind, "categories");
    assert!(!export.zones.is_empty());
    let tones: Vec<&str> = export
        .cards
        .iter()
        .filter_map(|c| c.verdict.as_ref().map(|v| v.tone.as_str()))
        .collect();
    assert_eq!(tones.len(), export.cards.len());
    assert!(tones.contains(&"right"), "{tones:?}");
    assert!(tones.contains(&"wrong"), "the moved card: {tones:?}");
    assert_eq!(export.unplaced.len(), 1);
    assert_eq!(
        export.base_name(),
        "fresque-classe-1-elu-ou-nomme-2026-11-30"
    );
}

#[test]
fn nothing_to_export_before_a_check() {
    let deck = shipped("loi.fr.ron");
    let game = Game::new(deck);
    assert!(BoardExport::of_game(&game, game.deck().language, "x").is_none());
}

#[test]
fn the_version_ignores_texts_and_languages_but_not_answers() {
    let fr = shipped("loi.fr.ron");
    let en = shipped("loi.en.ron");
    assert_eq!(deck_version(&fr), deck_version(&en));
    let mut changed = (*fr).clone();
    changed.cards[0].title = "Autre titre".into();
    assert_eq!(deck_version(&changed), deck_version(&fr));
    if let RoundKind::Links(r) = &mut changed.rounds[0].kind {
        r.links.pop();
    }
    assert_ne!(deck_version(&changed), deck_version(&fr));
    assert_ne!(deck_version(&fr), deck_version(&shipped("pgo.fr.ron")));
}

#[test]
fn an_export_opens_on_the_other_language_of_its_deck() {
    let fr = shipped("classe.fr.ron");
    let en = shipped("classe.en.ron");
    let game = played(&fr, 1);
    let export = BoardExport::of_game(&game, game.deck().language, "t").unwrap();
    let again = export.replay(Arc::clone(&en)).unwrap();
    assert_eq!(again.board(), game.board());
    // The same verdicts, in the other language's words.
    let kinds = |g: &Game| -> Vec<String> {
        g.report()
            .unwrap()
            .cards
            .iter()
            .map(|v| format!("{} {:?}", v.card, std::mem::discriminant(&v.placement)))
            .collect()
    };
    assert_eq!(kinds(&again), kinds(&game));
    assert_eq!(again.deck().language, en.language);
}

#[test]
fn files_from_elsewhere_are_refused_with_a_reason() {
    let deck = shipped("loi.fr.ron");
    let game = played(&deck, 0);
    let export = BoardExport::of_game(&game, game.deck().language, "t").unwrap();

    // Another deck.
    let other = shipped("pgo.fr.ron");
    assert_eq!(
        export.replay(other).unwrap_err(),
        ImportError::UnknownDeck("loi".into())
    );
    // The same deck, with other answers.
    let mut changed = (*deck).clone();
    if let RoundKind::Links(r) = &mut changed.rounds[0].kind {
        r.links.pop();
    }
    assert_eq!(
        export.replay(Arc::new(changed)).unwrap_err(),
        ImportError::DeckChanged("loi".into())
    );
    // A card the deck does not have (edited by hand).
    let mut edited = export.clone();
    edited.cards[0].id = "nope".into();
    assert!(matches!(
        edited.replay(Arc::clone(&deck)),
        Err(ImportError::Replay(RuleError::UnknownCard(_)))
    ));
    // More lots than the round has: all of them, no more.
    let mut edited = export.clone();
    edited.lots_revealed = usize::MAX;
    let game = edited.replay(Arc::clone(&deck)).unwrap();
    assert!(!game.has_more_lots());
    // A round the deck does not have.
    let mut edited = export.clone();
    edited.round.index = 99;
    assert_eq!(
        edited.replay(Arc::clone(&deck)).unwrap_err(),
        ImportError::UnknownRound(99)
    );
}

#[test]
fn unreadable_and_newer_files_are_refused() {
    let err = |text: &str| BoardExport::parse(text).unwrap_err();
    assert!(matches!(err(""), ImportError::Unreadable(_)));
    assert!(matches!(err("[1, 2]"), ImportError::Unreadable(_)));
    let ImportError::Unreadable(detail) = err("{\n  \"format\": \"fresque-board\",\n  oops\n}")
    else {
        panic!()
    };
    assert!(detail.starts_with("3:"), "{detail}");
    assert!(matches!(
        err(r#"{"format": "something-else", "version": 1}"#),
        ImportError::Unreadable(_)
    ));
    assert_eq!(
        err(r#"{"format": "fresque-board", "version": 7}"#),
        ImportError::NewerFormat(7)
    );
    assert!(matches!(
        err(r#"{"format": "fresque-board", "version": 1}"#),
        ImportError::Unreadable(_)
    ));
}

#[test]
fn iso_times() {
    assert_eq!(iso_time(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso_time(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(iso_time(1_796_032_861), "2026-11-30T10:01:01Z");
}

#[test]
fn the_lots_revealed_come_back_too() {
    let deck = shipped("loi.fr.ron");
    let mut game = Game::new(Arc::clone(&deck));
    let card = game.hand()[0].clone();
    game.apply(&Action::PlaceCard {
        card,
        at: Pos::new(0.0, 0.0),
    })
    .unwrap();
    game.apply(&Action::Check).unwrap();
    let export = BoardExport::of_game(&game, deck.language, "t").unwrap();
    assert_eq!(export.lots_revealed, 1);
    let again = export.replay(deck).unwrap();
    assert_eq!(again.board(), game.board());
    assert!(again.has_more_lots());
}
