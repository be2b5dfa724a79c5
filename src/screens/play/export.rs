//! "Exporter le plateau" after a check: the board and its check become a JSON file
//! ([`crate::export::BoardExport`]); the page draws a PNG of the whole board from the same
//! JSON (`web/board-png.js`) and offers both in a dialog, named
//! `fresque-<deck>-<round>-<date>`.

use bevy::prelude::*;

use crate::export::{BoardExport, iso_time};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::session::Session;
use crate::ui_action::UiAction;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        export_board
            .in_set(crate::AppSystems::Apply)
            .in_set(super::PlayViews),
    );
}

fn export_board(mut actions: MessageReader<UiAction>, session: Res<Session>, lang: Res<Lang>) {
    for action in actions.read() {
        if *action != UiAction::ExportBoard {
            continue;
        }
        let now = iso_time(crate::web::now_unix_seconds());
        let Some(export) = BoardExport::of_game(&session.game, lang.0, &now) else {
            warn!("nothing to export before a check");
            continue;
        };
        let name = export.base_name();
        let json = match serde_json::to_string_pretty(&export) {
            Ok(json) => json,
            Err(e) => {
                error!("board export: {e}");
                continue;
            }
        };
        let labels = serde_json::json!({
            "title": lang.t(Key::ExportBoard),
            "hint": lang.t(Key::ExportHint),
            "png": lang.t(Key::ExportPng),
            "json": lang.t(Key::ExportJson),
            "close": lang.t(Key::Close),
        });
        if !crate::web::export_board(&name, &json, &labels.to_string()) {
            error!("the page could not take the board export");
        }
    }
}
