//! The camera: one 2D camera for the board and the interface. Drag the empty board to pan,
//! wheel (or the zoom buttons) to zoom around the pointer.

use bevy::prelude::*;

use super::board::BoardBackground;
use super::cards::BoardCard;
use super::links::LinkView;
use crate::AppSystems;
use crate::rules::{BOARD_HALF_HEIGHT, BOARD_HALF_WIDTH, Event, Rect, cards_bounds, focus_rect};
use crate::screens::Screen;
use crate::session::{GameEvent, Session};
use crate::theme::layout::{PANEL_WIDTH, TOP_BAR_HEIGHT, TRAY_HEIGHT, camera_shift};
use crate::ui_action::UiAction;

#[derive(Component)]
pub struct MainCamera;

pub const MIN_SCALE: f32 = 0.5;
pub const MAX_SCALE: f32 = 6.0;
pub const START_SCALE: f32 = 1.0;
const BUTTON_ZOOM: f32 = 1.25;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FramedRound>()
        .add_systems(Startup, spawn_camera)
        .add_systems(OnEnter(Screen::Play), reset_view)
        .add_systems(OnExit(Screen::Play), reset_camera_for_menus)
        .add_systems(
            Update,
            (
                zoom_buttons
                    .in_set(AppSystems::Input)
                    .run_if(in_state(Screen::Play)),
                frame_round
                    .in_set(AppSystems::Sync)
                    .in_set(crate::screens::flow::PlayViews),
            ),
        )
        .add_observer(wheel_zoom);
}

fn spawn_camera(mut commands: Commands) {
    let camera = commands
        .spawn((Name::new("Camera"), Camera2d, MainCamera))
        .id();
    // No multisampling: the interface's rounded corners are anti-aliased by its own shader, and
    // 4× MSAA multiplies the cost of every frame on the software or low-end GPUs of school
    // laptops (measured in the browser tests on SwiftShader: see docs/performance.md).
    #[cfg(target_arch = "wasm32")]
    commands
        .entity(camera)
        .insert(bevy::render::view::Msaa::Off);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = camera;
}

/// The camera's zoom (1 = one board unit per logical pixel; larger shows more).
pub fn scale_of(projection: &Projection) -> f32 {
    match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    }
}

fn set_scale(projection: &mut Projection, scale: f32) {
    if let Projection::Orthographic(o) = projection {
        o.scale = scale.clamp(MIN_SCALE, MAX_SCALE);
    }
}

/// Keeps the view's centre on the board.
pub fn clamp_to_board(pos: Vec2) -> Vec2 {
    Vec2::new(
        pos.x.clamp(-BOARD_HALF_WIDTH, BOARD_HALF_WIDTH),
        pos.y.clamp(-BOARD_HALF_HEIGHT, BOARD_HALF_HEIGHT),
    )
}

/// The starting view: the board's centre in the middle of the area left free by the top bar,
/// the tray and the side panel (the camera sits right of and below that point, world y up).
fn go_home(transform: &mut Transform, projection: &mut Projection) {
    set_scale(projection, START_SCALE);
    let shift = camera_shift() * START_SCALE;
    transform.translation = shift.extend(transform.translation.z);
}

fn reset_view(
    mut camera: Single<(&mut Transform, &mut Projection), With<MainCamera>>,
    mut framed: ResMut<FramedRound>,
) {
    let (transform, projection) = &mut *camera;
    go_home(transform, projection);
    framed.0 = None;
}

/// The round the view was last framed for.
#[derive(Resource, Default)]
pub struct FramedRound(Option<usize>);

/// Shows the whole of `rect` (board units) in the area left free by the bars and the panel,
/// never closer than the starting zoom.
fn frame(transform: &mut Transform, projection: &mut Projection, window: &Window, rect: Rect) {
    let free = Vec2::new(
        window.width() - PANEL_WIDTH,
        window.height() - TRAY_HEIGHT - TOP_BAR_HEIGHT,
    )
    .max(Vec2::splat(100.0));
    let margin = 60.0;
    let scale = ((rect.width() + margin) / free.x)
        .max((rect.height() + margin) / free.y)
        .max(START_SCALE);
    set_scale(projection, scale);
    let scale = scale_of(projection);
    let shift = camera_shift() * scale;
    let center = Vec2::new(rect.center().x, rect.center().y);
    transform.translation = clamp_to_board(center + shift).extend(transform.translation.z);
}

