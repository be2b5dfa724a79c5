//! Checks a parsed deck file and builds the rules' [`Deck`]: every problem found, each with
//! its position, not just the first one.

use std::collections::{HashMap, HashSet};

use super::deck_file::{DeckFile, FORMAT_VERSION, LinkKindFile, PlayFile, RoundFile};
use super::diagnostic::Diagnostic;
use super::spans::{Path, SpanIndex};
use crate::rules::{
    BOARD_HALF_HEIGHT, BOARD_HALF_WIDTH, Card, CardId, Deck, ExpectedLink, Language, LinkKind,
    LinksRound, Lot, Pos, Round, RoundKind, Source, WrongLink,
};
use crate::rules::{
    CategoriesRound, MatchingRound, Pair, SortedCard, TimelineRound, WrongPair, WrongZone, Zone,
};

/// Length limits, in characters, so that texts fit on a card and a screen.
pub mod limits {
    pub const ID: usize = 40;
    pub const DECK_TITLE: usize = 80;
    pub const DESCRIPTION: usize = 500;
    pub const AUDIENCE: usize = 120;
    pub const SOURCE_TITLE: usize = 200;
    pub const CARD_TITLE: usize = 50;
    pub const CARD_FACE: usize = 150;
    pub const CARD_BACK: usize = 700;
    pub const ROUND_TITLE: usize = 80;
    pub const ROUND_TEXT: usize = 900;
    pub const WHY: usize = 400;
    pub const LOT_TITLE: usize = 60;
    pub const DATE: usize = 30;
    pub const ZONE_LABEL: usize = 40;
    pub const ZONE_DESCRIPTION: usize = 150;
    pub const MIN_ZONES: usize = 2;
    pub const MAX_ZONES: usize = 6;
    pub const MIN_STEPS: usize = 3;
    pub const MIN_PAIRS: usize = 2;
    /// Cards of one categories, timeline or matching round (they must fit on the board).
    pub const MAX_ROUND_CARDS: usize = 30;
    /// Cards of one links round (a Climate-Fresk-size fresk has 42).
    pub const MAX_LINKS_ROUND_CARDS: usize = 60;
    /// Expected links of one links round.
    pub const MAX_ROUND_LINKS: usize = 200;
    pub const MIN_DURATION: u32 = 5;
    pub const MAX_DURATION: u32 = 240;
}

struct Checker<'a> {
    file: &'a str,
    spans: &'a SpanIndex,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, path: &Path, message: impl Into<String>) {
        let pos = self.spans.locate(path);
        self.problems
            .push(Diagnostic::error(self.file, pos, message.into()));
    }

    fn warning(&mut self, path: &Path, message: impl Into<String>) {
        let pos = self.spans.locate(path);
        self.problems
            .push(Diagnostic::warning(self.file, pos, message.into()));
    }

    /// A text that must not be empty and must fit in `max` characters.
    fn text(&mut self, path: &Path, what: &str, value: &str, max: usize) {
        let len = value.trim().chars().count();
        if len == 0 {
            self.error(path, format!("{what} is empty"));
        } else if len > max {
            self.error(
                path,
                format!("{what} is too long: {len} characters, at most {max}"),
            );
        }
    }

    fn id(&mut self, path: &Path, what: &str, value: &str) {
        let ok = !value.is_empty()
            && value.chars().count() <= limits::ID
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !value.starts_with('-');
        if !ok {
            self.error(
                path,
                format!(
                    "{what} `{value}` should use only a-z, 0-9 and `-` (at most {} characters)",
                    limits::ID
                ),
            );
        }
    }
}

