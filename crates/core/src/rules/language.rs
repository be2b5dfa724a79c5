//! [`Language`]: a language code, `xx` or `xx-YY`, as a small copyable value.
//!
//! Decks may be written in any language; the interface speaks those with a table in
//! `assets/i18n/` (see [`crate::i18n`]). A code is two lowercase ASCII letters (`fr`, `de`),
//! optionally followed by `-` and two capital letters (`pt-BR`, `en-XA`).

use std::fmt;
use std::str::FromStr;

/// A well-formed language code, `xx` or `xx-YY` (held inline: no allocation, `Copy`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language {
    /// The code's bytes, padded with zeros after `len`.
    bytes: [u8; 5],
    len: u8,
}

/// A string that is not a language code, with the expected form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{code}` is not a language code: {hint}")]
pub struct BadLanguageCode {
    pub code: String,
    hint: String,
}

/// What a language code looks like, for messages.
const LANGUAGE_CODE_FORM: &str = "use two lowercase letters (\"fr\", \"de\"), optionally followed by `-` and two capital \
     letters (\"pt-BR\")";

impl Language {
    pub const FR: Language = Language::two(*b"fr");
    pub const EN: Language = Language::two(*b"en");

    const fn two([a, b]: [u8; 2]) -> Self {
        Self {
            bytes: [a, b, 0, 0, 0],
            len: 2,
        }
    }

    /// Reads a code of the form `xx` or `xx-YY`; anything else is refused with a message that
    /// says the expected form (and the likely intended code, for `FR` or `fr_FR`).
    pub fn parse(code: &str) -> Result<Self, BadLanguageCode> {
        Self::read(code).ok_or_else(|| BadLanguageCode {
            code: code.to_owned(),
            hint: Self::hint(code),
        })
    }

    fn read(code: &str) -> Option<Self> {
        let lower = |c: &u8| c.is_ascii_lowercase();
        let upper = |c: &u8| c.is_ascii_uppercase();
        match *code.as_bytes() {
            [x, y] if lower(&x) && lower(&y) => Some(Self::two([x, y])),
            [x, y, b'-', z, w] if lower(&x) && lower(&y) && upper(&z) && upper(&w) => Some(Self {
                bytes: [x, y, b'-', z, w],
                len: 5,
            }),
            _ => None,
        }
    }

    /// The expected form, with a suggestion when the code is a near miss.
    fn hint(code: &str) -> String {
        let guess = match code.split(['-', '_']).collect::<Vec<_>>()[..] {
            [l] => l.to_ascii_lowercase(),
            [l, r] => format!("{}-{}", l.to_ascii_lowercase(), r.to_ascii_uppercase()),
            _ => String::new(),
        };
        match Self::read(&guess) {
            Some(lang) => format!("{LANGUAGE_CODE_FORM}; did you mean \"{lang}\"?"),
            None => LANGUAGE_CODE_FORM.to_owned(),
        }
    }

    /// The code, e.g. `"fr"` or `"pt-BR"`.
    pub fn code(&self) -> &str {
        // Only ASCII letters and `-` are ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("??")
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Language({})", self.code())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = BadLanguageCode;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Self::parse(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_codes_are_read_back_as_written() {
        for code in ["fr", "en", "de", "pt-BR", "en-XA", "zh-TW"] {
            let lang = Language::parse(code).unwrap();
            assert_eq!(lang.code(), code);
            assert_eq!(lang.to_string(), code);
        }
        assert_eq!(Language::parse("fr"), Ok(Language::FR));
        assert_eq!("en".parse(), Ok(Language::EN));
        assert_ne!(Language::parse("pt-BR"), Language::parse("pt-PT"));
    }

    #[test]
    fn bad_forms_are_refused_with_the_expected_form() {
        for code in [
            "", "FR", "fr_FR", "french", "f", "fra", "fr-", "fr-fr", "fr-FRA", "fr-1A", "é", "fr ",
        ] {
            let e = Language::parse(code).expect_err(code);
            assert_eq!(e.code, code);
            let msg = e.to_string();
            assert!(msg.contains("two lowercase letters"), "{msg}");
            assert!(
                msg.starts_with(&format!("`{code}` is not a language code")),
                "{msg}"
            );
        }
    }

    #[test]
    fn near_misses_suggest_the_intended_code() {
        let msg = |c: &str| Language::parse(c).unwrap_err().to_string();
        assert!(msg("FR").contains("did you mean \"fr\"?"), "{}", msg("FR"));
        assert!(msg("fr_FR").contains("did you mean \"fr-FR\"?"));
        assert!(msg("pt-br").contains("did you mean \"pt-BR\"?"));
        assert!(!msg("french").contains("did you mean"));
    }

    #[test]
    fn codes_sort_and_debug_by_their_text() {
        let mut v = [
            Language::parse("pt-BR").unwrap(),
            Language::EN,
            Language::FR,
        ];
        v.sort();
        assert_eq!(v.map(|l| l.to_string()), ["en", "fr", "pt-BR"]);
        assert_eq!(format!("{:?}", Language::FR), "Language(fr)");
    }
}
