//! Rooms that survive the server: the real `fresque-server` binary with a data folder, killed
//! with `kill -9` in the middle of a workshop and started again on the same folder; then a
//! store with broken records, and expiry. Loopback only; every wait is bounded.

mod common;

use std::time::Duration;

use common::*;
use fresque_core::protocol::{ClientMsg, Command, ErrorCode, ServerMsg, Timer};
use fresque_core::rules::{Action, Pos};
use fresque_core::shared::SharedGame;
use fresque_server::store::FILE_NAME;
use fresque_server::{DeckStore, Hub, Limits};

#[tokio::test]
async fn a_killed_server_comes_back_with_every_room_table_board_timer_and_lock() {
    let site = site_with_decks("kill");
    let data = temp("kill");
    let server = Server::start(&site, &data);
    let addr = server.addr;
    let (mut host, room, secret, _) = create_room(addr, 2).await;
    let (mut a, pa, token_a, state_a) = join(addr, &room, 1, "Léa").await;
    let (mut b, pb, token_b, state_b) = join(addr, &room, 1, "Tom").await;
    let (_c, _, _, _) = join(addr, &room, 2, "Zoé").await;
    for command in [
        Command::DealLot { table: None },
        Command::Lock {
            table: Some(2),
            locked: true,
        },
        Command::TimerStart { seconds: 900 },
    ] {
        host.send(&ClientMsg::Command { command }).await;
    }
    host.until(
        "the timer",
        |m| matches!(m, ServerMsg::Room { info } if info.timer != Timer::Off),
    )
    .await;
    // Léa and Tom play at table 1.
    let mut ga = SharedGame::from_state(loi_deck(), &state_a, Some(pa), 0).unwrap();
    let mut gb = SharedGame::from_state(loi_deck(), &state_b, Some(pb), 0).unwrap();
    // Each catches up with the facilitator's moves first (a lot dealt may be a move).
    let seq = tokio::time::timeout(WAIT, async {
        loop {
            let (_, _, tables) = host_view(addr, &room, &secret).await;
            if tables[0].owners.len() > 1 {
                return tables[0].log.len() as u64;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .unwrap();
    follow(&mut a, &mut ga, 1, seq).await;
    follow(&mut b, &mut gb, 1, seq).await;
    let cards = ga.view().hand();
    assert!(cards.len() >= 3, "a lot to play");
    play(
        &mut a,
        &mut ga,
        Action::PlaceCard {
            card: cards[0].clone(),
            at: Pos::new(-300.0, 0.0),
        },
    )
    .await;
    follow(&mut b, &mut gb, 1, ga.seq()).await;
    play(
        &mut b,
        &mut gb,
        Action::PlaceCard {
            card: cards[1].clone(),
            at: Pos::new(300.0, 0.0),
        },
    )
    .await;
    follow(&mut a, &mut ga, 1, gb.seq()).await;
    play(
        &mut a,
        &mut ga,
        Action::AddLink {
            from: cards[0].clone(),
            to: cards[1].clone(),
        },
    )
    .await;
    // What the facilitator sees now, then one more move: its `applied` is the acknowledgement,
    // and the server is killed right after it.
    let (_, info_before, tables_before) = host_view(addr, &room, &secret).await;
    let (_, last) = ga
        .propose(Action::MoveCard {
            card: cards[1].clone(),
            to: Pos::new(300.0, 250.0),
        })
        .unwrap();
    a.send(&last).await;
    let ServerMsg::Applied { entry: acked, .. } = a
        .until("the last move", |m| matches!(m, ServerMsg::Applied { .. }))
        .await
    else {
        unreachable!()
    };
    server.kill();

    let server = Server::start(&site, &data);
    let addr = server.addr;
    assert!(
        server.stderr().contains("1 brought back"),
        "{}",
        server.stderr()
    );
    let (_host, info_after, tables_after) = host_view(addr, &room, &secret).await;
    let mut expected = offline(tables_before);
    expected[0].log.push(acked.clone());
    assert_eq!(info_after, info_before, "settings, timer and deal mode");
    assert_eq!(
        tables_after, expected,
        "every table: log, lock, owners, seats"
    );
    assert!(tables_after[1].locked);
    assert!(matches!(info_after.timer, Timer::Running { .. }));
    // The players come back to their seats and carry on.
    let (mut a2, player, state, last_id) = seat_again(addr, &room, &token_a).await;
    assert_eq!(player, pa);
    assert_eq!(state.log, expected[0].log);
    assert_eq!(
        last_id, 3,
        "Léa's three moves are known, so none is applied twice"
    );
    let mut ga2 = SharedGame::from_state(loi_deck(), &state, Some(pa), last_id).unwrap();
    assert_eq!(ga2.view().board(), {
        ga.confirm(&acked).unwrap();
        ga.view().board()
    });
    a2.send(&last).await; // the last move sent again, as a client unsure of it would
    assert!(
        a2.no_move().await,
        "a move already applied is not applied again"
    );
    let (_b2, player_b, _, last_b) = seat_again(addr, &room, &token_b).await;
    assert_eq!((player_b, last_b), (pb, 1));
    play(
        &mut a2,
        &mut ga2,
        Action::ReturnCard {
            card: cards[0].clone(),
        },
    )
    .await;
    assert_eq!(ga2.seq(), acked.seq + 1);
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
}

#[tokio::test]
async fn broken_records_skip_their_room_and_the_others_load() {
    let site = site_with_decks("broken");
    let data = temp("broken");
    let server = Server::start(&site, &data);
    let addr = server.addr;
    let mut rooms = Vec::new();
    for _ in 0..3 {
        let (host, room, secret, _) = create_room(addr, 1).await;
        let (mut p, id, _, state) = join(addr, &room, 1, "Awa").await;
        let mut g = SharedGame::from_state(loi_deck(), &state, Some(id), 0).unwrap();
        let card = g.view().hand()[0].clone();
        play(
            &mut p,
            &mut g,
            Action::PlaceCard {
                card,
                at: Pos::new(0.0, 0.0),
            },
        )
        .await;
        drop((host, p));
        rooms.push((room, secret));
    }
    let (_, info_ok, tables_ok) = host_view(addr, &rooms[2].0, &rooms[2].1).await;
    server.kill();

    // Room 0: its move cut in half. Room 1: a record from a newer server. And moves of a room
    // that has no record.
    {
        let db = rusqlite::Connection::open(data.join(FILE_NAME)).unwrap();
        db.execute(
            "UPDATE moves SET record = substr(record, 1, length(record) / 2) \
             WHERE code = ?1 AND tab = 1 AND seq = 1",
            [&rooms[0].0],
        )
        .unwrap();
        db.execute(
            "INSERT INTO moves VALUES ('ZZZ-ZZZ', 1, 1, CAST('{}' AS BLOB))",
            [],
        )
        .unwrap();
        db.execute(
            "UPDATE rooms SET record = CAST(replace(CAST(record AS TEXT), '\"v\":1', '\"v\":2') AS BLOB) \
             WHERE code = ?1",
            [&rooms[1].0],
        )
        .unwrap();
    }

    let server = Server::start(&site, &data);
    let addr = server.addr;
    let log = server.stderr();
    assert!(
        log.contains(&format!(
            "room {} skipped: its move 1 of table 1 cannot be read",
            rooms[0].0
        )),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "room {} skipped: its record is of version 2",
            rooms[1].0
        )),
        "{log}"
    );
    assert!(
        log.contains("room ZZZ-ZZZ skipped: 1 moves but no record"),
        "{log}"
    );
    assert!(log.contains("1 brought back"), "{log}");
    let (_, info, tables) = host_view(addr, &rooms[2].0, &rooms[2].1).await;
    assert_eq!(
        (info, tables),
        (info_ok, offline(tables_ok)),
        "the intact room is whole"
    );
    for (room, secret) in &rooms[..2] {
        let mut c = Client::connect(addr).await;
        c.send(&ClientMsg::Host {
            room: room.clone(),
            secret: secret.clone(),
        })
        .await;
        assert!(matches!(
            c.recv().await,
            ServerMsg::Error {
                code: ErrorCode::UnknownRoom,
                ..
            }
        ));
    }
    drop(server);
    // The skipped rooms are left as they were, for someone to look at.
    let db = rusqlite::Connection::open(data.join(FILE_NAME)).unwrap();
    let count: i64 = db
        .query_row("SELECT count(*) FROM rooms", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 3);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn expired_rooms_are_deleted_from_the_store() {
    let data = temp("expiry");
    let (decks, _) = DeckStore::load(&root().join("assets"));
    let open = |idle: Duration| {
        for _ in 0..100 {
            let limits = Limits {
                idle_room: idle,
                ..Limits::default()
            };
            if let Ok(opened) = Hub::open(decks.clone(), limits, &data) {
                return opened;
            }
            // The previous hub's writer closes the file when it is dropped.
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the store opens");
    };
    let (hub, restored, problems) = open(Duration::from_secs(3600));
    assert_eq!((restored, problems.len()), (0, 0));
    let (tx, mut rx) = tokio::sync::mpsc::channel(64);
    let mut conn = fresque_server::hub::Connection::new(1, None);
    for msg in [
        ClientMsg::Hello {
            protocol: fresque_core::protocol::PROTOCOL_VERSION,
        },
        ClientMsg::CreateRoom {
            deck: "loi.fr.ron".into(),
            hash: loi_hash(),
            tables: 1,
            deal: fresque_core::protocol::DealMode::Players,
        },
    ] {
        hub.handle(&mut conn, msg, &tx);
    }
    hub.store().unwrap().flush();
    let frames: Vec<String> =
        std::iter::from_fn(|| rx.try_recv().ok().map(|f| f.to_string())).collect();
    assert!(
        frames.iter().any(|f| f.contains("\"created\"")),
        "{frames:?}"
    );
    drop(hub);
    // Kept while it is young…
    let (hub, restored, _) = open(Duration::from_secs(3600));
    assert_eq!(restored, 1);
    drop(hub);
    // …and deleted once idle past the limit.
    let (hub, restored, _) = open(Duration::ZERO);
    assert_eq!(restored, 0);
    hub.store().unwrap().flush();
    drop(hub);
    let (_hub, restored, problems) = open(Duration::from_secs(3600));
    assert_eq!(
        (restored, problems),
        (0, Vec::<String>::new()),
        "gone from the store"
    );
    let _ = std::fs::remove_dir_all(&data);
}
