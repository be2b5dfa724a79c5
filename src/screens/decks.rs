//! The deck list: the decks in the interface language as tiles that fit a laptop screen, each
//! with its length, audience and kinds of rounds, a button to play and one to open its
//! printable cards (the PDF `scripts/build-web.sh` writes with `deck-print`); and the problems
//! of decks that failed to load (file:line:col), so authors see them in the game.

use bevy::prelude::*;

use super::Screen;
use crate::content::catalog::{DeckCatalog, EntryStatus};
use crate::content::custom::{DeckFileReport, FileOutcome};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{Deck, RoundKind};
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Decks), spawn_deck_list);
    app.add_systems(
        Update,
        (
            open_printable.in_set(crate::AppSystems::Input),
            show_decks_once_loaded.in_set(crate::AppSystems::Sync),
        )
            .run_if(in_state(Screen::Decks)),
    );
}

/// The deck list opened while the decks were still loading (the title screen does not wait
/// for them) is built again once they are all in.
fn show_decks_once_loaded(
    catalog: Res<DeckCatalog>,
    screen: Res<State<Screen>>,
    mut waiting: Local<bool>,
    mut next: ResMut<NextState<Screen>>,
) {
    if screen.is_changed() {
        *waiting = !catalog.is_settled();
        return;
    }
    if *waiting && catalog.is_settled() {
        *waiting = false;
        next.set(Screen::Decks);
    }
}

/// Where the printable cards of a deck file are, relative to the page (`loi.fr.ron` →
/// `print/loi.fr.pdf`).
pub fn printable_url(manifest_name: &str) -> String {
    let stem = manifest_name.strip_suffix(".ron").unwrap_or(manifest_name);
    format!("print/{stem}.pdf")
}

/// The facilitator's guide (`guide/fr.html`, built from `docs/guide-animation.md`; each deck
/// has its section there), in the interface's language when the guide has it, else in English.
pub fn guide_url(lang: Lang) -> String {
    let page = if lang.0.code() == "fr" { "fr" } else { "en" };
    format!("guide/{page}.html")
}

fn open_printable(
    mut actions: MessageReader<UiAction>,
    catalog: Res<DeckCatalog>,
    lang: Res<Lang>,
) {
    for action in actions.read() {
        match action {
            UiAction::OpenGuide => crate::web::open_url(&guide_url(*lang)),
            UiAction::OpenPrintable(file) => {
                if let Some(entry) = catalog.entry(file) {
                    crate::web::open_url(&printable_url(entry.manifest_name()));
                }
            }
            UiAction::OpenDeckFile => crate::web::pick_deck_file(),
            _ => {}
        }
    }
}

