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
