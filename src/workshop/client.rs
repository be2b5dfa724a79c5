//! The workshop client: interface commands → messages to the server; server messages → the
//! workshop's state ([`Workshop`]), the play screen's [`Session`] and the screens; and, while
//! a player sits at a table, the play screen's moves → proposals to the table.
//!
//! A move is shown at once (the table's [`crate::shared::SharedGame`] keeps it pending) and
//! sent; the server's log confirms it, or a refusal takes it back with its reason. Moves of
//! the others arrive as the same `GameEvent`s as one's own, so every view reacts the same.

use std::sync::Arc;

use bevy::prelude::*;

use super::link::Link;
use super::store::{HeldSeat, HostedRoom, WorkshopStore};
use super::{Availability, HostForm, Role, TableView, Workshop, WorkshopAction, WorkshopNotice};
use crate::AppSystems;
use crate::content::catalog::DeckCatalog;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::protocol::{
    ClientMsg, Command, ErrorCode, Focus, Refusal, RoomInfo, ServerMsg, TableState,
    normalize_room_code,
};
use crate::rules::{Action, Deck};
use crate::screens::Screen;
use crate::screens::flow::NextSession;
use crate::session::{ActionRejected, GameEvent, PlayControls, PlayerAction, Session, SharedPlay};
use crate::shared::SharedGame;
use crate::ui_action::UiAction;

/// A player's way into a room: the code, the first name, and the tables seen.
#[derive(Resource, Debug, Default, Clone)]
pub struct JoinState {
    pub room: Option<String>,
    pub name: Option<String>,
    /// The room's tables and who sits there (after `peek`).
    pub tables: Option<(RoomInfo, Vec<Vec<crate::protocol::Seat>>)>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<JoinState>()
        .add_systems(Startup, read_page_hints)
        .add_systems(OnEnter(Screen::Title), open_link_from_address)
        .add_systems(
            Update,
            (
                workshop_actions.in_set(AppSystems::Input),
                (relay_player_actions, handle_server_messages)
                    .chain()
                    .in_set(AppSystems::Apply),
                keep_awake_in_workshops,
            ),
        );
}

/// What the play screen offers in a workshop: the facilitator deals, moves the rounds and
/// restarts; leaving goes back to the workshop.
const WORKSHOP_CONTROLS: PlayControls = PlayControls {
    deal_lots: false,
    rounds: false,
    restart: false,
    in_workshop: true,
};

/// The time now, in ms since the epoch (the server's clock is compared with it).
pub fn now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }
}

/// Whether this site has the workshop server (the page asked `api/info`), and the room code of
/// a join link.
fn read_page_hints(mut availability: ResMut<Availability>, mut join: ResMut<JoinState>) {
    *availability = match crate::web::page_data("workshops").as_deref() {
        Some("yes") => Availability::Available,
        Some("no") => Availability::Unavailable,
        Some("offline") => Availability::Offline,
        _ => *availability,
    };
    if let Some(code) = crate::web::query_param("room").and_then(|c| normalize_room_code(&c)) {
        join.room = Some(code);
    }
}

/// The first time the title shows: a join link opens the code screen (code filled in), and a
/// facilitator's page that was reloaded takes its seat again.
fn open_link_from_address(
    mut done: Local<bool>,
    join: Res<JoinState>,
    store: Res<WorkshopStore>,
    availability: Res<Availability>,
    lang: Res<Lang>,
    mut notice: ResMut<WorkshopNotice>,
    mut actions: MessageWriter<UiAction>,
    mut next: ResMut<NextState<Screen>>,
) {
    if std::mem::replace(&mut *done, true) {
        return;
    }
    if *availability == Availability::Offline
        && (join.room.is_some() || crate::web::query_param("host").is_some())
    {
        // A workshop link opened with no network: say so where the code would be typed.
        if let Some(room) = &join.room {
            crate::web::set_input("join-code", room);
        }
        notice.0 = Some(lang.t(Key::WorkshopOffline).to_owned());
        next.set(Screen::JoinCode);
        return;
    }
    let hosted_here = crate::web::query_param("host").and_then(|c| normalize_room_code(&c));
    if let (Some(code), Some(hosted)) = (hosted_here, &store.hosted)
        && hosted.room == code
    {
        actions.write(UiAction::Workshop(WorkshopAction::Resume));
    } else if let Some(room) = &join.room {
        crate::web::set_input("join-code", room);
        if store.seat(room).is_some() {
            // A reload: back to the seat this browser holds, without asking again.
            actions.write(UiAction::Workshop(WorkshopAction::SubmitCode {
                code: room.clone(),
                name: None,
            }));
        } else {
            next.set(Screen::JoinCode);
        }
    }
}

