//! The shipped content: every deck loads with no problem, languages match, sources resolve to
//! the fact file, and every character can be drawn with the shipped font.

use std::collections::{BTreeMap, BTreeSet};

use fresque::content::translations::{Located, compare_translation};
use fresque::content::{DeckOutcome, load_deck};
use fresque::i18n::{Key, shipped_languages, tr};
use fresque::rules::{Deck, Language};

use crate::{root, shipped_decks};

fn loaded() -> Vec<(String, DeckOutcome)> {
    shipped_decks()
        .into_iter()
        .map(|(file, bytes)| {
            let outcome = load_deck(&file, &bytes);
            (file, outcome)
        })
        .collect()
}

#[test]
fn every_shipped_deck_loads_without_errors_or_warnings() {
    let decks = loaded();
    assert!(!decks.is_empty(), "the manifest lists decks");
    for (file, outcome) in &decks {
        let problems: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(problems.is_empty(), "{file}:\n{}", problems.join("\n"));
        assert!(outcome.deck.is_some(), "{file} gives a deck");
    }
}

#[test]
fn every_shipped_deck_is_in_a_language_the_interface_speaks() {
    // Not `i18n::languages()`: other tests may register a language at run time.
    let interface = shipped_languages();
    for (file, outcome) in loaded() {
        let language = outcome.deck.expect("valid").language;
        assert!(
            interface.contains(&language),
            "{file} is in `{language}`, which has no assets/i18n/{language}.ron"
        );
    }
}

