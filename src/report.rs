//! Turns removals into what people read: `--explain` lines and unified diffs.
//!
//! This module formats; it never decides what is junk and never writes to a stream itself.

use std::fmt::Write as _;

use similar::{ChangeTag, TextDiff};

use crate::engine::Removal;

/// One `--explain` line per removed line (or span): `name:line: rule-id: removed text`.
///
/// Whitespace-only text is shown quoted with escapes (`"\u{a0}"`), so that it can be seen.
pub fn explain(name: &str, input: &str, removals: &[Removal]) -> String {
    let mut out = String::new();
    for removal in removals {
        let text = removal.text(input);
        let detail = removal.detail.as_deref().map(|d| format!(" [{d}]")).unwrap_or_default();
        if removal.whole_lines {
            // One piece per removed line; a removal that also took the line ending before it
            // (a deleted tail of a text without a final newline) has one piece more, first.
            let count = removal.lines.1 - removal.lines.0 + 1;
            let pieces: Vec<&str> = text.split_inclusive('\n').collect();
            let pieces = &pieces[pieces.len().saturating_sub(count)..];
            for (number, piece) in (removal.lines.0..).zip(pieces) {
                let line = piece.strip_suffix('\n').unwrap_or(piece);
                let line = line.strip_suffix('\r').unwrap_or(line);
                let _ = writeln!(out, "{name}:{number}: {}: {}{detail}", removal.rule, visible(line));
            }
        } else {
            let _ = writeln!(out, "{name}:{}: {}: {}{detail}", removal.lines.0, removal.rule, visible(text));
        }
    }
    out
}

fn visible(text: &str) -> String {
    if text.chars().all(crate::segment::is_space) {
        format!("{:?}", text)
    } else {
        text.to_owned()
    }
}

/// A unified diff from `old` to `new`, with `name` in the headers; empty when they are equal.
/// With `color`, removed lines are red, added lines green and hunk headers cyan.
pub fn diff(name: &str, old: &str, new: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let diff = TextDiff::from_lines(old, new);
    let mut out = String::new();
    let (red, green, cyan, bold, reset) =
        if color { ("\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m") } else { ("", "", "", "", "") };
    let _ = writeln!(out, "{bold}--- {name}{reset}");
    let _ = writeln!(out, "{bold}+++ {name} (cleaned){reset}");
    for hunk in diff.unified_diff().context_radius(2).iter_hunks() {
        let _ = writeln!(out, "{cyan}{}{reset}", hunk.header());
        for change in hunk.iter_changes() {
            let (sign, colour) = match change.tag() {
                ChangeTag::Delete => ('-', red),
                ChangeTag::Insert => ('+', green),
                ChangeTag::Equal => (' ', ""),
            };
            let value = change.value();
            let line = value.strip_suffix('\n').unwrap_or(value);
            let line = line.strip_suffix('\r').unwrap_or(line);
            let reset = if colour.is_empty() { "" } else { reset };
            let _ = writeln!(out, "{colour}{sign}{line}{reset}");
            if change.missing_newline() {
                let _ = writeln!(out, "\\ No newline at end of file");
            }
        }
    }
    out
}

/// The `dechaff eval` report: one summary row per input, then each input's per-rule table and
/// the rules' totals over all inputs.
pub fn evaluation(profile: &str, results: &[(String, crate::eval::Evaluation)]) -> String {
    use crate::eval::RuleTally;
    let mut out = String::new();
    let pages = results.first().map_or(0, |(_, e)| e.pages);
    let _ = writeln!(out, "profile {profile}, {pages} gold pages\n");
    let width = results.iter().map(|(n, _)| n.len()).max().unwrap_or(5).max(5);
    let _ = writeln!(
        out,
        "{:<width$}  {:>24}  {:>24}  {:>24}  {:>6}  {:>5}",
        "input", "F1 before→after (Δ)", "P before→after (Δ)", "R before→after (Δ)", "oracle", "lost"
    );
    let cell = |b: f64, a: f64| format!("{b:.4}→{a:.4} ({:+.4})", a - b);
    for (name, e) in results {
        let _ = writeln!(
            out,
            "{name:<width$}  {:>24}  {:>24}  {:>24}  {:>6.3}  {:>5}",
            cell(e.before.f1, e.after.f1),
            cell(e.before.precision, e.after.precision),
            cell(e.before.recall, e.after.recall),
            e.oracle.f1,
            e.lost_pages.len()
        );
    }
    let mut totals: std::collections::BTreeMap<&str, RuleTally> = Default::default();
    for (name, e) in results {
        let _ = writeln!(out, "\n{name}: lines removed per rule");
        out.push_str(&rule_rows(e.rules.iter().map(|(k, v)| (k.as_str(), v))));
        for (rule, t) in &e.rules {
            let total = totals.entry(rule).or_default();
            total.removed += t.removed;
            total.content += t.content;
        }
    }
    if results.len() > 1 {
        let _ = writeln!(out, "\nall inputs: lines removed per rule");
        out.push_str(&rule_rows(totals.iter().map(|(k, v)| (*k, v))));
    }
    out
}

fn rule_rows<'a>(rows: impl Iterator<Item = (&'a str, &'a crate::eval::RuleTally)>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  {:<24} {:>8} {:>8} {:>10}", "rule", "removed", "content", "precision");
    for (rule, t) in rows {
        let _ = writeln!(out, "  {rule:<24} {:>8} {:>8} {:>10.3}", t.removed, t.content, t.precision());
    }
    out
}

/// Every removed line that was article content, one per line: `input page rule: text`.
pub fn mistakes(results: &[(String, crate::eval::Evaluation)]) -> String {
    let mut out = String::from("\nremoved lines that were article content\n");
    for (name, e) in results {
        for (page, rule, text) in &e.mistakes {
            let _ = writeln!(out, "{name} {page} {rule}: {text}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Cleaner, Options};

    #[test]
    fn explain_names_each_removed_line() {
        let input = "Body.\nViews: 1\nViews: 2\nBody \n";
        let cleaned = Cleaner::new(&Options::default()).unwrap().clean(input);
        let text = explain("x.txt", input, &cleaned.removals);
        assert_eq!(text, "x.txt:2: view-counter: Views: 1\nx.txt:3: view-counter: Views: 2\nx.txt:4: trailing-whitespace: \" \"\n");
    }

    #[test]
    fn explain_shows_blank_lines_and_tails_without_a_final_newline() {
        let input = "Body.\n\nViews: 1\n\nLeave a comment";
        let cleaned = Cleaner::new(&Options::default()).unwrap().clean(input);
        let text = explain("x.txt", input, &cleaned.removals);
        assert_eq!(
            text,
            "x.txt:2: edge-blank-lines: \"\"\nx.txt:3: view-counter: Views: 1\nx.txt:4: blank-line-run: \"\"\nx.txt:5: comment-prompt: Leave a comment\n"
        );
    }

    #[test]
    fn diff_marks_removed_lines() {
        let text = diff("x.txt", "a\nb\nc\n", "a\nc\n", false);
        assert_eq!(text, "--- x.txt\n+++ x.txt (cleaned)\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
        assert!(diff("x.txt", "same\n", "same\n", false).is_empty());
    }
}
