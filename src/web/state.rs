//! `#fresque-state`: the JSON the game publishes for the browser tests (and the accessible
//! HTML mirror to come): the screen, the interactive elements with their places on screen, the
//! hand, the board, the arrows and the last check. Written only when it changes.

use bevy::prelude::*;
use bevy::ui::UiGlobalTransform;
use serde::Serialize;

use super::page;
use crate::content::catalog::{DeckCatalog, EntryStatus};
use crate::feedback::report_summary;
use crate::locale::Lang;
use crate::rules::{Phase, Placement, RoundKind, Verdict};
use crate::screens::Screen;
use crate::session::Session;
use crate::table::camera::MainCamera;
use crate::table::cards::{BoardCard, LinkHandle};
use crate::ui_action::{AutomationId, Disabled};

/// A UI node's rectangle on screen, in logical pixels.
pub fn node_rect(node: &ComputedNode, transform: &UiGlobalTransform) -> Rect {
    let s = node.inverse_scale_factor();
    Rect::from_center_size(transform.translation * s, node.size() * s)
}

#[derive(Serialize, PartialEq, Default)]
struct Rect4 {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

impl From<Rect> for Rect4 {
    fn from(r: Rect) -> Self {
        Self {
            x: r.min.x,
            y: r.min.y,
            w: r.width(),
            h: r.height(),
        }
    }
}

#[derive(Serialize, PartialEq)]
struct Control {
    id: String,
    label: String,
    enabled: bool,
    rect: Rect4,
}

#[derive(Serialize, PartialEq)]
struct CardOnScreen {
    id: String,
    rect: Rect4,
    /// Centre of the ➜ handle.
    handle: [f32; 2],
}

#[derive(Serialize, PartialEq)]
struct LinkOnScreen {
    from: String,
    to: String,
    verdict: Option<&'static str>,
}

#[derive(Serialize, PartialEq)]
struct ReportSummary {
    correct: usize,
    acceptable: usize,
    wrong: usize,
    missing: usize,
    required: usize,
    /// Cards placed right / wrong (categories, timeline).
    right_cards: usize,
    wrong_cards: usize,
    unplaced: usize,
    perfect: bool,
    cards: Vec<CardVerdictOut>,
    summary: String,
}

#[derive(Serialize, PartialEq)]
struct CardVerdictOut {
    card: String,
    /// "right-zone", "wrong-zone", "in-place" or "misplaced".
    verdict: &'static str,
    /// The zone it is in (categories), or the step where it belongs, from 1 (timeline).
    zone: Option<String>,
    step: Option<usize>,
}

#[derive(Serialize, PartialEq)]
struct RoundInfo {
    index: usize,
    count: usize,
    kind: &'static str,
    title: String,
    /// Whether the solution is shown.
    solution: bool,
    finished: bool,
}

#[derive(Serialize, PartialEq)]
struct ZoneOnScreen {
    id: String,
    label: String,
    rect: Rect4,
}

#[derive(Serialize, PartialEq)]
struct SummaryOut {
    rounds: Vec<SummaryRoundOut>,
    sources: usize,
}

#[derive(Serialize, PartialEq)]
struct SummaryRoundOut {
    title: String,
    checks: usize,
    perfect: bool,
    misconceptions: usize,
}

#[derive(Serialize, PartialEq)]
struct DeckEntry {
    file: String,
    ok: bool,
    errors: Vec<String>,
}

#[derive(Serialize, PartialEq)]
struct PageState {
    screen: &'static str,
    lang: String,
    controls: Vec<Control>,
    decks: Vec<DeckEntry>,
    deck: Option<String>,
    phase: Option<&'static str>,
    hand: Vec<String>,
    board: Vec<CardOnScreen>,
    links: Vec<LinkOnScreen>,
    report: Option<ReportSummary>,
    round: Option<RoundInfo>,
    zones: Vec<ZoneOnScreen>,
    /// The timeline's line on screen: [x1, y1, x2, y2].
    timeline: Option<[f32; 4]>,
    summary: Option<SummaryOut>,
    /// Whether an arrow is being pulled from a card's handle.
    pending_arrow: bool,
    /// The card chosen (shown in the side panel), and the one being moved without dragging.
    selected: Option<String>,
    moving: Option<String>,
    /// The card the keyboard focus is on, in the HTML mirror.
    keyboard: Option<String>,
    workshop: Option<super::workshop_state::WorkshopOut>,
    join: Option<super::workshop_state::JoinOut>,
    notice: Option<String>,
    /// Whether this site offers workshops ("yes", "no", "unknown").
    workshops: &'static str,
    /// The workshop being prepared on the host screen: (deck, tables).
    host: Option<(Option<String>, u8)>,
    /// What became of the last deck file of one's own.
    deck_file: Option<super::deck_file_state::DeckFileOut>,
}

fn verdict_name(v: &Verdict) -> &'static str {
    match v {
        Verdict::Correct { .. } => "correct",
        Verdict::Acceptable { .. } => "acceptable",
        Verdict::Wrong(_) => "wrong",
    }
}