/// Checks `file` and builds the deck. Warnings may come with a deck; errors never do.
pub fn validate_deck(
    file_name: &str,
    file: &DeckFile,
    spans: &SpanIndex,
) -> (Option<Deck>, Vec<Diagnostic>) {
    let mut ck = Checker {
        file: file_name,
        spans,
        problems: Vec::new(),
    };
    let root = Path::root();

    if file.format != FORMAT_VERSION {
        ck.error(
            &root.field("format"),
            format!(
                "this game reads deck format {FORMAT_VERSION}, the file says {}",
                file.format
            ),
        );
    }
    ck.id(&root.field("id"), "deck id", &file.id);
    // Any well-formed code: whether the interface speaks it is the game's concern.
    let language = match Language::parse(&file.language) {
        Ok(language) => Some(language),
        Err(e) => {
            ck.error(&root.field("language"), e.to_string());
            None
        }
    };
    ck.text(
        &root.field("title"),
        "the deck title",
        &file.title,
        limits::DECK_TITLE,
    );
    ck.text(
        &root.field("description"),
        "the description",
        &file.description,
        limits::DESCRIPTION,
    );
    ck.text(
        &root.field("audience"),
        "the audience",
        &file.audience,
        limits::AUDIENCE,
    );
    if !(limits::MIN_DURATION..=limits::MAX_DURATION).contains(&file.duration_minutes) {
        ck.error(
            &root.field("duration_minutes"),
            format!(
                "duration_minutes should be between {} and {}",
                limits::MIN_DURATION,
                limits::MAX_DURATION
            ),
        );
    }

    // Sources.
    if file.sources.is_empty() {
        ck.error(&root.field("sources"), "the deck lists no source");
    }
    let mut source_ids = HashSet::new();
    for (i, s) in file.sources.iter().enumerate() {
        let path = root.field("sources").index(i);
        if s.id.trim().is_empty() {
            ck.error(&path.field("id"), "a source id is empty");
        } else if !source_ids.insert(s.id.as_str()) {
            ck.error(
                &path.field("id"),
                format!("source id `{}` is used twice", s.id),
            );
        }
        ck.text(
            &path.field("title"),
            "the source title",
            &s.title,
            limits::SOURCE_TITLE,
        );
        if let Some(url) = &s.url
            && !(url.starts_with("https://") && url.len() > "https://".len() && !url.contains(' '))
        {
            ck.error(
                &path.field("url"),
                format!("source url `{url}` should be a full https:// address"),
            );
        }
    }

    // Cards.
    if file.cards.len() < 2 {
        ck.error(&root.field("cards"), "a deck needs at least two cards");
    }
    let mut card_index: HashMap<&str, usize> = HashMap::new();
    for (i, c) in file.cards.iter().enumerate() {
        let path = root.field("cards").index(i);
        ck.id(&path.field("id"), "card id", &c.id);
        if card_index.insert(c.id.as_str(), i).is_some() {
            ck.error(
                &path.field("id"),
                format!("card id `{}` is used by two cards", c.id),
            );
        }
        ck.text(
            &path.field("title"),
            &format!("the title of card `{}`", c.id),
            &c.title,
            limits::CARD_TITLE,
        );
        ck.text(
            &path.field("face"),
            &format!("the face text of card `{}`", c.id),
            &c.face,
            limits::CARD_FACE,
        );
        ck.text(
            &path.field("back"),
            &format!("the back text of card `{}`", c.id),
            &c.back,
            limits::CARD_BACK,
        );
        if c.sources.is_empty() {
            ck.error(
                &path.field("sources"),
                format!("card `{}` cites no source", c.id),
            );
        }
        for (j, s) in c.sources.iter().enumerate() {
            if !source_ids.contains(s.as_str()) {
                ck.error(
                    &path.field("sources").index(j),
                    format!(
                        "card `{}` cites source `{s}`, which is not in the deck's sources",
                        c.id
                    ),
                );
            }
        }
        if let Some(date) = &c.date {
            ck.text(
                &path.field("date"),
                &format!("the date of card `{}`", c.id),
                date,
                limits::DATE,
            );
        }
        if let Some(image) = &c.image {
            let ok = image.ends_with(".png")
                && !image.starts_with('/')
                && !image.contains("..")
                && !image.contains("://");
            if !ok {
                ck.error(
                    &path.field("image"),
                    format!("image `{image}` should be a .png path inside assets/"),
                );
            }
        }
    }

    // Rounds.
    if file.rounds.is_empty() {
        ck.error(&root.field("rounds"), "the deck has no round");
    }
    let mut round_ids = HashSet::new();
    let mut used_cards: HashSet<&str> = HashSet::new();
    let mut rounds = Vec::new();
    for (i, r) in file.rounds.iter().enumerate() {
        let path = root.field("rounds").index(i);
        ck.id(&path.field("id"), "round id", &r.id);
        if !round_ids.insert(r.id.as_str()) {
            ck.error(
                &path.field("id"),
                format!("round id `{}` is used twice", r.id),
            );
        }
        ck.text(
            &path.field("title"),
            "the round title",
            &r.title,
            limits::ROUND_TITLE,
        );
        ck.text(
            &path.field("intro"),
            "the round intro",
            &r.intro,
            limits::ROUND_TEXT,
        );
        ck.text(
            &path.field("debrief"),
            "the round debrief",
            &r.debrief,
            limits::ROUND_TEXT,
        );
        if let Some(kind) = check_play(&mut ck, &path, r, &card_index, &mut used_cards) {
            rounds.push(Round {
                id: r.id.clone(),
                title: r.title.trim().to_owned(),
                intro: r.intro.trim().to_owned(),
                debrief: r.debrief.trim().to_owned(),
                kind,
            });
        }
    }
    for (i, c) in file.cards.iter().enumerate() {
        if !used_cards.contains(c.id.as_str()) {
            ck.warning(
                &root.field("cards").index(i).field("id"),
                format!("card `{}` is not used by any round", c.id),
            );
        }
    }

    let has_errors = ck.problems.iter().any(Diagnostic::is_error);
    let deck = match language {
        Some(language) if !has_errors => Some(Deck {
            id: file.id.clone(),
            language,
            title: file.title.trim().to_owned(),
            description: file.description.trim().to_owned(),
            duration_minutes: file.duration_minutes,
            audience: file.audience.trim().to_owned(),
            sources: file
                .sources
                .iter()
                .map(|s| Source {
                    id: s.id.clone(),
                    title: s.title.trim().to_owned(),
                    url: s.url.clone(),
                })
                .collect(),
            cards: file
                .cards
                .iter()
                .map(|c| Card {
                    id: CardId::new(&c.id),
                    title: c.title.trim().to_owned(),
                    face: c.face.trim().to_owned(),
                    back: c.back.trim().to_owned(),
                    sources: c.sources.clone(),
                    image: c.image.clone(),
                    date: c.date.as_ref().map(|d| d.trim().to_owned()),
                })
                .collect(),
            rounds,
        }),
        _ => None,
    };
    (deck, ck.problems)
}

