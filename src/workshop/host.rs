//! "Run a workshop": the facilitator chooses a deck (in the interface language), the number
//! of tables (1-12) and how lots are dealt, then creates the room.

use bevy::prelude::*;

use super::{HostForm, WorkshopAction, WorkshopNotice};
use crate::content::catalog::DeckCatalog;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::protocol::DealMode;
use crate::screens::Screen;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::scroll::ScrollWithWheel;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct HostScreen;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, rebuild_host_screen.run_if(in_state(Screen::Host)));
}

fn action(a: WorkshopAction) -> UiAction {
    UiAction::Workshop(a)
}

fn rebuild_host_screen(
    mut commands: Commands,
    form: Res<HostForm>,
    notice: Res<WorkshopNotice>,
    catalog: Res<DeckCatalog>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    screens: Query<Entity, With<HostScreen>>,
    mut built: Local<bool>,
    state: Res<State<Screen>>,
) {
    let fresh = state.is_changed();
    if *built && !fresh && !form.is_changed() && !notice.is_changed() && !lang.is_changed() {
        return;
    }
    *built = true;
    for e in &screens {
        commands.entity(e).despawn();
    }
    let root = commands
        .spawn((
            widget::ui_root("Host a workshop"),
            HostScreen,
            DespawnOnExit(Screen::Host),
        ))
        .id();
    let column = commands
        .spawn((
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(12),
                width: px(760),
                max_width: percent(94),
                max_height: percent(94),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollWithWheel,
            ChildOf(root),
        ))
        .id();
    commands.spawn((
        widget::heading(&fonts, lang.t(Key::HostTitle), 30.0),
        ChildOf(column),
    ));
    commands.spawn((
        widget::text(&fonts, lang.t(Key::HostIntro), 16.0, palette::INK_SOFT),
        ChildOf(column),
    ));
    // The decks.
    let decks = commands
        .spawn((
            Node {
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(8),
                row_gap: px(8),
                ..default()
            },
            ChildOf(column),
        ))
        .id();
    for entry in &catalog.entries {
        let Some(deck) = entry.deck().filter(|d| d.language == lang.0) else {
            continue;
        };
        let name = entry.manifest_name().to_owned();
        let chosen = form.deck.as_deref() == Some(name.as_str());
        commands.spawn((
            widget::button(
                &fonts,
                if chosen {
                    format!("✓ {}", deck.title)
                } else {
                    deck.title.clone()
                },
                action(WorkshopAction::HostDeck(name.clone())),
                format!("host-deck:{}", deck.id),
                if chosen {
                    ButtonColors::PRIMARY
                } else {
                    ButtonColors::QUIET
                },
            ),
            ChildOf(decks),
        ));
    }
    // Tables and dealing.
    let row = |commands: &mut Commands| {
        commands
            .spawn((
                Node {
                    align_items: AlignItems::Center,
                    column_gap: px(10),
                    ..default()
                },
                ChildOf(column),
            ))
            .id()
    };
    let tables = row(&mut commands);
    commands.spawn((
        widget::text(
            &fonts,
            lang.f(Key::HostTables, &[("n", &form.tables)]),
            18.0,
            palette::INK,
        ),
        ChildOf(tables),
    ));
    commands.spawn((
        widget::button(
            &fonts,
            "−",
            action(WorkshopAction::HostTables(-1)),
            "host-tables-minus",
            ButtonColors::QUIET,
        ),
        ChildOf(tables),
    ));
    commands.spawn((
        widget::button(
            &fonts,
            "+",
            action(WorkshopAction::HostTables(1)),
            "host-tables-plus",
            ButtonColors::QUIET,
        ),
        ChildOf(tables),
    ));
    let deal = row(&mut commands);
    commands.spawn((
        widget::text(&fonts, lang.t(Key::HostDeal), 17.0, palette::INK),
        ChildOf(deal),
    ));
    for (mode, key, id) in [
        (DealMode::Players, Key::DealToPlayers, "host-deal-players"),
        (DealMode::Table, Key::DealToTable, "host-deal-table"),
    ] {
        let chosen = form.deal == mode;
        commands.spawn((
            widget::button(
                &fonts,
                if chosen {
                    format!("✓ {}", lang.t(key))
                } else {
                    lang.t(key).to_owned()
                },
                action(WorkshopAction::HostDeal(mode)),
                id,
                if chosen {
                    ButtonColors::PRIMARY
                } else {
                    ButtonColors::QUIET
                },
            ),
            ChildOf(deal),
        ));
    }
    if let Some(text) = &notice.0 {
        commands.spawn((
            widget::text(&fonts, text.clone(), 16.0, palette::ERROR_TEXT),
            ChildOf(column),
        ));
    }
    let buttons = row(&mut commands);
    commands.spawn((
        widget::button(
            &fonts,
            lang.t(Key::CreateWorkshop),
            action(WorkshopAction::Create),
            "host-create",
            ButtonColors::PRIMARY,
        ),
        ChildOf(buttons),
    ));
    commands.spawn((
        widget::button(
            &fonts,
            lang.t(Key::Back),
            UiAction::OpenTitle,
            "back",
            ButtonColors::QUIET,
        ),
        ChildOf(buttons),
    ));
}

