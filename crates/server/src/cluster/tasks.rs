//! A cluster server's background work: its channel, its heartbeat (leases, `alive`, dead
//! owners), the writer of its rooms to Redis, and forwarding to gateways.

use std::sync::Weak;
use std::time::Duration;

use redis::AsyncCommands;
use tokio::sync::mpsc;

use super::keys::{BEAT, RENEW, WRITE, alive_key, channel, key};
use super::{ALIVE, Cluster, LEASE, Wire, lock};
use crate::hub::Frame;
use crate::store::{Job, MAX_BATCH, Write};

/// Runs a Redis call again (three times in all, over about half a second) when the connection
/// was lost: the first call after Redis restarts finds a broken connection, which the
/// connection manager replaces meanwhile.
pub(super) async fn retrying<T, F, Fut>(mut call: F) -> redis::RedisResult<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = redis::RedisResult<T>>,
{
    let mut pause = Duration::from_millis(100);
    for _ in 0..2 {
        match call().await {
            Err(e)
                if e.is_io_error()
                    || e.is_connection_dropped()
                    || e.is_connection_refusal()
                    || e.is_timeout() =>
            {
                tokio::time::sleep(pause).await;
                pause *= 3;
            }
            other => return other,
        }
    }
    call().await
}

/// Sends a remote client's messages to its gateway, in order.
pub(super) async fn forward(
    cluster: Weak<Cluster>,
    to: String,
    conn: u64,
    mut rx: mpsc::Receiver<Frame>,
) {
    while let Some(frame) = rx.recv().await {
        let Some(c) = cluster.upgrade() else { return };
        let wire = Wire::Frame {
            conn,
            frame: frame.to_string(),
        };
        if !c.send_to(&to, &wire).await {
            // Redis is away: the gateway's client reconnects and gets the whole table.
            lock(&c.remotes).remove(&(to.clone(), conn));
            return;
        }
    }
}

