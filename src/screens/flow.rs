//! Which screen is shown, and the moves between screens. No drawing here, so the headless
//! tests run it.

use std::sync::Arc;

use bevy::prelude::*;

use crate::AppSystems;
use crate::content::catalog::DeckCatalog;
use crate::locale::Lang;
use crate::rules::Game;
use crate::session::Session;
use crate::ui_action::UiAction;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Loading,
    Title,
    Decks,
    Play,
}

impl Screen {
    pub fn name(self) -> &'static str {
        match self {
            Screen::Loading => "loading",
            Screen::Title => "title",
            Screen::Decks => "decks",
            Screen::Play => "play",
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_systems(
        Update,
        (
            finish_loading.run_if(in_state(Screen::Loading)),
            navigate.in_set(AppSystems::Apply),
        ),
    );
}

fn finish_loading(catalog: Res<DeckCatalog>, mut next: ResMut<NextState<Screen>>) {
    if catalog.is_settled() {
        next.set(Screen::Title);
    }
}

fn navigate(
    mut actions: MessageReader<UiAction>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut lang: ResMut<Lang>,
    catalog: Res<DeckCatalog>,
    mut commands: Commands,
) {
    for action in actions.read() {
        match (action, screen.get()) {
            (UiAction::OpenDecks, Screen::Title) => next.set(Screen::Decks),
            (UiAction::OpenTitle, Screen::Decks) => next.set(Screen::Title),
            (UiAction::ToggleLanguage, current @ (Screen::Title | Screen::Decks)) => {
                lang.0 = lang.other();
                // Re-entering the screen rebuilds it in the new language.
                next.set(*current);
            }
            (UiAction::StartDeck(file), Screen::Decks | Screen::Play) => {
                let Some(deck) = catalog.entry(file).and_then(|e| e.deck()) else {
                    warn!("no playable deck {file}");
                    continue;
                };
                commands.insert_resource(Session {
                    file: file.clone(),
                    game: Game::new(Arc::clone(deck)),
                });
                next.set(Screen::Play);
            }
            (UiAction::Quit, Screen::Play) => {
                commands.remove_resource::<Session>();
                next.set(Screen::Decks);
            }
            _ => {}
        }
    }
}
