//! Several servers behind one address, sharing rooms through Redis (`--redis URL`).
//!
//! **One writer per room.** Each room is run by one server at a time, its *owner*: the same
//! [`Hub`] code as a lone server, so a room's moves are applied in one order by one lock. The
//! owner holds a lease in Redis (`fresque:{CODE}:owner`, renewed every second, lost after
//! [`LEASE`]) and a fencing number (`…:epoch`, raised at each new owner). Every change is
//! stored by a Lua script that first checks the epoch, so a server that lost the room (paused,
//! cut off) can never write over its new owner; its clients are then disconnected and
//! reconnect to the room's owner. Rooms are Redis keys: the record (`…:room`) and one hash
//! field per move (`…:moves`, `"table:seq"`), the same records as the embedded store
//! ([`crate::room::record`]), kept for the idle limit after the last change.
//!
//! **Gateways.** A client may reach any server (a load balancer chooses). Its server forwards
//! the client's messages for a room it does not own to the owner, over the owner's Redis
//! channel (`fresque:to:<server>`), and the owner's messages for that client come back on the
//! gateway's channel: two players of one table can sit on two servers. A room without a live
//! owner is claimed by the first server that needs it, which loads it from Redis.
//!
//! **Failures.** A server that dies stops renewing its `fresque:alive:<server>` key (3 s): the
//! gateways disconnect the clients they forwarded to it, and the next server they reach claims
//! the rooms and loads them. While Redis is away, moves are applied but not acknowledged (the
//! writer retries), forwarded clients are disconnected and retry: they show « reconnecting »;
//! when Redis is back, everything queued is stored and acknowledged.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use fresque_core::protocol::{ClientMsg, normalize_room_code};
use redis::AsyncCommands;
use redis::aio::ConnectionManager;
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, mpsc};

use crate::DeckStore;
use crate::hub::{Connection, Frame, Hub, Limits};
use crate::room::Room;
use crate::store::Store;

mod keys;
mod tasks;

pub use keys::{ALIVE, LEASE};
use keys::{CLAIM, channel, key};
use tasks::{forward, heartbeat, listen, retrying, writer};

/// What servers tell each other on their channels.
#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "k", rename_all = "snake_case")]
enum Wire {
    /// A client's message, from the gateway holding its connection to the room's owner.
    Msg {
        from: String,
        conn: u64,
        ip: Option<IpAddr>,
        text: String,
    },
    /// The client's connection closed.
    Closed { from: String, conn: u64 },
    /// A message for a client, from the owner to its gateway.
    Frame { conn: u64, frame: String },
    /// The owner no longer has the room: the gateway disconnects the client, which
    /// reconnects and is routed afresh.
    Gone { conn: u64 },
}

/// A client connected to this server.
struct Local {
    tx: mpsc::Sender<Frame>,
    kick: Arc<Notify>,
    /// The server its messages go to, and for which room (none: this server).
    remote: Option<(String, String)>,
    /// The room of its last message that named one.
    room: Option<String>,
}

/// A client of another server, in a room this server owns.
struct Remote {
    conn: Connection,
    tx: mpsc::Sender<Frame>,
}

enum Owner {
    Here,
    There(String),
    NoSuchRoom,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// This server's part in a cluster.
pub struct Cluster {
    /// This server's name (random).
    pub id: String,
    hub: Arc<Hub>,
    redis: ConnectionManager,
    epochs: Arc<Mutex<HashMap<String, String>>>,
    locals: Mutex<HashMap<u64, Local>>,
    /// By (gateway, its connection id).
    remotes: Mutex<HashMap<(String, u64), Remote>>,
}

fn random_name() -> String {
    let mut bytes = [0u8; 6];
    // The OS generator; it does not fail on the systems the server runs on.
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Cluster {
    /// Connects to Redis and starts this server's tasks: the writer of its rooms, its
    /// channel, and the heartbeat.
    pub async fn start(url: &str, decks: DeckStore, limits: Limits) -> Result<Arc<Self>, String> {
        let client = redis::Client::open(url).map_err(|e| format!("--redis {url}: {e}"))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_secs(2)))
            .set_number_of_retries(2);
        let redis = client
            .get_connection_manager_with_config(config)
            .await
            .map_err(|e| format!("cannot reach Redis at {url}: {e}"))?;
        let id = random_name();
        let keep = limits.idle_room;
        let (store, jobs) = Store::with_writer(format!("Redis at {url}"));
        let hub = Arc::new(Hub::with_store(decks, limits, store));
        let cluster = Arc::new(Self {
            id,
            hub,
            redis,
            epochs: Arc::new(Mutex::new(HashMap::new())),
            locals: Mutex::new(HashMap::new()),
            remotes: Mutex::new(HashMap::new()),
        });
        tokio::spawn(writer(Arc::downgrade(&cluster), jobs, keep));
        tokio::spawn(listen(Arc::downgrade(&cluster), client));
        tokio::spawn(heartbeat(Arc::downgrade(&cluster)));
        Ok(cluster)
    }

    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    /// A client connected here.
    pub fn register(&self, conn: u64, tx: mpsc::Sender<Frame>, kick: Arc<Notify>) {
        lock(&self.locals).insert(
            conn,
            Local {
                tx,
                kick,
                remote: None,
                room: None,
            },
        );
    }

