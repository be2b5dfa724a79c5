//! One workshop room, without any I/O: its tables (each a game of the room's deck and the log
//! of moves that made it), who sits where, the facilitator's settings (lock, timer, follow,
//! dealing), and what each message changes. The network layer ([`crate::hub`]) delivers the
//! returned messages.
//!
//! Every move of a table goes through [`Game::apply`], in the order the room receives them,
//! and is appended to the table's log: replaying the log on a new game gives the same table
//! on every client.

pub mod record;

use std::collections::BTreeMap;
use std::sync::Arc;

use fresque_core::protocol::{
    Actor, Command, DealMode, Entry, Focus, PlayerId, Refusal, RoomInfo, Seat, TableState, Timer,
};
use fresque_core::rules::{Action, CardId, Deck, Game, Phase, RuleError};

/// Online players at one table, at most.
pub const MAX_SEATS_PER_TABLE: usize = 10;

/// Where a message goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Whoever sees this table: its players, the facilitators, and everyone while the room
    /// follows this table or has reached the debrief.
    Table(u8),
    /// Everyone in the room.
    Room,
}

/// A seat held by a player: kept for the room's life, so a reload sits at the same place.
#[derive(Clone, Debug)]
pub struct Player {
    pub token: String,
    pub name: Option<String>,
    pub table: u8,
    /// Open connections of this player (a reload may overlap the old one for a moment).
    pub connections: u32,
    /// The last move id of this player that was applied.
    pub last_id: u64,
}

#[derive(Clone, Debug)]
pub struct Table {
    game: Game,
    log: Vec<Entry>,
    locked: bool,
    /// Whose turn it is to receive the next dealt card.
    deal_turn: usize,
    /// Who holds each card dealt in turn.
    owners: BTreeMap<CardId, PlayerId>,
}

impl Table {
    fn new(deck: &Arc<Deck>) -> Self {
        Self {
            game: Game::new(Arc::clone(deck)),
            log: Vec::new(),
            locked: false,
            deal_turn: 0,
            owners: BTreeMap::new(),
        }
    }

    pub fn game(&self) -> &Game {
        &self.game
    }

    pub fn seq(&self) -> u64 {
        self.log.len() as u64
    }

    /// Applies a move and appends it to the log.
    fn apply(&mut self, action: Action, actor: Actor, id: Option<u64>) -> Result<Entry, RuleError> {
        self.game.apply(&action)?;
        let entry = Entry {
            seq: self.seq() + 1,
            action,
            actor,
            id,
        };
        self.log.push(entry.clone());
        Ok(entry)
    }
}

/// What a move touches, for finding moves made from a stale view.
#[derive(Debug, PartialEq)]
enum Touch {
    Card(CardId),
    Pair(CardId, CardId),
    /// The whole board (check, restart, another round…).
    Board,
}

fn touches(action: &Action) -> Vec<Touch> {
    let pair = |a: &CardId, b: &CardId| {
        if a <= b {
            Touch::Pair(a.clone(), b.clone())
        } else {
            Touch::Pair(b.clone(), a.clone())
        }
    };
    match action {
        Action::PlaceCard { card, .. }
        | Action::MoveCard { card, .. }
        | Action::ReturnCard { card } => vec![Touch::Card(card.clone())],
        Action::AddLink { from, to } | Action::RemoveLink { from, to } => vec![pair(from, to)],
        Action::PairCards { card, with, .. } => {
            vec![Touch::Card(card.clone()), pair(card, with)]
        }
        Action::RevealNextLot => Vec::new(),
        Action::Check
        | Action::Retry
        | Action::ShowSolution
        | Action::RestartRound
        | Action::GoToRound(_)
        | Action::Finish
        | Action::Undo
        | Action::Redo => vec![Touch::Board],
    }
}

/// Whether a move made before `earlier` (seen by its author) collides with it.
fn conflicts(earlier: &Action, later: &Action) -> bool {
    let a = touches(earlier);
    if a.contains(&Touch::Board) {
        return true;
    }
    let b = touches(later);
    // A card moved by someone else, or the same arrow drawn or erased meanwhile. (Removing a
    // card also removes its arrows.)
    b.iter().any(|t| {
        a.contains(t)
            || match (t, earlier) {
                (Touch::Pair(x, y), Action::ReturnCard { card }) => x == card || y == card,
                _ => false,
            }
    })
}

/// Messages produced by a change, with where they go.
pub type Out = Vec<(Audience, fresque_core::protocol::ServerMsg)>;

