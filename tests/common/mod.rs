//! What the snapshot tests share: the report that one snapshot holds.

use std::fmt::Write as _;

use dechaff::{Cleaned, Cleaner, Options};

/// Cleans `input` with the default rules.
pub fn clean(input: &str) -> Cleaned {
    Cleaner::new(&Options::default()).expect("default rules compile").clean(input)
}

/// The cleaned text, then one line per removal: rule id, line range and the removed text (in
/// Rust string syntax, so that whitespace and line endings show).
pub fn report(input: &str) -> String {
    let cleaned = clean(input);
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
