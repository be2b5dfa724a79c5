//! Fresque de la démocratie: a card game about French democratic institutions and open
//! government, played in the browser.
//!
//! - [`rules`], [`i18n`], [`feedback`], [`protocol`], [`shared`], [`export`]: the game without Bevy, from
//!   the `fresque-core` crate (decks, boards, actions, checks, texts, the workshop protocol).
//! - [`content`]: the RON deck format and its checks (from `fresque-core`), and their loaders.
//! - [`CorePlugin`]: what runs without a screen (deck catalogue, sessions, the action relay,
//!   screen flow), used by the headless tests.
//! - [`AppPlugin`]: the whole game: [`CorePlugin`] plus the views.
//!
//! Every change to a game goes one way: input → [`session::PlayerAction`] →
//! [`rules::Game::apply`] → [`session::GameEvent`] → views.

pub mod content;
pub mod locale;
pub mod mirror;
pub mod pointer_input;
pub mod resume;
pub mod screens;
pub mod session;
pub mod table;
pub mod theme;
pub mod ui_action;
pub mod web;
pub mod workshop;

pub use fresque_core::{export, feedback, i18n, protocol, rules, shared};

use bevy::asset::AssetMetaCheck;
use bevy::prelude::*;

/// Update-schedule order: read input, apply actions, then bring views up to date.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// Read raw input into interface commands (clicks on buttons → `UiAction`).
    RecordInput,
    /// Turn pointer, keyboard, page input and interface commands into actions.
    Input,
    /// Apply actions to the game (the only place where game state changes).
    Apply,
    /// Update what is shown from the game state.
    Sync,
}

/// Everything that does not draw: usable with `MinimalPlugins` in tests.
pub struct CorePlugin;

impl Plugin for CorePlugin {
    fn build(&self, app: &mut App) {
        app.configure_sets(
            Update,
            (
                AppSystems::RecordInput,
                AppSystems::Input,
                AppSystems::Apply,
                AppSystems::Sync,
            )
                .chain(),
        );
        app.add_plugins((
            locale::plugin,
            ui_action::plugin,
            content::catalog::plugin,
            session::plugin,
            resume::plugin,
            screens::flow::plugin,
        ));
    }
}

/// The whole game, as shipped on the web.
#[derive(Default)]
pub struct AppPlugin {
    /// Folder of the assets; `None` is Bevy's default (`assets`, next to the page or crate).
    /// Tests point it at fixtures.
    pub asset_folder: Option<String>,
}

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(
            DefaultPlugins
                .set(AssetPlugin {
                    file_path: self
                        .asset_folder
                        .clone()
                        .unwrap_or_else(|| AssetPlugin::default().file_path),
                    // The web server has no `.meta` files: do not ask for them.
                    meta_check: AssetMetaCheck::Never,
                    ..default()
                })
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        title: "Fresque de la démocratie".into(),
                        canvas: Some("#game".into()),
                        fit_canvas_to_parent: true,
                        // Keep browser shortcuts (reload, zoom, tab) working.
                        prevent_default_event_handling: false,
                        ..default()
                    }),
                    ..default()
                }),
        );
        app.insert_resource(ClearColor(theme::palette::BACKGROUND));
        #[cfg(any(target_arch = "wasm32", feature = "desktop"))]
        {
            use bevy::winit::{UpdateMode, WinitSettings};
            use std::time::Duration;
            // Redraw only when something happens: an idle tab costs almost nothing.
            app.insert_resource(WinitSettings {
                focused_mode: UpdateMode::reactive(Duration::from_secs(5)),
                unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
            });
        }
        app.add_plugins((
            CorePlugin,
            ui_action::pointer_plugin,
            pointer_input::plugin,
            theme::plugin,
            screens::plugin,
            table::plugin,
            web::plugin,
            workshop::plugin,
            mirror::plugin,
        ));
    }
}
