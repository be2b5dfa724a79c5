//! One simulated player of `fresque-load`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fresque_core::protocol::{ClientMsg, ServerMsg};
use fresque_core::rules::{Action, CardId, Pos};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

use super::{Sent, Stats, connect, recv, send};

/// One player: sits, places its card, then moves it until the end; records the latency of
/// every move of its table it receives. When its server closes the connection (killed), it
/// sits again through the next server with its token, as the page does, and records how long
/// it was away.
#[allow(clippy::too_many_arguments, reason = "one player's whole setup")]
pub async fn player(
    urls: Arc<Vec<String>>,
    first_url: usize,
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
    let mut url = first_url;
    let mut token: Option<String> = None;
    let mut lost_at: Option<Instant> = None;
    let mut id = 0u64;
    let mut rng = (room_no as u64 * 7919 + u64::from(table) * 104_729 + seat as u64 * 13) | 1;
    let mut next_rand = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    while Instant::now() < until {
        let Some(mut ws) = connect(&urls[url]).await else {
            if token.is_none() {
                stats.failed.fetch_add(1, Ordering::Relaxed);
                return;
            }
            url = (url + 1) % urls.len();
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        send(
            &mut ws,
            &ClientMsg::Join {
                room: room.clone(),
                table,
                name: Some(format!("P{seat}")),
                player: token.clone(),
            },
        )
        .await;
        let (me, start_seq) = loop {
            match recv(&mut ws).await {
                Some(ServerMsg::Seated {
                    player,
                    token: t,
                    state,
                    last_id,
                    ..
                }) => {
                    id = id.max(last_id);
                    token = Some(t);
                    break (Some(player), state.log.len() as u64);
                }
                Some(ServerMsg::Error { message, .. }) if token.is_none() => {
                    eprintln!("fresque-load: join refused: {message}");
                    stats.failed.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                Some(_) => {}
                None => break (None, 0),
            }
        };
        let Some(me) = me else {
            // Closed before sitting: try the next server.
            url = (url + 1) % urls.len();
            continue;
        };
        let first_seat = match lost_at.take() {
            Some(at) => {
                if let Ok(mut b) = stats.back_us.lock() {
                    b.push(at.elapsed().as_micros() as u64);
                }
                false
            }
            None => {
                stats.held.fetch_add(1, Ordering::Relaxed);
                true
            }
        };
        let (mut sink, mut stream) = ws.split();
        let seq = Arc::new(AtomicU64::new(start_seq));
        // Reader: every move of the table, with its latency from when its author sent it.
        let mut reader = {
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
        if first_seat {
            // Spread the first moves over one period (the reader already reads).
            tokio::time::sleep(Duration::from_millis(
                next_rand() % every.as_millis() as u64,
            ))
            .await;
        }
        // Writer: place the card, then move it now and then, until the end or a lost
        // connection.
        let mut closed = false;
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
                closed = true;
                break;
            }
            stats.moves.fetch_add(1, Ordering::Relaxed);
            let jitter = next_rand() % every.as_millis() as u64;
            let pause = every / 2 + Duration::from_millis(jitter);
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                _ = &mut reader => {
                    closed = true;
                    break;
                }
            }
        }
        if closed {
            lost_at = Some(Instant::now());
            url = (url + 1) % urls.len();
            continue;
        }
        // Let the last moves arrive, then close.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = sink.close().await;
        reader.abort();
        return;
    }
}
