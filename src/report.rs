//! Turns removals into what people read: `--explain` lines and unified diffs.
//!
//! This module formats; it never decides what is junk and never writes to a stream itself.

use std::fmt::Write as _;

use similar::{ChangeTag, DiffOp, TextDiff};

use crate::engine::{Cleaned, Removal};

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

/// A unified diff from `old` to `cleaned.text`, with `name` in the headers; empty when they
/// are equal. With `color`, removed lines are red, added lines green and hunk headers cyan.
///
/// The removals already say which lines went: every other line of `old` is a line of the
/// cleaned text, in order, the same or with spans cut. So the diff is read off them in one
/// pass, in time linear in the text, with no search for a shortest edit.
pub fn diff(name: &str, old: &str, cleaned: &Cleaned, color: bool) -> String {
    let new = cleaned.text.as_str();
    if old == new {
        return String::new();
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut gone = vec![false; old_lines.len()];
    for removal in cleaned.removals.iter().filter(|r| r.whole_lines) {
        for line in removal.lines.0..=removal.lines.1 {
            if let Some(g) = gone.get_mut(line - 1) {
                *g = true;
            }
        }
    }
    let ops = if gone.iter().filter(|g| !**g).count() == new_lines.len() {
        ops_from_removals(&old_lines, &new_lines, &gone)
    } else {
        // Not a text that `cleaned` came from: compare the lines instead.
        TextDiff::from_lines(old, new).ops().to_vec()
    };
    let mut out = String::new();
    let (red, green, cyan, bold, reset) =
        if color { ("\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m") } else { ("", "", "", "", "") };
    let _ = writeln!(out, "{bold}--- {name}{reset}");
    let _ = writeln!(out, "{bold}+++ {name} (cleaned){reset}");
    for hunk in similar::group_diff_ops(ops, CONTEXT) {
        let _ = writeln!(out, "{cyan}{}{reset}", similar::udiff::UnifiedHunkHeader::new(&hunk));
        for change in hunk.iter().flat_map(|op| op.iter_changes(&old_lines, &new_lines)) {
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

/// Lines of context around each change in a diff.
const CONTEXT: usize = 2;

/// The edit from `old` to `new` lines, where `gone` marks the old lines removed whole and each
/// other old line is the next new line: equal runs, and between them one replacement (or
/// deletion) for each run of changed lines.
fn ops_from_removals(old: &[&str], new: &[&str], gone: &[bool]) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() {
        let (start_i, start_j) = (i, j);
        while i < old.len() && !gone[i] && old[i] == new[j] {
            i += 1;
            j += 1;
        }
        if i > start_i {
            ops.push(DiffOp::Equal { old_index: start_i, new_index: start_j, len: i - start_i });
        }
        let (start_i, start_j) = (i, j);
        while i < old.len() && (gone[i] || old[i] != new[j]) {
            j += usize::from(!gone[i]);
            i += 1;
        }
        match (i - start_i, j - start_j) {
            (0, _) => {}
            (old_len, 0) => ops.push(DiffOp::Delete { old_index: start_i, old_len, new_index: start_j }),
            (old_len, new_len) => {
                ops.push(DiffOp::Replace { old_index: start_i, old_len, new_index: start_j, new_len });
            }
        }
    }
    ops
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
        let cleaner = crate::engine::Cleaner::new(&crate::engine::Options::default()).unwrap();
        let input = "a sentence here.\nViews: 12\nanother sentence.\n";
        let text = diff("x.txt", input, &cleaner.clean(input), false);
        assert_eq!(
            text,
            "--- x.txt\n+++ x.txt (cleaned)\n@@ -1,3 +1,2 @@\n a sentence here.\n-Views: 12\n another sentence.\n"
        );
        assert!(diff("x.txt", "same\n", &cleaner.clean("same\n"), false).is_empty());
    }

    #[test]
    fn the_diff_read_off_the_removals_is_a_diff_of_the_texts() {
        let cleaner = crate::engine::Cleaner::new(&crate::engine::Options::default()).unwrap();
        for input in [
            "Body.\nViews: 3\nBody.\nMore body. Read more »\nShare this article",
            "Home\nNews\nSport\nWeather\nTravel\nCulture\nViews: 3\n\n\nText here.   \n",
            "Views: 1\n",
        ] {
            let cleaned = cleaner.clean(input);
            let ours = diff("x", input, &cleaned, false);
            // Where the shortest edit is the removals, the texts' own diff is the same.
            let texts = Cleaned { text: cleaned.text.clone(), removals: Vec::new() };
            assert_eq!(ours, diff("x", input, &texts, false));
            assert!(ours.contains("-Views:"), "{ours}");
        }
    }
}
