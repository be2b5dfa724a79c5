//! Several servers behind Redis, for real: Debian's `redis-server` started by the test on a
//! loopback port with a temporary folder (append-only file, `fsync` at every write), and two
//! `fresque-server` processes sharing rooms through it. Players of one table on two servers;
//! the room's server killed with `kill -9`; Redis killed and started again; a record Redis
//! holds that this server cannot read. Loopback only; every wait is bounded.

mod common;

use std::path::Path;
use std::time::Duration;

use common::*;
use fresque_core::protocol::{ClientMsg, ErrorCode, ServerMsg};
use fresque_core::rules::{Action, Pos};
use fresque_core::shared::SharedGame;

fn fresque(site: &Path, redis: &Redis) -> Server {
    Server::start_with(site, &["--redis", &redis.url()])
}

/// Proposes a move and sends it; returns its message (to send again later).
async fn send_move(c: &mut Client, game: &mut SharedGame, action: Action) -> ClientMsg {
    let (_, msg) = game.propose(action).unwrap();
    c.send(&msg).await;
    msg
}

/// The facilitator's view, reconnecting as the page does when the server closes the
/// connection (a server closes the connections it forwarded when Redis went away).
async fn host_view_again(
    addr: std::net::SocketAddr,
    room: &str,
    secret: &str,
) -> Vec<fresque_core::protocol::TableState> {
    for _ in 0..10 {
        let mut host = Client::connect(addr).await;
        host.send(&ClientMsg::Host {
            room: room.into(),
            secret: secret.into(),
        })
        .await;
        let answer = tokio::time::timeout(WAIT, host.next_msg())
            .await
            .expect("an answer");
        match answer {
            Some(ServerMsg::Hosting { tables, .. }) => return tables,
            Some(other) => panic!("hosting, not {other:?}"),
            None => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
    panic!("no hosting after 10 reconnections");
}

#[tokio::test]
async fn players_of_one_table_on_two_servers_see_one_order() {
    let dir = temp("cluster-two");
    let redis = Redis::start(&dir, free_port());
    let site = site_with_decks("cluster-two");
    let (s1, s2) = (fresque(&site, &redis), fresque(&site, &redis));
    let (_host, room, secret, _) = create_room(s1.addr, 2).await;
    let (mut a, pa, _, state_a) = join(s1.addr, &room, 1, "Léa").await;
    let (mut b, pb, _, state_b) = join(s2.addr, &room, 1, "Tom").await;
    let mut ga = SharedGame::from_state(loi_deck(), &state_a, Some(pa), 0).unwrap();
    let mut gb = SharedGame::from_state(loi_deck(), &state_b, Some(pb), 0).unwrap();
    let cards = ga.view().hand();
    // Léa (server 1) and Tom (server 2) each place a card, then both move the same card from
    // the same view: one of the two is refused, and both end on the same table.
    send_move(
        &mut a,
        &mut ga,
        Action::PlaceCard {
            card: cards[0].clone(),
            at: Pos::new(-300.0, 0.0),
        },
    )
    .await;
    send_move(
        &mut b,
        &mut gb,
        Action::PlaceCard {
            card: cards[1].clone(),
            at: Pos::new(300.0, 0.0),
        },
    )
    .await;
    catch_up(&mut a, &mut ga, 2).await;
    catch_up(&mut b, &mut gb, 2).await;
    assert_eq!(ga.view().board(), gb.view().board());
    send_move(
        &mut a,
        &mut ga,
        Action::MoveCard {
            card: cards[0].clone(),
            to: Pos::new(0.0, 200.0),
        },
    )
    .await;
    send_move(
        &mut b,
        &mut gb,
        Action::MoveCard {
            card: cards[0].clone(),
            to: Pos::new(0.0, -200.0),
        },
    )
    .await;
    let refused_a = catch_up(&mut a, &mut ga, 3).await;
    let refused_b = catch_up(&mut b, &mut gb, 3).await;
    assert_eq!(
        refused_a.len() + refused_b.len(),
        1,
        "one of the two moves is refused: {refused_a:?} {refused_b:?}"
    );
    assert_eq!(ga.pending_count() + gb.pending_count(), 0);
    assert_eq!(
        ga.view().board(),
        gb.view().board(),
        "the same table on both servers"
    );
    // The facilitator comes back through the other server: the same room.
    let (_, _, tables) = host_view(s2.addr, &room, &secret).await;
    assert_eq!(tables[0].log.len(), 3);
    assert_eq!(replay(&tables[0]).board(), ga.view().board());
    // A client asking for a room that does not exist gets the usual answer.
    let mut c = Client::connect(s2.addr).await;
    c.send(&ClientMsg::Peek {
        room: "ZZZ-ZZZ".into(),
    })
    .await;
    assert!(matches!(
        c.recv().await,
        ServerMsg::Error {
            code: ErrorCode::UnknownRoom,
            ..
        }
    ));
    drop((s1, s2, redis));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn when_the_rooms_server_is_killed_its_clients_carry_on_on_the_other_one() {
    let dir = temp("cluster-kill");
    let redis = Redis::start(&dir, free_port());
    let site = site_with_decks("cluster-kill");
    let (s1, s2) = (fresque(&site, &redis), fresque(&site, &redis));
    let (_host, room, secret, _) = create_room(s1.addr, 1).await;
    let (mut a, pa, token_a, state_a) = join(s1.addr, &room, 1, "Léa").await;
    let (mut b, pb, token_b, state_b) = join(s2.addr, &room, 1, "Tom").await;
    let mut ga = SharedGame::from_state(loi_deck(), &state_a, Some(pa), 0).unwrap();
    let mut gb = SharedGame::from_state(loi_deck(), &state_b, Some(pb), 0).unwrap();
    let cards = ga.view().hand();
    for (i, card) in cards.iter().take(2).enumerate() {
        send_move(
            &mut a,
            &mut ga,
            Action::PlaceCard {
                card: card.clone(),
                at: Pos::new(i as f32 * 300.0, 0.0),
            },
        )
        .await;
    }
    catch_up(&mut b, &mut gb, 2).await;
    send_move(
        &mut b,
        &mut gb,
        Action::AddLink {
            from: cards[0].clone(),
            to: cards[1].clone(),
        },
    )
    .await;
    catch_up(&mut a, &mut ga, 3).await;
    catch_up(&mut b, &mut gb, 3).await;
    let (_, info_before, tables_before) = host_view(s2.addr, &room, &secret).await;

    // The room's server dies. Tom's connection (held by server 2, forwarded to server 1) is
    // closed by server 2 once server 1 is known dead; Léa's died with server 1.
    s1.kill();
    let closed = tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            match b.next_msg().await {
                Some(_) => continue,
                None => return,
            }
        }
    })
    .await;
    assert!(
        closed.is_ok(),
        "server 2 closes the clients it forwarded to the dead server"
    );
    // Both reconnect to server 2 (a load balancer would send them there), which takes the room
    // over from Redis: every acknowledged move is there, and the game goes on.
    let (mut a2, player, state, last_id) = seat_again(s2.addr, &room, &token_a).await;
    assert_eq!((player, last_id), (pa, 2));
    assert_eq!(state.log, tables_before[0].log);
    let (_, info_after, tables_after) = host_view(s2.addr, &room, &secret).await;
    assert_eq!(info_after, info_before);
    assert_eq!(tables_after[0].log, tables_before[0].log);
    let (mut b2, player_b, _, last_b) = seat_again(s2.addr, &room, &token_b).await;
    assert_eq!((player_b, last_b), (pb, 1));
    let mut ga2 = SharedGame::from_state(loi_deck(), &state, Some(pa), last_id).unwrap();
    send_move(
        &mut a2,
        &mut ga2,
        Action::ReturnCard {
            card: cards[1].clone(),
        },
    )
    .await;
    catch_up(&mut a2, &mut ga2, 4).await;
    let ServerMsg::Applied { entry, .. } = b2
        .until("Léa's move", |m| matches!(m, ServerMsg::Applied { .. }))
        .await
    else {
        unreachable!()
    };
    assert_eq!(entry.seq, 4);
    drop((s2, redis));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn redis_killed_and_restarted_mid_play_loses_nothing_acknowledged() {
    let dir = temp("cluster-redis");
    let redis = Redis::start(&dir, free_port());
    let site = site_with_decks("cluster-redis");
    let (s1, s2) = (fresque(&site, &redis), fresque(&site, &redis));
    let (_host, room, secret, _) = create_room(s1.addr, 1).await;
    let (mut a, pa, token_a, state_a) = join(s1.addr, &room, 1, "Léa").await;
    let mut ga = SharedGame::from_state(loi_deck(), &state_a, Some(pa), 0).unwrap();
    let cards = ga.view().hand();
    send_move(
        &mut a,
        &mut ga,
        Action::PlaceCard {
            card: cards[0].clone(),
            at: Pos::new(0.0, 0.0),
        },
    )
    .await;
    catch_up(&mut a, &mut ga, 1).await;

    let redis = redis.crash_and_restart();
    // A move made just after the restart: stored and acknowledged once the server's
    // connection to Redis is back (it may be refused a moment, then the client reconnects).
    let pending = send_move(
        &mut a,
        &mut ga,
        Action::PlaceCard {
            card: cards[1].clone(),
            at: Pos::new(300.0, 0.0),
        },
    )
    .await;
    let acked = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match a.next_msg().await {
                Some(ServerMsg::Applied { entry, .. }) => return Some(entry),
                Some(_) => continue,
                None => return None, // closed: reconnect below
            }
        }
    })
    .await
    .expect("an answer or a closed connection within 20 s");
    let state = match acked {
        Some(entry) => {
            assert_eq!(entry.seq, 2);
            host_view_again(s2.addr, &room, &secret).await[0].clone()
        }
        None => {
            // The client reconnects (here to the other server) and sends its move again.
            let (mut again, _, _, last_id) = seat_again(s2.addr, &room, &token_a).await;
            if last_id < 2 {
                again.send(&pending).await;
                again
                    .until("the move again", |m| matches!(m, ServerMsg::Applied { .. }))
                    .await;
            }
            host_view_again(s2.addr, &room, &secret).await[0].clone()
        }
    };
    assert_eq!(
        state.log.len(),
        2,
        "the move before the crash is kept, the one after is applied once"
    );
    assert_eq!(
        state.log[0].action,
        Action::PlaceCard {
            card: cards[0].clone(),
            at: Pos::new(0.0, 0.0)
        }
    );
    drop((s1, s2, redis));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_record_redis_holds_that_cannot_be_read_skips_its_room_only() {
    use redis::AsyncCommands;
    let dir = temp("cluster-broken");
    let redis = Redis::start(&dir, free_port());
    let site = site_with_decks("cluster-broken");
    let (s1, s2) = (fresque(&site, &redis), fresque(&site, &redis));
    let (_h1, broken, secret_broken, _) = create_room(s1.addr, 1).await;
    let (_h2, intact, secret_intact, _) = create_room(s1.addr, 2).await;
    let (_, info_before, tables_before) = host_view(s1.addr, &intact, &secret_intact).await;
    // A record written by a newer server, and the room's server gone: the next server to need
    // the room reads it from Redis.
    let mut r = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let key = format!("fresque:{{{broken}}}:room");
    let record: Vec<u8> = r.get(&key).await.unwrap();
    let newer = String::from_utf8(record)
        .unwrap()
        .replacen("\"v\":1", "\"v\":2", 1);
    let () = r.set(&key, newer).await.unwrap();
    s1.kill();
    tokio::time::sleep(fresque_server::cluster::ALIVE + Duration::from_millis(500)).await;
    let mut c = Client::connect(s2.addr).await;
    c.send(&ClientMsg::Host {
        room: broken.clone(),
        secret: secret_broken,
    })
    .await;
    assert!(matches!(
        c.recv().await,
        ServerMsg::Error {
            code: ErrorCode::UnknownRoom,
            ..
        }
    ));
    assert!(
        s2.logs(&format!(
            "room {broken} skipped: its record is of version 2"
        )),
        "{}",
        s2.stderr()
    );
    let (_, info_after, tables_after) = host_view(s2.addr, &intact, &secret_intact).await;
    assert_eq!(
        (info_after, tables_after),
        (info_before, tables_before),
        "the other room is whole"
    );
    drop((s2, redis));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn players_of_a_server_that_died_show_offline_in_the_room() {
    let dir = temp("cluster-gateway");
    let redis = Redis::start(&dir, free_port());
    let site = site_with_decks("cluster-gateway");
    let (s1, s2) = (fresque(&site, &redis), fresque(&site, &redis));
    let (_host, room, secret, _) = create_room(s1.addr, 1).await;
    let (_a, _, _, _) = join(s1.addr, &room, 1, "Léa").await;
    let (_b, _, _, _) = join(s2.addr, &room, 1, "Tom").await;
    let online = |tables: &[fresque_core::protocol::TableState]| -> Vec<(String, bool)> {
        tables[0]
            .seats
            .iter()
            .map(|s| (s.name.clone().unwrap_or_default(), s.online))
            .collect()
    };
    let (_, _, tables) = host_view(s1.addr, &room, &secret).await;
    assert_eq!(
        online(&tables),
        [("Léa".to_owned(), true), ("Tom".to_owned(), true)]
    );
    // Tom's server dies: the room's server sees it within a few seconds and seats him offline
    // (the cards dealt to "players online" then skip him).
    s2.kill();
    let mut seen = Vec::new();
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (_, _, tables) = host_view(s1.addr, &room, &secret).await;
        seen = online(&tables);
        if seen == [("Léa".to_owned(), true), ("Tom".to_owned(), false)] {
            break;
        }
    }
    assert_eq!(seen, [("Léa".to_owned(), true), ("Tom".to_owned(), false)]);
    drop((s1, redis));
    let _ = std::fs::remove_dir_all(&dir);
}
