//! The play screen's interface around the board: the top bar (round, Check/Retry, zoom,
//! Quit), the round's instructions, the side panel (a card's texts, or the check's feedback)
//! and short notices. Buttons here send `UiAction`s; game moves become `PlayerAction`s.

use bevy::prelude::*;

use super::Screen;
use crate::AppSystems;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{
    Action, Event, Link, Phase, Placement, Report, RoundKind, RuleError, Verdict, WrongReason,
};
use crate::session::{ActionRejected, GameEvent, PlayerAction, Session};
use crate::table::cards::placement_style;
use crate::table::links::verdict_style;
use crate::table::scroll::ScrollWithWheel;
use crate::table::{PANEL_WIDTH, Selection, TOP_BAR_HEIGHT};
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct TopBar;

#[derive(Component)]
struct SidePanel;

#[derive(Component)]
struct IntroOverlay;

/// A short notice that goes away by itself.
#[derive(Component)]
struct Notice {
    until: f32,
}

const NOTICE_SECONDS: f32 = 4.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Play), spawn_intro)
        .add_systems(
            Update,
            (
                handle_play_actions.in_set(AppSystems::Input),
                (
                    intro_for_new_round,
                    rebuild_top_bar,
                    rebuild_side_panel,
                    show_notices,
                    expire_notices,
                )
                    .in_set(AppSystems::Sync),
            )
                .distributive_run_if(in_state(Screen::Play).and_then(resource_exists::<Session>)),
        );
}

/// The hint for the current kind of round.
pub fn hint_key(kind: &RoundKind) -> Key {
    match kind {
        RoundKind::Links(_) => Key::Hint,
        RoundKind::Categories(_) => Key::HintCategories,
        RoundKind::Timeline(_) => Key::HintTimeline,
        RoundKind::Matching(_) => Key::HintMatching,
    }
}

/// Opening a round that has not been played yet shows its instructions.
fn intro_for_new_round(
    mut events: MessageReader<GameEvent>,
    commands: Commands,
    session: Res<Session>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
) {
    let opened = events
        .read()
        .any(|GameEvent(e)| matches!(e, Event::RoundOpened { .. }));
    if opened && session.game.checks() == 0 && session.game.board().placed().is_empty() {
        spawn_intro(commands, session, fonts, lang);
    }
}

fn spawn_intro(
    mut commands: Commands,
    session: Res<Session>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
) {
    let round = session.game.round();
    let progress = lang.f(
        Key::RoundProgress,
        &[
            ("n", &(session.game.round_index() + 1)),
            ("total", &session.game.round_count()),
        ],
    );
    commands.spawn((
        Name::new("Round instructions"),
        IntroOverlay,
        DespawnOnExit(Screen::Play),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            ..default()
        },
        BackgroundColor(palette::OVERLAY),
        GlobalZIndex(50),
        children![(
            widget::panel(Node {
                width: px(640),
                max_width: percent(92),
                ..default()
            }),
            children![
                widget::text(
                    &fonts,
                    format!("{} · {progress}", session.game.deck().title),
                    16.0,
                    palette::INK_SOFT
                ),
                widget::heading(&fonts, round.title.clone(), 28.0),
                widget::heading(&fonts, lang.t(Key::Instructions), 18.0),
                widget::text(&fonts, round.intro.clone(), 17.0, palette::INK),
                widget::text(
                    &fonts,
                    lang.t(hint_key(&round.kind)),
                    15.0,
                    palette::INK_SOFT
                ),
                (
                    Node {
                        align_self: AlignSelf::FlexEnd,
                        ..default()
                    },
                    Pickable::IGNORE,
                    children![widget::button(
                        &fonts,
                        lang.t(Key::Start),
                        UiAction::CloseIntro,
                        "start",
                        ButtonColors::PRIMARY,
                    )],
                ),
            ],
        )],
    ));
}

