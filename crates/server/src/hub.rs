//! The rooms of a running server and the connections in them: turns each client message into
//! a change of its room ([`crate::room`]) and sends the resulting messages to the right
//! connections. One lock per room keeps every table's moves in one order; sending is a
//! non-blocking push into each connection's queue, so a slow client never holds a room.
//!
//! With a store ([`crate::store`]), a room's changes are stored before their messages are
//! sent, in the order they were made: a move is acknowledged only once it is on disk.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fresque_core::protocol::{
    ClientMsg, ErrorCode, MAX_TABLES, PROTOCOL_VERSION, ServerMsg, clean_name, normalize_room_code,
    room_code,
};
use tokio::sync::mpsc;

use crate::decks::DeckStore;
use crate::room::{Audience, Out, Room};
use crate::store::{Store, StoredRoom, Write};

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

/// Frames to send, each with its receivers (connection id and queue), in order.
#[derive(Default)]
struct Delivery(Vec<(Frame, Vec<(u64, mpsc::Sender<Frame>)>)>);

impl Delivery {
    /// A message for one connection.
    fn reply(&mut self, conn: &Connection, tx: &mpsc::Sender<Frame>, msg: &ServerMsg) {
        self.0.push((frame(msg), vec![(conn.id, tx.clone())]));
    }

    /// Sends everything; returns the connections whose queue was full or closed.
    fn send(self) -> Vec<u64> {
        let mut failed = Vec::new();
        for (f, receivers) in self.0 {
            for (conn, tx) in receivers {
                if !failed.contains(&conn) && tx.try_send(Arc::clone(&f)).is_err() {
                    failed.push(conn);
                }
            }
        }
        failed
    }
}

impl RoomSlot {
    /// Adds `msgs` to `delivery`, each for the members of its audience.
    fn route(&self, msgs: Out, delivery: &mut Delivery) {
        for (audience, msg) in msgs {
            let receivers = self
                .members
                .iter()
                .filter(|m| match (audience, m.role) {
                    (Audience::Room, _) => true,
                    (Audience::Table(_), Role::Facilitator) => true,
                    (Audience::Table(t), Role::Player { table, .. }) => {
                        table == t || self.room.is_followed(t)
                    }
                })
                .map(|m| (m.conn, m.tx.clone()))
                .collect();
            delivery.0.push((frame(&msg), receivers));
        }
    }

    fn drop_members(&mut self, failed: &[u64]) {
        if !failed.is_empty() {
            self.members.retain(|m| !failed.contains(&m.conn));
        }
    }
}

