//! Menus: runs of short link labels.

use super::{declare_rule, Category, Kind, Marks};
use crate::segment::{count_words, Document};

/// How many labels in a row make a menu.
const MIN_RUN: usize = 6;
/// How many labels a run must already hold to go on across a blank line.
const MIN_RUN_ACROSS_BLANKS: usize = 3;
/// The most words a menu label has.
const MAX_WORDS: usize = 3;

declare_rule! {
    /// ## What it removes
    /// A run of at least six consecutive lines that are each a short label (one to three words,
    /// not starting lower-case, no digits, no sentence punctuation), as site menus and link
    /// lists leave them in the visible text of a page. A blank line ends the run unless it
    /// already holds three labels (menus come in groups).
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
    /// Shorter runs, runs of one- and two-line groups between blank lines (couplets), lines that
    /// start lower-case,
    /// lists whose items have numbers or end like sentences, and any list right after a line
    /// that ends with a colon (`The nominees are:`), which the article introduced.
    pub(crate) static MENU_RUN = { id: "menu-run", category: Category::Navigation,
        kind: Kind::Context(menu_run) };
}

fn is_label(text: &str) -> bool {
    // The tests that look at one character first: most lines are sentences.
    !text.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '»', '…'])
        // Menu labels start with a capital or a bullet; verse or prose starts lower-case.
        && !text.chars().next().is_some_and(char::is_lowercase)
        // Counting stops past the limit.
        && (1..=MAX_WORDS).contains(&count_words(text, MAX_WORDS + 1))
        && !text.bytes().any(|b| b.is_ascii_digit())
}

fn menu_run(doc: &Document, marks: &Marks) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    // A list that a sentence introduces (`The nominees are:`) is the article's own.
    let mut introduced = false;
    let mut blank_since_last = false;
    let flush = |run: &mut Vec<usize>, hits: &mut Vec<usize>, introduced: bool| {
        if run.len() >= MIN_RUN && !introduced {
            hits.append(run);
        }
        run.clear();
    };
    for (i, line) in doc.lines.iter().enumerate() {
        if marks.deleted(i) {
            continue;
        }
        // A menu is one block: a blank line ends the run, so stanzas and short paragraphs
        // never add up to one.
        if line.is_blank() {
            blank_since_last = true;
            continue;
        }
        // Across a blank line the run goes on only once it holds three labels: menus come in
        // groups, while couplets of short verse and short paragraphs stay apart.
        if blank_since_last && run.len() < MIN_RUN_ACROSS_BLANKS {
            flush(&mut run, &mut hits, introduced);
        }
        blank_since_last = false;
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
        let poem = "The poet read:\n\nMorning light\nover the harbour\nthe gulls return\n\nEvening tide\nthe nets come\nand we go\n";
        assert_eq!(cleaned("menu-run", poem), poem);
        let verse = "She sang.\nRise up\nand go\nto the sea\nwhere the\nwinds blow\nfree and wild\n";
        assert_eq!(cleaned("menu-run", verse), verse);
        let couplets =
            "She sang.\n\nRise Up\nAnd Go\n\nTo The Sea\nWhere Winds\n\nBlow Free\nAnd Wild\n\nThe end.\n";
        assert_eq!(cleaned("menu-run", couplets), couplets);
        let numbered = "Step one\n2 eggs\n1 cup flour\nSalt\nPepper\nButter\nMilk\n";
        assert_eq!(
            cleaned("menu-run", numbered),
            "Step one\n2 eggs\n1 cup flour\nSalt\nPepper\nButter\nMilk\n"
        );
    }
}
