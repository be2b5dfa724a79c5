//! The workshop wire protocol, version [`PROTOCOL_VERSION`]: JSON text frames over a WebSocket
//! at `/ws`. Documented for people in `docs/protocol.md`.
//!
//! A connection starts with [`ClientMsg::Hello`]; the server answers [`ServerMsg::Welcome`], or
//! [`ServerMsg::Error`] with [`ErrorCode::Protocol`] ("please reload") when the versions differ.
//! Every move is a [`ClientMsg::Act`] carrying a [`crate::rules::Action`]: the server applies it
//! with the same rules as solo play and sends [`ServerMsg::Applied`] to the whole table, in one
//! order (`seq`), or [`ServerMsg::Refused`] to its author. A client that joins late or
//! reconnects receives the table's whole log ([`ServerMsg::Table`]) and replays it.

use serde::{Deserialize, Serialize};

use crate::rules::{Action, CardId, RuleError};

/// Bumped whenever a message changes shape; both ends must agree.
pub const PROTOCOL_VERSION: u32 = 1;
/// The largest text frame either end accepts.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// Tables in a room.
pub const MAX_TABLES: u8 = 12;
/// A first name, in characters.
pub const MAX_NAME_CHARS: usize = 30;

/// A player's number in a room, given by the server (1, 2, …).
pub type PlayerId = u32;

/// How the facilitator deals a lot of a links round.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum DealMode {
    /// Into the players' own hands, in turn (each reads and places their cards).
    #[default]
    Players,
    /// Into the table's shared reserve.
    Table,
}

/// What a screen shows when the facilitator asks everyone to follow.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "kind", content = "table")]
pub enum Focus {
    /// One table's board, for everyone.
    Table(u8),
    /// The room's debrief.
    Debrief,
}

/// The phase timer, held by the server. Times are the server's clock, in ms since the epoch.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Timer {
    #[default]
    Off,
    Running {
        ends_at_ms: u64,
        total_ms: u64,
    },
    Paused {
        remaining_ms: u64,
        total_ms: u64,
    },
}

impl Timer {
    /// Milliseconds left at server time `now_ms` (`None`: no timer).
    pub fn remaining_ms(&self, now_ms: u64) -> Option<u64> {
        match self {
            Timer::Off => None,
            Timer::Running { ends_at_ms, .. } => Some(ends_at_ms.saturating_sub(now_ms)),
            Timer::Paused { remaining_ms, .. } => Some(*remaining_ms),
        }
    }
}

/// A facilitator's command. Only the connection that created the room, or one that showed its
/// secret ([`ClientMsg::Host`]), may send these. `table: None` means every table.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case", tag = "cmd")]
pub enum Command {
    /// Reveal the next lot of the current links round.
    DealLot {
        table: Option<u8>,
    },
    Lock {
        table: Option<u8>,
        locked: bool,
    },
    Check {
        table: Option<u8>,
    },
    ShowSolution {
        table: Option<u8>,
    },
    /// Every table to the next round (tables not yet checked are checked first).
    NextRound,
    /// Start a timer of `seconds`, pause it, resume it, or stop it.
    TimerStart {
        seconds: u32,
    },
    TimerPause,
    TimerResume,
    TimerStop,
    /// Bring every screen to this view (`None`: everyone back to their own table).
    Follow {
        focus: Option<Focus>,
    },
    SetDeal {
        mode: DealMode,
    },
    /// End the workshop: everyone sees the debrief.
    End,
}

/// Client → server.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ClientMsg {
    Hello {
        protocol: u32,
    },
    /// Create a room for a deck file of the site's manifest (`hash`: the client's copy).
    CreateRoom {
        deck: String,
        hash: String,
        tables: u8,
        deal: DealMode,
    },
    /// Take the facilitator's seat again (after a reload), with the room's secret.
    Host {
        room: String,
        secret: String,
    },
    /// The tables of a room and who sits at them, before choosing one.
    Peek {
        room: String,
    },
    /// Sit at a table. `player`: the token of a seat held before (reload, reconnection).
    Join {
        room: String,
        table: u8,
        name: Option<String>,
        player: Option<String>,
    },
    /// A move at the player's table. `id` counts the author's moves (from 1, never reused);
    /// `base` is the last `seq` the author had applied when making it.
    Act {
        id: u64,
        base: u64,
        action: Action,
    },
    Command {
        command: Command,
    },
    /// Keep-alive, and the client's clock for the timer (`t`: echoed back).
    Ping {
        t: u64,
    },
}

