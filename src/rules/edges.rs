//! Clusters of furniture at the head and tail of a document.
//!
//! Junk gathers at the edges: a publisher's footer sits next to the social prompts at the end,
//! a menu word between two icon strings at the top. A short line with no sentence punctuation
//! that sits in such a run of definite junk goes with it; the same line in the body stays.
//! The head is treated more carefully than the tail, because titles, standfirsts and bylines
//! live there: at the head a line goes only when definite junk sits on both sides of it.

use super::{declare_rule, Category, Kind, Marks};
use crate::segment::Document;
use crate::text;

/// The most words a line may have to be taken with an edge run.
const MAX_WORDS: usize = 12;
/// The most characters a line may have to be taken with an edge run.
const MAX_CHARS: usize = 100;
/// The most such lines one run takes.
const MAX_TAKEN: usize = 4;

declare_rule! {
    /// ## What it removes
    /// At the top of the text, a short line without sentence punctuation that sits between two
    /// lines of definite junk, in a run of junk that starts at the first line:
    /// a menu word between an icon string and a time stamp.
    ///
    /// ## Why
    /// Page headers come as a cluster; a lone word inside one is part of it.
    ///
    /// ## Example
    /// ```text
    /// icon homeicon menuicon searchicon usericon closeicon
    /// Menu
    /// 19 Sep, 2009 08:24
    /// ```
    ///
    /// ## Keeps
    /// A headline or byline after the junk at the top, which has junk on one side only.
    pub(crate) static HEADER_CLUSTER = { id: "header-cluster", category: Category::Edges,
        kind: Kind::Edge(header_cluster) };
}

declare_rule! {
    /// ## What it removes
    /// At the bottom of the text, short lines without sentence punctuation that sit next to a
    /// run of definite junk reaching the last line: the publisher or department names above the
    /// social prompts and copyright line of a footer.
    ///
    /// ## Why
    /// Page footers come as a cluster; an organisation's name just above the *Follow us* line
    /// belongs to the footer, not to the article.
    ///
    /// ## Example
    /// ```text
    /// Ministry of Examples
    /// Press Office
    ///
    /// Follow us on Twitter
    /// ```
    ///
    /// ## Keeps
    /// The same short lines in the body, a list that a line ending with a colon introduces
    /// (`The winners are:`), any line that ends like a sentence, bylines
    /// (`By Jane Roe`), and lines that read like a clause rather than a name (`It was the end
    /// of an era`).
    pub(crate) static FOOTER_CLUSTER = { id: "footer-cluster", category: Category::Edges,
        kind: Kind::Edge(footer_cluster) };
}

/// Whether a line looks like a label or a name rather than a sentence: short, not ending like a
/// sentence, and made of words only (no digits, `@`, `=`, brackets or web addresses, which
/// mark credits, contacts and bylines).
fn is_fragment(text: &str) -> bool {
    text::at_most_words(text, MAX_WORDS)
        && text.chars().count() <= MAX_CHARS
        && !text::ends_clause(text)
        // A closing quotation mark ends a quotation; a closing bracket may end a name.
        && !text::ends_with_quote(text)
        && text.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || ".,&()'’/-".contains(c))
        && !text.contains("www.")
        && is_name_like(text)
}

/// Byline openers: a line that starts with one is a byline, content in the default profile.
const BYLINE_WORDS: &[&str] = &["by", "von", "por", "par", "oleh", "di", "автор", "текст"];

/// Whether a line reads like a name or a title rather than a clause: it is not a byline, and
/// most of its longer words (four letters or more) are capitalised, as in `Office of the
/// Assistant Secretary of Defense` but not in `It was the end of an era`. Words of scripts
/// without case count as capitalised.
fn is_name_like(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    if BYLINE_WORDS.contains(&first.as_str()) {
        return false;
    }
    let long: Vec<&str> =
        text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 4).collect();
    let capitalised = long.iter().filter(|w| !w.chars().next().is_some_and(char::is_lowercase)).count();
    !long.is_empty() && capitalised * 10 >= long.len() * 6
}

/// Fragments with junk right above and right below them in the same block: a blank line ends
/// the run, so that a headline or byline set off by blank lines between two stamps stays
/// (tests/fixtures/edges/header-cluster.txt).
fn header_cluster(doc: &Document, deleted: &Marks) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut pending = Vec::new();
    let mut junk = false;
    for (i, line) in doc.lines.iter().enumerate() {
        if line.is_blank() {
            pending.clear();
            junk = false;
            continue;
        }
        if deleted[i] {
            // Junk on both sides: the fragments in between go.
            junk = true;
            hits.append(&mut pending);
        } else if junk && is_fragment(line.trimmed()) && pending.len() < MAX_TAKEN {
            pending.push(i);
        } else {
            break;
        }
    }
    hits
}

