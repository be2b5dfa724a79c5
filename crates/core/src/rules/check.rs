//! Checking a board against the deck's reference: links, zones, order or pairs.

use super::board::{Link, LinksBoard};
use super::deck::{
    CardId, CategoriesRound, LinkKind, LinksRound, MatchingRound, RoundKind, TimelineRound,
};
use super::layout;

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

/// Where a card was put, judged (categories and timeline rounds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In one of its right zones.
    RightZone { zone: String, why: String },
    /// In a wrong zone (`zone`), or outside every zone (`None`). `expected` lists its right
    /// zones; `misconception` is the deck's correction for this very mistake, if any.
    WrongZone {
        zone: Option<String>,
        expected: Vec<String>,
        why: String,
        misconception: Option<String>,
    },
    /// In a right order with the other cards in place; `step` counts from 0.
    InPlace { step: usize },
    /// Out of order. It belongs at `step` (from 0): after `after`, before `before`.
    Misplaced {
        step: usize,
        after: Option<CardId>,
        before: Option<CardId>,
    },
}

impl Placement {
    pub fn is_right(&self) -> bool {
        matches!(
            self,
            Placement::RightZone { .. } | Placement::InPlace { .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardVerdict {
    pub card: CardId,
    pub placement: Placement,
}

/// The result of a check. No speed, no ranking: what is right, what is not, and why.
/// Links and matching rounds fill `links` and `missing`; categories and timeline rounds fill
/// `cards`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Report {
    /// One verdict per drawn link, in drawing order.
    pub links: Vec<LinkVerdict>,
    /// Required links (or pairs) not drawn, in the deck's order.
    pub missing: Vec<MissingLink>,
    /// One verdict per placed card, in the deck's order.
    pub cards: Vec<CardVerdict>,
    /// Cards of the round that are not on the board.
    pub unplaced: Vec<CardId>,
    /// How many links (or pairs) the reference requires.
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

    /// Cards placed right (categories, timeline).
    pub fn cards_right(&self) -> usize {
        self.cards.iter().filter(|c| c.placement.is_right()).count()
    }

    /// Cards placed wrong (categories, timeline).
    pub fn cards_wrong(&self) -> usize {
        self.cards.len() - self.cards_right()
    }

    pub fn placement(&self, card: &CardId) -> Option<&Placement> {
        self.cards
            .iter()
            .find(|c| &c.card == card)
            .map(|c| &c.placement)
    }

    /// Every required link drawn, every card right, nothing wrong. A placement round also
    /// needs every card on the board.
    pub fn is_perfect(&self) -> bool {
        let placement_round = !self.cards.is_empty() || self.required_total == 0;
        self.missing.is_empty()
            && self.wrong() == 0
            && self.cards_wrong() == 0
            && (!placement_round || self.unplaced.is_empty())
    }

    /// The deck's corrections of misconceptions met in this check: (what was done, correction).
    pub fn misconceptions(&self) -> Vec<Misconception> {
        let mut out = Vec::new();
        for l in &self.links {
            if let Verdict::Wrong(WrongReason::Misconception(why)) = &l.verdict {
                out.push(Misconception::Link {
                    link: l.link.clone(),
                    why: why.clone(),
                });
            }
        }
        for c in &self.cards {
            if let Placement::WrongZone {
                zone: Some(zone),
                misconception: Some(why),
                ..
            } = &c.placement
            {
                out.push(Misconception::Zone {
                    card: c.card.clone(),
                    zone: zone.clone(),
                    why: why.clone(),
                });
            }
        }
        out
    }

    fn count(&self, pred: impl Fn(&Verdict) -> bool) -> usize {
        self.links.iter().filter(|v| pred(&v.verdict)).count()
    }
}

/// A common mistake that players made, with the deck's correction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misconception {
    Link {
        link: Link,
        why: String,
    },
    Zone {
        card: CardId,
        zone: String,
        why: String,
    },
}

/// Checks `board` against the reference of a round of any kind.
pub fn check(kind: &RoundKind, board: &LinksBoard) -> Report {
    match kind {
        RoundKind::Links(r) => check_links(r, board),
        RoundKind::Categories(r) => check_categories(r, board),
        RoundKind::Timeline(r) => check_timeline(r, board),
        RoundKind::Matching(r) => check_matching(r, board),
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
        .filter(|e| {
            let drawn = board.has_link(&Link::new(e.from.clone(), e.to.clone()));
            let reversed =
                e.reverse.is_some() && board.has_link(&Link::new(e.to.clone(), e.from.clone()));
            !drawn && !reversed
        })
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
        ..Report::default()
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
    // The validator refuses a wrong link that contradicts a link true both ways.
    if let Some((expected, true)) = round.drawn_as(&link.from, &link.to) {
        let why = expected.reverse.clone().unwrap_or_default();
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

/// Cards of a round that are not on the board, in the order given.
fn unplaced<'a>(cards: impl Iterator<Item = &'a CardId>, board: &LinksBoard) -> Vec<CardId> {
    cards.filter(|c| !board.is_placed(c)).cloned().collect()
}

/// Compares the zones where cards lie with their right zones.
pub fn check_categories(round: &CategoriesRound, board: &LinksBoard) -> Report {
    let cards = round
        .cards
        .iter()
        .filter_map(|sorted| {
            let pos = board.position(&sorted.card)?;
            let zone = layout::zone_at(round, pos).map(|i| round.zones[i].id.clone());
            let placement = match &zone {
                Some(z) if sorted.zones.contains(z) => Placement::RightZone {
                    zone: z.clone(),
                    why: sorted.why.clone(),
                },
                _ => Placement::WrongZone {
                    misconception: zone.as_ref().and_then(|z| {
                        round
                            .wrong_zones
                            .iter()
                            .find(|w| w.card == sorted.card && &w.zone == z)
                            .map(|w| w.why.clone())
                    }),
                    zone,
                    expected: sorted.zones.clone(),
                    why: sorted.why.clone(),
                },
            };
            Some(CardVerdict {
                card: sorted.card.clone(),
                placement,
            })
        })
        .collect();
    Report {
        cards,
        unplaced: unplaced(round.cards.iter().map(|c| &c.card), board),
        ..Report::default()
    }
}

/// Compares the order of the cards along the line with the reference steps. The largest set
/// of cards already in a right order (a longest non-decreasing run of steps) is in place; the
/// others are misplaced, with where they belong.
pub fn check_timeline(round: &TimelineRound, board: &LinksBoard) -> Report {
    let order: Vec<CardId> = layout::timeline_order(board.placed())
        .into_iter()
        .filter(|c| round.step_of(c).is_some())
        .collect();
    let steps: Vec<usize> = order.iter().filter_map(|c| round.step_of(c)).collect();
    let keep = longest_non_decreasing(&steps);
    let mut cards: Vec<CardVerdict> = order
        .iter()
        .enumerate()
        .map(|(i, card)| {
            let step = steps[i];
            let placement = if keep[i] {
                Placement::InPlace { step }
            } else {
                Placement::Misplaced {
                    step,
                    after: step
                        .checked_sub(1)
                        .and_then(|s| round.steps[s].first().cloned()),
                    before: round.steps.get(step + 1).and_then(|s| s.first().cloned()),
                }
            };
            CardVerdict {
                card: card.clone(),
                placement,
            }
        })
        .collect();
    // Report cards in the reference order, so feedback reads as the story it tells.
    cards.sort_by_key(|v| {
        round
            .steps
            .iter()
            .flatten()
            .position(|c| c == &v.card)
            .unwrap_or(usize::MAX)
    });
    Report {
        cards,
        unplaced: unplaced(round.steps.iter().flatten(), board),
        ..Report::default()
    }
}

/// Marks the members of one longest non-decreasing subsequence (the first found, scanning
/// from the left, so results are stable).
fn longest_non_decreasing(values: &[usize]) -> Vec<bool> {
    let n = values.len();
    let mut length = vec![1usize; n];
    let mut previous = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            if values[j] <= values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = Some(j);
            }
        }
    }
    let mut keep = vec![false; n];
    let mut at = (0..n).fold(None, |best: Option<usize>, i| match best {
        Some(b) if length[b] >= length[i] => Some(b),
        _ => Some(i),
    });
    while let Some(i) = at {
        keep[i] = true;
        at = previous[i];
    }
    keep
}

/// Judges each drawn link as a pair (direction does not matter) and lists pairs not made.
pub fn check_matching(round: &MatchingRound, board: &LinksBoard) -> Report {
    let links = board
        .links()
        .iter()
        .map(|link| LinkVerdict {
            link: link.clone(),
            verdict: if let Some(pair) = round.pair(&link.from, &link.to) {
                Verdict::Correct {
                    why: pair.why.clone(),
                }
            } else if let Some(wrong) = round.known_wrong(&link.from, &link.to) {
                Verdict::Wrong(WrongReason::Misconception(wrong.why.clone()))
            } else {
                Verdict::Wrong(WrongReason::NotInReference)
            },
        })
        .collect();
    let drawn = |a: &CardId, b: &CardId| {
        board
            .links()
            .iter()
            .any(|l| l.joins_same_cards(&Link::new(a.clone(), b.clone())))
    };
    let mut missing = Vec::new();
    for pair in &round.pairs {
        for right in &pair.right {
            if !drawn(&pair.left, right) {
                missing.push(MissingLink {
                    link: Link::new(pair.left.clone(), right.clone()),
                    why: pair.why.clone(),
                    cards_on_board: board.is_placed(&pair.left) && board.is_placed(right),
                });
            }
        }
    }
    Report {
        links,
        missing,
        unplaced: unplaced(round.cards(), board),
        required_total: round.pairs.iter().map(|p| p.right.len()).sum(),
        ..Report::default()
    }
}
