//! The deck list: decks in the interface language, each with its length and audience, and
//! the problems of decks that failed to load (file:line:col), so authors see them in the game.

use bevy::prelude::*;

use super::Screen;
use crate::content::catalog::{DeckCatalog, EntryStatus};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Decks), spawn_deck_list);
}

/// Marks the error lines of a broken deck (tests look for them).
#[derive(Component)]
pub struct DeckErrorLine;

fn spawn_deck_list(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    catalog: Res<DeckCatalog>,
) {
    let root = commands
        .spawn((widget::ui_root("Deck list"), DespawnOnExit(Screen::Decks)))
        .id();
    let list = commands
        .spawn((
            Name::new("Deck list column"),
            Node {
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Stretch,
                row_gap: px(14),
                width: px(720),
                max_width: percent(94),
                max_height: percent(92),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            crate::theme::scroll::ScrollWithWheel,
            ChildOf(root),
        ))
        .id();
    commands.spawn((
        widget::heading(&fonts, lang.t(Key::ChooseDeck), 32.0),
        ChildOf(list),
    ));

    let mut shown = 0;
    for entry in &catalog.entries {
        match &entry.status {
            EntryStatus::Ready(deck, _) if deck.language == lang.0 => {
                shown += 1;
                let meta = lang.f(
                    Key::DeckMeta,
                    &[
                        ("cards", &deck.cards.len()),
                        ("minutes", &deck.duration_minutes),
                        ("audience", &deck.audience),
                    ],
                );
                commands.spawn((
                    Name::new(format!("Deck {}", entry.file)),
                    widget::panel(Node::default()),
                    ChildOf(list),
                    children![
                        widget::heading(&fonts, deck.title.clone(), 24.0),
                        widget::text(&fonts, deck.description.clone(), 17.0, palette::INK),
                        widget::text(&fonts, meta, 15.0, palette::INK_SOFT),
                        (
                            Node {
                                align_self: AlignSelf::FlexStart,
                                ..default()
                            },
                            Pickable::IGNORE,
                            children![widget::button(
                                &fonts,
                                lang.t(Key::Play),
                                UiAction::StartDeck(entry.file.clone()),
                                format!("deck:{}", deck.id),
                                ButtonColors::PRIMARY,
                            )],
                        ),
                    ],
                ));
            }
            EntryStatus::Failed(problems) => {
                let panel = commands
                    .spawn((
                        Name::new(format!("Broken deck {}", entry.file)),
                        widget::panel_with_edge(Node::default(), palette::ERROR_TEXT),
                        ChildOf(list),
                    ))
                    .id();
                commands.spawn((
                    widget::heading(
                        &fonts,
                        format!("⚠ {} — {}", lang.t(Key::DeckBroken), entry.file),
                        20.0,
                    ),
                    ChildOf(panel),
                ));
                commands.spawn((
                    widget::text(&fonts, lang.t(Key::ErrorsHeading), 16.0, palette::INK),
                    ChildOf(panel),
                ));
                for problem in problems {
                    commands.spawn((
                        widget::text(&fonts, problem.to_string(), 15.0, palette::ERROR_TEXT),
                        DeckErrorLine,
                        ChildOf(panel),
                    ));
                }
            }
            _ => {}
        }
    }
    for problem in &catalog.manifest_problems {
        commands.spawn((
            widget::text(&fonts, problem.to_string(), 15.0, palette::ERROR_TEXT),
            DeckErrorLine,
            ChildOf(list),
        ));
    }
    if shown == 0 {
        commands.spawn((
            widget::text(&fonts, lang.t(Key::NoDecks), 18.0, palette::INK_SOFT),
            ChildOf(list),
        ));
    }
    commands.spawn((
        Node {
            flex_direction: FlexDirection::Row,
            column_gap: px(12),
            ..default()
        },
        Pickable::IGNORE,
        ChildOf(list),
        children![
            widget::button(
                &fonts,
                lang.t(Key::Back),
                UiAction::OpenTitle,
                "back",
                ButtonColors::QUIET,
            ),
            widget::button(
                &fonts,
                lang.t(Key::OtherLanguage),
                UiAction::ToggleLanguage,
                "language",
                ButtonColors::QUIET,
            ),
        ],
    ));
}
