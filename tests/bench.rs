//! The `page` profile against the development half of the article-extraction benchmark: on the
//! whole visible text of each page (`html-text`), recall at least 0.93 and F1 at least 0.88 (the
//! level reached so far; the aim is 0.90).
//!
//! The data lives outside the repository (`../shared/bench/aceb-dev`). In CI (`CI=true`) it
//! must be there; elsewhere the test says why it skips and passes.

use std::path::Path;

use dechaff::eval;
use dechaff::{Cleaner, Options, Profile};

#[test]
#[allow(clippy::print_stderr, reason = "the skip message says why the test did not run")]
fn page_profile_on_html_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/aceb-dev");
    let gold = dir.join("ground-truth.json");
    let input = dir.join("output/html-text.json");
    if !gold.is_file() || !input.is_file() {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI needs the benchmark data in {}",
            dir.display()
        );
        eprintln!("skipped: no benchmark data in {}", dir.display());
        return;
    }
    let read = |p: &Path| {
        let text = std::fs::read_to_string(p).expect("readable benchmark file");
        eval::parse_corpus(&p.display().to_string(), &text).expect("a benchmark file")
    };
    let cleaner =
        Cleaner::new(&Options { profile: Profile::Page, ..Options::default() }).expect("rules compile");
    let e = eval::evaluate(&read(&gold), &read(&input), &cleaner);
    assert!(e.after.f1 >= 0.88, "F1 {:.4} < 0.88 ({:?})", e.after.f1, e.after);
    assert!(e.after.recall >= 0.93, "recall {:.4} < 0.93 ({:?})", e.after.recall, e.after);
}
