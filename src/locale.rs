//! The interface language, as a resource, and helpers to read texts in it.

use bevy::prelude::*;

use crate::i18n::{Key, Language, tr, trf};

/// The language of the interface (decks are offered in this language too).
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(pub Language);

impl Default for Lang {
    fn default() -> Self {
        Self(Language::FR)
    }
}

impl Lang {
    pub fn t(self, key: Key) -> &'static str {
        tr(self.0, key)
    }

    pub fn f(self, key: Key, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        trf(self.0, key, args)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Lang>();
}
