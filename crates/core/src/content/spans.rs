//! Where each value of a RON file starts, so that checks made after parsing can point at a
//! `line:col`.
//!
//! `ron` reports positions for syntax errors only. Once a file has parsed, this small scanner
//! reads it again and records the start of every value by path (`cards[3].sources[0]`), so a
//! validation error ("unknown source `X9`") points where the author must look.

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, col: 1 };
}

/// One step of a path into a RON document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
}

/// A path from the root value, e.g. `cards[3].id`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    #[must_use]
    pub fn field(&self, name: &'static str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Field(name));
        p
    }

    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Field(name) if i == 0 => write!(f, "{name}")?,
                Seg::Field(name) => write!(f, ".{name}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug)]
struct Value {
    pos: Position,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Atom,
    /// A struct: `Name(field: value, ...)` or `(field: value, ...)`.
    Fields(Vec<(String, Value)>),
    /// A list, a tuple or `Some(value)`.
    Items(Vec<Value>),
    /// A map `{ key: value }`: keys with their values.
    Map(Vec<(Value, Value)>),
}

/// The start positions of the values of one RON document.
#[derive(Debug)]
pub struct SpanIndex {
    root: Option<Value>,
}

impl SpanIndex {
    /// Scans `text`. Never fails: text it cannot follow gives an index that answers `1:1`.
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut parser = Parser {
            tokens: &tokens,
            at: 0,
            depth: 0,
        };
        parser.skip_attributes();
        Self {
            root: parser.value(),
        }
    }

    /// Where the value at `path` starts; the deepest existing ancestor if the path goes
    /// further than the document.
    pub fn locate(&self, path: &Path) -> Position {
        let Some(mut value) = self.root.as_ref() else {
            return Position::START;
        };
        for seg in &path.0 {
            match descend(value, seg) {
                Some(child) => value = child,
                None => break,
            }
        }
        value.pos
    }
}

fn descend<'v>(value: &'v Value, seg: &Seg) -> Option<&'v Value> {
    match (&value.kind, seg) {
        (Kind::Fields(fields), Seg::Field(name)) => {
            fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
        }
        (Kind::Items(items), Seg::Index(i)) => items.get(*i),
        // `Some(x)`: look inside.
        (Kind::Items(items), Seg::Field(_)) if items.len() == 1 => descend(&items[0], seg),
        (Kind::Map(entries), Seg::Index(i)) => entries.get(*i).map(|(k, _)| k),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open(char),
    Close(char),
    Comma,
    Colon,
    Ident(String),
    Literal,
    Hash,
    Bang,
}

