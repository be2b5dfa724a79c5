//! Interface texts: French (default), English, and any language with a table.
//!
//! Every text has a [`Key`]; the tables are `assets/i18n/<code>.ron` (`fr.ron`, `en.ron`…),
//! compiled into the game: `build.rs` lists the folder, so adding a language is adding its
//! file (docs/translate.md). A text missing from a table falls back to English, then French,
//! key by key. Tests check that every shipped table has every key with the same `{placeholders}`
//! as French, so a missing translation fails the tests rather than showing an empty button.
//! [`add_language`] registers one more table at run time (tests use a pseudo-locale).

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::{OnceLock, PoisonError, RwLock};

use serde::Deserialize;

pub use crate::rules::Language;

macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// The key of an interface text.
        #[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    AppTitle,
    AppSubtitle,
    Loading,
    LoadingDecks,
    Play,
    ChooseDeck,
    Back,
    LanguageName,
    DeckMeta,
    DeckBroken,
    NoDecks,
    ErrorsHeading,
    RoundLabel,
    NextLot,
    AllLotsOut,
    Check,
    Retry,
    Quit,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Hand,
    HandEmpty,
    Instructions,
    Start,
    Hint,
    VerdictCorrect,
    VerdictAcceptable,
    VerdictWrong,
    ReasonReversed,
    ReasonNotInReference,
    Result,
    Summary,
    Perfect,
    MissingHeading,
    MissingOthers,
    LinksHeading,
    Unplaced,
    Debrief,
    CardBack,
    Sources,
    LinkFrom,
    LinkPick,
    Cancel,
    ReturnToHand,
    Close,
    LinkRemoved,
    ErrUnknownCard,
    ErrNotInHand,
    ErrAlreadyPlaced,
    ErrNotOnBoard,
    ErrOutsideBoard,
    ErrSelfLink,
    ErrAlreadyLinked,
    ErrNoSuchLink,
    ErrNoMoreLots,
    ErrBoardLocked,
    ErrNotChecked,
    FatalError,
    ShowSolution,
    RestartRound,
    PrevRound,
    NextRound,
    Finish,
    HintCategories,
    HintTimeline,
    HintMatching,
    TimelineStart,
    TimelineEnd,
    VerdictRightZone,
    VerdictWrongZone,
    VerdictInPlace,
    VerdictMisplaced,
    NoZone,
    BelongsIn,
    BelongsAt,
    BelongsAfter,
    BelongsBefore,
    SummaryPlacement,
    SummaryMatching,
    PerfectPlacement,
    PairsHeading,
    MissingPairsHeading,
    CardsHeading,
    SolutionShown,
    SummaryTitle,
    SummaryRound,
    NotChecked,
    Checks,
    MisconceptionsMet,
    NoMisconception,
    ReviewRound,
    PlayAgain,
    RoundProgress,
    ErrNoLinks,
    ErrNotPairing,
    ErrConflict,
    ErrTableLocked,
    ErrFacilitatorOnly,
    ErrNotSeated,
    ErrFollowing,
    ErrOffline,
    ErrUnknownRound,
    ErrRoundNotReached,
    ErrRoundsNotChecked,
    ErrFinished,
    MissingOtherPairs,
    Workshops,
    RunWorkshop,
    JoinWorkshop,
    ResumeWorkshop,
    WorkshopNeedsServer,
    HostTitle,
    HostIntro,
    HostTables,
    HostDeal,
    DealToPlayers,
    DealToTable,
    CreateWorkshop,
    ChooseDeckFirst,
    Connecting,
    JoinTitle,
    JoinIntro,
    BadRoomCode,
    ChooseTable,
    PlayingAs,
    TableEmpty,
    TableWith,
    Anonymous,
    RoomCode,
    DealLot,
    LockAll,
    UnlockAll,
    CheckAll,
    SolutionAll,
    NextRoundAll,
    TimerMinutes,
    TimerPause,
    TimerResume,
    TimerStop,
    TimerPausedMark,
    StopFollow,
    ShowToAll,
    EndWorkshop,
    TableN,
    NobodyYet,
    TableStats,
    PhasePlaying,
    ViewTable,
    Lock,
    Unlock,
    LeaveConsole,
    BackToConsole,
    LeaveWorkshop,
    RoomLabel,
    Locked,
    FollowingTable,
    Reconnecting,
    WorkshopOffline,
    ReconnectingOne,
    ReconnectingMany,
    HeldBy,
    PlayerN,
    DebriefTitle,
    SharedMisconceptions,
    AtTables,
    TablesResults,
    WorkshopReload,
    UnknownRoom,
    WrongSecret,
    TableFull,
    WorkshopFull,
    RateLimited,
    UnknownDeckOnServer,
    WorkshopError,
    TimeLeft,
    TableLocked,
    KindLinks,
    KindCategories,
    KindTimeline,
    KindMatching,
    DeckRounds,
    DeckMetaShort,
    PrintCards,
    OpenDeckFile,
    DeckFileHint,
    OwnDeck,
    RemoveDeck,
    DeckFileAdded,
    DeckFileTooLarge,
    DeckFileBinary,
    DeckFileErrors,
    SavedDecksUnreadable,
    ExportBoard,
    MoveFrom,
    MirrorTitle,
    BackInHand,
    MirrorCancel,
    MirrorHelp,
    MirrorBoard,
    MirrorHand,
    MirrorHandEmpty,
    MirrorOnBoard,
    MirrorBoardEmpty,
    MirrorInZone,
    MirrorOutsideZones,
    MirrorAtPlace,
    MirrorLeadsTo,
    MirrorComesFrom,
    MirrorNoArrow,
    MirrorNoPartner,
    MirrorPairedWith,
    MirrorPlace,
    MirrorChoose,
    MirrorMove,
    MirrorPairFrom,
    MirrorLinkFrom,
    MirrorReturn,
    MirrorWhereTo,
    MirrorToZone,
    MirrorFirst,
    MirrorAfter,
    MirrorWith,
    MirrorArrowFrom,
    MirrorLinkTo,
    MirrorArrows,
    MirrorPairs,
    MirrorArrow,
    MirrorPair,
    MirrorRemoveArrow,
    MirrorUnpair,
    MovePick,
    Undo,
    Redo,
    Undone,
    Redone,
    ErrNothingToUndo,
    ErrNothingToRedo,
    ResumeGame,
    ResumeShort,
    SaveUnreadable,
    SaveNewer,
    SaveCannotResume,
    FacilitatorGuide,
    ExportHint,
    ExportPng,
    ExportJson,
    BoardReopened,
    BoardFileUnreadable,
    BoardFileNewer,
    BoardFileUnknownDeck,
    BoardFileDeckChanged,
    BoardFileReplay,
    DeckFileNoInterface,
}