fn handle_play_actions(
    mut ui_actions: MessageReader<UiAction>,
    mut actions: MessageWriter<PlayerAction>,
    mut selection: ResMut<Selection>,
    intros: Query<Entity, With<IntroOverlay>>,
    mut commands: Commands,
) {
    for action in ui_actions.read() {
        match action {
            UiAction::CloseIntro => {
                for intro in &intros {
                    commands.entity(intro).despawn();
                }
            }
            UiAction::NextLot => {
                actions.write(PlayerAction(Action::RevealNextLot));
            }
            UiAction::Check => {
                selection.card = None;
                selection.link = None;
                selection.linking_from = None;
                actions.write(PlayerAction(Action::Check));
            }
            UiAction::Retry => {
                selection.link = None;
                actions.write(PlayerAction(Action::Retry));
            }
            UiAction::ShowSolution => {
                selection.link = None;
                selection.card = None;
                actions.write(PlayerAction(Action::ShowSolution));
            }
            UiAction::RestartRound => {
                *selection = Selection::default();
                actions.write(PlayerAction(Action::RestartRound));
            }
            UiAction::GoToRound(n) => {
                *selection = Selection::default();
                for intro in &intros {
                    commands.entity(intro).despawn();
                }
                actions.write(PlayerAction(Action::GoToRound(*n)));
            }
            UiAction::Finish => {
                *selection = Selection::default();
                actions.write(PlayerAction(Action::Finish));
            }
            UiAction::ReturnToHand(card) => {
                selection.card = None;
                actions.write(PlayerAction(Action::ReturnCard { card: card.clone() }));
            }
            UiAction::Inspect(card) => {
                selection.card = Some(card.clone());
                selection.link = None;
            }
            UiAction::CloseInspector => {
                selection.card = None;
                selection.link = None;
            }
            UiAction::LinkFrom(card) => selection.linking_from = Some(card.clone()),
            UiAction::CancelLink => selection.linking_from = None,
            _ => {}
        }
    }
}

fn rebuild_top_bar(
    mut commands: Commands,
    session: Res<Session>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    bars: Query<Entity, With<TopBar>>,
) {
    if !session.is_changed() && !lang.is_changed() {
        return;
    }
    for bar in &bars {
        commands.entity(bar).despawn();
    }
    let game = &session.game;
    let label = lang.f(
        Key::RoundLabel,
        &[
            ("n", &(game.round_index() + 1)),
            ("total", &game.deck().rounds.len()),
            ("title", &game.round().title),
        ],
    );
    let check = match game.phase() {
        Phase::Playing => widget::button(
            &fonts,
            lang.t(Key::Check),
            UiAction::Check,
            "check",
            ButtonColors::PRIMARY,
        ),
        Phase::Checked(_) | Phase::Solution(_) => widget::button(
            &fonts,
            lang.t(Key::Retry),
            UiAction::Retry,
            "retry",
            ButtonColors::PRIMARY,
        ),
    };
    let bar = commands
        .spawn((
            Name::new("Top bar"),
            TopBar,
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                top: px(0),
                left: px(0),
                right: px(0),
                height: px(TOP_BAR_HEIGHT),
                padding: UiRect::axes(px(14), px(8)),
                column_gap: px(8),
                align_items: AlignItems::Center,
                border: UiRect::bottom(px(1)),
                ..default()
            },
            BackgroundColor(palette::PANEL),
            BorderColor::all(palette::PANEL_EDGE),
            children![
                (
                    Node {
                        flex_grow: 1.0,
                        flex_direction: FlexDirection::Column,
                        overflow: Overflow::clip(),
                        ..default()
                    },
                    Pickable::IGNORE,
                    children![
                        widget::text(&fonts, game.deck().title.clone(), 13.0, palette::INK_SOFT),
                        widget::heading(&fonts, label, 18.0),
                    ],
                ),
                check,
            ],
        ))
        .id();
    if matches!(game.phase(), Phase::Checked(_)) {
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::ShowSolution),
                UiAction::ShowSolution,
                "show-solution",
                ButtonColors::QUIET,
            ),
            ChildOf(bar),
        ));
    }
    // The parcours: back to an earlier round, on to the next one, or the summary.
    let index = game.round_index();
    if index > 0 {
        commands.spawn((
            widget::button(
                &fonts,
                lang.f(Key::PrevRound, &[("n", &index)]),
                UiAction::GoToRound(index - 1),
                "prev-round",
                ButtonColors::QUIET,
            ),
            ChildOf(bar),
        ));
    }
    if index + 1 < game.round_count() {
        if game.can_open(index + 1) {
            commands.spawn((
                widget::button(
                    &fonts,
                    lang.f(Key::NextRound, &[("n", &(index + 2))]),
                    UiAction::GoToRound(index + 1),
                    "next-round",
                    ButtonColors::PRIMARY,
                ),
                ChildOf(bar),
            ));
        }
    } else if game.can_finish() {
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::Finish),
                UiAction::Finish,
                "finish",
                ButtonColors::PRIMARY,
            ),
            ChildOf(bar),
        ));
    }
    commands.entity(bar).with_children(|bar| {
        bar.spawn(widget::button(
            &fonts,
            "−",
            UiAction::ZoomOut,
            "zoom-out",
            ButtonColors::QUIET,
        ));
        bar.spawn(widget::button(
            &fonts,
            "+",
            UiAction::ZoomIn,
            "zoom-in",
            ButtonColors::QUIET,
        ));
        bar.spawn(widget::button(
            &fonts,
            lang.t(Key::ZoomReset),
            UiAction::ZoomReset,
            "zoom-reset",
            ButtonColors::QUIET,
        ));
        bar.spawn(widget::button(
            &fonts,
            lang.t(Key::Quit),
            UiAction::Quit,
            "quit",
            ButtonColors::QUIET,
        ));
    });
}

