//! Feedback in words: verdicts, where a card belongs, a check's summary, why a move was
//! refused. Shared by every view of the game (board, side panel, summary, the page's
//! announcements and state), so that they all say the same thing.

use crate::i18n::{Key, Language, tr, trf};
use crate::protocol::Refusal;
use crate::rules::{
    CardId, Game, Link, Misconception, Placement, Report, RoundKind, RuleError, Verdict,
    WrongReason,
};

/// How a verdict reads: right, defensible, or wrong. Views give each its colour, and never
/// show colour alone (an icon and a word go with it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Right,
    Acceptable,
    Wrong,
}

/// A card's title, or its id when the deck has no such card.
pub fn card_title(game: &Game, id: &CardId) -> String {
    game.deck()
        .card(id)
        .map_or_else(|| id.to_string(), |c| c.title.clone())
}

/// A zone's label in the current categories round, or its id.
pub fn zone_label(game: &Game, id: &str) -> String {
    match game.kind() {
        RoundKind::Categories(r) => r.zone(id).map_or(id.to_owned(), |z| z.label.clone()),
        _ => id.to_owned(),
    }
}

/// A misconception met in round `round`: what was done ("A → B", or "card → zone") and the
/// deck's correction.
pub fn misconception_text(game: &Game, round: usize, m: &Misconception) -> (String, String) {
    match m {
        Misconception::Link { link, why } => (link_label(game, link), why.clone()),
        Misconception::Zone { card, zone, why } => {
            let zone = match game.deck().rounds.get(round).map(|r| &r.kind) {
                Some(RoundKind::Categories(r)) => {
                    r.zone(zone).map_or(zone.clone(), |z| z.label.clone())
                }
                _ => zone.clone(),
            };
            (format!("{} → {zone}", card_title(game, card)), why.clone())
        }
    }
}

/// "Title A → Title B" for a link.
pub fn link_label(game: &Game, link: &Link) -> String {
    format!(
        "{} → {}",
        card_title(game, &link.from),
        card_title(game, &link.to)
    )
}

/// A source as a line: `id — title`, and its address on the next line when it has one.
pub fn source_line(source: &crate::rules::Source) -> String {
    match &source.url {
        Some(url) => format!("{} — {}\n{url}", source.id, source.title),
        None => format!("{} — {}", source.id, source.title),
    }
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

/// A link's verdict: its icon and word, and its tone.
pub fn verdict_style(lang: Language, verdict: &Verdict) -> (String, Tone) {
    match verdict {
        Verdict::Correct { .. } => (format!("✓ {}", tr(lang, Key::VerdictCorrect)), Tone::Right),
        Verdict::Acceptable { .. } => (
            format!("≈ {}", tr(lang, Key::VerdictAcceptable)),
            Tone::Acceptable,
        ),
        Verdict::Wrong(_) => (format!("✗ {}", tr(lang, Key::VerdictWrong)), Tone::Wrong),
    }
}

/// A placed card's verdict: its icon and word, and its tone.
pub fn placement_style(lang: Language, placement: &Placement) -> (String, Tone) {
    match placement {
        Placement::RightZone { .. } => (
            format!("✓ {}", tr(lang, Key::VerdictRightZone)),
            Tone::Right,
        ),
        Placement::InPlace { .. } => (format!("✓ {}", tr(lang, Key::VerdictInPlace)), Tone::Right),
        Placement::WrongZone { .. } => (
            format!("✗ {}", tr(lang, Key::VerdictWrongZone)),
            Tone::Wrong,
        ),
        Placement::Misplaced { .. } => (
            format!("✗ {}", tr(lang, Key::VerdictMisplaced)),
            Tone::Wrong,
        ),
    }
}

/// The explanation of a link's verdict.
pub fn verdict_reason(lang: Language, verdict: &Verdict) -> String {
    match verdict {
        Verdict::Correct { why } | Verdict::Acceptable { why } => why.clone(),
        Verdict::Wrong(WrongReason::Misconception(why)) => why.clone(),
        Verdict::Wrong(WrongReason::Reversed { why }) => {
            trf(lang, Key::ReasonReversed, &[("why", why)])
        }
        Verdict::Wrong(WrongReason::NotInReference) => {
            tr(lang, Key::ReasonNotInReference).to_owned()
        }
    }
}

/// Where a card belongs, in words (empty for a card in place).
pub fn placement_reason(lang: Language, game: &Game, placement: &Placement) -> String {
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
                .map(|z| zone_label(game, z))
                .collect::<Vec<_>>()
                .join(" / ");
            let belongs = trf(lang, Key::BelongsIn, &[("zones", &zones)]);
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
            let mut text = trf(
                lang,
                Key::BelongsAt,
                &[("step", &(step + 1)), ("total", &total)],
            );
            if let Some(a) = after {
                text.push(' ');
                text.push_str(&trf(
                    lang,
                    Key::BelongsAfter,
                    &[("card", &card_title(game, a))],
                ));
            }
            if let Some(b) = before {
                text.push(' ');
                text.push_str(&trf(
                    lang,
                    Key::BelongsBefore,
                    &[("card", &card_title(game, b))],
                ));
            }
            text
        }
    }
}

/// The one-line summary of a report.
pub fn report_summary(lang: Language, kind: &RoundKind, report: &Report) -> String {
    let found = report.required_total - report.missing.len();
    match kind {
        RoundKind::Categories(_) | RoundKind::Timeline(_) => trf(
            lang,
            Key::SummaryPlacement,
            &[
                ("right", &report.cards_right()),
                ("total", &(report.cards.len() + report.unplaced.len())),
            ],
        ),
        RoundKind::Matching(_) => trf(
            lang,
            Key::SummaryMatching,
            &[
                ("correct", &report.correct()),
                ("wrong", &report.wrong()),
                ("found", &found),
                ("required", &report.required_total),
            ],
        ),
        RoundKind::Links(_) => trf(
            lang,
            Key::Summary,
            &[
                ("correct", &report.correct()),
                ("acceptable", &report.acceptable()),
                ("wrong", &report.wrong()),
                ("found", &found),
                ("required", &report.required_total),
            ],
        ),
    }
}

fn rule_error_key(error: &RuleError) -> Key {
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
        RuleError::NotPairing => Key::ErrNotPairing,
        RuleError::UnknownRound(_) => Key::ErrUnknownRound,
        RuleError::RoundNotReached => Key::ErrRoundNotReached,
        RuleError::RoundsNotChecked => Key::ErrRoundsNotChecked,
        RuleError::Finished => Key::ErrFinished,
        RuleError::NothingToUndo => Key::ErrNothingToUndo,
        RuleError::NothingToRedo => Key::ErrNothingToRedo,
    }
}

/// Why a move was not made, in words.
pub fn refusal_message(lang: Language, refusal: &Refusal) -> &'static str {
    tr(
        lang,
        match refusal {
            Refusal::Rule(e) => rule_error_key(e),
            Refusal::Conflict => Key::ErrConflict,
            Refusal::Locked => Key::ErrTableLocked,
            Refusal::FacilitatorOnly => Key::ErrFacilitatorOnly,
            Refusal::NotSeated => Key::ErrNotSeated,
            Refusal::Following => Key::ErrFollowing,
            Refusal::Offline => Key::ErrOffline,
        },
    )
}
