//! A table's game as one client of a workshop sees it.
//!
//! The server's log is the truth: `confirmed` is the game after the moves the server applied,
//! in its order. This client's own moves are shown at once (`pending`, on top of the confirmed
//! game) so that nothing jumps back while the server answers; when the server's log brings a
//! move, the view is rebuilt from the confirmed game and the moves still pending. A move of
//! this client that the server refused disappears from the view, with its reason.
//!
//! Nothing here knows about sockets or Bevy: the game's network layer feeds it messages.

use std::sync::Arc;

use crate::protocol::{Actor, ClientMsg, Entry, PlayerId, TableState};
use crate::rules::{Action, Deck, Event, Game, RuleError};

/// A move of the server's log could not be applied here: this copy has drifted (it must ask
/// the server for the whole table again).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Desync {
    #[error("move {got} arrived, {expected} was expected")]
    Gap { expected: u64, got: u64 },
    #[error("the server applied a move that the rules refuse here: {0}")]
    Refused(RuleError),
}

/// A move made here and sent, not yet in the server's log.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    id: u64,
    base: u64,
    action: Action,
}

/// One table's game, shared with the other players through the server.
#[derive(Clone, Debug)]
pub struct SharedGame {
    confirmed: Game,
    seq: u64,
    pending: Vec<Pending>,
    view: Game,
    /// This client's seat (`None`: a facilitator or a spectator, who makes no moves here).
    player: Option<PlayerId>,
    /// The id of this client's last move.
    last_id: u64,
}

impl SharedGame {
    /// The table's game from its whole log (a late join, a reload, a reconnection).
    /// `last_id` is the last move of `player` that the server applied.
    pub fn from_state(
        deck: Arc<Deck>,
        state: &TableState,
        player: Option<PlayerId>,
        last_id: u64,
    ) -> Result<Self, Desync> {
        let mut game = Game::new(deck);
        let mut seq = 0;
        for entry in &state.log {
            if entry.seq != seq + 1 {
                return Err(Desync::Gap {
                    expected: seq + 1,
                    got: entry.seq,
                });
            }
            game.apply(&entry.action).map_err(Desync::Refused)?;
            seq = entry.seq;
        }
        Ok(Self {
            view: game.clone(),
            confirmed: game,
            seq,
            pending: Vec::new(),
            player,
            last_id,
        })
    }

    /// What to show: the confirmed game with this client's pending moves on top.
    pub fn view(&self) -> &Game {
        &self.view
    }

    /// The game as the server has it.
    pub fn confirmed(&self) -> &Game {
        &self.confirmed
    }

    /// The last move of the server's log applied here.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    pub fn player(&self) -> Option<PlayerId> {
        self.player
    }

    /// A move made here: checked by the rules against what is shown, shown at once, and
    /// returned as the message to send. A move the rules refuse is not sent.
    pub fn propose(&mut self, action: Action) -> Result<(Vec<Event>, ClientMsg), RuleError> {
        let events = self.view.apply(&action)?;
        self.last_id += 1;
        let pending = Pending {
            id: self.last_id,
            base: self.seq,
            action,
        };
        let msg = act_msg(&pending);
        self.pending.push(pending);
        Ok((events, msg))
    }

    /// A move of the server's log. Returns what changed in the view, for the views to
    /// react (a move of this client's that was already shown gives nothing new).
    pub fn confirm(&mut self, entry: &Entry) -> Result<Vec<Event>, Desync> {
        if entry.seq <= self.seq {
            return Ok(Vec::new()); // already applied (a resent log)
        }
        if entry.seq != self.seq + 1 {
            return Err(Desync::Gap {
                expected: self.seq + 1,
                got: entry.seq,
            });
        }
        let events = self
            .confirmed
            .apply(&entry.action)
            .map_err(Desync::Refused)?;
        self.seq = entry.seq;
        if let (Some(me), Actor::Player(author), Some(id)) = (self.player, entry.actor, entry.id)
            && me == author
        {
            let was_first = self.pending.first().is_some_and(|p| p.id == id);
            self.pending.retain(|p| p.id != id);
            if was_first {
                // The usual case: the view already shows this move.
                self.rebuild();
                return Ok(Vec::new());
            }
        }
        self.rebuild();
        Ok(events)
    }

    /// The server refused move `id`: it leaves the view. Returns the move (`None`: not
    /// pending here).
    pub fn refuse(&mut self, id: u64) -> Option<Action> {
        let index = self.pending.iter().position(|p| p.id == id)?;
        let refused = self.pending.remove(index);
        self.rebuild();
        Some(refused.action)
    }

    /// After a reconnection: the server's whole table again. Moves of this client that the
    /// server applied meanwhile (up to `last_id`) are dropped; the others stay pending, to be
    /// sent again ([`Self::resend`]).
    pub fn resync(&mut self, state: &TableState, last_id: u64) -> Result<(), Desync> {
        let fresh = Self::from_state(
            Arc::clone(self.confirmed.deck()),
            state,
            self.player,
            last_id.max(self.last_id),
        )?;
        let pending: Vec<Pending> = self.pending.drain(..).filter(|p| p.id > last_id).collect();
        *self = Self { pending, ..fresh };
        self.rebuild();
        Ok(())
    }

    /// The pending moves, to send again after a reconnection (same ids: the server applies
    /// each at most once).
    pub fn resend(&self) -> Vec<ClientMsg> {
        self.pending.iter().map(act_msg).collect()
    }

    /// The view from the confirmed game and the pending moves; pending moves that no longer
    /// apply are dropped (the server will refuse them too).
    fn rebuild(&mut self) {
        let mut view = self.confirmed.clone();
        self.pending.retain(|p| view.apply(&p.action).is_ok());
        self.view = view;
    }
}

