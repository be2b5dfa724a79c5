//! A room as stored ([`crate::store`]): a record of what is not in the moves (who sits where,
//! the facilitator's settings, the secret), rewritten when it changes, and one record per move
//! of each table's log. A table's game is not stored: replaying its moves gives it back, as
//! it does on every client.
//!
//! Records are JSON with a version (`"v"`). A record of another version, or one that cannot be
//! read (truncated, foreign), makes its room be reported and skipped; the other rooms load.

use std::collections::BTreeMap;
use std::sync::Arc;

use fresque_core::protocol::{Actor, DealMode, Entry, Focus, PlayerId, Timer};
use fresque_core::rules::{CardId, Game};
use serde::{Deserialize, Serialize};

use super::{Player, Room, Table};
use crate::decks::DeckStore;

/// The version of the records this server writes and reads.
pub const RECORD_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct RoomRecord {
    v: u32,
    code: String,
    secret: String,
    deck_file: String,
    hash: String,
    deal: DealMode,
    timer: Timer,
    follow: Option<Focus>,
    ended: bool,
    /// Server time of the record.
    saved_ms: u64,
    players: Vec<PlayerRecord>,
    tables: Vec<TableRecord>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct PlayerRecord {
    id: PlayerId,
    token: String,
    name: Option<String>,
    table: u8,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct TableRecord {
    locked: bool,
    deal_turn: usize,
    owners: Vec<(CardId, PlayerId)>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct MoveRecord {
    v: u32,
    at_ms: u64,
    entry: Entry,
}

/// Just the version, read first so a newer record is told apart from a broken one.
#[derive(Deserialize)]
struct Version {
    v: u32,
}

fn check_version(what: &str, bytes: &[u8]) -> Result<(), String> {
    let Version { v } =
        serde_json::from_slice(bytes).map_err(|e| format!("its {what} cannot be read ({e})"))?;
    if v == RECORD_VERSION {
        Ok(())
    } else {
        Err(format!(
            "its {what} is of version {v}; this server reads version {RECORD_VERSION}"
        ))
    }
}

impl Room {
    /// The room's record (everything but the moves), stamped `now_ms`.
    pub fn record(&self, now_ms: u64) -> Vec<u8> {
        let record = RoomRecord {
            v: RECORD_VERSION,
            code: self.code.clone(),
            secret: self.secret.clone(),
            deck_file: self.deck_file.clone(),
            hash: self.hash.clone(),
            deal: self.deal,
            timer: self.timer.clone(),
            follow: self.follow,
            ended: self.ended,
            saved_ms: now_ms,
            players: self
                .players
                .iter()
                .map(|(id, p)| PlayerRecord {
                    id: *id,
                    token: p.token.clone(),
                    name: p.name.clone(),
                    table: p.table,
                })
                .collect(),
            tables: self
                .tables
                .iter()
                .map(|t| TableRecord {
                    locked: t.locked,
                    deal_turn: t.deal_turn,
                    owners: t.owners.iter().map(|(c, p)| (c.clone(), *p)).collect(),
                })
                .collect(),
        };
        serde_json::to_vec(&record).unwrap_or_default()
    }

    /// One move's record, stamped `now_ms`.
    pub fn move_record(entry: &Entry, now_ms: u64) -> Vec<u8> {
        serde_json::to_vec(&MoveRecord {
            v: RECORD_VERSION,
            at_ms: now_ms,
            entry: entry.clone(),
        })
        .unwrap_or_default()
    }

    /// The room stored as `record` with its `moves` by (table, seq): every table's log is
    /// replayed through the rules. The error says why the room cannot be brought back.
    pub fn restore(
        record: &[u8],
        moves: &BTreeMap<(u8, u64), Vec<u8>>,
        decks: &DeckStore,
    ) -> Result<Self, String> {
        check_version("record", record)?;
        let r: RoomRecord = serde_json::from_slice(record)
            .map_err(|e| format!("its record cannot be read ({e})"))?;
        let entry = decks
            .get(&r.deck_file)
            .ok_or_else(|| format!("its deck {} is no longer offered", r.deck_file))?;
        if entry.hash != r.hash {
            return Err(format!(
                "its deck {} has changed since (its moves may not fit the new version)",
                r.deck_file
            ));
        }
        let deck = Arc::clone(&entry.deck);
        if r.tables.is_empty() || r.tables.len() > usize::from(u8::MAX) {
            return Err(format!("its record has {} tables", r.tables.len()));
        }
        let mut last_activity_ms = r.saved_ms;
        let mut last_ids: BTreeMap<PlayerId, u64> = BTreeMap::new();
        let mut tables = Vec::with_capacity(r.tables.len());
        for (i, t) in r.tables.into_iter().enumerate() {
            let no = (i + 1) as u8;
            let mut table = Table {
                game: Game::new(Arc::clone(&deck)),
                log: Vec::new(),
                locked: t.locked,
                deal_turn: t.deal_turn,
                owners: t.owners.into_iter().collect(),
            };
            for ((_, seq), bytes) in moves.range((no, 0)..=(no, u64::MAX)) {
                check_version(&format!("move {seq} of table {no}"), bytes)?;
                let m: MoveRecord = serde_json::from_slice(bytes)
                    .map_err(|e| format!("its move {seq} of table {no} cannot be read ({e})"))?;
                let expected = table.seq() + 1;
                if *seq != expected || m.entry.seq != expected {
                    return Err(format!(
                        "table {no} lacks its move {expected} (the log is cut)"
                    ));
                }
                table
                    .game
                    .apply(&m.entry.action)
                    .map_err(|e| format!("the rules refuse move {seq} of table {no} ({e})"))?;
                if let (Actor::Player(p), Some(id)) = (m.entry.actor, m.entry.id) {
                    let last = last_ids.entry(p).or_default();
                    *last = (*last).max(id);
                }
                last_activity_ms = last_activity_ms.max(m.at_ms);
                table.log.push(m.entry);
            }
            tables.push(table);
        }
        if let Some(((t, seq), _)) = moves.range((tables.len() as u8 + 1, 0)..).next() {
            return Err(format!(
                "it has {} tables but a move {seq} at table {t}",
                tables.len()
            ));
        }
        let players = r
            .players
            .into_iter()
            .map(|p| {
                let player = Player {
                    token: p.token,
                    name: p.name,
                    table: p.table,
                    connections: 0,
                    last_id: last_ids.get(&p.id).copied().unwrap_or(0),
                };
                (p.id, player)
            })
            .collect();
        Ok(Self {
            code: r.code,
            secret: r.secret,
            deck_file: r.deck_file,
            hash: r.hash,
            deck,
            tables,
            deal: r.deal,
            timer: r.timer,
            follow: r.follow,
            ended: r.ended,
            players,
            last_activity_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fresque_core::protocol::{Command, deck_hash};
    use fresque_core::rules::{Action, Pos};

    const DECK: &[u8] = include_bytes!("../../../../tests/fixtures/decks/valid.fr.ron");

    fn decks() -> DeckStore {
        let deck = fresque_core::content::load_deck("valid.fr.ron", DECK)
            .deck
            .unwrap();
        DeckStore::from_entries([(
            "valid.fr.ron".to_owned(),
            crate::decks::DeckEntry {
                deck: Arc::new(deck),
                hash: deck_hash(DECK),
            },
        )])
    }

    fn room() -> Room {
        let deck = decks().get("valid.fr.ron").unwrap().deck.clone();
        Room::new(
            "ABC-DEF".into(),
            "s3cret".into(),
            "valid.fr.ron".into(),
            deck_hash(DECK),
            deck,
            2,
            DealMode::Players,
            1_000,
        )
    }

    /// A room with seats, settings and moves; returns it with its stored form.
    fn played() -> (Room, Vec<u8>, BTreeMap<(u8, u64), Vec<u8>>) {
        let mut room = room();
        let a = room.seat(1, Some("Awa".into()), "tok-a".into());
        let _b = room.seat(2, None, "tok-b".into());
        let mut moves = BTreeMap::new();
        let store = |room: &Room, out: &super::super::Out, moves: &mut BTreeMap<_, _>| {
            for (_, msg) in out {
                if let fresque_core::protocol::ServerMsg::Applied { table, entry } = msg {
                    moves.insert((*table, entry.seq), Room::move_record(entry, 2_000));
                }
            }
            room.record(3_000)
        };
        let out = room.command(Command::DealLot { table: None }, 1_500);
        store(&room, &out, &mut moves);
        let card = room.table(1).unwrap().game().hand()[0].clone();
        let entry = room
            .act(
                a,
                1,
                room.table(1).unwrap().seq(),
                Action::PlaceCard {
                    card: card.clone(),
                    at: Pos::default(),
                },
            )
            .unwrap()
            .unwrap();
        moves.insert((1, entry.seq), Room::move_record(&entry, 2_500));
        let entry = room
            .act(
                a,
                2,
                room.table(1).unwrap().seq(),
                Action::MoveCard {
                    card,
                    to: Pos { x: 300.0, y: 0.0 },
                },
            )
            .unwrap()
            .unwrap();
        moves.insert((1, entry.seq), Room::move_record(&entry, 2_500));
        let out = room.command(
            Command::Lock {
                table: Some(2),
                locked: true,
            },
            2_600,
        );
        let _ = store(&room, &out, &mut moves);
        let out = room.command(Command::TimerStart { seconds: 600 }, 2_700);
        let record = store(&room, &out, &mut moves);
        (room, record, moves)
    }

    #[test]
    fn a_room_comes_back_whole_from_its_records() {
        let (room, record, moves) = played();
        let back = Room::restore(&record, &moves, &decks()).unwrap();
        assert_eq!(back.info(), room.info());
        assert_eq!(back.all_tables().len(), 2);
        for t in 1..=2 {
            let mut before = room.table_state(t).unwrap();
            for s in &mut before.seats {
                s.online = false; // connections are not stored: nobody is online after a restart
            }
            assert_eq!(back.table_state(t).unwrap(), before);
            assert_eq!(
                back.table(t).unwrap().game().board(),
                room.table(t).unwrap().game().board()
            );
        }
        assert!(back.secret_matches("s3cret"));
        assert_eq!(
            back.player(1).unwrap().last_id,
            2,
            "a move sent again is not applied twice"
        );
        assert_eq!(back.last_activity_ms, 3_000);
        assert_eq!(back.record(3_000), record);
    }

    #[test]
    fn broken_records_say_why() {
        let (_, record, moves) = played();
        let d = decks();
        let err = |record: &[u8], moves: &BTreeMap<(u8, u64), Vec<u8>>| {
            Room::restore(record, moves, &d).map(|_| ()).unwrap_err()
        };
        let cut = &record[..record.len() / 2];
        assert!(
            err(cut, &moves).contains("cannot be read"),
            "{}",
            err(cut, &moves)
        );
        let newer = String::from_utf8(record.clone())
            .unwrap()
            .replacen("\"v\":1", "\"v\":7", 1);
        assert!(err(newer.as_bytes(), &moves).contains("version 7"));
        let mut gap = moves.clone();
        assert!(gap.contains_key(&(1, 2)));
        gap.remove(&(1, 1));
        assert!(
            err(&record, &gap).contains("lacks its move 1"),
            "{}",
            err(&record, &gap)
        );
        let mut truncated = moves.clone();
        let last = truncated.keys().next_back().copied().unwrap();
        let bytes = truncated.get_mut(&last).unwrap();
        bytes.truncate(bytes.len() - 3);
        assert!(err(&record, &truncated).contains("cannot be read"));
        let mut beyond = moves.clone();
        beyond.insert((3, 1), moves.values().next().unwrap().clone());
        assert!(err(&record, &beyond).contains("table 3"));
        let other = DeckStore::default();
        assert!(
            Room::restore(&record, &moves, &other)
                .map(|_| ())
                .unwrap_err()
                .contains("no longer offered")
        );
    }
}
