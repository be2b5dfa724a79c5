//! Look and feel: colours, the shipped font, the play screen's layout, wheel scrolling, and
//! widget functions returning bundles.

pub mod font;
pub mod interaction;
pub mod layout;
pub mod palette;
pub mod scroll;
pub mod widget;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((font::plugin, interaction::plugin, scroll::plugin));
}
