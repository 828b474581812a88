//! What the snapshot tests share: the report that one snapshot holds.

#![allow(dead_code, reason = "shared by several test crates, each using a part")]

use std::fmt::Write as _;

use dechaff::{Cleaned, Cleaner, Options, Profile};

/// Cleans `input` with the default rules.
pub fn clean(input: &str) -> Cleaned {
    clean_with(input, Profile::Safe)
}

/// Cleans `input` with the rules of `profile`.
pub fn clean_with(input: &str, profile: Profile) -> Cleaned {
    let options = Options { profile, ..Options::default() };
    Cleaner::new(&options).expect("built-in rules compile").clean(input)
}

/// The cleaned text, then one line per removal: rule id, line range and the removed text (in
/// Rust string syntax, so that whitespace and line endings show).
pub fn report(input: &str) -> String {
    report_with(input, Profile::Safe)
}

/// [`report`] with the rules of `profile`.
pub fn report_with(input: &str, profile: Profile) -> String {
    let cleaned = clean_with(input, profile);
    let mut out = String::from("--- cleaned ---\n");
    out.push_str(&cleaned.text);
    if !cleaned.text.is_empty() && !cleaned.text.ends_with('\n') {
        out.push_str("\n[no newline at end of text]\n");
    }
    out.push_str("--- removals ---\n");
    for removal in &cleaned.removals {
        let (first, last) = removal.lines;
        let lines = if first == last { first.to_string() } else { format!("{first}-{last}") };
        let _ = writeln!(out, "{} {lines}: {:?}", removal.rule, removal.text(input));
    }
    out
}

/// The benchmark's development data (`../shared/bench/aceb-dev`), or `None` with a printed
/// reason when it is absent. In CI (`CI=true`) it must be there.
#[allow(clippy::print_stderr, reason = "a skipped test says why")]
pub fn bench_dir() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/aceb-dev");
    if dir.join("ground-truth.json").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "CI=true but the benchmark data is missing at {}",
        dir.display()
    );
    eprintln!("skipped: no benchmark data at {}", dir.display());
    None
}

/// One benchmark file below `dir`, parsed.
pub fn bench_corpus(dir: &std::path::Path, name: &str) -> dechaff::eval::Corpus {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    dechaff::eval::parse_corpus(name, &text).expect("benchmark file parses")
}
