//! Screens are states: loading → title → deck list → play. Each screen's entities carry
//! `DespawnOnExit`, so leaving a screen cleans it up.

pub mod decks;
pub mod flow;
pub mod loading;
pub mod play;
pub mod summary;
pub mod title;

use bevy::prelude::*;

pub use flow::Screen;

/// The views of the screens (the flow between them is in [`flow`], part of the core).
pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        loading::plugin,
        title::plugin,
        decks::plugin,
        play::plugin,
        summary::plugin,
    ));
}
