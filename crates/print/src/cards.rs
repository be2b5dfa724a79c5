//! The cards: nine per A4 sheet (63 × 88 mm, the size of playing cards), fronts on one page
//! and backs on the next, the back grid mirrored so that each back falls behind its front
//! when printed two-sided on the long edge; crop marks in the margins.
//!
//! Text is fitted by trying a few sizes, largest first; text that does not fit even at the
//! smallest size is an error at the card's `face` or `back` in the deck file.

use std::collections::HashMap;

use fresque_core::content::Diagnostic;
use fresque_core::content::deck_file::{DeckFile, PlayFile};
use fresque_core::content::spans::{Path, SpanIndex};
use krilla::surface::Surface;

use crate::labels::Labels;
use crate::page::{
    Block, Ink, MM, PAGE_H, PAGE_W, draw_blocks, stack_height, stroke_line, stroke_rect,
};
use crate::text::{Fonts, Weight, wrap};

pub const CARD_W: f32 = 63.0 * MM;
pub const CARD_H: f32 = 88.0 * MM;
pub const COLS: usize = 3;
pub const ROWS: usize = 3;
pub const PER_PAGE: usize = COLS * ROWS;
/// The grid's top-left corner: centred on the page.
const X0: f32 = (PAGE_W - CARD_W * COLS as f32) / 2.0;
const Y0: f32 = (PAGE_H - CARD_H * ROWS as f32) / 2.0;
/// Inner margin of a card.
const PAD: f32 = 9.0;
const INNER_W: f32 = CARD_W - 2.0 * PAD;
const INNER_H: f32 = CARD_H - 2.0 * PAD;

/// Which side of the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Front,
    Back,
}

/// The top-left corner of the `index`-th card of a page (0..9, row by row) on one side. On the
/// back, columns are mirrored: turning the sheet over its long edge puts them back in place.
pub fn slot(index: usize, side: Side) -> (f32, f32) {
    let (col, row) = (index % COLS, index / COLS);
    let col = match side {
        Side::Front => col,
        Side::Back => COLS - 1 - col,
    };
    (X0 + col as f32 * CARD_W, Y0 + row as f32 * CARD_H)
}

/// A card's two sides, fitted.
pub struct CardLayout {
    pub front: Vec<Block>,
    pub back: Vec<Block>,
}

/// "loi · Manche 2 · lot 1": where a card is played, for sorting printed cards.
fn marks(deck: &DeckFile, labels: &Labels) -> HashMap<String, String> {
    let mut marks = HashMap::new();
    for (r, round) in deck.rounds.iter().enumerate() {
        let round_mark = format!("{} {}", labels.round, r + 1);
        let mut add = |card: &str, extra: Option<usize>| {
            marks.entry(card.to_owned()).or_insert_with(|| match extra {
                Some(lot) => format!("{} · {round_mark} · {} {}", deck.id, labels.lot, lot + 1),
                None => format!("{} · {round_mark}", deck.id),
            });
        };
        match &round.play {
            PlayFile::Links { lots, .. } => {
                for (l, lot) in lots.iter().enumerate() {
                    for card in &lot.cards {
                        add(card, Some(l));
                    }
                }
            }
            PlayFile::Categories { cards, .. } => cards.iter().for_each(|c| add(&c.card, None)),
            PlayFile::Timeline { steps } => steps.iter().flatten().for_each(|c| add(c, None)),
            PlayFile::Matching { pairs, .. } => {
                for pair in pairs {
                    add(&pair.left, None);
                    pair.right.iter().for_each(|c| add(c, None));
                }
            }
        }
    }
    marks
}

fn block(
    fonts: &Fonts,
    weight: Weight,
    size: f32,
    ink: Ink,
    centered: bool,
    gap: f32,
    text: &str,
) -> Block {
    Block {
        weight,
        size,
        ink,
        centered,
        gap_before: gap,
        indent: 0.0,
        lines: wrap(fonts.face(weight), text, size, INNER_W),
    }
}