    /// Tells the owner `server` that it no longer serves this gateway's connection `conn`.
    async fn tell_closed(&self, server: &str, conn: u64) {
        let closed = Wire::Closed {
            from: self.id.clone(),
            conn,
        };
        self.send_to(server, &closed).await;
    }

    /// A client of this server disconnected.
    pub async fn unregister(&self, conn: u64) {
        let local = lock(&self.locals).remove(&conn);
        if let Some((server, _)) = local.and_then(|l| l.remote) {
            self.tell_closed(&server, conn).await;
        }
    }

    fn kick(&self, conn: u64) {
        if let Some(l) = lock(&self.locals).get(&conn) {
            l.kick.notify_one();
        }
    }

    async fn send_to(&self, server: &str, wire: &Wire) -> bool {
        let Ok(text) = serde_json::to_string(wire) else {
            return false;
        };
        let channel = channel(server);
        // Redis channels keep nothing for a server that is not listening (it is subscribing
        // again after Redis came back): a message nobody received is sent again a few times.
        for pause in [100, 200, 400, 0] {
            let received = retrying(|| {
                let mut redis = self.redis.clone();
                let (channel, text) = (channel.clone(), text.clone());
                async move { redis.publish::<_, _, i64>(channel, text).await }
            })
            .await;
            match received {
                Ok(n) if n > 0 => return true,
                Ok(_) if pause > 0 => tokio::time::sleep(Duration::from_millis(pause)).await,
                _ => return false,
            }
        }
        false
    }

    /// A text frame of a client connected here.
    pub async fn handle_text(&self, conn: &mut Connection, text: &str, tx: &mpsc::Sender<Frame>) {
        let msg: Option<ClientMsg> = serde_json::from_str(text).ok();
        let named = match &msg {
            Some(
                ClientMsg::Host { room, .. }
                | ClientMsg::Join { room, .. }
                | ClientMsg::Peek { room },
            ) => normalize_room_code(room),
            Some(ClientMsg::Act { .. } | ClientMsg::Command { .. }) => lock(&self.locals)
                .get(&conn.id)
                .and_then(|l| l.room.clone()),
            // Hello, ping, a new room, and bad messages: this server answers.
            _ => None,
        };
        let Some(code) = named else {
            if matches!(msg, Some(ClientMsg::CreateRoom { .. })) {
                // A new room, on this server: a room elsewhere is left.
                self.route(conn.id, None, None).await;
            }
            self.hub.handle_text(conn, text, tx);
            return;
        };
        // A client already forwarded for this room keeps its route (the heartbeat drops routes
        // to servers that are gone).
        let known = lock(&self.locals)
            .get(&conn.id)
            .and_then(|l| l.remote.clone())
            .filter(|(_, room)| *room == code)
            .map(|(server, _)| server);
        let owner = match known {
            Some(server) => Ok(Owner::There(server)),
            None => self.owner(&code).await,
        };
        match owner {
            Ok(Owner::Here | Owner::NoSuchRoom) => {
                self.route(conn.id, None, Some(code)).await;
                self.hub.handle_text(conn, text, tx);
            }
            Ok(Owner::There(server)) => {
                self.route(conn.id, Some(server.clone()), Some(code)).await;
                let wire = Wire::Msg {
                    from: self.id.clone(),
                    conn: conn.id,
                    ip: conn.ip,
                    text: text.to_owned(),
                };
                if !self.send_to(&server, &wire).await {
                    self.kick(conn.id);
                }
            }
            Err(e) => {
                eprintln!("fresque-server: Redis: {e}; the client will reconnect");
                self.kick(conn.id);
            }
        }
    }

    /// Notes where a client's messages go now: to `server` (none: this one), about `room`.
    /// Leaving another server's room tells that server.
    async fn route(&self, conn: u64, server: Option<String>, room: Option<String>) {
        let (before, now) = {
            let mut locals = lock(&self.locals);
            let Some(l) = locals.get_mut(&conn) else {
                return;
            };
            let before = l.remote.take();
            l.remote = server.zip(room.clone());
            l.room = room;
            (before, l.remote.clone())
        };
        if let Some((server, room)) = before
            && now.as_ref() != Some(&(server.clone(), room))
        {
            self.tell_closed(&server, conn).await;
        }
    }

    /// Who runs room `code`: this server (claiming and loading it if it has no live owner),
    /// another one, or nobody (no such room).
    async fn owner(&self, code: &str) -> redis::RedisResult<Owner> {
        if self.hub.has_room(code) {
            return Ok(Owner::Here);
        }
        retrying(|| self.claim(code)).await
    }

