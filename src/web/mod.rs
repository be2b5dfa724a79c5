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
mod deck_file_state;
mod page;
mod state;
pub mod storage;
mod workshop_state;

use bevy::prelude::*;

use crate::i18n::Key;
use crate::locale::Lang;
use crate::screens::Screen;
use bevy::window::RequestRedraw;

pub use state::node_rect;

/// A `data-*` value of the page's body (e.g. `workshops`, set by the page's script).
pub fn page_data(key: &str) -> Option<String> {
    page::get_data(key)
}

/// Opens an address relative to the page in a new tab (natively: remembered, see
/// [`opened_urls`]).
pub fn open_url(url: &str) {
    page::open_url(url);
}

/// The addresses opened on this thread (native builds; for tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn opened_urls() -> Vec<String> {
    page::opened_urls()
}

/// Offers a board export: the page draws the PNG from the JSON and shows both files to save
/// in a dialog with `labels` (JSON: title, hint, png, json, close). Natively: remembered, see
/// [`exported_boards`]. `false` if the page could not take it.
pub fn export_board(base_name: &str, json: &str, labels: &str) -> bool {
    page::export_board(base_name, json, labels)
}

/// The boards exported on this thread (native builds; for tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn exported_boards() -> Vec<(String, String)> {
    page::exported_boards()
}

/// The time now, in seconds since 1970 (UTC).
pub fn now_unix_seconds() -> u64 {
    page::now_unix_seconds()
}

/// A parameter of the page's address (`?room=…`).
pub fn query_param(name: &str) -> Option<String> {
    page::query_param(name)
}

/// Publishes the HTML mirror's tree (JSON) for the page to render (see `crate::mirror`).
pub fn set_mirror_json(json: &str) {
    page::set_mirror_json(json);
}

/// Fills a text field of the page.
pub fn set_input(id: &str, value: &str) {
    page::set_input(id, value);
}

/// Sets a parameter of the page's address without reloading.
pub fn replace_address_param(key: &str, value: &str) {
    page::replace_address_param(key, value);
}

/// The page's address without its query (`None` natively).
pub fn base_url() -> Option<String> {
    page::base_url()
}

pub(super) fn plugin(app: &mut App) {
    // After DefaultPlugins: Bevy's PanicHandlerPlugin installs its own hook, which ours wraps.
    install_panic_hook();
    app.add_systems(Startup, (read_page_options, read_reduced_motion))
        .add_systems(
            Update,
            (
                page_requests.in_set(crate::AppSystems::RecordInput),
                (announce::announce, follow_language).in_set(crate::AppSystems::Sync),
            ),
        )
        .init_resource::<MarkedReady>()
        .add_systems(First, mark_ready)
        .add_systems(Last, (follow_screen, state::publish_state));
    #[cfg(target_arch = "wasm32")]
    app.add_systems(Startup, set_page_waker);
}

/// What the page's own controls ask for: the join form (`"join"`, with the code and the first
/// name as JSON), a deck file of one's own (`"deck-file"`: its name, size, and its text, or
/// `binary`, or no text when it is too large to read), and the HTML mirror (`"mirror"`: a
/// command as JSON; `"focus"`: the card its focused element is about, or nothing).
pub(crate) fn page_requests(
    mut actions: MessageWriter<crate::ui_action::UiAction>,
    mut files: MessageWriter<crate::content::custom::DeckFileReceived>,
    mut mirror: MessageWriter<crate::mirror::MirrorRequest>,
    mut focus: MessageWriter<crate::mirror::MirrorFocusRequest>,
) {
    #[derive(serde::Deserialize)]
    struct JoinForm {
        code: String,
        #[serde(default)]
        name: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct DeckFile {
        name: String,
        size: u64,
        #[serde(default)]
        text: Option<String>,
        #[serde(default)]
        binary: bool,
    }
    for (kind, value) in page::take_requests() {
        match kind.as_str() {
            "join" => match serde_json::from_str::<JoinForm>(&value) {
                Ok(form) => {
                    actions.write(crate::ui_action::UiAction::Workshop(
                        crate::ui_action::WorkshopAction::SubmitCode {
                            code: form.code,
                            name: form.name,
                        },
                    ));
                }
                Err(e) => warn!("page: a join request not understood: {e}"),
            },
            "deck-file" => match serde_json::from_str::<DeckFile>(&value) {
                Ok(file) => {
                    use crate::content::custom::{DeckFileReceived, FileContent};
                    let content = match (file.text, file.binary) {
                        (_, true) => FileContent::Binary,
                        (Some(text), false) => FileContent::Text(text),
                        (None, false) => FileContent::TooLarge,
                    };
                    files.write(DeckFileReceived {
                        name: file.name.chars().take(100).collect(),
                        size: file.size,
                        content,
                    });
                }
                Err(e) => warn!("page: a deck file not understood: {e}"),
            },
            "mirror" => match serde_json::from_str::<crate::mirror::Command>(&value) {
                Ok(command) => {
                    mirror.write(crate::mirror::MirrorRequest(command));
                }
                Err(e) => warn!("page: a mirror command not understood: {e}"),
            },
            "focus" => {
                let target = (!value.is_empty()).then(|| value.chars().take(200).collect());
                focus.write(crate::mirror::MirrorFocusRequest(target));
            }
            other => warn!("page: unknown request {other}"),
        }
    }
}

/// Opens the page's file picker for a deck file (the page sends what is chosen back as a
/// `"deck-file"` request). Natively nothing happens.
pub fn pick_deck_file() {
    page::pick_deck_file();
}

/// Lets the page wake the game up when it sends a request (the game sleeps between inputs).
#[cfg(target_arch = "wasm32")]
fn set_page_waker(proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>) {
    if let Some(proxy) = proxy {
        let proxy = (**proxy).clone();
        page::set_waker(Box::new(move || {
            let _ = proxy.send_event(bevy::winit::WinitUserEvent::WakeUp);
        }));
    }
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
        && let Some(language) = crate::i18n::requested(&code)
    {
        lang.0 = language;
    }
}

fn follow_language(lang: Res<Lang>) {
    if lang.is_changed() {
        page::set_language(lang.0.code(), lang.t(Key::AppTitle));
    }
}

/// Whether the page has been told the first screen is up.
#[derive(Resource, Default)]
struct MarkedReady(bool);

/// Sets `appState = "ready"` at the start of the frame after the one that first drew a real
/// screen (the title): that frame has then been drawn and handed to the browser.
fn mark_ready(screen: Res<State<Screen>>, mut marked: ResMut<MarkedReady>) {
    if !marked.0 && *screen.get() != Screen::Loading {
        marked.0 = true;
        page::set_data("appState", "ready");
    }
}

/// Asks for the frame that marks the page ready (the app otherwise sleeps until an input), and
/// tells the page which screen is up.
fn follow_screen(
    screen: Res<State<Screen>>,
    marked: Res<MarkedReady>,
    mut last_screen: Local<Option<Screen>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if *last_screen != Some(*screen.get()) {
        *last_screen = Some(*screen.get());
        page::set_data("screen", screen.get().name());
    }
    if !marked.0 {
        redraw.write(RequestRedraw);
    }
}

/// `prefers-reduced-motion: reduce` makes cards jump instead of gliding.
fn read_reduced_motion(mut reduced: ResMut<crate::table::cards::ReducedMotion>) {
    reduced.0 = page::prefers_reduced_motion();
}
