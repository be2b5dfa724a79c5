//! Shared helpers of the headless app tests: the whole game on fixture assets, updated until
//! something holds, with its screen, controls and texts.

use bevy::prelude::*;
use fresque::AppPlugin;
use fresque::screens::flow::Screen;
use fresque::ui_action::{AutomationId, UiAction};

/// The game on an asset folder made of the shipped fonts with the fixture decks `files`
/// (from tests/fixtures/decks) listed in a manifest.
pub fn game_with_decks(name: &str, files: &[&str]) -> App {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("decks")).unwrap();
    copy_dir(&crate::root().join("assets/fonts"), &folder.join("fonts"));
    copy_dir(&crate::root().join("assets/i18n"), &folder.join("i18n"));
    for f in files {
        std::fs::copy(crate::fixture(f), folder.join("decks").join(f)).unwrap();
    }
    let list: Vec<String> = files.iter().map(|f| format!("\"{f}\"")).collect();
    std::fs::write(
        folder.join("decks/manifest.ron"),
        format!("Manifest(decks: [{}])", list.join(", ")),
    )
    .unwrap();
    let mut app = App::new();
    app.add_plugins(AppPlugin {
        asset_folder: Some(folder.to_string_lossy().into_owned()),
    });
    app
}

pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for file in std::fs::read_dir(from).unwrap() {
        let file = file.unwrap();
        std::fs::copy(file.path(), to.join(file.file_name())).unwrap();
    }
}

/// The game on an asset folder made of the shipped assets with the decks of `fixture`.
pub fn game(fixture: &str) -> App {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(fixture);
    let _ = std::fs::remove_dir_all(&folder);
    for (from, to) in [
        (crate::root().join("assets/fonts"), folder.join("fonts")),
        (crate::root().join("assets/i18n"), folder.join("i18n")),
        (
            crate::root()
                .join("tests/fixtures")
                .join(fixture)
                .join("decks"),
            folder.join("decks"),
        ),
    ] {
        std::fs::create_dir_all(&to).unwrap();
        for file in std::fs::read_dir(&from).unwrap() {
            let file = file.unwrap();
            std::fs::copy(file.path(), to.join(file.file_name())).unwrap();
        }
    }
    let mut app = App::new();
    app.add_plugins(AppPlugin {
        asset_folder: Some(folder.to_string_lossy().into_owned()),
    });
    app
}

pub fn update_until(app: &mut App, what: &str, done: impl Fn(&mut World) -> bool) {
    for _ in 0..2_000 {
        app.update();
        if done(app.world_mut()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    panic!("timed out waiting for {what}");
}

pub fn screen(world: &World) -> Screen {
    *world.resource::<State<Screen>>().get()
}

pub fn send(app: &mut App, action: UiAction) {
    app.world_mut().write_message(action);
    for _ in 0..3 {
        app.update();
    }
}

/// The automation ids of the controls on screen.
pub fn controls(world: &mut World) -> Vec<String> {
    let mut query = world.query::<&AutomationId>();
    let mut ids: Vec<String> = query.iter(world).map(|a| a.0.clone()).collect();
    ids.sort();
    ids
}

/// Every text shown, joined.
pub fn texts(world: &mut World) -> String {
    let mut query = world.query::<&Text>();
    query
        .iter(world)
        .map(|t| t.0.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Updates until the title screen is up and the decks are loaded (the title shows first; it
/// offers a kept game a few frames after the decks are in).
pub fn until_decks_loaded(app: &mut App) {
    update_until(app, "the title screen", |w| screen(w) == Screen::Title);
    update_until(app, "the decks loaded", |w| {
        let c = w.resource::<fresque::content::catalog::DeckCatalog>();
        c.is_settled() && !c.entries.is_empty()
    });
    for _ in 0..3 {
        app.update();
    }
}

/// A move, as any input would make it, and a few frames for the views.
pub fn play(app: &mut App, action: fresque::rules::Action) {
    app.world_mut()
        .write_message(fresque::session::PlayerAction(action));
    for _ in 0..3 {
        app.update();
    }
}

/// A file given to the game (the deck screen's file picker, or a drop on the page).
pub fn give_file(
    app: &mut App,
    name: &str,
    content: fresque::content::custom::FileContent,
    size: u64,
) {
    app.world_mut()
        .write_message(fresque::content::custom::DeckFileReceived {
            name: name.into(),
            size,
            content,
        });
    for _ in 0..4 {
        app.update();
    }
}
