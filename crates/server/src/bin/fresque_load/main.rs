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
//! `--url` and `--pid` may be given several times (servers sharing rooms through Redis): the
//! players of each table are spread over the servers, and each server's figures are printed.
//! `--kill PID --kill-after S` kills a server with `kill -9` after S seconds; its players sit
//! again through the next server, and the time they took is printed.

mod player;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fresque_core::protocol::{ClientMsg, DealMode, PROTOCOL_VERSION, ServerMsg, deck_hash};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message;

struct Args {
    urls: Vec<String>,
    site: PathBuf,
    rooms: usize,
    tables: u8,
    players: usize,
    seconds: u64,
    every_ms: u64,
    pids: Vec<u32>,
    /// A server to `kill -9` after so many seconds (failover).
    kill: Option<(u32, u64)>,
}

fn parse() -> Result<Args, String> {
    let mut a = Args {
        urls: Vec::new(),
        site: PathBuf::from("dist"),
        rooms: 50,
        tables: 6,
        players: 4,
        seconds: 60,
        every_ms: 3000,
        pids: Vec::new(),
        kill: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let v = it.next().ok_or(format!("{arg} needs a value"))?;
        let n = || v.parse::<u64>().map_err(|e| format!("{arg}: {e}"));
        match arg.as_str() {
            "--url" => a.urls.push(v.clone()),
            "--site" => a.site = PathBuf::from(&v),
            "--rooms" => a.rooms = n()? as usize,
            "--tables" => a.tables = n()? as u8,
            "--players" => a.players = n()? as usize,
            "--seconds" => a.seconds = n()?.min(600),
            "--every-ms" => a.every_ms = n()?.max(100),
            "--pid" => a.pids.push(n()? as u32),
            "--kill" => a.kill = Some((n()? as u32, a.kill.map_or(10, |k| k.1))),
            "--kill-after" => a.kill = a.kill.map(|(p, _)| (p, n().unwrap_or(10))),
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    if a.urls.is_empty() {
        a.urls.push("ws://127.0.0.1:18090/ws".into());
    }
    if a.urls
        .iter()
        .any(|u| !(u.starts_with("ws://127.") || u.starts_with("ws://localhost")))
    {
        return Err("fresque-load only talks to servers on loopback".into());
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
    /// How long players whose server was killed took to sit again elsewhere.
    back_us: Mutex<Vec<u64>>,
    held: AtomicUsize,
    failed: AtomicUsize,
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
        back_us: Mutex::new(Vec::new()),
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
    for r in 0..args.rooms {
        let url = &args.urls[r % args.urls.len()];
        let Some(mut ws) = connect(url).await else {
            eprintln!("fresque-load: cannot connect to {url}");
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
    let urls = Arc::new(args.urls.clone());
    let cpu_start: Vec<Option<u64>> = args
        .pids
        .iter()
        .map(|p| proc_stats(*p).map(|(_, t)| t))
        .collect();
    let until = Instant::now() + Duration::from_secs(args.seconds);
    let every = Duration::from_millis(args.every_ms);
    let mut tasks = Vec::new();
    for (r, room) in rooms.iter().enumerate() {
        for table in 1..=args.tables {
            for seat in 0..args.players {
                let card = first_lot[seat % first_lot.len()].clone();
                // The players of a table on different servers, when there are several.
                let first = (r + usize::from(table) + seat) % args.urls.len();
                tasks.push(tokio::spawn(player::player(
                    Arc::clone(&urls),
                    first,
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
    let mut peak_rss = vec![0; args.pids.len()];
    let kill_at = args
        .kill
        .map(|(_, after)| started + Duration::from_secs(after));
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if let (Some((pid, _)), Some(at)) = (args.kill, kill_at)
            && Instant::now() >= at
            && proc_stats(pid).is_some()
        {
            // kill -9: the server has no chance to say goodbye.
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            println!(
                "killed server {pid} at {} s",
                at.duration_since(started).as_secs()
            );
        }
        for (peak, pid) in peak_rss.iter_mut().zip(&args.pids) {
            if let Some((rss, _)) = proc_stats(*pid) {
                *peak = (*peak).max(rss);
            }
        }
    }
    let held = stats.held.load(Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = Duration::from_secs(args.seconds);
    let cpu: Vec<Option<f64>> = args
        .pids
        .iter()
        .zip(&cpu_start)
        .map(|(pid, start)| match (start, proc_stats(*pid)) {
            // Clock ticks are 1/100 s on Linux.
            (Some(a), Some((_, b))) => Some((b - a) as f64 / 100.0 / elapsed.as_secs_f64() * 100.0),
            _ => None,
        })
        .collect();
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
    if args.kill.is_some() {
        let mut back = stats.back_us.lock().map(|b| b.clone()).unwrap_or_default();
        back.sort_unstable();
        println!(
            "back after the kill    {} players, p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
            back.len(),
            percentile(&back, 0.5),
            percentile(&back, 0.99),
            back.last().map_or(0.0, |m| *m as f64 / 1000.0)
        );
    }
    for ((pid, rss), cpu) in args.pids.iter().zip(&peak_rss).zip(&cpu) {
        println!(
            "server peak RSS       {:.1} MiB (pid {pid})",
            *rss as f64 / 1024.0
        );
        if let Some(cpu) = cpu {
            println!(
                "server CPU            {cpu:.1} % of one core (pid {pid}, average over the run)"
            );
        }
    }
}
