//! The game's entry point. Built for the web (see README.md); natively it opens a window only
//! with `--features desktop`.

use bevy::prelude::*;
use fresque::AppPlugin;

fn main() -> AppExit {
    #[cfg(not(any(target_arch = "wasm32", feature = "desktop")))]
    eprintln!(
        "fresque: this build has no window. Play in the browser (bash scripts/serve.sh) \
         or run `cargo run --features desktop`."
    );
    App::new().add_plugins(AppPlugin::default()).run()
}
