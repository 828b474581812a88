//! Accuracy targets on the article-extraction benchmark's development data, checked with the
//! same code as `dechaff eval`. The data lives outside the repository
//! (`../shared/bench/aceb-dev`); where it is absent the tests say so and pass, except in CI
//! (`CI=true`), where they must run.

use dechaff::eval::{evaluate, Evaluation};
use dechaff::{Cleaner, Options, Profile};

mod common;

use common::{bench_corpus as corpus, bench_dir};

/// The article extractors whose outputs hold one paragraph per line (all but `justext`, which
/// joins each page into one line, and the two whole-page dumps).
const EXTRACTORS: &[&str] = &[
    "trafilatura",
    "readability",
    "readability_js",
    "newspaper",
    "news_please",
    "goose3",
    "boilerpipe",
    "dragnet",
    "go_domdistiller",
];

fn run(dir: &std::path::Path, profile: Profile, input: &str) -> Evaluation {
    let gold = corpus(dir, "ground-truth.json");
    let cleaner = Cleaner::new(&Options { profile, ..Options::default() }).expect("rules compile");
    evaluate(&gold, &corpus(dir, &format!("output/{input}.json")), &cleaner)
}

#[test]
fn safe_raises_precision_and_keeps_recall() {
    let Some(dir) = bench_dir() else { return };
    for input in EXTRACTORS.iter().chain(&["html-text", "inscriptis"]) {
        let e = run(&dir, Profile::Safe, input);
        assert!(e.after.precision > e.before.precision, "{input}: precision did not rise: {e:?}");
        let lost = e.before.recall - e.after.recall;
        assert!(lost <= 0.002, "{input}: recall fell by {lost:.4}");
    }
    let e = run(&dir, Profile::Safe, "html-text");
    let gain = e.after.precision - e.before.precision;
    assert!(gain >= 0.05, "html-text: precision rose by only {gain:.4}");
    assert!(e.before.recall - e.after.recall <= 0.005, "html-text: recall {e:?}");
}

#[test]
fn article_profile_never_lowers_f1() {
    let Some(dir) = bench_dir() else { return };
    for input in EXTRACTORS.iter().chain(&["html-text", "inscriptis", "justext"]) {
        let e = run(&dir, Profile::Article, input);
        assert!(e.after.f1 >= e.before.f1, "{input}: F1 fell from {:.4} to {:.4}", e.before.f1, e.after.f1);
    }
}

#[test]
fn page_profile_does_no_harm_to_article_extractors() {
    let Some(dir) = bench_dir() else { return };
    for input in EXTRACTORS.iter().chain(&["justext"]) {
        let article = run(&dir, Profile::Article, input).after.f1;
        let page = run(&dir, Profile::Page, input).after.f1;
        assert!(page >= article, "{input}: page F1 {page:.4} < article F1 {article:.4}");
    }
}
