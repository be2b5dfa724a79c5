//! The Bevy-free heart of the Fresque de la démocratie, shared by the game, the workshop
//! server and `deck-check`:
//!
//! - [`rules`]: decks, boards, actions, checks, layouts: the game without any engine;
//! - [`content`]: the RON deck format, its checks with `file:line:col`, the manifest;
//! - [`i18n`]: the interface texts in French, English and any language with a table;
//! - [`feedback`]: verdicts and refusals in words, the same in every view;
//! - [`protocol`]: the workshop's messages between the game and the server;
//! - [`shared`]: a workshop table's game as one client sees it;
//! - [`export`]: a checked board as a file, and the way back to it.

pub mod content;
pub mod export;
pub mod feedback;
pub mod i18n;
pub mod protocol;
pub mod rules;
pub mod shared;
