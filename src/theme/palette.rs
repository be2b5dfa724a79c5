//! Colours. Feedback never relies on colour alone: verdicts also carry an icon and a word.

use bevy::prelude::*;

pub const BACKGROUND: Color = Color::srgb(0.93, 0.91, 0.86);
pub const BOARD: Color = Color::srgb(0.97, 0.96, 0.93);
pub const BOARD_EDGE: Color = Color::srgb(0.80, 0.77, 0.70);
pub const INK: Color = Color::srgb(0.11, 0.13, 0.20);
pub const INK_SOFT: Color = Color::srgb(0.32, 0.35, 0.42);
pub const PAPER: Color = Color::srgb(1.0, 1.0, 1.0);
pub const PANEL: Color = Color::srgb(0.99, 0.98, 0.96);
pub const PANEL_EDGE: Color = Color::srgb(0.78, 0.76, 0.72);
pub const ACCENT: Color = Color::srgb(0.0, 0.22, 0.55);
pub const ACCENT_HOVER: Color = Color::srgb(0.05, 0.30, 0.68);
pub const ACCENT_PRESSED: Color = Color::srgb(0.0, 0.16, 0.42);
pub const BUTTON_TEXT: Color = Color::WHITE;
pub const QUIET_BUTTON: Color = Color::srgb(0.88, 0.87, 0.84);
pub const QUIET_BUTTON_HOVER: Color = Color::srgb(0.82, 0.81, 0.77);
pub const CARD_EDGE: Color = Color::srgb(0.0, 0.22, 0.55);
pub const CARD_SELECTED: Color = Color::srgb(0.85, 0.45, 0.0);
pub const HANDLE: Color = Color::srgb(0.0, 0.22, 0.55);
pub const LINK: Color = Color::srgb(0.20, 0.22, 0.30);
pub const CORRECT: Color = Color::srgb(0.09, 0.46, 0.20);
pub const ACCEPTABLE: Color = Color::srgb(0.55, 0.35, 0.0);
pub const WRONG: Color = Color::srgb(0.75, 0.11, 0.11);
pub const MISSING: Color = Color::srgb(0.45, 0.28, 0.62);
pub const ERROR_TEXT: Color = Color::srgb(0.70, 0.08, 0.08);
pub const OVERLAY: Color = Color::srgba(0.05, 0.07, 0.12, 0.55);

/// The colour of a verdict's tone (always shown with an icon and a word too).
pub fn tone(tone: crate::feedback::Tone) -> Color {
    match tone {
        crate::feedback::Tone::Right => CORRECT,
        crate::feedback::Tone::Acceptable => ACCEPTABLE,
        crate::feedback::Tone::Wrong => WRONG,
    }
}
