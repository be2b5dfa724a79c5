//! Deck content: the deck format and its checks come from `fresque-core` (re-exported here);
//! this module adds the Bevy side: asset loaders ([`loader`]) and the deck catalogue the
//! screens read ([`catalog`]), one's own deck files ([`custom`]) and exported boards opened
//! again ([`board_file`]).

pub mod board_file;
pub mod catalog;
pub mod custom;
pub mod loader;

pub use fresque_core::content::*;
