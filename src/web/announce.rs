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
    for GameEvent(event) in events.read() {
        match event {
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
}