fn tokenize(text: &str) -> Vec<(Tok, Position)> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut col = 1;
    // Advances over `n` characters, keeping line and column up to date.
    let advance = |i: &mut usize, line: &mut usize, col: &mut usize, n: usize| {
        for _ in 0..n {
            if *i >= chars.len() {
                return;
            }
            if chars[*i] == '\n' {
                *line += 1;
                *col = 1;
            } else {
                *col += 1;
            }
            *i += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let pos = Position { line, col };
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            advance(&mut i, &mut line, &mut col, 1);
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                advance(&mut i, &mut line, &mut col, 1);
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    advance(&mut i, &mut line, &mut col, 2);
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    advance(&mut i, &mut line, &mut col, 2);
                    if depth == 0 {
                        break;
                    }
                } else {
                    advance(&mut i, &mut line, &mut col, 1);
                }
            }
        } else if c == '"' || (c == 'b' && next == Some('"')) {
            if c == 'b' {
                advance(&mut i, &mut line, &mut col, 1);
            }
            advance(&mut i, &mut line, &mut col, 1);
            while i < chars.len() && chars[i] != '"' {
                let n = if chars[i] == '\\' { 2 } else { 1 };
                advance(&mut i, &mut line, &mut col, n);
            }
            advance(&mut i, &mut line, &mut col, 1);
            tokens.push((Tok::Literal, pos));
        } else if let Some(hashes) = raw_string_start(&chars, i) {
            // r"..." or r#"..."#, optionally prefixed by b.
            let prefix = if c == 'b' { 2 } else { 1 };
            advance(&mut i, &mut line, &mut col, prefix + hashes + 1);
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    advance(&mut i, &mut line, &mut col, 1 + hashes);
                    break;
                }
                advance(&mut i, &mut line, &mut col, 1);
            }
            tokens.push((Tok::Literal, pos));
        } else if c == '\'' {
            advance(&mut i, &mut line, &mut col, 1);
            while i < chars.len() && chars[i] != '\'' {
                let n = if chars[i] == '\\' { 2 } else { 1 };
                advance(&mut i, &mut line, &mut col, n);
            }
            advance(&mut i, &mut line, &mut col, 1);
            tokens.push((Tok::Literal, pos));
        } else if matches!(c, '(' | '[' | '{') {
            advance(&mut i, &mut line, &mut col, 1);
            tokens.push((Tok::Open(c), pos));
        } else if matches!(c, ')' | ']' | '}') {
            advance(&mut i, &mut line, &mut col, 1);
            tokens.push((Tok::Close(c), pos));
        } else if c == ',' {
            advance(&mut i, &mut line, &mut col, 1);
            tokens.push((Tok::Comma, pos));
        } else if c == ':' {
            advance(&mut i, &mut line, &mut col, 1);
            tokens.push((Tok::Colon, pos));
        } else if c == '#' {
            advance(&mut i, &mut line, &mut col, 1);
            tokens.push((Tok::Hash, pos));
        } else if c == '!' {
            advance(&mut i, &mut line, &mut col, 1);
            tokens.push((Tok::Bang, pos));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            if c == 'r' && next == Some('#') {
                advance(&mut i, &mut line, &mut col, 2);
            }
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                advance(&mut i, &mut line, &mut col, 1);
            }
            let word: String = chars[start..i].iter().collect();
            let word = word.trim_start_matches("r#").to_owned();
            tokens.push((Tok::Ident(word), pos));
        } else {
            // Numbers and anything else: one literal up to the next delimiter.
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':')
            {
                advance(&mut i, &mut line, &mut col, 1);
            }
            tokens.push((Tok::Literal, pos));
        }
    }
    tokens
}

/// If a raw string starts at `i`, how many `#` it uses.
fn raw_string_start(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some(hashes)
}