pub struct Room {
    pub code: String,
    secret: String,
    pub deck_file: String,
    pub hash: String,
    deck: Arc<Deck>,
    tables: Vec<Table>,
    pub deal: DealMode,
    pub timer: Timer,
    pub follow: Option<Focus>,
    pub ended: bool,
    players: BTreeMap<PlayerId, Player>,
    /// Server time of the last message, for expiry.
    pub last_activity_ms: u64,
}

impl Room {
    pub fn new(
        code: String,
        secret: String,
        deck_file: String,
        hash: String,
        deck: Arc<Deck>,
        tables: u8,
        deal: DealMode,
        now_ms: u64,
    ) -> Self {
        let tables = (0..tables.max(1)).map(|_| Table::new(&deck)).collect();
        Self {
            code,
            secret,
            deck_file,
            hash,
            deck,
            tables,
            deal,
            timer: Timer::Off,
            follow: None,
            ended: false,
            players: BTreeMap::new(),
            last_activity_ms: now_ms,
        }
    }

    /// Compares secrets in constant time.
    pub fn secret_matches(&self, secret: &str) -> bool {
        let (a, b) = (self.secret.as_bytes(), secret.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    pub fn table_count(&self) -> u8 {
        self.tables.len() as u8
    }

    pub fn table(&self, table: u8) -> Option<&Table> {
        self.tables.get(usize::from(table).checked_sub(1)?)
    }

    fn table_mut(&mut self, table: u8) -> Option<&mut Table> {
        self.tables.get_mut(usize::from(table).checked_sub(1)?)
    }

    pub fn info(&self) -> RoomInfo {
        RoomInfo {
            room: self.code.clone(),
            deck: self.deck_file.clone(),
            hash: self.hash.clone(),
            tables: self.table_count(),
            deal: self.deal,
            timer: self.timer.clone(),
            follow: self.follow,
            ended: self.ended,
        }
    }

    pub fn seats(&self, table: u8) -> Vec<Seat> {
        self.players
            .iter()
            .filter(|(_, p)| p.table == table)
            .map(|(id, p)| Seat {
                player: *id,
                name: p.name.clone(),
                online: p.connections > 0,
            })
            .collect()
    }

    pub fn table_state(&self, table: u8) -> Option<TableState> {
        let t = self.table(table)?;
        Some(TableState {
            table,
            log: t.log.clone(),
            locked: t.locked,
            seats: self.seats(table),
            owners: t.owners.iter().map(|(c, p)| (c.clone(), *p)).collect(),
        })
    }

    pub fn all_tables(&self) -> Vec<TableState> {
        (1..=self.table_count())
            .filter_map(|t| self.table_state(t))
            .collect()
    }

    pub fn player(&self, id: PlayerId) -> Option<&Player> {
        self.players.get(&id)
    }

    pub fn player_by_token(&self, token: &str) -> Option<PlayerId> {
        self.players
            .iter()
            .find(|(_, p)| p.token == token)
            .map(|(id, _)| *id)
    }

    /// Online players at a table.
    pub fn online_at(&self, table: u8) -> usize {
        self.players
            .values()
            .filter(|p| p.table == table && p.connections > 0)
            .count()
    }

    /// A new seat at `table`.
    pub fn seat(&mut self, table: u8, name: Option<String>, token: String) -> PlayerId {
        let id = self.players.keys().next_back().map_or(1, |last| last + 1);
        self.players.insert(
            id,
            Player {
                token,
                name,
                table,
                connections: 1,
                last_id: 0,
            },
        );
        id
    }

    /// A player's connection opened again (reload) or closed; the name may change.
    pub fn set_online(&mut self, id: PlayerId, online: bool, name: Option<String>) -> Option<u8> {
        let p = self.players.get_mut(&id)?;
        if online {
            p.connections += 1;
            if name.is_some() {
                p.name = name;
            }
        } else {
            p.connections = p.connections.saturating_sub(1);
        }
        Some(p.table)
    }

    fn seats_msg(&self, table: u8) -> (Audience, fresque_core::protocol::ServerMsg) {
        (
            Audience::Table(table),
            fresque_core::protocol::ServerMsg::Seats {
                table,
                seats: self.seats(table),
                locked: self.table(table).is_some_and(|t| t.locked),
            },
        )
    }

    pub fn seats_changed(&self, table: u8) -> Out {
        vec![self.seats_msg(table)]
    }

    /// A player's move. `Ok(None)`: a move already applied (sent again after a reconnection).
    pub fn act(
        &mut self,
        player: PlayerId,
        id: u64,
        base: u64,
        action: Action,
    ) -> Result<Option<Entry>, Refusal> {
        let seat = self.players.get(&player).ok_or(Refusal::NotSeated)?;
        if id <= seat.last_id {
            return Ok(None);
        }
        let table_no = seat.table;
        let table = self.table_mut(table_no).ok_or(Refusal::NotSeated)?;
        if table.locked {
            return Err(Refusal::Locked);
        }
        if matches!(
            action,
            Action::RevealNextLot | Action::RestartRound | Action::GoToRound(_) | Action::Finish
        ) {
            return Err(Refusal::FacilitatorOnly);
        }
        let stale = base.min(table.seq()) as usize;
        if table.log[stale..]
            .iter()
            .any(|e| conflicts(&e.action, &action))
        {
            return Err(Refusal::Conflict);
        }
        let entry = table
            .apply(action, Actor::Player(player), Some(id))
            .map_err(Refusal::Rule)?;
        if let Some(seat) = self.players.get_mut(&player) {
            seat.last_id = id;
        }
        Ok(Some(entry))
    }

    /// The tables a command is about.
    fn targets(&self, table: Option<u8>) -> Vec<u8> {
        match table {
            Some(t) if self.table(t).is_some() => vec![t],
            Some(_) => Vec::new(),
            None => (1..=self.table_count()).collect(),
        }
    }

    /// Applies a facilitator's move at a table; moves the rules refuse (nothing to do there)
    /// are skipped. Returns whether it was applied.
    fn facilitator_move(&mut self, table: u8, action: Action, out: &mut Out) -> bool {
        let Some(t) = self.table_mut(table) else {
            return false;
        };
        match t.apply(action, Actor::Facilitator, None) {
            Ok(entry) => {
                out.push((
                    Audience::Table(table),
                    fresque_core::protocol::ServerMsg::Applied { table, entry },
                ));
                true
            }
            Err(_) => false,
        }
    }

    /// Deals at a table: the cards in play that nobody holds yet go to the online players in
    /// turn (deal mode `players`); when they are all dealt, the next lot of a links round is
    /// revealed and dealt.
    fn deal(&mut self, table: u8, out: &mut Out) {
        let undealt = |room: &Room| -> Vec<CardId> {
            room.table(table).map_or_else(Vec::new, |t| {
                t.game
                    .hand()
                    .into_iter()
                    .filter(|c| !t.owners.contains_key(c))
                    .collect()
            })
        };
        let online: Vec<PlayerId> = self
            .players
            .iter()
            .filter(|(_, p)| p.table == table && p.connections > 0)
            .map(|(id, _)| *id)
            .collect();
        let to_players = self.deal == DealMode::Players && !online.is_empty();
        let mut cards = undealt(self);
        if cards.is_empty() || !to_players {
            if !self.facilitator_move(table, Action::RevealNextLot, out) {
                return;
            }
            cards = undealt(self);
        }
        if !to_players {
            return;
        }
        let Some(t) = self.table_mut(table) else {
            return;
        };
        for card in cards {
            t.owners.insert(card, online[t.deal_turn % online.len()]);
            t.deal_turn += 1;
        }
        let owners = t.owners.iter().map(|(c, p)| (c.clone(), *p)).collect();
        out.push((
            Audience::Table(table),
            fresque_core::protocol::ServerMsg::Owners { table, owners },
        ));
    }

    /// A facilitator's command at server time `now_ms`.
    pub fn command(&mut self, command: Command, now_ms: u64) -> Out {
        let mut out = Out::new();
        let room_changed = |room: &Room, out: &mut Out| {
            out.push((
                Audience::Room,
                fresque_core::protocol::ServerMsg::Room { info: room.info() },
            ));
        };
        match command {
            Command::DealLot { table } => {
                for t in self.targets(table) {
                    self.deal(t, &mut out);
                }
            }
            Command::Lock { table, locked } => {
                for t in self.targets(table) {
                    if let Some(tab) = self.table_mut(t) {
                        tab.locked = locked;
                    }
                    out.push(self.seats_msg(t));
                }
            }
            Command::Check { table } => {
                for t in self.targets(table) {
                    self.check_if_playing(t, &mut out);
                }
            }
            Command::ShowSolution { table } => {
                for t in self.targets(table) {
                    self.check_if_playing(t, &mut out);
                    self.facilitator_move(t, Action::ShowSolution, &mut out);
                }
            }
            Command::NextRound => {
                for t in self.targets(None) {
                    let Some(game) = self.table(t).map(Table::game) else {
                        continue;
                    };
                    let next = game.round_index() + 1;
                    if next >= game.round_count() {
                        continue;
                    }
                    self.check_if_playing(t, &mut out);
                    self.facilitator_move(t, Action::GoToRound(next), &mut out);
                }
            }
            Command::TimerStart { seconds } => {
                let total_ms = u64::from(seconds.clamp(1, 4 * 3600)) * 1000;
                self.timer = Timer::Running {
                    ends_at_ms: now_ms + total_ms,
                    total_ms,
                };
                room_changed(self, &mut out);
            }
            Command::TimerPause => {
                if let Timer::Running {
                    ends_at_ms,
                    total_ms,
                } = self.timer
                {
                    self.timer = Timer::Paused {
                        remaining_ms: ends_at_ms.saturating_sub(now_ms),
                        total_ms,
                    };
                    room_changed(self, &mut out);
                }
            }
            Command::TimerResume => {
                if let Timer::Paused {
                    remaining_ms,
                    total_ms,
                } = self.timer
                {
                    self.timer = Timer::Running {
                        ends_at_ms: now_ms + remaining_ms,
                        total_ms,
                    };
                    room_changed(self, &mut out);
                }
            }
            Command::TimerStop => {
                self.timer = Timer::Off;
                room_changed(self, &mut out);
            }
            Command::Follow { focus } => {
                let focus = focus.filter(|f| match f {
                    Focus::Table(t) => self.table(*t).is_some(),
                    Focus::Debrief => true,
                });
                self.follow = focus;
                room_changed(self, &mut out);
                self.send_followed_tables(&mut out);
            }
            Command::SetDeal { mode } => {
                self.deal = mode;
                room_changed(self, &mut out);
            }
            Command::End => {
                self.ended = true;
                self.follow = Some(Focus::Debrief);
                room_changed(self, &mut out);
                self.send_followed_tables(&mut out);
            }
        }
        out
    }

    /// When everyone is brought to a table or to the debrief, they need those tables' logs.
    fn send_followed_tables(&self, out: &mut Out) {
        let tables: Vec<u8> = match self.follow {
            Some(Focus::Table(t)) => vec![t],
            Some(Focus::Debrief) => (1..=self.table_count()).collect(),
            None => Vec::new(),
        };
        for t in tables {
            if let Some(state) = self.table_state(t) {
                out.push((
                    Audience::Room,
                    fresque_core::protocol::ServerMsg::Table { state },
                ));
            }
        }
    }

    fn check_if_playing(&mut self, table: u8, out: &mut Out) {
        if self
            .table(table)
            .is_some_and(|t| matches!(t.game.phase(), Phase::Playing))
        {
            self.facilitator_move(table, Action::Check, out);
        }
    }

    /// Whether a table's moves go to everyone (the room follows it, or reached the debrief).
    pub fn is_followed(&self, table: u8) -> bool {
        match self.follow {
            Some(Focus::Table(t)) => t == table,
            Some(Focus::Debrief) => true,
            None => false,
        }
    }

    pub fn deck(&self) -> &Arc<Deck> {
        &self.deck
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fresque_core::rules::Pos;

    fn id(s: &str) -> CardId {
        CardId::new(s)
    }

    #[test]
    fn moves_conflict_when_they_touch_the_same_card_or_arrow() {
        let mv = |c: &str| Action::MoveCard {
            card: id(c),
            to: Pos::default(),
        };
        let link = |a: &str, b: &str| Action::AddLink {
            from: id(a),
            to: id(b),
        };
        assert!(conflicts(&mv("a"), &mv("a")));
        assert!(!conflicts(&mv("a"), &mv("b")));
        assert!(conflicts(&link("a", "b"), &link("b", "a")), "either way");
        assert!(!conflicts(&link("a", "b"), &link("a", "c")));
        assert!(
            conflicts(&Action::ReturnCard { card: id("a") }, &link("a", "c")),
            "a card taken off the board takes its arrows"
        );
        assert!(!conflicts(&mv("a"), &link("a", "c")), "moving keeps arrows");
        assert!(
            conflicts(&Action::Check, &mv("z")),
            "a check locks the board"
        );
        assert!(!conflicts(&Action::RevealNextLot, &mv("z")));
    }

    #[test]
    fn secrets_compare_whole() {
        let deck = Arc::new(
            fresque_core::content::load_deck(
                "valid.fr.ron",
                include_bytes!("../../../tests/fixtures/decks/valid.fr.ron"),
            )
            .deck
            .unwrap(),
        );
        let room = Room::new(
            "ABC-DEF".into(),
            "s3cret".into(),
            "valid.fr.ron".into(),
            "0".into(),
            deck,
            2,
            DealMode::Players,
            0,
        );
        assert!(room.secret_matches("s3cret"));
        assert!(!room.secret_matches("s3cre"));
        assert!(!room.secret_matches("s3cres"));
        assert!(!room.secret_matches(""));
    }
}
