//! Integration tests of `fresque-core`: the `deck-check` command on malformed decks: each problem gets its `file:line:col` and a
//! clear message, the exit status says whether the files are valid, and nothing panics.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root folder (the fixtures and shipped decks are there).
fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/decks").join(name)
}

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn deck_check(files: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_deck-check"))
        .current_dir(root())
        .args(files.iter().map(|f| format!("tests/fixtures/decks/{f}")))
        .output()
        .expect("deck-check runs");
    Run {
        status: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 output"),
    }
}

/// Runs the checker on one fixture and returns its lines; it must fail without panicking.
fn problems(file: &str) -> Vec<String> {
    assert!(fixture(file).exists(), "{file} exists");
    let run = deck_check(&[file]);
    assert!(!run.stderr.contains("panicked"), "{file}: {}", run.stderr);
    assert_eq!(run.status, 1, "{file} is invalid:\n{}", run.stdout);
    run.stdout.lines().map(str::to_owned).collect()
}

fn assert_single(file: &str, expected: &str) {
    assert_eq!(
        problems(file),
        vec![format!("tests/fixtures/decks/{file}:{expected}")]
    );
}

#[test]
fn valid_decks_pass() {
    let run = deck_check(&["valid.fr.ron", "valid.en.ron"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("2 deck file(s) checked, 0 error(s)"));
}

#[test]
fn the_shipped_manifest_and_decks_pass() {
    let output = Command::new(env!("CARGO_BIN_EXE_deck-check"))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn empty_and_blank_files() {
    assert_single("empty.ron", "1:1: error: the file is empty");
    assert_single("whitespace.ron", "1:1: error: the file is empty");
}

#[test]
fn binary_and_non_utf8_files() {
    assert_single(
        "binary.ron",
        "1:1: error: the file is not valid UTF-8 text (save it as UTF-8)",
    );
    assert_single(
        "latin1.ron",
        "5:26: error: the file is not valid UTF-8 text (save it as UTF-8)",
    );
    assert_single(
        "nul.ron",
        "8:20: error: the file contains a NUL byte: is it a binary file?",
    );
}

#[test]
fn truncated_file() {
    assert_single(
        "truncated.ron",
        "21:14: error: the file ends too early: a `)`, `]` or `\"` is probably missing",
    );
}

#[test]
fn syntax_errors_point_at_the_place() {
    assert_single(
        "missing-comma.ron",
        "8:5: error: expected a comma `,` between two values (or a closing bracket)",
    );
    assert_single(
        "unclosed-string.ron",
        "40:21: error: expected a comma `,` between two values (or a closing bracket) \
         (line 39 seems to have a text whose closing `\"` is missing)",
    );
    assert_single("wrong-type.ron", "7:22: error: Expected integer");
}

#[test]
fn unknown_and_missing_fields() {
    assert_single(
        "unknown-field.ron",
        "23:13: error: Unexpected field named `titel` in `Card`, expected one of `id`, \
         `title`, `face`, `back`, `sources`, `image`, or `date` instead",
    );
    assert_single(
        "missing-field.ron",
        "33:9: error: Unexpected missing field named `face` in `Card`",
    );
    assert_single(
        "unknown-kind.ron",
        "50:74: error: Unexpected variant named `Maybe` in enum `LinkKind`, expected either \
         `Required` or `Optional` instead",
    );
    assert_single(
        "unknown-round-kind.ron",
        "42:19: error: Unexpected variant named `Puzzle` in enum `RoundKind`, expected one of \
         `Links`, `Categories`, `Timeline`, or `Matching` instead",
    );
}

#[test]
fn every_content_problem_is_reported_with_its_place() {
    let file = "tests/fixtures/decks/semantic.ron";
    let expected = [
        "4:15: error: `fr_FR` is not a language code: use two lowercase letters (\"fr\", \"de\"), \
         optionally followed by `-` and two capital letters (\"pt-BR\"); did you mean \"fr-FR\"?",
        "7:23: error: duration_minutes should be between 5 and 240",
        "10:67: error: source url `http://exemple` should be a full https:// address",
        "24:19: error: the face text of card `promulgation` is empty",
        "29:17: error: card id `promulgation` is used by two cards",
        "33:23: error: card `promulgation` cites source `X9`, which is not in the deck's sources",
        "45:49: error: unknown card `journal-officiel` in a lot",
        "49:52: error: unknown card `inconnue`",
        "50:21: error: a link goes from `adoption` to itself",
        "53:37: error: unknown card `journal-officiel`",
    ];
    assert_eq!(
        problems("semantic.ron"),
        expected
            .iter()
            .map(|e| format!("{file}:{e}"))
            .collect::<Vec<_>>()
    );
}

/// The valid fixture deck with another `language` value, checked as `deck.ron`.
fn with_language(code: &str) -> fresque_core::content::DeckOutcome {
    let text = std::fs::read_to_string(fixture("valid.fr.ron")).unwrap();
    let text = text.replacen("language: \"fr\"", &format!("language: \"{code}\""), 1);
    fresque_core::content::load_deck("deck.ron", text.as_bytes())
}

#[test]
fn any_well_formed_language_code_is_accepted() {
    for code in ["de", "pt-BR", "en-XA"] {
        let outcome = with_language(code);
        let errors: Vec<String> = outcome.errors().map(ToString::to_string).collect();
        assert_eq!(errors, Vec::<String>::new(), "{code}");
        assert_eq!(outcome.deck.expect("a deck").language.code(), code);
    }
}

#[test]
fn a_malformed_language_code_is_an_error_at_its_place() {
    for (code, hint) in [
        ("FR", "did you mean \"fr\"?"),
        ("fr_FR", "did you mean \"fr-FR\"?"),
    ] {
        let outcome = with_language(code);
        assert!(outcome.deck.is_none(), "{code}");
        let errors: Vec<String> = outcome.errors().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let line = "language: \"fr\"";
        let text = std::fs::read_to_string(fixture("valid.fr.ron")).unwrap();
        let (n, l) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(line))
            .unwrap();
        let col = l.find('"').unwrap() + 1;
        let expected = format!(
            "deck.ron:{}:{col}: error: `{code}` is not a language code",
            n + 1
        );
        assert!(errors[0].starts_with(&expected), "{}", errors[0]);
        assert!(errors[0].contains("two lowercase letters"), "{}", errors[0]);
        assert!(errors[0].ends_with(hint), "{}", errors[0]);
    }
}

#[test]
fn too_long_texts() {
    assert_single(
        "too-long.ron",
        "31:19: error: the face text of card `journal-officiel` is too long: 203 characters, \
         at most 150",
    );
}

#[test]
fn lots_and_links_problems() {
    let lots = problems("bad-lots.ron");
    assert!(
        lots.contains(&"tests/fixtures/decks/bad-lots.ron:44:50: error: lot 1 is empty".into())
    );
    assert!(lots.contains(
        &"tests/fixtures/decks/bad-lots.ron:49:52: error: card `journal-officiel` is not in any \
          lot of this round"
            .into()
    ));
    assert!(lots.contains(
        &"tests/fixtures/decks/bad-lots.ron:29:17: warning: card `journal-officiel` is not used \
          by any round"
            .into()
    ));
    assert_eq!(
        problems("bad-links.ron"),
        vec![
            "tests/fixtures/decks/bad-links.ron:49:21: error: the reference links `promulgation` \
             and `adoption` twice (one link per pair of cards)"
                .to_owned(),
            "tests/fixtures/decks/bad-links.ron:54:21: error: `adoption` → `promulgation` is \
             both an expected link and a wrong link"
                .to_owned(),
        ]
    );
}

#[test]
fn a_link_true_both_ways_and_poster_places_pass() {
    let run = deck_check(&["reverse.fr.ron"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "");
}

#[test]
fn reverse_links_and_poster_places_problems() {
    // Lines are found by text, so the fixture can be edited without renumbering the test.
    let text = std::fs::read_to_string(fixture("bad-reverse.ron")).unwrap();
    let line = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in the fixture"))
            + 1
    };
    let col = |needle: &str, sub: &str| {
        let l = text.lines().find(|l| l.contains(needle)).unwrap();
        l[..l.find(sub).unwrap()].chars().count() + 1
    };
    let empty = line("reverse: \" \"");
    let dup = line("At(card: \"adoption\", x: 0");
    let unknown = line("inconnue");
    let outside = line("x: 9000");
    let reverse = line("reverse: \"Le décret");
    expect_all(
        "bad-reverse.ron",
        &[
            &format!(
                "{reverse}:{}: error: `journal-officiel` → `promulgation` is accepted both ways \
                 here but listed as a wrong link",
                col("reverse: \"Le décret", "\"Le")
            ),
            &format!(
                "{empty}:{}: error: the why of the reverse arrow is empty",
                col("reverse: \" \"", "\" \"")
            ),
            &format!(
                "{empty}:{}: error: `journal-officiel` → `adoption` is accepted both ways here \
                 but listed as a wrong link",
                col("reverse: \" \"", "\" \"")
            ),
            &format!(
                "{dup}:{}: error: card `adoption` has two positions",
                col("At(card: \"adoption\", x: 0", "\"adoption")
            ),
            &format!(
                "{unknown}:{}: error: card `inconnue` is not in any lot of this round",
                col("inconnue", "\"inconnue")
            ),
            &format!(
                "{outside}:{}: error: (9000, 0) is outside the board (x from -3000 to 3000, y \
                 from -1250 to 1250)",
                col("x: 9000", "At(")
            ),
        ],
    );
}

#[test]
fn reverse_links_and_places_are_compared_across_languages() {
    let run = deck_check(&["reverse.fr.ron", "reverse-mismatch.en.ron"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].ends_with("error: the expected links differ from those of reverse.fr.ron")
            || lines[0].contains("the expected links differ"),
        "{}",
        run.stdout
    );
    assert!(
        lines[1].contains("the cards' places in the poster differ"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_deck_with_every_round_kind_passes() {
    let run = deck_check(&["kinds.fr.ron"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
}

fn expect_all(file: &str, expected: &[&str]) {
    assert_eq!(
        problems(file),
        expected
            .iter()
            .map(|e| format!("tests/fixtures/decks/{file}:{e}"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn categories_problems() {
    expect_all(
        "bad-categories.ron",
        &[
            "29:24: error: a categories round needs 2 to 6 zones, this one has 1",
            "33:58: error: card `assemblee` has no zone: list the zone(s) where it is right",
            "34:63: error: unknown zone `pouvoir` for card `senat`",
            "35:38: error: card `senat` is listed twice in this round",
            "39:56: error: zone `vote` is a right zone of card `president`",
        ],
    );
}

#[test]
fn timeline_problems() {
    expect_all(
        "bad-timeline.ron",
        &[
            "47:49: error: unknown card `promulgue`",
            "47:63: error: step 2 is empty",
            "47:68: error: card `adoption` is listed twice in this round",
            "19:18: warning: card `journal-officiel` is not used by any round",
        ],
    );
}

#[test]
fn matching_problems() {
    expect_all(
        "bad-matching.ron",
        &[
            "57:52: error: the pair of `president` has no right side",
            "61:21: error: `adoption` and `senat` are a right pair",
            "62:57: error: card `conseil-etat` is not in this round's pairs",
        ],
    );
}

#[test]
fn language_versions_must_match() {
    let run = deck_check(&["valid.fr.ron", "mismatch.en.ron"]);
    assert_eq!(run.status, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        vec![
            "tests/fixtures/decks/mismatch.en.ron:43:23: error: the lots differ from those of \
             tests/fixtures/decks/valid.fr.ron",
            "tests/fixtures/decks/mismatch.en.ron:47:24: error: the expected links differ from \
             those of tests/fixtures/decks/valid.fr.ron",
        ]
    );
}

#[test]
fn language_versions_of_every_round_kind_must_match() {
    let run = deck_check(&["kinds.fr.ron", "kinds-mismatch.en.ron"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        vec![
            "tests/fixtures/decks/kinds-mismatch.en.ron:47:35: error: the steps differ from \
             those of tests/fixtures/decks/kinds.fr.ron",
            "tests/fixtures/decks/kinds-mismatch.en.ron:55:24: error: the pairs differ from \
             those of tests/fixtures/decks/kinds.fr.ron",
        ]
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let run = deck_check(&["does-not-exist.ron"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout.starts_with(
            "tests/fixtures/decks/does-not-exist.ron:1:1: error: cannot read the file"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn random_bytes_never_panic_the_parser() {
    // A deterministic pseudo-random walk over prefixes and byte flips of a valid deck.
    let valid = std::fs::read(fixture("valid.fr.ron")).unwrap();
    let mut seed: u64 = 0x5EED;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..400 {
        let mut bytes = valid.clone();
        bytes.truncate((next() as usize) % (valid.len() + 1));
        for _ in 0..(next() % 4) {
            if !bytes.is_empty() {
                let i = (next() as usize) % bytes.len();
                bytes[i] = (next() & 0xFF) as u8;
            }
        }
        let outcome = fresque_core::content::load_deck("fuzz.ron", &bytes);
        assert!(
            outcome.deck.is_some() || outcome.errors().next().is_some(),
            "a deck or an error"
        );
    }
}