/// The text of a verdict's explanation.
pub fn verdict_reason(lang: Lang, verdict: &Verdict) -> String {
    match verdict {
        Verdict::Correct { why } | Verdict::Acceptable { why } => why.clone(),
        Verdict::Wrong(WrongReason::Misconception(why)) => why.clone(),
        Verdict::Wrong(WrongReason::Reversed { why }) => {
            lang.f(Key::ReasonReversed, &[("why", why)])
        }
        Verdict::Wrong(WrongReason::NotInReference) => lang.t(Key::ReasonNotInReference).to_owned(),
    }
}

/// "Title A → Title B" for a link.
pub fn link_label(session: &Session, link: &Link) -> String {
    let title = |id| {
        session
            .game
            .deck()
            .card(id)
            .map_or_else(|| id.to_string(), |c| c.title.clone())
    };
    format!("{} → {}", title(&link.from), title(&link.to))
}

/// The one-line summary of a report.
pub fn report_summary(lang: Lang, kind: &RoundKind, report: &Report) -> String {
    let found = report.required_total - report.missing.len();
    match kind {
        RoundKind::Categories(_) | RoundKind::Timeline(_) => {
            return lang.f(
                Key::SummaryPlacement,
                &[
                    ("right", &report.cards_right()),
                    ("total", &(report.cards.len() + report.unplaced.len())),
                ],
            );
        }
        RoundKind::Matching(_) => {
            return lang.f(
                Key::SummaryMatching,
                &[
                    ("correct", &report.correct()),
                    ("wrong", &report.wrong()),
                    ("found", &found),
                    ("required", &report.required_total),
                ],
            );
        }
        RoundKind::Links(_) => {}
    }
    lang.f(
        Key::Summary,
        &[
            ("correct", &report.correct()),
            ("acceptable", &report.acceptable()),
            ("wrong", &report.wrong()),
            ("found", &found),
            ("required", &report.required_total),
        ],
    )
}