#[test]
fn every_deck_exists_in_french_and_english_with_the_same_structure() {
    let decks = loaded();
    let mut by_id: BTreeMap<String, Vec<(&str, &DeckOutcome)>> = BTreeMap::new();
    for (file, outcome) in &decks {
        let deck = outcome.deck.as_ref().expect("valid");
        by_id
            .entry(deck.id.clone())
            .or_default()
            .push((file, outcome));
    }
    for (id, versions) in &by_id {
        let languages: BTreeSet<Language> = versions
            .iter()
            .map(|(_, o)| o.deck.as_ref().unwrap().language)
            .collect();
        assert_eq!(
            languages,
            BTreeSet::from([Language::FR, Language::EN]),
            "deck `{id}` must exist in French and English"
        );
        let fr = versions
            .iter()
            .find(|(_, o)| o.deck.as_ref().unwrap().language == Language::FR)
            .unwrap();
        let en = versions
            .iter()
            .find(|(_, o)| o.deck.as_ref().unwrap().language == Language::EN)
            .unwrap();
        let problems = compare_translation(
            &Located::of(fr.0, fr.1).unwrap(),
            &Located::of(en.0, en.1).unwrap(),
        );
        assert!(
            problems.is_empty(),
            "{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Fact ids of docs/facts.md, and those of its weak section G (not to be used).
fn fact_ids() -> (BTreeSet<String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(root().join("docs/facts.md")).expect("docs/facts.md");
    let mut all = BTreeSet::new();
    let mut weak = BTreeSet::new();
    let mut in_weak_section = false;
    for line in text.lines() {
        if line.starts_with("## ") {
            in_weak_section = line.starts_with("## G.");
        }
        if let Some(rest) = line.trim_start().strip_prefix("- **")
            && let Some((id, _)) = rest.split_once("**")
            && id.len() <= 4
            && id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && id[1..].chars().all(|c| c.is_ascii_digit())
        {
            all.insert(id.to_owned());
            if in_weak_section {
                weak.insert(id.to_owned());
            }
        }
    }
    (all, weak)
}

fn is_fact_id(s: &str) -> bool {
    s.len() >= 2
        && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && s[1..].chars().all(|c| c.is_ascii_digit())
}

#[test]
fn sources_are_facts_of_the_fact_file_or_official_pages() {
    let (facts, weak) = fact_ids();
    assert!(
        facts.len() > 100,
        "parsed the fact file ({} ids)",
        facts.len()
    );
    assert!(weak.contains("G1"));
    for (file, outcome) in loaded() {
        let deck = outcome.deck.unwrap();
        for source in &deck.sources {
            if is_fact_id(&source.id) {
                assert!(
                    facts.contains(&source.id),
                    "{file}: source `{}` is not a fact id of docs/facts.md",
                    source.id
                );
                assert!(
                    !weak.contains(&source.id),
                    "{file}: source `{}` is weakly sourced (section G)",
                    source.id
                );
            } else {
                let url = source.url.as_deref().unwrap_or("");
                assert!(
                    url.starts_with("https://"),
                    "{file}: source `{}` is neither a fact id nor an official page with a url",
                    source.id
                );
            }
        }
    }
}

/// Every character of `text` that the font cannot draw.
fn missing_glyphs(cmap: &BTreeSet<u32>, text: &str) -> BTreeSet<char> {
    text.chars()
        .filter(|c| !c.is_control() && !cmap.contains(&(*c as u32)))
        .collect()
}

/// The characters a TrueType font maps (formats 4 and 12 of its `cmap` table).
fn font_chars(bytes: &[u8]) -> BTreeSet<u32> {
    let u16_at = |o: usize| u16::from_be_bytes([bytes[o], bytes[o + 1]]) as usize;
    let u32_at =
        |o: usize| u32::from_be_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
    let tables = u16_at(4);
    let cmap = (0..tables)
        .map(|i| 12 + i * 16)
        .find(|&rec| &bytes[rec..rec + 4] == b"cmap")
        .map(|rec| u32_at(rec + 8) as usize)
        .expect("font has a cmap table");
    let mut chars = BTreeSet::new();
    for i in 0..u16_at(cmap + 2) {
        let sub = cmap + u32_at(cmap + 4 + i * 8 + 4) as usize;
        match u16_at(sub) {
            4 => {
                let segs = u16_at(sub + 6) / 2;
                let ends = sub + 14;
                let starts = ends + segs * 2 + 2;
                for s in 0..segs {
                    let (start, end) = (u16_at(starts + s * 2), u16_at(ends + s * 2));
                    if start != 0xFFFF {
                        chars.extend((start as u32)..=(end as u32));
                    }
                }
            }
            12 => {
                let groups = u32_at(sub + 12) as usize;
                for g in 0..groups {
                    let rec = sub + 16 + g * 12;
                    chars.extend(u32_at(rec)..=u32_at(rec + 4));
                }
            }
            _ => {}
        }
    }
    chars
}

fn deck_texts(deck: &Deck) -> Vec<String> {
    let mut texts = vec![
        deck.title.clone(),
        deck.description.clone(),
        deck.audience.clone(),
    ];
    for c in &deck.cards {
        texts.extend([c.title.clone(), c.face.clone(), c.back.clone()]);
        texts.extend(c.date.clone());
    }
    for s in &deck.sources {
        texts.push(s.title.clone());
    }
    for r in &deck.rounds {
        texts.extend([r.title.clone(), r.intro.clone(), r.debrief.clone()]);
        match &r.kind {
            fresque::rules::RoundKind::Links(l) => {
                texts.extend(l.links.iter().map(|x| x.why.clone()));
                texts.extend(l.wrong_links.iter().map(|x| x.why.clone()));
                texts.extend(l.lots.iter().filter_map(|x| x.title.clone()));
            }
            fresque::rules::RoundKind::Categories(c) => {
                texts.extend(c.zones.iter().map(|z| z.label.clone()));
                texts.extend(c.zones.iter().filter_map(|z| z.description.clone()));
                texts.extend(c.cards.iter().map(|x| x.why.clone()));
                texts.extend(c.wrong_zones.iter().map(|x| x.why.clone()));
            }
            fresque::rules::RoundKind::Timeline(_) => {}
            fresque::rules::RoundKind::Matching(m) => {
                texts.extend(m.pairs.iter().map(|x| x.why.clone()));
                texts.extend(m.wrong_pairs.iter().map(|x| x.why.clone()));
            }
        }
    }
    texts
}

#[test]
fn the_shipped_font_draws_every_character_of_the_texts() {
    for face in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let bytes = std::fs::read(root().join("assets/fonts").join(face)).unwrap();
        let cmap = font_chars(&bytes);
        assert!(cmap.contains(&('é' as u32)) && cmap.contains(&('A' as u32)));
        assert!(!cmap.contains(&0x4E2D), "{face} is the Latin subset");
        let mut texts: Vec<String> = Vec::new();
        for lang in shipped_languages() {
            texts.extend(Key::ALL.iter().map(|k| tr(lang, *k).to_owned()));
        }
        texts.extend(["✓ ≈ ✗ ➜ → ⚠ −".to_owned()]);
        for (_, outcome) in loaded() {
            texts.extend(deck_texts(outcome.deck.as_ref().unwrap()));
        }
        let missing: BTreeSet<char> = texts
            .iter()
            .flat_map(|t| missing_glyphs(&cmap, t))
            .collect();
        assert!(
            missing.is_empty(),
            "{face} lacks {missing:?}: add them to scripts/subset-fonts.sh"
        );
    }
}

/// Advance widths of a TrueType font, by character, in em (enough to lay out lines of text).
struct Metrics {
    advance: BTreeMap<u32, f32>,
    fallback: f32,
}

impl Metrics {
    fn read(bytes: &[u8]) -> Self {
        let u16_at = |o: usize| u16::from_be_bytes([bytes[o], bytes[o + 1]]) as usize;
        let i16_at = |o: usize| i16::from_be_bytes([bytes[o], bytes[o + 1]]) as i32;
        let u32_at =
            |o: usize| u32::from_be_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
        let table = |tag: &[u8]| {
            (0..u16_at(4))
                .map(|i| 12 + i * 16)
                .find(|&rec| &bytes[rec..rec + 4] == tag)
                .map(|rec| u32_at(rec + 8) as usize)
                .expect("table present")
        };
        let units = u16_at(table(b"head") + 18) as f32;
        let metrics_count = u16_at(table(b"hhea") + 34);
        let hmtx = table(b"hmtx");
        let width_of =
            |glyph: usize| u16_at(hmtx + 4 * glyph.min(metrics_count - 1)) as f32 / units;
        let cmap = table(b"cmap");
        let mut advance = BTreeMap::new();
        for i in 0..u16_at(cmap + 2) {
            let sub = cmap + u32_at(cmap + 4 + i * 8 + 4) as usize;
            if u16_at(sub) != 4 {
                continue;
            }
            let segs = u16_at(sub + 6) / 2;
            let ends = sub + 14;
            let starts = ends + segs * 2 + 2;
            let deltas = starts + segs * 2;
            let offsets = deltas + segs * 2;
            for s in 0..segs {
                let (start, end) = (u16_at(starts + s * 2), u16_at(ends + s * 2));
                if start == 0xFFFF {
                    continue;
                }
                let delta = i16_at(deltas + s * 2);
                let range_offset = u16_at(offsets + s * 2);
                for c in start..=end {
                    let glyph = if range_offset == 0 {
                        (c as i32 + delta) & 0xFFFF
                    } else {
                        let at = offsets + s * 2 + range_offset + (c - start) * 2;
                        let g = u16_at(at) as i32;
                        if g == 0 { 0 } else { (g + delta) & 0xFFFF }
                    };
                    advance.insert(c as u32, width_of(glyph as usize));
                }
            }
        }
        Self {
            advance,
            fallback: 0.6,
        }
    }

    fn width(&self, word: &str, size: f32) -> f32 {
        word.chars()
            .map(|c| {
                self.advance
                    .get(&(c as u32))
                    .copied()
                    .unwrap_or(self.fallback)
            })
            .sum::<f32>()
            * size
    }

    /// Lines taken by `text` wrapped at `width` px (greedy, by words, like the game's layout).
    fn lines(&self, text: &str, size: f32, width: f32) -> usize {
        let space = self.width(" ", size);
        let mut lines = 0;
        for paragraph in text.split('\n') {
            let mut line = 0.0f32;
            lines += 1;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let w = self.width(word, size);
                if line > 0.0 && line + space + w > width {
                    lines += 1;
                    line = w;
                } else {
                    line += if line > 0.0 { space + w } else { w };
                }
                // A word longer than the line is broken across lines.
                while line > width {
                    lines += 1;
                    line -= width;
                }
            }
        }
        lines
    }
}

/// Card faces are drawn at one size on the board (zooming scales them as a whole, and the
/// smallest screens only zoom out): the title and the face text must fit above the verdict
/// line, at the sizes and width `table::cards` uses.
#[test]
fn every_card_text_fits_on_its_card() {
    let regular =
        Metrics::read(&std::fs::read(root().join("assets/fonts/DejaVuSans.ttf")).unwrap());
    let bold =
        Metrics::read(&std::fs::read(root().join("assets/fonts/DejaVuSans-Bold.ttf")).unwrap());
    assert!((regular.width("M", 10.0) - 8.6).abs() < 0.5, "metrics read");
    // table::cards: text box 200 px wide, title bold 17 px, face 13.5 px, line height 1.2,
    // 10 px top margin; the verdict line takes the bottom 28 px of the card.
    let (width, title_size, face_size, line) = (200.0, 17.0, 13.5, 1.2);
    let room = fresque::rules::CARD_HEIGHT - 10.0 - 28.0;
    let mut too_long = Vec::new();
    for (file, outcome) in loaded() {
        for card in &outcome.deck.as_ref().unwrap().cards {
            let height = bold.lines(&card.title, title_size, width) as f32 * title_size * line
                + regular.lines(&card.face, face_size, width) as f32 * face_size * line;
            if height > room {
                too_long.push(format!(
                    "{file}: {} ({height:.0} px > {room:.0} px)",
                    card.id
                ));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "card texts too long:\n{}",
        too_long.join("\n")
    );
    // The check itself can fail: a face of the maximum length does not fit.
    let long = "constitutionnalité ".repeat(10);
    assert!(regular.lines(&long, face_size, width) as f32 * face_size * line > room);
}

/// The deck screen links each shipped deck to its section of the facilitator's guide
/// (`guide/<lang>.html#deck-<id>`, see scripts/guide-html.mjs): both guides have one.
#[test]
fn the_facilitators_guide_has_a_section_per_shipped_deck() {
    let ids: BTreeSet<String> = crate::shipped_decks()
        .iter()
        .filter_map(|(path, bytes)| fresque::content::load_deck(path, bytes).deck)
        .map(|d| d.id)
        .collect();
    assert!(ids.len() >= 5, "{ids:?}");
    for guide in ["docs/guide-animation.md", "docs/guide-animation.en.md"] {
        let text = std::fs::read_to_string(crate::root().join(guide)).unwrap();
        for id in &ids {
            let heading = text.lines().any(|l| {
                l.strip_prefix("### ")
                    .and_then(|l| l.split_once(' '))
                    .is_some_and(|(number, rest)| {
                        number.contains('.') && rest.starts_with(&format!("`{id}`"))
                    })
            });
            assert!(heading, "{guide}: no section \"### N.N `{id}` …\"");
        }
    }
}
