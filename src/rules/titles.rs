//! The headline and standfirst at the head of a text.
//!
//! They are content in the default profile. The `article` profile removes them when a byline
//! or a date follows them, because that is how a page, not an article body, begins.

use super::{declare_rule, Category, Kind, Marks, Profile};
use crate::segment::Document;
use crate::text::at_most_words;

/// Rules whose lines mark the end of a page's title block.
const META_RULES: &[&str] = &["byline", "timestamp-line", "update-stamp", "relative-time", "reading-time"];
/// How many non-blank lines from the top the title block and its byline may span.
const LOOKAHEAD: usize = 5;
/// The most lines a title block has (headline, kicker, standfirst).
const MAX_LINES: usize = 3;
/// The most words a line of the title block has.
const MAX_WORDS: usize = 60;

declare_rule! {
    /// ## What it removes
    /// At the top of the text, the headline and standfirst (at most three lines of up to 60
    /// words) when a byline or a date line follows them within the first five lines.
    ///
    /// ## Why
    /// A page opens with title, standfirst and byline; the article body begins after them.
    /// Datasets of article bodies leave the title out.
    ///
    /// ## Example
    /// ```text
    /// Floods close schools across the region
    /// Forty schools shut as the river rises two metres
    /// By Jane Roe
    /// ```
    ///
    /// ## Keeps
    /// The first lines of a text with no byline or date near the top, and anything after the
    /// byline.
    pub(crate) static TITLE_BLOCK = { id: "title-block", category: Category::Titles,
        kind: Kind::Edge(title_block),
        profile: Profile::Article };
}

fn title_block(doc: &Document, marks: &Marks) -> Vec<usize> {
    let mut title = Vec::new();
    let lines = doc.lines.iter().enumerate().filter(|(_, l)| !l.is_blank()).take(LOOKAHEAD);
    for (i, line) in lines {
        match marks.rule(i) {
            Some(rule) if META_RULES.contains(&rule) => return title,
            Some(_) => continue,
            None if title.len() < MAX_LINES && at_most_words(line.trimmed(), MAX_WORDS) => title.push(i),
            None => break,
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::cleaned;
    use crate::{Cleaner, Options, Profile};

    fn article(text: &str) -> String {
        let options = Options { profile: Profile::Article, ..Options::default() };
        Cleaner::new(&options).unwrap().clean(text).text
    }

    #[test]
    fn title_and_standfirst_before_a_byline_go() {
        let text = "Floods close schools\nForty schools shut as the river rises.\nBy Jane Roe\n\nThe river rose two metres on Monday.\n";
        assert_eq!(article(text), "The river rose two metres on Monday.\n");
    }

    #[test]
    fn without_a_byline_or_date_the_top_stays() {
        let text = "Floods close schools\n\nThe river rose two metres on Monday.\nBy Tuesday forty schools had closed.\n";
        assert_eq!(article(text), text);
        // Run alone, with no byline rule to mark the line, nothing goes either.
        assert_eq!(cleaned("title-block", "Title\nBy Jane Roe\nBody.\n"), "Title\nBy Jane Roe\nBody.\n");
    }
}