fn workshop_actions(
    mut ui_actions: MessageReader<UiAction>,
    mut link: ResMut<Link>,
    mut form: ResMut<HostForm>,
    mut join: ResMut<JoinState>,
    mut notice: ResMut<WorkshopNotice>,
    mut next: ResMut<NextState<Screen>>,
    mut store: ResMut<WorkshopStore>,
    workshop: Option<ResMut<Workshop>>,
    catalog: Res<DeckCatalog>,
    availability: Res<Availability>,
    lang: Res<Lang>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
    mut commands: Commands,
) {
    let mut workshop = workshop;
    for action in ui_actions.read() {
        let UiAction::Workshop(action) = action else {
            continue;
        };
        // What follows (a new screen, the connection) happens in the next frames: ask for them
        // (the game otherwise sleeps until an input).
        redraw.write(bevy::window::RequestRedraw);
        notice.0 = None;
        match action {
            WorkshopAction::OpenHost | WorkshopAction::OpenJoin
                if *availability == Availability::Unavailable =>
            {
                notice.0 = Some(lang.t(Key::WorkshopNeedsServer).to_owned());
            }
            WorkshopAction::OpenHost | WorkshopAction::OpenJoin
                if *availability == Availability::Offline =>
            {
                notice.0 = Some(lang.t(Key::WorkshopOffline).to_owned());
            }
            WorkshopAction::OpenHost => next.set(Screen::Host),
            WorkshopAction::OpenJoin => {
                if let Some(room) = &join.room {
                    crate::web::set_input("join-code", room);
                }
                next.set(Screen::JoinCode);
            }
            WorkshopAction::Resume => {
                if let Some(hosted) = &store.hosted {
                    link.open(vec![ClientMsg::Host {
                        room: hosted.room.clone(),
                        secret: hosted.secret.clone(),
                    }]);
                    notice.0 = Some(lang.t(Key::Connecting).to_owned());
                }
            }
            WorkshopAction::HostDeck(deck) => form.deck = Some(deck.clone()),
            WorkshopAction::HostTables(delta) => {
                let n = i16::from(form.tables) + i16::from(*delta);
                form.tables = n.clamp(1, i16::from(crate::protocol::MAX_TABLES)) as u8;
            }
            WorkshopAction::HostDeal(mode) => form.deal = *mode,
            WorkshopAction::Create => {
                let entry = form
                    .deck
                    .as_deref()
                    .and_then(|d| catalog.entries.iter().find(|e| e.manifest_name() == d));
                match entry.and_then(|e| e.hash.clone().map(|h| (e.manifest_name(), h))) {
                    Some((deck, hash)) => {
                        link.close();
                        link.open(Vec::new());
                        link.send(ClientMsg::CreateRoom {
                            deck: deck.to_owned(),
                            hash,
                            tables: form.tables,
                            deal: form.deal,
                        });
                        notice.0 = Some(lang.t(Key::Connecting).to_owned());
                    }
                    None => notice.0 = Some(lang.t(Key::ChooseDeckFirst).to_owned()),
                }
            }
            WorkshopAction::SubmitCode { code, name } => match normalize_room_code(code) {
                None => notice.0 = Some(lang.t(Key::BadRoomCode).to_owned()),
                Some(room) => {
                    join.room = Some(room.clone());
                    join.name = name.as_deref().and_then(crate::protocol::clean_name);
                    join.tables = None;
                    link.close();
                    match store.seat(&room) {
                        // This browser already sits at a table of this room: back to it.
                        Some(seat) => link.open(vec![ClientMsg::Join {
                            room,
                            table: seat.table,
                            name: join.name.clone(),
                            player: Some(seat.token),
                        }]),
                        None => link.open(vec![ClientMsg::Peek { room }]),
                    }
                    // With no network when the page started, it tries anyway (the network
                    // may be back) but keeps saying why it may not get through.
                    let key = if *availability == Availability::Offline {
                        Key::WorkshopOffline
                    } else {
                        Key::Connecting
                    };
                    notice.0 = Some(lang.t(key).to_owned());
                    next.set(Screen::Join);
                }
            },
            WorkshopAction::JoinTable(table) => {
                if let Some(room) = join.room.clone() {
                    link.send(ClientMsg::Join {
                        room,
                        table: *table,
                        name: join.name.clone(),
                        player: None,
                    });
                }
            }
            WorkshopAction::Command(command) => link.send(ClientMsg::Command {
                command: command.clone(),
            }),
            WorkshopAction::Spotlight(table) => {
                let Some(w) = workshop.as_deref_mut() else {
                    continue;
                };
                w.spotlight = *table;
                match table.and_then(|t| w.tables.get(&t)) {
                    Some(view) => {
                        commands.insert_resource(NextSession(Session::new(
                            w.deck_file.clone(),
                            view.game.view().clone(),
                        )));
                        next.set(Screen::Play);
                    }
                    None => next.set(Screen::Console),
                }
            }
            WorkshopAction::OpenDebrief => next.set(Screen::Debrief),
            WorkshopAction::Leave => {
                if let Some(w) = workshop.as_deref()
                    && let Role::Player { .. } = w.role
                    && w.info.ended
                {
                    store.set_seat(&w.info.room, None);
                }
                link.close();
                commands.remove_resource::<Workshop>();
                commands.remove_resource::<SharedPlay>();
                commands.insert_resource(PlayControls::default());
                *join = JoinState::default();
                next.set(Screen::Title);
            }
        }
    }
}