fn act_msg(p: &Pending) -> ClientMsg {
    ClientMsg::Act {
        id: p.id,
        base: p.base,
        action: p.action.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Actor, Entry, TableState};
    use crate::rules::{CardId, Pos};

    fn deck() -> Arc<Deck> {
        let text = include_str!("../../../tests/fixtures/decks/valid.fr.ron");
        Arc::new(
            crate::content::load_deck("valid.fr.ron", text.as_bytes())
                .deck
                .expect("valid fixture"),
        )
    }

    fn empty() -> TableState {
        TableState {
            table: 1,
            log: Vec::new(),
            locked: false,
            seats: Vec::new(),
            owners: Vec::new(),
        }
    }

    fn entry(seq: u64, action: Action, actor: Actor, id: Option<u64>) -> Entry {
        Entry {
            seq,
            action,
            actor,
            id,
        }
    }

    fn place(card: &str, x: f32) -> Action {
        Action::PlaceCard {
            card: CardId::new(card),
            at: Pos::new(x, 0.0),
        }
    }

    #[test]
    fn own_moves_show_at_once_and_stay_when_confirmed() {
        let mut g = SharedGame::from_state(deck(), &empty(), Some(1), 0).unwrap();
        let (events, msg) = g.propose(place("adoption", 10.0)).unwrap();
        assert_eq!(events.len(), 1);
        assert!(matches!(msg, ClientMsg::Act { id: 1, base: 0, .. }));
        assert!(g.view().board().is_placed(&CardId::new("adoption")));
        assert!(!g.confirmed().board().is_placed(&CardId::new("adoption")));
        let shown = g
            .confirm(&entry(
                1,
                place("adoption", 10.0),
                Actor::Player(1),
                Some(1),
            ))
            .unwrap();
        assert_eq!(shown, vec![], "already shown when proposed");
        assert_eq!(g.pending_count(), 0);
        assert_eq!(g.view().board(), g.confirmed().board());
    }

    #[test]
    fn others_moves_come_under_pending_ones_and_a_refusal_takes_a_move_back() {
        let mut g = SharedGame::from_state(deck(), &empty(), Some(1), 0).unwrap();
        g.propose(place("adoption", 10.0)).unwrap();
        // Someone else's move arrives first: shown, with ours still on top.
        let shown = g
            .confirm(&entry(1, Action::RevealNextLot, Actor::Facilitator, None))
            .unwrap();
        assert_eq!(shown.len(), 1);
        assert_eq!(g.view().board().revealed_lots(), 2);
        assert!(g.view().board().is_placed(&CardId::new("adoption")));
        // The server refuses ours: it leaves the view.
        assert_eq!(g.refuse(1), Some(place("adoption", 10.0)));
        assert!(!g.view().board().is_placed(&CardId::new("adoption")));
        assert_eq!(g.refuse(1), None, "once");
    }

    #[test]
    fn a_move_refused_by_the_rules_is_not_sent() {
        let mut g = SharedGame::from_state(deck(), &empty(), Some(1), 0).unwrap();
        assert!(g.propose(Action::Retry).is_err());
        assert_eq!(g.pending_count(), 0);
    }

    #[test]
    fn a_gap_in_the_log_is_a_desync() {
        let mut g = SharedGame::from_state(deck(), &empty(), None, 0).unwrap();
        let e = entry(2, Action::RevealNextLot, Actor::Facilitator, None);
        assert_eq!(
            g.confirm(&e),
            Err(Desync::Gap {
                expected: 1,
                got: 2
            })
        );
    }

    #[test]
    fn after_a_reconnection_applied_moves_are_dropped_and_the_others_resent() {
        let mut g = SharedGame::from_state(deck(), &empty(), Some(1), 0).unwrap();
        let moved = |x: f32| Action::MoveCard {
            card: CardId::new("adoption"),
            to: Pos::new(x, 0.0),
        };
        g.propose(place("adoption", 10.0)).unwrap();
        g.propose(moved(300.0)).unwrap();
        // The server had applied move 1 before the connection dropped.
        let state = TableState {
            log: vec![entry(1, place("adoption", 10.0), Actor::Player(1), Some(1))],
            ..empty()
        };
        g.resync(&state, 1).unwrap();
        assert_eq!(g.seq(), 1);
        let resent = g.resend();
        assert_eq!(resent.len(), 1);
        assert!(matches!(resent[0], ClientMsg::Act { id: 2, .. }));
        assert_eq!(
            g.view().board().position(&CardId::new("adoption")),
            Some(Pos::new(300.0, 0.0))
        );
        // A new move continues the numbering.
        let (_, msg) = g.propose(moved(600.0)).unwrap();
        assert!(matches!(msg, ClientMsg::Act { id: 3, .. }), "{msg:?}");
    }
}
