//! What the browser keeps for a reload, in `localStorage`: the room a facilitator hosts, with
//! its secret (never put in a link), and the seat a player holds in a room (a token). Nothing
//! else: no names, no moves. On native builds (tests) it is kept in memory.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// The room this browser hosts.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct HostedRoom {
    pub room: String,
    pub secret: String,
}

/// A seat this browser holds in a room.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct HeldSeat {
    pub token: String,
    pub table: u8,
}

/// The browser's memory of workshops, read at start.
#[derive(Resource, Debug, Default, Clone)]
pub struct WorkshopStore {
    pub hosted: Option<HostedRoom>,
    /// Native builds keep seats here.
    seats: Vec<(String, HeldSeat)>,
}

const HOSTED_KEY: &str = "fresque.hosted";

fn seat_key(room: &str) -> String {
    format!("fresque.seat.{room}")
}

impl WorkshopStore {
    pub fn set_hosted(&mut self, hosted: Option<HostedRoom>) {
        match &hosted {
            Some(h) => {
                storage::set(HOSTED_KEY, &serde_json::to_string(h).unwrap_or_default());
            }
            None => storage::remove(HOSTED_KEY),
        }
        self.hosted = hosted;
    }

    pub fn seat(&self, room: &str) -> Option<HeldSeat> {
        storage::get(&seat_key(room))
            .and_then(|s| serde_json::from_str(&s).ok())
            .or_else(|| {
                self.seats
                    .iter()
                    .find(|(r, _)| r == room)
                    .map(|(_, s)| s.clone())
            })
    }

    pub fn set_seat(&mut self, room: &str, seat: Option<HeldSeat>) {
        self.seats.retain(|(r, _)| r != room);
        match seat {
            Some(s) => {
                storage::set(
                    &seat_key(room),
                    &serde_json::to_string(&s).unwrap_or_default(),
                );
                self.seats.push((room.to_owned(), s));
            }
            None => storage::remove(&seat_key(room)),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    // A corrupt entry is ignored (and replaced at the next save).
    let hosted = storage::get(HOSTED_KEY).and_then(|s| serde_json::from_str(&s).ok());
    app.insert_resource(WorkshopStore {
        hosted,
        seats: Vec::new(),
    });
}

/// The browser's storage; natively nothing is kept (tests run several apps on one thread).
#[cfg(target_arch = "wasm32")]
use crate::web::storage;

#[cfg(not(target_arch = "wasm32"))]
mod storage {
    pub fn get(_key: &str) -> Option<String> {
        None
    }
    pub fn set(_key: &str, _value: &str) -> bool {
        false
    }
    pub fn remove(_key: &str) {}
}
