//! Announcements for screen readers: check results, refusals and what happened, written to the
//! page's `aria-live` region.

use bevy::prelude::*;

use super::page;
use crate::feedback::{
    card_title, link_label, placement_reason, placement_style, refusal_message, report_summary,
    verdict_reason, verdict_style,
};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::Event;
use crate::session::{ActionRejected, GameEvent, Session};

pub(super) fn announce(
    mut events: MessageReader<GameEvent>,
    mut rejected: MessageReader<ActionRejected>,
    session: Option<Res<Session>>,
    lang: Res<Lang>,
) {
    for r in rejected.read() {
        page::announce(refusal_message(lang.0, &r.refusal));
    }
    let Some(session) = session else {
        events.clear();
        return;
    };
    let game = &session.game;
    let title = |c: &crate::rules::CardId| card_title(game, c);
    let mut moves = Vec::new();
    for GameEvent(event) in events.read() {
        match event {
            // Moves, by any input: where the card is now (what a sighted player sees).
            Event::CardPlaced { card, .. } | Event::CardMoved { card, .. } => {
                moves.push(format!(
                    "« {} » : {}",
                    title(card),
                    crate::mirror::board::where_is(game, card, *lang, &title)
                ));
            }
            Event::CardReturned { card } => {
                moves.push(lang.f(Key::BackInHand, &[("card", &title(card))]));
            }
            Event::LinkAdded(link) | Event::LinkRemoved(link) => {
                let args: [(&str, &dyn std::fmt::Display); 2] =
                    [("from", &title(&link.from)), ("to", &title(&link.to))];
                let pairs = matches!(game.kind(), crate::rules::RoundKind::Matching(_));
                let what = lang.f(
                    if pairs {
                        Key::MirrorPair
                    } else {
                        Key::MirrorArrow
                    },
                    &args,
                );
                moves.push(if matches!(event, Event::LinkRemoved(_)) {
                    format!("{} : {what}", lang.t(Key::LinkRemoved))
                } else {
                    what
                });
            }
            Event::Checked(report) => {
                let mut lines = vec![report_summary(lang.0, session.game.kind(), report)];
                for v in &report.links {
                    lines.push(format!(
                        "{} — {} : {}",
                        verdict_style(lang.0, &v.verdict).0,
                        link_label(&session.game, &v.link),
                        verdict_reason(lang.0, &v.verdict)
                    ));
                }
                for v in &report.cards {
                    let title = card_title(&session.game, &v.card);
                    lines.push(format!(
                        "{} — {title} : {}",
                        placement_style(lang.0, &v.placement).0,
                        placement_reason(lang.0, &session.game, &v.placement)
                    ));
                }
                page::announce(&lines.join("\n"));
            }
            Event::SolutionShown => page::announce(lang.t(Key::SolutionShown)),
            Event::Undone => page::announce(lang.t(Key::Undone)),
            Event::Redone => page::announce(lang.t(Key::Redone)),
            Event::Finished => page::announce(lang.t(Key::SummaryTitle)),
            _ => {}
        }
    }
    if !moves.is_empty() {
        page::announce(&moves.join("\n"));
    }
}