/// The outcome of the last deck file, above the tiles.
fn spawn_file_report(
    commands: &mut Commands,
    fonts: &UiFonts,
    lang: Lang,
    report: &FileOutcome,
    list: Entity,
) {
    let (edge, lines): (Color, Vec<(String, Color, bool)>) = match report {
        FileOutcome::Added { name, title } => (
            palette::CORRECT,
            vec![(
                lang.f(Key::DeckFileAdded, &[("title", title), ("file", name)]),
                palette::CORRECT,
                false,
            )],
        ),
        FileOutcome::TooLarge { name, size } => (
            palette::ERROR_TEXT,
            vec![(
                lang.f(
                    Key::DeckFileTooLarge,
                    &[("file", name), ("size", &size.div_ceil(1024))],
                ),
                palette::ERROR_TEXT,
                false,
            )],
        ),
        FileOutcome::Binary { name } => (
            palette::ERROR_TEXT,
            vec![(
                lang.f(Key::DeckFileBinary, &[("file", name)]),
                palette::ERROR_TEXT,
                false,
            )],
        ),
        FileOutcome::BoardRefused { message, .. } => (
            palette::ERROR_TEXT,
            vec![(message.clone(), palette::ERROR_TEXT, false)],
        ),
        FileOutcome::SavedUnreadable => (
            palette::ERROR_TEXT,
            vec![(
                lang.t(Key::SavedDecksUnreadable).to_owned(),
                palette::ERROR_TEXT,
                false,
            )],
        ),
        FileOutcome::NoInterface { name, language } => (
            palette::ERROR_TEXT,
            vec![(
                lang.f(
                    Key::DeckFileNoInterface,
                    &[
                        ("file", name),
                        ("code", language),
                        ("languages", &crate::i18n::languages_named()),
                    ],
                ),
                palette::ERROR_TEXT,
                false,
            )],
        ),
        FileOutcome::Invalid { name, problems } => {
            let mut lines = vec![(
                lang.f(Key::DeckFileErrors, &[("file", name)]),
                palette::INK,
                false,
            )];
            for (problem, line) in problems.iter().take(20) {
                lines.push((problem.to_string(), palette::ERROR_TEXT, true));
                if let Some(line) = line {
                    lines.push((
                        format!("    {}  │ {line}", problem.pos.line),
                        palette::INK_SOFT,
                        false,
                    ));
                }
            }
            if problems.len() > 20 {
                lines.push((
                    format!("… (+{})", problems.len() - 20),
                    palette::INK_SOFT,
                    false,
                ));
            }
            (palette::ERROR_TEXT, lines)
        }
    };
    let panel = commands
        .spawn((
            Name::new("Deck file report"),
            // Named for the tests (the state lists it with its place): shown, not clickable.
            crate::ui_action::AutomationId("deck-file-report".into()),
            widget::panel_with_edge(
                Node {
                    row_gap: px(4),
                    padding: px(12).all(),
                    ..default()
                },
                edge,
            ),
            ChildOf(list),
        ))
        .id();
    for (text, color, is_error) in lines {
        let mut line = commands.spawn((widget::text(fonts, text, 15.0, color), ChildOf(panel)));
        if is_error {
            line.insert(DeckErrorLine);
        }
    }
}

/// "2 manche(s) : causes et conséquences, classement".
fn rounds_line(lang: Lang, deck: &Deck) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for round in &deck.rounds {
        let kind = lang.t(match round.kind {
            RoundKind::Links(_) => Key::KindLinks,
            RoundKind::Categories(_) => Key::KindCategories,
            RoundKind::Timeline(_) => Key::KindTimeline,
            RoundKind::Matching(_) => Key::KindMatching,
        });
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    lang.f(
        Key::DeckRounds,
        &[("n", &deck.rounds.len()), ("kinds", &kinds.join(", "))],
    )
}

/// Marks the error lines of a broken deck (tests look for them).
#[derive(Component)]
pub struct DeckErrorLine;

