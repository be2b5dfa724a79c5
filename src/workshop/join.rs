//! "Join a workshop": the code (typed in the page's form, which a phone or tablet keyboard can
//! fill, or taken from the join link) and an optional first name; then the room's tables, each
//! with who sits there, to choose one.

use bevy::prelude::*;

use super::client::JoinState;
use super::{WorkshopAction, WorkshopNotice};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::screens::Screen;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct JoinView;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            rebuild_code_screen.run_if(in_state(Screen::JoinCode)),
            rebuild_tables_screen.run_if(in_state(Screen::Join)),
        )
            .in_set(crate::AppSystems::Sync),
    );
}

/// The code screen: the form is the page's (`#join-form`, shown on this screen); the game
/// shows the heading, what went wrong, and the way back.
fn rebuild_code_screen(
    mut commands: Commands,
    notice: Res<WorkshopNotice>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    views: Query<Entity, With<JoinView>>,
    state: Res<State<Screen>>,
) {
    if !state.is_changed() && !notice.is_changed() && !lang.is_changed() {
        return;
    }
    for e in &views {
        commands.entity(e).despawn();
    }
    let root = commands
        .spawn((
            Name::new("Join a workshop"),
            JoinView,
            DespawnOnExit(Screen::JoinCode),
            Pickable::IGNORE,
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                justify_content: JustifyContent::FlexStart,
                padding: UiRect::top(px(60)),
                row_gap: px(14),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        widget::heading(&fonts, lang.t(Key::JoinTitle), 32.0),
        ChildOf(root),
    ));
    commands.spawn((
        widget::text(&fonts, lang.t(Key::JoinIntro), 17.0, palette::INK_SOFT),
        ChildOf(root),
    ));
    // Room for the page's form, in the middle of the screen.
    commands.spawn((
        Node {
            height: px(230),
            ..default()
        },
        Pickable::IGNORE,
        ChildOf(root),
    ));
    if let Some(text) = &notice.0 {
        commands.spawn((
            widget::text(&fonts, text.clone(), 16.0, palette::ERROR_TEXT),
            ChildOf(root),
        ));
    }
    commands.spawn((
        widget::button(
            &fonts,
            lang.t(Key::Back),
            UiAction::OpenTitle,
            "back",
            ButtonColors::QUIET,
        ),
        ChildOf(root),
    ));
}

/// The tables of the room.
fn rebuild_tables_screen(
    mut commands: Commands,
    join: Res<JoinState>,
    notice: Res<WorkshopNotice>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    views: Query<Entity, With<JoinView>>,
    state: Res<State<Screen>>,
) {
    if !state.is_changed() && !join.is_changed() && !notice.is_changed() && !lang.is_changed() {
        return;
    }
    for e in &views {
        commands.entity(e).despawn();
    }
    let root = commands
        .spawn((
            widget::ui_root("Choose a table"),
            JoinView,
            DespawnOnExit(Screen::Join),
        ))
        .id();
    let room = join.room.clone().unwrap_or_default();
    commands.spawn((
        widget::heading(&fonts, lang.f(Key::ChooseTable, &[("room", &room)]), 30.0),
        ChildOf(root),
    ));
    if let Some(name) = &join.name {
        commands.spawn((
            widget::text(
                &fonts,
                lang.f(Key::PlayingAs, &[("name", name)]),
                16.0,
                palette::INK_SOFT,
            ),
            ChildOf(root),
        ));
    }
    if let Some(text) = &notice.0 {
        commands.spawn((
            widget::text(&fonts, text.clone(), 16.0, palette::ERROR_TEXT),
            ChildOf(root),
        ));
    }
    if let Some((_, seats)) = &join.tables {
        let grid = commands
            .spawn((
                Node {
                    flex_wrap: FlexWrap::Wrap,
                    justify_content: JustifyContent::Center,
                    column_gap: px(12),
                    row_gap: px(12),
                    max_width: px(900),
                    ..default()
                },
                ChildOf(root),
            ))
            .id();
        for (i, at_table) in seats.iter().enumerate() {
            let n = i as u8 + 1;
            let names: Vec<String> = at_table
                .iter()
                .filter(|s| s.online)
                .map(|s| {
                    s.name
                        .clone()
                        .unwrap_or_else(|| lang.t(Key::Anonymous).to_owned())
                })
                .collect();
            let label = if names.is_empty() {
                lang.f(Key::TableEmpty, &[("n", &n)])
            } else {
                lang.f(Key::TableWith, &[("n", &n), ("names", &names.join(", "))])
            };
            commands.spawn((
                widget::button(
                    &fonts,
                    label,
                    UiAction::Workshop(WorkshopAction::JoinTable(n)),
                    format!("table-{n}"),
                    ButtonColors::PRIMARY,
                ),
                ChildOf(grid),
            ));
        }
    }
    commands.spawn((
        widget::button(
            &fonts,
            lang.t(Key::Back),
            UiAction::Workshop(WorkshopAction::Leave),
            "back",
            ButtonColors::QUIET,
        ),
        ChildOf(root),
    ));
}
