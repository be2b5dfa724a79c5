//! A checked board as a file: the class record of a round ("Exporter" after a check), and the
//! way back to it (the file opened again shows that board, checked).
//!
//! The JSON holds what the board showed: the deck (id, language, title and a version of its
//! answers), the round, every card with its place and verdict, every arrow or pair with its
//! verdict, the missing ones, the zones or the line of the round, and the check's summary, in
//! the interface's language. The page draws the PNG from the same JSON, so the picture and the
//! file always agree. Reopening replays the placements and arrows through [`Game::apply`] and
//! checks again: nothing is trusted from the file but the moves, and a file from another deck,
//! from a deck whose answers changed, or from a newer game is refused with a reason.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::feedback::{card_title, placement_style, report_summary, verdict_style};
use crate::i18n::{Key, Language, tr};
use crate::rules::{
    Action, CARD_HEIGHT, CARD_WIDTH, CardId, Deck, Game, LinkKind, Phase, Pos, RoundKind,
    RuleError, TIMELINE_Y, fnv1a, timeline_extent, zone_rects,
};

/// The `format` field of every export.
pub const FORMAT: &str = "fresque-board";
/// The version of the export format this game writes and reads.
pub const VERSION: u32 = 1;

/// A checked board, as exported.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BoardExport {
    pub format: String,
    pub version: u32,
    /// When it was exported (`YYYY-MM-DDTHH:MM:SSZ`).
    pub exported_at: String,
    pub deck: DeckRef,
    pub round: RoundRef,
    /// The language of the texts below (titles, verdicts, summary).
    pub language: String,
    /// The check's summary line.
    pub summary: String,
    pub cards: Vec<ExportedCard>,
    pub links: Vec<ExportedLink>,
    /// Reference arrows or pairs not drawn, between cards that are on the board.
    pub missing: Vec<ExportedLink>,
    /// What the missing ones are called (the picture's legend for its dashed lines).
    #[serde(default)]
    pub missing_label: String,
    /// Cards of the round left in the hand.
    pub unplaced: Vec<String>,
    /// How many lots had been revealed.
    #[serde(default = "one")]
    pub lots_revealed: usize,
    /// The zones of a categories round (board units, y up).
    #[serde(default)]
    pub zones: Vec<ExportedZone>,
    /// The line of a timeline round.
    #[serde(default)]
    pub timeline: Option<ExportedTimeline>,
    /// A card's size in board units.
    pub card_size: [f32; 2],
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DeckRef {
    pub id: String,
    pub language: String,
    pub title: String,
    /// A digest of the deck's cards and answers (see [`deck_version`]).
    pub version: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RoundRef {
    /// From 0.
    pub index: usize,
    pub id: String,
    pub title: String,
    /// `links`, `categories`, `timeline` or `matching`.
    pub kind: String,
}

/// A verdict as shown: its tone (`right`, `acceptable`, `wrong`, `missing`) and words.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Mark {
    pub tone: String,
    pub label: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExportedCard {
    pub id: String,
    pub title: String,
    /// The card's face (what players read while playing).
    #[serde(default)]
    pub face: String,
    /// The card's centre, in board units (y up).
    pub x: f32,
    pub y: f32,
    #[serde(default)]
    pub verdict: Option<Mark>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExportedLink {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub verdict: Option<Mark>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExportedZone {
    pub label: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExportedTimeline {
    pub left: f32,
    pub right: f32,
    pub y: f32,
    pub start: String,
    pub end: String,
}

/// Why an exported board cannot be opened.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("not a board export: {0}")]
    Unreadable(String),
    #[error("written by a newer version of the game (format {0})")]
    NewerFormat(u32),
    #[error("the deck `{0}` is not in the list")]
    UnknownDeck(String),
    #[error("exported from another version of the deck `{0}`: its cards or answers changed")]
    DeckChanged(String),
    #[error("the deck has no round {0}")]
    UnknownRound(usize),
    #[error("the board cannot be rebuilt: {0}")]
    Replay(RuleError),
}

impl ImportError {
    /// The interface text for this error, and the value of its `{detail}` placeholder.
    pub fn key(&self) -> (Key, String) {
        match self {
            ImportError::Unreadable(e) => (Key::BoardFileUnreadable, e.clone()),
            ImportError::NewerFormat(v) => (Key::BoardFileNewer, v.to_string()),
            ImportError::UnknownDeck(d) => (Key::BoardFileUnknownDeck, d.clone()),
            ImportError::DeckChanged(d) => (Key::BoardFileDeckChanged, d.clone()),
            ImportError::UnknownRound(r) => (Key::BoardFileReplay, format!("round {}", r + 1)),
            ImportError::Replay(e) => (Key::BoardFileReplay, e.to_string()),
        }
    }
}

/// A digest of what makes a deck's answers: its cards' ids and, per round, its kind, lots,
/// expected links, zones, steps and pairs. Texts are left out, so a typo fixed or another
/// language of the same deck keeps the version; a changed answer does not.
pub fn deck_version(deck: &Deck) -> String {
    let mut s = String::new();
    for card in &deck.cards {
        let _ = writeln!(s, "card {}", card.id);
    }
    for round in &deck.rounds {
        let _ = writeln!(s, "round {} {}", round.id, round.kind.name());
        match &round.kind {
            RoundKind::Links(r) => {
                for lot in &r.lots {
                    let _ = writeln!(s, "lot {}", join(&lot.cards));
                }
                for l in &r.links {
                    let kind = if l.kind == LinkKind::Required {
                        'R'
                    } else {
                        'O'
                    };
                    let _ = writeln!(s, "{} {} {kind} {}", l.from, l.to, l.reverse.is_some());
                }
            }
            RoundKind::Categories(r) => {
                for z in &r.zones {
                    let _ = writeln!(s, "zone {}", z.id);
                }
                for c in &r.cards {
                    let _ = writeln!(s, "{} in {}", c.card, c.zones.join(" "));
                }
            }
            RoundKind::Timeline(r) => {
                for step in &r.steps {
                    let _ = writeln!(s, "step {}", join(step));
                }
            }
            RoundKind::Matching(r) => {
                for p in &r.pairs {
                    let _ = writeln!(s, "pair {} {}", p.left, join(&p.right));
                }
            }
        }
    }
    format!("{:016x}", fnv1a(&s))
}

fn join(cards: &[CardId]) -> String {
    cards
        .iter()
        .map(CardId::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

fn one() -> usize {
    1
}

fn tone_name(tone: crate::feedback::Tone) -> String {
    match tone {
        crate::feedback::Tone::Right => "right",
        crate::feedback::Tone::Acceptable => "acceptable",
        crate::feedback::Tone::Wrong => "wrong",
    }
    .to_owned()
}

impl BoardExport {
    /// The current round's board and last check, or `None` before a check.
    pub fn of_game(game: &Game, lang: Language, exported_at: &str) -> Option<Self> {
        let report = game.report()?;
        let deck = game.deck();
        let round = game.round();
        let title = |id: &CardId| card_title(game, id);
        let board = game.board();
        let cards = board
            .placed()
            .iter()
            .map(|(id, pos)| ExportedCard {
                id: id.to_string(),
                title: title(id),
                face: deck.card(id).map_or_else(String::new, |c| c.face.clone()),
                x: pos.x,
                y: pos.y,
                verdict: report.cards.iter().find(|v| &v.card == id).map(|v| {
                    let (label, tone) = placement_style(lang, &v.placement);
                    Mark {
                        tone: tone_name(tone),
                        label,
                    }
                }),
            })
            .collect();
        let links = board
            .links()
            .iter()
            .map(|link| ExportedLink {
                from: link.from.to_string(),
                to: link.to.to_string(),
                verdict: report.verdict(link).map(|v| {
                    let (label, tone) = verdict_style(lang, v);
                    Mark {
                        tone: tone_name(tone),
                        label,
                    }
                }),
            })
            .collect();
        let missing = report
            .missing
            .iter()
            .filter(|m| m.cards_on_board)
            .map(|m| ExportedLink {
                from: m.link.from.to_string(),
                to: m.link.to.to_string(),
                verdict: Some(Mark {
                    tone: "missing".to_owned(),
                    label: format!("? {}", m.why),
                }),
            })
            .collect();
        let (zones, timeline) = match &round.kind {
            RoundKind::Categories(r) => (
                r.zones
                    .iter()
                    .zip(zone_rects(r))
                    .map(|(z, rect)| ExportedZone {
                        label: z.label.clone(),
                        x: rect.min.x,
                        y: rect.min.y,
                        w: rect.width(),
                        h: rect.height(),
                    })
                    .collect(),
                None,
            ),
            RoundKind::Timeline(r) => {
                let (left, right) = timeline_extent(r);
                (
                    Vec::new(),
                    Some(ExportedTimeline {
                        left,
                        right,
                        y: TIMELINE_Y,
                        start: tr(lang, Key::TimelineStart).to_owned(),
                        end: tr(lang, Key::TimelineEnd).to_owned(),
                    }),
                )
            }
            _ => (Vec::new(), None),
        };
        Some(Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            exported_at: exported_at.to_owned(),
            deck: DeckRef {
                id: deck.id.clone(),
                language: deck.language.code().to_owned(),
                title: deck.title.clone(),
                version: deck_version(deck),
            },
            round: RoundRef {
                index: game.round_index(),
                id: round.id.clone(),
                title: round.title.clone(),
                kind: round.kind.name().to_owned(),
            },
            language: lang.code().to_owned(),
            summary: report_summary(lang, &round.kind, report),
            cards,
            links,
            missing,
            unplaced: report.unplaced.iter().map(title).collect(),
            lots_revealed: board.revealed_lots(),
            missing_label: tr(
                lang,
                if matches!(round.kind, RoundKind::Matching(_)) {
                    Key::MissingPairsHeading
                } else {
                    Key::MissingHeading
                },
            )
            .to_owned(),
            zones,
            timeline,
            card_size: [CARD_WIDTH, CARD_HEIGHT],
        })
    }

    /// Reads an export. Any JSON that is not one, or one of a newer format, is refused.
    pub fn parse(text: &str) -> Result<Self, ImportError> {
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u32>,
        }
        let header: Header = serde_json::from_str(text).map_err(|e| unreadable(&e))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(ImportError::Unreadable(format!(
                "no \"format\": \"{FORMAT}\" field"
            )));
        }
        match header.version {
            Some(VERSION) => {}
            Some(v) if v > VERSION => return Err(ImportError::NewerFormat(v)),
            v => {
                return Err(ImportError::Unreadable(format!(
                    "unknown format version {}",
                    v.map_or("(none)".to_owned(), |v| v.to_string())
                )));
            }
        }
        serde_json::from_str(text).map_err(|e| unreadable(&e))
    }

    /// Whether `deck` is the deck this board was exported from (same id and answers).
    pub fn check_deck(&self, deck: &Deck) -> Result<(), ImportError> {
        if deck.id != self.deck.id {
            return Err(ImportError::UnknownDeck(self.deck.id.clone()));
        }
        if deck_version(deck) != self.deck.version {
            return Err(ImportError::DeckChanged(self.deck.id.clone()));
        }
        Ok(())
    }

    /// The game with this board: the rounds before it checked as they were left (empty), the
    /// cards placed and the arrows drawn again through the rules, then checked.
    pub fn replay(&self, deck: Arc<Deck>) -> Result<Game, ImportError> {
        self.replay_with_actions(deck).map(|(game, _)| game)
    }

    /// [`Self::replay`], with the actions that made the game (in order, from `Game::new`).
    pub fn replay_with_actions(&self, deck: Arc<Deck>) -> Result<(Game, Vec<Action>), ImportError> {
        self.check_deck(&deck)?;
        if self.round.index >= deck.rounds.len() {
            return Err(ImportError::UnknownRound(self.round.index));
        }
        let kind = &deck.rounds[self.round.index].kind;
        let pairing = matches!(kind, RoundKind::Matching(_));
        // At most every lot of the round (a file may say anything).
        let lots = self.lots_revealed.min(kind.lots().len());
        let mut actions = Vec::new();
        for next in 1..=self.round.index {
            actions.push(Action::Check);
            actions.push(Action::GoToRound(next));
        }
        actions.extend((1..lots).map(|_| Action::RevealNextLot));
        for card in &self.cards {
            actions.push(Action::PlaceCard {
                card: CardId::new(card.id.as_str()),
                at: Pos::new(card.x, card.y),
            });
        }
        for link in &self.links {
            let (from, to) = (
                CardId::new(link.from.as_str()),
                CardId::new(link.to.as_str()),
            );
            actions.push(if pairing {
                let at = self
                    .cards
                    .iter()
                    .find(|c| c.id == link.to)
                    .map(|c| Pos::new(c.x, c.y))
                    .ok_or_else(|| ImportError::Replay(RuleError::NotOnBoard(to.clone())))?;
                Action::PairCards {
                    card: to,
                    with: from,
                    at,
                }
            } else {
                Action::AddLink { from, to }
            });
        }
        actions.push(Action::Check);
        let mut game = Game::new(deck);
        for action in &actions {
            game.apply(action).map_err(ImportError::Replay)?;
        }
        debug_assert!(matches!(game.phase(), Phase::Checked(_)));
        Ok((game, actions))
    }

    /// The file name without extension: `fresque-<deck>-<round>-<date>`.
    pub fn base_name(&self) -> String {
        let safe = |s: &str| -> String {
            s.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect()
        };
        let date = self.exported_at.get(..10).unwrap_or("");
        format!(
            "fresque-{}-{}-{}-{date}",
            safe(&self.deck.id),
            self.round.index + 1,
            safe(&self.round.id)
        )
    }
}

fn unreadable(e: &serde_json::Error) -> ImportError {
    if e.line() == 0 {
        ImportError::Unreadable(e.to_string())
    } else {
        ImportError::Unreadable(format!("{}:{}: {e}", e.line(), e.column()))
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a time in seconds since 1970 (UTC).
pub fn iso_time(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let secs = unix_seconds % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests;
