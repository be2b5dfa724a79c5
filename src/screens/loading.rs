//! The loading screen: shows progress while the font and the decks load, and keeps the app
//! updating meanwhile (the app otherwise sleeps until an input arrives).

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::Screen;
use crate::content::catalog::DeckCatalog;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::theme::font::UiFonts;
use crate::theme::{palette, widget};

#[derive(Component)]
struct ProgressText;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Loading), spawn_loading_screen)
        .add_systems(Update, update_progress.run_if(in_state(Screen::Loading)))
        .add_systems(Last, keep_awake_while_loading);
}

fn spawn_loading_screen(mut commands: Commands, fonts: Res<UiFonts>, lang: Res<Lang>) {
    commands.spawn((
        widget::ui_root("Loading screen"),
        DespawnOnExit(Screen::Loading),
        children![
            widget::heading(&fonts, lang.t(Key::AppTitle), 40.0),
            (
                widget::text(&fonts, lang.t(Key::Loading), 20.0, palette::INK_SOFT),
                ProgressText,
            ),
        ],
    ));
}

fn update_progress(
    catalog: Res<DeckCatalog>,
    lang: Res<Lang>,
    mut texts: Query<&mut Text, With<ProgressText>>,
) {
    let (done, total) = catalog.progress();
    if total == 0 {
        return;
    }
    let label = lang.f(Key::LoadingDecks, &[("n", &done), ("total", &total)]);
    for mut text in &mut texts {
        if text.0 != label {
            text.0.clone_from(&label);
        }
    }
}

/// Asset loads do not wake a sleeping app: ask for frames until everything is in.
fn keep_awake_while_loading(screen: Res<State<Screen>>, mut redraw: MessageWriter<RequestRedraw>) {
    if *screen.get() == Screen::Loading {
        redraw.write(RequestRedraw);
    }
}
