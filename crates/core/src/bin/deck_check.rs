//! `deck-check`: checks deck files and prints `file:line:col: message` for every problem.
//!
//! Usage: `cargo run --bin deck-check -- [FILE...]`. Without files it checks
//! `assets/decks/manifest.ron` and every deck it lists. A file named `manifest.ron` is
//! checked as a manifest (and the decks it lists as decks). Exit status: 0 when there is no
//! error (warnings allowed), 1 otherwise.

use std::path::PathBuf;
use std::process::ExitCode;

use fresque_core::content::check_files::check_files;

const DEFAULT_MANIFEST: &str = "assets/decks/manifest.ron";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "usage: deck-check [FILE...]\n\
             Checks deck files (RON) and prints file:line:col: message for each problem.\n\
             Without FILE, checks {DEFAULT_MANIFEST} and every deck it lists.\n\
             Exit status: 0 if no errors, 1 otherwise."
        );
        return ExitCode::SUCCESS;
    }
    let files: Vec<PathBuf> = if args.is_empty() {
        vec![PathBuf::from(DEFAULT_MANIFEST)]
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let report = check_files(&files);
    for d in &report.diagnostics {
        println!("{d}");
    }
    eprintln!(
        "deck-check: {} deck file(s) checked, {} error(s), {} warning(s)",
        report.decks_checked,
        report.errors(),
        report.warnings()
    );
    if report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
