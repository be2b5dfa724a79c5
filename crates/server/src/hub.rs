//! The rooms of a running server and the connections in them: turns each client message into
//! a change of its room ([`crate::room`]) and sends the resulting messages to the right
//! connections. One lock per room keeps every table's moves in one order; sending is a
//! non-blocking push into each connection's queue, so a slow client never holds a room.
//!
//! With a store ([`crate::store`]), a room's changes are stored before their messages are
//! sent, in the order they were made: a move is acknowledged only once it is on disk.
//!
//! This file: messages and their handling. [`delivery`] sends (after storing), [`seats`]
//! creates rooms and seats connections, [`rooms`] brings rooms back, adopts and expires them.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fresque_core::protocol::{
    ClientMsg, ErrorCode, PROTOCOL_VERSION, ServerMsg, normalize_room_code,
};
use tokio::sync::mpsc;

mod delivery;
mod rooms;
mod seats;

use delivery::{Delivery, writes};

use crate::decks::DeckStore;
use crate::room::{Audience, Room};
use crate::store::Store;

/// Limits of one server (see `docs/protocol.md`).
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_rooms: usize,
    /// Connections in one room (players and facilitators).
    pub max_connections_per_room: usize,
    /// Join, peek and host attempts per address and minute.
    pub joins_per_minute: u32,
    /// A room with no message for this long is removed.
    pub idle_room: Duration,
    /// Messages queued for one connection before it is dropped (it reconnects and resyncs).
    pub send_queue: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_rooms: 1000,
            max_connections_per_room: 130,
            // A whole class behind one school address joins within a minute.
            joins_per_minute: 240,
            idle_room: Duration::from_secs(6 * 3600),
            send_queue: 4096,
        }
    }
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// A frame to send, serialised once for every receiver.
pub type Frame = Arc<str>;

