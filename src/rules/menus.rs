//! Menus: runs of short link labels.

use super::{declare_rule, Category, Kind, Marks};
use crate::segment::Document;

/// How many labels in a row make a menu.
const MIN_RUN: usize = 6;
/// The most words a menu label has.
const MAX_WORDS: usize = 3;

declare_rule! {
    /// ## What it removes
    /// A run of at least six consecutive lines that are each a short label (one to three
    /// words, no digits, no sentence punctuation), as site menus and link lists leave them in
    /// the visible text of a page.
    ///
    /// ## Why
    /// Navigation: the links of a menu, not sentences of the article.
    ///
    /// ## Example
    /// ```text
    /// Home
    /// World
    /// Business
    /// Sport
    /// Culture
    /// Travel
    /// ```
    ///
    /// ## Keeps
    /// Shorter runs, lists whose items have numbers or end like sentences, and any list right
    /// after a line that ends with a colon (`The nominees are:`), which the article introduced.
    pub(crate) static MENU_RUN = { id: "menu-run", category: Category::Navigation,
        kind: Kind::Context(menu_run) };
}

fn is_label(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=MAX_WORDS).contains(&words)
        && !text.chars().any(|c| c.is_ascii_digit())
        && !text.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '»', '…'])
}

fn menu_run(doc: &Document, marks: &Marks) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    // A list that a sentence introduces (`The nominees are:`) is the article's own.
    let mut introduced = false;
    let flush = |run: &mut Vec<usize>, hits: &mut Vec<usize>, introduced: bool| {
        if run.len() >= MIN_RUN && !introduced {
            hits.append(run);
        }
        run.clear();
    };
    for (i, line) in doc.lines.iter().enumerate() {
        if line.is_blank() || marks.deleted(i) {
            continue;
        }
        if is_label(line.trimmed) {
            run.push(i);
        } else {
            flush(&mut run, &mut hits, introduced);
            introduced = line.trimmed.ends_with(':');
        }
    }
    flush(&mut run, &mut hits, introduced);
    hits
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::cleaned;

    #[test]
    fn a_menu_goes() {
        let text = "Home\nWorld\nBusiness\nSport\nCulture\nTravel\nThe council met on Monday.\n";
        assert_eq!(cleaned("menu-run", text), "The council met on Monday.\n");
    }

    #[test]
    fn short_and_introduced_lists_stay() {
        let five = "Home\nWorld\nBusiness\nSport\nCulture\nThe council met on Monday.\n";
        assert_eq!(cleaned("menu-run", five), five);
        let named = "The nominees are:\nAnna Berg\nJan Novak\nMaria Lopes\nLi Wei\nOmar Haddad\nSara Kim\n";
        assert_eq!(cleaned("menu-run", named), named);
        let numbered = "Step one\n2 eggs\n1 cup flour\nSalt\nPepper\nButter\nMilk\n";
        assert_eq!(
            cleaned("menu-run", numbered),
            "Step one\n2 eggs\n1 cup flour\nSalt\nPepper\nButter\nMilk\n"
        );
    }
}
