//! The smallest Bevy app built with the game's features and profile: the benchmark's
//! baseline (scripts/bench.sh compares its size and start-up with the game's).

use bevy::asset::AssetMetaCheck;
use bevy::prelude::*;

fn main() -> AppExit {
    App::new()
        .add_plugins(
            DefaultPlugins
                .set(AssetPlugin {
                    meta_check: AssetMetaCheck::Never,
                    ..default()
                })
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        canvas: Some("#game".into()),
                        fit_canvas_to_parent: true,
                        ..default()
                    }),
                    ..default()
                }),
        )
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(Last, mark_ready)
        .run()
}

/// Tells the page the first frame is drawn, as the game does.
fn mark_ready(mut frames: Local<u32>) {
    *frames += 1;
    #[cfg(target_arch = "wasm32")]
    if *frames == 2
        && let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
    {
        let _ = body.dataset().set("appState", "ready");
    }
}