/// Who made a move.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "by", content = "player")]
pub enum Actor {
    Player(PlayerId),
    Facilitator,
}

/// One move of a table's log.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Entry {
    /// Position in the table's log, from 1.
    pub seq: u64,
    pub action: Action,
    pub actor: Actor,
    /// The author's move id (players only), so a client recognises its own moves.
    pub id: Option<u64>,
}

/// Someone at a table.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Seat {
    pub player: PlayerId,
    pub name: Option<String>,
    pub online: bool,
}

/// A table's whole state: replaying `log` on a new game of the room's deck gives it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TableState {
    pub table: u8,
    pub log: Vec<Entry>,
    pub locked: bool,
    pub seats: Vec<Seat>,
    /// Who holds each card dealt in turn (deal mode `players`).
    #[serde(default)]
    pub owners: Vec<(CardId, PlayerId)>,
}

/// A room, as everyone in it sees it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RoomInfo {
    pub room: String,
    /// The deck file (as listed in the site's manifest) and the hash of its bytes.
    pub deck: String,
    pub hash: String,
    pub tables: u8,
    pub deal: DealMode,
    pub timer: Timer,
    pub follow: Option<Focus>,
    pub ended: bool,
}

/// Why a move was refused.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case", tag = "why", content = "rule")]
pub enum Refusal {
    /// The rules refused it (the same reason as in solo play).
    Rule(RuleError),
    /// Someone else changed the same card or arrow since `base`: look again.
    Conflict,
    /// The facilitator has locked this board.
    Locked,
    /// In a workshop the facilitator deals the lots and moves the rounds.
    FacilitatorOnly,
    /// Not at a table yet.
    NotSeated,
    /// (Client side.) The screen shows another table, followed with the facilitator.
    Following,
    /// (Client side.) The connection is lost and the move could not be kept.
    Offline,
}

/// What went wrong with a message; the connection stays open unless said otherwise.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The other end speaks another protocol version: reload the page (connection closed).
    Protocol,
    /// Not JSON, not a known message, or too large.
    BadMessage,
    /// No room with this code (or it has expired).
    UnknownRoom,
    UnknownTable,
    UnknownDeck,
    /// The client's deck file differs from the server's: reload the page.
    DeckMismatch,
    /// A facilitator's command without the facilitator's seat.
    NotFacilitator,
    WrongSecret,
    /// Too many join attempts from this address: wait a minute.
    RateLimited,
    RoomFull,
    TableFull,
    ServerFull,
    /// Say `Hello` first.
    NoHello,
}

/// Server → client.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ServerMsg {
    Welcome {
        protocol: u32,
        /// The server's clock, ms since the epoch (the timer counts on it).
        now_ms: u64,
    },
    Error {
        code: ErrorCode,
        message: String,
    },
    /// A new room: its code, and the facilitator's secret (kept by the facilitator's
    /// browser, never in a link).
    Created {
        room: String,
        secret: String,
    },
    /// The facilitator's seat (after `CreateRoom` or `Host`): every table follows.
    Hosting {
        info: RoomInfo,
        tables: Vec<TableState>,
    },
    /// The answer to `Peek`.
    Tables {
        info: RoomInfo,
        seats: Vec<Vec<Seat>>,
    },
    /// Seated at a table: the player's number and token (to sit again after a reload).
    Seated {
        info: RoomInfo,
        player: PlayerId,
        token: String,
        state: TableState,
        /// The last move id of this player that the table applied.
        last_id: u64,
    },
    /// A table's whole state again (a followed table, or after a refusal of stale moves).
    Table {
        state: TableState,
    },
    /// One move, applied at `table`, in log order.
    Applied {
        table: u8,
        entry: Entry,
    },
    /// The author's move `id` was not applied.
    Refused {
        id: u64,
        refusal: Refusal,
    },
    /// The room's settings changed (timer, follow, deal, end).
    Room {
        info: RoomInfo,
    },
    /// Cards were dealt to the players of a table: who holds each card now (all of them).
    Owners {
        table: u8,
        owners: Vec<(CardId, PlayerId)>,
    },
    /// Who sits at a table changed, or a board was locked or unlocked.
    Seats {
        table: u8,
        seats: Vec<Seat>,
        locked: bool,
    },
    Pong {
        t: u64,
        now_ms: u64,
    },
}

