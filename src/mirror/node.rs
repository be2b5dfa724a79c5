//! The mirror's tree: headings, texts, lists, groups and buttons, each with a stable key so
//! that the page can update its DOM in place and keep the focus where it was.

use serde::Serialize;

use super::command::Command;

/// What an element of the mirror is, as the page renders it.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// `<hN>`, with [`MirrorNode::level`].
    Heading,
    /// `<p>`.
    Text,
    /// `<button>` that sends [`MirrorNode::command`].
    Button,
    /// `role="group"` named by [`MirrorNode::text`].
    Group,
    /// `<ul>` named by [`MirrorNode::text`]; its children are items.
    List,
    /// `<li>`.
    Item,
    /// `<section>` named by [`MirrorNode::text`].
    Section,
}

/// One element of the mirror.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct MirrorNode {
    /// Unique in the whole tree, stable while the element means the same thing.
    pub key: String,
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The text, a button's label, or a group's, list's or section's name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<Command>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
    /// The card the element is about (`card:<id>`): the game rings it while it has the focus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The key of the element to focus once this button's command has been carried out (its
    /// own element may be gone by then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<MirrorNode>,
}

impl MirrorNode {
    fn new(key: impl Into<String>, role: Role, text: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            role,
            level: None,
            text: text.into(),
            command: None,
            disabled: false,
            target: None,
            then: None,
            children: Vec::new(),
        }
    }

    pub fn heading(key: impl Into<String>, level: u8, text: impl Into<String>) -> Self {
        Self {
            level: Some(level),
            ..Self::new(key, Role::Heading, text)
        }
    }

    pub fn text(key: impl Into<String>, text: impl Into<String>) -> Self {
        Self::new(key, Role::Text, text)
    }

    pub fn button(key: impl Into<String>, label: impl Into<String>, command: Command) -> Self {
        Self {
            command: Some(command),
            ..Self::new(key, Role::Button, label)
        }
    }

    pub fn group(key: impl Into<String>, name: impl Into<String>, children: Vec<Self>) -> Self {
        Self {
            children,
            ..Self::new(key, Role::Group, name)
        }
    }

    pub fn list(key: impl Into<String>, name: impl Into<String>, items: Vec<Self>) -> Self {
        Self {
            children: items,
            ..Self::new(key, Role::List, name)
        }
    }

    pub fn item(key: impl Into<String>, children: Vec<Self>) -> Self {
        Self {
            children,
            ..Self::new(key, Role::Item, "")
        }
    }

    pub fn section(key: impl Into<String>, name: impl Into<String>, children: Vec<Self>) -> Self {
        Self {
            children,
            ..Self::new(key, Role::Section, name)
        }
    }

    /// About this card: the game rings it while the element has the focus.
    pub fn about(mut self, card: &crate::rules::CardId) -> Self {
        self.target = Some(format!("card:{card}"));
        self
    }

    /// Once pressed, the focus goes to the element with this key.
    pub fn then(mut self, key: impl Into<String>) -> Self {
        self.then = Some(key.into());
        self
    }

    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    /// Every node of the tree, depth first (this one first).
    pub fn walk(&self) -> Vec<&MirrorNode> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.walk());
        }
        out
    }

    /// The buttons of the tree whose label is `label` (for tests, the way a screen reader user
    /// finds them).
    pub fn buttons_named(&self, label: &str) -> Vec<&MirrorNode> {
        self.walk()
            .into_iter()
            .filter(|n| n.role == Role::Button && n.text == label)
            .collect()
    }
}
