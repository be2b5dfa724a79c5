//! Workshops: a facilitator runs several shared tables from one server (`crates/server`).
//!
//! The network is just another source of `PlayerAction`s and sink of `GameEvent`s: while a
//! player sits at a table, [`client`] sends the moves of the play screen to the server
//! instead of applying them here ([`crate::session::SharedPlay`]), shows them at once, and
//! brings in the moves of the others; the board, cards and panels do not know the difference.
//!
//! - [`link`]: the connection (a WebSocket in the browser), with reconnection and backoff;
//! - [`client`]: server messages → the workshop's state, the session and the screens;
//! - [`host`], [`join`], [`console`], [`debrief`]: the workshop's screens;
//! - [`status`]: the table, the timer, the lock and the connection, over the play screen;
//! - [`qr`]: the QR code of the join link;
//! - [`store`]: what the browser keeps for a reload (the facilitator's secret, a seat).

pub mod client;
pub mod console;
pub mod debrief;
pub mod host;
pub mod join;
pub mod link;
pub mod qr;
pub mod status;
pub mod store;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use bevy::prelude::*;

use crate::protocol::{DealMode, PlayerId, RoomInfo, Seat, Timer};
use crate::rules::{CardId, Deck};
use crate::shared::SharedGame;
pub use crate::ui_action::WorkshopAction;

/// What this screen is in a workshop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Facilitator { secret: String },
    Player { player: PlayerId, table: u8 },
}

/// One table as this screen knows it.
#[derive(Clone, Debug)]
pub struct TableView {
    pub game: SharedGame,
    pub seats: Vec<Seat>,
    pub locked: bool,
    /// Who received each card dealt at this table (deal mode `players`).
    pub owners: HashMap<CardId, PlayerId>,
}

/// The workshop this screen is in (absent outside workshops).
#[derive(Resource, Debug)]
pub struct Workshop {
    pub info: RoomInfo,
    pub role: Role,
    pub deck: Arc<Deck>,
    /// The deck file as the catalogue lists it (for the session).
    pub deck_file: String,
    /// Tables known here: a player's own (and those the facilitator shows), every table for
    /// the facilitator.
    pub tables: BTreeMap<u8, TableView>,
    /// Server clock minus this clock, in ms (the timer counts on the server's clock).
    pub clock_offset_ms: i64,
    /// The table the facilitator has open on the play screen.
    pub spotlight: Option<u8>,
}

impl Workshop {
    pub fn is_facilitator(&self) -> bool {
        matches!(self.role, Role::Facilitator { .. })
    }

    /// The player's own table.
    pub fn own_table(&self) -> Option<u8> {
        match self.role {
            Role::Player { table, .. } => Some(table),
            Role::Facilitator { .. } => None,
        }
    }

    /// The table the play screen shows: the facilitator's open table; for a player, the
    /// followed table while the facilitator shows one to everyone, else their own.
    pub fn shown_table(&self) -> Option<u8> {
        match self.role {
            Role::Facilitator { .. } => self.spotlight,
            Role::Player { table, .. } => match self.info.follow {
                Some(crate::protocol::Focus::Table(t)) if self.tables.contains_key(&t) => Some(t),
                _ => Some(table),
            },
        }
    }

    /// Milliseconds left on the timer now (`None`: no timer).
    pub fn timer_left_ms(&self, now_ms: u64) -> Option<u64> {
        let server_now = (now_ms as i64 + self.clock_offset_ms).max(0) as u64;
        self.info.timer.remaining_ms(server_now)
    }

    pub fn timer_running(&self) -> bool {
        matches!(self.info.timer, Timer::Running { .. })
    }
}

/// What the facilitator is preparing on the host screen.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct HostForm {
    /// The deck file, as the manifest lists it.
    pub deck: Option<String>,
    pub tables: u8,
    pub deal: DealMode,
}

impl Default for HostForm {
    fn default() -> Self {
        Self {
            deck: None,
            tables: 4,
            deal: DealMode::Players,
        }
    }
}

/// A workshop message to show on the workshop screens (an unknown code, a full table…).
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct WorkshopNotice(pub Option<String>);

/// Whether this site has the workshop server (`/api/info` answered), as the page found out.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    #[default]
    Unknown,
    Available,
    /// A static host: solo play only.
    Unavailable,
    /// No network (the page came from the offline copy): workshops wait for a connection.
    Offline,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HostForm>()
        .init_resource::<WorkshopNotice>()
        .init_resource::<Availability>()
        .add_plugins((
            store::plugin,
            link::plugin,
            client::plugin,
            host::plugin,
            host::title_entries_plugin,
            join::plugin,
            console::plugin,
            debrief::plugin,
            status::plugin,
        ));
}
