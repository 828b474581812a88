//! Menus: runs of short link labels.

use super::{declare_rule, Category, Kind, Marks};
use crate::segment::Document;
use crate::text::{self, count_words};

/// How many labels in a row make a menu.
const MIN_RUN: usize = 6;
/// How many labels a run must already hold to go on across a blank line.
const MIN_RUN_ACROSS_BLANKS: usize = 3;
/// How many labels two menus must share for a text to show its menus without other junk.
const MIN_SHARED: usize = 3;
/// The most words of a title that ends like a question among a menu's items.
const MAX_TITLE_WORDS: usize = 6;
/// The most bytes a menu label has: three long words in any script.
const MAX_LABEL_BYTES: usize = 120;
/// The most words a menu label has.
const MAX_WORDS: usize = 3;

declare_rule! {
    /// ## What it removes
    /// A run of at least six consecutive lines that are each a short label (one to three words,
    /// not starting lower-case, no digits, no punctuation at the end), as site menus and link
    /// lists leave them in the visible text of a page, in a text that shows other page
    /// furniture (a line another rule removed, or the same menu twice). A blank line ends the run unless it already
    /// holds three labels (menus come in groups). Words are counted in every script, so a
    /// sentence in Japanese or Thai is never a label.
    ///
    /// ## Why
    /// Navigation: the links of a menu, not sentences of the article.
    ///
    /// ## Example
    /// ```text
    /// Views: 1581
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
    /// start lower-case, lists whose items have numbers or end like sentences, any list right
    /// after a line that ends like a sentence or a clause (`The nominees are:`, `You will
    /// need the following.`), which the text introduced, the header cells of a table (a run
    /// next to cells with numbers, or lines with tabs or pipes), and every list in a text with
    /// no other junk: the lists of a clean article (names, ingredients, categories) are content.
    /// A text that prints the same menu twice (three labels or more in two runs) shows its
    /// furniture without other junk. A short question or exclamation right after two labels
    /// is an item (`Whose Story Is It Anyway?`), and introduces nothing.
    pub(crate) static MENU_RUN = { id: "menu-run", category: Category::Navigation,
        kind: Kind::Context { check: menu_run, evidence: Some(menu_repeated) } };
}

fn is_label(line: &str) -> bool {
    let bytes = line.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else { return false };
    // Most lines are sentences, which their length or their first or last byte shows.
    if line.len() > MAX_LABEL_BYTES
        || matches!(last, b'.' | b'!' | b'?' | b',' | b';' | b':' | b'"' | b'\'')
        || first.is_ascii_lowercase()
    {
        return false;
    }
    ascii_label(bytes).unwrap_or_else(|| label_by_tables(line))
}

/// [`is_label`] for any line, with the Unicode tables.
fn label_by_tables(line: &str) -> bool {
    !text::ends_clause(line)
        && !text::ends_with_quote(line)
        // Menu labels start with a capital or a bullet; verse or prose starts lower-case.
        && !line.chars().next().is_some_and(char::is_lowercase)
        // Counting stops past the limit.
        && (1..=MAX_WORDS).contains(&count_words(line, MAX_WORDS + 1))
        && !has_figure_or_cells(line)
}

/// [`is_label`] from one pass over the bytes of a line that does not end with sentence
/// punctuation, quotes or start lower-case: the answer for an ASCII line, and for any line
/// with a digit, a tab or more than three words of ASCII letters; `None` for the rest.
fn ascii_label(bytes: &[u8]) -> Option<bool> {
    let closing = |b: &u8| matches!(b, b'"' | b'\'' | b')' | b']' | b'}') || b.is_ascii_whitespace();
    let Some(end) = bytes.iter().rposition(|b| !closing(b)) else { return Some(false) };
    if matches!(bytes[end], b'.' | b'!' | b'?' | b',' | b';' | b':') {
        return Some(false);
    }
    let (mut words, mut alnum, mut pipes, mut ascii) = (0, false, 0, true);
    for &b in bytes {
        match b {
            b'0'..=b'9' | b'\t' => return Some(false),
            b' ' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => {
                words += usize::from(alnum);
                if words > MAX_WORDS {
                    return Some(false);
                }
                alnum = false;
            }
            b'|' => pipes += 1,
            0x80.. => ascii = false,
            _ => alnum |= b.is_ascii_alphabetic(),
        }
    }
    words += usize::from(alnum);
    // A row of label cells fenced by pipes is a table's.
    let fenced = pipes >= 2 && bytes[0] == b'|' && bytes[bytes.len() - 1] == b'|';
    ascii.then(|| (1..=MAX_WORDS).contains(&words) && !fenced)
}