fn rebuild_side_panel(
    mut commands: Commands,
    session: Res<Session>,
    selection: Res<Selection>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    panels: Query<Entity, With<SidePanel>>,
) {
    if !session.is_changed() && !selection.is_changed() && !lang.is_changed() {
        return;
    }
    for panel in &panels {
        commands.entity(panel).despawn();
    }
    let panel = commands
        .spawn((
            Name::new("Side panel"),
            SidePanel,
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                top: px(TOP_BAR_HEIGHT),
                right: px(0),
                bottom: px(0),
                width: px(PANEL_WIDTH),
                flex_direction: FlexDirection::Column,
                padding: px(16).all(),
                row_gap: px(10),
                border: UiRect::left(px(1)),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            BackgroundColor(palette::PANEL),
            BorderColor::all(palette::PANEL_EDGE),
            ScrollWithWheel,
        ))
        .id();
    let game = &session.game;
    let checked = game.report().is_some();

    if let Some(from) = &selection.linking_from {
        let from_title = game
            .deck()
            .card(from)
            .map_or(String::new(), |c| c.title.clone());
        commands.spawn((
            widget::panel_with_edge(Node::default(), palette::CARD_SELECTED),
            ChildOf(panel),
            children![
                widget::heading(&fonts, format!("{from_title} →"), 16.0),
                widget::text(&fonts, lang.t(Key::LinkPick), 15.0, palette::INK),
                widget::button(
                    &fonts,
                    lang.t(Key::Cancel),
                    UiAction::CancelLink,
                    "cancel-link",
                    ButtonColors::QUIET,
                ),
            ],
        ));
    }

    if let (Some(link), Some(report)) = (&selection.link, game.report())
        && let Some(verdict) = report.verdict(link)
    {
        let (label, color) = verdict_style(*lang, verdict);
        let title = link_label(&session, link);
        let reason = verdict_reason(*lang, verdict);
        commands.spawn((widget::heading(&fonts, title, 18.0), ChildOf(panel)));
        commands.spawn((
            Text::new(label),
            fonts.bold(17.0),
            TextColor(color),
            Pickable::IGNORE,
            ChildOf(panel),
        ));
        commands.spawn((
            widget::text(&fonts, reason, 15.0, palette::INK),
            ChildOf(panel),
        ));
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::Close),
                UiAction::CloseInspector,
                "close-inspector",
                ButtonColors::QUIET,
            ),
            ChildOf(panel),
        ));
        return;
    }

    // Hovering previews a card while playing; after a check the feedback stays in view and a
    // click opens a card (its back and sources).
    let hovered = selection.hovered.as_ref().filter(|_| !checked);
    let shown_card = selection
        .card
        .as_ref()
        .or(hovered)
        .and_then(|id| game.deck().card(id));
    if let Some(card) = shown_card {
        commands.spawn((
            widget::heading(&fonts, card.title.clone(), 22.0),
            ChildOf(panel),
        ));
        commands.spawn((
            widget::text(&fonts, card.face.clone(), 17.0, palette::INK),
            ChildOf(panel),
        ));
        if checked {
            commands.spawn((
                widget::heading(&fonts, lang.t(Key::CardBack), 16.0),
                ChildOf(panel),
            ));
            commands.spawn((
                widget::text(&fonts, card.back.clone(), 15.0, palette::INK),
                ChildOf(panel),
            ));
            commands.spawn((
                widget::heading(&fonts, lang.t(Key::Sources), 14.0),
                ChildOf(panel),
            ));
            for source_id in &card.sources {
                let line = match game.deck().source(source_id) {
                    Some(source) => match &source.url {
                        Some(url) => format!("{} — {}\n{url}", source.id, source.title),
                        None => format!("{} — {}", source.id, source.title),
                    },
                    None => source_id.clone(),
                };
                commands.spawn((
                    widget::text(&fonts, line, 12.5, palette::INK_SOFT),
                    ChildOf(panel),
                ));
            }
        }
        if selection.card.as_ref() == Some(&card.id) {
            let on_board = game.board().is_placed(&card.id);
            if on_board && !checked {
                commands.spawn((
                    widget::button(
                        &fonts,
                        lang.t(Key::LinkFrom),
                        UiAction::LinkFrom(card.id.clone()),
                        "link-from",
                        ButtonColors::PRIMARY,
                    ),
                    ChildOf(panel),
                ));
                commands.spawn((
                    widget::button(
                        &fonts,
                        lang.t(Key::ReturnToHand),
                        UiAction::ReturnToHand(card.id.clone()),
                        "return-to-hand",
                        ButtonColors::QUIET,
                    ),
                    ChildOf(panel),
                ));
            }
            commands.spawn((
                widget::button(
                    &fonts,
                    lang.t(Key::Close),
                    UiAction::CloseInspector,
                    "close-inspector",
                    ButtonColors::QUIET,
                ),
                ChildOf(panel),
            ));
        }
        return;
    }

    if let Some(report) = game.report() {
        spawn_report(&mut commands, panel, &fonts, *lang, &session, report);
        return;
    }

    commands.spawn((
        widget::heading(&fonts, game.round().title.clone(), 20.0),
        ChildOf(panel),
    ));
    commands.spawn((
        widget::text(&fonts, game.round().intro.clone(), 15.0, palette::INK),
        ChildOf(panel),
    ));
    commands.spawn((
        widget::text(
            &fonts,
            lang.t(hint_key(game.kind())),
            14.0,
            palette::INK_SOFT,
        ),
        ChildOf(panel),
    ));
}

