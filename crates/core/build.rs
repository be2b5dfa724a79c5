//! Lists the interface tables `assets/i18n/<code>.ron` for `src/i18n.rs`: each file becomes a
//! built-in language, so adding a language is adding its file. A `.ron` file whose name is not
//! a language code (`xx` or `xx-YY`) stops the build with a message.

use std::fmt::Write;
use std::path::Path;

fn is_language_code(code: &str) -> bool {
    let lower = |c: &u8| c.is_ascii_lowercase();
    let upper = |c: &u8| c.is_ascii_uppercase();
    match code.as_bytes() {
        [x, y] => lower(x) && lower(y),
        [x, y, b'-', z, w] => lower(x) && lower(y) && upper(z) && upper(w),
        _ => false,
    }
}

fn main() {
    // Read at run time, not baked in with env!(): one compiled build script serves every
    // checkout that shares a target folder.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("../../assets/i18n");
    println!("cargo::rerun-if-changed={}", dir.display());
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the interface texts in {}: {e}", dir.display()));
    let mut tables: Vec<(String, String)> = Vec::new();
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        let Some(code) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".ron"))
        else {
            continue;
        };
        assert!(
            is_language_code(code),
            "assets/i18n/{code}.ron: an interface table is named after its language code, \
             two lowercase letters (`de.ron`) optionally followed by `-` and two capital letters \
             (`pt-BR.ron`); rename or remove this file"
        );
        println!("cargo::rerun-if-changed={}", path.display());
        tables.push((code.to_owned(), format!("/../../assets/i18n/{code}.ron")));
    }
    tables.sort();
    let mut out = String::from(
        "/// The interface tables of `assets/i18n/` (code, RON text), by code.\n\
         const BUILT_IN: &[(&str, &str)] = &[\n",
    );
    // Paths from the crate's folder as the compiler sees it (not this script's), so that two
    // checkouts sharing one target folder each read their own files.
    for (code, path) in &tables {
        writeln!(
            out,
            "    ({code:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {path:?}))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("i18n_tables.rs");
    std::fs::write(target, out).expect("the generated list of tables is written");
}
