//! Interface commands ([`UiAction`]): what a button, a key or the page asks for.
//!
//! A click on an entity with [`ButtonAction`] becomes a `UiAction` message; screens handle
//! them. A button that makes a move carries it ([`UiAction::Play`]); the play screen passes it
//! on as a [`crate::session::PlayerAction`].

use bevy::prelude::*;

use crate::rules::{Action, CardId};

#[derive(Message, Clone, Debug, PartialEq)]
pub enum UiAction {
    /// Title → deck list.
    OpenDecks,
    /// Back to the title screen.
    OpenTitle,
    /// Speak this interface language (the buttons of the title and deck screens).
    SetLanguage(crate::i18n::Language),
    /// Start the deck read from this file (as listed in the catalogue).
    StartDeck(String),
    /// Resume the game of this deck file kept in the browser (see `crate::resume`).
    ResumeDeck(String),
    /// Open the printable cards (PDF) of the deck read from this file.
    OpenPrintable(String),
    /// Open the facilitator's guide (a page of the site, in a new tab).
    OpenGuide,
    /// Ask the page for a deck file of one's own (the file picker).
    OpenDeckFile,
    /// Forget one of one's own decks (catalogue file `local/…`).
    RemoveCustomDeck(String),
    /// Save the checked board as a PNG and a JSON file.
    ExportBoard,
    /// Close the round's instructions.
    CloseIntro,
    /// A move of the game (Check, Retry, Show solution, another round…).
    Play(Action),
    Quit,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// Move the view by one step in this direction (x right, y up), as the arrow keys do.
    Pan(Vec2),
    /// Show a card in the side panel.
    Inspect(CardId),
    CloseInspector,
    /// Start drawing an arrow from this card: the next card chosen is its end.
    LinkFrom(CardId),
    CancelLink,
    /// Move this card without dragging it: the next place (or card) chosen on the board is
    /// where it goes.
    MoveFrom(CardId),
    CancelMove,
    /// Put a card from the hand at the centre of the view.
    PlaceFromHand(CardId),
    /// Workshops (see `crate::workshop`).
    Workshop(WorkshopAction),
}

/// Interface commands of workshops.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkshopAction {
    OpenHost,
    OpenJoin,
    /// Take the facilitator's seat of the room kept by this browser.
    Resume,
    HostDeck(String),
    HostTables(i8),
    HostDeal(crate::protocol::DealMode),
    Create,
    /// A code (and an optional first name) typed on the page.
    SubmitCode {
        code: String,
        name: Option<String>,
    },
    JoinTable(u8),
    /// A facilitator's command.
    Command(crate::protocol::Command),
    /// The facilitator opens a table on the play screen, or goes back to the console.
    Spotlight(Option<u8>),
    OpenDebrief,
    Leave,
}

/// Makes an entity a button for `UiAction`.
#[derive(Component, Clone, Debug)]
pub struct ButtonAction(pub UiAction);

/// A stable name for an interactive element, published to the page for tests and for the
/// accessible HTML mirror.
#[derive(Component, Clone, Debug, PartialEq, Eq)]
pub struct AutomationId(pub String);

/// A button that cannot be used now.
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct Disabled;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<UiAction>();
}

/// Clicks on [`ButtonAction`] entities become `UiAction`s (needs picking, so not headless).
pub(super) fn pointer_plugin(app: &mut App) {
    app.add_systems(
        Update,
        clicks_to_actions.in_set(crate::AppSystems::RecordInput),
    );
}

fn clicks_to_actions(
    mut clicks: MessageReader<Pointer<Click>>,
    buttons: Query<&ButtonAction, Without<Disabled>>,
    mut actions: MessageWriter<UiAction>,
) {
    for click in clicks.read() {
        if click.button != PointerButton::Primary {
            continue;
        }
        if let Ok(ButtonAction(action)) = buttons.get(click.entity) {
            actions.write(action.clone());
        }
    }
}