/// The moves of the play screen, while in a workshop: proposed to the table shown (a player's
/// own), or, for the facilitator looking at a table, its check and solution as commands.
fn relay_player_actions(
    mut actions: MessageReader<PlayerAction>,
    workshop: Option<ResMut<Workshop>>,
    session: Option<ResMut<Session>>,
    mut link: ResMut<Link>,
    mut events: MessageWriter<GameEvent>,
    mut rejected: MessageWriter<ActionRejected>,
) {
    let (Some(mut workshop), Some(mut session)) = (workshop, session) else {
        actions.clear();
        return;
    };
    let shown = workshop.shown_table();
    for PlayerAction(action) in actions.read() {
        let reject = |refusal: Refusal, rejected: &mut MessageWriter<ActionRejected>| {
            rejected.write(ActionRejected {
                action: action.clone(),
                refusal,
            });
        };
        if let Role::Facilitator { .. } = workshop.role {
            let table = shown;
            match action {
                Action::Check => link.send(ClientMsg::Command {
                    command: Command::Check { table },
                }),
                Action::ShowSolution => link.send(ClientMsg::Command {
                    command: Command::ShowSolution { table },
                }),
                _ => reject(Refusal::Following, &mut rejected),
            }
            continue;
        }
        let own = workshop.own_table();
        if shown != own {
            reject(Refusal::Following, &mut rejected);
            continue;
        }
        if matches!(
            action,
            Action::RevealNextLot | Action::RestartRound | Action::GoToRound(_) | Action::Finish
        ) {
            reject(Refusal::FacilitatorOnly, &mut rejected);
            continue;
        }
        let Some(view) = own.and_then(|t| workshop.tables.get_mut(&t)) else {
            reject(Refusal::NotSeated, &mut rejected);
            continue;
        };
        if view.locked {
            reject(Refusal::Locked, &mut rejected);
            continue;
        }
        match view.game.propose(action.clone()) {
            Ok((applied, msg)) => {
                link.send(msg);
                session.game = view.game.view().clone();
                events.write_batch(applied.into_iter().map(GameEvent));
            }
            Err(error) => reject(Refusal::Rule(error), &mut rejected),
        }
    }
}

fn table_view(
    deck: &Arc<Deck>,
    state: &TableState,
    player: Option<u32>,
    last_id: u64,
) -> Option<TableView> {
    let game = SharedGame::from_state(Arc::clone(deck), state, player, last_id).ok()?;
    let owners = state.owners.iter().cloned().collect();
    Some(TableView {
        game,
        seats: state.seats.clone(),
        locked: state.locked,
        owners,
    })
}

