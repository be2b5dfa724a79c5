//! The table: the board (world space, pan and zoom), cards on it, links between them, and
//! the hand (the tray of cards to place). Gestures become `PlayerAction`s; the views are
//! redrawn from the session's game.

pub mod board;
pub mod camera;
pub mod cards;
pub mod links;
pub mod long_press;
pub mod touch;
pub mod tray;

use bevy::prelude::*;

use crate::rules::{CardId, Link};
use crate::screens::Screen;

/// Size of a card on the board, in board units.
pub const CARD_SIZE: Vec2 = Vec2::new(crate::rules::CARD_WIDTH, crate::rules::CARD_HEIGHT);
/// A press that moves less than this (logical px) is a click, not a drag.
pub const CLICK_SLOP: f32 = 6.0;

/// What the player is pointing at or working with.
#[derive(Resource, Default, Debug, Clone, PartialEq)]
pub struct Selection {
    /// The card shown in the side panel.
    pub card: Option<CardId>,
    /// The card under the pointer (shown when none is selected).
    pub hovered: Option<CardId>,
    /// The arrow shown in the side panel (after a check).
    pub link: Option<Link>,
    /// Drawing an arrow by choosing two cards: its start.
    pub linking_from: Option<CardId>,
    /// Moving a card without dragging it: the card, whose destination is the next place (or
    /// card) chosen on the board.
    pub moving: Option<CardId>,
    /// The card the keyboard focus is on, in the HTML mirror (ringed like a chosen card).
    pub keyboard: Option<CardId>,
    /// The zone (index) a focused destination of the HTML mirror names (its edge is ringed).
    pub keyboard_zone: Option<usize>,
}

/// The entity being dragged, and how far it has moved (logical px).
#[derive(Resource, Default, Debug)]
pub struct DragState {
    pub entity: Option<Entity>,
    pub distance: f32,
}

impl DragState {
    /// Whether `entity` has just been dragged far enough not to count as a click.
    pub fn was_dragged(&self, entity: Entity) -> bool {
        self.entity == Some(entity) && self.distance > CLICK_SLOP
    }
}

/// Asks the board views to put every card back where the game has it (after a gesture that
/// changed nothing, or one cut short).
#[derive(Message, Clone, Copy, Debug, Default)]
pub struct ResyncBoard;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Selection>()
        .init_resource::<DragState>()
        .add_message::<ResyncBoard>()
        .add_systems(OnEnter(Screen::Play), reset_selection)
        .add_systems(
            Update,
            end_orphan_gestures
                .in_set(crate::AppSystems::Input)
                .run_if(in_state(Screen::Play)),
        )
        .add_plugins((
            camera::plugin,
            board::plugin,
            cards::plugin,
            links::plugin,
            tray::plugin,
            touch::plugin,
            long_press::plugin,
        ));
}

/// A gesture whose end never reached its entity (the entity was rebuilt under the pointer,
/// or the release was lost by the browser) ends when no button or finger is down: the card
/// goes back to its place and the pending arrow disappears.
fn end_orphan_gestures(
    down: Res<crate::pointer_input::PointersDown>,
    mut drag: ResMut<DragState>,
    mut link_drag: ResMut<links::LinkDrag>,
    mut resync: MessageWriter<ResyncBoard>,
) {
    if down.any() {
        return;
    }
    if drag.entity.is_some() {
        *drag = DragState::default();
        resync.write(ResyncBoard);
    }
    if link_drag.from.is_some() {
        *link_drag = links::LinkDrag::default();
    }
}

fn reset_selection(mut selection: ResMut<Selection>, mut drag: ResMut<DragState>) {
    *selection = Selection::default();
    *drag = DragState::default();
}
