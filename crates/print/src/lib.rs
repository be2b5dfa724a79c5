//! Print-ready A4 PDFs of a deck, from the same RON file the game plays: the cards (fronts and
//! backs laid out for two-sided printing, crop marks, fonts embedded) and a facilitator's sheet
//! per round (the reference with its reasons, the common mistakes, the debrief).
//!
//! The PDF is written with [krilla](https://docs.rs/krilla), a maintained high-level PDF crate
//! (used by Typst) that embeds and subsets fonts and shapes text; widths for line breaking come
//! from the same font files through `ttf-parser`. A deck with errors, or whose text would
//! overflow a card, gives diagnostics with `file:line:col` and no PDF.

pub mod cards;
pub mod labels;
pub mod page;
pub mod sheet;
pub mod text;

use fresque_core::content::deck_file::DeckFile;
use fresque_core::content::parse::parse_ron;
use fresque_core::content::validate::validate_deck;
use fresque_core::content::{Diagnostic, Position};
use krilla::Document;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use crate::cards::{PER_PAGE, Side};
use crate::page::{PAGE_H, PAGE_W};
use crate::text::Fonts;

/// A printed deck.
pub struct Printed {
    pub pdf: Vec<u8>,
    /// Pages of cards (fronts and backs alternate).
    pub card_pages: usize,
    /// Pages of the facilitator's sheet, after the cards.
    pub sheet_pages: usize,
    /// Warnings of the deck checker (the deck printed anyway).
    pub warnings: Vec<Diagnostic>,
}

/// Prints the deck in `bytes`; `file` is the name shown in diagnostics.
pub fn print_deck(file: &str, bytes: &[u8]) -> Result<Printed, Vec<Diagnostic>> {
    let (deck, spans) = parse_ron::<DeckFile>(file, bytes)?;
    let (valid, diagnostics) = validate_deck(file, &deck, &spans);
    if valid.is_none() || diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect());
    }
    let fonts = Fonts::load();
    let labels = labels::for_language(&deck.language);
    let cards = cards::layout_cards(file, &deck, &spans, &fonts, labels)?;
    let sheet = sheet::paginate(&sheet::sheet_blocks(&deck, &fonts, labels));

    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} — {}", deck.title, labels.sheet))
            .language(deck.language.clone())
            .creator("Fresque de la démocratie (deck-print)".to_owned()),
    );
    let settings = || PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid size");
    let mut card_pages = 0;
    for chunk in cards.chunks(PER_PAGE) {
        for side in [Side::Front, Side::Back] {
            let mut page = document.start_page_with(settings());
            let mut surface = page.surface();
            cards::draw_page(&mut surface, &fonts, chunk, side);
            surface.finish();
            page.finish();
            card_pages += 1;
        }
    }
    for (n, blocks) in sheet.iter().enumerate() {
        let mut page = document.start_page_with(settings());
        let mut surface = page.surface();
        let footer = format!("{} · {} · {}/{}", deck.id, labels.sheet, n + 1, sheet.len());
        sheet::draw_page(&mut surface, &fonts, blocks, &footer);
        surface.finish();
        page.finish();
    }
    let pdf = document.finish().map_err(|e| {
        vec![Diagnostic::error(
            file,
            Position::START,
            format!("the PDF could not be written: {e:?}"),
        )]
    })?;
    Ok(Printed {
        pdf,
        card_pages,
        sheet_pages: sheet.len(),
        warnings: diagnostics,
    })
}
