//! The bar at the top of the play screen: the deck and round, Check or Retry, Show solution,
//! the rounds of the parcours, zoom, Quit. Workshop players see only what they may do
//! ([`super::PlayControls`]).

use bevy::prelude::*;

use super::play;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{Action, Phase};
use crate::screens::Screen;
use crate::session::Session;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::layout::TOP_BAR_HEIGHT;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct TopBar;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        rebuild_top_bar
            .in_set(crate::AppSystems::Sync)
            .in_set(super::PlayViews),
    );
}

fn rebuild_top_bar(
    mut commands: Commands,
    session: Res<Session>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    controls: Res<crate::session::PlayControls>,
    bars: Query<Entity, With<TopBar>>,
    mut shown: Local<Option<String>>,
) {
    if !session.is_changed() && !lang.is_changed() && !controls.is_changed() {
        return;
    }
    // Rebuild only when what the bar shows changes: moves on the board (someone else's, in a
    // workshop) must not replace a button under a press.
    let game = &session.game;
    let key = format!(
        "{}|{}|{:?}|{}|{}|{:?}|{:?}",
        game.deck().id,
        game.round_index(),
        std::mem::discriminant(game.phase()),
        game.can_open(game.round_index() + 1),
        game.can_finish(),
        *controls,
        lang.0,
    );
    if shown.as_deref() == Some(key.as_str()) && !bars.is_empty() {
        return;
    }
    *shown = Some(key);
    for bar in &bars {
        commands.entity(bar).despawn();
    }
    let game = &session.game;
    let label = lang.f(
        Key::RoundLabel,
        &[
            ("n", &(game.round_index() + 1)),
            ("total", &game.deck().rounds.len()),
            ("title", &game.round().title),
        ],
    );
    let check = match game.phase() {
        Phase::Playing => widget::button(
            &fonts,
            lang.t(Key::Check),
            play(Action::Check),
            "check",
            ButtonColors::PRIMARY,
        ),
        Phase::Checked(_) | Phase::Solution(_) => widget::button(
            &fonts,
            lang.t(Key::Retry),
            play(Action::Retry),
            "retry",
            ButtonColors::PRIMARY,
        ),
    };
    let bar = commands
        .spawn((
            Name::new("Top bar"),
            TopBar,
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                top: px(0),
                left: px(0),
                right: px(0),
                height: px(TOP_BAR_HEIGHT),
                padding: UiRect::axes(px(14), px(8)),
                column_gap: px(8),
                align_items: AlignItems::Center,
                border: UiRect::bottom(px(1)),
                ..default()
            },
            BackgroundColor(palette::PANEL),
            BorderColor::all(palette::PANEL_EDGE),
            children![
                (
                    Node {
                        flex_grow: 1.0,
                        flex_shrink: 1.0,
                        // Below the texts' width: they are cut rather than pushing the buttons.
                        min_width: px(0),
                        flex_direction: FlexDirection::Column,
                        overflow: Overflow::clip(),
                        ..default()
                    },
                    Pickable::IGNORE,
                    // One line each, cut at the buttons: on a tablet (1024 px) the round's
                    // title is long and the buttons are many.
                    children![
                        (
                            widget::text(
                                &fonts,
                                game.deck().title.clone(),
                                13.0,
                                palette::INK_SOFT
                            ),
                            TextLayout::new(Justify::Left, LineBreak::NoWrap),
                        ),
                        (
                            widget::heading(&fonts, label, 18.0),
                            TextLayout::new(Justify::Left, LineBreak::NoWrap)
                        ),
                    ],
                ),
                check,
            ],
        ))
        .id();
    if matches!(game.phase(), Phase::Checked(_)) {
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::ShowSolution),
                play(Action::ShowSolution),
                "show-solution",
                ButtonColors::QUIET,
            ),
            ChildOf(bar),
        ));
    }
    // The parcours: back to an earlier round, on to the next one, or the summary.
    let index = game.round_index();
    if index > 0 && controls.rounds {
        commands.spawn((
            widget::button(
                &fonts,
                lang.f(Key::PrevRound, &[("n", &index)]),
                play(Action::GoToRound(index - 1)),
                "prev-round",
                ButtonColors::QUIET,
            ),
            ChildOf(bar),
        ));
    }
    if !controls.rounds {
        // A workshop: the facilitator moves everyone to the next round.
    } else if index + 1 < game.round_count() {
        if game.can_open(index + 1) {
            commands.spawn((
                widget::button(
                    &fonts,
                    lang.f(Key::NextRound, &[("n", &(index + 2))]),
                    play(Action::GoToRound(index + 1)),
                    "next-round",
                    ButtonColors::PRIMARY,
                ),
                ChildOf(bar),
            ));
        }
    } else if game.can_finish() {
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::Finish),
                play(Action::Finish),
                "finish",
                ButtonColors::PRIMARY,
            ),
            ChildOf(bar),
        ));
    }
    commands.entity(bar).with_children(|bar| {
        bar.spawn(widget::button(
            &fonts,
            "−",
            UiAction::ZoomOut,
            "zoom-out",
            ButtonColors::QUIET,
        ));
        bar.spawn(widget::button(
            &fonts,
            "+",
            UiAction::ZoomIn,
            "zoom-in",
            ButtonColors::QUIET,
        ));
        bar.spawn(widget::button(
            &fonts,
            lang.t(Key::ZoomReset),
            UiAction::ZoomReset,
            "zoom-reset",
            ButtonColors::QUIET,
        ));
        // In a workshop the strip under the bar has the way out (the console, or leaving).
        if !controls.in_workshop {
            bar.spawn(widget::button(
                &fonts,
                lang.t(Key::Quit),
                UiAction::Quit,
                "quit",
                ButtonColors::QUIET,
            ));
        }
    });
}
