//! What the server's integration tests share: the checkout's paths, a WebSocket client of the
//! protocol with bounded waits, and a facilitator's and players' first steps.

#![allow(dead_code, reason = "each test file uses its own part")]

use std::io::{BufRead, BufReader, Read, Write as _};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fresque_core::protocol::{
    ClientMsg, DealMode, PROTOCOL_VERSION, RoomInfo, ServerMsg, TableState, deck_hash,
};
use fresque_core::rules::{Action, Game};
use fresque_core::shared::SharedGame;
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

pub const WAIT: Duration = Duration::from_secs(10);

pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A site folder with an index page, and the shipped decks.
pub fn site() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fresque-site-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>test</title>").unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    dir
}

pub fn loi_hash() -> String {
    deck_hash(&std::fs::read(root().join("assets/decks/loi.fr.ron")).unwrap())
}

pub struct Client {
    pub ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Client {
    pub async fn connect(addr: SocketAddr) -> Self {
        let (ws, _) = connect_async(format!("ws://{addr}/ws")).await.unwrap();
        let mut c = Self { ws };
        c.send(&ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
        })
        .await;
        assert!(matches!(c.recv().await, ServerMsg::Welcome { .. }));
        c
    }

    /// A connection to `url` (`ws://…/ws`) as a browser page of `origin` opens it (the
    /// handshake's `Origin` header); the error is the handshake's (e.g. 403).
    pub async fn connect_as_page(
        url: &str,
        origin: &str,
    ) -> Result<Self, tokio_tungstenite::tungstenite::Error> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut request = url.into_client_request()?;
        request
            .headers_mut()
            .insert("Origin", origin.parse().expect("an origin"));
        let (ws, _) = connect_async(request).await?;
        let mut c = Self { ws };
        c.send(&ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
        })
        .await;
        assert!(matches!(c.recv().await, ServerMsg::Welcome { .. }));
        Ok(c)
    }

    pub async fn send(&mut self, msg: &ClientMsg) {
        self.send_text(&serde_json::to_string(msg).unwrap()).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        self.ws.send(Message::Text(text.into())).await.unwrap();
    }

    /// The next message (fails the test after a bounded wait).
    pub async fn recv(&mut self) -> ServerMsg {
        loop {
            let next = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("a message within the wait")
                .expect("the connection is open")
                .expect("a frame");
            if let Message::Text(text) = next {
                return serde_json::from_str(text.as_str()).unwrap();
            }
        }
    }

    /// The next message, or `None` once the server closed the connection (no time limit:
    /// wrap it in one).
    pub async fn next_msg(&mut self) -> Option<ServerMsg> {
        loop {
            match self.ws.next().await {
                Some(Ok(Message::Text(text))) => return serde_json::from_str(text.as_str()).ok(),
                Some(Ok(Message::Close(_)) | Err(_)) | None => return None,
                Some(Ok(_)) => {}
            }
        }
    }

    /// Skips messages until one matches.
    pub async fn until(&mut self, what: &str, pred: impl Fn(&ServerMsg) -> bool) -> ServerMsg {
        for _ in 0..200 {
            let m = self.recv().await;
            if pred(&m) {
                return m;
            }
        }
        panic!("no {what} among 200 messages");
    }

    /// Whether no move nor refusal arrives for a short while (other news may).
    pub async fn no_move(&mut self) -> bool {
        let deadline = tokio::time::Instant::now() + Duration::from_millis(400);
        loop {
            match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return true,
                Ok(Some(Ok(Message::Text(t)))) => {
                    let m: ServerMsg = serde_json::from_str(t.as_str()).unwrap();
                    if matches!(m, ServerMsg::Applied { .. } | ServerMsg::Refused { .. }) {
                        return false;
                    }
                }
                Ok(_) => return true,
            }
        }
    }
}

/// A facilitator's room of the law deck; returns (facilitator, room code, secret, tables).
pub async fn create_room(
    addr: SocketAddr,
    tables: u8,
) -> (Client, String, String, Vec<TableState>) {
    let mut host = Client::connect(addr).await;
    host.send(&ClientMsg::CreateRoom {
        deck: "loi.fr.ron".into(),
        hash: loi_hash(),
        tables,
        deal: DealMode::Players,
    })
    .await;
    let ServerMsg::Created { room, secret } = host.recv().await else {
        panic!("created")
    };
    let ServerMsg::Hosting { info, tables } = host.recv().await else {
        panic!("hosting")
    };
    assert_eq!(info.room, room);
    (host, room, secret, tables)
}