    async fn claim(&self, code: &str) -> redis::RedisResult<Owner> {
        let mut redis = self.redis.clone();
        let claim: Vec<String> = redis::Script::new(CLAIM)
            .key(key(code, "owner"))
            .key(key(code, "epoch"))
            .key(key(code, "room"))
            .arg(&self.id)
            .arg(LEASE.as_millis() as u64)
            .arg("fresque:alive:")
            .invoke_async(&mut redis)
            .await?;
        match claim.first().map(String::as_str) {
            Some("owner") => Ok(Owner::There(claim.get(1).cloned().unwrap_or_default())),
            Some("claimed") => {
                let epoch = claim.get(1).cloned().unwrap_or_default();
                let record: Option<Vec<u8>> = redis.get(key(code, "room")).await?;
                let fields: HashMap<String, Vec<u8>> = redis.hgetall(key(code, "moves")).await?;
                let Some(record) = record else {
                    return Ok(Owner::NoSuchRoom);
                };
                let mut moves = BTreeMap::new();
                for (field, bytes) in fields {
                    let mut parts = field.split(':');
                    let (Some(Ok(t)), Some(Ok(seq))) = (
                        parts.next().map(str::parse::<u8>),
                        parts.next().map(str::parse::<u64>),
                    ) else {
                        eprintln!(
                            "fresque-server: room {code}: a move field {field:?} is not table:seq"
                        );
                        return Ok(Owner::NoSuchRoom);
                    };
                    moves.insert((t, seq), bytes);
                }
                match Room::restore(&record, &moves, self.hub.decks()) {
                    Ok(room) => {
                        lock(&self.epochs).insert(code.to_owned(), epoch);
                        self.hub.adopt(room);
                        Ok(Owner::Here)
                    }
                    Err(why) => {
                        eprintln!("fresque-server: room {code} skipped: {why}");
                        Ok(Owner::NoSuchRoom)
                    }
                }
            }
            _ => Ok(Owner::NoSuchRoom),
        }
    }

    /// A message on this server's channel.
    fn receive(self: &Arc<Self>, wire: Wire) {
        match wire {
            Wire::Msg {
                from,
                conn,
                ip,
                text,
            } => {
                let about: Option<String> = match serde_json::from_str::<ClientMsg>(&text) {
                    Ok(
                        ClientMsg::Host { room, .. }
                        | ClientMsg::Join { room, .. }
                        | ClientMsg::Peek { room },
                    ) => normalize_room_code(&room),
                    _ => None,
                };
                let mut remotes = lock(&self.remotes);
                let remote = remotes.entry((from.clone(), conn)).or_insert_with(|| {
                    let (tx, rx) = mpsc::channel(self.hub.limits().send_queue);
                    tokio::spawn(forward(Arc::downgrade(self), from.clone(), conn, rx));
                    Remote {
                        conn: Connection::remote(self.hub.next_connection_id(), ip),
                        tx,
                    }
                });
                let room_gone = about
                    .as_deref()
                    .or(remote.conn.room())
                    .is_some_and(|c| !self.hub.has_room(c));
                if room_gone {
                    // Not this server's room (any more): the client reconnects and is routed.
                    let this = Arc::clone(self);
                    tokio::spawn(async move { this.send_to(&from, &Wire::Gone { conn }).await });
                    return;
                }
                let tx = remote.tx.clone();
                self.hub.handle_text(&mut remote.conn, &text, &tx);
            }
            Wire::Closed { from, conn } => {
                let remote = lock(&self.remotes).remove(&(from, conn));
                if let Some(mut r) = remote {
                    self.hub.leave(&mut r.conn);
                }
            }
            Wire::Frame { conn, frame } => {
                let tx = lock(&self.locals).get(&conn).map(|l| l.tx.clone());
                if let Some(tx) = tx
                    && tx.try_send(frame.into()).is_err()
                {
                    self.kick(conn);
                }
            }
            Wire::Gone { conn } => self.kick(conn),
        }
    }

    /// Another server is gone: the clients forwarded to it reconnect, and its clients in this
    /// server's rooms leave their seats (shown offline; they come back through a live server).
    fn forget_server(&self, server: &str) {
        let forwarded: Vec<u64> = lock(&self.locals)
            .iter()
            .filter(|(_, l)| l.remote.as_ref().is_some_and(|(s, _)| s == server))
            .map(|(id, _)| *id)
            .collect();
        for conn in forwarded {
            self.kick(conn);
        }
        let mut gone = Vec::new();
        lock(&self.remotes).retain(|(from, _), r| {
            if from == server {
                gone.push(std::mem::take(&mut r.conn));
                false
            } else {
                true
            }
        });
        for mut conn in gone {
            self.hub.leave(&mut conn);
        }
    }

    /// A room this server can no longer write: its clients reconnect where it is now.
    fn lose(self: &Arc<Self>, code: &str) {
        lock(&self.epochs).remove(code);
        let conns = self.hub.evict(code);
        let mut gone = Vec::new();
        {
            let mut remotes = lock(&self.remotes);
            remotes.retain(|(from, rconn), r| {
                if conns.contains(&r.conn.id) {
                    gone.push((from.clone(), *rconn));
                    false
                } else {
                    true
                }
            });
        }
        for conn in conns {
            self.kick(conn);
        }
        let this = Arc::clone(self);
        tokio::spawn(async move {
            for (from, conn) in gone {
                this.send_to(&from, &Wire::Gone { conn }).await;
            }
        });
    }
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster").field("id", &self.id).finish()
    }
}
