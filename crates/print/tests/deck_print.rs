//! Integration tests of `deck-print`: every shipped deck prints to a PDF that a PDF reader
//! opens (poppler's `pdfinfo`, `pdffonts`, `pdftotext`, `pdftoppm`), with every card's title,
//! face and back, the expected pages and embedded fonts; text that does not fit and decks with
//! errors give `file:line:col` and exit 1.
//!
//! Needs poppler-utils (`bash scripts/setup.sh --test` or `--pdf-tools` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

use fresque_core::content::deck_file::DeckFile;
use fresque_core::content::parse::parse_ron;
use fresque_print::cards::{CARD_H, CARD_W, PER_PAGE, Side, slot};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("deck-print");
    std::fs::create_dir_all(&dir).expect("output folder");
    dir
}

fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!(
            "`{name}` did not run ({e}): install poppler-utils (bash scripts/setup.sh --pdf-tools)"
        )
    });
    assert!(
        output.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shipped_decks() -> Vec<PathBuf> {
    let mut decks: Vec<PathBuf> = std::fs::read_dir(root().join("assets/decks"))
        .expect("assets/decks")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron") && !p.ends_with("manifest.ron"))
        .collect();
    decks.sort();
    assert!(decks.len() >= 10, "the five decks in two languages");
    decks
}

/// The text inside one card's slot of one page, as pdftotext reads it (points = pixels at 72 dpi).
fn slot_text(pdf: &Path, page: usize, index: usize, side: Side) -> String {
    let (x, y) = slot(index, side);
    let page = page.to_string();
    words(&tool(
        "pdftotext",
        &[
            "-f",
            &page,
            "-l",
            &page,
            "-r",
            "72",
            "-x",
            &(x.floor() as i32).to_string(),
            "-y",
            &(y.floor() as i32).to_string(),
            "-W",
            &(CARD_W.ceil() as i32).to_string(),
            "-H",
            &(CARD_H.ceil() as i32).to_string(),
            pdf.to_str().expect("path"),
            "-",
        ],
    ))
}

#[test]
fn every_shipped_deck_prints_and_reads_back() {
    for deck_path in shipped_decks() {
        let name = deck_path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&deck_path).expect("deck");
        let printed = fresque_print::print_deck(&name, &bytes).unwrap_or_else(|e| {
            panic!(
                "{name}: {}",
                e.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        let pdf = out_dir().join(format!("{name}.pdf"));
        std::fs::write(&pdf, &printed.pdf).expect("write");
        let pdf_str = pdf.to_str().unwrap();

        let (deck, _) = parse_ron::<DeckFile>(&name, &bytes).expect("parses");
        let sheets = deck.cards.len().div_ceil(PER_PAGE);
        assert_eq!(
            printed.card_pages,
            2 * sheets,
            "{name}: a front and a back page per sheet of nine"
        );
        assert!(
            printed.sheet_pages >= deck.rounds.len().min(2),
            "{name}: a facilitator's sheet"
        );

        let info = tool("pdfinfo", &[pdf_str]);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{name}: no page count in {info}"));
        assert_eq!(pages, printed.card_pages + printed.sheet_pages, "{name}");
        assert!(info.contains("(A4)"), "{name}: A4 pages: {info}");

        let fonts = tool("pdffonts", &[pdf_str]);
        let embedded: Vec<&str> = fonts.lines().filter(|l| l.contains("DejaVuSans")).collect();
        assert_eq!(embedded.len(), 2, "{name}: regular and bold: {fonts}");
        for line in embedded {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // name type… emb sub uni object ID: emb, sub and uni are the 3 columns before the last two.
            assert_eq!(
                &cols[cols.len() - 5..cols.len() - 2],
                ["yes", "yes", "yes"],
                "{name}: {line}"
            );
        }

        // Each card's front and back sit in the same slot, mirrored on the back page.
        for (i, card) in deck.cards.iter().enumerate() {
            let (sheet, index) = (i / PER_PAGE, i % PER_PAGE);
            let front = slot_text(&pdf, 2 * sheet + 1, index, Side::Front);
            let back = slot_text(&pdf, 2 * sheet + 2, index, Side::Back);
            assert!(
                front.contains(&words(&card.title)),
                "{name} {}: front title in {front:?}",
                card.id
            );
            assert!(
                front.contains(&words(&card.face)),
                "{name} {}: face in {front:?}",
                card.id
            );
            assert!(
                back.contains(&words(&card.title)),
                "{name} {}: back title in {back:?}",
                card.id
            );
            assert!(
                back.contains(&words(&card.back)),
                "{name} {}: back text in {back:?}",
                card.id
            );
        }

        // The facilitator's sheet: every round, its reference, its debrief, every source.
        let first_sheet = (printed.card_pages + 1).to_string();
        let footer = format!("{} · ", deck.id);
        let sheet = tool("pdftotext", &["-f", &first_sheet, pdf_str, "-"]);
        let sheet = words(
            &sheet
                .lines()
                .filter(|l| !(l.starts_with(&footer) && l.contains('/')))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        for round in &deck.rounds {
            assert!(
                sheet.contains(&words(&round.title)),
                "{name}: round {}",
                round.id
            );
            assert!(
                sheet.contains(&words(&round.debrief)),
                "{name}: debrief of {}",
                round.id
            );
        }
        for source in &deck.sources {
            assert!(
                sheet.contains(&words(&source.title)),
                "{name}: source {}",
                source.id
            );
        }
    }
}

#[test]
fn pages_render_to_images_kept_with_the_test_outputs() {
    let deck = root().join("assets/decks/loi.fr.ron");
    let printed = fresque_print::print_deck("loi.fr.ron", &std::fs::read(deck).unwrap()).unwrap();
    let pdf = out_dir().join("loi.fr.render.pdf");
    std::fs::write(&pdf, &printed.pdf).unwrap();
    let prefix = out_dir().join("loi.fr");
    let sheet = (printed.card_pages + 1).to_string();
    for (first, last) in [("1", "2"), (sheet.as_str(), sheet.as_str())] {
        tool(
            "pdftoppm",
            &[
                "-r",
                "50",
                "-png",
                "-f",
                first,
                "-l",
                last,
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
    }
    let pngs: Vec<_> = std::fs::read_dir(out_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().contains("loi.fr-") && p.extension().is_some_and(|e| e == "png")
        })
        .collect();
    assert!(pngs.len() >= 3, "{pngs:?}");
    for png in &pngs {
        let bytes = std::fs::read(png).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        assert!(
            bytes.len() > 5_000,
            "{}: a page with content",
            png.display()
        );
    }
    eprintln!("pages rendered in {}", out_dir().display());
}

fn run_bin(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_deck-print"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("deck-print runs");
    (
        output.status.code().expect("exited, not killed"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A shipped deck with one card's `back` replaced; returns the file and where that text starts.
fn deck_with_back(name: &str, back: &str) -> (PathBuf, String) {
    let text = std::fs::read_to_string(root().join("assets/decks/loi.fr.ron")).unwrap();
    let (deck, _) = parse_ron::<DeckFile>("loi.fr.ron", text.as_bytes()).unwrap();
    let original = format!("back: \"{}\"", deck.cards[3].back);
    let at = text
        .find(&original)
        .expect("the back is written on one line");
    let changed = text.replacen(&original, &format!("back: \"{back}\""), 1);
    let line = text[..at].lines().count() + usize::from(text[..at].ends_with('\n'));
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1 + "back: ".len();
    let path = out_dir().join(name);
    std::fs::write(&path, changed).unwrap();
    let expected = format!(
        "{}:{line}:{col}: error: card `{}`",
        path.display(),
        deck.cards[3].id
    );
    (path, expected)
}

#[test]
fn text_that_does_not_fit_is_an_error_at_its_place() {
    // Under the checker's 700 characters, but of the widest letters: too much for a card.
    let long = "MMMMMMMMMMMM ".repeat(50);
    assert!(long.chars().count() < 700);
    let (path, expected) = deck_with_back("overflow.fr.ron", long.trim());
    let out = out_dir().join("overflow.pdf");
    let _ = std::fs::remove_file(&out);
    let (status, stdout, stderr) = run_bin(&[path.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(status, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains(&expected),
        "expected {expected:?} in:\n{stdout}"
    );
    assert!(
        stdout.contains("does not fit on a printed card"),
        "{stdout}"
    );
    assert!(!out.exists(), "no PDF is written");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_character_the_font_lacks_is_an_error_at_its_place() {
    let (path, expected) = deck_with_back("glyph.fr.ron", "Un bulletin de vote 🗳 dans l'urne.");
    let (status, stdout, _) = run_bin(&[
        path.to_str().unwrap(),
        "-o",
        out_dir().join("glyph.pdf").to_str().unwrap(),
    ]);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains(&expected) && stdout.contains("no glyph for `🗳`"),
        "{stdout}"
    );
}

#[test]
fn a_deck_with_errors_prints_the_checker_diagnostics_and_no_pdf() {
    for (fixture, expected) in [
        ("semantic.ron", "semantic.ron:"),
        ("missing-comma.ron", "missing-comma.ron:"),
        ("binary.ron", "binary.ron:"),
        ("empty.ron", "empty.ron:1:1: error"),
    ] {
        let out = out_dir().join(format!("{fixture}.pdf"));
        let _ = std::fs::remove_file(&out);
        let file = format!("tests/fixtures/decks/{fixture}");
        let (status, stdout, stderr) = run_bin(&[&file, "-o", out.to_str().unwrap()]);
        assert_eq!(status, 1, "{fixture}: {stdout}{stderr}");
        assert!(
            stdout.contains(expected) && stdout.contains("error"),
            "{fixture}: {stdout}"
        );
        assert!(!out.exists(), "{fixture}: no PDF");
        assert!(!stderr.contains("panicked"), "{fixture}: {stderr}");
    }
}

#[test]
fn usage_errors_exit_2_and_several_decks_go_to_a_folder() {
    assert_eq!(run_bin(&[]).0, 2);
    assert_eq!(run_bin(&["--bogus", "x.ron"]).0, 2);
    let dir = out_dir().join("many");
    std::fs::create_dir_all(&dir).unwrap();
    let (status, _, stderr) = run_bin(&[
        "assets/decks/classe.fr.ron",
        "assets/decks/classe.en.ron",
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{stderr}");
    for name in ["classe.fr.pdf", "classe.en.pdf"] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{name}");
    }
}
