//! The HTML mirror: the game as a tree of headings, texts and buttons that the page renders
//! as real HTML beside the canvas (`web/mirror.js`), for screen readers and for the keyboard.
//! Bevy's AccessKit has no browser adapter, so this is how the game is heard and played
//! without a mouse.
//!
//! - [`ui_tree`] reads the screen's own interface (titles, texts, buttons);
//! - [`board`] describes the round (hand, board, arrows or pairs, verdicts), with a button for
//!   every move ([`moves`]);
//! - [`command`]: what a mirror button asks for, turned into the same `UiAction`s a click or a
//!   drop makes, so mirror, mouse, touch and network share one path into the rules.
//!
//! The tree is published as JSON in `#fresque-mirror` (kept natively in [`MirrorView`] for
//! tests); the page sends commands back as `page_request("mirror", json)`, and the element
//! that has the keyboard focus as `page_request("focus", "card:<id>")`: the game rings that
//! card on the canvas.

pub mod board;
mod command;
mod moves;
mod node;
mod ui_tree;

use bevy::prelude::*;

pub use command::Command;
pub use node::{MirrorNode, Role};
pub use ui_tree::MirrorRole;

use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::CardId;
use crate::screens::Screen;
use crate::session::Session;
use crate::table::Selection;
use crate::ui_action::{AutomationId, ButtonAction, Disabled, UiAction};

/// A command from a mirror button.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MirrorRequest(pub Command);

/// The mirror element with the keyboard focus is about this card (`card:<id>`), or none.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MirrorFocusRequest(pub Option<String>);

/// The mirror as last published.
#[derive(Resource, Default, Debug)]
pub struct MirrorView(pub Option<MirrorNode>);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<MirrorRequest>()
        .add_message::<MirrorFocusRequest>()
        .init_resource::<MirrorView>()
        .init_resource::<FocusedControl>()
        .add_systems(
            Update,
            // Right after the page's requests are read, so that a command is carried out in
            // the frame its request wakes up (the game sleeps between inputs).
            (carry_out, follow_focus)
                .after(crate::web::page_requests)
                .in_set(crate::AppSystems::RecordInput),
        )
        .add_systems(Update, ring_control.in_set(crate::AppSystems::Sync))
        .add_systems(Last, publish);
}

/// Mirror commands become interface actions; `Press` presses the game's button with that id
/// (only if it is shown and usable, as a click would).
fn carry_out(
    mut requests: MessageReader<MirrorRequest>,
    session: Option<Res<Session>>,
    buttons: Query<(
        &AutomationId,
        &ButtonAction,
        Has<Disabled>,
        Option<&InheritedVisibility>,
    )>,
    mut actions: MessageWriter<UiAction>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    for MirrorRequest(command) in requests.read() {
        // One more frame, for the systems that read the actions before this one wrote them
        // (the game sleeps between inputs).
        redraw.write(bevy::window::RequestRedraw);
        if let Command::Press { id } = command {
            let found = buttons
                .iter()
                .find(|(a, _, disabled, visible)| {
                    &a.0 == id && !disabled && visible.is_none_or(|v| v.get())
                })
                .map(|(_, action, ..)| action.0.clone());
            match found {
                Some(action) => {
                    actions.write(action);
                }
                None => warn!("mirror: no usable button {id}"),
            }
            continue;
        }
        for action in command.actions(session.as_deref().map(|s| &s.game)) {
            actions.write(action);
        }
    }
}

/// The game's button whose mirror copy has the keyboard focus (ringed on the canvas).
#[derive(Resource, Default, Debug, PartialEq)]
pub struct FocusedControl(pub Option<String>);

fn follow_focus(
    mut requests: MessageReader<MirrorFocusRequest>,
    mut selection: ResMut<Selection>,
    mut control: ResMut<FocusedControl>,
) {
    if let Some(MirrorFocusRequest(target)) = requests.read().last() {
        let target = target.as_deref().unwrap_or("");
        let card = target.strip_prefix("card:").map(CardId::from);
        if selection.keyboard != card {
            selection.keyboard = card;
        }
        let zone = target
            .strip_prefix("zone:")
            .and_then(|z| z.parse::<usize>().ok());
        if selection.keyboard_zone != zone {
            selection.keyboard_zone = zone;
        }
        let id = target.strip_prefix("ctl:").map(str::to_owned);
        control.set_if_neq(FocusedControl(id));
    }
}

/// Rings the focused control with an outline (and takes it off the one before).
fn ring_control(
    mut commands: Commands,
    control: Res<FocusedControl>,
    buttons: Query<(Entity, &AutomationId, Has<Outline>), With<ButtonAction>>,
    added: Query<(), Added<AutomationId>>,
) {
    // Also when a screen is built again: its buttons are new entities.
    if !control.is_changed() && added.is_empty() {
        return;
    }
    for (entity, id, ringed) in &buttons {
        let wanted = control.0.as_ref() == Some(&id.0);
        // `try_`: the screen may be rebuilt in this very frame (e.g. the top bar after a
        // check), despawning the button before the command runs.
        if wanted && !ringed {
            commands.entity(entity).try_insert(Outline::new(
                px(3),
                px(2),
                crate::theme::palette::CARD_SELECTED,
            ));
        } else if !wanted && ringed {
            commands.entity(entity).try_remove::<Outline>();
        }
    }
}

/// Builds the mirror and publishes it when it changed.
fn publish(
    screen: Res<State<Screen>>,
    tree: ui_tree::UiTree,
    session: Option<Res<Session>>,
    selection: Res<Selection>,
    lang: Res<Lang>,
    mut view: ResMut<MirrorView>,
    mut last: Local<String>,
) {
    if *screen.get() == Screen::Loading {
        return;
    }
    let mut children = vec![MirrorNode::text("mirror-help", lang.t(Key::MirrorHelp))];
    children.extend(tree.nodes());
    if *screen.get() == Screen::Play
        && let Some(session) = &session
    {
        let choosing = board::Choosing {
            moving: selection.moving.as_ref(),
            linking_from: selection.linking_from.as_ref(),
        };
        children.push(board::board_section(&session.game, choosing, *lang));
    }
    let root = MirrorNode::section("mirror", lang.t(Key::MirrorTitle), children);
    let Ok(json) = serde_json::to_string(&root) else {
        return;
    };
    if *last != json {
        crate::web::set_mirror_json(&json);
        *last = json;
        view.0 = Some(root);
    }
}
