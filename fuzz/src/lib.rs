//! What the fuzz targets share: one cleaner per profile, built once, and the checks that every
//! cleaning must pass (the same properties `tests/invariants.rs` states for generated texts).

use std::sync::OnceLock;

use dechaff::{Cleaned, Cleaner, Options, Profile};

/// A cleaner for every profile, from the least to the most aggressive. Built on first use:
/// compiling the built-in patterns costs far more than cleaning one input.
pub fn cleaners() -> &'static [(Profile, Cleaner)] {
    static CLEANERS: OnceLock<Vec<(Profile, Cleaner)>> = OnceLock::new();
    CLEANERS.get_or_init(|| {
        Profile::ALL
            .iter()
            .map(|&profile| {
                let cleaner = Cleaner::new(&Options { profile, ..Options::default() })
                    .expect("the built-in rules compile");
                (profile, cleaner)
            })
            .collect()
    })
}

/// Checks what `cleaned` says of `input`: every removal is a non-empty range of whole
/// characters inside the input, in order and disjoint, whose line numbers are the lines it
/// touches, and whose whole lines start and end at line boundaries; the output is the input
/// minus those ranges; and the output's lines are, in order, lines of the input (after the cuts
/// made inside lines that stay). Returns what is wrong.
pub fn check_cleaned(input: &str, cleaned: &Cleaned) -> Result<(), String> {
    let mut at = 0;
    for r in &cleaned.removals {
        let (start, end) = (r.bytes.start, r.bytes.end);
        if start < at {
            return Err(format!("removal {r:?} overlaps or precedes the one before it (which ends at {at})"));
        }
        if start >= end {
            return Err(format!("empty removal {r:?}"));
        }
        if end > input.len() {
            return Err(format!("removal {r:?} ends past the input ({} bytes)", input.len()));
        }
        if !input.is_char_boundary(start) || !input.is_char_boundary(end) {
            return Err(format!("removal {r:?} splits a character"));
        }
        // Where the first line it names starts: at `start`, except for the first of the lines
        // deleted after the last line kept in a text without a final newline, which takes
        // that line's ending too (so that the output has no final newline either).
        let mut body = start;
        let tail = &input[start..];
        if r.whole_lines && !input.ends_with('\n') && first_line(input, start) != r.lines.0 {
            body += if tail.starts_with("\r\n") { 2 } else { usize::from(tail.starts_with('\n')) };
        }
        let first = first_line(input, body);
        let last = 1 + count_newlines(&input.as_bytes()[..end - 1]);
        if r.lines != (first, last) {
            return Err(format!("removal {r:?} touches lines {first}..={last}, not {:?}", r.lines));
        }
        if r.whole_lines {
            let starts_line = body == 0 || input.as_bytes()[body - 1] == b'\n';
            let ends_line = end == input.len() || input.as_bytes()[end - 1] == b'\n';
            if !starts_line || !ends_line {
                return Err(format!(
                    "whole-line removal {r:?} does not cover whole lines: {:?}",
                    r.text(input)
                ));
            }
        }
        at = end;
    }
    let rebuilt = rebuild(input, cleaned);
    if rebuilt != cleaned.text {
        return Err(format!(
            "the output is not the input minus the removals:\n output: {:?}\nrebuilt: {:?}\nremovals: {:?}",
            cleaned.text, rebuilt, cleaned.removals
        ));
    }
    let output: Vec<String> = cleaned.text.lines().map(|l| l.trim_end().to_owned()).collect();
    let input_lines = lines_after_spans(input, cleaned);
    if !is_subsequence(&output, &input_lines) {
        return Err(format!(
            "the output lines {output:?} are not a subsequence of the input lines {input_lines:?}"
        ));
    }
    Ok(())
}

/// The 1-based number of the line that byte `at` of `input` lies in.
fn first_line(input: &str, at: usize) -> usize {
    1 + count_newlines(&input.as_bytes()[..at])
}

fn count_newlines(s: &[u8]) -> usize {
    s.iter().filter(|&&b| b == b'\n').count()
}

/// The input with the removals' byte ranges deleted; the removals must be sorted, disjoint and
/// on character boundaries (as [`check_cleaned`] makes sure first).
pub fn rebuild(input: &str, cleaned: &Cleaned) -> String {
    let mut out = String::with_capacity(input.len());
    let mut at = 0;
    for removal in &cleaned.removals {
        out.push_str(&input[at..removal.bytes.start]);
        at = removal.bytes.end;
    }
    out.push_str(&input[at..]);
    out
}

/// Each input line, right-trimmed, after the spans the removals cut out of lines that stay.
pub fn lines_after_spans(input: &str, cleaned: &Cleaned) -> Vec<String> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in input.split_inclusive('\n') {
        let end = start + piece.len();
        let mut line = String::new();
        let mut at = start;
        for r in
            cleaned.removals.iter().filter(|r| !r.whole_lines && r.bytes.start >= start && r.bytes.end <= end)
        {
            line.push_str(&input[at..r.bytes.start]);
            at = r.bytes.end;
        }
        line.push_str(&input[at..end]);
        lines.push(line.trim_end().to_owned());
        start = end;
    }
    lines
}

/// Whether `needle` is `haystack` with some items left out.
pub fn is_subsequence(needle: &[String], haystack: &[String]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|n| rest.any(|h| h == n))
}
