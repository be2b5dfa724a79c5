//! Checking a links board against the deck's reference solution.

use super::board::{Link, LinksBoard};
use super::deck::{CardId, LinkKind, LinksRound};

/// Why a drawn link is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WrongReason {
    /// The deck lists this link as a common misconception, with its correction.
    Misconception(String),
    /// The reverse link is in the reference: the arrow points the wrong way. `why` explains
    /// the right direction.
    Reversed { why: String },
    /// The reference has no such link.
    NotInReference,
}

/// The verdict on one drawn link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A required link of the reference.
    Correct {
        why: String,
    },
    /// An optional link of the reference: defensible, not required.
    Acceptable {
        why: String,
    },
    Wrong(WrongReason),
}

impl Verdict {
    pub fn is_wrong(&self) -> bool {
        matches!(self, Verdict::Wrong(_))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkVerdict {
    pub link: Link,
    pub verdict: Verdict,
}

/// A required link that was not drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingLink {
    pub link: Link,
    pub why: String,
    /// Whether both of its cards are on the board (otherwise players could not draw it yet).
    pub cards_on_board: bool,
}

/// The result of a check. No speed, no ranking: what is right, what is not, and why.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Report {
    /// One verdict per drawn link, in drawing order.
    pub links: Vec<LinkVerdict>,
    /// Required links not drawn, in the deck's order.
    pub missing: Vec<MissingLink>,
    /// Cards of the round that are not on the board.
    pub unplaced: Vec<CardId>,
    /// How many links the reference requires.
    pub required_total: usize,
}

impl Report {
    pub fn correct(&self) -> usize {
        self.count(|v| matches!(v, Verdict::Correct { .. }))
    }

    pub fn acceptable(&self) -> usize {
        self.count(|v| matches!(v, Verdict::Acceptable { .. }))
    }

    pub fn wrong(&self) -> usize {
        self.count(Verdict::is_wrong)
    }

    pub fn verdict(&self, link: &Link) -> Option<&Verdict> {
        self.links
            .iter()
            .find(|v| &v.link == link)
            .map(|v| &v.verdict)
    }

    /// Every required link drawn, nothing wrong.
    pub fn is_perfect(&self) -> bool {
        self.missing.is_empty() && self.wrong() == 0
    }

    fn count(&self, pred: impl Fn(&Verdict) -> bool) -> usize {
        self.links.iter().filter(|v| pred(&v.verdict)).count()
    }
}

/// Compares the links drawn on `board` with the reference of `round`.
pub fn check_links(round: &LinksRound, board: &LinksBoard) -> Report {
    let links = board
        .links()
        .iter()
        .map(|link| LinkVerdict {
            link: link.clone(),
            verdict: verdict_for(round, link),
        })
        .collect();
    let missing = round
        .links
        .iter()
        .filter(|e| e.kind == LinkKind::Required)
        .filter(|e| !board.has_link(&Link::new(e.from.clone(), e.to.clone())))
        .map(|e| MissingLink {
            link: Link::new(e.from.clone(), e.to.clone()),
            why: e.why.clone(),
            cards_on_board: board.is_placed(&e.from) && board.is_placed(&e.to),
        })
        .collect();
    let unplaced = round
        .cards()
        .filter(|c| !board.is_placed(c))
        .cloned()
        .collect();
    let required_total = round
        .links
        .iter()
        .filter(|e| e.kind == LinkKind::Required)
        .count();
    Report {
        links,
        missing,
        unplaced,
        required_total,
    }
}

fn verdict_for(round: &LinksRound, link: &Link) -> Verdict {
    if let Some(expected) = round.expected(&link.from, &link.to) {
        let why = expected.why.clone();
        return match expected.kind {
            LinkKind::Required => Verdict::Correct { why },
            LinkKind::Optional => Verdict::Acceptable { why },
        };
    }
    if let Some(wrong) = round.known_wrong(&link.from, &link.to) {
        return Verdict::Wrong(WrongReason::Misconception(wrong.why.clone()));
    }
    if let Some(reverse) = round.expected(&link.to, &link.from) {
        return Verdict::Wrong(WrongReason::Reversed {
            why: reverse.why.clone(),
        });
    }
    Verdict::Wrong(WrongReason::NotInReference)
}
