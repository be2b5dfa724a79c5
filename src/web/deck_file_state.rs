//! The part of `#fresque-state` about the last deck file of one's own (tests read it).

use serde::Serialize;

#[derive(Serialize, PartialEq)]
pub(super) struct DeckFileOut {
    /// "added", "too-large", "binary", "no-interface", "invalid", "board-refused" or
    /// "saved-unreadable".
    outcome: &'static str,
    name: Option<String>,
    /// Each problem as `file:line:col: error: message`, with the line it points at.
    errors: Vec<String>,
    lines: Vec<Option<String>>,
}

pub(super) fn deck_file_out(
    report: &crate::content::custom::DeckFileReport,
) -> Option<DeckFileOut> {
    use crate::content::custom::FileOutcome;
    let out = |outcome, name: &String| DeckFileOut {
        outcome,
        name: Some(name.clone()),
        errors: Vec::new(),
        lines: Vec::new(),
    };
    Some(match report.0.as_ref()? {
        FileOutcome::Added { name, .. } => out("added", name),
        FileOutcome::TooLarge { name, .. } => out("too-large", name),
        FileOutcome::Binary { name } => out("binary", name),
        FileOutcome::BoardRefused { name, message } => DeckFileOut {
            outcome: "board-refused",
            name: Some(name.clone()),
            errors: vec![message.clone()],
            lines: Vec::new(),
        },
        FileOutcome::NoInterface { name, .. } => out("no-interface", name),
        FileOutcome::SavedUnreadable => DeckFileOut {
            outcome: "saved-unreadable",
            name: None,
            errors: Vec::new(),
            lines: Vec::new(),
        },
        FileOutcome::Invalid { name, problems } => DeckFileOut {
            outcome: "invalid",
            name: Some(name.clone()),
            errors: problems.iter().map(|(d, _)| d.to_string()).collect(),
            lines: problems.iter().map(|(_, l)| l.clone()).collect(),
        },
    })
}
