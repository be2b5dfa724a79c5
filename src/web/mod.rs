//! The page around the canvas: what the game tells the page, and what it reads from it.
//!
//! - `document.body.dataset.appState` becomes `"ready"` once the first screen with text has
//!   been drawn, or `"error"` (with `dataset.error`) after a panic; the loading screen and the
//!   tests wait for it. `dataset.screen` names the current screen.
//! - `#fresque-state` (JSON) lists the interactive elements with their places on screen, the
//!   board and the last check, for tests and for the accessible HTML mirror to come.
//! - `#announcer` (an `aria-live` region) receives check results and refusals as text, so
//!   screen readers hear them.
//! - `?lang=en` in the address starts the game in English.
//! - `?selftest=panic` makes the game panic at start, to check (by hand or in the browser
//!   tests) that a crash shows a message on the page.
//!
//! On native builds the page functions do nothing.

mod announce;
mod page;
mod state;

use bevy::prelude::*;

use crate::i18n::{Key, Language};
use crate::locale::Lang;
use crate::screens::Screen;
use crate::theme::font::UiFonts;

pub use state::node_rect;

pub(super) fn plugin(app: &mut App) {
    // After DefaultPlugins: Bevy's PanicHandlerPlugin installs its own hook, which ours wraps.
    install_panic_hook();
    app.add_systems(Startup, (read_page_options, read_reduced_motion))
        .add_systems(
            Update,
            (announce::announce, follow_language).in_set(crate::AppSystems::Sync),
        )
        .add_systems(Last, (mark_ready, state::publish_state));
}

/// Installs a panic hook that shows the message on the page instead of freezing the canvas,
/// then calls the hook installed before it (Bevy's, which logs to the console).
pub fn install_panic_hook() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info.to_string();
        page::report_error(&message);
        default_hook(info);
    }));
}

fn read_page_options(mut lang: ResMut<Lang>) {
    if page::query_param("selftest").as_deref() == Some("panic") {
        panic!("self-test: panic requested by ?selftest=panic");
    }
    if let Some(code) = page::query_param("lang")
        && let Some(language) = Language::from_code(&code)
    {
        lang.0 = language;
    }
}

fn follow_language(lang: Res<Lang>) {
    if lang.is_changed() {
        page::set_language(lang.0.code(), lang.t(Key::AppTitle));
    }
}

/// Sets `appState = "ready"` on the second frame after the first real screen is up and its
/// font has loaded (so a frame with text has been presented).
fn mark_ready(
    screen: Res<State<Screen>>,
    fonts: Res<UiFonts>,
    server: Res<AssetServer>,
    mut frames_ready: Local<u32>,
    mut last_screen: Local<Option<Screen>>,
) {
    if *last_screen != Some(*screen.get()) {
        *last_screen = Some(*screen.get());
        page::set_data("screen", screen.get().name());
    }
    if *frames_ready >= 2 {
        return;
    }
    if *screen.get() != Screen::Loading && fonts.loaded(&server) {
        *frames_ready += 1;
        if *frames_ready == 2 {
            page::set_data("appState", "ready");
        }
    }
}

/// `prefers-reduced-motion: reduce` makes cards jump instead of gliding.
fn read_reduced_motion(mut reduced: ResMut<crate::table::cards::ReducedMotion>) {
    reduced.0 = page::prefers_reduced_motion();
}
