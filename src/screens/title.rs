//! The title screen: the game's name, what it is, « Reprendre » when a game is kept in the
//! browser, Play, and a button for each other interface language, labelled in that language
//! ("English" on the French screen).

use bevy::prelude::*;

use super::Screen;
use crate::content::catalog::DeckCatalog;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::resume::SavedGames;
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

/// The notice about kept games (one could not be read or resumed), if any.
pub(super) fn resume_notice(
    fonts: &UiFonts,
    lang: Lang,
    saved: &SavedGames,
) -> Option<impl Bundle> {
    let text = crate::resume::notice_text(lang, saved)?;
    Some((
        Node {
            max_width: px(640),
            margin: UiRect::top(px(8)),
            ..default()
        },
        crate::ui_action::AutomationId("resume-notice".into()),
        children![(
            widget::text(fonts, text, 15.0, palette::ERROR_TEXT),
            TextLayout::justify(Justify::Center),
        )],
    ))
}

fn spawn_title_screen(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
    saved: Res<SavedGames>,
    catalog: Res<DeckCatalog>,
) {
    // The game kept in this browser (a reload, a closed tab): resume it in one click.
    let resume = saved.latest(&catalog).and_then(|kept| {
        let deck = catalog.entry(&kept.file)?.deck()?;
        Some(widget::button(
            &fonts,
            lang.f(
                Key::ResumeGame,
                &[
                    ("title", &deck.title),
                    ("n", &(kept.round + 1)),
                    ("total", &kept.rounds),
                ],
            ),
            UiAction::ResumeDeck(kept.file.clone()),
            "resume",
            ButtonColors::PRIMARY,
        ))
    });
    let notice = resume_notice(&fonts, *lang, &saved);
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
            SpawnIter(resume.into_iter()),
            Spawn(widget::button(
                &fonts,
                lang.t(Key::Play),
                UiAction::OpenDecks,
                "play",
                if saved.latest(&catalog).is_some() {
                    ButtonColors::QUIET
                } else {
                    ButtonColors::PRIMARY
                },
            )),
            SpawnIter(language_buttons(&fonts, *lang).into_iter()),
            SpawnIter(notice.into_iter()),
        )),
    ));
}
