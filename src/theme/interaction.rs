//! Button feedback: hover and press colours, for every button made by `widget::button`.

use bevy::prelude::*;

use super::palette;

/// The colours of a button in its three states.
#[derive(Component, Clone, Copy)]
pub struct ButtonColors {
    pub idle: Color,
    pub hovered: Color,
    pub pressed: Color,
}

impl ButtonColors {
    pub const PRIMARY: Self = Self {
        idle: palette::ACCENT,
        hovered: palette::ACCENT_HOVER,
        pressed: palette::ACCENT_PRESSED,
    };
    pub const QUIET: Self = Self {
        idle: palette::QUIET_BUTTON,
        hovered: palette::QUIET_BUTTON_HOVER,
        pressed: palette::PANEL_EDGE,
    };
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, apply_button_colors);
}

fn apply_button_colors(
    mut buttons: Query<
        (&Interaction, &ButtonColors, &mut BackgroundColor),
        Or<(Changed<Interaction>, Changed<ButtonColors>)>,
    >,
) {
    for (interaction, colors, mut background) in &mut buttons {
        background.0 = match interaction {
            Interaction::Pressed => colors.pressed,
            Interaction::Hovered => colors.hovered,
            Interaction::None => colors.idle,
        };
    }
}
