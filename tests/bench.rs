//! The `page` profile on whole-page text: the development half of the article-extraction
//! benchmark (`html-text` and `inscriptis`) and the four page corpora of `../shared/bench/pages`
//! (`html-text`). On every one it scores at least what the C4 line rules score on the same text,
//! and on the benchmark's pages F1 at least 0.90 with recall at least 0.93.
//!
//! The classifier is fitted on these pages, so these are in-sample figures that guard against a
//! regression; `cargo run --release --example train-page` reports the cross-validated ones.
//! The data lives outside the repository. In CI (`CI=true`) it must be there; elsewhere the
//! test says why it skips and passes.

use dechaff::eval;
use dechaff::{Cleaner, Options, Profile};

mod common;

use common::{bench_corpus, bench_dir};

fn page_cleaner() -> Cleaner {
    Cleaner::new(&Options { profile: Profile::Page, ..Options::default() }).expect("rules compile")
}

/// The C4 line rules' score on the texts of `input` against `gold`.
fn c4(gold: &eval::Corpus, input: &eval::Corpus) -> eval::Score {
    let counts: Vec<eval::Counts> = gold
        .iter()
        .map(|(id, g)| eval::counts(g, &eval::c4_lines(input.get(id).map_or("", String::as_str))))
        .collect();
    eval::score(&counts)
}

#[test]
fn page_profile_on_the_benchmarks_whole_page_dumps() {
    let Some(dir) = bench_dir() else { return };
    let cleaner = page_cleaner();
    let gold = bench_corpus(&dir, "ground-truth.json");
    for input in ["html-text", "inscriptis"] {
        let texts = bench_corpus(&dir, &format!("output/{input}.json"));
        let e = eval::evaluate(&gold, &texts, &cleaner);
        assert!(e.after.f1 >= 0.90, "{input}: F1 {:.4} < 0.90 ({:?})", e.after.f1, e.after);
        assert!(e.after.recall >= 0.93, "{input}: recall {:.4} < 0.93 ({:?})", e.after.recall, e.after);
        assert!(e.lost_pages.len() <= 2, "{input}: lost pages {:?}", e.lost_pages);
        let c4 = c4(&gold, &texts);
        assert!(e.after.f1 >= c4.f1, "{input}: F1 {:.4} below the C4 line rules' {:.4}", e.after.f1, c4.f1);
    }
}

#[test]
#[allow(clippy::print_stderr, reason = "the in-sample figures, shown with --nocapture")]
fn page_profile_beats_the_c4_line_rules_on_every_page_corpus() {
    let Some(dir) = bench_dir() else { return };
    let pages = dir.parent().expect("aceb-dev has a parent").join("pages");
    let cleaner = page_cleaner();
    for set in ["dragnet-train", "cleaneval-dev", "readability-tests", "cleanportaleval"] {
        let at = pages.join(set);
        let gold = bench_corpus(&at, "ground-truth.json");
        let texts = bench_corpus(&at, "output/html-text.json");
        let e = eval::evaluate(&gold, &texts, &cleaner);
        let c4 = c4(&gold, &texts);
        eprintln!("{set}: page F1 {:.4}, C4 {:.4}, raw {:.4}", e.after.f1, c4.f1, e.before.f1);
        assert!(
            e.after.f1 >= c4.f1,
            "{set}: page F1 {:.4} below the C4 line rules' {:.4}",
            e.after.f1,
            c4.f1
        );
        assert!(
            e.after.f1 > e.before.f1,
            "{set}: page F1 {:.4} not above the raw text's {:.4}",
            e.after.f1,
            e.before.f1
        );
    }
}