fn check_play<'f>(
    ck: &mut Checker<'_>,
    path: &Path,
    round: &'f RoundFile,
    card_index: &HashMap<&str, usize>,
    used_cards: &mut HashSet<&'f str>,
) -> Option<RoundKind> {
    let path = path.field("play");
    match &round.play {
        PlayFile::Categories { .. } => {
            check_categories(ck, &path, &round.play, card_index, used_cards)
        }
        PlayFile::Timeline { .. } => check_timeline(ck, &path, &round.play, card_index, used_cards),
        PlayFile::Matching { .. } => check_matching(ck, &path, &round.play, card_index, used_cards),
        PlayFile::Links {
            lots,
            links,
            wrong_links,
            positions,
        } => {
            // Lots: every card once, every card known.
            if lots.is_empty() {
                ck.error(&path.field("lots"), "a links round needs at least one lot");
            }
            let mut in_round: HashSet<&str> = HashSet::new();
            for (i, lot) in lots.iter().enumerate() {
                let lot_path = path.field("lots").index(i);
                if lot.cards.is_empty() {
                    ck.error(&lot_path.field("cards"), format!("lot {} is empty", i + 1));
                }
                if let Some(title) = &lot.title {
                    ck.text(
                        &lot_path.field("title"),
                        "the lot title",
                        title,
                        limits::LOT_TITLE,
                    );
                }
                for (j, card) in lot.cards.iter().enumerate() {
                    let at = lot_path.field("cards").index(j);
                    if !card_index.contains_key(card.as_str()) {
                        ck.error(&at, format!("unknown card `{card}` in a lot"));
                    } else if !in_round.insert(card.as_str()) {
                        ck.error(&at, format!("card `{card}` is in this round's lots twice"));
                    }
                    used_cards.insert(card.as_str());
                }
            }
            let link_ends = |ck: &mut Checker<'_>, at: &Path, from: &str, to: &str| {
                for (end, name) in [(from, "from"), (to, "to")] {
                    if !card_index.contains_key(end) {
                        ck.error(&at.field(name), format!("unknown card `{end}`"));
                    } else if !in_round.contains(end) {
                        ck.error(
                            &at.field(name),
                            format!("card `{end}` is not in any lot of this round"),
                        );
                    }
                }
                if from == to {
                    ck.error(at, format!("a link goes from `{from}` to itself"));
                }
            };
            // Expected links.
            let mut pairs: Vec<(&str, &str)> = Vec::new();
            if !links.iter().any(|l| l.kind == LinkKindFile::Required) {
                ck.error(
                    &path.field("links"),
                    "a links round needs at least one Required link",
                );
            }
            for (i, l) in links.iter().enumerate() {
                let at = path.field("links").index(i);
                link_ends(ck, &at, &l.from, &l.to);
                ck.text(&at.field("why"), "the link's why", &l.why, limits::WHY);
                if let Some(reverse) = &l.reverse {
                    ck.text(
                        &at.field("reverse"),
                        "the why of the reverse arrow",
                        reverse,
                        limits::WHY,
                    );
                    if wrong_links.iter().any(|w| w.from == l.to && w.to == l.from) {
                        ck.error(
                            &at.field("reverse"),
                            format!(
                                "`{}` → `{}` is accepted both ways here but listed as a wrong link",
                                l.to, l.from
                            ),
                        );
                    }
                }
                let pair = (l.from.as_str(), l.to.as_str());
                if pairs.contains(&pair) || pairs.contains(&(pair.1, pair.0)) {
                    ck.error(
                        &at,
                        format!(
                            "the reference links `{}` and `{}` twice (one link per pair of cards)",
                            l.from, l.to
                        ),
                    );
                }
                pairs.push(pair);
            }
            for (i, w) in wrong_links.iter().enumerate() {
                let at = path.field("wrong_links").index(i);
                link_ends(ck, &at, &w.from, &w.to);
                ck.text(
                    &at.field("why"),
                    "the wrong link's why",
                    &w.why,
                    limits::WHY,
                );
                if pairs.contains(&(w.from.as_str(), w.to.as_str())) {
                    ck.error(
                        &at,
                        format!(
                            "`{}` → `{}` is both an expected link and a wrong link",
                            w.from, w.to
                        ),
                    );
                }
                if wrong_links[..i]
                    .iter()
                    .any(|o| o.from == w.from && o.to == w.to)
                {
                    ck.error(
                        &at,
                        format!("wrong link `{}` → `{}` is listed twice", w.from, w.to),
                    );
                }
            }
            round_size_at_most(
                ck,
                &path.field("lots"),
                in_round.len(),
                limits::MAX_LINKS_ROUND_CARDS,
            );
            if links.len() > limits::MAX_ROUND_LINKS {
                ck.error(
                    &path.field("links"),
                    format!(
                        "a round has at most {} expected links (this one has {})",
                        limits::MAX_ROUND_LINKS,
                        links.len()
                    ),
                );
            }
            for (i, at_file) in positions.iter().enumerate() {
                let at = path.field("positions").index(i);
                if !in_round.contains(at_file.card.as_str()) {
                    ck.error(
                        &at.field("card"),
                        format!("card `{}` is not in any lot of this round", at_file.card),
                    );
                }
                if positions[..i].iter().any(|o| o.card == at_file.card) {
                    ck.error(
                        &at.field("card"),
                        format!("card `{}` has two positions", at_file.card),
                    );
                }
                if !Pos::new(at_file.x, at_file.y).is_on_board() {
                    ck.error(
                        &at,
                        format!(
                            "({}, {}) is outside the board (x from -{BOARD_HALF_WIDTH} to {BOARD_HALF_WIDTH}, y from -{BOARD_HALF_HEIGHT} to {BOARD_HALF_HEIGHT})",
                            at_file.x, at_file.y
                        ),
                    );
                }
            }
            Some(RoundKind::Links(LinksRound {
                positions: positions
                    .iter()
                    .map(|a| (CardId::new(&a.card), Pos::new(a.x, a.y)))
                    .collect(),
                lots: lots
                    .iter()
                    .map(|lot| Lot {
                        title: lot.title.as_ref().map(|t| t.trim().to_owned()),
                        cards: lot.cards.iter().map(CardId::new).collect(),
                    })
                    .collect(),
                links: links
                    .iter()
                    .map(|l| ExpectedLink {
                        from: CardId::new(&l.from),
                        to: CardId::new(&l.to),
                        kind: match l.kind {
                            LinkKindFile::Required => LinkKind::Required,
                            LinkKindFile::Optional => LinkKind::Optional,
                        },
                        why: l.why.trim().to_owned(),
                        reverse: l.reverse.as_ref().map(|r| r.trim().to_owned()),
                    })
                    .collect(),
                wrong_links: wrong_links
                    .iter()
                    .map(|w| WrongLink {
                        from: CardId::new(&w.from),
                        to: CardId::new(&w.to),
                        why: w.why.trim().to_owned(),
                    })
                    .collect(),
            }))
        }
    }
}

