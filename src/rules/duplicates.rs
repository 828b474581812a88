//! The same line again.

use super::{declare_rule, Category, Kind, Marks};
use crate::segment::Document;

declare_rule! {
    /// ## What it removes
    /// A line that repeats the line just before it (blank lines and lines that other rules
    /// remove in between do not count), word for word after trimming; the first copy stays.
    ///
    /// ## Why
    /// Scrapers and extractors often take the same widget or caption twice; the copy adds
    /// nothing.
    ///
    /// ## Example
    /// ```text
    /// Views: 1581
    /// Views: 1581
    /// ```
    ///
    /// ## Keeps
    /// The first copy; a line that comes back later with other lines between (a chorus, a
    /// refrain); lines without letters (`0`, `–`: the repeated values of a table) and rows of
    /// table cells; and every repeated line of a text with no other junk, where a repeated
    /// line is the text's own (verse, lyrics, a chant).
    pub(crate) static REPEATED_LINE = { id: "repeated-line", category: Category::Duplicates,
        kind: Kind::Context(repeated_line) };
}

/// Each line equal to the previous line that stays. Lines other rules delete are skipped, so
/// that copies they separated, which the output puts next to each other, go in the same run and
/// a second run finds nothing more (`A`, `Views: 3`, `A`).
fn repeated_line(doc: &Document, deleted: &Marks) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut previous: Option<&str> = None;
    for (i, line) in doc.lines.iter().enumerate() {
        if line.is_blank() || deleted[i] {
            continue;
        }
        if previous == Some(line.trimmed) && is_text(line.trimmed) {
            hits.push(i);
        }
        previous = Some(line.trimmed);
    }
    hits
}

/// Whether a line says something in words: it holds a letter and is not a row of table cells.
fn is_text(line: &str) -> bool {
    crate::text::has_letter(line) && !super::menus::is_table_row(line)
}

#[cfg(test)]
mod tests {
    use crate::engine::{Cleaner, Options};
    use crate::rules::testing::{cleaned, cleaned_by_default as clean};

    #[test]
    fn copies_separated_only_by_junk_go_in_one_run() {
        let cleaner = Cleaner::new(&Options::default()).unwrap();
        let once = cleaner.clean("A caption\nViews: 3\nA caption\nBody.\n").text;
        assert_eq!(once, "A caption\nBody.\n");
        assert_eq!(cleaner.clean(&once).text, once);
    }

    #[test]
    fn later_copies_go() {
        assert_eq!(
            clean("A caption\n\nA caption\nA caption\nBody.\nShare this article\n"),
            "A caption\n\nBody.\n"
        );
    }

    #[test]
    fn copies_in_a_text_without_junk_stay() {
        // Run alone, no other rule marks furniture: the text is taken to be clean.
        let lyrics = "We will rock you\nWe will rock you\nBuddy, you're a boy, make a big noise.\n";
        assert_eq!(cleaned("repeated-line", lyrics), lyrics);
        assert_eq!(clean(lyrics), lyrics);
    }

    #[test]
    fn table_values_and_rows_stay() {
        let table = "Share this article\nTeam\nWon\nLost\n0\n0\n3\n| 1 | 0 |\n| 1 | 0 |\nA\tb\nA\tb\n";
        assert_eq!(clean(table), table.trim_start_matches("Share this article\n"));
    }

    #[test]
    fn lines_that_come_back_later_stay() {
        let text = "Chorus line\nVerse one.\nChorus line\n";
        assert_eq!(cleaned("repeated-line", text), text);
    }
}