/// Where a misplaced card belongs, in words.
pub fn placement_reason(lang: Lang, session: &Session, placement: &Placement) -> String {
    let game = &session.game;
    let title = |id: &crate::rules::CardId| {
        game.deck()
            .card(id)
            .map_or_else(|| id.to_string(), |c| c.title.clone())
    };
    let zone_label = |id: &str| match game.kind() {
        RoundKind::Categories(r) => r.zone(id).map_or(id.to_owned(), |z| z.label.clone()),
        _ => id.to_owned(),
    };
    match placement {
        Placement::RightZone { why, .. } => why.clone(),
        Placement::WrongZone {
            expected,
            why,
            misconception,
            ..
        } => {
            let zones = expected
                .iter()
                .map(|z| zone_label(z))
                .collect::<Vec<_>>()
                .join(" / ");
            let belongs = lang.f(Key::BelongsIn, &[("zones", &zones)]);
            match misconception {
                Some(m) => format!("{m} {belongs}"),
                None => format!("{belongs} {why}"),
            }
        }
        Placement::InPlace { .. } => String::new(),
        Placement::Misplaced {
            step,
            after,
            before,
        } => {
            let total = match game.kind() {
                RoundKind::Timeline(t) => t.steps.len(),
                _ => 0,
            };
            let mut text = lang.f(Key::BelongsAt, &[("step", &(step + 1)), ("total", &total)]);
            if let Some(a) = after {
                text.push(' ');
                text.push_str(&lang.f(Key::BelongsAfter, &[("card", &title(a))]));
            }
            if let Some(b) = before {
                text.push(' ');
                text.push_str(&lang.f(Key::BelongsBefore, &[("card", &title(b))]));
            }
            text
        }
    }
}

