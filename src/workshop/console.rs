//! The facilitator's console, readable on a projector: the room's code, join link and QR code;
//! the commands for every table (deal the next lot, lock, check, show the solution, next
//! round, the timer, bring everyone to a table or to the debrief); and every table live: who
//! sits there, the round, the lots dealt, the cards placed, the arrows, the last check.

use bevy::prelude::*;

use super::{Workshop, WorkshopAction, WorkshopNotice, qr};
use crate::feedback::report_summary;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::protocol::{Command, Focus};
use crate::rules::Phase;
use crate::screens::Screen;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::scroll::ScrollWithWheel;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct ConsoleRoot;

/// A line of a table's tile that changes with every move (names, figures, last check): updated
/// in place, so the buttons stay under the facilitator's pointer while the tables play.
#[derive(Component)]
struct TileText {
    table: u8,
    line: usize,
}

/// The changing lines of a table's tile.
fn tile_lines(table: &super::TableView, lang: Lang) -> [String; 3] {
    let game = table.game.view();
    let names: Vec<String> = table
        .seats
        .iter()
        .filter(|s| s.online)
        .map(|s| {
            s.name
                .clone()
                .unwrap_or_else(|| lang.t(Key::Anonymous).to_owned())
        })
        .collect();
    let placed = game.board().placed().len();
    let dealt = placed + game.hand().len();
    [
        if names.is_empty() {
            lang.t(Key::NobodyYet).to_owned()
        } else {
            names.join(", ")
        },
        lang.f(
            Key::TableStats,
            &[
                ("round", &(game.round_index() + 1)),
                ("rounds", &game.round_count()),
                ("placed", &placed),
                ("dealt", &dealt),
                ("links", &game.board().links().len()),
            ],
        ),
        match game.phase() {
            Phase::Playing => lang.t(Key::PhasePlaying).to_owned(),
            Phase::Checked(r) | Phase::Solution(r) => {
                format!("✓ {}", report_summary(lang.0, game.kind(), r))
            }
        },
    ]
}

/// The timer's text (updated every second without rebuilding the console).
#[derive(Component)]
pub struct TimerText;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (rebuild_console, super::status::tick_timer_texts)
            .chain()
            .run_if(in_state(Screen::Console))
            .in_set(crate::AppSystems::Sync),
    );
}

fn command(c: Command) -> UiAction {
    UiAction::Workshop(WorkshopAction::Command(c))
}

/// The address a player opens to join (also in the QR code).
pub fn join_link(room: &str, lang: Lang) -> String {
    let base = crate::web::base_url().unwrap_or_else(|| "./".to_owned());
    let lang = if lang.0 == crate::i18n::Language::FR {
        String::new()
    } else {
        format!("&lang={}", lang.0)
    };
    format!("{base}?room={room}{lang}")
}