/// Records that the cards of a round exist and are listed once; returns whether `card` is new
/// and known.
fn round_card<'f>(
    ck: &mut Checker<'_>,
    at: &Path,
    card: &'f str,
    card_index: &HashMap<&str, usize>,
    in_round: &mut HashSet<&'f str>,
    used_cards: &mut HashSet<&'f str>,
) -> bool {
    used_cards.insert(card);
    if !card_index.contains_key(card) {
        ck.error(at, format!("unknown card `{card}`"));
        false
    } else if !in_round.insert(card) {
        ck.error(at, format!("card `{card}` is listed twice in this round"));
        false
    } else {
        true
    }
}

fn round_size(ck: &mut Checker<'_>, path: &Path, count: usize) {
    round_size_at_most(ck, path, count, limits::MAX_ROUND_CARDS);
}

fn round_size_at_most(ck: &mut Checker<'_>, path: &Path, count: usize, max: usize) {
    if count > max {
        ck.error(
            path,
            format!("this round has {count} cards, at most {max} fit on the board"),
        );
    }
}

fn check_categories<'f>(
    ck: &mut Checker<'_>,
    path: &Path,
    play: &'f PlayFile,
    card_index: &HashMap<&str, usize>,
    used_cards: &mut HashSet<&'f str>,
) -> Option<RoundKind> {
    let PlayFile::Categories {
        zones,
        cards,
        wrong_zones,
    } = play
    else {
        return None;
    };
    if !(limits::MIN_ZONES..=limits::MAX_ZONES).contains(&zones.len()) {
        ck.error(
            &path.field("zones"),
            format!(
                "a categories round needs {} to {} zones, this one has {}",
                limits::MIN_ZONES,
                limits::MAX_ZONES,
                zones.len()
            ),
        );
    }
    let mut zone_ids: HashSet<&str> = HashSet::new();
    for (i, z) in zones.iter().enumerate() {
        let at = path.field("zones").index(i);
        ck.id(&at.field("id"), "zone id", &z.id);
        if !zone_ids.insert(z.id.as_str()) {
            ck.error(&at.field("id"), format!("zone id `{}` is used twice", z.id));
        }
        ck.text(
            &at.field("label"),
            &format!("the label of zone `{}`", z.id),
            &z.label,
            limits::ZONE_LABEL,
        );
        if let Some(d) = &z.description {
            ck.text(
                &at.field("description"),
                &format!("the description of zone `{}`", z.id),
                d,
                limits::ZONE_DESCRIPTION,
            );
        }
    }
    if cards.len() < 2 {
        ck.error(
            &path.field("cards"),
            "a categories round needs at least two cards",
        );
    }
    round_size(ck, &path.field("cards"), cards.len());
    let mut in_round = HashSet::new();
    for (i, c) in cards.iter().enumerate() {
        let at = path.field("cards").index(i);
        round_card(
            ck,
            &at.field("card"),
            &c.card,
            card_index,
            &mut in_round,
            used_cards,
        );
        if c.zones.is_empty() {
            ck.error(
                &at.field("zones"),
                format!(
                    "card `{}` has no zone: list the zone(s) where it is right",
                    c.card
                ),
            );
        }
        for (j, z) in c.zones.iter().enumerate() {
            if !zone_ids.contains(z.as_str()) {
                ck.error(
                    &at.field("zones").index(j),
                    format!("unknown zone `{z}` for card `{}`", c.card),
                );
            } else if c.zones[..j].contains(z) {
                ck.error(
                    &at.field("zones").index(j),
                    format!("zone `{z}` is listed twice"),
                );
            }
        }
        ck.text(
            &at.field("why"),
            &format!("the why of card `{}`", c.card),
            &c.why,
            limits::WHY,
        );
    }
    for (i, w) in wrong_zones.iter().enumerate() {
        let at = path.field("wrong_zones").index(i);
        match cards.iter().find(|c| c.card == w.card) {
            None => ck.error(
                &at.field("card"),
                format!("card `{}` is not sorted in this round", w.card),
            ),
            Some(c) if c.zones.contains(&w.zone) => ck.error(
                &at.field("zone"),
                format!("zone `{}` is a right zone of card `{}`", w.zone, w.card),
            ),
            Some(_) => {}
        }
        if !zone_ids.contains(w.zone.as_str()) {
            ck.error(&at.field("zone"), format!("unknown zone `{}`", w.zone));
        }
        if wrong_zones[..i]
            .iter()
            .any(|o| o.card == w.card && o.zone == w.zone)
        {
            ck.error(
                &at,
                format!("wrong zone `{}` for `{}` is listed twice", w.zone, w.card),
            );
        }
        ck.text(
            &at.field("why"),
            "the wrong zone's why",
            &w.why,
            limits::WHY,
        );
    }
    Some(RoundKind::Categories(CategoriesRound {
        zones: zones
            .iter()
            .map(|z| Zone {
                id: z.id.clone(),
                label: z.label.trim().to_owned(),
                description: z.description.as_ref().map(|d| d.trim().to_owned()),
            })
            .collect(),
        cards: cards
            .iter()
            .map(|c| SortedCard {
                card: CardId::new(&c.card),
                zones: c.zones.clone(),
                why: c.why.trim().to_owned(),
            })
            .collect(),
        wrong_zones: wrong_zones
            .iter()
            .map(|w| WrongZone {
                card: CardId::new(&w.card),
                zone: w.zone.clone(),
                why: w.why.trim().to_owned(),
            })
            .collect(),
    }))
}