/// What a change of a room must store: its moves (the `applied` messages in `out`) and, when
/// `record` is set, the room's record.
fn writes(room: &Room, out: &Out, record: bool, now: u64) -> Vec<Write> {
    let mut writes: Vec<Write> = out
        .iter()
        .filter_map(|(_, msg)| match msg {
            ServerMsg::Applied { table, entry } => Some(Write::Move {
                code: room.code.clone(),
                table: *table,
                seq: entry.seq,
                record: Room::move_record(entry, now),
            }),
            _ => None,
        })
        .collect();
    if record {
        writes.push(Write::Room {
            code: room.code.clone(),
            record: room.record(now),
        });
    }
    writes
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

    /// A hub whose rooms are kept in the folder `dir` ([`crate::store`]). The rooms stored
    /// there come back, except those past their expiry, which are deleted. Also returns the
    /// rooms that could not be brought back, each with why (they stay in the store, untouched).
    pub fn open(
        decks: DeckStore,
        limits: Limits,
        dir: &Path,
    ) -> Result<(Self, usize, Vec<String>), String> {
        let (store, stored) = Store::open(dir)?;
        let mut hub = Self::new(decks, limits);
        let mut problems = Vec::new();
        let now = now_ms();
        let idle = hub.limits.idle_room.as_millis() as u64;
        let mut expired = Vec::new();
        let rooms = hub
            .rooms
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (code, StoredRoom { record, moves }) in stored {
            let Some(record) = record else {
                problems.push(format!(
                    "room {code} skipped: {} moves but no record",
                    moves.len()
                ));
                continue;
            };
            match Room::restore(&record, &moves, &hub.decks) {
                Ok(room) if room.code != code => problems.push(format!(
                    "room {code} skipped: its record is of room {}",
                    room.code
                )),
                Ok(room) if now.saturating_sub(room.last_activity_ms) >= idle => {
                    expired.push(Write::Delete { code });
                }
                Ok(room) => {
                    rooms.insert(
                        code,
                        Arc::new(Mutex::new(RoomSlot {
                            room,
                            members: Vec::new(),
                        })),
                    );
                }
                Err(why) => problems.push(format!("room {code} skipped: {why}")),
            }
        }
        let restored = rooms.len();
        if !expired.is_empty() {
            store.write(expired, || {});
        }
        hub.store = Some(store);
        Ok((hub, restored, problems))
    }

    /// A hub whose rooms are stored by `store` (Redis, [`crate::cluster`]); rooms come in
    /// with [`Self::adopt`].
    pub fn with_store(decks: DeckStore, limits: Limits, store: Store) -> Self {
        Self {
            store: Some(store),
            ..Self::new(decks, limits)
        }
    }

    pub fn decks(&self) -> &DeckStore {
        &self.decks
    }

    /// Whether this hub holds the room `code`.
    pub fn has_room(&self, code: &str) -> bool {
        lock(&self.rooms).contains_key(code)
    }

    /// The codes of the rooms held.
    pub fn room_codes(&self) -> Vec<String> {
        lock(&self.rooms).keys().cloned().collect()
    }

    /// Takes a room in (loaded from a store); one already held is kept.
    pub fn adopt(&self, room: Room) {
        lock(&self.rooms)
            .entry(room.code.clone())
            .or_insert_with(|| {
                Arc::new(Mutex::new(RoomSlot {
                    room,
                    members: Vec::new(),
                }))
            });
    }

    /// Lets a room go (another server holds it now); returns the connections that were in
    /// it, to be closed so they reconnect where the room is.
    pub fn evict(&self, code: &str) -> Vec<u64> {
        let slot = lock(&self.rooms).remove(code);
        slot.map(|s| lock(&s).members.iter().map(|m| m.conn).collect())
            .unwrap_or_default()
    }

    /// The store, if rooms are kept across restarts.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
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
                if !self.allow_join(conn.ip) {
                    error(ErrorCode::RateLimited, "too many attempts: wait a minute");
                    return;
                }
                let Some((code, slot)) = self.find(&room) else {
                    error(
                        ErrorCode::UnknownRoom,
                        "no workshop with this code (it may have ended)",
                    );
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
                if !self.allow_join(conn.ip) {
                    error(ErrorCode::RateLimited, "too many attempts: wait a minute");
                    return;
                }
                let Some((_, slot)) = self.find(&room) else {
                    error(
                        ErrorCode::UnknownRoom,
                        "no workshop with this code (it may have ended)",
                    );
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

    /// Stores `writes` (with a store), then sends `delivery`; a member whose queue is full
    /// is dropped (it reconnects and gets the whole table). Called with the room locked, so
    /// a room's changes are stored and sent in the order they were made.
    fn commit(
        &self,
        slot: &Arc<Mutex<RoomSlot>>,
        s: &mut RoomSlot,
        writes: Vec<Write>,
        delivery: Delivery,
    ) {
        match &self.store {
            None => s.drop_members(&delivery.send()),
            Some(store) => {
                let slot = Arc::downgrade(slot);
                store.write(writes, move || {
                    let failed = delivery.send();
                    if !failed.is_empty()
                        && let Some(slot) = slot.upgrade()
                    {
                        lock(&slot).drop_members(&failed);
                    }
                });
            }
        }
    }

    /// The room with this code, as typed.
    fn find(&self, typed: &str) -> Option<(String, Arc<Mutex<RoomSlot>>)> {
        let code = normalize_room_code(typed)?;
        let slot = self.slot(&code)?;
        Some((code, slot))
    }

    fn create_room(
        &self,
        conn: &mut Connection,
        deck: &str,
        hash: &str,
        tables: u8,
        deal: fresque_core::protocol::DealMode,
        tx: &mpsc::Sender<Frame>,
    ) {
        let reply = |msg: ServerMsg| {
            let _ = tx.try_send(frame(&msg));
        };
        if !self.allow_join(conn.ip) {
            reply(ServerMsg::error(
                ErrorCode::RateLimited,
                "too many attempts: wait a minute",
            ));
            return;
        }
        let Some(entry) = self.decks.get(deck) else {
            reply(ServerMsg::error(
                ErrorCode::UnknownDeck,
                format!("this server has no deck {deck}"),
            ));
            return;
        };
        if entry.hash != hash {
            reply(ServerMsg::error(
                ErrorCode::DeckMismatch,
                "the page and the server have different versions of this deck: reload the page",
            ));
            return;
        }
        if !(1..=MAX_TABLES).contains(&tables) {
            reply(ServerMsg::error(
                ErrorCode::UnknownTable,
                format!("a workshop has 1 to {MAX_TABLES} tables"),
            ));
            return;
        }
        let (code, secret) = {
            let mut rooms = lock(&self.rooms);
            if rooms.len() >= self.limits.max_rooms {
                reply(ServerMsg::error(
                    ErrorCode::ServerFull,
                    "this server holds as many workshops as it can: try later",
                ));
                return;
            }
            let mut code = room_code(random_u32() & ((1 << 30) - 1));
            while rooms.contains_key(&code) {
                code = room_code(random_u32() & ((1 << 30) - 1));
            }
            let secret = random_hex(16);
            let room = Room::new(
                code.clone(),
                secret.clone(),
                deck.to_owned(),
                entry.hash.clone(),
                Arc::clone(&entry.deck),
                tables,
                deal,
                now_ms(),
            );
            rooms.insert(
                code.clone(),
                Arc::new(Mutex::new(RoomSlot {
                    room,
                    members: Vec::new(),
                })),
            );
            (code, secret)
        };
        if let Some(slot) = self.slot(&code) {
            let mut s = lock(&slot);
            let mut delivery = Delivery::default();
            delivery.reply(
                conn,
                tx,
                &ServerMsg::Created {
                    room: code.clone(),
                    secret,
                },
            );
            if self.enter(conn, &code, &mut s, Role::Facilitator, tx) {
                delivery.reply(
                    conn,
                    tx,
                    &ServerMsg::Hosting {
                        info: s.room.info(),
                        tables: s.room.all_tables(),
                    },
                );
            }
            let writes = vec![Write::Create {
                code: code.clone(),
                record: s.room.record(now_ms()),
            }];
            self.commit(&slot, &mut s, writes, delivery);
        }
    }

    fn join(
        &self,
        conn: &mut Connection,
        room: &str,
        table: u8,
        name: Option<String>,
        token: Option<String>,
        tx: &mpsc::Sender<Frame>,
    ) {
        let reply = |msg: ServerMsg| {
            let _ = tx.try_send(frame(&msg));
        };
        if !self.allow_join(conn.ip) {
            reply(ServerMsg::error(
                ErrorCode::RateLimited,
                "too many attempts: wait a minute",
            ));
            return;
        }
        let Some((code, slot)) = self.find(room) else {
            reply(ServerMsg::error(
                ErrorCode::UnknownRoom,
                "no workshop with this code (it may have ended)",
            ));
            return;
        };
        let mut s = lock(&slot);
        let name = name.as_deref().and_then(clean_name);
        // A seat held before (reload): the same player, at the same table.
        let known = token.as_deref().and_then(|t| s.room.player_by_token(t));
        let (player, table) = match known {
            Some(player) => {
                let table = s.room.player(player).map_or(table, |p| p.table);
                (player, table)
            }
            None => {
                if s.room.table(table).is_none() {
                    reply(ServerMsg::error(
                        ErrorCode::UnknownTable,
                        format!("this workshop has tables 1 to {}", s.room.table_count()),
                    ));
                    return;
                }
                if s.room.online_at(table) >= crate::room::MAX_SEATS_PER_TABLE {
                    reply(ServerMsg::error(
                        ErrorCode::TableFull,
                        "this table is full: choose another one",
                    ));
                    return;
                }
                (0, table)
            }
        };
        let role = Role::Player { id: player, table };
        if !self.enter(conn, &code, &mut s, role, tx) {
            return;
        }
        let player = if known.is_some() {
            s.room.set_online(player, true, name);
            player
        } else {
            let token = random_hex(16);
            let id = s.room.seat(table, name, token);
            // The connection's role learns its number now.
            conn.role = Some(Role::Player { id, table });
            if let Some(m) = s.members.iter_mut().find(|m| m.conn == conn.id) {
                m.role = Role::Player { id, table };
            }
            id
        };
        let now = now_ms();
        s.room.last_activity_ms = now;
        let Some(state) = s.room.table_state(table) else {
            return;
        };
        let (token, last_id) = s
            .room
            .player(player)
            .map(|p| (p.token.clone(), p.last_id))
            .unwrap_or_default();
        // The seat (its token) is stored before the player is told it.
        let mut delivery = Delivery::default();
        delivery.reply(
            conn,
            tx,
            &ServerMsg::Seated {
                info: s.room.info(),
                player,
                token,
                state,
                last_id,
            },
        );
        // A player reaching a room that follows a table or is at the debrief needs those too.
        let followed: Vec<u8> = (1..=s.room.table_count())
            .filter(|t| *t != table && s.room.is_followed(*t))
            .collect();
        for t in followed {
            if let Some(state) = s.room.table_state(t) {
                delivery.reply(conn, tx, &ServerMsg::Table { state });
            }
        }
        let out = s.room.seats_changed(table);
        s.route(out, &mut delivery);
        let writes = writes(&s.room, &Vec::new(), true, now);
        self.commit(&slot, &mut s, writes, delivery);
    }

    /// Puts a connection in a room (leaving any other room first). `false`: the room is full.
    fn enter(
        &self,
        conn: &mut Connection,
        code: &str,
        slot: &mut RoomSlot,
        role: Role,
        tx: &mpsc::Sender<Frame>,
    ) -> bool {
        if conn.room.as_deref() != Some(code) {
            if conn.room.is_some() {
                self.leave(conn);
            }
            if slot.members.len() >= self.limits.max_connections_per_room {
                let _ = tx.try_send(frame(&ServerMsg::error(
                    ErrorCode::RoomFull,
                    "this workshop is full",
                )));
                return false;
            }
            slot.members.push(Member {
                conn: conn.id,
                role,
                tx: tx.clone(),
            });
        } else if let Some(m) = slot.members.iter_mut().find(|m| m.conn == conn.id) {
            m.role = role;
        }
        conn.room = Some(code.to_owned());
        conn.role = Some(role);
        true
    }

    /// A connection closed (or moved to another room).
    pub fn leave(&self, conn: &mut Connection) {
        let Some(code) = conn.room.take() else {
            return;
        };
        let role = conn.role.take();
        let Some(slot) = self.slot(&code) else {
            return;
        };
        let mut s = lock(&slot);
        s.members.retain(|m| m.conn != conn.id);
        if let Some(Role::Player { id, table }) = role
            && id != 0
        {
            s.room.set_online(id, false, None);
            let out = s.room.seats_changed(table);
            let mut delivery = Delivery::default();
            s.route(out, &mut delivery);
            self.commit(&slot, &mut s, Vec::new(), delivery);
        }
    }

    /// Removes rooms idle for longer than the limit. Returns how many were removed.
    pub fn expire_rooms(&self) -> usize {
        let now = now_ms();
        let idle = self.limits.idle_room.as_millis() as u64;
        let mut rooms = lock(&self.rooms);
        let mut gone = Vec::new();
        rooms.retain(|code, slot| {
            let keep = now.saturating_sub(lock(slot).room.last_activity_ms) < idle;
            if !keep {
                gone.push(Write::Delete { code: code.clone() });
            }
            keep
        });
        let count = gone.len();
        if let Some(store) = &self.store
            && !gone.is_empty()
        {
            store.write(gone, || {});
        }
        count
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
