//! Language versions of one deck must match: same cards, same rounds, same answers.
//! Only the texts differ.

use std::collections::BTreeSet;

use super::diagnostic::Diagnostic;
use super::spans::{Path, Position, SpanIndex};
use crate::rules::{Deck, LinkKind, RoundKind};

/// A checked deck with where it came from, for cross-file checks.
pub struct Located<'a> {
    pub file: &'a str,
    pub deck: &'a Deck,
    pub spans: Option<&'a SpanIndex>,
}

impl<'a> Located<'a> {
    /// A checked deck file; `None` when it has errors (no deck).
    pub fn of(file: &'a str, outcome: &'a super::DeckOutcome) -> Option<Self> {
        Some(Self {
            file,
            deck: outcome.deck.as_ref()?,
            spans: outcome.spans.as_deref(),
        })
    }

    fn at(&self, path: &Path) -> Position {
        self.spans.map_or(Position::START, |s| s.locate(path))
    }
}

/// Compares `other` with `reference` (same deck id, another language). Problems are
/// reported in `other`'s file.
pub fn compare_translation(reference: &Located<'_>, other: &Located<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (r, o) = (reference.deck, other.deck);
    let root = Path::root();
    let mut err = |path: &Path, msg: String| {
        out.push(Diagnostic::error(other.file, other.at(path), msg));
    };
    let ref_cards: BTreeSet<&str> = r.cards.iter().map(|c| c.id.as_str()).collect();
    let other_cards: BTreeSet<&str> = o.cards.iter().map(|c| c.id.as_str()).collect();
    for missing in ref_cards.difference(&other_cards) {
        err(
            &root.field("cards"),
            format!("card `{missing}` of {} is missing here", reference.file),
        );
    }
    for (i, c) in o.cards.iter().enumerate() {
        if !ref_cards.contains(c.id.as_str()) {
            err(
                &root.field("cards").index(i).field("id"),
                format!("card `{}` is not in {}", c.id, reference.file),
            );
        }
    }
    if r.rounds.len() != o.rounds.len() {
        err(
            &root.field("rounds"),
            format!(
                "{} rounds here, {} in {}",
                o.rounds.len(),
                r.rounds.len(),
                reference.file
            ),
        );
    }
    for (i, (rr, or)) in r.rounds.iter().zip(&o.rounds).enumerate() {
        let path = root.field("rounds").index(i);
        if rr.id != or.id {
            err(
                &path.field("id"),
                format!(
                    "round {} is `{}` here and `{}` in {}",
                    i + 1,
                    or.id,
                    rr.id,
                    reference.file
                ),
            );
        }
        let play = path.field("play");
        match (&rr.kind, &or.kind) {
            (RoundKind::Links(a), RoundKind::Links(b)) => {
                let lots = |l: &crate::rules::LinksRound| {
                    l.lots
                        .iter()
                        .map(|lot| lot.cards.iter().map(|c| c.0.clone()).collect::<Vec<_>>())
                        .collect::<Vec<_>>()
                };
                if lots(a) != lots(b) {
                    err(
                        &play.field("lots"),
                        format!("the lots differ from those of {}", reference.file),
                    );
                }
                let links = |l: &crate::rules::LinksRound| {
                    l.links
                        .iter()
                        .map(|e| {
                            (
                                e.from.0.clone(),
                                e.to.0.clone(),
                                e.kind == LinkKind::Required,
                                e.reverse.is_some(),
                            )
                        })
                        .collect::<BTreeSet<_>>()
                };
                if links(a) != links(b) {
                    err(
                        &play.field("links"),
                        format!("the expected links differ from those of {}", reference.file),
                    );
                }
                let wrong = |l: &crate::rules::LinksRound| {
                    l.wrong_links
                        .iter()
                        .map(|e| (e.from.0.clone(), e.to.0.clone()))
                        .collect::<BTreeSet<_>>()
                };
                if wrong(a) != wrong(b) {
                    err(
                        &play.field("wrong_links"),
                        format!("the wrong links differ from those of {}", reference.file),
                    );
                }
                let places = |l: &crate::rules::LinksRound| {
                    l.positions
                        .iter()
                        .map(|(c, p)| (c.0.clone(), p.x.to_bits(), p.y.to_bits()))
                        .collect::<BTreeSet<_>>()
                };
                if places(a) != places(b) {
                    err(
                        &play.field("positions"),
                        format!(
                            "the cards' places in the poster differ from those of {}",
                            reference.file
                        ),
                    );
                }
            }
            (RoundKind::Categories(a), RoundKind::Categories(b)) => {
                let zones = |r: &crate::rules::CategoriesRound| {
                    r.zones.iter().map(|z| z.id.clone()).collect::<Vec<_>>()
                };
                if zones(a) != zones(b) {
                    err(
                        &play.field("zones"),
                        format!("the zones differ from those of {}", reference.file),
                    );
                }
                let sorted = |r: &crate::rules::CategoriesRound| {
                    r.cards
                        .iter()
                        .map(|c| {
                            (
                                c.card.0.clone(),
                                c.zones.iter().cloned().collect::<BTreeSet<_>>(),
                            )
                        })
                        .collect::<BTreeSet<_>>()
                };
                if sorted(a) != sorted(b) {
                    err(
                        &play.field("cards"),
                        format!("the sorted cards differ from those of {}", reference.file),
                    );
                }
                let wrong = |r: &crate::rules::CategoriesRound| {
                    r.wrong_zones
                        .iter()
                        .map(|w| (w.card.0.clone(), w.zone.clone()))
                        .collect::<BTreeSet<_>>()
                };
                if wrong(a) != wrong(b) {
                    err(
                        &play.field("wrong_zones"),
                        format!("the wrong zones differ from those of {}", reference.file),
                    );
                }
            }
            (RoundKind::Timeline(a), RoundKind::Timeline(b)) => {
                let steps = |r: &crate::rules::TimelineRound| {
                    r.steps
                        .iter()
                        .map(|s| s.iter().map(|c| c.0.clone()).collect::<BTreeSet<_>>())
                        .collect::<Vec<_>>()
                };
                if steps(a) != steps(b) {
                    err(
                        &play.field("steps"),
                        format!("the steps differ from those of {}", reference.file),
                    );
                }
            }
            (RoundKind::Matching(a), RoundKind::Matching(b)) => {
                let pairs = |r: &crate::rules::MatchingRound| {
                    r.pairs
                        .iter()
                        .map(|p| {
                            (
                                p.left.0.clone(),
                                p.right.iter().map(|c| c.0.clone()).collect::<BTreeSet<_>>(),
                            )
                        })
                        .collect::<BTreeSet<_>>()
                };
                if pairs(a) != pairs(b) {
                    err(
                        &play.field("pairs"),
                        format!("the pairs differ from those of {}", reference.file),
                    );
                }
                let wrong = |r: &crate::rules::MatchingRound| {
                    r.wrong_pairs
                        .iter()
                        .map(|w| (w.left.0.clone(), w.right.0.clone()))
                        .collect::<BTreeSet<_>>()
                };
                if wrong(a) != wrong(b) {
                    err(
                        &play.field("wrong_pairs"),
                        format!("the wrong pairs differ from those of {}", reference.file),
                    );
                }
            }
            (a, b) => err(
                &play,
                format!(
                    "this round is a {} round here and a {} round in {}",
                    b.name(),
                    a.name(),
                    reference.file
                ),
            ),
        }
    }
    out
}
