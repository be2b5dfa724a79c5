//! `fresque-load`: a load generator for the workshop server (loopback only, bounded in time).
//!
//! ```text
//! fresque-load --url ws://127.0.0.1:18090/ws --site DIR [--rooms 50] [--tables 6]
//!              [--players 4] [--seconds 60] [--every-ms 3000] [--pid PID]
//! ```
//! Creates `rooms` rooms of the law deck with `tables` tables and `players` players at each,
//! then every player moves one of its cards every `every-ms` (± 50 %) for `seconds`. Prints
//! the clients held, the moves per second, the latency from a move sent to each copy of it
//! received by the table (p50, p99, max), and, with `--pid`, the server's memory (RSS) and CPU.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fresque_core::protocol::{ClientMsg, DealMode, PROTOCOL_VERSION, ServerMsg, deck_hash};
use fresque_core::rules::{Action, CardId, Pos};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message;

struct Args {
    url: String,
    site: PathBuf,
    rooms: usize,
    tables: u8,
    players: usize,
    seconds: u64,
    every_ms: u64,
    pid: Option<u32>,
}

fn parse() -> Result<Args, String> {
    let mut a = Args {
        url: "ws://127.0.0.1:18090/ws".into(),
        site: PathBuf::from("dist"),
        rooms: 50,
        tables: 6,
        players: 4,
        seconds: 60,
        every_ms: 3000,
        pid: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let v = it.next().ok_or(format!("{arg} needs a value"))?;
        let n = || v.parse::<u64>().map_err(|e| format!("{arg}: {e}"));
        match arg.as_str() {
            "--url" => a.url = v.clone(),
            "--site" => a.site = PathBuf::from(&v),
            "--rooms" => a.rooms = n()? as usize,
            "--tables" => a.tables = n()? as u8,
            "--players" => a.players = n()? as usize,
            "--seconds" => a.seconds = n()?.min(600),
            "--every-ms" => a.every_ms = n()?.max(100),
            "--pid" => a.pid = Some(n()? as u32),
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    if !(a.url.starts_with("ws://127.") || a.url.starts_with("ws://localhost")) {
        return Err("fresque-load only talks to a server on loopback".into());
    }
    Ok(a)
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn send(ws: &mut Ws, msg: &ClientMsg) -> bool {
    let text = serde_json::to_string(msg).unwrap_or_default();
    ws.send(Message::Text(text.into())).await.is_ok()
}

async fn recv(ws: &mut Ws) -> Option<ServerMsg> {
    loop {
        match tokio::time::timeout(Duration::from_secs(30), ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => return serde_json::from_str(t.as_str()).ok(),
            Ok(Some(Ok(_))) => {}
            _ => return None,
        }
    }
}

async fn connect(url: &str) -> Option<Ws> {
    let (mut ws, _) = connect_async(url).await.ok()?;
    send(
        &mut ws,
        &ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
        },
    )
    .await;
    matches!(recv(&mut ws).await?, ServerMsg::Welcome { .. }).then_some(ws)
}

/// When each move was sent: (room, table, player, move id) → instant.
type Sent = Arc<Mutex<HashMap<(usize, u8, u32, u64), Instant>>>;

struct Stats {
    latencies_us: Mutex<Vec<u64>>,
    moves: AtomicUsize,
    refused: AtomicUsize,
    held: AtomicUsize,
    failed: AtomicUsize,
}

/// One player: sits, places its card, then moves it until the end; records the latency of
/// every move of its table it receives.
#[allow(clippy::too_many_arguments, reason = "one player's whole setup")]
async fn player(
    url: String,
    room: String,
    room_no: usize,
    table: u8,
    seat: usize,
    card: CardId,
    every: Duration,
    until: Instant,
    sent: Sent,
    stats: Arc<Stats>,
) {
    let Some(mut ws) = connect(&url).await else {
        stats.failed.fetch_add(1, Ordering::Relaxed);
        return;
    };
    send(
        &mut ws,
        &ClientMsg::Join {
            room,
            table,
            name: Some(format!("P{seat}")),
            player: None,
        },
    )
    .await;
    let me = loop {
        match recv(&mut ws).await {
            Some(ServerMsg::Seated { player, .. }) => break player,
            Some(ServerMsg::Error { message, .. }) => {
                eprintln!("fresque-load: join refused: {message}");
                stats.failed.fetch_add(1, Ordering::Relaxed);
                return;
            }
            Some(_) => {}
            None => {
                stats.failed.fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
    };
    stats.held.fetch_add(1, Ordering::Relaxed);
    let (mut sink, mut stream) = ws.split();
    let seq = Arc::new(AtomicU64::new(0));
    // Reader: every move of the table, with its latency from when its author sent it.
    let reader = {
        let sent = Arc::clone(&sent);
        let stats = Arc::clone(&stats);
        let seq = Arc::clone(&seq);
        tokio::spawn(async move {
            while let Some(Ok(msg)) = stream.next().await {
                let Message::Text(t) = msg else { continue };
                match serde_json::from_str::<ServerMsg>(t.as_str()) {
                    Ok(ServerMsg::Applied { table: t, entry }) => {
                        seq.fetch_max(entry.seq, Ordering::Relaxed);
                        if let (fresque_core::protocol::Actor::Player(p), Some(id)) =
                            (entry.actor, entry.id)
                        {
                            let at = sent
                                .lock()
                                .ok()
                                .and_then(|s| s.get(&(room_no, t, p, id)).copied());
                            if let Some(at) = at
                                && let Ok(mut l) = stats.latencies_us.lock()
                            {
                                l.push(at.elapsed().as_micros() as u64);
                            }
                        }
                    }
                    Ok(ServerMsg::Refused { .. }) => {
                        stats.refused.fetch_add(1, Ordering::Relaxed);
                    }
                    _ => {}
                }
            }
        })
    };
    // Writer: place the card, then move it now and then.
    let mut id = 0u64;
    let mut rng = (room_no as u64 * 7919 + u64::from(table) * 104_729 + seat as u64 * 13) | 1;
    let mut next_rand = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    // Spread the first moves over one period.
    tokio::time::sleep(Duration::from_millis(
        next_rand() % every.as_millis() as u64,
    ))
    .await;
    while Instant::now() < until {
        id += 1;
        let at = Pos::new(
            (next_rand() % 4000) as f32 - 2000.0,
            (next_rand() % 2000) as f32 - 1000.0,
        );
        let action = if id == 1 {
            Action::PlaceCard {
                card: card.clone(),
                at,
            }
        } else {
            Action::MoveCard {
                card: card.clone(),
                to: at,
            }
        };
        let msg = ClientMsg::Act {
            id,
            base: seq.load(Ordering::Relaxed),
            action,
        };
        if let Ok(mut s) = sent.lock() {
            s.insert((room_no, table, me, id), Instant::now());
        }
        let text = serde_json::to_string(&msg).unwrap_or_default();
        if sink.send(Message::Text(text.into())).await.is_err() {
            break;
        }
        stats.moves.fetch_add(1, Ordering::Relaxed);
        let jitter = next_rand() % every.as_millis() as u64;
        tokio::time::sleep(every / 2 + Duration::from_millis(jitter)).await;
    }
    // Let the last moves arrive, then close.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let _ = sink.close().await;
    reader.abort();
}

/// RSS (kB) and CPU ticks (user + system) of a process, from /proc.
fn proc_stats(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let rss = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some((rss, ticks))
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fresque-load: {e}");
            std::process::exit(2);
        }
    };
    let deck_path = args.site.join("assets/decks/loi.fr.ron");
    let Ok(bytes) = std::fs::read(&deck_path) else {
        eprintln!("fresque-load: cannot read {}", deck_path.display());
        std::process::exit(2);
    };
    let hash = deck_hash(&bytes);
    let deck = fresque_core::content::load_deck("loi.fr.ron", &bytes)
        .deck
        .expect("the shipped law deck is valid");
    let first_lot = deck.rounds[0].kind.lots()[0].cards.clone();
    let stats = Arc::new(Stats {
        latencies_us: Mutex::new(Vec::new()),
        moves: AtomicUsize::new(0),
        refused: AtomicUsize::new(0),
        held: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
    });
    let sent: Sent = Arc::new(Mutex::new(HashMap::new()));
    let started = Instant::now();
    // Rooms, each with a facilitator kept connected.
    let mut hosts = Vec::new();
    let mut rooms = Vec::new();
    for _ in 0..args.rooms {
        let Some(mut ws) = connect(&args.url).await else {
            eprintln!("fresque-load: cannot connect to {}", args.url);
            std::process::exit(1);
        };
        send(
            &mut ws,
            &ClientMsg::CreateRoom {
                deck: "loi.fr.ron".into(),
                hash: hash.clone(),
                tables: args.tables,
                deal: DealMode::Table,
            },
        )
        .await;
        let room = loop {
            match recv(&mut ws).await {
                Some(ServerMsg::Created { room, .. }) => break room,
                Some(ServerMsg::Error { message, .. }) => {
                    eprintln!("fresque-load: {message}");
                    std::process::exit(1);
                }
                Some(_) => {}
                None => std::process::exit(1),
            }
        };
        rooms.push(room);
        hosts.push(ws);
    }
    let cpu_start = args.pid.and_then(proc_stats).map(|(_, t)| t);
    let until = Instant::now() + Duration::from_secs(args.seconds);
    let every = Duration::from_millis(args.every_ms);
    let mut tasks = Vec::new();
    for (r, room) in rooms.iter().enumerate() {
        for table in 1..=args.tables {
            for seat in 0..args.players {
                let card = first_lot[seat % first_lot.len()].clone();
                tasks.push(tokio::spawn(player(
                    args.url.clone(),
                    room.clone(),
                    r,
                    table,
                    seat,
                    card,
                    every,
                    until,
                    Arc::clone(&sent),
                    Arc::clone(&stats),
                )));
            }
        }
    }
    let setup = started.elapsed();
    // Sample the server's memory while the load runs.
    let mut peak_rss = 0;
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if let Some((rss, _)) = args.pid.and_then(proc_stats) {
            peak_rss = peak_rss.max(rss);
        }
    }
    let held = stats.held.load(Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = Duration::from_secs(args.seconds);
    let cpu = match (cpu_start, args.pid.and_then(proc_stats)) {
        (Some(a), Some((_, b))) => {
            // Clock ticks are 1/100 s on Linux.
            Some((b - a) as f64 / 100.0 / elapsed.as_secs_f64() * 100.0)
        }
        _ => None,
    };
    drop(hosts);
    let mut l = stats
        .latencies_us
        .lock()
        .map(|l| l.clone())
        .unwrap_or_default();
    l.sort_unstable();
    let moves = stats.moves.load(Ordering::Relaxed);
    let clients = args.rooms * usize::from(args.tables) * args.players;
    println!(
        "clients wanted        {clients} (+{} facilitators)",
        args.rooms
    );
    println!(
        "clients held          {held} (failed {})",
        stats.failed.load(Ordering::Relaxed)
    );
    println!("setup                 {:.1} s", setup.as_secs_f64());
    println!(
        "moves sent            {moves} in {} s: {:.1} moves/s",
        args.seconds,
        moves as f64 / elapsed.as_secs_f64()
    );
    println!(
        "moves refused         {}",
        stats.refused.load(Ordering::Relaxed)
    );
    println!(
        "deliveries measured   {} ({:.1}/s)",
        l.len(),
        l.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "move → table latency  p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&l, 0.5),
        percentile(&l, 0.99),
        l.last().map_or(0.0, |m| *m as f64 / 1000.0)
    );
    if let Some(pid) = args.pid {
        println!(
            "server peak RSS       {:.1} MiB (pid {pid})",
            peak_rss as f64 / 1024.0
        );
    }
    if let Some(cpu) = cpu {
        println!("server CPU            {cpu:.1} % of one core (average over the run)");
    }
}
