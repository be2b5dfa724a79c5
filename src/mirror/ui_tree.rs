//! The game's own interface as mirror nodes: every visible text and button of the screen's UI
//! trees, in reading order (overlays first, then top to bottom, left to right). Buttons become
//! mirror buttons that press the game's button; headings and groups are marked with
//! [`MirrorRole`] where they are built.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::ui::UiGlobalTransform;

use super::command::Command;
use super::node::MirrorNode;
use crate::ui_action::{AutomationId, ButtonAction, Disabled};

/// How a UI node reads in the mirror, when not plain text or a button.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MirrorRole {
    /// A heading of this level (2 for a screen's title).
    Heading(u8),
    /// A group named by its first text (a deck's tile: its buttons are heard with its title).
    Group,
    /// Left out (e.g. the hand's cards on the canvas: the mirror's board lists them).
    Skip,
}

#[derive(SystemParam)]
pub struct UiTree<'w, 's> {
    roots: Query<
        'w,
        's,
        (
            Entity,
            &'static ComputedNode,
            &'static UiGlobalTransform,
            Option<&'static GlobalZIndex>,
        ),
        (With<Node>, Without<ChildOf>),
    >,
    nodes: Query<
        'w,
        's,
        (
            &'static Node,
            Option<&'static InheritedVisibility>,
            Option<&'static Children>,
            Option<&'static MirrorRole>,
            Option<&'static Text>,
            Option<&'static AutomationId>,
            Has<ButtonAction>,
            Has<Disabled>,
        ),
    >,
    spans: Query<'w, 's, &'static TextSpan>,
}

impl UiTree<'_, '_> {
    /// Every visible text and button, overlays first.
    pub fn nodes(&self) -> Vec<MirrorNode> {
        let mut roots: Vec<(i32, f32, f32, Entity)> = self
            .roots
            .iter()
            .map(|(e, node, transform, z)| {
                let rect = crate::web::node_rect(node, transform);
                (-z.map_or(0, |z| z.0), rect.min.y, rect.min.x, e)
            })
            .collect();
        roots.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.total_cmp(&b.1))
                .then(a.2.total_cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        let mut out = Vec::new();
        for (_, _, _, root) in roots {
            self.visit(root, &mut out);
        }
        // Keys are unique: a second button with the same id gets a suffix.
        let mut seen = std::collections::HashSet::new();
        for node in &mut out {
            dedupe(node, &mut seen);
        }
        out
    }

    fn visit(&self, entity: Entity, out: &mut Vec<MirrorNode>) {
        let Ok((node, visibility, children, role, text, id, is_button, disabled)) =
            self.nodes.get(entity)
        else {
            return;
        };
        if node.display == Display::None
            || visibility.is_some_and(|v| !v.get())
            || role == Some(&MirrorRole::Skip)
        {
            return;
        }
        if is_button && let Some(AutomationId(id)) = id {
            if id.starts_with("hand:") {
                return;
            }
            let label = self.text_of(entity);
            let mut button = MirrorNode::button(
                format!("ctl:{id}"),
                label,
                Command::Press { id: id.clone() },
            )
            .disabled(disabled);
            button.target = Some(format!("ctl:{id}"));
            out.push(button);
            return;
        }
        if let Some(text) = text {
            let content = self.text_with_spans(text, children);
            let content = content.trim();
            if !content.is_empty() {
                let key = format!("e{}", entity.index());
                out.push(match role {
                    Some(MirrorRole::Heading(level)) => MirrorNode::heading(key, *level, content),
                    _ => MirrorNode::text(key, content),
                });
            }
            return;
        }
        let mut inner = Vec::new();
        if let Some(children) = children {
            for child in children.iter() {
                self.visit(child, &mut inner);
            }
        }
        if role == Some(&MirrorRole::Group) && !inner.is_empty() {
            let name = inner
                .iter()
                .find(|n| n.command.is_none() && !n.text.is_empty())
                .map(|n| n.text.clone())
                .unwrap_or_default();
            out.push(MirrorNode::group(
                format!("e{}", entity.index()),
                name,
                inner,
            ));
        } else {
            out.extend(inner);
        }
    }

    /// A text node's text followed by its spans' (rich text is split into spans).
    fn text_with_spans(&self, text: &Text, children: Option<&Children>) -> String {
        let mut content = text.0.clone();
        for child in children.into_iter().flat_map(|c| c.iter()) {
            if let Ok(span) = self.spans.get(child) {
                content.push_str(&span.0);
            }
        }
        content
    }

    /// All the text under `entity`, joined by spaces (a button's label).
    fn text_of(&self, entity: Entity) -> String {
        let mut parts = Vec::new();
        self.collect_text(entity, &mut parts);
        parts.join(" ")
    }

    fn collect_text(&self, entity: Entity, parts: &mut Vec<String>) {
        let Ok((_, _, children, _, text, ..)) = self.nodes.get(entity) else {
            return;
        };
        if let Some(text) = text {
            let content = self.text_with_spans(text, children);
            if !content.trim().is_empty() {
                parts.push(content.trim().to_owned());
            }
            return;
        }
        if let Some(children) = children {
            for child in children.iter() {
                self.collect_text(child, parts);
            }
        }
    }
}

fn dedupe(node: &mut MirrorNode, seen: &mut std::collections::HashSet<String>) {
    if !seen.insert(node.key.clone()) {
        let mut n = 2;
        while !seen.insert(format!("{}#{n}", node.key)) {
            n += 1;
        }
        node.key = format!("{}#{n}", node.key);
    }
    for child in &mut node.children {
        dedupe(child, seen);
    }
}