#[derive(Component)]
struct TitleEntries;

/// On the title screen, under the game's own buttons: run a workshop, join one, or take the
/// facilitator's seat again; on a static host, why workshops are not offered.
pub(super) fn title_entries_plugin(app: &mut App) {
    app.add_systems(
        Update,
        rebuild_title_entries
            .run_if(in_state(Screen::Title))
            .in_set(crate::AppSystems::Sync),
    );
}

fn rebuild_title_entries(
    mut commands: Commands,
    availability: Res<super::Availability>,
    store: Res<super::store::WorkshopStore>,
    notice: Res<WorkshopNotice>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    entries: Query<Entity, With<TitleEntries>>,
    state: Res<State<Screen>>,
) {
    if !state.is_changed()
        && !availability.is_changed()
        && !store.is_changed()
        && !notice.is_changed()
        && !lang.is_changed()
    {
        return;
    }
    for e in &entries {
        commands.entity(e).despawn();
    }
    let root = commands
        .spawn((
            Name::new("Workshop entries"),
            TitleEntries,
            DespawnOnExit(Screen::Title),
            Node {
                position_type: PositionType::Absolute,
                bottom: px(40),
                width: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                row_gap: px(10),
                ..default()
            },
            Pickable::IGNORE,
        ))
        .id();
    commands.spawn((
        widget::heading(&fonts, lang.t(Key::Workshops), 20.0),
        ChildOf(root),
    ));
    let row = commands
        .spawn((
            Node {
                column_gap: px(10),
                ..default()
            },
            Pickable::IGNORE,
            ChildOf(root),
        ))
        .id();
    let offered = *availability != super::Availability::Unavailable;
    if offered {
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::RunWorkshop),
                action(WorkshopAction::OpenHost),
                "workshop-host",
                ButtonColors::QUIET,
            ),
            ChildOf(row),
        ));
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::JoinWorkshop),
                action(WorkshopAction::OpenJoin),
                "workshop-join",
                ButtonColors::QUIET,
            ),
            ChildOf(row),
        ));
        if let Some(hosted) = &store.hosted {
            commands.spawn((
                widget::button(
                    &fonts,
                    lang.f(Key::ResumeWorkshop, &[("room", &hosted.room)]),
                    action(WorkshopAction::Resume),
                    "workshop-resume",
                    ButtonColors::QUIET,
                ),
                ChildOf(row),
            ));
        }
    } else {
        commands.spawn((
            widget::text(
                &fonts,
                lang.t(Key::WorkshopNeedsServer),
                15.0,
                palette::INK_SOFT,
            ),
            Node {
                max_width: px(640),
                ..default()
            },
            ChildOf(row),
        ));
    }
    if let Some(text) = &notice.0 {
        commands.spawn((
            widget::text(&fonts, text.clone(), 15.0, palette::ERROR_TEXT),
            ChildOf(root),
        ));
    }
}
