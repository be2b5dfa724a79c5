//! The game's workshop client, headless: the whole game (views included) with the network
//! replaced by its seam (the link's outbox and inbox). Server messages come in as the server
//! sends them; the moves of the play screen must go out as proposals, show at once, and
//! come back confirmed or refused; the others' moves must reach the views as `GameEvent`s.

use bevy::prelude::*;
use fresque::protocol::{
    Actor, ClientMsg, DealMode, Entry, Focus, PROTOCOL_VERSION, Refusal, RoomInfo, Seat, ServerMsg,
    TableState, Timer,
};
use fresque::rules::{Action, CardId, Event, Pos};
use fresque::screens::flow::Screen;
use fresque::session::{ActionRejected, GameEvent, PlayControls, PlayerAction, Session};
use fresque::workshop::link::Link;
use fresque::workshop::{Availability, Role, Workshop};

use crate::app::{game_with_decks, screen, update_until};

/// Messages of the action path, recorded for the test.
#[derive(Resource, Default)]
struct Seen {
    events: Vec<Event>,
    rejected: Vec<ActionRejected>,
}

fn record(
    mut events: MessageReader<GameEvent>,
    mut rejected: MessageReader<ActionRejected>,
    mut seen: ResMut<Seen>,
) {
    seen.events.extend(events.read().map(|e| e.0.clone()));
    seen.rejected.extend(rejected.read().cloned());
}

fn info(ended: bool, follow: Option<Focus>) -> RoomInfo {
    RoomInfo {
        room: "K7M-4QX".into(),
        deck: "valid.fr.ron".into(),
        hash: "0".into(),
        tables: 2,
        deal: DealMode::Players,
        timer: Timer::Off,
        follow,
        ended,
    }
}

fn seats() -> Vec<Seat> {
    vec![
        Seat {
            player: 1,
            name: Some("Léa".into()),
            online: true,
        },
        Seat {
            player: 2,
            name: Some("Tom".into()),
            online: true,
        },
    ]
}

fn table(n: u8, log: Vec<Entry>, locked: bool) -> TableState {
    TableState {
        table: n,
        log,
        locked,
        seats: seats(),
        owners: Vec::new(),
    }
}

fn push(app: &mut App, msg: ServerMsg) {
    app.world_mut().resource_mut::<Link>().inbox.push_back(msg);
    for _ in 0..3 {
        app.update();
    }
}

fn act(app: &mut App, action: Action) {
    app.world_mut().write_message(PlayerAction(action));
    for _ in 0..2 {
        app.update();
    }
}

fn sent(app: &mut App) -> Vec<ClientMsg> {
    app.world_mut()
        .resource_mut::<Link>()
        .outbox
        .drain(..)
        .collect()
}

fn placed(app: &App, card: &str) -> Option<Pos> {
    app.world()
        .resource::<Session>()
        .game
        .board()
        .position(&CardId::new(card))
}

/// A game seated as player 1 at table 1 of a room of the fixture deck.
fn seated() -> App {
    let mut app = game_with_decks("workshop-client", &["valid.fr.ron"]);
    app.init_resource::<Seen>().add_systems(Last, record);
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    app.insert_resource(Availability::Available);
    push(
        &mut app,
        ServerMsg::Welcome {
            protocol: PROTOCOL_VERSION,
            now_ms: 0,
        },
    );
    push(
        &mut app,
        ServerMsg::Seated {
            info: info(false, None),
            player: 1,
            token: "t0k3n".into(),
            state: table(1, Vec::new(), false),
            last_id: 0,
        },
    );
    update_until(&mut app, "the play screen", |w| {
        screen(w) == Screen::Play && w.contains_resource::<Session>()
    });
    app
}

fn entry(seq: u64, action: Action, actor: Actor, id: Option<u64>) -> Entry {
    Entry {
        seq,
        action,
        actor,
        id,
    }
}

#[test]
fn a_seat_opens_the_table_with_the_workshop_controls() {
    let app = seated();
    let w = app.world().resource::<Workshop>();
    assert_eq!(
        w.role,
        Role::Player {
            player: 1,
            table: 1
        }
    );
    let controls = *app.world().resource::<PlayControls>();
    assert!(!controls.deal_lots && !controls.rounds && !controls.restart && controls.in_workshop);
}

