//! A cluster server's background work: its channel, its heartbeat (leases, `alive`, dead
//! owners), the writer of its rooms to Redis, and forwarding to gateways.

use std::collections::VecDeque;
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
        // The other servers this one deals with: owners it forwards to, gateways it serves.
        let mut servers: Vec<String> = lock(&c.locals)
            .values()
            .filter_map(|l| l.remote.as_ref().map(|(s, _)| s.clone()))
            .chain(lock(&c.remotes).keys().map(|(s, _)| s.clone()))
            .collect();
        servers.sort();
        servers.dedup();
        for server in servers {
            let exists: redis::RedisResult<bool> = redis.exists(alive_key(&server)).await;
            if exists == Ok(false) {
                eprintln!("fresque-server: server {server} is gone");
                c.forget_server(&server);
            }
        }
    }
}

/// Stores the rooms' writes in Redis, in order, each job's acknowledgement after it. Whatever
/// queued up while the previous batch was in Redis goes in one pipeline (one round trip, and
/// with `appendfsync always` one `fsync` for all of it).
pub(super) async fn writer(
    cluster: Weak<Cluster>,
    mut jobs: mpsc::UnboundedReceiver<Job>,
    keep: Duration,
) {
    while let Some(first) = jobs.recv().await {
        let mut batch = VecDeque::from([first]);
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push_back(job),
                Err(_) => break,
            }
        }
        let Some(c) = cluster.upgrade() else { return };
        let mut pause = Duration::from_millis(50);
        let mut lost: Vec<String> = Vec::new();
        while !batch.is_empty() {
            let writes: Vec<&[Write]> = batch.iter().map(|j| j.writes.as_slice()).collect();
            let outcomes = match store_all(&c, &writes, &lost, keep).await {
                Ok(o) => o,
                Err(e) => {
                    eprintln!(
                        "fresque-server: cannot store in Redis ({e}); moves wait, trying again in {} ms",
                        pause.as_millis()
                    );
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(2));
                    continue;
                }
            };
            for outcome in outcomes {
                let Some(job) = batch.pop_front() else { break };
                match outcome {
                    Outcome::Stored => (job.then)(),
                    Outcome::NotOurs(code, why) => {
                        // Another server runs this room: nothing of it is acknowledged here.
                        if !lost.contains(&code) {
                            eprintln!("fresque-server: room {code}: {why}");
                            c.lose(&code);
                            lost.push(code);
                        }
                    }
                    Outcome::Retry(e) => {
                        batch.push_front(job);
                        eprintln!(
                            "fresque-server: Redis refused a write ({e}); trying again in {} ms",
                            pause.as_millis()
                        );
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(Duration::from_secs(2));
                        break;
                    }
                }
            }
        }
    }
}

/// What became of one job.
enum Outcome {
    Stored,
    /// The room (code) is not this server's to write: another owner, or a code taken.
    NotOurs(String, String),
    /// Redis answered with an error worth trying again (loading, out of memory…).
    Retry(redis::RedisError),
}

/// One script call per job and room, in one pipeline; an outcome per job, in order, up to the
/// first one to try again. `Err`: the pipeline itself failed (Redis away).
async fn store_all(
    c: &Cluster,
    batch: &[&[Write]],
    lost: &[String],
    keep: Duration,
) -> redis::RedisResult<Vec<Outcome>> {
    let mut pipe = redis::pipe();
    pipe.ignore_errors();
    // For each job, its calls: (room, whether it creates the room); or why it was not sent.
    let mut plans: Vec<Result<Vec<(String, bool)>, (String, String)>> = Vec::new();
    let mut created: Vec<String> = Vec::new();
    for job in batch {
        let mut calls = Vec::new();
        let mut refused = None;
        let mut codes: Vec<&str> = job.iter().map(Write::code).collect();
        codes.dedup();
        for code in codes {
            let writes = job.iter().filter(|w| w.code() == code);
            let create = job
                .iter()
                .any(|w| w.code() == code && matches!(w, Write::Create { .. }));
            // A room created earlier in this batch has no epoch yet: its writes go as its
            // creator's (the script checks the owner).
            let epoch = if create || created.iter().any(|c| c == code) {
                Some("new".to_owned())
            } else {
                lock(&c.epochs).get(code).cloned()
            };
            let Some(epoch) = epoch.filter(|_| !lost.iter().any(|l| l == code)) else {
                refused = Some((code.to_owned(), "this server does not hold it".to_owned()));
                break;
            };
            if create {
                created.push(code.to_owned());
            }
            pipe.add_command(write_call(c, code, &epoch, writes, keep));
            calls.push((code.to_owned(), epoch == "new"));
        }
        plans.push(match refused {
            Some(r) => Err(r),
            None => Ok(calls),
        });
    }
    let mut results: std::vec::IntoIter<redis::RedisResult<i64>> = if pipe.is_empty() {
        Vec::new().into_iter()
    } else {
        let mut redis = c.redis.clone();
        let r: Vec<redis::RedisResult<i64>> = pipe.query_async(&mut redis).await?;
        r.into_iter()
    };
    let mut outcomes = Vec::new();
    for plan in plans {
        let calls = match plan {
            Ok(calls) => calls,
            Err((code, why)) => {
                outcomes.push(Outcome::NotOurs(code, why));
                continue;
            }
        };
        let mut outcome = Outcome::Stored;
        for (code, new) in calls {
            match results.next() {
                Some(Ok(epoch)) if new => {
                    lock(&c.epochs).insert(code, epoch.to_string());
                }
                Some(Ok(_)) | None => {}
                Some(Err(e)) if matches!(e.code(), Some("FENCED" | "TAKEN")) => {
                    let why = if e.code() == Some("FENCED") {
                        "another server runs it now"
                    } else {
                        "its code is taken by another server's room"
                    };
                    outcome = Outcome::NotOurs(code, why.to_owned());
                }
                Some(Err(e)) => {
                    outcome = Outcome::Retry(e);
                }
            }
        }
        let retry = matches!(outcome, Outcome::Retry(_));
        outcomes.push(outcome);
        if retry {
            break;
        }
    }
    Ok(outcomes)
}

/// The script call storing `writes` of room `code`.
fn write_call<'a>(
    c: &Cluster,
    code: &str,
    epoch: &str,
    writes: impl Iterator<Item = &'a Write>,
    keep: Duration,
) -> redis::Cmd {
    let mut call = redis::cmd("EVAL");
    call.arg(WRITE)
        .arg(4)
        .arg(key(code, "owner"))
        .arg(key(code, "epoch"))
        .arg(key(code, "room"))
        .arg(key(code, "moves"))
        .arg(&c.id)
        .arg(epoch)
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
    call
}
