//! Undo and redo of board moves.

use std::sync::Arc;

use super::*;
use crate::content::load_deck;

fn game(name: &str) -> Game {
    let path = format!("{}/../../assets/decks/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    Game::new(Arc::new(load_deck(name, &bytes).deck.unwrap()))
}

fn place(game: &mut Game, i: usize, x: f32) -> CardId {
    let card = game.hand()[i].clone();
    game.apply(&Action::PlaceCard {
        card: card.clone(),
        at: Pos::new(x, 0.0),
    })
    .unwrap();
    card
}

#[test]
fn every_board_move_is_undone_then_redone_in_order() {
    let mut game = game("loi.fr.ron");
    let empty = game.board().clone();
    let a = place(&mut game, 0, -400.0);
    let b = place(&mut game, 0, 400.0);
    let placed = game.board().clone();
    game.apply(&Action::AddLink {
        from: a.clone(),
        to: b.clone(),
    })
    .unwrap();
    let linked = game.board().clone();
    game.apply(&Action::MoveCard {
        card: a.clone(),
        to: Pos::new(-500.0, 200.0),
    })
    .unwrap();
    let moved = game.board().clone();
    game.apply(&Action::ReturnCard { card: b.clone() }).unwrap();
    let returned = game.board().clone();

    let history = [&returned, &moved, &linked, &placed];
    for expected in history.iter().skip(1) {
        assert_eq!(game.apply(&Action::Undo).unwrap(), vec![Event::Undone]);
        assert_eq!(game.board(), *expected);
    }
    game.apply(&Action::Undo).unwrap();
    game.apply(&Action::Undo).unwrap();
    assert_eq!(game.board(), &empty);
    assert_eq!(game.apply(&Action::Undo), Err(RuleError::NothingToUndo));
    assert!(!game.can_undo() && game.can_redo());

    for expected in [&placed, &linked, &moved, &returned] {
        if game.board() == &empty {
            game.apply(&Action::Redo).unwrap();
        }
        game.apply(&Action::Redo).unwrap();
        assert_eq!(game.board(), expected);
    }
    assert_eq!(game.apply(&Action::Redo), Err(RuleError::NothingToRedo));
}

#[test]
fn a_new_move_forgets_the_redo_and_lots_stay_revealed() {
    let mut game = game("loi.fr.ron");
    place(&mut game, 0, 0.0);
    game.apply(&Action::Undo).unwrap();
    assert!(game.can_redo());
    place(&mut game, 1, 300.0);
    assert!(!game.can_redo(), "a new move forgets what was undone");

    // A lot revealed after a move stays revealed when the move is undone.
    let hand = game.hand().len();
    game.apply(&Action::RevealNextLot).unwrap();
    let revealed = game.board().revealed_lots();
    assert!(game.hand().len() > hand - 1);
    game.apply(&Action::Undo).unwrap();
    assert_eq!(game.board().revealed_lots(), revealed);
    assert!(game.board().placed().is_empty());
    game.apply(&Action::Redo).unwrap();
    assert_eq!(game.board().revealed_lots(), revealed);
}

#[test]
fn undo_waits_for_retry_and_a_restart_forgets_the_history() {
    let mut game = game("loi.fr.ron");
    place(&mut game, 0, 0.0);
    game.apply(&Action::Check).unwrap();
    assert!(!game.can_undo());
    assert_eq!(game.apply(&Action::Undo), Err(RuleError::BoardLocked));
    game.apply(&Action::Retry).unwrap();
    assert!(game.can_undo());
    game.apply(&Action::RestartRound).unwrap();
    assert_eq!(game.apply(&Action::Undo), Err(RuleError::NothingToUndo));
}

#[test]
fn a_pair_is_one_move_and_each_round_has_its_own_history() {
    let mut game = game("institutions.fr.ron");
    let RoundKind::Matching(round) = game.kind().clone() else {
        panic!("the first round pairs cards");
    };
    let pair = &round.pairs[0];
    game.apply(&Action::PlaceCard {
        card: pair.left.clone(),
        at: Pos::new(0.0, 0.0),
    })
    .unwrap();
    let one = game.board().clone();
    game.apply(&Action::PairCards {
        card: pair.right[0].clone(),
        with: pair.left.clone(),
        at: Pos::new(260.0, 0.0),
    })
    .unwrap();
    game.apply(&Action::Undo).unwrap();
    assert_eq!(game.board(), &one, "the card and its pair line go together");

    game.apply(&Action::Check).unwrap();
    game.apply(&Action::GoToRound(1)).unwrap();
    assert_eq!(game.apply(&Action::Undo), Err(RuleError::NothingToUndo));
    game.apply(&Action::GoToRound(0)).unwrap();
    game.apply(&Action::Retry).unwrap();
    assert!(game.can_undo(), "round 1 keeps its history");
}

#[test]
fn the_history_is_bounded() {
    let mut game = game("loi.fr.ron");
    let card = place(&mut game, 0, 0.0);
    for i in 0..(UNDO_DEPTH + 50) {
        game.apply(&Action::MoveCard {
            card: card.clone(),
            to: Pos::new(i as f32, 10.0),
        })
        .unwrap();
    }
    let mut undone = 0;
    while game.apply(&Action::Undo).is_ok() {
        undone += 1;
    }
    assert_eq!(undone, UNDO_DEPTH);
}