#[test]
fn a_move_shows_at_once_goes_out_and_stays_when_confirmed() {
    let mut app = seated();
    let at = Pos::new(-200.0, 50.0);
    act(
        &mut app,
        Action::PlaceCard {
            card: CardId::new("adoption"),
            at,
        },
    );
    assert_eq!(placed(&app, "adoption"), Some(at), "shown at once");
    let out = sent(&mut app);
    assert!(
        matches!(&out[..], [ClientMsg::Act { id: 1, base: 0, .. }]),
        "{out:?}"
    );
    assert!(
        app.world()
            .resource::<Seen>()
            .events
            .iter()
            .any(|e| matches!(e, Event::CardPlaced { .. }))
    );
    push(
        &mut app,
        ServerMsg::Applied {
            table: 1,
            entry: entry(
                1,
                Action::PlaceCard {
                    card: CardId::new("adoption"),
                    at,
                },
                Actor::Player(1),
                Some(1),
            ),
        },
    );
    assert_eq!(placed(&app, "adoption"), Some(at));
    // Someone else moves it: the views get the move as a game event.
    let to = Pos::new(400.0, -100.0);
    app.world_mut().resource_mut::<Seen>().events.clear();
    push(
        &mut app,
        ServerMsg::Applied {
            table: 1,
            entry: entry(
                2,
                Action::MoveCard {
                    card: CardId::new("adoption"),
                    to,
                },
                Actor::Player(2),
                Some(1),
            ),
        },
    );
    assert_eq!(placed(&app, "adoption"), Some(to));
    assert!(matches!(
        app.world().resource::<Seen>().events.as_slice(),
        [Event::CardMoved { .. }]
    ));
}

#[test]
fn a_refused_move_goes_back_with_its_reason() {
    let mut app = seated();
    act(
        &mut app,
        Action::PlaceCard {
            card: CardId::new("adoption"),
            at: Pos::new(0.0, 0.0),
        },
    );
    sent(&mut app);
    push(
        &mut app,
        ServerMsg::Refused {
            id: 1,
            refusal: Refusal::Conflict,
        },
    );
    assert_eq!(placed(&app, "adoption"), None);
    let rejected = &app.world().resource::<Seen>().rejected;
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].refusal, Refusal::Conflict);
}

#[test]
fn a_locked_board_and_the_facilitators_moves_are_refused_here_without_sending() {
    let mut app = seated();
    act(&mut app, Action::RevealNextLot);
    push(
        &mut app,
        ServerMsg::Seats {
            table: 1,
            seats: seats(),
            locked: true,
        },
    );
    act(
        &mut app,
        Action::PlaceCard {
            card: CardId::new("adoption"),
            at: Pos::new(0.0, 0.0),
        },
    );
    assert_eq!(sent(&mut app), vec![]);
    let refusals: Vec<Refusal> = app
        .world()
        .resource::<Seen>()
        .rejected
        .iter()
        .map(|r| r.refusal.clone())
        .collect();
    assert_eq!(refusals, vec![Refusal::FacilitatorOnly, Refusal::Locked]);
}

#[test]
fn following_a_table_shows_it_read_only_and_the_end_opens_the_debrief() {
    let mut app = seated();
    // The facilitator shows table 2, where a card was placed.
    let at = Pos::new(100.0, 100.0);
    push(
        &mut app,
        ServerMsg::Table {
            state: table(
                2,
                vec![entry(
                    1,
                    Action::PlaceCard {
                        card: CardId::new("adoption"),
                        at,
                    },
                    Actor::Player(2),
                    Some(1),
                )],
                false,
            ),
        },
    );
    push(
        &mut app,
        ServerMsg::Room {
            info: info(false, Some(Focus::Table(2))),
        },
    );
    assert_eq!(placed(&app, "adoption"), Some(at), "table 2 is shown");
    act(
        &mut app,
        Action::MoveCard {
            card: CardId::new("adoption"),
            to: Pos::new(0.0, 0.0),
        },
    );
    assert_eq!(sent(&mut app), vec![], "no move on a followed table");
    // Given back: the player's own (empty) table again.
    push(
        &mut app,
        ServerMsg::Room {
            info: info(false, None),
        },
    );
    assert_eq!(placed(&app, "adoption"), None);
    // The end: everyone on the debrief.
    push(
        &mut app,
        ServerMsg::Room {
            info: info(true, Some(Focus::Debrief)),
        },
    );
    update_until(&mut app, "the debrief", |w| screen(w) == Screen::Debrief);
}

