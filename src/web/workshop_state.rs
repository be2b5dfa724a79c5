//! The workshop part of `#fresque-state`: the room, this screen's seat, the timer, the
//! connection, and every table this screen knows (for the browser tests and the mirror).

use serde::Serialize;

use crate::workshop::client::{JoinState, now_ms};
use crate::workshop::link::{Link, LinkStatus};
use crate::workshop::{Role, Workshop, WorkshopNotice};

#[derive(Serialize, PartialEq)]
pub struct WorkshopOut {
    room: String,
    /// "facilitator" or "player".
    role: &'static str,
    player: Option<u32>,
    table: Option<u8>,
    /// The table the play screen shows.
    shown: Option<u8>,
    /// "open", "connecting", "retrying", "closed".
    link: &'static str,
    /// Seconds left on the timer.
    timer: Option<u64>,
    timer_running: bool,
    /// "table-N", "debrief" or nothing.
    follow: Option<String>,
    ended: bool,
    tables: Vec<TableOut>,
    /// Cards of this player's hand that someone else holds, with their name.
    held_by_others: Vec<(String, String)>,
}

#[derive(Serialize, PartialEq)]
pub struct TableOut {
    n: u8,
    players: Vec<String>,
    online: usize,
    seq: u64,
    round: usize,
    phase: &'static str,
    placed: usize,
    links: usize,
    locked: bool,
    pending: usize,
}

/// The join screen's tables: who sits at each.
#[derive(Serialize, PartialEq)]
pub struct JoinOut {
    room: Option<String>,
    tables: Vec<Vec<String>>,
}

fn link_name(link: &Link) -> &'static str {
    match link.status {
        LinkStatus::Open => "open",
        LinkStatus::Connecting => "connecting",
        LinkStatus::Retrying { .. } => "retrying",
        LinkStatus::Closed => "closed",
    }
}

pub fn workshop_out(
    w: &Workshop,
    link: &Link,
    holders: &crate::session::HandHolders,
) -> WorkshopOut {
    let (role, player, table) = match w.role {
        Role::Facilitator { .. } => ("facilitator", None, None),
        Role::Player { player, table } => ("player", Some(player), Some(table)),
    };
    let mut held: Vec<(String, String)> = holders
        .0
        .iter()
        .map(|(c, n)| (c.to_string(), n.clone()))
        .collect();
    held.sort();
    WorkshopOut {
        room: w.info.room.clone(),
        role,
        player,
        table,
        shown: w.shown_table(),
        link: link_name(link),
        timer: w.timer_left_ms(now_ms()).map(|ms| ms.div_ceil(1000)),
        timer_running: w.timer_running(),
        follow: w.info.follow.map(|f| match f {
            crate::protocol::Focus::Table(t) => format!("table-{t}"),
            crate::protocol::Focus::Debrief => "debrief".to_owned(),
        }),
        ended: w.info.ended,
        tables: w
            .tables
            .iter()
            .map(|(&n, t)| {
                let game = t.game.view();
                TableOut {
                    n,
                    players: t.seats.iter().filter_map(|s| s.name.clone()).collect(),
                    online: t.seats.iter().filter(|s| s.online).count(),
                    seq: t.game.seq(),
                    round: game.round_index(),
                    phase: match game.phase() {
                        crate::rules::Phase::Playing => "playing",
                        crate::rules::Phase::Checked(_) => "checked",
                        crate::rules::Phase::Solution(_) => "solution",
                    },
                    placed: game.board().placed().len(),
                    links: game.board().links().len(),
                    locked: t.locked,
                    pending: t.game.pending_count(),
                }
            })
            .collect(),
        held_by_others: held,
    }
}

pub fn join_out(join: &JoinState) -> Option<JoinOut> {
    join.room.as_ref()?;
    Some(JoinOut {
        room: join.room.clone(),
        tables: join
            .tables
            .as_ref()
            .map(|(_, seats)| {
                seats
                    .iter()
                    .map(|t| t.iter().filter_map(|s| s.name.clone()).collect())
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// The message shown on workshop screens.
pub fn notice_out(notice: &WorkshopNotice) -> Option<String> {
    notice.0.clone()
}