/// Server messages, in order.
fn handle_server_messages(
    mut link: ResMut<Link>,
    mut workshop: Option<ResMut<Workshop>>,
    mut session: Option<ResMut<Session>>,
    mut join: ResMut<JoinState>,
    mut notice: ResMut<WorkshopNotice>,
    mut store: ResMut<WorkshopStore>,
    mut next: ResMut<NextState<Screen>>,
    screen: Res<State<Screen>>,
    catalog: Res<DeckCatalog>,
    lang: Res<Lang>,
    mut events: MessageWriter<GameEvent>,
    mut rejected: MessageWriter<ActionRejected>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
    mut commands: Commands,
) {
    let deck_of = |file: &str| {
        catalog
            .entries
            .iter()
            .find(|e| e.manifest_name() == file)
            .and_then(|e| e.deck().map(|d| (Arc::clone(d), e.file.clone())))
    };
    if !link.inbox.is_empty() {
        // A message may open another screen: that happens in the next frame.
        redraw.write(bevy::window::RequestRedraw);
    }
    while let Some(msg) = link.inbox.pop_front() {
        // The title comes before the decks are in: a room whose deck is still loading waits
        // for it (a reload rejoins the room in the first frames).
        let deck_loading = match &msg {
            ServerMsg::Hosting { info, .. } | ServerMsg::Seated { info, .. } => {
                !catalog.is_settled() && deck_of(&info.deck).is_none()
            }
            _ => false,
        };
        if deck_loading {
            link.inbox.push_front(msg);
            redraw.write(bevy::window::RequestRedraw);
            break;
        }
        // A message that creates the workshop's state ends this frame's batch: the next
        // messages need it in place (it is inserted when this system's commands apply).
        let creates = matches!(msg, ServerMsg::Hosting { .. })
            || matches!(&msg, ServerMsg::Seated { player, state, .. }
                if workshop.as_deref().is_none_or(|w| w.role != (Role::Player { player: *player, table: state.table })));
        if creates && !link.inbox.is_empty() {
            redraw.write(bevy::window::RequestRedraw);
        }
        match msg {
            ServerMsg::Welcome { now_ms: server, .. } => {
                let offset = server as i64 - now_ms() as i64;
                if let Some(w) = workshop.as_deref_mut() {
                    w.clock_offset_ms = offset;
                }
                commands.insert_resource(ClockOffset(offset));
            }
            ServerMsg::Pong { .. } => {}
            ServerMsg::Error { code, message } => {
                warn!("workshop: {code:?}: {message}");
                let key = match code {
                    ErrorCode::Protocol | ErrorCode::DeckMismatch => {
                        link.wanted = false;
                        Key::WorkshopReload
                    }
                    ErrorCode::UnknownRoom => {
                        if workshop.as_deref().is_some_and(Workshop::is_facilitator)
                            || store.hosted.is_some() && *screen.get() == Screen::Title
                        {
                            store.set_hosted(None);
                        }
                        if let Some(room) = &join.room {
                            store.set_seat(room, None);
                        }
                        link.wanted = false;
                        Key::UnknownRoom
                    }
                    ErrorCode::WrongSecret => {
                        store.set_hosted(None);
                        link.wanted = false;
                        Key::WrongSecret
                    }
                    ErrorCode::TableFull => Key::TableFull,
                    ErrorCode::RoomFull | ErrorCode::ServerFull => Key::WorkshopFull,
                    ErrorCode::RateLimited => Key::RateLimited,
                    ErrorCode::UnknownDeck => Key::UnknownDeckOnServer,
                    _ => Key::WorkshopError,
                };
                notice.0 = Some(lang.t(key).to_owned());
            }
            ServerMsg::Created { room, secret } => {
                store.set_hosted(Some(HostedRoom {
                    room: room.clone(),
                    secret: secret.clone(),
                }));
                link.on_connect = vec![ClientMsg::Host { room, secret }];
            }
            ServerMsg::Hosting { info, tables } => {
                notice.0 = None;
                let Some((deck, deck_file)) = deck_of(&info.deck) else {
                    notice.0 = Some(lang.t(Key::UnknownDeckOnServer).to_owned());
                    link.wanted = false;
                    continue;
                };
                let secret = store
                    .hosted
                    .as_ref()
                    .map(|h| h.secret.clone())
                    .unwrap_or_default();
                crate::web::replace_address_param("host", &info.room);
                let tables = tables
                    .iter()
                    .filter_map(|s| Some((s.table, table_view(&deck, s, None, 0)?)))
                    .collect();
                let spotlight = workshop.as_deref().and_then(|w| w.spotlight);
                commands.insert_resource(Workshop {
                    info,
                    role: Role::Facilitator { secret },
                    deck,
                    deck_file,
                    tables,
                    clock_offset_ms: clock_offset(&workshop),
                    spotlight,
                });
                commands.insert_resource(SharedPlay);
                commands.insert_resource(WORKSHOP_CONTROLS);
                if !matches!(screen.get(), Screen::Play | Screen::Debrief) {
                    next.set(Screen::Console);
                }
            }
            ServerMsg::Tables { info, seats } => {
                notice.0 = None;
                join.tables = Some((info, seats));
            }
            ServerMsg::Seated {
                info,
                player,
                token,
                state,
                last_id,
            } => {
                notice.0 = None;
                let table = state.table;
                store.set_seat(
                    &info.room,
                    Some(HeldSeat {
                        token: token.clone(),
                        table,
                    }),
                );
                link.on_connect = vec![ClientMsg::Join {
                    room: info.room.clone(),
                    table,
                    name: join.name.clone(),
                    player: Some(token),
                }];
                // Back after a reconnection: the same game, with the moves made meanwhile.
                if let Some(w) = workshop.as_deref_mut()
                    && w.role == (Role::Player { player, table })
                    && w.tables.contains_key(&table)
                {
                    let shows_own = w.shown_table() == Some(table);
                    let Some(view) = w.tables.get_mut(&table) else {
                        continue;
                    };
                    if view.game.resync(&state, last_id).is_ok() {
                        view.seats = state.seats.clone();
                        view.locked = state.locked;
                        view.owners = state.owners.iter().cloned().collect();
                        for msg in view.game.resend() {
                            link.send(msg);
                        }
                        if let Some(s) = session.as_deref_mut()
                            && shows_own
                        {
                            s.game = view.game.view().clone();
                        }
                        w.info = info;
                    }
                    continue;
                }
                let Some((deck, deck_file)) = deck_of(&info.deck) else {
                    notice.0 = Some(lang.t(Key::UnknownDeckOnServer).to_owned());
                    link.wanted = false;
                    continue;
                };
                let Some(view) = table_view(&deck, &state, Some(player), last_id) else {
                    notice.0 = Some(lang.t(Key::WorkshopError).to_owned());
                    continue;
                };
                let game = view.game.view().clone();
                let ended = info.ended;
                commands.insert_resource(Workshop {
                    info,
                    role: Role::Player { player, table },
                    deck,
                    deck_file: deck_file.clone(),
                    tables: [(table, view)].into_iter().collect(),
                    clock_offset_ms: clock_offset(&workshop),
                    spotlight: None,
                });
                commands.insert_resource(SharedPlay);
                commands.insert_resource(WORKSHOP_CONTROLS);
                commands.insert_resource(NextSession(Session::new(deck_file, game)));
                next.set(if ended { Screen::Debrief } else { Screen::Play });
            }
            ServerMsg::Table { state } => {
                let Some(w) = workshop.as_deref_mut() else {
                    continue;
                };
                let table = state.table;
                let player = match w.role {
                    Role::Player { player, table: own } if own == table => Some(player),
                    _ => None,
                };
                if let Some(view) = w.tables.get_mut(&table)
                    && player.is_some()
                {
                    let _ = view.game.resync(&state, 0);
                } else if let Some(view) = table_view(&w.deck, &state, None, 0) {
                    w.tables.insert(table, view);
                }
                refresh_session(w, session.as_deref_mut());
            }
            ServerMsg::Applied { table, entry } => {
                let Some(w) = workshop.as_deref_mut() else {
                    continue;
                };
                let shown = w.shown_table();
                let Some(view) = w.tables.get_mut(&table) else {
                    continue;
                };
                match view.game.confirm(&entry) {
                    Ok(applied) => {
                        if shown == Some(table)
                            && let Some(s) = session.as_deref_mut()
                        {
                            s.game = view.game.view().clone();
                            events.write_batch(applied.into_iter().map(GameEvent));
                        }
                    }
                    Err(e) => {
                        // This copy drifted: ask for the whole table again.
                        warn!("workshop: table {table}: {e}");
                        let again = link.greeting();
                        for msg in again.into_iter().skip(1) {
                            link.send(msg);
                        }
                    }
                }
            }
            ServerMsg::Refused { id, refusal } => {
                let Some(w) = workshop.as_deref_mut() else {
                    continue;
                };
                let own = w.own_table();
                let shown = w.shown_table();
                if let Some(view) = own.and_then(|t| w.tables.get_mut(&t))
                    && let Some(action) = view.game.refuse(id)
                {
                    if shown == own
                        && let Some(s) = session.as_deref_mut()
                    {
                        s.game = view.game.view().clone();
                    }
                    rejected.write(ActionRejected { action, refusal });
                }
            }
            ServerMsg::Room { info } => {
                let Some(w) = workshop.as_deref_mut() else {
                    continue;
                };
                let was_debrief = w.info.follow == Some(Focus::Debrief);
                w.info = info;
                let debrief = w.info.follow == Some(Focus::Debrief);
                if !w.is_facilitator() {
                    if debrief && !was_debrief {
                        next.set(Screen::Debrief);
                    } else if !debrief && was_debrief && !w.info.ended {
                        if let Some(t) = w.own_table().and_then(|t| w.tables.get(&t)) {
                            commands.insert_resource(NextSession(Session::new(
                                w.deck_file.clone(),
                                t.game.view().clone(),
                            )));
                        }
                        next.set(Screen::Play);
                    }
                }
                refresh_session(w, session.as_deref_mut());
            }
            ServerMsg::Owners { table, owners } => {
                if let Some(view) = workshop
                    .as_deref_mut()
                    .and_then(|w| w.tables.get_mut(&table))
                {
                    view.owners = owners.into_iter().collect();
                }
            }
            ServerMsg::Seats {
                table,
                seats,
                locked,
            } => {
                if let Some(view) = workshop
                    .as_deref_mut()
                    .and_then(|w| w.tables.get_mut(&table))
                {
                    view.seats = seats;
                    view.locked = locked;
                }
            }
        }
        if creates {
            break;
        }
    }
}

