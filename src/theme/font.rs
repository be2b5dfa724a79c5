//! The shipped font (DejaVu Sans, cut down to Latin; see `scripts/subset-fonts.sh`).
//! Bevy's built-in font is ASCII-only, so every text uses these handles.

use bevy::prelude::*;

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

    /// Whether both faces are loaded (text drawn before that would be invisible).
    pub fn loaded(&self, server: &AssetServer) -> bool {
        server.is_loaded(&self.regular) && server.is_loaded(&self.bold)
    }
}

impl FromWorld for UiFonts {
    fn from_world(world: &mut World) -> Self {
        let server = world.resource::<AssetServer>();
        Self {
            regular: server.load("fonts/DejaVuSans.ttf"),
            bold: server.load("fonts/DejaVuSans-Bold.ttf"),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiFonts>();
}
