//! Reading RON bytes into typed values, with every failure turned into a [`Diagnostic`].

use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, position_of_byte};
use super::spans::{Position, SpanIndex};

/// RON options for content files: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses `bytes` as RON into `T`. Never panics: empty, truncated, non-UTF-8 or binary input
/// gives a diagnostic at the place where reading stopped.
pub fn parse_ron<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
) -> Result<(T, SpanIndex), Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let pos = position_of_byte(bytes, e.valid_up_to());
            return Err(vec![Diagnostic::error(
                file,
                pos,
                "the file is not valid UTF-8 text (save it as UTF-8)",
            )]);
        }
    };
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            file,
            Position::START,
            "the file is empty",
        )]);
    }
    if text.contains('\0') {
        let offset = text.find('\0').unwrap_or(0);
        return Err(vec![Diagnostic::error(
            file,
            position_of_byte(bytes, offset),
            "the file contains a NUL byte: is it a binary file?",
        )]);
    }
    match ron_options().from_str::<T>(text) {
        Ok(value) => Ok((value, SpanIndex::new(text))),
        Err(e) => {
            let pos = Position {
                line: e.span.start.line.max(1),
                col: e.span.start.col.max(1),
            };
            let mut message = friendly(&e.code);
            if let Some(line) = unclosed_text_line(text, pos.line) {
                message.push_str(&format!(
                    " (line {line} seems to have a text whose closing `\"` is missing)"
                ));
            }
            Err(vec![Diagnostic::error(file, pos, message)])
        }
    }
}

/// The last line up to `until` with an odd number of `"` (ignoring `\"` and `//` comments):
/// the likely place of an unclosed text, which RON reports further down.
fn unclosed_text_line(text: &str, until: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .take(until)
        .filter(|(_, line)| {
            let mut quotes = 0;
            let mut chars = line.chars().peekable();
            let mut in_text = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' if in_text => {
                        chars.next();
                    }
                    '"' => {
                        quotes += 1;
                        in_text = !in_text;
                    }
                    '/' if !in_text && chars.peek() == Some(&'/') => break,
                    _ => {}
                }
            }
            quotes % 2 == 1
        })
        .map(|(i, _)| i + 1)
        .last()
}

/// `ron`'s message, with the most common cases reworded for deck authors.
fn friendly(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => {
            "the file ends too early: a `)`, `]` or `\"` is probably missing".to_owned()
        }
        ron::Error::ExpectedComma => {
            "expected a comma `,` between two values (or a closing bracket)".to_owned()
        }
        ron::Error::ExpectedStringEnd => "a text is not closed: a `\"` is missing".to_owned(),
        ron::Error::TrailingCharacters => {
            "unexpected text after the end of the deck's closing `)`".to_owned()
        }
        other => other.to_string(),
    }
}
