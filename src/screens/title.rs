//! The title screen: the game's name, what it is, Play, and the language switch.

use bevy::prelude::*;

use super::Screen;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn_title_screen);
}

fn spawn_title_screen(mut commands: Commands, fonts: Res<UiFonts>, lang: Res<Lang>) {
    commands.spawn((
        widget::ui_root("Title screen"),
        DespawnOnExit(Screen::Title),
        children![
            widget::heading(&fonts, lang.t(Key::AppTitle), 46.0),
            (
                widget::text(&fonts, lang.t(Key::AppSubtitle), 20.0, palette::INK_SOFT),
                Node {
                    max_width: px(640),
                    margin: UiRect::bottom(px(12)),
                    ..default()
                },
                TextLayout::justify(Justify::Center),
            ),
            widget::button(
                &fonts,
                lang.t(Key::Play),
                UiAction::OpenDecks,
                "play",
                ButtonColors::PRIMARY,
            ),
            widget::button(
                &fonts,
                lang.t(Key::OtherLanguage),
                UiAction::ToggleLanguage,
                "language",
                ButtonColors::QUIET,
            ),
        ],
    ));
}