type Table = HashMap<Key, String>;

include!(concat!(env!("OUT_DIR"), "/i18n_tables.rs"));

/// A table that cannot be registered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum I18nError {
    #[error(transparent)]
    BadCode(#[from] crate::rules::BadLanguageCode),
    /// The RON text does not parse: the file and `line:col: message`.
    #[error("{file}:{message}")]
    Parse { file: String, message: String },
}

fn parse_table(file: &str, text: &str) -> Result<Table, I18nError> {
    ron::from_str(text).map_err(|e| I18nError::Parse {
        file: file.to_owned(),
        message: e.to_string(),
    })
}

/// The interface languages and their tables (tables live as long as the program).
fn registry() -> &'static RwLock<Vec<(Language, &'static Table)>> {
    static REGISTRY: OnceLock<RwLock<Vec<(Language, &'static Table)>>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let tables = BUILT_IN
            .iter()
            .map(|(code, text)| {
                let file = format!("assets/i18n/{code}.ron");
                let lang = Language::parse(code).unwrap_or_else(|e| panic!("{file}: {e}"));
                let table = parse_table(&file, text).unwrap_or_else(|e| panic!("{e}"));
                (lang, &*Box::leak(Box::new(table)))
            })
            .collect();
        RwLock::new(tables)
    })
}

