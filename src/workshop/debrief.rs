//! The room's debrief: every table's results, round by round, and the misconceptions met
//! across the tables (the most shared first), with the deck's corrections. Everyone sees it
//! when the facilitator ends the workshop; the facilitator can open it any time.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::{Workshop, WorkshopAction};
use crate::feedback::{misconception_text, report_summary};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::screens::Screen;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::scroll::ScrollWithWheel;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct DebriefRoot;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        rebuild_debrief
            .run_if(in_state(Screen::Debrief))
            .in_set(crate::AppSystems::Sync),
    );
}

/// Misconceptions met across tables: (what, correction) → the tables that met it.
pub fn shared_misconceptions(w: &Workshop) -> Vec<((String, String), Vec<u8>)> {
    let mut met: BTreeMap<(String, String), Vec<u8>> = BTreeMap::new();
    for (&n, table) in &w.tables {
        let game = table.game.view();
        for round in game.summary().rounds {
            for m in &round.misconceptions {
                let key = misconception_text(game, round.index, m);
                let tables = met.entry(key).or_default();
                if !tables.contains(&n) {
                    tables.push(n);
                }
            }
        }
    }
    let mut out: Vec<_> = met.into_iter().collect();
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    out
}

fn rebuild_debrief(
    mut commands: Commands,
    workshop: Option<Res<Workshop>>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    roots: Query<Entity, With<DebriefRoot>>,
    state: Res<State<Screen>>,
) {
    let Some(w) = workshop else {
        return;
    };
    if !state.is_changed() && !w.is_changed() && !lang.is_changed() {
        return;
    }
    for e in &roots {
        commands.entity(e).despawn();
    }
    let root = commands
        .spawn((
            widget::ui_root("Workshop debrief"),
            DebriefRoot,
            DespawnOnExit(Screen::Debrief),
        ))
        .id();
    let column = commands
        .spawn((
            widget::panel(Node {
                width: px(980),
                max_width: percent(96),
                max_height: percent(94),
                overflow: Overflow::scroll_y(),
                ..default()
            }),
            ScrollWithWheel,
            ChildOf(root),
        ))
        .id();
    let text = |commands: &mut Commands, s: String, size: f32, color: Color| {
        commands.spawn((widget::text(&fonts, s, size, color), ChildOf(column)));
    };
    commands.spawn((
        widget::heading(&fonts, lang.t(Key::DebriefTitle), 30.0),
        ChildOf(column),
    ));
    text(&mut commands, w.deck.title.clone(), 16.0, palette::INK_SOFT);

    commands.spawn((
        widget::heading(&fonts, lang.t(Key::SharedMisconceptions), 21.0),
        ChildOf(column),
    ));
    let shared = shared_misconceptions(&w);
    if shared.is_empty() {
        text(
            &mut commands,
            lang.t(Key::NoMisconception).to_owned(),
            15.0,
            palette::INK_SOFT,
        );
    }
    for ((what, why), tables) in &shared {
        let at = tables
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        text(
            &mut commands,
            format!(
                "✗ {what} — {}",
                lang.f(Key::AtTables, &[("n", &tables.len()), ("tables", &at)])
            ),
            15.0,
            palette::WRONG,
        );
        text(&mut commands, why.clone(), 14.0, palette::INK);
    }

    commands.spawn((
        widget::heading(&fonts, lang.t(Key::TablesResults), 21.0),
        ChildOf(column),
    ));
    for (&n, table) in &w.tables {
        let game = table.game.view();
        let names: Vec<String> = table.seats.iter().filter_map(|s| s.name.clone()).collect();
        let title = if names.is_empty() {
            lang.f(Key::TableN, &[("n", &n)])
        } else {
            format!(
                "{} — {}",
                lang.f(Key::TableN, &[("n", &n)]),
                names.join(", ")
            )
        };
        commands.spawn((widget::heading(&fonts, title, 17.0), ChildOf(column)));
        for round in game.summary().rounds {
            let kind = &game.deck().rounds[round.index].kind;
            let line = match &round.report {
                Some(report) => {
                    let mark = if report.is_perfect() { "✓ " } else { "" };
                    format!(
                        "{} — {mark}{}",
                        round.title,
                        report_summary(lang.0, kind, report)
                    )
                }
                None => format!("{} — {}", round.title, lang.t(Key::NotChecked)),
            };
            text(&mut commands, line, 14.0, palette::INK);
        }
    }
    let buttons = commands
        .spawn((
            Node {
                column_gap: px(10),
                margin: UiRect::top(px(8)),
                ..default()
            },
            ChildOf(column),
        ))
        .id();
    if w.is_facilitator() {
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::BackToConsole),
                UiAction::Workshop(WorkshopAction::Spotlight(None)),
                "back-to-console",
                ButtonColors::PRIMARY,
            ),
            ChildOf(buttons),
        ));
    }
    commands.spawn((
        widget::button(
            &fonts,
            lang.t(Key::LeaveWorkshop),
            UiAction::Workshop(WorkshopAction::Leave),
            "leave",
            ButtonColors::QUIET,
        ),
        ChildOf(buttons),
    ));
}
