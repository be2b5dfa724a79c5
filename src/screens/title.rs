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
    app.init_resource::<ResumeShown>()
        .add_systems(OnEnter(Screen::Title), spawn_title_screen)
        .add_systems(
            Update,
            offer_resume_once_known
                .in_set(crate::AppSystems::Sync)
                .run_if(in_state(Screen::Title)),
        );
}

/// The title screen shows before the decks are loaded; a kept game is offered once its deck
/// is in. The screen is built again only then (a rebuild under a click would lose it).
fn offer_resume_once_known(
    saved: Res<SavedGames>,
    catalog: Res<DeckCatalog>,
    mut shown: ResMut<ResumeShown>,
    mut next: ResMut<NextState<Screen>>,
) {
    let latest = saved.latest(&catalog).map(|g| g.file.clone());
    if shown.0 != latest {
        // Built again with it (which records it).
        shown.0 = latest;
        next.set(Screen::Title);
    }
}

/// The kept game the title screen offers, as it was built.
#[derive(Resource, Default)]
struct ResumeShown(Option<String>);

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
    mut shown: ResMut<ResumeShown>,
) {
    shown.0 = saved.latest(&catalog).map(|g| g.file.clone());
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
