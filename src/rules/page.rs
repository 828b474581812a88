//! Boilerplate in the whole visible text of a page, found by the page classifier.
//!
//! The rule only turns the classifier's verdicts ([`crate::page`]) into removals with their
//! evidence; the features and weights live there. It runs after every other rule, whose
//! removals it reads as strong evidence of boilerplate around them.

use super::{declare_rule, Category, Kind, Marks, Profile, Verdicts};
use crate::page::{classify, Model};
use crate::segment::Document;

declare_rule! {
    /// ## What it removes
    /// In the whole visible text of a web page (menus, breadcrumbs, share bars, the article,
    /// related links, comments, footers), the lines a classifier scores as boilerplate: short
    /// lines without sentences or function words, menu separators, lines repeated on the page,
    /// and whatever lies outside the main run of dense text.
    ///
    /// ## Why
    /// Text dumps of a page (innerText, Common Crawl WET records) hold the article among a page's
    /// furniture. No single pattern finds a menu in every language, but its shape does.
    /// `--explain` shows each line's score and the features that decided it.
    ///
    /// ## Example
    /// ```text
    /// Home | News | Sport | Weather
    /// Latest stories
    /// Council approves budget
    /// About us  Contact  Privacy policy
    /// ```
    ///
    /// ## Keeps
    /// Texts that do not look like a page dump: fewer than 30 lines left by the rules, fewer
    /// than 30% of them not ending like a sentence, 90% or more of the words in long sentence
    /// lines (an article body), or no site furniture (fewer than ten lines the rules took and
    /// no run of eight lines of three words or fewer), as in an article extractor's output.
    /// When nothing on a page looks like content, its densest block stays.
    pub(crate) static PAGE_BOILERPLATE = { id: "page-boilerplate", category: Category::Page,
        kind: Kind::Score(page_boilerplate),
        profile: Profile::Page };
}

fn page_boilerplate(doc: &Document, marks: &Marks) -> Verdicts {
    let classified = classify(doc, marks, Model::builtin());
    let removed: Vec<usize> =
        (0..classified.verdicts.len()).filter(|&k| classified.verdicts[k].remove).collect();
    let lines = removed.iter().map(|&k| classified.verdicts[k].index).collect();
    Verdicts { lines, explain: Box::new(move |k| classified.evidence(removed[k])) }
}
