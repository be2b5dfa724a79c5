//! The workshop server, for real: a server on an ephemeral loopback port and WebSocket clients
//! (tokio-tungstenite) playing a workshop, then every kind of bad input. Every wait is bounded.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use common::*;

use fresque_core::protocol::{
    ClientMsg, Command, DealMode, ErrorCode, Refusal, ServerMsg, TableState, Timer,
};
use fresque_core::rules::{Action, Phase, Pos};
use fresque_core::shared::SharedGame;
use fresque_server::{Config, DeckStore, Hub, Limits, start_with};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::{self, Message};

struct Server {
    addr: SocketAddr,
    hub: Arc<Hub>,
}

static NEXT_DATA: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

async fn server_with(limits: Limits) -> Server {
    let (decks, problems) = DeckStore::load(&root().join("assets"));
    assert!(problems.is_empty(), "{problems:?}");
    // Rooms kept in a store, as a server started with no options keeps them: moves are sent
    // once stored.
    let n = NEXT_DATA.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let data = std::env::temp_dir().join(format!("fresque-workshop-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let (hub, _, _) = Hub::open(decks, limits, &data).unwrap();
    let hub = Arc::new(hub);
    let config = Config {
        site: site(),
        addr: "127.0.0.1:0".parse().unwrap(),
        allowed_origins: Vec::new(),
        limits: Limits::default(),
        data: None,
        redis: None,
    };
    let (addr, _) = start_with(config, Arc::clone(&hub)).await.unwrap();
    Server { addr, hub }
}

async fn server() -> Server {
    server_with(Limits::default()).await
}

#[tokio::test]
async fn two_players_at_a_table_see_each_others_moves_and_converge() {
    let s = server().await;
    let (_host, room, _, tables) = create_room(s.addr, 2).await;
    assert_eq!(tables.len(), 2);
    let (mut a, pa, _, state) = join(s.addr, &room, 1, "Léa").await;
    let (mut b, _, _, _) = join(s.addr, &room, 1, "Tom").await;
    let mut game_a = SharedGame::from_state(loi_deck(), &state, Some(pa), 0).unwrap();
    let card = game_a.view().hand()[0].clone();
    let (_, msg) = game_a
        .propose(Action::PlaceCard {
            card: card.clone(),
            at: Pos::new(-300.0, 100.0),
        })
        .unwrap();
    a.send(&msg).await;
    // Both see the move, in the table's log, once.
    for c in [&mut a, &mut b] {
        let ServerMsg::Applied { table, entry } = c
            .until("the move", |m| matches!(m, ServerMsg::Applied { .. }))
            .await
        else {
            unreachable!()
        };
        assert_eq!(table, 1);
        assert_eq!(entry.seq, 1);
        assert_eq!(entry.id, Some(1));
    }
    // A late joiner and the two players converge on the same table.
    let (_c, _, _, late) = join(s.addr, &room, 1, "Zoé").await;
    assert_eq!(late.log.len(), 1);
    assert_eq!(
        replay(&late).board().position(&card),
        Some(Pos::new(-300.0, 100.0))
    );
    assert_eq!(late.seats.len(), 3);
    assert!(late.seats.iter().any(|s| s.name.as_deref() == Some("Léa")));
}

#[tokio::test]
async fn conflicting_moves_end_identical_everywhere() {
    let s = server().await;
    let (mut host, room, _, _) = create_room(s.addr, 1).await;
    let (mut a, pa, _, state) = join(s.addr, &room, 1, "A").await;
    let (mut b, pb, _, _) = join(s.addr, &room, 1, "B").await;
    let mut ga = SharedGame::from_state(loi_deck(), &state, Some(pa), 0).unwrap();
    let mut gb = SharedGame::from_state(loi_deck(), &state, Some(pb), 0).unwrap();
    let card = ga.view().hand()[0].clone();
    // A places the card; both learn it.
    let (_, m) = ga
        .propose(Action::PlaceCard {
            card: card.clone(),
            at: Pos::new(0.0, 0.0),
        })
        .unwrap();
    a.send(&m).await;
    follow(&mut a, &mut ga, 1, 1).await;
    follow(&mut b, &mut gb, 1, 1).await;
    // Both move it at once, from the same view: one move wins, the other is refused and
    // taken back, and nothing is overwritten silently.
    let (_, ma) = ga
        .propose(Action::MoveCard {
            card: card.clone(),
            to: Pos::new(500.0, 0.0),
        })
        .unwrap();
    let (_, mb) = gb
        .propose(Action::MoveCard {
            card: card.clone(),
            to: Pos::new(-500.0, 0.0),
        })
        .unwrap();
    a.send(&ma).await;
    b.send(&mb).await;
    // Each learns the move that won (log position 2); the loser also gets a refusal.
    let mut refusals = Vec::new();
    for (c, g) in [(&mut a, &mut ga), (&mut b, &mut gb)] {
        while g.seq() < 2 || g.pending_count() > 0 {
            match c.recv().await {
                ServerMsg::Applied { entry, .. } => {
                    g.confirm(&entry).unwrap();
                }
                ServerMsg::Refused { id, refusal } => {
                    assert!(g.refuse(id).is_some());
                    refusals.push(refusal);
                }
                _ => {}
            }
        }
    }
    assert_eq!(
        refusals,
        vec![Refusal::Conflict],
        "one move wins, one is refused"
    );
    same(ga.view(), gb.view());
    let at = ga.view().board().position(&card).unwrap();
    assert!(at == Pos::new(500.0, 0.0) || at == Pos::new(-500.0, 0.0));
    // The facilitator's copy agrees.
    host.send(&ClientMsg::Ping { t: 0 }).await;
    let mut gh = SharedGame::from_state(loi_deck(), &state, None, 0).unwrap();
    follow(&mut host, &mut gh, 1, 2).await;
    same(gh.view(), ga.view());
}

#[tokio::test]
async fn a_reload_sits_at_the_same_seat_with_the_whole_table() {
    let s = server().await;
    let (_host, room, _, _) = create_room(s.addr, 3).await;
    let (mut a, pa, token, state) = join(s.addr, &room, 2, "Léa").await;
    let mut ga = SharedGame::from_state(loi_deck(), &state, Some(pa), 0).unwrap();
    for (i, card) in ga.view().hand().into_iter().take(3).enumerate() {
        let (_, m) = ga
            .propose(Action::PlaceCard {
                card,
                at: Pos::new(i as f32 * 300.0, 0.0),
            })
            .unwrap();
        a.send(&m).await;
    }
    follow(&mut a, &mut ga, 2, 3).await;
    drop(a);
    // The page reloads: same token, another table asked for (ignored: the seat is kept).
    let mut again = Client::connect(s.addr).await;
    again
        .send(&ClientMsg::Join {
            room: room.to_lowercase().replace('-', ""),
            table: 1,
            name: None,
            player: Some(token),
        })
        .await;
    let ServerMsg::Seated {
        player,
        state,
        last_id,
        ..
    } = again
        .until("seated", |m| matches!(m, ServerMsg::Seated { .. }))
        .await
    else {
        unreachable!()
    };
    assert_eq!(player, pa);
    assert_eq!(state.table, 2);
    assert_eq!(last_id, 3);
    same(&replay(&state), ga.view());
    // A move sent again after the reconnection (same id) is applied once.
    let m = ClientMsg::Act {
        id: 3,
        base: 2,
        action: Action::Check,
    };
    again.send(&m).await;
    assert!(
        again.no_move().await,
        "a move already applied is not applied again"
    );
}

#[tokio::test]
async fn the_facilitator_deals_locks_times_and_reveals() {
    let s = server().await;
    let (mut host, room, _, _) = create_room(s.addr, 2).await;
    let (mut a, pa, _, state) = join(s.addr, &room, 1, "Léa").await;
    let (mut b, pb, _, _) = join(s.addr, &room, 1, "Tom").await;
    let mut ga = SharedGame::from_state(loi_deck(), &state, Some(pa), 0).unwrap();
    let first_lot = ga.view().lots()[1].cards.len();

    // Players may not deal the lots themselves in a workshop.
    a.send(&ClientMsg::Act {
        id: 1,
        base: 0,
        action: Action::RevealNextLot,
    })
    .await;
    let refused = a
        .until("a refusal", |m| matches!(m, ServerMsg::Refused { .. }))
        .await;
    assert!(matches!(
        refused,
        ServerMsg::Refused {
            refusal: Refusal::FacilitatorOnly,
            ..
        }
    ));

    // Dealing: first the lot on the table, to the players in turn (nothing revealed)…
    let first_hand = ga.view().hand();
    host.send(&ClientMsg::Command {
        command: Command::DealLot { table: None },
    })
    .await;
    let ServerMsg::Owners { table: 1, owners } = a
        .until("the deal", |m| matches!(m, ServerMsg::Owners { .. }))
        .await
    else {
        panic!("owners of table 1")
    };
    assert_eq!(owners.len(), first_hand.len());
    let to_a = owners.iter().filter(|(_, p)| *p == pa).count();
    let to_b = owners.iter().filter(|(_, p)| *p == pb).count();
    assert_eq!(to_a + to_b, first_hand.len());
    assert!(to_a.abs_diff(to_b) <= 1, "dealt in turn: {to_a} and {to_b}");
    // …then the next lot, revealed and dealt.
    host.send(&ClientMsg::Command {
        command: Command::DealLot { table: Some(1) },
    })
    .await;
    let ServerMsg::Applied { entry, .. } = a
        .until("the lot", |m| matches!(m, ServerMsg::Applied { .. }))
        .await
    else {
        unreachable!()
    };
    assert_eq!(entry.action, Action::RevealNextLot);
    ga.confirm(&entry).unwrap();
    let ServerMsg::Owners { owners, .. } = a
        .until("the deal", |m| matches!(m, ServerMsg::Owners { .. }))
        .await
    else {
        unreachable!()
    };
    assert_eq!(owners.len(), first_hand.len() + first_lot);

    // Lock table 1: moves are refused, the players are told.
    host.send(&ClientMsg::Command {
        command: Command::Lock {
            table: Some(1),
            locked: true,
        },
    })
    .await;
    let seats = b
        .until("the lock", |m| {
            matches!(m, ServerMsg::Seats { locked: true, .. })
        })
        .await;
    assert!(matches!(seats, ServerMsg::Seats { table: 1, .. }));
    let card = ga.view().hand()[0].clone();
    let (_, m) = ga
        .propose(Action::PlaceCard {
            card,
            at: Pos::new(0.0, 0.0),
        })
        .unwrap();
    a.send(&m).await;
    let refused = a
        .until("a refusal", |m| matches!(m, ServerMsg::Refused { .. }))
        .await;
    assert!(matches!(
        refused,
        ServerMsg::Refused {
            refusal: Refusal::Locked,
            ..
        }
    ));

    // A timer on the server's clock, seen by everyone.
    host.send(&ClientMsg::Command {
        command: Command::TimerStart { seconds: 600 },
    })
    .await;
    let ServerMsg::Room { info } = b
        .until("the timer", |m| matches!(m, ServerMsg::Room { .. }))
        .await
    else {
        unreachable!()
    };
    assert!(matches!(
        info.timer,
        Timer::Running {
            total_ms: 600_000,
            ..
        }
    ));

    // Reveal: the table is checked and shows the solution.
    host.send(&ClientMsg::Command {
        command: Command::ShowSolution { table: Some(1) },
    })
    .await;
    let mut actions = Vec::new();
    while actions.len() < 2 {
        if let ServerMsg::Applied { entry, .. } = b.recv().await {
            actions.push(entry.action);
        }
    }
    assert_eq!(actions, vec![Action::Check, Action::ShowSolution]);

    // Table 2 is untouched, and the facilitator's console has every table.
    host.send(&ClientMsg::Host {
        room: room.clone(),
        secret: "0".into(),
    })
    .await;
    assert!(matches!(
        host.until("an error", |m| matches!(m, ServerMsg::Error { .. }))
            .await,
        ServerMsg::Error {
            code: ErrorCode::WrongSecret,
            ..
        }
    ));
}

#[tokio::test]
async fn the_facilitator_takes_the_seat_again_with_the_secret_and_ends_on_a_debrief() {
    let s = server().await;
    let (host, room, secret, _) = create_room(s.addr, 2).await;
    drop(host);
    let (mut a, _, _, _) = join(s.addr, &room, 2, "Léa").await;
    let mut again = Client::connect(s.addr).await;
    again
        .send(&ClientMsg::Host {
            room: room.clone(),
            secret,
        })
        .await;
    let ServerMsg::Hosting { tables, .. } = again.recv().await else {
        panic!("hosting")
    };
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[1].seats.len(), 1);
    again
        .send(&ClientMsg::Command {
            command: Command::NextRound,
        })
        .await;
    // Every table checked, then in round 2.
    let mut seen = Vec::new();
    while seen.len() < 2 {
        if let ServerMsg::Applied { table: 2, entry } = a.recv().await {
            seen.push(entry.action);
        }
    }
    assert_eq!(seen, vec![Action::Check, Action::GoToRound(1)]);
    again
        .send(&ClientMsg::Command {
            command: Command::End,
        })
        .await;
    // The debrief: everyone receives every table.
    let mut tables = Vec::new();
    while tables.len() < 2 {
        match a.recv().await {
            ServerMsg::Table { state } => tables.push(state.table),
            ServerMsg::Room { info } => assert!(info.ended),
            _ => {}
        }
    }
    tables.sort();
    assert_eq!(tables, vec![1, 2]);
    let g = replay(&TableState {
        table: 2,
        log: Vec::new(),
        locked: false,
        seats: Vec::new(),
        owners: Vec::new(),
    });
    assert!(matches!(g.phase(), Phase::Playing));
}

#[tokio::test]
async fn facilitator_commands_need_the_facilitators_seat() {
    let s = server().await;
    let (_host, room, _, _) = create_room(s.addr, 1).await;
    let (mut a, _, _, _) = join(s.addr, &room, 1, "Léa").await;
    a.send(&ClientMsg::Command {
        command: Command::Lock {
            table: None,
            locked: true,
        },
    })
    .await;
    assert!(matches!(
        a.until("an error", |m| matches!(m, ServerMsg::Error { .. }))
            .await,
        ServerMsg::Error {
            code: ErrorCode::NotFacilitator,
            ..
        }
    ));
    // Nothing was locked: a move still goes through.
    a.send(&ClientMsg::Act {
        id: 1,
        base: 0,
        action: Action::Check,
    })
    .await;
    assert!(matches!(
        a.until("the move", |m| matches!(
            m,
            ServerMsg::Applied { .. } | ServerMsg::Refused { .. }
        ))
        .await,
        ServerMsg::Applied { .. }
    ));
}

/// The error code of the next error frame.
async fn error_code(c: &mut Client) -> ErrorCode {
    match c
        .until("an error", |m| matches!(m, ServerMsg::Error { .. }))
        .await
    {
        ServerMsg::Error { code, .. } => code,
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn bad_messages_get_an_error_frame_and_the_server_carries_on() {
    let s = server().await;
    let (_host, room, _, _) = create_room(s.addr, 1).await;
    let (mut other, _, _, _) = join(s.addr, &room, 1, "Other").await;
    let mut c = Client::connect(s.addr).await;
    for bad in [
        "not json",
        "{}",
        r#"{"type":"launch_missiles"}"#,
        r#"{"type":"act","id":"one"}"#,
        r#"[1,2,3]"#,
    ] {
        c.send_text(bad).await;
        assert_eq!(error_code(&mut c).await, ErrorCode::BadMessage, "{bad}");
    }
    // Too large for the protocol: an error frame, the connection stays open.
    c.send_text(&format!(
        r#"{{"type":"ping","t":1,"pad":"{}"}}"#,
        "x".repeat(100_000)
    ))
    .await;
    assert_eq!(error_code(&mut c).await, ErrorCode::BadMessage);
    c.ws.send(Message::Binary(vec![1, 2, 3].into()))
        .await
        .unwrap();
    assert_eq!(error_code(&mut c).await, ErrorCode::BadMessage);
    c.send(&ClientMsg::Ping { t: 7 }).await;
    assert!(matches!(c.recv().await, ServerMsg::Pong { t: 7, .. }));
    // Unknown rooms, tables, decks, a deck of another version.
    c.send(&ClientMsg::Peek {
        room: "ZZZ-ZZZ".into(),
    })
    .await;
    assert_eq!(error_code(&mut c).await, ErrorCode::UnknownRoom);
    c.send(&ClientMsg::Join {
        room: "not a code".into(),
        table: 1,
        name: None,
        player: None,
    })
    .await;
    assert_eq!(error_code(&mut c).await, ErrorCode::UnknownRoom);
    c.send(&ClientMsg::Join {
        room: room.clone(),
        table: 9,
        name: None,
        player: None,
    })
    .await;
    assert_eq!(error_code(&mut c).await, ErrorCode::UnknownTable);
    for (deck, hash, code) in [
        ("nope.ron", loi_hash(), ErrorCode::UnknownDeck),
        ("loi.fr.ron", "0".repeat(16), ErrorCode::DeckMismatch),
    ] {
        c.send(&ClientMsg::CreateRoom {
            deck: deck.into(),
            hash,
            tables: 2,
            deal: DealMode::Table,
        })
        .await;
        assert_eq!(error_code(&mut c).await, code);
    }
    c.send(&ClientMsg::CreateRoom {
        deck: "loi.fr.ron".into(),
        hash: loi_hash(),
        tables: 13,
        deal: DealMode::Table,
    })
    .await;
    assert_eq!(error_code(&mut c).await, ErrorCode::UnknownTable);
    // A move without a seat.
    c.send(&ClientMsg::Act {
        id: 1,
        base: 0,
        action: Action::Check,
    })
    .await;
    assert!(matches!(
        c.recv().await,
        ServerMsg::Refused {
            refusal: Refusal::NotSeated,
            ..
        }
    ));
    // Over the hard limit: the WebSocket layer closes this connection only.
    let _ =
        c.ws.send(Message::Text("x".repeat(2 * 1024 * 1024).into()))
            .await;
    let closed = tokio::time::timeout(WAIT, async {
        loop {
            match c.ws.next().await {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return true,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert_eq!(closed, Ok(true));
    // The others are untouched and the server still answers.
    other.send(&ClientMsg::Ping { t: 1 }).await;
    assert!(matches!(
        other
            .until("pong", |m| matches!(m, ServerMsg::Pong { .. }))
            .await,
        ServerMsg::Pong { t: 1, .. }
    ));
    let _ = Client::connect(s.addr).await;
}

#[tokio::test]
async fn hello_first_and_the_same_protocol() {
    let s = server().await;
    let (mut ws, _) = connect_async(format!("ws://{}/ws", s.addr)).await.unwrap();
    let send = |m: &ClientMsg| Message::Text(serde_json::to_string(m).unwrap().into());
    ws.send(send(&ClientMsg::Ping { t: 1 })).await.unwrap();
    ws.send(send(&ClientMsg::Hello { protocol: 99 }))
        .await
        .unwrap();
    let mut codes = Vec::new();
    while codes.len() < 2 {
        let Ok(Some(Ok(Message::Text(t)))) = tokio::time::timeout(WAIT, ws.next()).await else {
            panic!("two answers")
        };
        if let ServerMsg::Error { code, .. } = serde_json::from_str(t.as_str()).unwrap() {
            codes.push(code);
        }
    }
    assert_eq!(codes, vec![ErrorCode::NoHello, ErrorCode::Protocol]);
}

#[tokio::test]
async fn joins_are_rate_limited_per_address_and_rooms_capped_and_expired() {
    let s = server_with(Limits {
        joins_per_minute: 3,
        max_rooms: 1,
        max_connections_per_room: 2,
        idle_room: Duration::from_millis(1),
        ..Limits::default()
    })
    .await;
    let (_host, room, _, _) = create_room(s.addr, 1).await;
    let mut c = Client::connect(s.addr).await;
    // The room creation counted once; two peeks pass, the next is refused.
    for _ in 0..2 {
        c.send(&ClientMsg::Peek { room: room.clone() }).await;
        assert!(matches!(c.recv().await, ServerMsg::Tables { .. }));
    }
    c.send(&ClientMsg::Peek { room: room.clone() }).await;
    assert_eq!(error_code(&mut c).await, ErrorCode::RateLimited);
    // One room at most on this server.
    let s2 = server_with(Limits {
        max_rooms: 1,
        max_connections_per_room: 2,
        ..Limits::default()
    })
    .await;
    let (_h2, room2, _, _) = create_room(s2.addr, 1).await;
    let mut d = Client::connect(s2.addr).await;
    d.send(&ClientMsg::CreateRoom {
        deck: "loi.fr.ron".into(),
        hash: loi_hash(),
        tables: 1,
        deal: DealMode::Table,
    })
    .await;
    assert_eq!(error_code(&mut d).await, ErrorCode::ServerFull);
    // Two connections per room: the facilitator and one player; a third is refused.
    let (_p, _, _, _) = join(s2.addr, &room2, 1, "A").await;
    d.send(&ClientMsg::Join {
        room: room2.clone(),
        table: 1,
        name: None,
        player: None,
    })
    .await;
    assert_eq!(error_code(&mut d).await, ErrorCode::RoomFull);
    // Idle rooms go away, with everything in them.
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(s.hub.expire_rooms(), 1);
    assert_eq!(s.hub.room_count(), 0);
}

#[tokio::test]
async fn websockets_from_another_site_are_refused_and_the_site_is_served() {
    let s = server().await;
    let request = |origin: &str| {
        let mut r = tungstenite::client::IntoClientRequest::into_client_request(format!(
            "ws://{}/ws",
            s.addr
        ))
        .unwrap();
        r.headers_mut().insert("Origin", origin.parse().unwrap());
        r
    };
    let refused = connect_async(request("http://evil.example")).await;
    match refused {
        Err(tungstenite::Error::Http(response)) => assert_eq!(response.status(), 403),
        other => panic!("expected a 403, got {other:?}"),
    }
    assert!(
        connect_async(request(&format!("http://{}", s.addr)))
            .await
            .is_ok()
    );
    // The page and the info the page uses to offer workshops.
    let body = http_get(s.addr, "/").await;
    assert!(
        body.contains("200 OK") && body.contains("<title>test</title>"),
        "{body}"
    );
    let info = http_get(s.addr, "/api/info").await;
    assert!(info.contains(r#""workshops":true"#), "{info}");
    assert!(
        info.to_ascii_lowercase()
            .contains("cache-control: no-store"),
        "{info}"
    );
    // The service worker: a JavaScript type, and revalidated like every file of the site (the
    // names stay the same from one build to the next).
    let worker = http_get(s.addr, "/sw.js").await.to_ascii_lowercase();
    assert!(worker.contains("200 ok"), "{worker}");
    assert!(
        worker.contains("content-type: text/javascript")
            || worker.contains("content-type: application/javascript"),
        "{worker}"
    );
    assert!(worker.contains("cache-control: no-cache"), "{worker}");
    assert!(
        body.to_ascii_lowercase()
            .contains("cache-control: no-cache"),
        "{body}"
    );
}

/// A minimal HTTP/1.1 GET on loopback.
async fn http_get(addr: SocketAddr, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await
        .unwrap();
    let mut out = String::new();
    tokio::time::timeout(WAIT, stream.read_to_string(&mut out))
        .await
        .unwrap()
        .unwrap();
    out
}
