//! Fresque de la démocratie: a card game about French democratic institutions and open
//! government, played in the browser.
//!
//! `rules` is the game without Bevy; `content` reads decks; the other modules are the Bevy app.

pub mod content;
pub mod i18n;
pub mod rules;