fn frame(msg: &ServerMsg) -> Frame {
    // Serialising our own message types cannot fail (no maps with non-string keys).
    serde_json::to_string(msg)
        .unwrap_or_else(|_| String::from(r#"{"type":"error","code":"bad_message","message":""}"#))
        .into()
}

/// What a connection is in its room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Facilitator,
    Player { id: u32, table: u8 },
}

struct Member {
    conn: u64,
    role: Role,
    tx: mpsc::Sender<Frame>,
}

struct RoomSlot {
    room: Room,
    members: Vec<Member>,
}

/// One connection's place: which room, as what.
#[derive(Default)]
pub struct Connection {
    pub id: u64,
    pub ip: Option<IpAddr>,
    hello: bool,
    room: Option<String>,
    role: Option<Role>,
}

impl Connection {
    pub fn new(id: u64, ip: Option<IpAddr>) -> Self {
        Self {
            id,
            ip,
            ..Self::default()
        }
    }

    /// The room this connection is in.
    pub fn room(&self) -> Option<&str> {
        self.room.as_deref()
    }

    /// A connection held by another server, whose `hello` that server has answered.
    pub fn remote(id: u64, ip: Option<IpAddr>) -> Self {
        Self {
            hello: true,
            ..Self::new(id, ip)
        }
    }
}

/// Every room of the server.
pub struct Hub {
    rooms: Mutex<HashMap<String, Arc<Mutex<RoomSlot>>>>,
    /// Where rooms are kept across restarts; `None`: in memory only.
    store: Option<Store>,
    decks: DeckStore,
    limits: Limits,
    joins: Mutex<HashMap<IpAddr, (u64, u32)>>,
    next_conn: AtomicU64,
}

/// Locks a mutex; a panic while holding it (a bug) must not stop the whole server, so a
/// poisoned lock is used as it is.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Hub {
    pub fn new(decks: DeckStore, limits: Limits) -> Self {
        Self {
            rooms: Mutex::new(HashMap::new()),
            store: None,
            decks,
            limits,
            joins: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(1),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub fn next_connection_id(&self) -> u64 {
        self.next_conn.fetch_add(1, Ordering::Relaxed)
    }

    pub fn room_count(&self) -> usize {
        lock(&self.rooms).len()
    }

    fn slot(&self, code: &str) -> Option<Arc<Mutex<RoomSlot>>> {
        lock(&self.rooms).get(code).cloned()
    }

    /// Whether this address may try to create, join or look at a room again (so many a
    /// minute); if not, tells the client so.
    fn admit(&self, ip: Option<IpAddr>, tx: &mpsc::Sender<Frame>) -> bool {
        let admitted = self.allow_join(ip);
        if !admitted {
            let _ = tx.try_send(frame(&ServerMsg::error(
                ErrorCode::RateLimited,
                "too many attempts: wait a minute",
            )));
        }
        admitted
    }

    /// Whether this address may try to join again (a sliding minute).
    fn allow_join(&self, ip: Option<IpAddr>) -> bool {
        let Some(ip) = ip else { return true };
        let now = now_ms();
        let mut joins = lock(&self.joins);
        let entry = joins.entry(ip).or_insert((now, 0));
        if now.saturating_sub(entry.0) > 60_000 {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.limits.joins_per_minute
    }

    /// Handles one text frame of a connection; `tx` is the connection's queue.
    pub fn handle_text(&self, conn: &mut Connection, text: &str, tx: &mpsc::Sender<Frame>) {
        let reply = |msg: ServerMsg| {
            let _ = tx.try_send(frame(&msg));
        };
        if text.len() > fresque_core::protocol::MAX_MESSAGE_BYTES {
            reply(ServerMsg::error(
                ErrorCode::BadMessage,
                format!(
                    "message too large: {} bytes, at most {}",
                    text.len(),
                    fresque_core::protocol::MAX_MESSAGE_BYTES
                ),
            ));
            return;
        }
        let msg: ClientMsg = match serde_json::from_str(text) {
            Ok(m) => m,
            Err(e) => {
                reply(ServerMsg::error(
                    ErrorCode::BadMessage,
                    format!("not a message of protocol {PROTOCOL_VERSION}: {e}"),
                ));
                return;
            }
        };
        self.handle(conn, msg, tx);
    }

    /// Handles one message of a connection.
    pub fn handle(&self, conn: &mut Connection, msg: ClientMsg, tx: &mpsc::Sender<Frame>) {
        let reply = |msg: ServerMsg| {
            let _ = tx.try_send(frame(&msg));
        };
        let error = |code: ErrorCode, message: &str| reply(ServerMsg::error(code, message));
        if let ClientMsg::Hello { protocol } = msg {
            if protocol != PROTOCOL_VERSION {
                error(
                    ErrorCode::Protocol,
                    &format!(
                        "this server speaks protocol {PROTOCOL_VERSION}, the page {protocol}: reload the page"
                    ),
                );
                return;
            }
            conn.hello = true;
            reply(ServerMsg::Welcome {
                protocol: PROTOCOL_VERSION,
                now_ms: now_ms(),
            });
            return;
        }
        if !conn.hello {
            error(ErrorCode::NoHello, "say hello first");
            return;
        }
        match msg {
            ClientMsg::Hello { .. } => {}
            ClientMsg::Ping { t } => reply(ServerMsg::Pong {
                t,
                now_ms: now_ms(),
            }),
            ClientMsg::CreateRoom {
                deck,
                hash,
                tables,
                deal,
            } => self.create_room(conn, &deck, &hash, tables, deal, tx),
            ClientMsg::Host { room, secret } => {
                if !self.admit(conn.ip, tx) {
                    return;
                }
                let Some((code, slot)) = self.find(&room, tx) else {
                    return;
                };
                let mut s = lock(&slot);
                if !s.room.secret_matches(&secret) {
                    error(
                        ErrorCode::WrongSecret,
                        "this is not the facilitator's key of this workshop",
                    );
                    return;
                }
                if !self.enter(conn, &code, &mut s, Role::Facilitator, tx) {
                    return;
                }
                s.room.last_activity_ms = now_ms();
                reply(ServerMsg::Hosting {
                    info: s.room.info(),
                    tables: s.room.all_tables(),
                });
            }
            ClientMsg::Peek { room } => {
                if !self.admit(conn.ip, tx) {
                    return;
                }
                let Some((_, slot)) = self.find(&room, tx) else {
                    return;
                };
                let s = lock(&slot);
                reply(ServerMsg::Tables {
                    info: s.room.info(),
                    seats: (1..=s.room.table_count())
                        .map(|t| s.room.seats(t))
                        .collect(),
                });
            }
            ClientMsg::Join {
                room,
                table,
                name,
                player,
            } => self.join(conn, &room, table, name, player, tx),
            ClientMsg::Act { id, base, action } => {
                let (Some(code), Some(Role::Player { id: player, table })) =
                    (conn.room.clone(), conn.role)
                else {
                    reply(ServerMsg::Refused {
                        id,
                        refusal: fresque_core::protocol::Refusal::NotSeated,
                    });
                    return;
                };
                let Some(slot) = self.slot(&code) else {
                    error(ErrorCode::UnknownRoom, "this workshop has ended");
                    return;
                };
                let mut s = lock(&slot);
                let now = now_ms();
                s.room.last_activity_ms = now;
                let mut delivery = Delivery::default();
                let out = match s.room.act(player, id, base, action) {
                    Ok(Some(entry)) => {
                        vec![(Audience::Table(table), ServerMsg::Applied { table, entry })]
                    }
                    Ok(None) => Vec::new(),
                    Err(refusal) => {
                        delivery.reply(conn, tx, &ServerMsg::Refused { id, refusal });
                        Vec::new()
                    }
                };
                let writes = writes(&s.room, &out, false, now);
                s.route(out, &mut delivery);
                self.commit(&slot, &mut s, writes, delivery);
            }
            ClientMsg::Command { command } => {
                let (Some(code), Some(Role::Facilitator)) = (conn.room.clone(), conn.role) else {
                    error(
                        ErrorCode::NotFacilitator,
                        "only the workshop's facilitator can do this",
                    );
                    return;
                };
                let Some(slot) = self.slot(&code) else {
                    error(ErrorCode::UnknownRoom, "this workshop has ended");
                    return;
                };
                let mut s = lock(&slot);
                let now = now_ms();
                s.room.last_activity_ms = now;
                let out = s.room.command(command, now);
                let writes = writes(&s.room, &out, true, now);
                let mut delivery = Delivery::default();
                s.route(out, &mut delivery);
                self.commit(&slot, &mut s, writes, delivery);
            }
        }
    }

    /// The room with this code, as typed.
    /// The room a code names; if there is none, tells the client so.
    fn find(
        &self,
        typed: &str,
        tx: &mpsc::Sender<Frame>,
    ) -> Option<(String, Arc<Mutex<RoomSlot>>)> {
        let found =
            normalize_room_code(typed).and_then(|code| Some((code.clone(), self.slot(&code)?)));
        if found.is_none() {
            let _ = tx.try_send(frame(&ServerMsg::error(
                ErrorCode::UnknownRoom,
                "no workshop with this code (it may have ended)",
            )));
        }
        found
    }

    /// Forgets join counters older than a minute.
    pub fn forget_old_joins(&self) {
        let now = now_ms();
        lock(&self.joins).retain(|_, (start, _)| now.saturating_sub(*start) <= 60_000);
    }
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The OS generator; if it ever failed, a room code from the clock is still unique enough
    // for a test machine, but secrets would be weak: refuse to go on.
    getrandom::fill(&mut bytes).expect("the operating system's random generator works");
    bytes
}

fn random_u32() -> u32 {
    u32::from_le_bytes(random_bytes::<4>())
}

fn random_hex(n: usize) -> String {
    let bytes: [u8; 32] = random_bytes();
    bytes[..n.min(32)]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