/// Whether a line holds a digit or is a row of table cells; most labels hold neither, which one
/// pass over their bytes shows.
fn has_figure_or_cells(line: &str) -> bool {
    if line.is_ascii() && !line.bytes().any(|b| b.is_ascii_digit() || b == b'\t' || b == b'|') {
        return false;
    }
    text::has_digit(line) || is_table_row(line)
}

/// Whether a line is a row of table cells: cells separated by tabs, or by pipes in a row that
/// has figures or is fenced by pipes (`| Team | Pts |`). A row of labels between pipes
/// without figures (`Home | News | Sport`) is a menu's.
pub(super) fn is_table_row(line: &str) -> bool {
    line.contains('\t')
        || (line.contains('|')
            && line.matches('|').nth(1).is_some()
            && (text::has_digit(line) || (line.starts_with('|') && line.ends_with('|'))))
}

/// Whether a line is a table cell that holds a figure and next to no words: `0`, `38`, `+12`,
/// `3–1`, `45%`, `1.5 kg`.
fn is_figure_cell(line: &str) -> bool {
    text::has_digit(line) && line.chars().filter(|c| c.is_alphabetic()).nth(3).is_none()
}

fn menu_run(doc: &Document, marks: &Marks) -> Vec<usize> {
    runs(doc, marks).concat()
}

/// Whether a text prints the same menu twice (at the top and the bottom of a page, or in a
/// header and a sitemap): at least [`MIN_SHARED`] labels appear in two different runs. Lists
/// of an article's own (names, ingredients, categories) do not repeat each other, so a page
/// dump whose patterns find no junk still loses its menus.
fn menu_repeated(doc: &Document, marks: &Marks) -> bool {
    // Most texts do not have two runs of six short lines that do not end like a sentence
    // (blank lines aside); their lengths and last bytes show it, and only then is each line
    // looked at as a label.
    let rough = |line: &str| {
        let t = line.as_bytes();
        t.len() <= MAX_LABEL_BYTES && !matches!(t[t.len() - 1], b'.' | b'!' | b'?' | b',' | b';' | b':')
    };
    let mut candidates = Vec::new();
    let mut start = None;
    for (i, line) in doc.lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        match (rough(line.trimmed()), start) {
            (true, None) => start = Some((i, 1)),
            (true, Some((first, n))) => start = Some((first, n + 1)),
            (false, Some((first, n))) => {
                if n >= MIN_RUN {
                    candidates.push(first..i);
                }
                start = None;
            }
            (false, None) => {}
        }
    }
    if let Some((first, _)) = start.filter(|&(_, n)| n >= MIN_RUN) {
        candidates.push(first..doc.lines.len());
    }
    candidates.len() >= 2 && {
        let runs = runs(doc, marks);
        runs.len() >= 2
            && shared_labels(
                doc,
                &mut runs.iter().enumerate().flat_map(|(r, run)| run.iter().map(move |&i| (r, i))),
            ) >= MIN_SHARED
    }
}

/// How many distinct lines appear in two different runs, given as (run, line) pairs.
fn shared_labels(doc: &Document, lines: &mut dyn Iterator<Item = (usize, usize)>) -> usize {
    let mut labels: Vec<(&str, usize)> = lines.map(|(r, i)| (doc.lines[i].trimmed(), r)).collect();
    labels.sort_unstable();
    labels
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|same| same.first().map(|l| l.1) != same.last().map(|l| l.1))
        .count()
}

