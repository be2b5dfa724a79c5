//! The end of a parcours: for each round what was right, the misconceptions met with the
//! deck's corrections, and the sources of the cards played. From here players review a round
//! (its feedback is kept), play the whole deck again, or quit.

use bevy::prelude::*;

use super::Screen;
use super::play::play;
use crate::AppSystems;
use crate::feedback::{misconception_text, report_summary, source_line};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::Action;
use crate::session::Session;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::scroll::ScrollWithWheel;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct SummaryOverlay;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        sync_summary
            .in_set(AppSystems::Sync)
            .in_set(crate::screens::flow::PlayViews),
    );
}

fn sync_summary(
    mut commands: Commands,
    session: Res<Session>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    overlays: Query<Entity, With<SummaryOverlay>>,
) {
    if !session.is_changed() && !lang.is_changed() {
        return;
    }
    for entity in &overlays {
        commands.entity(entity).despawn();
    }
    let game = &session.game;
    if !game.is_finished() {
        return;
    }
    let summary = game.summary();
    let overlay = commands
        .spawn((
            Name::new("Summary"),
            SummaryOverlay,
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
            GlobalZIndex(60),
        ))
        .id();
    let panel = commands
        .spawn((
            widget::panel(Node {
                width: px(760),
                max_width: percent(94),
                max_height: percent(92),
                overflow: Overflow::scroll_y(),
                ..default()
            }),
            ScrollWithWheel,
            ChildOf(overlay),
        ))
        .id();
    let put = |commands: &mut Commands, bundle: Box<dyn FnOnce(&mut Commands) -> Entity>| {
        let child = bundle(commands);
        commands.entity(child).insert(ChildOf(panel));
    };
    let f = &fonts;
    let text = |s: String, size: f32, color: Color| -> Box<dyn FnOnce(&mut Commands) -> Entity> {
        let bundle = widget::text(f, s, size, color);
        Box::new(move |c: &mut Commands| c.spawn(bundle).id())
    };
    let heading = |s: String, size: f32| -> Box<dyn FnOnce(&mut Commands) -> Entity> {
        let bundle = widget::heading(f, s, size);
        Box::new(move |c: &mut Commands| c.spawn(bundle).id())
    };
    let mut add = |b| put(&mut commands, b);
    add(text(game.deck().title.clone(), 15.0, palette::INK_SOFT));
    add(heading(lang.t(Key::SummaryTitle).to_owned(), 28.0));
    for round in &summary.rounds {
        add(heading(
            lang.f(
                Key::SummaryRound,
                &[("n", &(round.index + 1)), ("title", &round.title)],
            ),
            19.0,
        ));
        let kind = &game.deck().rounds[round.index].kind;
        match &round.report {
            Some(report) => {
                let mut line = report_summary(lang.0, kind, report);
                if report.is_perfect() {
                    line = format!("✓ {line}");
                }
                add(text(line, 15.0, palette::INK));
                add(text(
                    lang.f(Key::Checks, &[("n", &round.checks)]),
                    13.0,
                    palette::INK_SOFT,
                ));
            }
            None => add(text(
                lang.t(Key::NotChecked).to_owned(),
                15.0,
                palette::INK_SOFT,
            )),
        }
        if !round.misconceptions.is_empty() {
            add(heading(lang.t(Key::MisconceptionsMet).to_owned(), 15.0));
        }
        for m in &round.misconceptions {
            let (what, why) = misconception_text(game, round.index, m);
            add(text(format!("✗ {what}"), 14.0, palette::WRONG));
            add(text(why, 14.0, palette::INK));
        }
        let button = widget::button(
            f,
            lang.f(Key::ReviewRound, &[("n", &(round.index + 1))]),
            play(Action::GoToRound(round.index)),
            format!("review-round-{}", round.index + 1),
            ButtonColors::QUIET,
        );
        add(Box::new(move |c: &mut Commands| c.spawn(button).id()));
    }
    if summary.rounds.iter().all(|r| r.misconceptions.is_empty()) {
        add(text(
            lang.t(Key::NoMisconception).to_owned(),
            14.0,
            palette::INK_SOFT,
        ));
    }
    add(heading(lang.t(Key::Sources).to_owned(), 17.0));
    for source in &summary.sources {
        add(text(source_line(source), 12.5, palette::INK_SOFT));
    }
    let buttons = (
        Node {
            column_gap: px(10),
            margin: UiRect::top(px(8)),
            ..default()
        },
        children![
            widget::button(
                f,
                lang.t(Key::PlayAgain),
                UiAction::StartDeck(session.file.clone()),
                "play-again",
                ButtonColors::PRIMARY,
            ),
            widget::button(
                f,
                lang.t(Key::Quit),
                UiAction::Quit,
                "quit-summary",
                ButtonColors::QUIET
            ),
        ],
    );
    add(Box::new(move |c: &mut Commands| c.spawn(buttons).id()));
}
