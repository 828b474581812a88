//! The `page` profile against the development half of the article-extraction benchmark: on the
//! whole visible text of each page (`html-text`), recall at least 0.93 and F1 at least 0.88 (the
//! level reached so far; the aim is 0.90).
//!
//! The data lives outside the repository (`../shared/bench/aceb-dev`). In CI (`CI=true`) it
//! must be there; elsewhere the test says why it skips and passes.

use dechaff::eval;
use dechaff::{Cleaner, Options, Profile};

mod common;

use common::{bench_corpus, bench_dir};

#[test]
fn page_profile_on_html_text() {
    let Some(dir) = bench_dir() else { return };
    let cleaner =
        Cleaner::new(&Options { profile: Profile::Page, ..Options::default() }).expect("rules compile");
    let gold = bench_corpus(&dir, "ground-truth.json");
    let e = eval::evaluate(&gold, &bench_corpus(&dir, "output/html-text.json"), &cleaner);
    assert!(e.after.f1 >= 0.88, "F1 {:.4} < 0.88 ({:?})", e.after.f1, e.after);
    assert!(e.after.recall >= 0.93, "recall {:.4} < 0.93 ({:?})", e.after.recall, e.after);
}