/// Builds every workshop screen headless (a view that cannot be spawned fails here, not only
/// in the browser) and checks each offers its controls.
#[test]
fn every_workshop_screen_is_built() {
    use crate::app::{controls, send};
    use fresque::ui_action::{UiAction, WorkshopAction};
    let mut app = game_with_decks("workshop-screens", &["valid.fr.ron"]);
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    app.insert_resource(Availability::Available);
    for _ in 0..3 {
        app.update();
    }
    let ids = controls(app.world_mut());
    assert!(ids.contains(&"workshop-host".to_owned()), "{ids:?}");
    assert!(ids.contains(&"workshop-join".to_owned()));

    send(&mut app, UiAction::Workshop(WorkshopAction::OpenHost));
    update_until(&mut app, "the host screen", |w| screen(w) == Screen::Host);
    for _ in 0..3 {
        app.update();
    }
    let ids = controls(app.world_mut());
    assert!(ids.contains(&"host-deck:exemple".to_owned()), "{ids:?}");
    assert!(ids.contains(&"host-create".to_owned()));

    send(&mut app, UiAction::OpenTitle);
    send(&mut app, UiAction::Workshop(WorkshopAction::OpenJoin));
    update_until(&mut app, "the code screen", |w| {
        screen(w) == Screen::JoinCode
    });
    send(
        &mut app,
        UiAction::Workshop(WorkshopAction::SubmitCode {
            code: "k7m4qx".into(),
            name: Some("Léa".into()),
        }),
    );
    update_until(&mut app, "the tables screen", |w| screen(w) == Screen::Join);
    assert!(matches!(
        app.world().resource::<Link>().on_connect.as_slice(),
        [ClientMsg::Peek { room }] if room == "K7M-4QX"
    ));
    push(
        &mut app,
        ServerMsg::Tables {
            info: info(false, None),
            seats: vec![seats(), Vec::new()],
        },
    );
    let ids = controls(app.world_mut());
    assert!(
        ids.contains(&"table-1".to_owned()) && ids.contains(&"table-2".to_owned()),
        "{ids:?}"
    );

    // The facilitator's console and the debrief.
    push(
        &mut app,
        ServerMsg::Hosting {
            info: info(false, None),
            tables: vec![table(1, Vec::new(), false), table(2, Vec::new(), true)],
        },
    );
    update_until(&mut app, "the console", |w| screen(w) == Screen::Console);
    for _ in 0..3 {
        app.update();
    }
    let ids = controls(app.world_mut());
    for id in [
        "deal-lot",
        "lock-all",
        "timer-5",
        "view-table-2",
        "follow-table-1",
        "end",
    ] {
        assert!(ids.contains(&id.to_owned()), "{id} in {ids:?}");
    }
    send(
        &mut app,
        UiAction::Workshop(WorkshopAction::Spotlight(Some(2))),
    );
    update_until(&mut app, "table 2 on the play screen", |w| {
        screen(w) == Screen::Play && w.contains_resource::<Session>()
    });
    for _ in 0..3 {
        app.update();
    }
    assert!(controls(app.world_mut()).contains(&"back-to-console".to_owned()));
    send(&mut app, UiAction::Workshop(WorkshopAction::OpenDebrief));
    update_until(&mut app, "the debrief", |w| screen(w) == Screen::Debrief);
    for _ in 0..3 {
        app.update();
    }
    assert!(controls(app.world_mut()).contains(&"back-to-console".to_owned()));
}