fn table(lang: Language) -> Option<&'static Table> {
    let tables = registry().read().unwrap_or_else(PoisonError::into_inner);
    tables.iter().find(|(l, _)| *l == lang).map(|(_, t)| *t)
}

/// French first, then English, then the others by code.
fn interface_order(languages: &mut [Language]) {
    languages.sort_by_key(|l| (*l != Language::FR, *l != Language::EN, *l));
}

/// The languages the interface speaks (French, English, then the others by code), including
/// those added with [`add_language`].
pub fn languages() -> Vec<Language> {
    let tables = registry().read().unwrap_or_else(PoisonError::into_inner);
    let mut languages: Vec<Language> = tables.iter().map(|(l, _)| *l).collect();
    interface_order(&mut languages);
    languages
}

/// The languages of the tables in `assets/i18n/` (the same order as [`languages`]).
pub fn shipped_languages() -> Vec<Language> {
    let mut languages: Vec<Language> = BUILT_IN
        .iter()
        .filter_map(|(code, _)| Language::parse(code).ok())
        .collect();
    interface_order(&mut languages);
    languages
}

/// Whether the interface has a table for `lang`.
pub fn has_language(lang: Language) -> bool {
    table(lang).is_some()
}

/// The interface language a page address asks for (`?lang=pt-BR`): a well-formed code with a
/// table; anything else is `None` (the game stays in French).
pub fn requested(code: &str) -> Option<Language> {
    Language::parse(code).ok().filter(|l| has_language(*l))
}

/// Registers the table `ron_text` for the language `code` (replacing an earlier one), so that
/// [`languages`] lists it and [`tr`] reads it. For tests: shipped languages are files.
pub fn add_language(code: &str, ron_text: &str) -> Result<Language, I18nError> {
    let lang = Language::parse(code)?;
    let table: &'static Table = Box::leak(Box::new(parse_table(&format!("{code}.ron"), ron_text)?));
    let mut tables = registry().write().unwrap_or_else(PoisonError::into_inner);
    match tables.iter_mut().find(|(l, _)| *l == lang) {
        Some(entry) => entry.1 = table,
        None => tables.push((lang, table)),
    }
    Ok(lang)
}

/// The text of `key` in `lang`; if that table lacks it, in English, then in French.
pub fn tr(lang: Language, key: Key) -> &'static str {
    [lang, Language::EN, Language::FR]
        .into_iter()
        .find_map(|l| table(l)?.get(&key))
        .map_or("…", String::as_str)
}

/// A language's name in itself ("Français", "English"), or its code if its table lacks it.
pub fn language_name(lang: Language) -> String {
    table(lang)
        .and_then(|t| t.get(&Key::LanguageName))
        .map_or_else(|| lang.code().to_owned(), String::clone)
}

