//! Places named rather than pointed at: "in this zone", "after this card on the timeline",
//! "with this card". The keyboard and the HTML mirror choose destinations by name; these turn
//! a name into the one move a drop there would make (through [`Game::drop_action`]), so a
//! move chosen by name and one made with the mouse are the same move.

use super::board::Pos;
use super::deck::{CardId, RoundKind};
use super::game::Game;
use super::layout::{self, CARD_HEIGHT, CARD_WIDTH, TIMELINE_Y, zone_rects};
use super::{Action, Phase};

/// A destination chosen by name.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// A categories round's zone (its index in the deck's order).
    Zone(usize),
    /// A timeline: first (`None`) or right after this card.
    After(Option<CardId>),
    /// A matching round: paired with this card (on the board).
    With(CardId),
}

/// The gap kept between two cards laid side by side.
const GAP: f32 = 20.0;

impl Game {
    /// The places `card` can be sent to by name in this round: every zone; the start of the
    /// timeline and after each other card on it; every other card on the board to pair with.
    /// Empty in a links round (there the board is free and arrows carry the answer) and
    /// while the board is checked.
    pub fn places_for(&self, card: &CardId) -> Vec<Place> {
        if !matches!(self.phase(), Phase::Playing) {
            return Vec::new();
        }
        match self.kind() {
            RoundKind::Links(_) => Vec::new(),
            RoundKind::Categories(r) => (0..r.zones.len()).map(Place::Zone).collect(),
            RoundKind::Timeline(_) => std::iter::once(Place::After(None))
                .chain(
                    self.timeline_cards()
                        .into_iter()
                        .filter(|c| c != card)
                        .map(|c| Place::After(Some(c))),
                )
                .collect(),
            RoundKind::Matching(_) => self
                .board()
                .placed()
                .iter()
                .filter(|(c, _)| c != card)
                .map(|(c, _)| Place::With(c.clone()))
                .collect(),
        }
    }

    /// The move that sends `card` to `place`, or `None` if this round has no such place.
    pub fn move_to(&self, card: &CardId, place: &Place) -> Option<Action> {
        let at = match (self.kind(), place) {
            (RoundKind::Categories(r), Place::Zone(zone)) => {
                let rect = *zone_rects(r).get(*zone)?;
                self.free_spot(card, rect)
            }
            (RoundKind::Timeline(_), Place::After(after)) => self.timeline_spot(card, after)?,
            (RoundKind::Matching(_), Place::With(partner)) => {
                let at = self.board().position(partner)?;
                if partner == card {
                    return None;
                }
                return match self.drop_action(card, at) {
                    action @ Action::PairCards { .. } => Some(action),
                    _ => None,
                };
            }
            _ => return None,
        };
        Some(self.drop_action(card, at))
    }

    /// The cards on the timeline, left to right.
    pub fn timeline_cards(&self) -> Vec<CardId> {
        layout::timeline_order(self.board().placed())
    }

    /// The first cell of `rect` (a zone) that no other card covers, row by row under the
    /// zone's label; the zone's centre if every cell is taken.
    fn free_spot(&self, card: &CardId, rect: layout::Rect) -> Pos {
        let cell_w = CARD_WIDTH + GAP;
        let cell_h = CARD_HEIGHT + 24.0;
        let columns = ((rect.width() / cell_w).floor() as usize).max(1);
        let cell = rect.width() / columns as f32;
        let others: Vec<Pos> = self
            .board()
            .placed()
            .iter()
            .filter(|(c, _)| c != card)
            .map(|(_, p)| *p)
            .collect();
        let top = rect.max.y - layout::ZONE_HEADER - CARD_HEIGHT / 2.0;
        let mut row = 0;
        loop {
            let y = top - row as f32 * cell_h;
            if y - CARD_HEIGHT / 2.0 < rect.min.y {
                return rect.center();
            }
            for col in 0..columns {
                let spot = Pos::new(rect.min.x + cell * (col as f32 + 0.5), y);
                let taken = others.iter().any(|p| {
                    (p.x - spot.x).abs() < CARD_WIDTH * 0.75 && (p.y - spot.y).abs() < cell_h * 0.75
                });
                if !taken {
                    return spot;
                }
            }
            row += 1;
        }
    }

