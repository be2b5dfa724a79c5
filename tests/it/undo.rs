//! Undo and redo on the play screen, in the headless game: the buttons appear when there is a
//! move to take back or make again, and they go through the action path.

use fresque::content::catalog::DeckCatalog;
use fresque::rules::{Action, Pos};
use fresque::session::Session;
use fresque::ui_action::UiAction;

use crate::app::{controls, game_with_decks, play, send, until_decks_loaded};

/// The game on the first round's board (instructions closed).
fn on_the_board(name: &str) -> bevy::prelude::App {
    let mut app = game_with_decks(name, &["kinds.fr.ron"]);
    until_decks_loaded(&mut app);
    send(&mut app, UiAction::OpenDecks);
    let file = app.world().resource::<DeckCatalog>().entries[0]
        .file
        .clone();
    send(&mut app, UiAction::StartDeck(file));
    send(&mut app, UiAction::CloseIntro);
    app
}

fn place_first_card(app: &mut bevy::prelude::App) {
    let card = app.world().resource::<Session>().game.hand()[0].clone();
    play(
        app,
        Action::PlaceCard {
            card,
            at: Pos::new(0.0, 0.0),
        },
    );
}

#[test]
fn undo_and_redo_buttons_follow_the_moves() {
    let mut app = on_the_board("undo");
    let ids = controls(app.world_mut());
    assert!(
        !ids.iter().any(|id| id == "undo" || id == "redo"),
        "{ids:?}"
    );

    place_first_card(&mut app);
    let ids = controls(app.world_mut());
    assert!(ids.contains(&"undo".to_owned()) && !ids.contains(&"redo".to_owned()));

    send(&mut app, UiAction::Play(Action::Undo));
    assert!(
        app.world()
            .resource::<Session>()
            .game
            .board()
            .placed()
            .is_empty()
    );
    let ids = controls(app.world_mut());
    assert!(!ids.contains(&"undo".to_owned()) && ids.contains(&"redo".to_owned()));

    send(&mut app, UiAction::Play(Action::Redo));
    assert_eq!(
        app.world()
            .resource::<Session>()
            .game
            .board()
            .placed()
            .len(),
        1
    );
}

/// A whole Ctrl+Z (presses and releases) can reach the game in one frame on a slow machine:
/// the keys are read in order, with the Ctrl held at the Z.
#[test]
fn a_whole_shortcut_in_one_frame_still_undoes_then_redoes() {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    use bevy::prelude::*;

    let mut app = on_the_board("undo-keys");
    place_first_card(&mut app);
    let placed = |app: &App| {
        app.world()
            .resource::<Session>()
            .game
            .board()
            .placed()
            .len()
    };
    assert_eq!(placed(&app), 1);

    let shortcut = |app: &mut App, keys: &[KeyCode]| {
        let event = |key_code: KeyCode, state: ButtonState| KeyboardInput {
            key_code,
            logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        };
        for key in keys {
            app.world_mut()
                .write_message(event(*key, ButtonState::Pressed));
        }
        for key in keys.iter().rev() {
            app.world_mut()
                .write_message(event(*key, ButtonState::Released));
        }
        for _ in 0..3 {
            app.update();
        }
    };
    shortcut(&mut app, &[KeyCode::ControlLeft, KeyCode::KeyZ]);
    assert_eq!(placed(&app), 0, "Ctrl+Z undid the move");
    shortcut(&mut app, &[KeyCode::KeyZ]);
    assert_eq!(placed(&app), 0, "Z alone does nothing");
    shortcut(
        &mut app,
        &[KeyCode::ControlLeft, KeyCode::ShiftLeft, KeyCode::KeyZ],
    );
    assert_eq!(placed(&app), 1, "Ctrl+Shift+Z redid it");
}

#[test]
fn arrow_keys_pan_and_plus_minus_zoom_the_view() {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    use bevy::prelude::*;
    use fresque::table::camera::{MainCamera, scale_of};

    let mut app = on_the_board("view-keys");
    let view = |app: &mut App| {
        let mut q = app
            .world_mut()
            .query_filtered::<(&Transform, &Projection), With<MainCamera>>();
        let (t, p) = q.single(app.world()).expect("one camera");
        (t.translation.truncate(), scale_of(p))
    };
    let press = |app: &mut App, key_code: KeyCode, logical: Key| {
        for state in [ButtonState::Pressed, ButtonState::Released] {
            app.world_mut().write_message(KeyboardInput {
                key_code,
                logical_key: logical.clone(),
                state,
                text: None,
                repeat: false,
                window: Entity::PLACEHOLDER,
            });
        }
        for _ in 0..3 {
            app.update();
        }
    };
    let unnamed = || Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified);
    let (start, scale) = view(&mut app);
    press(&mut app, KeyCode::ArrowRight, Key::ArrowRight);
    let (moved, _) = view(&mut app);
    assert!(
        moved.x > start.x && (moved.y - start.y).abs() < 0.01,
        "{start} → {moved}"
    );
    press(&mut app, KeyCode::ArrowDown, Key::ArrowDown);
    let (down, _) = view(&mut app);
    assert!(down.y < moved.y, "{moved} → {down}");
    press(&mut app, KeyCode::Equal, Key::Character("+".into()));
    let (_, closer) = view(&mut app);
    assert!(closer < scale, "+ zooms in: {scale} → {closer}");
    press(&mut app, KeyCode::Minus, Key::Character("-".into()));
    press(&mut app, KeyCode::Minus, Key::Character("-".into()));
    let (_, farther) = view(&mut app);
    assert!(farther > scale, "- zooms out: {scale} → {farther}");
    // A key the game does not use changes nothing.
    let before = view(&mut app);
    press(&mut app, KeyCode::KeyQ, unnamed());
    assert_eq!(view(&mut app), before);
}