fn rebuild_console(
    mut commands: Commands,
    workshop: Option<Res<Workshop>>,
    notice: Res<WorkshopNotice>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    roots: Query<Entity, With<ConsoleRoot>>,
    mut tile_texts: Query<(&TileText, &mut Text)>,
    mut images: ResMut<Assets<Image>>,
    mut qr_image: Local<Option<(String, Handle<Image>)>>,
    mut shown: Local<Option<String>>,
    state: Res<State<Screen>>,
) {
    let Some(w) = workshop else {
        return;
    };
    if !state.is_changed() && !w.is_changed() && !notice.is_changed() && !lang.is_changed() {
        return;
    }
    // What the buttons say; when only the tables' figures change, their lines are updated in
    // place and nothing is rebuilt.
    let any = w.tables.values().next().map(|t| t.game.view());
    let key = format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        w.info.room,
        w.tables
            .iter()
            .map(|(n, t)| (*n, t.locked))
            .collect::<Vec<_>>(),
        w.info.follow,
        std::mem::discriminant(&w.info.timer),
        any.map(|g| (g.board().revealed_lots(), g.lot_count())),
        notice.0,
        lang.0,
    );
    if !state.is_changed() && shown.as_deref() == Some(key.as_str()) && !roots.is_empty() {
        for (tile, mut text) in &mut tile_texts {
            if let Some(table) = w.tables.get(&tile.table) {
                let line = tile_lines(table, *lang)[tile.line].clone();
                if text.0 != line {
                    text.0 = line;
                }
            }
        }
        return;
    }
    *shown = Some(key);
    for e in &roots {
        commands.entity(e).despawn();
    }
    let room = w.info.room.clone();
    let link = join_link(&room, *lang);
    if qr_image.as_ref().is_none_or(|(l, _)| *l != link)
        && let Some(image) = qr::image(&link)
    {
        *qr_image = Some((link.clone(), images.add(image)));
    }
    let root = commands
        .spawn((
            Name::new("Console"),
            ConsoleRoot,
            DespawnOnExit(Screen::Console),
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: px(18).all(),
                row_gap: px(12),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollWithWheel,
        ))
        .id();

    // Header: the code, large, the link, the QR code, the timer.
    let header = commands
        .spawn((widget::panel(Node::default()), ChildOf(root)))
        .id();
    // A row: the code and link on the left, the QR code on the right (a panel is a column).
    commands.entity(header).insert(Node {
        flex_direction: FlexDirection::Row,
        align_items: AlignItems::Center,
        column_gap: px(24),
        border: px(1).all(),
        border_radius: BorderRadius::all(px(10)),
        padding: px(16).all(),
        ..default()
    });
    let words = commands
        .spawn((
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                flex_grow: 1.0,
                ..default()
            },
            Pickable::IGNORE,
            ChildOf(header),
        ))
        .id();
    commands.spawn((
        widget::text(&fonts, w.deck.title.clone(), 16.0, palette::INK_SOFT),
        ChildOf(words),
    ));
    commands.spawn((
        widget::text(&fonts, lang.t(Key::RoomCode), 18.0, palette::INK),
        ChildOf(words),
    ));
    commands.spawn((
        Text::new(room.clone()),
        fonts.bold(72.0),
        TextColor(palette::ACCENT),
        Pickable::IGNORE,
        ChildOf(words),
    ));
    commands.spawn((
        widget::text(&fonts, link.clone(), 15.0, palette::INK_SOFT),
        ChildOf(words),
    ));
    commands.spawn((
        Text::new(""),
        fonts.bold(30.0),
        TextColor(palette::INK),
        TimerText,
        Pickable::IGNORE,
        ChildOf(words),
    ));
    if let Some((_, handle)) = &*qr_image {
        commands.spawn((
            Name::new("Join QR code"),
            ImageNode::new(handle.clone()),
            Node {
                width: px(230),
                height: px(230),
                ..default()
            },
            Pickable::IGNORE,
            ChildOf(header),
        ));
    }

    // The commands for every table.
    let bar = commands
        .spawn((
            Node {
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(8),
                row_gap: px(8),
                align_items: AlignItems::Center,
                ..default()
            },
            ChildOf(root),
        ))
        .id();
    let mut button = |label: String, action: UiAction, id: &str, primary: bool| {
        commands.spawn((
            widget::button(
                &fonts,
                label,
                action,
                id.to_owned(),
                if primary {
                    ButtonColors::PRIMARY
                } else {
                    ButtonColors::QUIET
                },
            ),
            ChildOf(bar),
        ));
    };
    let any = w.tables.values().next().map(|t| t.game.view());
    let lots = any.map_or((0, 0), |g| (g.board().revealed_lots(), g.lot_count()));
    button(
        lang.f(Key::DealLot, &[("n", &lots.0), ("total", &lots.1)]),
        command(Command::DealLot { table: None }),
        "deal-lot",
        true,
    );
    let all_locked = !w.tables.is_empty() && w.tables.values().all(|t| t.locked);
    button(
        lang.t(if all_locked {
            Key::UnlockAll
        } else {
            Key::LockAll
        })
        .to_owned(),
        command(Command::Lock {
            table: None,
            locked: !all_locked,
        }),
        "lock-all",
        false,
    );
    button(
        lang.t(Key::CheckAll).to_owned(),
        command(Command::Check { table: None }),
        "check-all",
        false,
    );
    button(
        lang.t(Key::SolutionAll).to_owned(),
        command(Command::ShowSolution { table: None }),
        "solution-all",
        false,
    );
    button(
        lang.t(Key::NextRoundAll).to_owned(),
        command(Command::NextRound),
        "next-round-all",
        false,
    );
    for minutes in [5u32, 10, 15] {
        button(
            lang.f(Key::TimerMinutes, &[("n", &minutes)]),
            command(Command::TimerStart {
                seconds: minutes * 60,
            }),
            &format!("timer-{minutes}"),
            false,
        );
    }
    match w.info.timer {
        crate::protocol::Timer::Running { .. } => button(
            lang.t(Key::TimerPause).to_owned(),
            command(Command::TimerPause),
            "timer-pause",
            false,
        ),
        crate::protocol::Timer::Paused { .. } => button(
            lang.t(Key::TimerResume).to_owned(),
            command(Command::TimerResume),
            "timer-resume",
            false,
        ),
        crate::protocol::Timer::Off => {}
    }
    if w.info.timer != crate::protocol::Timer::Off {
        button(
            lang.t(Key::TimerStop).to_owned(),
            command(Command::TimerStop),
            "timer-stop",
            false,
        );
    }
    if w.info.follow.is_some() {
        button(
            lang.t(Key::StopFollow).to_owned(),
            command(Command::Follow { focus: None }),
            "follow-stop",
            false,
        );
    }
    button(
        lang.t(Key::EndWorkshop).to_owned(),
        command(Command::End),
        "end",
        true,
    );
    button(
        lang.t(Key::Debrief).to_owned(),
        UiAction::Workshop(WorkshopAction::OpenDebrief),
        "open-debrief",
        false,
    );
    if let Some(text) = &notice.0 {
        commands.spawn((
            widget::text(&fonts, text.clone(), 16.0, palette::ERROR_TEXT),
            ChildOf(root),
        ));
    }

    // Every table.
    let grid = commands
        .spawn((
            Node {
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(12),
                row_gap: px(12),
                ..default()
            },
            ChildOf(root),
        ))
        .id();
    for (&n, table) in &w.tables {
        let followed = w.info.follow == Some(Focus::Table(n));
        let tile = commands
            .spawn((
                Name::new(format!("Table {n}")),
                widget::panel_with_edge(
                    Node {
                        width: px(360),
                        ..default()
                    },
                    if followed {
                        palette::CARD_SELECTED
                    } else {
                        palette::PANEL_EDGE
                    },
                ),
                ChildOf(grid),
            ))
            .id();
        let lock = if table.locked {
            format!(" · {}", lang.t(Key::TableLocked))
        } else {
            String::new()
        };
        commands.spawn((
            widget::heading(
                &fonts,
                format!("{}{lock}", lang.f(Key::TableN, &[("n", &n)])),
                22.0,
            ),
            ChildOf(tile),
        ));
        for (line, (text, size)) in tile_lines(table, *lang)
            .into_iter()
            .zip([15.0, 15.0, 14.0])
            .enumerate()
        {
            commands.spawn((
                widget::text(&fonts, text, size, palette::INK),
                TileText { table: n, line },
                ChildOf(tile),
            ));
        }
        let row = commands
            .spawn((
                Node {
                    flex_wrap: FlexWrap::Wrap,
                    column_gap: px(6),
                    row_gap: px(6),
                    ..default()
                },
                ChildOf(tile),
            ))
            .id();
        let table_buttons = [
            (
                lang.t(Key::ViewTable).to_owned(),
                UiAction::Workshop(WorkshopAction::Spotlight(Some(n))),
                format!("view-table-{n}"),
            ),
            (
                lang.t(if followed {
                    Key::StopFollow
                } else {
                    Key::ShowToAll
                })
                .to_owned(),
                command(Command::Follow {
                    focus: if followed {
                        None
                    } else {
                        Some(Focus::Table(n))
                    },
                }),
                format!("follow-table-{n}"),
            ),
            (
                lang.t(if table.locked { Key::Unlock } else { Key::Lock })
                    .to_owned(),
                command(Command::Lock {
                    table: Some(n),
                    locked: !table.locked,
                }),
                format!("lock-table-{n}"),
            ),
            (
                lang.t(Key::Check).to_owned(),
                command(Command::Check { table: Some(n) }),
                format!("check-table-{n}"),
            ),
        ];
        for (label, action, id) in table_buttons {
            commands.spawn((
                widget::button(&fonts, label, action, id, ButtonColors::QUIET),
                ChildOf(row),
            ));
        }
    }
    commands.spawn((
        widget::button(
            &fonts,
            lang.t(Key::LeaveConsole),
            UiAction::Workshop(WorkshopAction::Leave),
            "leave",
            ButtonColors::QUIET,
        ),
        ChildOf(root),
    ));
}