/// Font sizes tried for the front (title, face) and the back (text, sources), largest first.
const FRONT_SIZES: [(f32, f32); 5] = [
    (12.5, 10.0),
    (12.0, 9.5),
    (11.0, 9.0),
    (10.5, 8.5),
    (10.0, 8.0),
];
const BACK_SIZES: [(f32, f32); 5] = [(8.5, 6.5), (8.0, 6.5), (7.5, 6.0), (7.0, 6.0), (6.5, 5.5)];

/// Fits every card of the deck; the errors name the field that does not fit.
pub fn layout_cards(
    file: &str,
    deck: &DeckFile,
    spans: &SpanIndex,
    fonts: &Fonts,
    labels: &Labels,
) -> Result<Vec<CardLayout>, Vec<Diagnostic>> {
    let marks = marks(deck, labels);
    let sources: HashMap<&str, &str> = deck
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    let mut errors = Vec::new();
    let mut cards = Vec::new();
    for (i, card) in deck.cards.iter().enumerate() {
        let path = Path::root().field("cards").index(i);
        for (field, text) in [
            ("title", &card.title),
            ("face", &card.face),
            ("back", &card.back),
        ] {
            let missing = fonts.regular.missing(text);
            if !missing.is_empty() {
                errors.push(Diagnostic::error(
                    file,
                    spans.locate(&path.field(field)),
                    format!(
                        "card `{}`: the print font has no glyph for {}: use other characters",
                        card.id,
                        missing
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        let mark = marks
            .get(&card.id)
            .cloned()
            .unwrap_or_else(|| deck.id.clone());
        let front = FRONT_SIZES.iter().map(|&(title, face)| {
            vec![
                block(fonts, Weight::Regular, 6.5, Ink::Grey, false, 0.0, &mark),
                block(
                    fonts,
                    Weight::Bold,
                    title,
                    Ink::Black,
                    true,
                    14.0,
                    &card.title,
                ),
                block(
                    fonts,
                    Weight::Regular,
                    face,
                    Ink::Black,
                    false,
                    12.0,
                    &card.face,
                ),
            ]
        });
        // Sources in full when they fit; else their ids, the sheet giving them in full.
        // (Ids only from 7.5 pt down, so that such a card does not stand out in large print.)
        let back = [true, false].into_iter().flat_map(|full| {
            let sizes = if full {
                &BACK_SIZES[..]
            } else {
                &BACK_SIZES[2..]
            };
            sizes.iter().map(move |&(text, small)| (full, text, small))
        });
        let back = back.map(|(full, text, small)| {
            let mut blocks = vec![
                block(
                    fonts,
                    Weight::Regular,
                    6.5,
                    Ink::Grey,
                    false,
                    0.0,
                    &format!("{mark} · {}", labels.back),
                ),
                block(
                    fonts,
                    Weight::Bold,
                    text + 1.0,
                    Ink::Black,
                    true,
                    8.0,
                    &card.title,
                ),
                block(
                    fonts,
                    Weight::Regular,
                    text,
                    Ink::Black,
                    false,
                    6.0,
                    &card.back,
                ),
            ];
            if let Some(date) = &card.date {
                blocks.push(block(
                    fonts,
                    Weight::Bold,
                    text,
                    Ink::Accent,
                    false,
                    4.0,
                    &format!("{}{date}", labels.date),
                ));
            }
            if !card.sources.is_empty() {
                if full {
                    let list = card
                        .sources
                        .iter()
                        .map(|id| match sources.get(id.as_str()) {
                            Some(title) => format!("{id} — {title}"),
                            None => id.clone(),
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    blocks.push(block(
                        fonts,
                        Weight::Bold,
                        small,
                        Ink::Grey,
                        false,
                        6.0,
                        labels.sources,
                    ));
                    blocks.push(block(
                        fonts,
                        Weight::Regular,
                        small,
                        Ink::Grey,
                        false,
                        1.0,
                        &list,
                    ));
                } else {
                    let ids = card.sources.join(", ");
                    let line = format!(
                        "{}{ids} ({})",
                        labels.sources_colon, labels.sources_on_sheet
                    );
                    blocks.push(block(
                        fonts,
                        Weight::Regular,
                        small,
                        Ink::Grey,
                        false,
                        6.0,
                        &line,
                    ));
                }
            }
            blocks
        });
        let front = fit(front);
        let back = fit(back);
        match (front, back) {
            (Ok(front), Ok(back)) => cards.push(CardLayout { front, back }),
            (front, back) => {
                for (result, field, side) in
                    [(front.err(), "face", "front"), (back.err(), "back", "back")]
                {
                    if let Some(excess) = result {
                        errors.push(Diagnostic::error(
                            file,
                            spans.locate(&path.field(field)),
                            format!(
                                "card `{}`: the text of its {side} does not fit on a printed card \
                                 (63 × 88 mm), even in small print: {excess:.0} pt too tall; shorten it",
                                card.id
                            ),
                        ));
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(cards)
    } else {
        Err(errors)
    }
}

/// The first candidate that fits the card, or by how much the smallest one is too tall.
fn fit(candidates: impl Iterator<Item = Vec<Block>>) -> Result<Vec<Block>, f32> {
    let mut excess = f32::INFINITY;
    for blocks in candidates {
        let height = stack_height(&blocks);
        if height <= INNER_H {
            return Ok(blocks);
        }
        excess = height - INNER_H;
    }
    Err(excess)
}

/// Draws one page of cards (`cards` holds at most nine).
pub fn draw_page(surface: &mut Surface<'_>, fonts: &Fonts, cards: &[CardLayout], side: Side) {
    for (i, card) in cards.iter().enumerate() {
        let (x, y) = slot(i, side);
        // A thin frame a little inside the cut, for the look of a card (not a cutting line).
        stroke_rect(
            surface,
            (x + 4.0, y + 4.0, CARD_W - 8.0, CARD_H - 8.0),
            0.5,
            Ink::Grey,
        );
        let blocks = match side {
            Side::Front => &card.front,
            Side::Back => &card.back,
        };
        draw_blocks(surface, fonts, blocks, x + PAD, INNER_W, y + PAD);
    }
    crop_marks(surface);
}

/// Short lines in the margins, on the prolongation of every cut.
fn crop_marks(surface: &mut Surface<'_>) {
    let (right, bottom) = (X0 + CARD_W * COLS as f32, Y0 + CARD_H * ROWS as f32);
    let (near, far) = (3.0, 15.0);
    for c in 0..=COLS {
        let x = X0 + c as f32 * CARD_W;
        stroke_line(surface, (x, Y0 - far), (x, Y0 - near), 0.4, Ink::Black);
        stroke_line(
            surface,
            (x, bottom + near),
            (x, bottom + far),
            0.4,
            Ink::Black,
        );
    }
    for r in 0..=ROWS {
        let y = Y0 + r as f32 * CARD_H;
        stroke_line(surface, (X0 - far, y), (X0 - near, y), 0.4, Ink::Black);
        stroke_line(
            surface,
            (right + near, y),
            (right + far, y),
            0.4,
            Ink::Black,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fits_the_page_with_room_for_crop_marks() {
        const { assert!(X0 >= 18.0 && Y0 >= 18.0, "room for crop marks") };
        let (x, y) = slot(PER_PAGE - 1, Side::Front);
        assert!(x + CARD_W <= PAGE_W - 18.0 && y + CARD_H <= PAGE_H - 18.0);
    }

    #[test]
    fn each_back_falls_behind_its_front() {
        // Turning an A4 sheet over its long (vertical) edge maps x to PAGE_W - x.
        for i in 0..PER_PAGE {
            let (fx, fy) = slot(i, Side::Front);
            let (bx, by) = slot(i, Side::Back);
            assert!((PAGE_W - (bx + CARD_W) - fx).abs() < 0.01, "card {i}");
            assert_eq!(fy, by);
        }
    }
}
