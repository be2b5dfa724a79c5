//! Which screen is shown, and the moves between screens. No drawing here, so the headless
//! tests run it.
//!
//! The play screen's [`Session`] lives exactly as long as the screen: choosing a deck stores
//! the game to play ([`NextSession`]); entering `Screen::Play` makes it the session, leaving
//! the screen removes it. Views of the play screen join [`PlayViews`], which runs only there.

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
    /// Workshop: the facilitator chooses a deck and the number of tables.
    Host,
    /// Workshop: the facilitator's console.
    Console,
    /// Workshop: a player types a room code.
    JoinCode,
    /// Workshop: a player chooses a table.
    Join,
    /// Workshop: every table's results, for the debrief.
    Debrief,
}

impl Screen {
    pub fn name(self) -> &'static str {
        match self {
            Screen::Loading => "loading",
            Screen::Title => "title",
            Screen::Decks => "decks",
            Screen::Play => "play",
            Screen::Host => "host",
            Screen::Console => "console",
            Screen::JoinCode => "join-code",
            Screen::Join => "join",
            Screen::Debrief => "debrief",
        }
    }
}

/// The systems of the play screen's views: they run only on that screen, where a [`Session`]
/// always exists.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PlayViews;

/// Entering the play screen: the session is in place before any other `OnEnter` system.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnterPlay;

/// The game the play screen opens with next.
#[derive(Resource)]
pub struct NextSession(pub Session);

pub(crate) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.configure_sets(
        Update,
        PlayViews.run_if(in_state(Screen::Play).and_then(resource_exists::<Session>)),
    );
    app.add_systems(OnEnter(Screen::Play), open_session.in_set(EnterPlay))
        .add_systems(OnExit(Screen::Play), close_session)
        // Before the state transition, so the title comes in the app's very first frame.
        .add_systems(PreUpdate, finish_loading.run_if(in_state(Screen::Loading)))
        .add_systems(Update, navigate.in_set(AppSystems::Apply));
}

/// Makes the prepared game the session (an exclusive system: it is there for every system
/// that follows in `OnEnter(Screen::Play)`).
fn open_session(world: &mut World) {
    if let Some(NextSession(session)) = world.remove_resource::<NextSession>() {
        world.insert_resource(session);
    }
}

fn close_session(mut commands: Commands) {
    commands.remove_resource::<Session>();
}

/// The title screen comes at once, in the first frame (its font is compiled in); the decks go on loading and being
/// checked behind it (the deck list shows how far they are, and fills in once they are all in).
/// Without an interface (the rules-only app of some tests) it waits for the decks.
fn finish_loading(
    fonts: Option<Res<crate::theme::font::UiFonts>>,
    catalog: Res<DeckCatalog>,
    mut next: ResMut<NextState<Screen>>,
) {
    if fonts.is_some() || catalog.is_settled() {
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
            (UiAction::OpenTitle, _) => next.set(Screen::Title),
            (UiAction::SetLanguage(language), current @ (Screen::Title | Screen::Decks)) => {
                lang.0 = *language;
                // Re-entering the screen rebuilds it in the new language.
                next.set(*current);
            }
            (UiAction::StartDeck(file), Screen::Decks | Screen::Play) => {
                let Some(deck) = catalog.entry(file).and_then(|e| e.deck()) else {
                    warn!("no playable deck {file}");
                    continue;
                };
                commands.insert_resource(NextSession(Session::new(
                    file.clone(),
                    Game::new(Arc::clone(deck)),
                )));
                next.set(Screen::Play);
            }
            (UiAction::Quit, Screen::Play) => next.set(Screen::Decks),
            _ => {}
        }
    }
}