struct Parser<'t> {
    tokens: &'t [(Tok, Position)],
    at: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 200;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn peek_at(&self, k: usize) -> Option<&Tok> {
        self.tokens.get(self.at + k).map(|(t, _)| t)
    }

    fn bump(&mut self) -> Option<(Tok, Position)> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    /// `#![enable(...)]` lines at the top of a file.
    fn skip_attributes(&mut self) {
        while self.peek() == Some(&Tok::Hash) {
            self.bump();
            if self.peek() == Some(&Tok::Bang) {
                self.bump();
            }
            if self.peek() != Some(&Tok::Open('[')) {
                return;
            }
            let mut depth = 0usize;
            while let Some((tok, _)) = self.bump() {
                match tok {
                    Tok::Open(_) => depth += 1,
                    Tok::Close(_) => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn value(&mut self) -> Option<Value> {
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let v = self.value_inner();
        self.depth -= 1;
        v
    }

    fn value_inner(&mut self) -> Option<Value> {
        let (tok, pos) = self.bump()?;
        let kind = match tok {
            Tok::Ident(_) if self.peek() == Some(&Tok::Open('(')) => {
                self.bump();
                self.paren()?
            }
            Tok::Open('(') => self.paren()?,
            Tok::Open('[') => Kind::Items(self.items(']')?),
            Tok::Open('{') => Kind::Map(self.map()?),
            Tok::Ident(_) | Tok::Literal => Kind::Atom,
            _ => return None,
        };
        Some(Value { pos, kind })
    }

    /// After `(`: a struct's fields or a tuple's items.
    fn paren(&mut self) -> Option<Kind> {
        let is_struct =
            matches!(self.peek(), Some(Tok::Ident(_))) && self.peek_at(1) == Some(&Tok::Colon);
        if !is_struct {
            return Some(Kind::Items(self.items(')')?));
        }
        let mut fields = Vec::new();
        loop {
            match self.peek()? {
                Tok::Close(')') => {
                    self.bump();
                    return Some(Kind::Fields(fields));
                }
                Tok::Comma => {
                    self.bump();
                }
                Tok::Ident(name) => {
                    let name = name.clone();
                    self.bump();
                    if self.bump()?.0 != Tok::Colon {
                        return None;
                    }
                    fields.push((name, self.value()?));
                }
                _ => return None,
            }
        }
    }

    fn items(&mut self, close: char) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        loop {
            match self.peek()? {
                Tok::Close(c) if *c == close => {
                    self.bump();
                    return Some(items);
                }
                Tok::Comma => {
                    self.bump();
                }
                _ => items.push(self.value()?),
            }
        }
    }

    fn map(&mut self) -> Option<Vec<(Value, Value)>> {
        let mut entries = Vec::new();
        loop {
            match self.peek()? {
                Tok::Close('}') => {
                    self.bump();
                    return Some(entries);
                }
                Tok::Comma => {
                    self.bump();
                }
                _ => {
                    let key = self.value()?;
                    if self.bump()?.0 != Tok::Colon {
                        return None;
                    }
                    entries.push((key, self.value()?));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, col: usize) -> Position {
        Position { line, col }
    }

    const DOC: &str = r##"#![enable(implicit_some)]
// A comment with "quotes" and (parens)
Deck(
    id: "x",
    cards: [
        Card(id: "a", sources: ["S1"]),
        Card(
            id: "é-b", /* block /* nested */ comment */
            sources: ["S1", "S2"],
            image: Some("pic.png"),
            raw: r#"a "raw" string"#,
        ),
    ],
    map: { "k": 1.5e3, 'c': -2 },
)
"##;

    #[test]
    fn finds_fields_items_and_nested_values() {
        let idx = SpanIndex::new(DOC);
        let root = Path::root();
        assert_eq!(idx.locate(&root), at(3, 1));
        assert_eq!(idx.locate(&root.field("id")), at(4, 9));
        assert_eq!(idx.locate(&root.field("cards").index(0)), at(6, 9));
        assert_eq!(
            idx.locate(&root.field("cards").index(0).field("sources").index(0)),
            at(6, 33)
        );
        assert_eq!(
            idx.locate(&root.field("cards").index(1).field("id")),
            at(8, 17)
        );
        assert_eq!(
            idx.locate(&root.field("cards").index(1).field("sources").index(1)),
            at(9, 29)
        );
        assert_eq!(
            idx.locate(&root.field("cards").index(1).field("image")),
            at(10, 20)
        );
        assert_eq!(idx.locate(&root.field("map").index(1)), at(14, 24));
    }

    #[test]
    fn missing_path_falls_back_to_deepest_ancestor() {
        let idx = SpanIndex::new(DOC);
        let cards = Path::root().field("cards");
        assert_eq!(idx.locate(&cards.index(7).field("id")), at(5, 12));
        assert_eq!(idx.locate(&Path::root().field("nope")), at(3, 1));
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "",
            "(((",
            "]]]",
            "\"unterminated",
            "r##\"x",
            "Deck(a: ",
            "/* open",
        ] {
            let idx = SpanIndex::new(text);
            let _ = idx.locate(&Path::root().field("a").index(3));
        }
    }

    #[test]
    fn path_display() {
        let p = Path::root().field("cards").index(3).field("id");
        assert_eq!(p.to_string(), "cards[3].id");
    }
}