/// Fragments above a run of junk that reaches the end; a fragment right under a quotation is
/// its attribution and stays (tests/fixtures/edges/footer-cluster-attribution.txt).
fn footer_cluster(doc: &Document, deleted: &Marks) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut junk = false;
    for (i, line) in doc.lines.iter().enumerate().rev() {
        if line.is_blank() {
            continue;
        }
        if deleted[i] {
            junk = true;
        } else if junk && is_fragment(line.trimmed()) && hits.len() < MAX_TAKEN && !attributes_quote(doc, i) {
            hits.push(i);
        } else {
            // A list after a colon (`The winners are:`) is the text's own, down to its end.
            if !hits.is_empty() && text::ends_with_colon(line.trimmed()) {
                hits.clear();
            }
            break;
        }
    }
    hits
}

/// Whether the non-blank line before line `index` ends with a closing quotation mark.
fn attributes_quote(doc: &Document, index: usize) -> bool {
    let above = doc.lines[..index].iter().rev().find(|l| !l.is_blank());
    above.is_some_and(|l| l.trimmed().ends_with(['”', '"', '»', '’', '\'', '“', '«']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(check: crate::rules::Check, text: &str, deleted: &[usize]) -> Vec<usize> {
        let doc = Document::new(text);
        let marks = Marks::new((0..doc.lines.len()).map(|i| deleted.contains(&i).then_some("x")).collect());
        let mut hits = check(&doc, &marks);
        hits.sort_unstable();
        hits
    }

    #[test]
    fn footer_names_above_junk_go() {
        let text = "Body sentence.\n\nMinistry of Examples\nPress Office\n\nFollow us on Twitter\n";
        assert_eq!(run(footer_cluster, text, &[5]), [2, 3]);
    }

    #[test]
    fn bylines_and_clauses_are_not_fragments() {
        for line in ["By Jane Smith", "It was the end of an era", "the vote was close"] {
            assert!(!is_fragment(line), "{line}");
        }
        for line in ["U.S. Department of Defense", "Ministry of Examples", "Press Office"] {
            assert!(is_fragment(line), "{line}");
        }
    }

    #[test]
    fn credits_and_contacts_are_not_fragments() {
        for line in
            ["Jane Roe jane@example.org", "[Photo=Example Agency]", "www.example.org", "Room 12, Main Street"]
        {
            assert!(!is_fragment(line), "{line}");
        }
        assert!(is_fragment("Office of the Assistant Secretary (Public Affairs)"));
    }

    #[test]
    fn attribution_under_a_quote_stays() {
        let text = "Body sentence.\n\n“The harbour is the town.”\n\nMaria Lopes, harbour master\n\nShare this article\n";
        assert!(run(footer_cluster, text, &[6]).is_empty());
        let text =
            "“The harbour is the town.”\n\nMinistry of Examples\nPress Office\n\nFollow us on Twitter\n";
        assert_eq!(run(footer_cluster, text, &[5]), [3]);
    }

    #[test]
    fn a_list_after_a_colon_stays_above_a_footer() {
        let text = "The winners are:\nAnna Berg\nJan Novak\nMaria Lopes\n\nFollow us on Twitter\n";
        assert!(run(footer_cluster, text, &[5]).is_empty());
    }

    #[test]
    fn footer_needs_junk_at_the_end() {
        let text = "Body sentence.\n\nMinistry of Examples\n";
        assert!(run(footer_cluster, text, &[]).is_empty());
        // junk in the body, a fragment after it at the end, then a sentence: nothing to take
        let text = "Views: 3\nMinistry of Examples\nLast sentence.\n";
        assert!(run(footer_cluster, text, &[0]).is_empty());
    }

    #[test]
    fn header_takes_only_fragments_between_junk() {
        let text = "icons icons\nMenu\n19 Sep 2009\n\nHeadline without a period\n\nBody.\n";
        assert_eq!(run(header_cluster, text, &[0, 2]), [1]);
    }

    #[test]
    fn headline_and_byline_between_stamps_stay() {
        let text = "icons icons\nMenu\n19 Sep 2009\nSearch\n\nHeadline\n\nAFP Thursday\nViews: 3\n\nBody.\n";
        assert_eq!(run(header_cluster, text, &[0, 2, 8]), [1]);
    }

    #[test]
    fn headline_after_junk_stays() {
        let text = "19 Sep 2009\n\nHeadline\n\nBody.\n";
        assert!(run(header_cluster, text, &[0]).is_empty());
        let text = "Headline\n19 Sep 2009\n\nBody.\n";
        assert!(run(header_cluster, text, &[1]).is_empty());
    }
}