fn spawn_report(
    commands: &mut Commands,
    panel: Entity,
    fonts: &UiFonts,
    lang: Lang,
    session: &Session,
    report: &Report,
) {
    commands.spawn((
        widget::heading(fonts, lang.t(Key::Result), 22.0),
        ChildOf(panel),
    ));
    let kind = session.game.kind();
    let placement_round = matches!(kind, RoundKind::Categories(_) | RoundKind::Timeline(_));
    if session.game.showing_solution() {
        commands.spawn((
            Text::new(lang.t(Key::SolutionShown)),
            fonts.bold(15.0),
            TextColor(palette::ACCENT),
            Pickable::IGNORE,
            ChildOf(panel),
        ));
    }
    commands.spawn((
        widget::text(
            fonts,
            report_summary(lang, kind, report),
            16.0,
            palette::INK,
        ),
        ChildOf(panel),
    ));
    if report.is_perfect() {
        let perfect = if placement_round {
            Key::PerfectPlacement
        } else {
            Key::Perfect
        };
        commands.spawn((
            Text::new(format!("✓ {}", lang.t(perfect))),
            fonts.bold(16.0),
            TextColor(palette::CORRECT),
            Pickable::IGNORE,
            ChildOf(panel),
        ));
    }
    if !report.unplaced.is_empty() {
        commands.spawn((
            widget::text(
                fonts,
                lang.f(Key::Unplaced, &[("n", &report.unplaced.len())]),
                15.0,
                palette::INK_SOFT,
            ),
            ChildOf(panel),
        ));
    }
    commands.spawn((
        widget::heading(fonts, lang.t(Key::Debrief), 17.0),
        ChildOf(panel),
    ));
    commands.spawn((
        widget::text(
            fonts,
            session.game.round().debrief.clone(),
            15.0,
            palette::INK,
        ),
        ChildOf(panel),
    ));
    if !report.cards.is_empty() {
        commands.spawn((
            widget::heading(fonts, lang.t(Key::CardsHeading), 17.0),
            ChildOf(panel),
        ));
    }
    for verdict in &report.cards {
        let (label, color) = placement_style(lang, &verdict.placement);
        let card = session.game.deck().card(&verdict.card);
        let mut title = card.map_or_else(|| verdict.card.to_string(), |c| c.title.clone());
        if let Some(date) = card.and_then(|c| c.date.as_ref()) {
            title = format!("{title} ({date})");
        }
        commands.spawn((
            Text::new(format!("{label} — {title}")),
            fonts.bold(14.0),
            TextColor(color),
            Pickable::IGNORE,
            ChildOf(panel),
        ));
        let reason = placement_reason(lang, session, &verdict.placement);
        if !reason.is_empty() {
            commands.spawn((
                widget::text(fonts, reason, 13.5, palette::INK),
                ChildOf(panel),
            ));
        }
    }
    let matching = matches!(kind, RoundKind::Matching(_));
    if !report.links.is_empty() {
        let heading = if matching {
            Key::PairsHeading
        } else {
            Key::LinksHeading
        };
        commands.spawn((
            widget::heading(fonts, lang.t(heading), 17.0),
            ChildOf(panel),
        ));
    }
    for verdict in &report.links {
        let (label, color) = verdict_style(lang, &verdict.verdict);
        commands.spawn((
            Text::new(format!("{label} — {}", link_label(session, &verdict.link))),
            fonts.bold(14.0),
            TextColor(color),
            Pickable::IGNORE,
            ChildOf(panel),
        ));
        commands.spawn((
            widget::text(
                fonts,
                verdict_reason(lang, &verdict.verdict),
                13.5,
                palette::INK,
            ),
            ChildOf(panel),
        ));
    }
    // Missing links between cards on the board are spelled out; the others (cards not placed
    // yet) are only counted, so an early check does not give away the whole solution.
    let (shown, hidden): (Vec<_>, Vec<_>) = report.missing.iter().partition(|m| m.cards_on_board);
    if !report.missing.is_empty() {
        let heading = if matching {
            Key::MissingPairsHeading
        } else {
            Key::MissingHeading
        };
        commands.spawn((
            widget::heading(fonts, lang.t(heading), 17.0),
            ChildOf(panel),
        ));
    }
    for missing in shown {
        commands.spawn((
            Text::new(format!("? {}", link_label(session, &missing.link))),
            fonts.bold(14.0),
            TextColor(palette::MISSING),
            Pickable::IGNORE,
            ChildOf(panel),
        ));
        commands.spawn((
            widget::text(fonts, missing.why.clone(), 13.5, palette::INK),
            ChildOf(panel),
        ));
    }
    if !hidden.is_empty() {
        commands.spawn((
            widget::text(
                fonts,
                lang.f(
                    if matching {
                        Key::MissingOtherPairs
                    } else {
                        Key::MissingOthers
                    },
                    &[("n", &hidden.len())],
                ),
                14.0,
                palette::INK_SOFT,
            ),
            ChildOf(panel),
        ));
    }
    commands.spawn((
        widget::button(
            fonts,
            lang.t(Key::RestartRound),
            UiAction::RestartRound,
            "restart-round",
            ButtonColors::QUIET,
        ),
        ChildOf(panel),
    ));
}