/// Writes `#fresque-state` when what it describes has changed.
pub(super) fn publish_state(
    screen: Res<State<Screen>>,
    lang: Res<Lang>,
    catalog: Res<DeckCatalog>,
    session: Option<Res<Session>>,
    controls: Query<(
        &AutomationId,
        &ComputedNode,
        &UiGlobalTransform,
        &InheritedVisibility,
        Option<&Children>,
        Has<Disabled>,
    )>,
    texts: Query<&Text>,
    cards: Query<(&BoardCard, &GlobalTransform, &Children)>,
    handles: Query<&GlobalTransform, With<LinkHandle>>,
    camera: Single<(&Camera, &GlobalTransform), With<MainCamera>>,
    link_drag: Res<crate::table::links::LinkDrag>,
    selection: Res<crate::table::Selection>,
    workshop: (
        Option<Res<crate::workshop::Workshop>>,
        Res<crate::workshop::link::Link>,
        Res<crate::session::HandHolders>,
        Res<crate::workshop::client::JoinState>,
        Res<crate::workshop::WorkshopNotice>,
        Res<crate::workshop::Availability>,
        Res<crate::workshop::HostForm>,
    ),
    deck_file: Res<crate::content::custom::DeckFileReport>,
    mut last: Local<String>,
) {
    let (workshop, link, holders, join, notice, availability, host) = workshop;
    let (cam, cam_transform) = *camera;
    let to_screen = |p: Vec3| cam.world_to_viewport(cam_transform, p).ok();
    let mut control_list: Vec<Control> = controls
        .iter()
        .filter(|(_, node, _, vis, _, _)| vis.get() && node.size().x > 0.0)
        .map(|(id, node, transform, _, children, disabled)| {
            let label = children
                .and_then(|c| c.iter().find_map(|e| texts.get(e).ok()))
                .map(|t| t.0.clone())
                .unwrap_or_default();
            Control {
                id: id.0.clone(),
                label,
                enabled: !disabled,
                rect: node_rect(node, transform).into(),
            }
        })
        .collect();
    control_list.sort_by(|a, b| a.id.cmp(&b.id));

    let mut board = Vec::new();
    for (BoardCard(id), transform, children) in &cards {
        let center = transform.translation();
        let half = crate::table::CARD_SIZE.extend(0.0) / 2.0;
        let (Some(top_left), Some(bottom_right)) = (
            to_screen(center + Vec3::new(-half.x, half.y, 0.0)),
            to_screen(center + Vec3::new(half.x, -half.y, 0.0)),
        ) else {
            continue;
        };
        let handle = children
            .iter()
            .find_map(|c| handles.get(c).ok())
            .and_then(|h| to_screen(h.translation()))
            .map_or([0.0, 0.0], |p| [p.x, p.y]);
        board.push(CardOnScreen {
            id: id.to_string(),
            rect: Rect::from_corners(top_left, bottom_right).into(),
            handle,
        });
    }
    board.sort_by(|a, b| a.id.cmp(&b.id));

    let decks = catalog
        .entries
        .iter()
        .map(|e| DeckEntry {
            file: e.file.clone(),
            ok: matches!(e.status, EntryStatus::Ready(..)),
            errors: match &e.status {
                EntryStatus::Failed(problems) => problems.iter().map(|p| p.to_string()).collect(),
                _ => Vec::new(),
            },
        })
        .collect();

    let (deck, phase, hand, links, report) = match &session {
        Some(session) => {
            let game = &session.game;
            let report = game.report();
            (
                Some(game.deck().id.clone()),
                Some(match game.phase() {
                    Phase::Playing => "playing",
                    Phase::Checked(_) => "checked",
                    Phase::Solution(_) => "solution",
                }),
                game.hand().iter().map(ToString::to_string).collect(),
                game.board()
                    .links()
                    .iter()
                    .map(|l| LinkOnScreen {
                        from: l.from.to_string(),
                        to: l.to.to_string(),
                        verdict: report.and_then(|r| r.verdict(l)).map(verdict_name),
                    })
                    .collect(),
                report.map(|r| ReportSummary {
                    correct: r.correct(),
                    acceptable: r.acceptable(),
                    wrong: r.wrong(),
                    missing: r.missing.len(),
                    required: r.required_total,
                    right_cards: r.cards_right(),
                    wrong_cards: r.cards_wrong(),
                    unplaced: r.unplaced.len(),
                    perfect: r.is_perfect(),
                    cards: r
                        .cards
                        .iter()
                        .map(|c| {
                            let (verdict, zone, step) = match &c.placement {
                                Placement::RightZone { zone, .. } => {
                                    ("right-zone", Some(zone.clone()), None)
                                }
                                Placement::WrongZone { zone, .. } => {
                                    ("wrong-zone", zone.clone(), None)
                                }
                                Placement::InPlace { step } => ("in-place", None, Some(step + 1)),
                                Placement::Misplaced { step, .. } => {
                                    ("misplaced", None, Some(step + 1))
                                }
                            };
                            CardVerdictOut {
                                card: c.card.to_string(),
                                verdict,
                                zone,
                                step,
                            }
                        })
                        .collect(),
                    summary: report_summary(lang.0, game.kind(), r),
                }),
            )
        }
        None => (None, None, Vec::new(), Vec::new(), None),
    };
    let world_rect = |min: Vec2, max: Vec2| -> Option<Rect4> {
        let a = to_screen(Vec3::new(min.x, max.y, 0.0))?;
        let b = to_screen(Vec3::new(max.x, min.y, 0.0))?;
        Some(Rect::from_corners(a, b).into())
    };
    let mut round = None;
    let mut zones = Vec::new();
    let mut timeline = None;
    let mut summary = None;
    if let Some(session) = &session {
        let game = &session.game;
        round = Some(RoundInfo {
            index: game.round_index(),
            count: game.round_count(),
            kind: game.kind().name(),
            title: game.round().title.clone(),
            solution: game.showing_solution(),
            finished: game.is_finished(),
        });
        match game.kind() {
            RoundKind::Categories(r) => {
                for (zone, rect) in r.zones.iter().zip(crate::rules::zone_rects(r)) {
                    if let Some(rect) = world_rect(
                        Vec2::new(rect.min.x, rect.min.y),
                        Vec2::new(rect.max.x, rect.max.y),
                    ) {
                        zones.push(ZoneOnScreen {
                            id: zone.id.clone(),
                            label: zone.label.clone(),
                            rect,
                        });
                    }
                }
            }
            RoundKind::Timeline(r) => {
                let (left, right) = crate::rules::timeline_extent(r);
                let y = crate::rules::TIMELINE_Y;
                if let (Some(a), Some(b)) = (
                    to_screen(Vec3::new(left, y, 0.0)),
                    to_screen(Vec3::new(right, y, 0.0)),
                ) {
                    timeline = Some([a.x, a.y, b.x, b.y]);
                }
            }
            _ => {}
        }
        if game.is_finished() {
            let s = game.summary();
            summary = Some(SummaryOut {
                sources: s.sources.len(),
                rounds: s
                    .rounds
                    .iter()
                    .map(|r| SummaryRoundOut {
                        title: r.title.clone(),
                        checks: r.checks,
                        perfect: r.report.as_ref().is_some_and(|r| r.is_perfect()),
                        misconceptions: r.misconceptions.len(),
                    })
                    .collect(),
            });
        }
    }

    let state = PageState {
        screen: screen.get().name(),
        lang: lang.0.code().to_owned(),
        controls: control_list,
        decks,
        deck,
        phase,
        hand,
        board,
        links,
        report,
        round,
        zones,
        timeline,
        summary,
        pending_arrow: link_drag.from.is_some(),
        selected: selection.card.as_ref().map(ToString::to_string),
        moving: selection.moving.as_ref().map(ToString::to_string),
        keyboard: selection.keyboard.as_ref().map(ToString::to_string),
        workshop: workshop
            .as_deref()
            .map(|w| super::workshop_state::workshop_out(w, &link, &holders)),
        join: super::workshop_state::join_out(&join),
        notice: super::workshop_state::notice_out(&notice),
        workshops: match *availability {
            crate::workshop::Availability::Available => "yes",
            crate::workshop::Availability::Unavailable => "no",
            crate::workshop::Availability::Unknown => "unknown",
            crate::workshop::Availability::Offline => "offline",
        },
        host: (*screen.get() == Screen::Host).then(|| (host.deck.clone(), host.tables)),
        deck_file: super::deck_file_state::deck_file_out(&deck_file),
    };
    let Ok(json) = serde_json::to_string(&state) else {
        return;
    };
    if *last != json {
        page::set_state_json(&json);
        *last = json;
    }
}