/// A player seated at `table`; returns the client, its number, token and table state.
/// What a player gets on sitting at a table.
pub struct Seat {
    pub client: Client,
    pub player: u32,
    pub token: String,
    pub state: TableState,
    pub last_id: u64,
}

/// Sends `Join` on `c`, as a new player called `name` or as the one `token` names, and waits
/// for `Seated`.
pub async fn sit(
    mut c: Client,
    room: &str,
    table: u8,
    name: Option<&str>,
    token: Option<&str>,
) -> Seat {
    c.send(&ClientMsg::Join {
        room: room.into(),
        table,
        name: name.map(Into::into),
        player: token.map(Into::into),
    })
    .await;
    match c
        .until("seated", |m| matches!(m, ServerMsg::Seated { .. }))
        .await
    {
        ServerMsg::Seated {
            player,
            token,
            state,
            last_id,
            ..
        } => Seat {
            client: c,
            player,
            token,
            state,
            last_id,
        },
        _ => unreachable!(),
    }
}

/// A new player called `name` at `table`: its connection, number, token and table.
pub async fn join(
    addr: SocketAddr,
    room: &str,
    table: u8,
    name: &str,
) -> (Client, u32, String, TableState) {
    let seat = sit(Client::connect(addr).await, room, table, Some(name), None).await;
    (seat.client, seat.player, seat.token, seat.state)
}

pub fn loi_deck() -> Arc<fresque_core::rules::Deck> {
    let bytes = std::fs::read(root().join("assets/decks/loi.fr.ron")).unwrap();
    Arc::new(
        fresque_core::content::load_deck("loi.fr.ron", &bytes)
            .deck
            .unwrap(),
    )
}

/// The game a table's state gives.
pub fn replay(state: &TableState) -> Game {
    SharedGame::from_state(loi_deck(), state, None, 0)
        .unwrap()
        .view()
        .clone()
}

/// Reads `applied` messages of `table` into `shared` until its log reaches `seq`.
pub async fn follow(c: &mut Client, shared: &mut SharedGame, table: u8, seq: u64) {
    while shared.seq() < seq {
        if let ServerMsg::Applied { table: t, entry } = c.recv().await
            && t == table
        {
            shared.confirm(&entry).unwrap();
        }
    }
}

pub fn same(a: &Game, b: &Game) {
    assert_eq!(a.board(), b.board());
    assert_eq!(a.phase(), b.phase());
    assert_eq!(a.round_index(), b.round_index());
}

pub fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fresque-durable-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A site folder whose `assets` are the checkout's (the server reads the decks from there).
pub fn site_with_decks(name: &str) -> PathBuf {
    let dir = temp(&format!("site-{name}"));
    std::fs::write(dir.join("index.html"), "<!doctype html><title>test</title>").unwrap();
    std::os::unix::fs::symlink(root().join("assets"), dir.join("assets")).unwrap();
    dir
}