/// A new round starts framed on its landmarks (zones, line); showing the solution frames
/// every card.
fn frame_round(
    session: Res<Session>,
    mut events: MessageReader<GameEvent>,
    mut framed: ResMut<FramedRound>,
    window: Single<&Window>,
    mut camera: Single<(&mut Transform, &mut Projection), With<MainCamera>>,
) {
    let (transform, projection) = &mut *camera;
    let game = &session.game;
    let solution = events
        .read()
        .any(|GameEvent(e)| matches!(e, Event::SolutionShown));
    // The solution is framed with the round's landmarks, so the view does not jump when
    // players go back to their own board.
    let landmarks = focus_rect(game.kind());
    if solution && let Some(rect) = cards_bounds(game.solution().positions.iter().map(|(_, p)| *p))
    {
        frame(
            transform,
            projection,
            &window,
            landmarks.map_or(rect, |l| l.union(rect)),
        );
    }
    if framed.0 == Some(game.round_index()) {
        return;
    }
    framed.0 = Some(game.round_index());
    match focus_rect(game.kind()) {
        Some(rect) => frame(transform, projection, &window, rect),
        None => go_home(transform, projection),
    }
}

fn reset_camera_for_menus(mut camera: Single<(&mut Transform, &mut Projection), With<MainCamera>>) {
    let (transform, projection) = &mut *camera;
    if let Projection::Orthographic(o) = &mut **projection {
        o.scale = 1.0;
    }
    transform.translation = Vec3::new(0.0, 0.0, transform.translation.z);
}

/// Zooms by `factor` keeping the board point under `viewport_pos` (logical px) in place.
pub fn zoom_at(
    camera: &Camera,
    camera_transform: &GlobalTransform,
    transform: &mut Transform,
    projection: &mut Projection,
    viewport_pos: Vec2,
    factor: f32,
) {
    let old = scale_of(projection);
    set_scale(projection, old * factor);
    let new = scale_of(projection);
    let Ok(anchor) = camera.viewport_to_world_2d(camera_transform, viewport_pos) else {
        return;
    };
    let pos = transform.translation.truncate();
    let moved = pos + (anchor - pos) * (1.0 - new / old);
    transform.translation = clamp_to_board(moved).extend(transform.translation.z);
}

fn wheel_zoom(
    mut scroll: On<Pointer<Scroll>>,
    board_parts: Query<(), Or<(With<BoardBackground>, With<BoardCard>, With<LinkView>)>>,
    mut camera: Single<
        (&Camera, &GlobalTransform, &mut Transform, &mut Projection),
        With<MainCamera>,
    >,
) {
    if !board_parts.contains(scroll.event_target()) {
        return;
    }
    scroll.propagate(false);
    let factor = if scroll.y > 0.0 { 1.0 / 1.1 } else { 1.1 };
    let at = scroll.pointer_location.position;
    let (cam, global, transform, projection) = &mut *camera;
    zoom_at(cam, global, transform, projection, at, factor);
}

/// How far an arrow key moves the view, in logical pixels.
const PAN_STEP: f32 = 160.0;

fn zoom_buttons(
    mut actions: MessageReader<UiAction>,
    mut camera: Single<(&mut Transform, &mut Projection), With<MainCamera>>,
    mut framed: ResMut<FramedRound>,
) {
    for action in actions.read() {
        let (transform, projection) = &mut *camera;
        match action {
            UiAction::ZoomIn => {
                let s = scale_of(projection);
                set_scale(projection, s / BUTTON_ZOOM);
            }
            UiAction::ZoomOut => {
                let s = scale_of(projection);
                set_scale(projection, s * BUTTON_ZOOM);
            }
            UiAction::Pan(direction) => {
                let step = *direction * PAN_STEP * scale_of(projection);
                let to = clamp_to_board(transform.translation.truncate() + step);
                transform.translation = to.extend(transform.translation.z);
            }
            UiAction::ZoomReset => {
                // Framed again on the round's landmarks (or the centre) in this frame.
                go_home(transform, projection);
                framed.0 = None;
            }
            _ => {}
        }
    }
}
