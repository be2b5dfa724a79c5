//! Widget functions: each returns a bundle, so screens read as trees.

use bevy::prelude::*;

use super::font::UiFonts;
use super::interaction::ButtonColors;
use super::palette;
use crate::ui_action::{AutomationId, ButtonAction, UiAction};

/// A full-window layout root that lets pointer events through to the board below.
pub fn ui_root(name: &'static str) -> impl Bundle {
    (
        Name::new(name),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(16),
            ..default()
        },
        Pickable::IGNORE,
    )
}

/// A paragraph of text.
pub fn text(fonts: &UiFonts, text: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(text),
        fonts.regular(size),
        TextColor(color),
        Pickable::IGNORE,
    )
}

/// A heading.
pub fn heading(fonts: &UiFonts, text: impl Into<String>, size: f32) -> impl Bundle {
    (
        Text::new(text),
        fonts.bold(size),
        TextColor(palette::INK),
        Pickable::IGNORE,
        crate::mirror::MirrorRole::Heading(2),
    )
}

/// A button that sends `action` when clicked; `id` names it for tests and the HTML mirror.
pub fn button(
    fonts: &UiFonts,
    label: impl Into<String>,
    action: UiAction,
    id: impl Into<String>,
    colors: ButtonColors,
) -> impl Bundle {
    let label = label.into();
    let text_color = if colors.idle == ButtonColors::PRIMARY.idle {
        palette::BUTTON_TEXT
    } else {
        palette::INK
    };
    (
        Name::new(format!("Button {label}")),
        Button,
        Node {
            padding: UiRect::axes(px(16), px(9)),
            border_radius: BorderRadius::all(px(8)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            // A button keeps its label on one line; the text beside it gives way.
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(colors.idle),
        colors,
        ButtonAction(action),
        AutomationId(id.into()),
        children![(
            Text::new(label),
            fonts.bold(17.0),
            TextColor(text_color),
            Pickable::IGNORE,
        )],
    )
}

/// A white panel with a border.
pub fn panel(node: Node) -> impl Bundle {
    panel_with_edge(node, palette::PANEL_EDGE)
}

/// A white panel with a border of the given colour (e.g. red for a deck that failed to load).
pub fn panel_with_edge(node: Node, edge: Color) -> impl Bundle {
    (
        Node {
            border: px(1).all(),
            border_radius: BorderRadius::all(px(10)),
            padding: px(16).all(),
            flex_direction: FlexDirection::Column,
            row_gap: px(10),
            ..node
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(edge),
    )
}
