//! The round's instructions, shown over the board when a round opens for the first time
//! (not over a board that opens checked, nor over a resumed game); "Start" (or moving to
//! another round) closes them.

use bevy::prelude::*;

use crate::feedback::hint_key;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{Action, Event};
use crate::screens::Screen;
use crate::session::GameEvent;
use crate::session::Session;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct IntroOverlay;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Play),
        intro_on_enter.after(crate::screens::flow::EnterPlay),
    )
    .add_systems(
        Update,
        (
            close_intro.in_set(crate::AppSystems::Input),
            intro_for_new_round.in_set(crate::AppSystems::Sync),
        )
            .in_set(super::PlayViews),
    );
}

fn close_intro(
    mut ui_actions: MessageReader<UiAction>,
    intros: Query<Entity, With<IntroOverlay>>,
    mut commands: Commands,
) {
    for action in ui_actions.read() {
        if matches!(
            action,
            UiAction::CloseIntro | UiAction::Play(Action::GoToRound(_))
        ) {
            for intro in &intros {
                commands.entity(intro).despawn();
            }
        }
    }
}

/// Opening a round that has not been played yet shows its instructions.
fn intro_for_new_round(
    mut events: MessageReader<GameEvent>,
    commands: Commands,
    session: Res<Session>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
) {
    let opened = events
        .read()
        .any(|GameEvent(e)| matches!(e, Event::RoundOpened { .. }));
    if opened && session.game.checks() == 0 && session.game.board().placed().is_empty() {
        spawn_intro(commands, session, fonts, lang);
    }
}

/// Opening the play screen shows the round's instructions, except over a board opened checked
/// (an exported board opened again: it is looked at, not started) or a game resumed after a
/// reload (it goes on where it was).
fn intro_on_enter(commands: Commands, session: Res<Session>, fonts: Res<UiFonts>, lang: Res<Lang>) {
    if session.game.report().is_none() && session.log.is_empty() {
        spawn_intro(commands, session, fonts, lang);
    }
}

fn spawn_intro(
    mut commands: Commands,
    session: Res<Session>,
    fonts: Res<UiFonts>,
    lang: Res<Lang>,
) {
    let round = session.game.round();
    let progress = lang.f(
        Key::RoundProgress,
        &[
            ("n", &(session.game.round_index() + 1)),
            ("total", &session.game.round_count()),
        ],
    );
    commands.spawn((
        Name::new("Round instructions"),
        IntroOverlay,
        DespawnOnExit(Screen::Play),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            ..default()
        },
        BackgroundColor(palette::OVERLAY),
        GlobalZIndex(50),
        children![(
            widget::panel(Node {
                width: px(640),
                max_width: percent(92),
                ..default()
            }),
            children![
                widget::text(
                    &fonts,
                    format!("{} · {progress}", session.game.deck().title),
                    16.0,
                    palette::INK_SOFT
                ),
                widget::heading(&fonts, round.title.clone(), 28.0),
                widget::heading(&fonts, lang.t(Key::Instructions), 18.0),
                widget::text(&fonts, round.intro.clone(), 17.0, palette::INK),
                widget::text(
                    &fonts,
                    lang.t(hint_key(&round.kind)),
                    15.0,
                    palette::INK_SOFT
                ),
                (
                    Node {
                        align_self: AlignSelf::FlexEnd,
                        ..default()
                    },
                    Pickable::IGNORE,
                    children![widget::button(
                        &fonts,
                        lang.t(Key::Start),
                        UiAction::CloseIntro,
                        "start",
                        ButtonColors::PRIMARY,
                    )],
                ),
            ],
        )],
    ));
}
