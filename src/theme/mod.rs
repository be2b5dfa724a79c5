//! Look and feel: colours, the shipped font, and widget functions returning bundles.

pub mod font;
pub mod interaction;
pub mod palette;
pub mod widget;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((font::plugin, interaction::plugin));
}
