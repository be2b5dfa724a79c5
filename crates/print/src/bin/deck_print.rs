//! `deck-print`: writes a print-ready A4 PDF of a deck (cards for two-sided printing and the
//! facilitator's sheet).
//!
//! Usage: `cargo run --bin deck-print -- DECK.ron [-o OUT.pdf]` (default: the deck's name with
//! `.pdf`, beside it). Several decks: `deck-print A.ron B.ron --out-dir DIR`. Exit status: 0 when
//! every PDF was written, 1 when a deck has errors (printed as `file:line:col: error: …`), 2 on
//! a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str =
    "usage: deck-print DECK.ron [-o OUT.pdf]\n       deck-print DECK.ron... --out-dir DIR";

fn main() -> ExitCode {
    let mut decks = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut out_dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!(
                    "{USAGE}\nWrites an A4 PDF: cards (fronts, then backs mirrored for two-sided printing on the long edge) and the facilitator's sheet."
                );
                return ExitCode::SUCCESS;
            }
            "-o" | "--out" => out = args.next().map(PathBuf::from),
            "--out-dir" => out_dir = args.next().map(PathBuf::from),
            _ if arg.starts_with('-') => {
                eprintln!("deck-print: unknown option `{arg}`\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => decks.push(PathBuf::from(arg)),
        }
    }
    if decks.is_empty() || (out.is_some() && (decks.len() > 1 || out_dir.is_some())) {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for deck in &decks {
        let target = match (&out, &out_dir) {
            (Some(out), _) => out.clone(),
            (None, Some(dir)) => dir.join(pdf_name(deck)),
            (None, None) => deck.with_extension("pdf"),
        };
        failed |= !print_one(deck, &target);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn pdf_name(deck: &Path) -> PathBuf {
    PathBuf::from(deck.file_name().unwrap_or_default()).with_extension("pdf")
}

fn print_one(deck: &Path, target: &Path) -> bool {
    let name = deck.display().to_string();
    let bytes = match std::fs::read(deck) {
        Ok(bytes) => bytes,
        Err(e) => {
            println!("{name}:1:1: error: cannot read the file: {e}");
            return false;
        }
    };
    match fresque_print::print_deck(&name, &bytes) {
        Ok(printed) => {
            for warning in &printed.warnings {
                println!("{warning}");
            }
            if let Err(e) = std::fs::write(target, &printed.pdf) {
                println!("{}: error: cannot write the PDF: {e}", target.display());
                return false;
            }
            eprintln!(
                "deck-print: {} ({} pages of cards, {} of facilitator's sheet, {} KiB)",
                target.display(),
                printed.card_pages,
                printed.sheet_pages,
                printed.pdf.len() / 1024
            );
            true
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                println!("{d}");
            }
            eprintln!(
                "deck-print: {name}: {} error(s), no PDF written",
                diagnostics.len()
            );
            false
        }
    }
}