    /// Where `card` lands to come first on the timeline or right after `after`: halfway
    /// between its new neighbours, or one step beyond the end. A card squeezed between two
    /// close ones is lifted above or below the line so that it can still be read.
    fn timeline_spot(&self, card: &CardId, after: &Option<CardId>) -> Option<Pos> {
        let order: Vec<(CardId, Pos)> = self
            .timeline_cards()
            .into_iter()
            .filter(|c| c != card)
            .filter_map(|c| Some((c.clone(), self.board().position(&c)?)))
            .collect();
        let step = CARD_WIDTH + 2.0 * GAP;
        let (before, next) = match after {
            None => (None, order.first().map(|(_, p)| *p)),
            Some(a) => {
                let i = order.iter().position(|(c, _)| c == a)?;
                (Some(order[i].1), order.get(i + 1).map(|(_, p)| *p))
            }
        };
        let x = match (before, next) {
            (None, None) => {
                let RoundKind::Timeline(r) = self.kind() else {
                    return None;
                };
                layout::timeline_extent(r).0 + CARD_WIDTH
            }
            (None, Some(n)) => n.x - step,
            (Some(b), None) => b.x + step,
            (Some(b), Some(n)) => (b.x + n.x) / 2.0,
        };
        let crowded = order
            .iter()
            .any(|(_, p)| (p.x - x).abs() < CARD_WIDTH && (p.y - TIMELINE_Y).abs() < CARD_HEIGHT);
        let y = if crowded {
            TIMELINE_Y + CARD_HEIGHT + GAP
        } else {
            TIMELINE_Y
        };
        Some(Pos::new(x, y).clamped())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::rules::{Deck, layout::zone_at};

    fn deck(kind: &str) -> Arc<Deck> {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/decks/kinds.fr.ron"
        ))
        .expect("the kinds fixture");
        let mut deck = crate::content::load_deck("kinds.fr.ron", text.as_bytes())
            .deck
            .expect("the fixture is a deck");
        deck.rounds.retain(|r| r.kind.name() == kind);
        Arc::new(deck)
    }

    fn apply(game: &mut Game, action: Action) {
        game.apply(&action)
            .unwrap_or_else(|e| panic!("{action:?}: {e:?}"));
    }

    /// Sends `card` to `place` (the move must exist).
    fn send(game: &mut Game, card: &CardId, place: Place) {
        let action = game.move_to(card, &place).expect("a move");
        apply(game, action);
    }

    #[test]
    fn zones_take_cards_in_free_cells() {
        let mut game = Game::new(deck("categories"));
        let RoundKind::Categories(round) = game.kind().clone() else {
            panic!("a categories round");
        };
        let hand = game.hand();
        assert_eq!(game.places_for(&hand[0]).len(), round.zones.len());
        let mut spots = Vec::new();
        for card in &hand {
            let action = game.move_to(card, &Place::Zone(0)).expect("a move");
            let Action::PlaceCard { at, .. } = action else {
                panic!("a card from the hand is placed: {action:?}");
            };
            assert_eq!(zone_at(&round, at), Some(0), "{card:?} lands in the zone");
            spots.push(at);
            apply(&mut game, action);
        }
        for (i, a) in spots.iter().enumerate() {
            for b in &spots[i + 1..] {
                assert!(
                    (a.x - b.x).abs() >= CARD_WIDTH || (a.y - b.y).abs() >= CARD_HEIGHT,
                    "{a:?} and {b:?} do not cover each other"
                );
            }
        }
        // A card already in a zone moves to another one.
        let action = game.move_to(&hand[0], &Place::Zone(1)).expect("a move");
        assert!(matches!(action, Action::MoveCard { .. }), "{action:?}");
        apply(&mut game, action);
        assert_eq!(
            zone_at(&round, game.board().position(&hand[0]).unwrap()),
            Some(1)
        );
        assert_eq!(game.move_to(&hand[0], &Place::Zone(9)), None);
        assert_eq!(game.move_to(&hand[0], &Place::After(None)), None);
    }

    #[test]
    fn the_timeline_takes_cards_first_or_after_another() {
        let mut game = Game::new(deck("timeline"));
        let hand = game.hand();
        assert!(hand.len() >= 3, "the fixture has three cards or more");
        let (a, b, c) = (&hand[0], &hand[1], &hand[2]);
        send(&mut game, a, Place::After(None));
        send(&mut game, b, Place::After(None));
        assert_eq!(game.timeline_cards(), vec![b.clone(), a.clone()]);
        send(&mut game, c, Place::After(Some(b.clone())));
        assert_eq!(game.timeline_cards(), vec![b.clone(), c.clone(), a.clone()]);
        // Moving a card on the line: after the last one.
        send(&mut game, b, Place::After(Some(a.clone())));
        assert_eq!(game.timeline_cards(), vec![c.clone(), a.clone(), b.clone()]);
        // Squeezing again and again keeps the order asked for.
        for _ in 0..12 {
            send(&mut game, b, Place::After(Some(c.clone())));
            assert_eq!(game.timeline_cards(), vec![c.clone(), b.clone(), a.clone()]);
            send(&mut game, b, Place::After(Some(a.clone())));
            assert_eq!(game.timeline_cards(), vec![c.clone(), a.clone(), b.clone()]);
        }
        let places = game.places_for(a);
        assert_eq!(places[0], Place::After(None));
        assert!(!places.contains(&Place::After(Some(a.clone()))));
        assert_eq!(game.move_to(a, &Place::After(Some("nowhere".into()))), None);
    }

    #[test]
    fn matching_pairs_a_card_with_one_on_the_board() {
        let mut game = Game::new(deck("matching"));
        let hand = game.hand();
        let (a, b) = (&hand[0], &hand[1]);
        assert!(game.places_for(a).is_empty(), "nothing to pair with yet");
        assert_eq!(game.move_to(a, &Place::With(b.clone())), None);
        apply(
            &mut game,
            Action::PlaceCard {
                card: b.clone(),
                at: Pos::new(0.0, 0.0),
            },
        );
        assert_eq!(game.places_for(a), vec![Place::With(b.clone())]);
        let action = game.move_to(a, &Place::With(b.clone())).expect("a pair");
        assert!(matches!(&action, Action::PairCards { card, with, .. } if card == a && with == b));
        apply(&mut game, action);
        assert!(
            game.board()
                .links()
                .iter()
                .any(|l| l.touches(a) && l.touches(b))
        );
        assert_eq!(game.move_to(b, &Place::With(b.clone())), None);
    }

    #[test]
    fn nothing_is_offered_once_checked() {
        let mut game = Game::new(deck("categories"));
        let card = game.hand()[0].clone();
        send(&mut game, &card, Place::Zone(0));
        apply(&mut game, Action::Check);
        assert!(game.places_for(&card).is_empty());
    }
}
