//! Long press (touch): a finger held still on a card for half a second shows it in the side
//! panel (after a check, with its back and sources) without playing it, and the tap that ends
//! the press does nothing. Tablets have no hover: this is how a hand card is read in full
//! before it is placed, or a card on the board while an arrow or a move waits for its end.

use bevy::input::touch::Touches;
use bevy::picking::pointer::PointerId;
use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::cards::BoardCard;
use super::touch::Pinch;
use super::tray::TrayCard;
use super::{CLICK_SLOP, Selection};
use crate::rules::CardId;
use crate::screens::Screen;

/// How long a finger stays still on a card to show it.
const LONG_PRESS_SECONDS: f64 = 0.5;

/// The finger held on a card, and the card a long press has just shown (its tap is ignored).
#[derive(Resource, Default, Debug)]
pub struct LongPress {
    held: Option<Held>,
    fired: Option<Entity>,
}

#[derive(Debug)]
struct Held {
    touch: u64,
    entity: Entity,
    card: CardId,
    at: Vec2,
    since: f64,
}

impl LongPress {
    /// Whether the click on `entity` ends a long press (and is to be ignored); forgets it.
    pub fn take_fired(&mut self, entity: Entity) -> bool {
        if self.fired == Some(entity) {
            self.fired = None;
            true
        } else {
            false
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LongPress>()
        .add_observer(press_on_card)
        .add_systems(
            Update,
            watch_the_finger
                .in_set(crate::AppSystems::Input)
                .run_if(in_state(Screen::Play)),
        );
}

fn press_on_card(
    press: On<Pointer<Press>>,
    board: Query<&BoardCard>,
    tray: Query<&TrayCard>,
    time: Res<Time<Real>>,
    mut long_press: ResMut<LongPress>,
) {
    let PointerId::Touch(touch) = press.pointer_id else {
        return;
    };
    let target = press.event_target();
    let card = match (board.get(target), tray.get(target)) {
        (Ok(BoardCard(id)), _) | (_, Ok(TrayCard(id))) => id.clone(),
        _ => return,
    };
    long_press.fired = None;
    long_press.held = Some(Held {
        touch,
        entity: target,
        card,
        at: press.pointer_location.position,
        since: time.elapsed_secs_f64(),
    });
}

/// While a finger stays still on a card, frames keep coming (the game otherwise sleeps); after
/// half a second the card is shown. A finger that moves, lifts or is joined by another cancels.
fn watch_the_finger(
    touches: Res<Touches>,
    time: Res<Time<Real>>,
    pinch: Res<Pinch>,
    mut long_press: ResMut<LongPress>,
    mut selection: ResMut<Selection>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(held) = &long_press.held else {
        return;
    };
    let still = touches
        .get_pressed(held.touch)
        .is_some_and(|t| t.position().distance(held.at) <= CLICK_SLOP);
    if !still || pinch.active() {
        long_press.held = None;
        return;
    }
    if time.elapsed_secs_f64() - held.since < LONG_PRESS_SECONDS {
        redraw.write(RequestRedraw);
        return;
    }
    let held = long_press.held.take().expect("checked above");
    selection.card = Some(held.card);
    selection.link = None;
    long_press.fired = Some(held.entity);
}