/// The text of `key` with `{name}` placeholders replaced.
pub fn trf(lang: Language, key: Key, args: &[(&str, &dyn Display)]) -> String {
    let mut text = tr(lang, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

/// The interface languages with their codes, for messages: "Français (fr), English (en)".
pub fn languages_named() -> String {
    languages()
        .into_iter()
        .map(|l| format!("{} ({l})", language_name(l)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keys missing from a language's table (every key without a table).
pub fn missing_keys(lang: Language) -> Vec<Key> {
    Key::ALL
        .iter()
        .copied()
        .filter(|k| table(lang).is_none_or(|t| !t.contains_key(k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test-only pseudo-locale (not shipped).
    const PSEUDO: &str = include_str!("../../../tests/fixtures/i18n/en-XA.ron");

    fn placeholders(s: &str) -> Vec<String> {
        let mut v: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn french_and_english_are_shipped_first() {
        let shipped = shipped_languages();
        assert_eq!(shipped[..2], [Language::FR, Language::EN]);
        assert_eq!(shipped.len(), BUILT_IN.len());
        assert!(shipped[2..].is_sorted());
    }

    #[test]
    fn every_shipped_language_has_every_key() {
        for lang in shipped_languages() {
            assert_eq!(missing_keys(lang), vec![], "missing in {lang}.ron");
        }
    }

    #[test]
    fn placeholders_match_french_in_every_shipped_language() {
        for lang in shipped_languages() {
            let table = table(lang).expect("a shipped table");
            for key in Key::ALL {
                assert_eq!(
                    placeholders(tr(Language::FR, *key)),
                    placeholders(table.get(key).map_or("", String::as_str)),
                    "{lang}.ron: {key:?}"
                );
            }
        }
    }

    #[test]
    fn each_language_names_itself() {
        assert_eq!(language_name(Language::FR), "Français");
        assert_eq!(language_name(Language::EN), "English");
        let unknown = Language::parse("zz").unwrap();
        assert!(!has_language(unknown));
        assert_eq!(language_name(unknown), "zz");
        assert_eq!(missing_keys(unknown).len(), Key::ALL.len());
        // Without a table, texts are in English.
        assert_eq!(tr(unknown, Key::Play), tr(Language::EN, Key::Play));
    }

    #[test]
    fn a_registered_language_is_listed_and_falls_back_to_english_key_by_key() {
        let pseudo = add_language("en-XA", PSEUDO).expect("the fixture table parses");
        assert_eq!(pseudo.code(), "en-XA");
        assert!(has_language(pseudo));
        let listed = languages();
        assert_eq!(listed[..2], [Language::FR, Language::EN]);
        assert!(listed.contains(&pseudo), "{listed:?}");
        assert!(!shipped_languages().contains(&pseudo), "only a test's");

        assert_eq!(tr(pseudo, Key::AppTitle), "[Ƒŕéšqüé ðé ļå ðémöçŕåţîé]");
        assert_eq!(language_name(pseudo), "[Ƥšéüðö Éñĝļîšĥ]");
        assert_eq!(
            trf(pseudo, Key::LoadingDecks, &[("n", &1), ("total", &3)]),
            "[Ļöåðîñĝ ðéçķš: 1 öƒ 3]"
        );
        // The keys it has keep French's placeholders, like a shipped table.
        for key in Key::ALL
            .iter()
            .filter(|k| !missing_keys(pseudo).contains(k))
        {
            assert_eq!(
                placeholders(tr(pseudo, *key)),
                placeholders(tr(Language::FR, *key)),
                "en-XA: {key:?}"
            );
        }
        // Keys the fixture lacks come out in English, not French.
        assert!(missing_keys(pseudo).contains(&Key::Back));
        assert_eq!(tr(pseudo, Key::Back), tr(Language::EN, Key::Back));
        assert_ne!(tr(pseudo, Key::Back), tr(Language::FR, Key::Back));

        // `?lang=en-XA` now opens the game in it.
        assert_eq!(requested("en-XA"), Some(pseudo));

        // Registering again replaces, without listing it twice.
        add_language("en-XA", PSEUDO).unwrap();
        assert_eq!(languages().iter().filter(|l| **l == pseudo).count(), 1);
    }

    #[test]
    fn a_bad_table_is_refused_with_its_place() {
        let e = add_language("en_XA", PSEUDO).unwrap_err();
        assert!(matches!(e, I18nError::BadCode(_)), "{e}");
        assert!(
            e.to_string().contains("`en_XA` is not a language code"),
            "{e}"
        );

        let e = add_language("xx", "{\n    Play: \"ok\",\n    NoSuchKey: \"?\",\n}").unwrap_err();
        let shown = e.to_string();
        assert!(shown.starts_with("xx.ron:3:"), "{shown}");
        assert!(shown.contains("NoSuchKey"), "{shown}");
        assert!(!has_language(Language::parse("xx").unwrap()));
    }

    #[test]
    fn a_page_may_ask_for_any_interface_language_and_nothing_else() {
        assert_eq!(requested("en"), Some(Language::EN));
        assert_eq!(requested("fr"), Some(Language::FR));
        for code in ["de", "zz-ZZ", "EN", "en_GB", "english", ""] {
            assert_eq!(requested(code), None, "{code}");
        }
    }

    #[test]
    fn formatting_replaces_placeholders() {
        let s = trf(Language::FR, Key::NextLot, &[("n", &2), ("total", &4)]);
        assert!(
            s.contains('2') && s.contains('4') && !s.contains('{'),
            "{s}"
        );
    }
}