fn check_timeline<'f>(
    ck: &mut Checker<'_>,
    path: &Path,
    play: &'f PlayFile,
    card_index: &HashMap<&str, usize>,
    used_cards: &mut HashSet<&'f str>,
) -> Option<RoundKind> {
    let PlayFile::Timeline { steps } = play else {
        return None;
    };
    if steps.len() < limits::MIN_STEPS {
        ck.error(
            &path.field("steps"),
            format!(
                "a timeline needs at least {} steps, this one has {}",
                limits::MIN_STEPS,
                steps.len()
            ),
        );
    }
    round_size(ck, &path.field("steps"), steps.iter().map(Vec::len).sum());
    let mut in_round = HashSet::new();
    for (i, step) in steps.iter().enumerate() {
        let at = path.field("steps").index(i);
        if step.is_empty() {
            ck.error(&at, format!("step {} is empty", i + 1));
        }
        for (j, card) in step.iter().enumerate() {
            round_card(
                ck,
                &at.index(j),
                card,
                card_index,
                &mut in_round,
                used_cards,
            );
        }
    }
    Some(RoundKind::Timeline(TimelineRound {
        steps: steps
            .iter()
            .map(|s| s.iter().map(CardId::new).collect())
            .collect(),
    }))
}

fn check_matching<'f>(
    ck: &mut Checker<'_>,
    path: &Path,
    play: &'f PlayFile,
    card_index: &HashMap<&str, usize>,
    used_cards: &mut HashSet<&'f str>,
) -> Option<RoundKind> {
    let PlayFile::Matching { pairs, wrong_pairs } = play else {
        return None;
    };
    if pairs.len() < limits::MIN_PAIRS {
        ck.error(
            &path.field("pairs"),
            format!(
                "a matching round needs at least {} pairs",
                limits::MIN_PAIRS
            ),
        );
    }
    round_size(
        ck,
        &path.field("pairs"),
        pairs.iter().map(|p| 1 + p.right.len()).sum(),
    );
    let mut in_round = HashSet::new();
    for (i, p) in pairs.iter().enumerate() {
        let at = path.field("pairs").index(i);
        round_card(
            ck,
            &at.field("left"),
            &p.left,
            card_index,
            &mut in_round,
            used_cards,
        );
        if p.right.is_empty() {
            ck.error(
                &at.field("right"),
                format!("the pair of `{}` has no right side", p.left),
            );
        }
        for (j, r) in p.right.iter().enumerate() {
            round_card(
                ck,
                &at.field("right").index(j),
                r,
                card_index,
                &mut in_round,
                used_cards,
            );
        }
        ck.text(&at.field("why"), "the pair's why", &p.why, limits::WHY);
    }
    let paired = |a: &str, b: &str| {
        pairs.iter().any(|p| {
            (p.left == a && p.right.iter().any(|r| r == b))
                || (p.left == b && p.right.iter().any(|r| r == a))
        })
    };
    for (i, w) in wrong_pairs.iter().enumerate() {
        let at = path.field("wrong_pairs").index(i);
        for (end, name) in [(&w.left, "left"), (&w.right, "right")] {
            if !in_round.contains(end.as_str()) {
                ck.error(
                    &at.field(name),
                    format!("card `{end}` is not in this round's pairs"),
                );
            }
        }
        if w.left == w.right {
            ck.error(&at, format!("a wrong pair joins `{}` with itself", w.left));
        } else if paired(&w.left, &w.right) {
            ck.error(
                &at,
                format!("`{}` and `{}` are a right pair", w.left, w.right),
            );
        }
        ck.text(
            &at.field("why"),
            "the wrong pair's why",
            &w.why,
            limits::WHY,
        );
    }
    Some(RoundKind::Matching(MatchingRound {
        pairs: pairs
            .iter()
            .map(|p| Pair {
                left: CardId::new(&p.left),
                right: p.right.iter().map(CardId::new).collect(),
                why: p.why.trim().to_owned(),
            })
            .collect(),
        wrong_pairs: wrong_pairs
            .iter()
            .map(|w| WrongPair {
                left: CardId::new(&w.left),
                right: CardId::new(&w.right),
                why: w.why.trim().to_owned(),
            })
            .collect(),
    }))
}
