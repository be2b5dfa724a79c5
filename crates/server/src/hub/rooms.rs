//! The rooms a hub holds: brought back from its store at start, taken in and let go by a
//! cluster, and removed when idle.

use std::path::Path;
use std::sync::{Arc, Mutex};

use super::{Hub, Limits, RoomSlot, lock, now_ms};
use crate::decks::DeckStore;
use crate::room::Room;
use crate::store::{Store, StoredRoom, Write};

impl Hub {
    /// A hub whose rooms are kept in the folder `dir` ([`crate::store`]). The rooms stored
    /// there come back, except those past their expiry, which are deleted. Also returns the
    /// rooms that could not be brought back, each with why (they stay in the store, untouched).
    pub fn open(
        decks: DeckStore,
        limits: Limits,
        dir: &Path,
    ) -> Result<(Self, usize, Vec<String>), String> {
        let (store, stored) = Store::open(dir)?;
        let mut hub = Self::new(decks, limits);
        let mut problems = Vec::new();
        let now = now_ms();
        let idle = hub.limits.idle_room.as_millis() as u64;
        let mut expired = Vec::new();
        let rooms = hub
            .rooms
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (code, StoredRoom { record, moves }) in stored {
            let Some(record) = record else {
                problems.push(format!(
                    "room {code} skipped: {} moves but no record",
                    moves.len()
                ));
                continue;
            };
            match Room::restore(&record, &moves, &hub.decks) {
                Ok(room) if room.code != code => problems.push(format!(
                    "room {code} skipped: its record is of room {}",
                    room.code
                )),
                Ok(room) if now.saturating_sub(room.last_activity_ms) >= idle => {
                    expired.push(Write::Delete { code });
                }
                Ok(room) => {
                    rooms.insert(
                        code,
                        Arc::new(Mutex::new(RoomSlot {
                            room,
                            members: Vec::new(),
                        })),
                    );
                }
                Err(why) => problems.push(format!("room {code} skipped: {why}")),
            }
        }
        let restored = rooms.len();
        if !expired.is_empty() {
            store.write(expired, || {});
        }
        hub.store = Some(store);
        Ok((hub, restored, problems))
    }

    /// A hub whose rooms are stored by `store` (Redis, [`crate::cluster`]); rooms come in
    /// with [`Self::adopt`].
    pub fn with_store(decks: DeckStore, limits: Limits, store: Store) -> Self {
        Self {
            store: Some(store),
            ..Self::new(decks, limits)
        }
    }

    pub fn decks(&self) -> &DeckStore {
        &self.decks
    }

    /// Whether this hub holds the room `code`.
    pub fn has_room(&self, code: &str) -> bool {
        lock(&self.rooms).contains_key(code)
    }

    /// The codes of the rooms held.
    pub fn room_codes(&self) -> Vec<String> {
        lock(&self.rooms).keys().cloned().collect()
    }

    /// Takes a room in (loaded from a store); one already held is kept.
    pub fn adopt(&self, room: Room) {
        lock(&self.rooms)
            .entry(room.code.clone())
            .or_insert_with(|| {
                Arc::new(Mutex::new(RoomSlot {
                    room,
                    members: Vec::new(),
                }))
            });
    }

    /// Lets a room go (another server holds it now); returns the connections that were in
    /// it, to be closed so they reconnect where the room is.
    pub fn evict(&self, code: &str) -> Vec<u64> {
        let slot = lock(&self.rooms).remove(code);
        slot.map(|s| lock(&s).members.iter().map(|m| m.conn).collect())
            .unwrap_or_default()
    }

    /// The store, if rooms are kept across restarts.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// Removes rooms idle for longer than the limit. Returns how many were removed.
    pub fn expire_rooms(&self) -> usize {
        let now = now_ms();
        let idle = self.limits.idle_room.as_millis() as u64;
        let mut rooms = lock(&self.rooms);
        let mut gone = Vec::new();
        rooms.retain(|code, slot| {
            let keep = now.saturating_sub(lock(slot).room.last_activity_ms) < idle;
            if !keep {
                gone.push(Write::Delete { code: code.clone() });
            }
            keep
        });
        let count = gone.len();
        if let Some(store) = &self.store
            && !gone.is_empty()
        {
            store.write(gone, || {});
        }
        count
    }
}