fn spawn_deck_list(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    catalog: Res<DeckCatalog>,
    file_report: Res<DeckFileReport>,
    saved: Res<crate::resume::SavedGames>,
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
                row_gap: px(12),
                width: px(1180),
                max_width: percent(96),
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
    if !catalog.is_settled() {
        let (done, total) = catalog.progress();
        let text = if total == 0 {
            lang.t(Key::Loading).to_owned()
        } else {
            lang.f(Key::LoadingDecks, &[("n", &done), ("total", &total)])
        };
        commands.spawn((
            widget::text(&fonts, text, 17.0, palette::INK_SOFT),
            crate::ui_action::AutomationId("decks-loading".into()),
            ChildOf(list),
        ));
    }
    if let Some(report) = &file_report.0 {
        spawn_file_report(&mut commands, &fonts, *lang, report, list);
    }
    if let Some(notice) = super::title::resume_notice(&fonts, *lang, &saved) {
        commands.spawn((notice, ChildOf(list)));
    }

    // Tiles, two or three to a row, so that every shipped deck fits a 1366 × 768 screen.
    let tiles = commands
        .spawn((
            Name::new("Deck tiles"),
            Node {
                flex_direction: FlexDirection::Row,
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(12),
                row_gap: px(12),
                ..default()
            },
            Pickable::IGNORE,
            ChildOf(list),
        ))
        .id();
    let mut shown = 0;
    for entry in &catalog.entries {
        match &entry.status {
            // One's own decks show in every language: their author chose it.
            EntryStatus::Ready(deck, _)
                if deck.language == lang.0 || DeckCatalog::is_own(entry) =>
            {
                let own = DeckCatalog::is_own(entry);
                shown += 1;
                let meta = lang.f(
                    Key::DeckMetaShort,
                    &[
                        ("cards", &deck.cards.len()),
                        ("minutes", &deck.duration_minutes),
                    ],
                );
                let tile = commands
                    .spawn((
                        Name::new(format!("Deck {}", entry.file)),
                        crate::mirror::MirrorRole::Group,
                        widget::panel(Node {
                            width: px(370),
                            flex_grow: 1.0,
                            padding: px(14).all(),
                            row_gap: px(6),
                            ..default()
                        }),
                        ChildOf(tiles),
                    ))
                    .id();
                if own {
                    let file = entry
                        .manifest_name()
                        .trim_start_matches(crate::content::custom::LOCAL_PREFIX);
                    commands.spawn((
                        widget::text(
                            &fonts,
                            lang.f(Key::OwnDeck, &[("file", &file)]),
                            13.0,
                            palette::ACCENT,
                        ),
                        ChildOf(tile),
                    ));
                }
                commands.spawn((
                    widget::heading(&fonts, deck.title.clone(), 19.0),
                    ChildOf(tile),
                ));
                commands.spawn((
                    widget::text(&fonts, meta, 15.0, palette::INK),
                    ChildOf(tile),
                ));
                commands.spawn((
                    widget::text(&fonts, deck.audience.clone(), 14.0, palette::INK_SOFT),
                    ChildOf(tile),
                ));
                commands.spawn((
                    widget::text(&fonts, rounds_line(*lang, deck), 14.0, palette::INK_SOFT),
                    ChildOf(tile),
                ));
                let buttons = commands
                    .spawn((
                        Node {
                            flex_direction: FlexDirection::Row,
                            flex_wrap: FlexWrap::Wrap,
                            column_gap: px(8),
                            row_gap: px(6),
                            margin: UiRect::top(px(4)),
                            ..default()
                        },
                        Pickable::IGNORE,
                        ChildOf(tile),
                    ))
                    .id();
                let (play_id, second) = if own {
                    (
                        format!("deck-own:{}", deck.id),
                        widget::button(
                            &fonts,
                            lang.t(Key::RemoveDeck),
                            UiAction::RemoveCustomDeck(entry.file.clone()),
                            format!("remove:{}", deck.id),
                            ButtonColors::QUIET,
                        ),
                    )
                } else {
                    (
                        format!("deck:{}", deck.id),
                        widget::button(
                            &fonts,
                            lang.t(Key::PrintCards),
                            UiAction::OpenPrintable(entry.file.clone()),
                            format!("print:{}", deck.id),
                            ButtonColors::QUIET,
                        ),
                    )
                };
                // A game of this deck kept in the browser: resume it, or start again.
                let kept = saved.of(&entry.file);
                if let Some(kept) = kept {
                    commands.spawn((
                        widget::button(
                            &fonts,
                            lang.f(Key::ResumeShort, &[("n", &(kept.round + 1))]),
                            UiAction::ResumeDeck(entry.file.clone()),
                            format!("resume:{}", deck.id),
                            ButtonColors::PRIMARY,
                        ),
                        ChildOf(buttons),
                    ));
                }
                commands.spawn((
                    widget::button(
                        &fonts,
                        lang.t(Key::Play),
                        UiAction::StartDeck(entry.file.clone()),
                        play_id,
                        if kept.is_some() {
                            ButtonColors::QUIET
                        } else {
                            ButtonColors::PRIMARY
                        },
                    ),
                    ChildOf(buttons),
                ));
                commands.spawn((second, ChildOf(buttons)));
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
    if shown == 0 && catalog.is_settled() {
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
        Children::spawn((
            Spawn(widget::button(
                &fonts,
                lang.t(Key::Back),
                UiAction::OpenTitle,
                "back",
                ButtonColors::QUIET,
            )),
            SpawnIter(super::title::language_buttons(&fonts, *lang).into_iter()),
            Spawn(widget::button(
                &fonts,
                lang.t(Key::OpenDeckFile),
                UiAction::OpenDeckFile,
                "open-deck-file",
                ButtonColors::QUIET,
            )),
            Spawn(widget::button(
                &fonts,
                lang.t(Key::FacilitatorGuide),
                UiAction::OpenGuide,
                "guide",
                ButtonColors::QUIET,
            )),
        )),
    ));
    commands.spawn((
        widget::text(&fonts, lang.t(Key::DeckFileHint), 14.0, palette::INK_SOFT),
        ChildOf(list),
    ));
}
