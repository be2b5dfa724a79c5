//! The shipped font (DejaVu Sans, cut down to Latin; see `scripts/subset-fonts.sh`).
//! Bevy's built-in font is ASCII-only, so every text uses these handles.
//!
//! Both faces are compiled into the game (69 KiB) rather than loaded as assets: text can be
//! laid out in the very first frames, so the title screen does not wait for a download and the
//! frames an asset load takes (on a software GPU each frame costs a few hundred milliseconds).
//! The same files stay in `assets/fonts/` for the board export and the print crate.

use bevy::prelude::*;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Resource, Clone)]
pub struct UiFonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
}

impl UiFonts {
    pub fn regular(&self, size: f32) -> TextFont {
        TextFont::from_font_size(size).with_font(self.regular.clone())
    }

    pub fn bold(&self, size: f32) -> TextFont {
        TextFont::from_font_size(size).with_font(self.bold.clone())
    }
}

impl FromWorld for UiFonts {
    fn from_world(world: &mut World) -> Self {
        // An app without Bevy's text plugin (some tests) gets handles to nothing.
        let Some(mut fonts) = world.get_resource_mut::<Assets<Font>>() else {
            return Self {
                regular: Handle::default(),
                bold: Handle::default(),
            };
        };
        Self {
            regular: fonts.add(Font::from_bytes(REGULAR.to_vec())),
            bold: fonts.add(Font::from_bytes(BOLD.to_vec())),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiFonts>();
}
