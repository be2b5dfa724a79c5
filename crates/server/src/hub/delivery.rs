//! Sending a room's messages: to whom each goes, and, with a store, only once the changes
//! before it are stored.

use std::sync::{Arc, Mutex};

use fresque_core::protocol::ServerMsg;
use tokio::sync::mpsc;

use super::{Connection, Frame, Hub, Role, RoomSlot, frame, lock};
use crate::room::{Audience, Out, Room};
use crate::store::Write;

/// Frames to send, each with its receivers (connection id and queue), in order.
#[derive(Default)]
pub(super) struct Delivery(Vec<(Frame, Vec<(u64, mpsc::Sender<Frame>)>)>);

impl Delivery {
    /// A message for one connection.
    pub(super) fn reply(&mut self, conn: &Connection, tx: &mpsc::Sender<Frame>, msg: &ServerMsg) {
        self.0.push((frame(msg), vec![(conn.id, tx.clone())]));
    }

    /// Sends everything; returns the connections whose queue was full or closed.
    fn send(self) -> Vec<u64> {
        let mut failed = Vec::new();
        for (f, receivers) in self.0 {
            for (conn, tx) in receivers {
                if !failed.contains(&conn) && tx.try_send(Arc::clone(&f)).is_err() {
                    failed.push(conn);
                }
            }
        }
        failed
    }
}

impl RoomSlot {
    /// Adds `msgs` to `delivery`, each for the members of its audience.
    pub(super) fn route(&self, msgs: Out, delivery: &mut Delivery) {
        for (audience, msg) in msgs {
            let receivers = self
                .members
                .iter()
                .filter(|m| match (audience, m.role) {
                    (Audience::Room, _) => true,
                    (Audience::Table(_), Role::Facilitator) => true,
                    (Audience::Table(t), Role::Player { table, .. }) => {
                        table == t || self.room.is_followed(t)
                    }
                })
                .map(|m| (m.conn, m.tx.clone()))
                .collect();
            delivery.0.push((frame(&msg), receivers));
        }
    }

    fn drop_members(&mut self, failed: &[u64]) {
        if !failed.is_empty() {
            self.members.retain(|m| !failed.contains(&m.conn));
        }
    }
}

/// What a change of a room must store: its moves (the `applied` messages in `out`) and, when
/// `record` is set, the room's record.
pub(super) fn writes(room: &Room, out: &Out, record: bool, now: u64) -> Vec<Write> {
    let mut writes: Vec<Write> = out
        .iter()
        .filter_map(|(_, msg)| match msg {
            ServerMsg::Applied { table, entry } => Some(Write::Move {
                code: room.code.clone(),
                table: *table,
                seq: entry.seq,
                record: Room::move_record(entry, now),
            }),
            _ => None,
        })
        .collect();
    if record {
        writes.push(Write::Room {
            code: room.code.clone(),
            record: room.record(now),
        });
    }
    writes
}

impl Hub {
    /// Stores `writes` (with a store), then sends `delivery`; a member whose queue is full
    /// is dropped (it reconnects and gets the whole table). Called with the room locked, so
    /// a room's changes are stored and sent in the order they were made.
    pub(super) fn commit(
        &self,
        slot: &Arc<Mutex<RoomSlot>>,
        s: &mut RoomSlot,
        writes: Vec<Write>,
        delivery: Delivery,
    ) {
        match &self.store {
            None => s.drop_members(&delivery.send()),
            Some(store) => {
                let slot = Arc::downgrade(slot);
                store.write(writes, move || {
                    let failed = delivery.send();
                    if !failed.is_empty()
                        && let Some(slot) = slot.upgrade()
                    {
                        lock(&slot).drop_members(&failed);
                    }
                });
            }
        }
    }
}
