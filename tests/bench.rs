//! The `page` profile against the development half of the article-extraction benchmark: on the
//! whole visible text of each page (`html-text` and `inscriptis`), recall at least 0.93 and F1 at
//! least 0.90, and at most one page that loses more than half of its gold text.
//!
//! The data lives outside the repository (`../shared/bench/aceb-dev`). In CI (`CI=true`) it
//! must be there; elsewhere the test says why it skips and passes.

use dechaff::eval;
use dechaff::{Cleaner, Options, Profile};

mod common;

use common::{bench_corpus, bench_dir};

#[test]
fn page_profile_on_whole_page_dumps() {
    let Some(dir) = bench_dir() else { return };
    let cleaner =
        Cleaner::new(&Options { profile: Profile::Page, ..Options::default() }).expect("rules compile");
    let gold = bench_corpus(&dir, "ground-truth.json");
    for input in ["html-text", "inscriptis"] {
        let e = eval::evaluate(&gold, &bench_corpus(&dir, &format!("output/{input}.json")), &cleaner);
        assert!(e.after.f1 >= 0.90, "{input}: F1 {:.4} < 0.90 ({:?})", e.after.f1, e.after);
        assert!(e.after.recall >= 0.93, "{input}: recall {:.4} < 0.93 ({:?})", e.after.recall, e.after);
        assert!(e.lost_pages.len() <= 1, "{input}: lost pages {:?}", e.lost_pages);
    }
}