impl ServerMsg {
    pub fn error(code: ErrorCode, message: impl Into<String>) -> Self {
        ServerMsg::Error {
            code,
            message: message.into(),
        }
    }
}

/// The alphabet of room codes: Crockford's base 32 (no I, L, O, U), 5 bits a character.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A room code of 6 characters (30 bits) from 30 random bits, shown as `K7M-4QX`.
pub fn room_code(bits: u32) -> String {
    let chars: Vec<char> = (0..6)
        .rev()
        .map(|i| CODE_ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!(
        "{}-{}",
        chars[..3].iter().collect::<String>(),
        chars[3..].iter().collect::<String>()
    )
}

/// Reads a code as people type it: any case, with or without the dash or spaces, and the
/// letters O, I and L read as 0, 1 and 1. `None` when it cannot be a code.
pub fn normalize_room_code(typed: &str) -> Option<String> {
    let mut out = String::new();
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !CODE_ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
            return None;
        }
        out.push(c);
    }
    (out.len() == 6).then(|| format!("{}-{}", &out[..3], &out[3..]))
}

/// A first name as shown: trimmed, control characters removed, at most
/// [`MAX_NAME_CHARS`] characters; `None` when nothing is left.
pub fn clean_name(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}

/// The hash clients and server compare to be sure they play the same deck file (FNV-1a, 64
/// bits, as hex).
pub fn deck_hash(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Pos;

    #[test]
    fn codes_have_30_bits_and_read_back_leniently() {
        assert_eq!(room_code(0), "000-000");
        assert_eq!(room_code((1 << 30) - 1), "ZZZ-ZZZ");
        let code = room_code(0x2345_6789 & ((1 << 30) - 1));
        assert_eq!(normalize_room_code(&code).as_deref(), Some(code.as_str()));
        assert_eq!(
            normalize_room_code(&code.to_lowercase().replace('-', " ")).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(normalize_room_code("oil-0i1").as_deref(), Some("011-011"));
        assert_eq!(normalize_room_code("K7M-4Q"), None);
        assert_eq!(
            normalize_room_code("K7M-4QU"),
            None,
            "U is not in the alphabet"
        );
        assert_eq!(normalize_room_code("K7M-4QXé"), None);
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("  Léa \u{7}"), Some("Léa".into()));
        assert_eq!(clean_name("   "), None);
        assert_eq!(clean_name(&"x".repeat(100)).unwrap().chars().count(), 30);
    }

    #[test]
    fn messages_round_trip_as_json() {
        let msgs = vec![
            ClientMsg::Hello {
                protocol: PROTOCOL_VERSION,
            },
            ClientMsg::Act {
                id: 3,
                base: 12,
                action: Action::PlaceCard {
                    card: CardId::new("depot"),
                    at: Pos::new(10.0, -20.5),
                },
            },
            ClientMsg::Command {
                command: Command::Lock {
                    table: Some(2),
                    locked: true,
                },
            },
        ];
        for msg in msgs {
            let json = serde_json::to_string(&msg).unwrap();
            assert_eq!(
                serde_json::from_str::<ClientMsg>(&json).unwrap(),
                msg,
                "{json}"
            );
        }
        let json = r#"{"type":"act","id":1,"base":0,"action":{"AddLink":{"from":"a","to":"b"}}}"#;
        assert!(matches!(
            serde_json::from_str::<ClientMsg>(json),
            Ok(ClientMsg::Act { .. })
        ));
    }

    #[test]
    fn hashes_differ_with_content() {
        assert_ne!(deck_hash(b"a"), deck_hash(b"b"));
        assert_eq!(deck_hash(b"").len(), 16);
    }
}