/// The runs of labels that are menus (each a list of line indices).
fn runs(doc: &Document, marks: &Marks) -> Vec<Vec<usize>> {
    let mut menus = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut blank_since_last = false;
    let flush = |run: &mut Vec<usize>, menus: &mut Vec<Vec<usize>>| {
        if run.len() >= MIN_RUN && !introduced(doc, marks, run[0]) && !in_table(doc, marks, run) {
            menus.push(std::mem::take(run));
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
            flush(&mut run, &mut menus);
        }
        blank_since_last = false;
        if is_label(line.trimmed()) {
            run.push(i);
        } else {
            flush(&mut run, &mut menus);
        }
    }
    flush(&mut run, &mut menus);
    menus
}

/// Whether the line right before a run (blank lines aside) introduces it: a line the rules
/// keep that ends with a colon (`The nominees are:`), or a sentence of four words or more
/// (`You will need the following.`).
fn introduced(doc: &Document, marks: &Marks, first: usize) -> bool {
    let Some(b) = (0..first).rev().find(|&j| !doc.lines[j].is_blank()) else { return false };
    let line = doc.lines[b].trimmed();
    !marks.deleted(b)
        && (text::ends_with_colon(line) || (text::ends_clause(line) && count_words(line, 4) >= 4))
        && !inside_menu(doc, b)
}

/// Whether line `b` is a title among the items of a menu: a question or exclamation of at most
/// [`MAX_TITLE_WORDS`] words (`Whose Story Is It Anyway?`) right after two labels in its block.
/// It is one of the items, not a line that introduces the items after it; a sentence that
/// ends with a full stop or a colon introduces them.
fn inside_menu(doc: &Document, b: usize) -> bool {
    let line = text::strip_closing(doc.lines[b].trimmed());
    let block = doc.lines[b].block();
    line.ends_with(['?', '!', '？', '！'])
        && count_words(line, MAX_TITLE_WORDS + 1) <= MAX_TITLE_WORDS
        && b >= 2
        && (b - 2..b).all(|j| doc.lines[j].block() == block && is_label(doc.lines[j].trimmed()))
}

