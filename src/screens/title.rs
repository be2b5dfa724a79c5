//! The title screen: the game's name, what it is, Play, and a button for each other interface
//! language, labelled in that language ("English" on the French screen).

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

/// One button per interface language other than `lang`, named in its own language, with the
/// automation id `language:<code>` (the deck screen has them too).
pub(super) fn language_buttons(fonts: &UiFonts, lang: Lang) -> Vec<impl Bundle> {
    crate::i18n::languages()
        .into_iter()
        .filter(|l| *l != lang.0)
        .map(|l| {
            widget::button(
                fonts,
                crate::i18n::language_name(l),
                UiAction::SetLanguage(l),
                format!("language:{l}"),
                ButtonColors::QUIET,
            )
        })
        .collect()
}

fn spawn_title_screen(mut commands: Commands, fonts: Res<UiFonts>, lang: Res<Lang>) {
    commands.spawn((
        widget::ui_root("Title screen"),
        DespawnOnExit(Screen::Title),
        Children::spawn((
            Spawn(widget::heading(&fonts, lang.t(Key::AppTitle), 46.0)),
            Spawn((
                widget::text(&fonts, lang.t(Key::AppSubtitle), 20.0, palette::INK_SOFT),
                Node {
                    max_width: px(640),
                    margin: UiRect::bottom(px(12)),
                    ..default()
                },
                TextLayout::justify(Justify::Center),
            )),
            Spawn(widget::button(
                &fonts,
                lang.t(Key::Play),
                UiAction::OpenDecks,
                "play",
                ButtonColors::PRIMARY,
            )),
            SpawnIter(language_buttons(&fonts, *lang).into_iter()),
        )),
    ));
}
