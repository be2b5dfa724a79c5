//! The report of a check in the side panel: the summary line, the debrief, each card's or
//! arrow's verdict with its explanation, the missing arrows or pairs.

use bevy::prelude::*;

use super::play;
use crate::feedback::{
    link_label, placement_reason, placement_style, report_summary, verdict_reason, verdict_style,
};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{Action, Report, RoundKind};
use crate::session::Session;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

pub(super) fn spawn_report(
    commands: &mut Commands,
    panel: Entity,
    fonts: &UiFonts,
    lang: Lang,
    session: &Session,
    report: &Report,
    restart: bool,
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
            report_summary(lang.0, kind, report),
            16.0,
            palette::INK,
        ),
        ChildOf(panel),
    ));
    commands.spawn((
        widget::button(
            fonts,
            lang.t(Key::ExportBoard),
            UiAction::ExportBoard,
            "export-board",
            ButtonColors::QUIET,
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
        let (label, tone) = placement_style(lang.0, &verdict.placement);
        let color = palette::tone(tone);
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
        let reason = placement_reason(lang.0, &session.game, &verdict.placement);
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
        let (label, tone) = verdict_style(lang.0, &verdict.verdict);
        let color = palette::tone(tone);
        commands.spawn((
            Text::new(format!(
                "{label} — {}",
                link_label(&session.game, &verdict.link)
            )),
            fonts.bold(14.0),
            TextColor(color),
            Pickable::IGNORE,
            ChildOf(panel),
        ));
        commands.spawn((
            widget::text(
                fonts,
                verdict_reason(lang.0, &verdict.verdict),
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
            Text::new(format!("? {}", link_label(&session.game, &missing.link))),
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
    if restart {
        commands.spawn((
            widget::button(
                fonts,
                lang.t(Key::RestartRound),
                play(Action::RestartRound),
                "restart-round",
                ButtonColors::QUIET,
            ),
            ChildOf(panel),
        ));
    }
}