/// Listens to this server's channel, subscribing again after Redis comes back.
pub(super) async fn listen(cluster: Weak<Cluster>, client: redis::Client) {
    use futures_util::StreamExt;
    let mut first = true;
    loop {
        let Some(name) = cluster.upgrade().map(|c| channel(&c.id)) else {
            return;
        };
        let subscribed = async {
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(&name).await?;
            redis::RedisResult::Ok(pubsub)
        };
        match tokio::time::timeout(Duration::from_secs(3), subscribed).await {
            Ok(Ok(mut pubsub)) => {
                if !first && let Some(c) = cluster.upgrade() {
                    // Messages for this server's forwarded clients may have been lost while it
                    // was not listening: they reconnect and get their whole table.
                    let forwarded: Vec<u64> = lock(&c.locals)
                        .iter()
                        .filter(|(_, l)| l.remote.is_some())
                        .map(|(id, _)| *id)
                        .collect();
                    for conn in forwarded {
                        c.kick(conn);
                    }
                }
                if !first {
                    eprintln!("fresque-server: listening to Redis again");
                }
                first = false;
                let mut messages = pubsub.on_message();
                while let Some(msg) = messages.next().await {
                    let Some(c) = cluster.upgrade() else { return };
                    let Ok(text) = msg.get_payload::<String>() else {
                        continue;
                    };
                    match serde_json::from_str::<Wire>(&text) {
                        Ok(wire) => c.receive(wire),
                        Err(e) => eprintln!("fresque-server: a message from another server: {e}"),
                    }
                }
                eprintln!("fresque-server: lost Redis (channel); subscribing again");
            }
            Ok(Err(e)) => eprintln!("fresque-server: Redis (channel): {e}"),
            Err(_) => eprintln!("fresque-server: Redis (channel): no answer"),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Every [`BEAT`]: says this server is alive, keeps its leases (rooms whose lease is lost are
/// let go), and disconnects clients forwarded to a server that is not alive any more.
pub(super) async fn heartbeat(cluster: Weak<Cluster>) {
    let mut tick = tokio::time::interval(BEAT);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let Some(c) = cluster.upgrade() else { return };
        let mut redis = c.redis.clone();
        let alive: redis::RedisResult<()> = redis
            .pset_ex(alive_key(&c.id), 1, ALIVE.as_millis() as u64)
            .await;
        if alive.is_err() {
            continue; // Redis is away: nothing can be checked; writes wait.
        }
        for code in c.hub.room_codes() {
            let Some(epoch) = lock(&c.epochs).get(&code).cloned() else {
                continue; // being created: its first write sets the epoch
            };
            let kept: redis::RedisResult<i64> = redis::Script::new(RENEW)
                .key(key(&code, "owner"))
                .key(key(&code, "epoch"))
                .arg(&c.id)
                .arg(&epoch)
                .arg(LEASE.as_millis() as u64)
                .invoke_async(&mut redis)
                .await;
            if kept == Ok(0) {
                eprintln!("fresque-server: room {code} is run by another server now");
                c.lose(&code);
            }
        }
        let servers: Vec<String> = {
            let locals = lock(&c.locals);
            let mut s: Vec<String> = locals
                .values()
                .filter_map(|l| l.remote.as_ref().map(|(s, _)| s.clone()))
                .collect();
            s.sort();
            s.dedup();
            s
        };
        for server in servers {
            let exists: redis::RedisResult<bool> = redis.exists(alive_key(&server)).await;
            if exists == Ok(false) {
                eprintln!("fresque-server: server {server} is gone; its clients here reconnect");
                let conns: Vec<u64> = lock(&c.locals)
                    .iter()
                    .filter(|(_, l)| l.remote.as_ref().is_some_and(|(s, _)| *s == server))
                    .map(|(id, _)| *id)
                    .collect();
                for conn in conns {
                    c.kick(conn);
                }
            }
        }
    }
}

/// Stores the rooms' writes in Redis, in order, each batch's acknowledgements after it.
pub(super) async fn writer(
    cluster: Weak<Cluster>,
    mut jobs: mpsc::UnboundedReceiver<Job>,
    keep: Duration,
) {
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let Some(c) = cluster.upgrade() else { return };
        for job in batch {
            let Some(code) = job.writes.first().map(|w| w.code().to_owned()) else {
                (job.then)();
                continue;
            };
            let mut pause = Duration::from_millis(50);
            loop {
                match store(&c, &code, &job.writes, keep).await {
                    Ok(()) => {
                        (job.then)();
                        break;
                    }
                    Err(Failed::NotOurs(why)) => {
                        // Another server runs this room: nothing of it is acknowledged here.
                        eprintln!("fresque-server: room {code}: {why}");
                        c.lose(&code);
                        break;
                    }
                    Err(Failed::Redis(e)) => {
                        eprintln!(
                            "fresque-server: cannot store in Redis ({e}); moves wait, trying again in {} ms",
                            pause.as_millis()
                        );
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(Duration::from_secs(2));
                    }
                }
            }
        }
    }
}

/// Why a job was not stored.
enum Failed {
    /// The room is not this server's to write (another owner, or a code already taken).
    NotOurs(String),
    /// Redis did not answer as it should: try again.
    Redis(redis::RedisError),
}

impl From<redis::RedisError> for Failed {
    fn from(e: redis::RedisError) -> Self {
        match e.code() {
            Some("FENCED") => Self::NotOurs("another server runs it now".into()),
            Some("TAKEN") => Self::NotOurs("its code is taken by another server's room".into()),
            _ => Self::Redis(e),
        }
    }
}

/// One job's writes (all of one room) in one script.
async fn store(c: &Cluster, code: &str, writes: &[Write], keep: Duration) -> Result<(), Failed> {
    let create = writes.iter().any(|w| matches!(w, Write::Create { .. }));
    let epoch = if create {
        "new".to_owned()
    } else {
        let epoch = lock(&c.epochs).get(code).cloned();
        epoch.ok_or_else(|| Failed::NotOurs("this server does not hold it".into()))?
    };
    let script = redis::Script::new(WRITE);
    let mut call = script.prepare_invoke();
    call.key(key(code, "owner"))
        .key(key(code, "epoch"))
        .key(key(code, "room"))
        .key(key(code, "moves"))
        .arg(&c.id)
        .arg(&epoch)
        .arg(keep.as_millis() as u64)
        .arg(LEASE.as_millis() as u64);
    for w in writes {
        match w {
            Write::Room { record, .. } | Write::Create { record, .. } => {
                call.arg("room").arg(record.as_slice());
            }
            Write::Move {
                table, seq, record, ..
            } => {
                call.arg("move")
                    .arg(format!("{table}:{seq}"))
                    .arg(record.as_slice());
            }
            Write::Delete { .. } => {
                call.arg("delete");
            }
        }
    }
    let mut redis = c.redis.clone();
    let e: i64 = call.invoke_async(&mut redis).await?;
    if create {
        lock(&c.epochs).insert(code.to_owned(), e.to_string());
    }
    Ok(())
}
