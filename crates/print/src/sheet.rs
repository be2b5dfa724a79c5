//! The facilitator's sheet printed after the cards: for every round, its instructions, the
//! reference (arrows, zones, order or pairs, each with its `why`), the common mistakes the deck
//! names, and the debrief; then the deck's sources with their addresses.

use std::collections::HashMap;

use fresque_core::content::deck_file::{DeckFile, LinkKindFile, PlayFile};
use krilla::surface::Surface;

use crate::labels::Labels;
use crate::page::{Block, Ink, MM, PAGE_H, PAGE_W, draw_blocks, draw_line};
use crate::text::{Fonts, Weight, wrap};

const MARGIN: f32 = 18.0 * MM;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;

struct Writer<'a> {
    fonts: &'a Fonts,
    blocks: Vec<Block>,
}

impl Writer<'_> {
    fn push(&mut self, weight: Weight, size: f32, ink: Ink, gap: f32, indent: f32, text: &str) {
        let lines = wrap(self.fonts.face(weight), text, size, WIDTH - indent);
        self.blocks.push(Block {
            weight,
            size,
            ink,
            centered: false,
            gap_before: gap,
            indent,
            lines,
        });
    }
    fn h1(&mut self, text: &str) {
        self.push(Weight::Bold, 16.0, Ink::Black, 0.0, 0.0, text);
    }
    fn h2(&mut self, text: &str) {
        self.push(Weight::Bold, 13.0, Ink::Accent, 16.0, 0.0, text);
    }
    fn h3(&mut self, text: &str) {
        self.push(Weight::Bold, 10.0, Ink::Black, 9.0, 0.0, text);
    }
    fn p(&mut self, text: &str) {
        self.push(Weight::Regular, BODY, Ink::Black, 3.0, 0.0, text);
    }
    fn item(&mut self, head: &str, why: &str) {
        self.push(Weight::Bold, BODY, Ink::Black, 4.0, 8.0, head);
        if !why.is_empty() {
            self.push(Weight::Regular, SMALL + 0.5, Ink::Black, 0.0, 18.0, why);
        }
    }
    fn note(&mut self, text: &str) {
        self.push(Weight::Regular, SMALL, Ink::Grey, 3.0, 0.0, text);
    }
}

/// The sheet's text, as blocks of wrapped lines.
pub fn sheet_blocks(deck: &DeckFile, fonts: &Fonts, labels: &Labels) -> Vec<Block> {
    let titles: HashMap<&str, &str> = deck
        .cards
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    let t = |id: &str| titles.get(id).copied().unwrap_or(id).to_owned();
    let dated = |id: &str| match deck
        .cards
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| c.date.as_ref())
    {
        Some(date) => format!("{} ({date})", t(id)),
        None => t(id),
    };
    let mut w = Writer {
        fonts,
        blocks: Vec::new(),
    };
    w.h1(&deck.title);
    w.push(Weight::Bold, 11.0, Ink::Grey, 2.0, 0.0, labels.sheet);
    w.p(&deck.description);
    w.note(&format!(
        "{} : {} min · {} : {}",
        labels.duration, deck.duration_minutes, labels.audience, deck.audience
    ));
    w.note(labels.how_to_print);

    for (r, round) in deck.rounds.iter().enumerate() {
        w.h2(&format!("{} {} — {}", labels.round, r + 1, round.title));
        let kind = match &round.play {
            PlayFile::Links { .. } => labels.kind_links,
            PlayFile::Categories { .. } => labels.kind_categories,
            PlayFile::Timeline { .. } => labels.kind_timeline,
            PlayFile::Matching { .. } => labels.kind_matching,
        };
        w.note(kind);
        w.h3(labels.intro);
        w.p(&round.intro);
        match &round.play {
            PlayFile::Links {
                lots,
                links,
                wrong_links,
                ..
            } => {
                w.h3(labels.lots);
                for (l, lot) in lots.iter().enumerate() {
                    let title = lot
                        .title
                        .as_deref()
                        .map(|t| format!(" — {t}"))
                        .unwrap_or_default();
                    let cards: Vec<String> = lot.cards.iter().map(|c| t(c)).collect();
                    w.item(
                        &format!("{} {}{title}", labels.lot_heading, l + 1),
                        &cards.join(" · "),
                    );
                }
                w.h3(labels.reference_links);
                for link in links {
                    let kind = match link.kind {
                        LinkKindFile::Required => labels.required,
                        LinkKindFile::Optional => labels.optional,
                    };
                    w.item(
                        &format!("{} → {} ({kind})", t(&link.from), t(&link.to)),
                        &link.why,
                    );
                    if let Some(reverse) = &link.reverse {
                        w.push(
                            Weight::Regular,
                            SMALL + 0.5,
                            Ink::Accent,
                            1.0,
                            18.0,
                            &format!("⇄ {} : {reverse}", labels.also_reverse),
                        );
                    }
                }
                if !wrong_links.is_empty() {
                    w.h3(labels.misconceptions);
                    for wrong in wrong_links {
                        w.item(
                            &format!("✗ {} → {}", t(&wrong.from), t(&wrong.to)),
                            &wrong.why,
                        );
                    }
                }
            }
            PlayFile::Categories {
                zones,
                cards,
                wrong_zones,
            } => {
                w.h3(labels.zones);
                for zone in zones {
                    let head = match &zone.description {
                        Some(d) => format!("{} — {d}", zone.label),
                        None => zone.label.clone(),
                    };
                    w.push(Weight::Bold, BODY, Ink::Accent, 6.0, 0.0, &head);
                    for sorted in cards.iter().filter(|c| c.zones.contains(&zone.id)) {
                        w.item(&format!("• {}", t(&sorted.card)), &sorted.why);
                    }
                }
                if !wrong_zones.is_empty() {
                    w.h3(labels.misconceptions);
                    for wrong in wrong_zones {
                        let zone = zones
                            .iter()
                            .find(|z| z.id == wrong.zone)
                            .map_or(wrong.zone.as_str(), |z| z.label.as_str());
                        w.item(&format!("✗ {} → {zone}", t(&wrong.card)), &wrong.why);
                    }
                }
            }
            PlayFile::Timeline { steps } => {
                w.h3(labels.order);
                for (s, step) in steps.iter().enumerate() {
                    let cards: Vec<String> = step.iter().map(|c| dated(c)).collect();
                    let any = if step.len() > 1 {
                        format!(" ({})", labels.any_order)
                    } else {
                        String::new()
                    };
                    w.item(
                        &format!("{} {}{any}", labels.step, s + 1),
                        &cards.join(" ; "),
                    );
                }
            }
            PlayFile::Matching { pairs, wrong_pairs } => {
                w.h3(labels.pairs);
                for pair in pairs {
                    let right: Vec<String> = pair.right.iter().map(|c| t(c)).collect();
                    w.item(
                        &format!("{} ↔ {}", t(&pair.left), right.join(", ")),
                        &pair.why,
                    );
                }
                if !wrong_pairs.is_empty() {
                    w.h3(labels.misconceptions);
                    for wrong in wrong_pairs {
                        w.item(
                            &format!("✗ {} ↔ {}", t(&wrong.left), t(&wrong.right)),
                            &wrong.why,
                        );
                    }
                }
            }
        }
        w.h3(labels.debrief);
        w.p(&round.debrief);
    }

    w.h2(labels.sources);
    for source in &deck.sources {
        let url = source
            .url
            .as_deref()
            .map(|u| format!(" — {u}"))
            .unwrap_or_default();
        w.push(
            Weight::Regular,
            SMALL,
            Ink::Black,
            2.0,
            0.0,
            &format!("{} — {}{url}", source.id, source.title),
        );
    }
    w.blocks
}