fn error_key(error: &RuleError) -> Key {
    match error {
        RuleError::UnknownCard(_) => Key::ErrUnknownCard,
        RuleError::NotInHand(_) => Key::ErrNotInHand,
        RuleError::AlreadyPlaced(_) => Key::ErrAlreadyPlaced,
        RuleError::NotOnBoard(_) => Key::ErrNotOnBoard,
        RuleError::OutsideBoard => Key::ErrOutsideBoard,
        RuleError::SelfLink => Key::ErrSelfLink,
        RuleError::AlreadyLinked => Key::ErrAlreadyLinked,
        RuleError::NoSuchLink => Key::ErrNoSuchLink,
        RuleError::NoMoreLots => Key::ErrNoMoreLots,
        RuleError::BoardLocked => Key::ErrBoardLocked,
        RuleError::NotChecked => Key::ErrNotChecked,
        RuleError::NoLinksInThisRound => Key::ErrNoLinks,
        RuleError::UnknownRound(_) => Key::ErrUnknownRound,
        RuleError::RoundNotReached => Key::ErrRoundNotReached,
        RuleError::RoundsNotChecked => Key::ErrRoundsNotChecked,
        RuleError::Finished => Key::ErrFinished,
    }
}

/// The localised message for a refused action.
pub fn rejection_message(lang: Lang, error: &RuleError) -> &'static str {
    lang.t(error_key(error))
}

fn show_notices(
    mut commands: Commands,
    mut rejected: MessageReader<ActionRejected>,
    mut events: MessageReader<GameEvent>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    time: Res<Time>,
    old: Query<Entity, With<Notice>>,
) {
    let mut message = None;
    for r in rejected.read() {
        message = Some((
            rejection_message(*lang, &r.error).to_owned(),
            palette::ERROR_TEXT,
        ));
    }
    for GameEvent(event) in events.read() {
        if let Event::LinkRemoved(_) = event {
            message = Some((lang.t(Key::LinkRemoved).to_owned(), palette::INK));
        }
    }
    let Some((text, color)) = message else {
        return;
    };
    for entity in &old {
        commands.entity(entity).despawn();
    }
    commands.spawn((
        Name::new("Notice"),
        Notice {
            until: time.elapsed_secs() + NOTICE_SECONDS,
        },
        DespawnOnExit(Screen::Play),
        Node {
            position_type: PositionType::Absolute,
            top: px(TOP_BAR_HEIGHT + 10.0),
            left: px(16),
            padding: UiRect::axes(px(14), px(8)),
            border: px(2).all(),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(palette::PAPER),
        BorderColor::all(color),
        GlobalZIndex(40),
        Pickable::IGNORE,
        children![(
            Text::new(text),
            fonts.bold(15.0),
            TextColor(color),
            Pickable::IGNORE
        )],
    ));
}

fn expire_notices(mut commands: Commands, notices: Query<(Entity, &Notice)>, time: Res<Time>) {
    for (entity, notice) in &notices {
        if time.elapsed_secs() > notice.until {
            commands.entity(entity).despawn();
        }
    }
}
