//! The side panel: the card under the pointer or chosen (its face; after a check its back and
//! sources), an arrow's verdict, the arrow being drawn by choosing two cards, the check's
//! report ([`super::report`]), or the round's instructions.

use bevy::prelude::*;

use super::play;
use crate::feedback::{hint_key, link_label, source_line, verdict_reason, verdict_style};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::Action;
use crate::screens::Screen;
use crate::session::Session;
use crate::table::Selection;
use crate::theme::font::UiFonts;
use crate::theme::interaction::ButtonColors;
use crate::theme::layout::{PANEL_WIDTH, TOP_BAR_HEIGHT};
use crate::theme::scroll::ScrollWithWheel;
use crate::theme::{palette, widget};
use crate::ui_action::UiAction;

#[derive(Component)]
struct SidePanel;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        rebuild_side_panel
            .in_set(crate::AppSystems::Sync)
            .in_set(super::PlayViews),
    );
}

fn rebuild_side_panel(
    mut commands: Commands,
    session: Res<Session>,
    selection: Res<Selection>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    controls: Res<crate::session::PlayControls>,
    panels: Query<Entity, With<SidePanel>>,
    mut shown: Local<Option<String>>,
) {
    if !session.is_changed()
        && !selection.is_changed()
        && !lang.is_changed()
        && !controls.is_changed()
    {
        return;
    }
    // Rebuild only when what the panel shows changes (not for every move on the board). The
    // card under the pointer counts only when it is shown: rebuilding the panel as the pointer
    // leaves a chosen card for the panel's buttons would swap a button under the press.
    let game = &session.game;
    let previewed = selection
        .hovered
        .as_ref()
        .filter(|_| selection.card.is_none() && game.report().is_none());
    let key = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{}|{}|{:?}|{}|{}|{:?}|{:?}",
        selection.card,
        previewed,
        selection.link,
        selection.linking_from,
        selection.moving,
        game.round_index(),
        game.checks(),
        std::mem::discriminant(game.phase()),
        selection
            .card
            .as_ref()
            .is_some_and(|c| game.board().is_placed(c)),
        game.deck().id,
        *controls,
        lang.0,
    );
    if shown.as_deref() == Some(key.as_str()) && !panels.is_empty() {
        return;
    }
    *shown = Some(key);
    for panel in &panels {
        commands.entity(panel).despawn();
    }
    let panel = commands
        .spawn((
            Name::new("Side panel"),
            SidePanel,
            DespawnOnExit(Screen::Play),
            Node {
                position_type: PositionType::Absolute,
                top: px(TOP_BAR_HEIGHT),
                right: px(0),
                bottom: px(0),
                width: px(PANEL_WIDTH),
                flex_direction: FlexDirection::Column,
                padding: px(16).all(),
                row_gap: px(10),
                border: UiRect::left(px(1)),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            BackgroundColor(palette::PANEL),
            BorderColor::all(palette::PANEL_EDGE),
            ScrollWithWheel,
        ))
        .id();
    let game = &session.game;
    let checked = game.report().is_some();

    if let Some(from) = &selection.linking_from {
        let from_title = game
            .deck()
            .card(from)
            .map_or(String::new(), |c| c.title.clone());
        commands.spawn((
            widget::panel_with_edge(Node::default(), palette::CARD_SELECTED),
            ChildOf(panel),
            children![
                widget::heading(&fonts, format!("{from_title} →"), 16.0),
                widget::text(&fonts, lang.t(Key::LinkPick), 15.0, palette::INK),
                widget::button(
                    &fonts,
                    lang.t(Key::Cancel),
                    UiAction::CancelLink,
                    "cancel-link",
                    ButtonColors::QUIET,
                ),
            ],
        ));
    }

    if let Some(card) = &selection.moving {
        let title = game
            .deck()
            .card(card)
            .map_or(String::new(), |c| c.title.clone());
        commands.spawn((
            widget::panel_with_edge(Node::default(), palette::CARD_SELECTED),
            ChildOf(panel),
            children![
                widget::heading(&fonts, title, 16.0),
                widget::text(&fonts, lang.t(Key::MovePick), 15.0, palette::INK),
                widget::button(
                    &fonts,
                    lang.t(Key::Cancel),
                    UiAction::CancelMove,
                    "cancel-move",
                    ButtonColors::QUIET,
                ),
            ],
        ));
    }

    if let (Some(link), Some(report)) = (&selection.link, game.report())
        && let Some(verdict) = report.verdict(link)
    {
        let (label, tone) = verdict_style(lang.0, verdict);
        let color = palette::tone(tone);
        let title = link_label(&session.game, link);
        let reason = verdict_reason(lang.0, verdict);
        commands.spawn((widget::heading(&fonts, title, 18.0), ChildOf(panel)));
        commands.spawn((
            Text::new(label),
            fonts.bold(17.0),
            TextColor(color),
            Pickable::IGNORE,
            ChildOf(panel),
        ));
        commands.spawn((
            widget::text(&fonts, reason, 15.0, palette::INK),
            ChildOf(panel),
        ));
        commands.spawn((
            widget::button(
                &fonts,
                lang.t(Key::Close),
                UiAction::CloseInspector,
                "close-inspector",
                ButtonColors::QUIET,
            ),
            ChildOf(panel),
        ));
        return;
    }

    // Hovering previews a card while playing; after a check the feedback stays in view and a
    // click opens a card (its back and sources).
    let hovered = selection.hovered.as_ref().filter(|_| !checked);
    let shown_card = selection
        .card
        .as_ref()
        .or(hovered)
        .and_then(|id| game.deck().card(id));
    if let Some(card) = shown_card {
        commands.spawn((
            widget::heading(&fonts, card.title.clone(), 22.0),
            ChildOf(panel),
        ));
        commands.spawn((
            widget::text(&fonts, card.face.clone(), 17.0, palette::INK),
            ChildOf(panel),
        ));
        if checked {
            commands.spawn((
                widget::heading(&fonts, lang.t(Key::CardBack), 16.0),
                ChildOf(panel),
            ));
            commands.spawn((
                widget::text(&fonts, card.back.clone(), 15.0, palette::INK),
                ChildOf(panel),
            ));
            commands.spawn((
                widget::heading(&fonts, lang.t(Key::Sources), 14.0),
                ChildOf(panel),
            ));
            for source_id in &card.sources {
                let line = game
                    .deck()
                    .source(source_id)
                    .map_or_else(|| source_id.clone(), source_line);
                commands.spawn((
                    widget::text(&fonts, line, 12.5, palette::INK_SOFT),
                    ChildOf(panel),
                ));
            }
        }
        if selection.card.as_ref() == Some(&card.id) {
            let on_board = game.board().is_placed(&card.id);
            if on_board && !checked {
                commands.spawn((
                    widget::button(
                        &fonts,
                        lang.t(Key::MoveFrom),
                        UiAction::MoveFrom(card.id.clone()),
                        "move-card",
                        ButtonColors::QUIET,
                    ),
                    ChildOf(panel),
                ));
                commands.spawn((
                    widget::button(
                        &fonts,
                        lang.t(Key::LinkFrom),
                        UiAction::LinkFrom(card.id.clone()),
                        "link-from",
                        ButtonColors::PRIMARY,
                    ),
                    ChildOf(panel),
                ));
                commands.spawn((
                    widget::button(
                        &fonts,
                        lang.t(Key::ReturnToHand),
                        play(Action::ReturnCard {
                            card: card.id.clone(),
                        }),
                        "return-to-hand",
                        ButtonColors::QUIET,
                    ),
                    ChildOf(panel),
                ));
            }
            commands.spawn((
                widget::button(
                    &fonts,
                    lang.t(Key::Close),
                    UiAction::CloseInspector,
                    "close-inspector",
                    ButtonColors::QUIET,
                ),
                ChildOf(panel),
            ));
        }
        return;
    }

    if let Some(report) = game.report() {
        super::report::spawn_report(
            &mut commands,
            panel,
            &fonts,
            *lang,
            &session,
            report,
            controls.restart,
        );
        return;
    }

    commands.spawn((
        widget::heading(&fonts, game.round().title.clone(), 20.0),
        ChildOf(panel),
    ));
    commands.spawn((
        widget::text(&fonts, game.round().intro.clone(), 15.0, palette::INK),
        ChildOf(panel),
    ));
    commands.spawn((
        widget::text(
            &fonts,
            lang.t(hint_key(game.kind())),
            14.0,
            palette::INK_SOFT,
        ),
        ChildOf(panel),
    ));
}