/// Whether a run is the header or a column of a table: the two lines right before or right
/// after it, in its block, are cells with figures or rows of cells.
fn in_table(doc: &Document, marks: &Marks, run: &[usize]) -> bool {
    let (Some(&first), Some(&last)) = (run.first(), run.last()) else { return false };
    let block = doc.lines[first].block();
    let cell = |j: &usize| {
        let line = &doc.lines[*j];
        !marks.deleted(*j)
            && line.block() == block
            && (is_figure_cell(line.trimmed()) || is_table_row(line.trimmed()))
    };
    let before: Vec<usize> = (0..first).rev().take(2).collect();
    let after: Vec<usize> = (last + 1..doc.lines.len()).take(2).collect();
    (before.len() == 2 && before.iter().all(cell)) || (after.len() == 2 && after.iter().all(cell))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::cleaned;

    use crate::rules::testing::cleaned_by_default as clean;

    const MENU: &str = "Home\nWorld\nBusiness\nSport\nCulture\nTravel\n";

    #[test]
    fn a_menu_in_a_text_with_furniture_goes() {
        let text = format!("Views: 3\n{MENU}The council met on Monday.\n");
        assert_eq!(clean(&text), "The council met on Monday.\n");
    }

    #[test]
    fn a_list_in_a_clean_text_stays() {
        // No other rule finds junk: the list is the text's own.
        let text = format!("The council met on Monday.\n\n{MENU}");
        assert_eq!(clean(&text), text);
        assert_eq!(cleaned("menu-run", &text), text);
    }

    #[test]
    fn the_byte_test_for_labels_answers_as_the_tables_do() {
        for line in [
            "Home",
            "Travel & Food",
            "About Us",
            "Best Tech Gadgets Today",
            "| Home | News |",
            "Home | News | Sport",
            "Team\tWon",
            "Top 10",
            "World News)",
            "Who Is It?)",
            "\"Quoted\"",
            "(Opinion)",
            "A  B  C",
            "- Home",
            "Главная",
            "Мир и спорт",
            "Café Society",
            "Zürich Nachrichten heute",
            "Noticias 2024",
            "¿Qué?",
            "東京",
            "Home\u{a0}News\u{a0}Sport\u{a0}Travel",
            "The End —",
            "...",
            "|",
            ")",
        ] {
            assert_eq!(super::is_label(line), super::label_by_tables(line), "{line:?}");
        }
    }

    #[test]
    fn a_menu_printed_twice_goes_without_other_junk() {
        let text =
            format!("{MENU}\nThe council met on Monday to discuss the budget.\n\nSite map 2024\n{MENU}");
        assert_eq!(clean(&text), "The council met on Monday to discuss the budget.\n\nSite map 2024\n");
        // Two lists that share fewer than three items are the text's own.
        let lists = "Anna Berg\nJan Novak\nMaria Lopes\nLi Wei\nOmar Haddad\nSara Kim\n\nThe jury met.\n\nAnna Berg\nTom Ross\nEva Lind\nIda Moe\nLeo Park\nMia Roth\n";
        assert_eq!(clean(lists), lists);
    }

    #[test]
    fn a_title_among_the_items_does_not_introduce_the_rest() {
        let text = "Views: 3\nFeatured\nWitness\nWhose Story Is It Anyway?\nPeople & Power\nFault Lines\nInside Story\nThe Stream\nThe Debate\nUpfront\nThe council met on Monday.\n";
        // Two labels are too few for a menu; the six after the title are one.
        assert_eq!(clean(text), "Featured\nWitness\nWhose Story Is It Anyway?\nThe council met on Monday.\n");
    }

    #[test]
    fn short_and_introduced_lists_stay() {
        let junk = "Share this article\n";
        for text in [
            "Home\nWorld\nBusiness\nSport\nCulture\nThe council met on Monday.\n",
            "The nominees are:\nAnna Berg\nJan Novak\nMaria Lopes\nLi Wei\nOmar Haddad\nSara Kim\n",
            "You will need the following.\nFlour\nSugar\nEggs\nButter\nMilk\nSalt\n",
            "The poet read:\n\nMorning light\nover the harbour\nthe gulls return\n\nEvening tide\nthe nets come\nand we go\n",
            "She sang.\nRise up\nand go\nto the sea\nwhere the\nwinds blow\nfree and wild\n",
            "She sang.\n\nRise Up\nAnd Go\n\nTo The Sea\nWhere Winds\n\nBlow Free\nAnd Wild\n\nThe end.\n",
            "Step one\n2 eggs\n1 cup flour\nSalt\nPepper\nButter\nMilk\n",
        ] {
            let with_junk = format!("{junk}{text}");
            assert_eq!(clean(&with_junk), text, "{text}");
        }
    }

    #[test]
    fn sentences_without_spaces_are_not_labels() {
        let text = "Views: 3\n東京都は月曜日、新しい計画を発表した\n計画は来年から始まる予定だ\n都民の多くが期待している\n反対する声もある\n議会は来月審議する\n知事は説明を続ける\n";
        assert_eq!(clean(text), text.trim_start_matches("Views: 3\n"));
    }

    #[test]
    fn table_headers_stay() {
        let junk = "Share this article\n";
        let cells = format!("{junk}Team\nPlayed\nWon\nDrawn\nLost\nPoints\nRovers\n10\n7\n2\n1\n23\n");
        assert_eq!(clean(&cells), cells.trim_start_matches(junk));
        let tabs =
            format!("{junk}Team\tWon\tLost\nRovers\t7\t1\nHome\nWorld\nBusiness\nSport\nCulture\nTravel\n");
        assert!(clean(&tabs).starts_with("Team\tWon\tLost\nRovers\t7\t1\n"));
        let pipes = format!("{junk}| Team | Won |\n| Rovers | 7 |\n| United | 5 |\n| City | 4 |\n| Town | 3 |\n| Athletic | 2 |\n");
        assert_eq!(clean(&pipes), pipes.trim_start_matches(junk));
    }
}