/// A `fresque-server` process; killed with SIGKILL when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// A server keeping its rooms in the folder `data`.
    pub fn start(site: &Path, data: &Path) -> Self {
        Self::start_with(site, &["--data", &data.display().to_string()])
    }

    /// A server started with `args` (besides its site and an ephemeral port).
    pub fn start_with(site: &Path, args: &[&str]) -> Self {
        let mut child = Process::new(env!("CARGO_BIN_EXE_fresque-server"))
            .args(["--site", &site.display().to_string()])
            .args(args)
            .args(["--port", "0", "--joins-per-minute", "100000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        // "Serving <site> on http://127.0.0.1:PORT/" (a thread, so the wait is bounded).
        let out = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(url) = line.split(" on http://").nth(1) {
                    let _ = tx.send(url.trim_end_matches('/').to_owned());
                }
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("the server starts; stderr: {}", stderr.lock().unwrap()))
            .parse()
            .unwrap();
        // The lines the server wrote before listening (rooms brought back, skipped) are read
        // by another thread: wait for its line about where workshops are kept.
        for _ in 0..200 {
            if stderr.lock().unwrap().contains("fresque-server: workshops") {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Self {
            child,
            addr,
            stderr,
        }
    }

    /// `kill -9`: no chance to write anything more.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Whether the server's log says `needle` within two seconds (another thread reads it).
    pub fn logs(&self, needle: &str) -> bool {
        for _ in 0..200 {
            if self.stderr().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("--- the server's log:\n{}", self.stderr());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The facilitator's whole view of a room: its settings and every table.
pub async fn host_view(
    addr: SocketAddr,
    room: &str,
    secret: &str,
) -> (Client, RoomInfo, Vec<TableState>) {
    let mut host = Client::connect(addr).await;
    host.send(&ClientMsg::Host {
        room: room.into(),
        secret: secret.into(),
    })
    .await;
    match host.recv().await {
        ServerMsg::Hosting { info, tables } => (host, info, tables),
        other => panic!("hosting, not {other:?}"),
    }
}

/// Tables as they are after a restart, before anyone is back: nobody online.
pub fn offline(mut tables: Vec<TableState>) -> Vec<TableState> {
    for t in &mut tables {
        for s in &mut t.seats {
            s.online = false;
        }
    }
    tables
}

/// Sends `action` as the player's next move and waits for its `applied`.
/// Applies what the server sends until `game` has `seq` moves and none of its own pending;
/// returns the ids of its moves the server refused.
pub async fn catch_up(c: &mut Client, game: &mut SharedGame, seq: u64) -> Vec<u64> {
    let mut refused = Vec::new();
    while game.seq() < seq || game.pending_count() > 0 {
        match c.recv().await {
            ServerMsg::Applied { entry, .. } => {
                game.confirm(&entry).unwrap();
            }
            ServerMsg::Refused { id, .. } => {
                game.refuse(id);
                refused.push(id);
            }
            _ => {}
        }
    }
    refused
}

/// Plays `action` and waits until the server has applied it (a refusal fails the test).
pub async fn play(c: &mut Client, game: &mut SharedGame, action: Action) {
    let (_, msg) = game.propose(action).unwrap();
    c.send(&msg).await;
    let target = game.seq() + 1;
    let refused = catch_up(c, game, target).await;
    assert!(refused.is_empty(), "refused: {refused:?}");
}

/// The player `token` names, sitting again at table 1: its connection, number, table and the
/// id of its last applied move.
pub async fn seat_again(
    addr: SocketAddr,
    room: &str,
    token: &str,
) -> (Client, u32, TableState, u64) {
    let seat = sit(Client::connect(addr).await, room, 1, None, Some(token)).await;
    (seat.client, seat.player, seat.state, seat.last_id)
}

/// A `redis-server` of the test's own; killed when dropped.
pub struct Redis {
    child: Child,
    port: u16,
    dir: PathBuf,
}

pub fn redis_binary() -> String {
    for dir in ["/usr/bin", "/usr/local/bin", "/usr/sbin"] {
        let path = format!("{dir}/redis-server");
        if Path::new(&path).exists() {
            return path;
        }
    }
    panic!(
        "redis-server is needed for these tests: `bash scripts/setup.sh` installs it (Debian's redis-server)"
    );
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Redis {
    pub fn start(dir: &Path, port: u16) -> Self {
        let child = Process::new(redis_binary())
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--dir", &dir.display().to_string()])
            .args([
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
            ])
            .args(["--daemonize", "no", "--protected-mode", "yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let redis = Self {
            child,
            port,
            dir: dir.to_owned(),
        };
        for _ in 0..100 {
            if redis.ping() {
                return redis;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("redis-server does not answer on port {port}");
    }

    pub fn ping(&self) -> bool {
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
        let mut buf = [0u8; 64];
        s.write_all(b"PING\r\n").is_ok()
            && s.read(&mut buf)
                .is_ok_and(|n| buf[..n].starts_with(b"+PONG"))
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// `kill -9`, then the same server started again on its folder and port.
    pub fn crash_and_restart(mut self) -> Self {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        Self::start(&self.dir.clone(), self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
