//! Interface texts in French (default) and English.
//!
//! Every text has a [`Key`]; the tables are `assets/i18n/fr.ron` and `assets/i18n/en.ron`,
//! compiled into the game. A test checks that both tables have every key, so a missing
//! translation fails the build's tests rather than showing an empty button.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

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
    OtherLanguage,
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
    ExportHint,
    ExportPng,
    ExportJson,
    BoardReopened,
    BoardFileUnreadable,
    BoardFileNewer,
    BoardFileUnknownDeck,
    BoardFileDeckChanged,
    BoardFileReplay,
}

type Table = HashMap<Key, String>;

fn parse_table(name: &str, text: &str) -> Table {
    ron::from_str(text).unwrap_or_else(|e| panic!("assets/i18n/{name}: {e}"))
}

fn table(lang: Language) -> &'static Table {
    static FR: OnceLock<Table> = OnceLock::new();
    static EN: OnceLock<Table> = OnceLock::new();
    match lang {
        Language::Fr => FR.get_or_init(|| parse_table("fr.ron", FR_RON)),
        Language::En => EN.get_or_init(|| parse_table("en.ron", EN_RON)),
    }
}

const FR_RON: &str = include_str!("../../../assets/i18n/fr.ron");
const EN_RON: &str = include_str!("../../../assets/i18n/en.ron");

/// The text of `key` in `lang` (French if the translation is missing).
pub fn tr(lang: Language, key: Key) -> &'static str {
    table(lang)
        .get(&key)
        .or_else(|| table(Language::Fr).get(&key))
        .map_or("…", String::as_str)
}

/// The text of `key` with `{name}` placeholders replaced.
pub fn trf(lang: Language, key: Key, args: &[(&str, &dyn Display)]) -> String {
    let mut text = tr(lang, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

/// Keys missing from a language's table (empty when complete).
pub fn missing_keys(lang: Language) -> Vec<Key> {
    Key::ALL
        .iter()
        .copied()
        .filter(|k| !table(lang).contains_key(k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key() {
        for lang in Language::ALL {
            assert_eq!(missing_keys(lang), vec![], "missing in {}", lang.code());
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let placeholders = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
                .collect();
            v.sort();
            v
        };
        for key in Key::ALL {
            assert_eq!(
                placeholders(tr(Language::Fr, *key)),
                placeholders(tr(Language::En, *key)),
                "{key:?}"
            );
        }
    }

    #[test]
    fn formatting_replaces_placeholders() {
        let s = trf(Language::Fr, Key::NextLot, &[("n", &2), ("total", &4)]);
        assert!(
            s.contains('2') && s.contains('4') && !s.contains('{'),
            "{s}"
        );
    }
}
