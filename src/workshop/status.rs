//! Over the play screen, in a workshop: a strip under the top bar with the room, the table
//! and who sits there, the timer, the lock, and the connection ("reconnecting…", moves
//! waiting); the facilitator looking at a table gets "back to the console" and "show to
//! everyone" there. Also keeps the tray's "held by" labels and the play screen's session in
//! line with the table shown.

use bevy::prelude::*;

use super::console::TimerText;
use super::link::{Link, LinkStatus};
use super::{Role, Workshop, WorkshopAction, WorkshopNotice};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::protocol::{Command, Focus};
use crate::screens::Screen;
use crate::session::HandHolders;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::layout::{PANEL_WIDTH, TOP_BAR_HEIGHT};
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct StatusStrip;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            hand_holders,
            (rebuild_strip, tick_timer_texts)
                .chain()
                .run_if(in_state(Screen::Play)),
        )
            .in_set(crate::AppSystems::Sync),
    );
}

/// `mm:ss` left on the timer, or nothing.
fn timer_label(w: &Workshop, lang: Lang) -> String {
    match w.timer_left_ms(super::client::now_ms()) {
        Some(ms) => {
            let s = ms.div_ceil(1000);
            let paused = if w.timer_running() {
                ""
            } else {
                lang.t(Key::TimerPausedMark)
            };
            format!(
                "{} {:02}:{:02}{paused}",
                lang.t(Key::TimeLeft),
                s / 60,
                s % 60
            )
        }
        None => String::new(),
    }
}

/// Every timer text shows the time left now.
pub fn tick_timer_texts(
    workshop: Option<Res<Workshop>>,
    lang: Res<Lang>,
    mut texts: Query<&mut Text, With<TimerText>>,
) {
    let Some(w) = workshop else {
        return;
    };
    let label = timer_label(&w, *lang);
    for mut text in &mut texts {
        if text.0 != label {
            text.0 = label.clone();
        }
    }
}

/// The tray shows who holds each card dealt to someone else at the player's table.
fn hand_holders(
    workshop: Option<Res<Workshop>>,
    mut holders: ResMut<HandHolders>,
    lang: Res<Lang>,
) {
    let wanted = match &workshop {
        Some(w) => match (w.role.clone(), w.own_table().and_then(|t| w.tables.get(&t))) {
            (Role::Player { player, .. }, Some(view)) if w.shown_table() == w.own_table() => view
                .owners
                .iter()
                .filter(|(_, p)| **p != player)
                .map(|(card, p)| {
                    let name = view
                        .seats
                        .iter()
                        .find(|s| s.player == *p)
                        .and_then(|s| s.name.clone())
                        .unwrap_or_else(|| lang.f(Key::PlayerN, &[("n", p)]));
                    (card.clone(), name)
                })
                .collect(),
            _ => Default::default(),
        },
        None => Default::default(),
    };
    if holders.0 != wanted {
        holders.0 = wanted;
    }
}

fn rebuild_strip(
    mut commands: Commands,
    workshop: Option<Res<Workshop>>,
    link: Res<Link>,
    notice: Res<WorkshopNotice>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    strips: Query<Entity, With<StatusStrip>>,
    mut last: Local<Option<String>>,
) {
    let Some(w) = workshop else {
        for e in &strips {
            commands.entity(e).despawn();
        }
        *last = None;
        return;
    };
    let shown = w.shown_table();
    let seats = shown.and_then(|t| w.tables.get(&t));
    let names: Vec<String> = seats
        .map(|v| {
            v.seats
                .iter()
                .filter(|s| s.online)
                .map(|s| {
                    s.name
                        .clone()
                        .unwrap_or_else(|| lang.t(Key::Anonymous).to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    let mut parts = vec![lang.f(Key::RoomLabel, &[("room", &w.info.room)])];
    if let Some(t) = shown {
        parts.push(lang.f(Key::TableN, &[("n", &t)]));
    }
    if !names.is_empty() {
        parts.push(names.join(", "));
    }
    if seats.is_some_and(|v| v.locked) {
        parts.push(lang.t(Key::Locked).to_owned());
    }
    let following = !w.is_facilitator() && shown != w.own_table();
    if following {
        parts.push(lang.t(Key::FollowingTable).to_owned());
    }
    let waiting = w
        .own_table()
        .and_then(|t| w.tables.get(&t))
        .map_or(0, |v| v.game.pending_count());
    match link.status {
        LinkStatus::Open | LinkStatus::Closed => {}
        LinkStatus::Connecting | LinkStatus::Retrying { .. } => {
            parts.push(match waiting {
                0 => lang.t(Key::Reconnecting).to_owned(),
                1 => lang.t(Key::ReconnectingOne).to_owned(),
                n => lang.f(Key::ReconnectingMany, &[("n", &n)]),
            });
        }
    }
    if let Some(text) = &notice.0 {
        parts.push(text.clone());
    }
    let line = parts.join(" · ");
    let key = format!("{line}|{}|{:?}", w.is_facilitator(), w.info.follow);
    if last.as_deref() == Some(key.as_str()) && !strips.is_empty() {
        return;
    }
    *last = Some(key);
    for e in &strips {
        commands.entity(e).despawn();
    }
    let strip = commands
        .spawn((
            Name::new("Workshop status"),
            StatusStrip,
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                top: px(TOP_BAR_HEIGHT),
                left: px(0),
                right: px(PANEL_WIDTH),
                padding: UiRect::axes(px(12), px(6)),
                column_gap: px(10),
                align_items: AlignItems::Center,
                ..default()
            },
            BackgroundColor(palette::PANEL.with_alpha(0.92)),
            GlobalZIndex(30),
        ))
        .id();
    commands.spawn((
        Text::new(line),
        fonts.bold(14.0),
        TextColor(if link.status == LinkStatus::Open {
            palette::INK
        } else {
            palette::ERROR_TEXT
        }),
        Pickable::IGNORE,
        ChildOf(strip),
    ));
    commands.spawn((
        Text::new(""),
        fonts.bold(16.0),
        TextColor(palette::ACCENT),
        TextLayout::no_wrap(),
        Node {
            flex_shrink: 0.0,
            ..default()
        },
        TimerText,
        Pickable::IGNORE,
        ChildOf(strip),
    ));
    if !w.is_facilitator() {
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::LeaveWorkshop),
                UiAction::Workshop(WorkshopAction::Leave),
                "leave",
                ButtonColors::QUIET,
            ),
            ChildOf(strip),
        ));
    }
    if w.is_facilitator() {
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::BackToConsole),
                UiAction::Workshop(WorkshopAction::Spotlight(None)),
                "back-to-console",
                ButtonColors::PRIMARY,
            ),
            ChildOf(strip),
        ));
        if let Some(t) = shown {
            let followed = w.info.follow == Some(Focus::Table(t));
            commands.spawn((
                widget::button(
                    &fonts,
                    lang.t(if followed {
                        Key::StopFollow
                    } else {
                        Key::ShowToAll
                    }),
                    UiAction::Workshop(WorkshopAction::Command(Command::Follow {
                        focus: if followed {
                            None
                        } else {
                            Some(Focus::Table(t))
                        },
                    })),
                    "follow-shown",
                    ButtonColors::QUIET,
                ),
                ChildOf(strip),
            ));
        }
    }
}
