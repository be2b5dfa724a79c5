//! The print fonts (DejaVu Sans, as in the game) and line breaking: widths measured from the
//! font's own advances, French typography kept together (no line starts with `:` `?` `!` `;`
//! `»` and none ends with `«`), words longer than a line cut by character.

use krilla::text::Font;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Which of the two faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// One face: the font handed to the PDF and its metrics for measuring.
pub struct Face {
    pub pdf: Font,
    metrics: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Self {
        let metrics = ttf_parser::Face::parse(bytes, 0).expect("the bundled font parses");
        let units_per_em = f32::from(metrics.units_per_em());
        let pdf = Font::new(bytes.into(), 0).expect("the bundled font loads");
        Self {
            pdf,
            metrics,
            units_per_em,
        }
    }

    /// The width of `text` at `size` points (kerning ignored: a slight over-estimate).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| {
                self.metrics
                    .glyph_index(c)
                    .and_then(|g| self.metrics.glyph_hor_advance(g))
                    .map_or(self.units_per_em * 0.6, f32::from)
            })
            .sum();
        units * size / self.units_per_em
    }

    /// The characters of `text` this font cannot draw.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && self.metrics.glyph_index(*c).is_none())
            .collect();
        missing.dedup();
        missing
    }
}

/// The regular and bold faces.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn load() -> Self {
        Self {
            regular: Face::load(REGULAR),
            bold: Face::load(BOLD),
        }
    }

    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// Words that must stay on the previous word's line (a space before them does not break).
fn glued_to_previous(word: &str) -> bool {
    matches!(word, ":" | ";" | "?" | "!" | "»" | "–") || word.starts_with('»')
}

/// Words that must stay with the next word.
fn glued_to_next(word: &str) -> bool {
    word == "«" || word.ends_with('«')
}

/// Breaks `text` into lines no wider than `width` points. Paragraphs (`\n`) start new lines;
/// an empty paragraph gives an empty line.
pub fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut units: Vec<String> = Vec::new();
        let mut glue_next = false;
        for word in paragraph.split_whitespace() {
            match units.last_mut() {
                Some(last) if glue_next || glued_to_previous(word) => {
                    last.push(' ');
                    last.push_str(word);
                }
                _ => units.push(word.to_owned()),
            }
            glue_next = glued_to_next(word);
        }
        let mut line = String::new();
        for unit in units {
            let candidate = if line.is_empty() {
                unit.clone()
            } else {
                format!("{line} {unit}")
            };
            if face.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if face.width(&unit, size) <= width {
                line = unit;
            } else {
                // Longer than a line (a URL): cut it where it no longer fits.
                for c in unit.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if face.width(&next, size) > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = next;
                    }
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_and_keep_every_word() {
        let fonts = Fonts::load();
        let text = "Le Conseil constitutionnel vérifie que la loi respecte la Constitution : \
                    il peut la censurer en tout ou en partie.";
        let lines = wrap(&fonts.regular, text, 9.0, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(fonts.regular.width(line, 9.0) <= 120.0, "{line}");
        }
        assert_eq!(
            lines.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn french_punctuation_never_starts_a_line() {
        let fonts = Fonts::load();
        let text = "« Qui peut convoquer une commission mixte paritaire ? » Le Premier ministre !";
        for width in (90..300).step_by(3) {
            for line in wrap(&fonts.regular, text, 9.0, width as f32) {
                let first = line.split(' ').next().unwrap_or_default();
                assert!(!glued_to_previous(first), "width {width}: {line:?}");
                assert!(!line.ends_with('«'), "width {width}: {line:?}");
            }
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let fonts = Fonts::load();
        let url = "https://www.conseil-constitutionnel.fr/le-bloc-de-constitutionnalite";
        let lines = wrap(&fonts.regular, url, 8.0, 80.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), url);
        for line in &lines {
            assert!(fonts.regular.width(line, 8.0) <= 80.0, "{line}");
        }
    }

    #[test]
    fn paragraphs_start_new_lines() {
        let fonts = Fonts::load();
        assert_eq!(
            wrap(&fonts.regular, "a\n\nb", 9.0, 100.0),
            vec!["a", "", "b"]
        );
    }

    #[test]
    fn missing_glyphs_are_reported() {
        let fonts = Fonts::load();
        assert!(
            fonts
                .regular
                .missing("Assemblée « nationale » → Sénat")
                .is_empty()
        );
        assert_eq!(fonts.regular.missing("vote 🗳"), vec!['🗳']);
    }
}
