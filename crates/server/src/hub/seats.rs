//! Coming into a room: creating one, joining a table (or sitting again with a token), and
//! leaving.

use std::sync::{Arc, Mutex};

use fresque_core::protocol::{ErrorCode, MAX_TABLES, ServerMsg, clean_name, room_code};
use tokio::sync::mpsc;

use super::delivery::{Delivery, writes};
use super::{
    Connection, Frame, Hub, Member, Role, RoomSlot, frame, lock, now_ms, random_hex, random_u32,
};
use crate::room::Room;
use crate::store::Write;

impl Hub {
    pub(super) fn create_room(
        &self,
        conn: &mut Connection,
        deck: &str,
        hash: &str,
        tables: u8,
        deal: fresque_core::protocol::DealMode,
        tx: &mpsc::Sender<Frame>,
    ) {
        let reply = |msg: ServerMsg| {
            let _ = tx.try_send(frame(&msg));
        };
        if !self.admit(conn.ip, tx) {
            return;
        }
        let Some(entry) = self.decks.get(deck) else {
            reply(ServerMsg::error(
                ErrorCode::UnknownDeck,
                format!("this server has no deck {deck}"),
            ));
            return;
        };
        if entry.hash != hash {
            reply(ServerMsg::error(
                ErrorCode::DeckMismatch,
                "the page and the server have different versions of this deck: reload the page",
            ));
            return;
        }
        if !(1..=MAX_TABLES).contains(&tables) {
            reply(ServerMsg::error(
                ErrorCode::UnknownTable,
                format!("a workshop has 1 to {MAX_TABLES} tables"),
            ));
            return;
        }
        let (code, secret) = {
            let mut rooms = lock(&self.rooms);
            if rooms.len() >= self.limits.max_rooms {
                reply(ServerMsg::error(
                    ErrorCode::ServerFull,
                    "this server holds as many workshops as it can: try later",
                ));
                return;
            }
            let mut code = room_code(random_u32() & ((1 << 30) - 1));
            while rooms.contains_key(&code) {
                code = room_code(random_u32() & ((1 << 30) - 1));
            }
            let secret = random_hex(16);
            let room = Room::new(
                code.clone(),
                secret.clone(),
                deck.to_owned(),
                entry.hash.clone(),
                Arc::clone(&entry.deck),
                tables,
                deal,
                now_ms(),
            );
            rooms.insert(
                code.clone(),
                Arc::new(Mutex::new(RoomSlot {
                    room,
                    members: Vec::new(),
                })),
            );
            (code, secret)
        };
        if let Some(slot) = self.slot(&code) {
            let mut s = lock(&slot);
            let mut delivery = Delivery::default();
            delivery.reply(
                conn,
                tx,
                &ServerMsg::Created {
                    room: code.clone(),
                    secret,
                },
            );
            if self.enter(conn, &code, &mut s, Role::Facilitator, tx) {
                delivery.reply(
                    conn,
                    tx,
                    &ServerMsg::Hosting {
                        info: s.room.info(),
                        tables: s.room.all_tables(),
                    },
                );
            }
            let writes = vec![Write::Create {
                code: code.clone(),
                record: s.room.record(now_ms()),
            }];
            self.commit(&slot, &mut s, writes, delivery);
        }
    }