/// The play screen shows the table it should (after following changes).
fn refresh_session(w: &Workshop, session: Option<&mut Session>) {
    if let (Some(session), Some(view)) = (session, w.shown_table().and_then(|t| w.tables.get(&t))) {
        let game = view.game.view();
        if session.game.round_index() != game.round_index()
            || session.game.board() != game.board()
            || session.game.phase() != game.phase()
        {
            session.game = game.clone();
        }
    }
}

/// The server clock's offset, as last measured.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct ClockOffset(pub i64);

fn clock_offset(workshop: &Option<ResMut<Workshop>>) -> i64 {
    workshop.as_deref().map_or(0, |w| w.clock_offset_ms)
}

/// While a workshop's timer runs, the screen updates every second (the countdown), focused or
/// not (a projector's window is seldom focused). Otherwise the game sleeps as in solo play:
/// server messages and the page's join form wake it when they come.
fn keep_awake_in_workshops(
    workshop: Option<Res<Workshop>>,
    mut was: Local<bool>,
    #[cfg(any(target_arch = "wasm32", feature = "desktop"))] mut settings: ResMut<
        bevy::winit::WinitSettings,
    >,
) {
    let now = workshop.is_some_and(|w| w.timer_running());
    if now == *was {
        return;
    }
    *was = now;
    #[cfg(any(target_arch = "wasm32", feature = "desktop"))]
    {
        use bevy::winit::UpdateMode;
        use std::time::Duration;
        *settings = if now {
            bevy::winit::WinitSettings {
                focused_mode: UpdateMode::reactive(Duration::from_secs(1)),
                unfocused_mode: UpdateMode::reactive(Duration::from_secs(1)),
            }
        } else {
            bevy::winit::WinitSettings {
                focused_mode: UpdateMode::reactive(Duration::from_secs(5)),
                unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
            }
        };
    }
}
