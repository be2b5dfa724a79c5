//! A4 page geometry and the one drawing primitive the printer needs: blocks of wrapped lines.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;

use crate::text::{Fonts, Weight};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4, portrait, in points.
pub const PAGE_W: f32 = 210.0 * MM;
pub const PAGE_H: f32 = 297.0 * MM;

/// Ink colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    Black,
    Grey,
    Accent,
}

impl Ink {
    fn rgb(self) -> rgb::Color {
        match self {
            Ink::Black => rgb::Color::new(20, 24, 32),
            Ink::Grey => rgb::Color::new(110, 116, 128),
            Ink::Accent => rgb::Color::new(30, 70, 150),
        }
    }
}

/// Lines of one size and weight, already wrapped.
#[derive(Clone, Debug)]
pub struct Block {
    pub weight: Weight,
    pub size: f32,
    pub ink: Ink,
    pub centered: bool,
    /// Space above the first line, in points.
    pub gap_before: f32,
    /// Left indent, in points.
    pub indent: f32,
    pub lines: Vec<String>,
}

impl Block {
    pub fn leading(&self) -> f32 {
        self.size * 1.25
    }

    pub fn height(&self) -> f32 {
        self.gap_before + self.leading() * self.lines.len() as f32
    }
}

/// The total height of blocks stacked one under the other.
pub fn stack_height(blocks: &[Block]) -> f32 {
    blocks.iter().map(Block::height).sum()
}

fn fill(ink: Ink) -> Fill {
    Fill {
        paint: ink.rgb().into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Draws one line of text with its top at `top`.
pub fn draw_line(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    weight: Weight,
    size: f32,
    ink: Ink,
    x: f32,
    top: f32,
    text: &str,
) {
    if text.is_empty() {
        return;
    }
    surface.set_stroke(None);
    surface.set_fill(Some(fill(ink)));
    surface.draw_text(
        Point::from_xy(x, top + size * 0.93),
        fonts.face(weight).pdf.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

/// Draws `blocks` from `top` down inside a column `left..left + width`; returns the bottom.
pub fn draw_blocks(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    blocks: &[Block],
    left: f32,
    width: f32,
    mut top: f32,
) -> f32 {
    for block in blocks {
        top += block.gap_before;
        for line in &block.lines {
            let face = fonts.face(block.weight);
            let x = if block.centered {
                left + (width - face.width(line, block.size)) / 2.0
            } else {
                left + block.indent
            };
            draw_line(
                surface,
                fonts,
                block.weight,
                block.size,
                block.ink,
                x,
                top,
                line,
            );
            top += block.leading();
        }
    }
    top
}

/// Strokes a straight line.
pub fn stroke_line(
    surface: &mut Surface<'_>,
    from: (f32, f32),
    to: (f32, f32),
    width: f32,
    ink: Ink,
) {
    let mut path = PathBuilder::new();
    path.move_to(from.0, from.1);
    path.line_to(to.0, to.1);
    stroke(surface, path, width, ink);
}

/// Strokes a rectangle.
pub fn stroke_rect(surface: &mut Surface<'_>, rect: (f32, f32, f32, f32), width: f32, ink: Ink) {
    let Some(r) = Rect::from_xywh(rect.0, rect.1, rect.2, rect.3) else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(r);
    stroke(surface, path, width, ink);
}

/// Strokes a path (no fill), then leaves the surface with no stroke.
fn stroke(surface: &mut Surface<'_>, path: PathBuilder, width: f32, ink: Ink) {
    let Some(path) = path.finish() else {
        return;
    };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: ink.rgb().into(),
        width,
        ..Default::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}
