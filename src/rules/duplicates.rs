//! The same line again.

use super::{declare_rule, Category, Kind};

/// The fewest words of a line whose adjacent copy goes even in a text without other junk.
const ANYWHERE_WORDS: usize = 6;

declare_rule! {
    /// ## What it removes
    /// A line that repeats the line just before it (blank lines and lines that other rules
    /// remove in between do not count), word for word after trimming; the first copy stays. A
    /// copy of a line of six words or more that does not start lower-case (a headline, a
    /// caption) goes in any text; another only in a text in which other rules found junk.
    ///
    /// ## Why
    /// Scrapers and extractors often take the same widget, headline or caption twice; the copy
    /// adds nothing.
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
    /// table cells; and the short repeated lines of a text with no other junk, where they are
    /// the text's own (verse, lyrics, a chant: `Sing it loud` three times).
    pub(crate) static REPEATED_LINE = { id: "repeated-line", category: Category::Duplicates,
        kind: Kind::Repeat { goes: is_text, anywhere: is_long } };
}

/// Whether a line says something in words: it holds a letter and is not a row of table cells.
fn is_text(line: &str) -> bool {
    crate::text::has_letter(line) && !super::menus::is_table_row(line)
}

/// Whether a copy right after this line is an extraction's slip, not a refrain: a headline or
/// a caption taken twice is long and starts like one (a hard-wrapped paragraph can repeat a
/// line that starts in the middle of a sentence, lower-case).
fn is_long(line: &str) -> bool {
    !line.chars().next().is_some_and(char::is_lowercase)
        && !crate::text::at_most_words(line, ANYWHERE_WORDS - 1)
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
    fn long_copies_go_in_any_text() {
        let text = "Floods close the river road to the harbour\nFloods close the river road to the harbour\nThe river rose.\n";
        assert_eq!(clean(text), "Floods close the river road to the harbour\nThe river rose.\n");
        // A wrapped paragraph that repeats a phrase: the lines start mid-sentence.
        let wrapped = "They sang it again and again,\nand the whole valley sang it back to them\nand the whole valley sang it back to them\nuntil the night was over.\n";
        assert_eq!(clean(wrapped), wrapped);
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