/// Splits the blocks into pages (a heading is never left alone at the foot of a page).
pub fn paginate(blocks: &[Block]) -> Vec<Vec<Block>> {
    let usable = PAGE_H - 2.0 * MARGIN;
    let mut pages: Vec<Vec<Block>> = vec![Vec::new()];
    let mut used = 0.0;
    for (b, block) in blocks.iter().enumerate() {
        // A bold block followed by another block is a heading: keep it with two lines of what follows.
        let keep = match blocks.get(b + 1) {
            Some(next) if block.weight == Weight::Bold => {
                next.leading() * next.lines.len().min(2) as f32 + next.gap_before
            }
            _ => 0.0,
        };
        let mut rest = block.clone();
        loop {
            let page = pages.last_mut().expect("at least one page");
            let gap = if page.is_empty() {
                0.0
            } else {
                rest.gap_before
            };
            let room = usable - used - gap;
            let fits = ((room / rest.leading()).floor().max(0.0)) as usize;
            let empty = page.is_empty();
            let kept = keep == 0.0 || empty || room - rest.height() + rest.gap_before >= keep;
            if fits >= rest.lines.len() && kept {
                let mut placed = rest.clone();
                placed.gap_before = gap;
                used += placed.height();
                page.push(placed);
                break;
            }
            if fits > 0 && fits < rest.lines.len() && (keep == 0.0 || empty) {
                let mut head = rest.clone();
                head.lines.truncate(fits);
                head.gap_before = gap;
                page.push(head);
                rest.lines.drain(..fits);
                rest.gap_before = 0.0;
            }
            pages.push(Vec::new());
            used = 0.0;
        }
    }
    pages.retain(|p| !p.is_empty());
    pages
}

/// Draws one page of the sheet, with its footer.
pub fn draw_page(surface: &mut Surface<'_>, fonts: &Fonts, blocks: &[Block], footer: &str) {
    draw_blocks(surface, fonts, blocks, MARGIN, WIDTH, MARGIN);
    draw_line(
        surface,
        fonts,
        Weight::Regular,
        7.0,
        Ink::Grey,
        MARGIN,
        PAGE_H - MARGIN / 2.0,
        footer,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: usize, weight: Weight) -> Block {
        Block {
            weight,
            size: 10.0,
            ink: Ink::Black,
            centered: false,
            gap_before: 5.0,
            indent: 0.0,
            lines: (0..n).map(|i| format!("line {i}")).collect(),
        }
    }

    #[test]
    fn pages_hold_every_line_once_and_never_overflow() {
        let blocks: Vec<Block> = (0..40)
            .map(|i| {
                lines(
                    1 + i % 7,
                    if i % 5 == 0 {
                        Weight::Bold
                    } else {
                        Weight::Regular
                    },
                )
            })
            .collect();
        let pages = paginate(&blocks);
        assert!(pages.len() > 1);
        let total: usize = blocks.iter().map(|b| b.lines.len()).sum();
        let printed: usize = pages.iter().flatten().map(|b| b.lines.len()).sum();
        assert_eq!(printed, total);
        for page in &pages {
            assert!(crate::page::stack_height(page) <= PAGE_H - 2.0 * MARGIN + 0.01);
            assert_eq!(page[0].gap_before, 0.0);
        }
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_foot_of_a_page() {
        let usable_lines = ((PAGE_H - 2.0 * MARGIN) / 12.5) as usize;
        let blocks = vec![
            Block {
                gap_before: 0.0,
                ..lines(usable_lines - 1, Weight::Regular)
            },
            lines(1, Weight::Bold),
            lines(5, Weight::Regular),
        ];
        let pages = paginate(&blocks);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[1][0].weight,
            Weight::Bold,
            "the heading moved to the next page"
        );
    }
}