    pub(super) fn join(
        &self,
        conn: &mut Connection,
        room: &str,
        table: u8,
        name: Option<String>,
        token: Option<String>,
        tx: &mpsc::Sender<Frame>,
    ) {
        let reply = |msg: ServerMsg| {
            let _ = tx.try_send(frame(&msg));
        };
        if !self.admit(conn.ip, tx) {
            return;
        }
        let Some((code, slot)) = self.find(room, tx) else {
            return;
        };
        let mut s = lock(&slot);
        let name = name.as_deref().and_then(clean_name);
        // A seat held before (reload): the same player, at the same table.
        let known = token.as_deref().and_then(|t| s.room.player_by_token(t));
        let (player, table) = match known {
            Some(player) => {
                let table = s.room.player(player).map_or(table, |p| p.table);
                (player, table)
            }
            None => {
                if s.room.table(table).is_none() {
                    reply(ServerMsg::error(
                        ErrorCode::UnknownTable,
                        format!("this workshop has tables 1 to {}", s.room.table_count()),
                    ));
                    return;
                }
                if s.room.online_at(table) >= crate::room::MAX_SEATS_PER_TABLE {
                    reply(ServerMsg::error(
                        ErrorCode::TableFull,
                        "this table is full: choose another one",
                    ));
                    return;
                }
                (0, table)
            }
        };
        let role = Role::Player { id: player, table };
        if !self.enter(conn, &code, &mut s, role, tx) {
            return;
        }
        let player = if known.is_some() {
            s.room.set_online(player, true, name);
            player
        } else {
            let token = random_hex(16);
            let id = s.room.seat(table, name, token);
            // The connection's role learns its number now.
            conn.role = Some(Role::Player { id, table });
            if let Some(m) = s.members.iter_mut().find(|m| m.conn == conn.id) {
                m.role = Role::Player { id, table };
            }
            id
        };
        let now = now_ms();
        s.room.last_activity_ms = now;
        let Some(state) = s.room.table_state(table) else {
            return;
        };
        let (token, last_id) = s
            .room
            .player(player)
            .map(|p| (p.token.clone(), p.last_id))
            .unwrap_or_default();
        // The seat (its token) is stored before the player is told it.
        let mut delivery = Delivery::default();
        delivery.reply(
            conn,
            tx,
            &ServerMsg::Seated {
                info: s.room.info(),
                player,
                token,
                state,
                last_id,
            },
        );
        // A player reaching a room that follows a table or is at the debrief needs those too.
        let followed: Vec<u8> = (1..=s.room.table_count())
            .filter(|t| *t != table && s.room.is_followed(*t))
            .collect();
        for t in followed {
            if let Some(state) = s.room.table_state(t) {
                delivery.reply(conn, tx, &ServerMsg::Table { state });
            }
        }
        let out = s.room.seats_changed(table);
        s.route(out, &mut delivery);
        let writes = writes(&s.room, &Vec::new(), true, now);
        self.commit(&slot, &mut s, writes, delivery);
    }

    /// Puts a connection in a room (leaving any other room first). `false`: the room is full.
    pub(super) fn enter(
        &self,
        conn: &mut Connection,
        code: &str,
        slot: &mut RoomSlot,
        role: Role,
        tx: &mpsc::Sender<Frame>,
    ) -> bool {
        if conn.room.as_deref() != Some(code) {
            if conn.room.is_some() {
                self.leave(conn);
            }
            if slot.members.len() >= self.limits.max_connections_per_room {
                let _ = tx.try_send(frame(&ServerMsg::error(
                    ErrorCode::RoomFull,
                    "this workshop is full",
                )));
                return false;
            }
            slot.members.push(Member {
                conn: conn.id,
                role,
                tx: tx.clone(),
            });
        } else if let Some(m) = slot.members.iter_mut().find(|m| m.conn == conn.id) {
            m.role = role;
        }
        conn.room = Some(code.to_owned());
        conn.role = Some(role);
        true
    }

    /// A connection closed (or moved to another room).
    pub fn leave(&self, conn: &mut Connection) {
        let Some(code) = conn.room.take() else {
            return;
        };
        let role = conn.role.take();
        let Some(slot) = self.slot(&code) else {
            return;
        };
        let mut s = lock(&slot);
        s.members.retain(|m| m.conn != conn.id);
        if let Some(Role::Player { id, table }) = role
            && id != 0
        {
            s.room.set_online(id, false, None);
            let out = s.room.seats_changed(table);
            let mut delivery = Delivery::default();
            s.route(out, &mut delivery);
            self.commit(&slot, &mut s, Vec::new(), delivery);
        }
    }
}
