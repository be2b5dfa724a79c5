//! What the server's integration tests share: the checkout's paths, a WebSocket client of the
//! protocol with bounded waits, and a facilitator's and players' first steps.

#![allow(dead_code, reason = "each test file uses its own part")]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use fresque_core::protocol::{
    ClientMsg, DealMode, PROTOCOL_VERSION, ServerMsg, TableState, deck_hash,
};
use fresque_core::rules::Game;
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
pub async fn join(
    addr: SocketAddr,
    room: &str,
    table: u8,
    name: &str,
) -> (Client, u32, String, TableState) {
    let mut c = Client::connect(addr).await;
    c.send(&ClientMsg::Join {
        room: room.into(),
        table,
        name: Some(name.into()),
        player: None,
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
            ..
        } => (c, player, token, state),
        _ => unreachable!(),
    }
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
