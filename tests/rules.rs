//! One test per category: every fixture under `tests/fixtures/<category>/` is cleaned with the
//! rules of its rule's profile, and the snapshot holds the cleaned text and the removal list, so that one
//! review shows both what went and what stayed.

use std::path::Path;

use dechaff::{Cleaner, Options};

mod common;

use common::report_with;
use dechaff::Profile;

/// Snapshots every fixture of one category; a macro, so that insta names the snapshot after the
/// calling test (`rules__counters@view-counter.txt.snap`).
macro_rules! category {
    ($glob:literal) => {
        insta::glob!($glob, |path| {
            let input = std::fs::read_to_string(path).expect("fixture is UTF-8 text");
            // Name the snapshot after the file even when the category has only one fixture
            // (glob! leaves the suffix empty then).
            let name = path.file_name().and_then(|n| n.to_str()).expect("UTF-8 file name");
            insta::with_settings!({ omit_expression => true, snapshot_suffix => name }, {
                let stem = name.trim_end_matches(".txt");
                insta::assert_snapshot!(report_with(&input, fixture_profile(stem)));
            });
        });
    };
}

#[test]
fn icons() {
    category!("fixtures/icons/*.txt");
}

#[test]
fn counters() {
    category!("fixtures/counters/*.txt");
}

#[test]
fn comments() {
    category!("fixtures/comments/*.txt");
}

#[test]
fn social() {
    category!("fixtures/social/*.txt");
}

#[test]
fn copyright() {
    category!("fixtures/copyright/*.txt");
}

#[test]
fn timestamps() {
    category!("fixtures/timestamps/*.txt");
}

#[test]
fn labels() {
    category!("fixtures/labels/*.txt");
}

#[test]
fn links() {
    category!("fixtures/links/*.txt");
}

#[test]
fn duplicates() {
    category!("fixtures/duplicates/*.txt");
}

#[test]
fn edges() {
    category!("fixtures/edges/*.txt");
}

#[test]
fn whitespace() {
    category!("fixtures/whitespace/*.txt");
}

#[test]
fn navigation() {
    category!("fixtures/navigation/*.txt");
}

#[test]
fn ads() {
    category!("fixtures/ads/*.txt");
}

#[test]
fn notices() {
    category!("fixtures/notices/*.txt");
}

#[test]
fn captions() {
    category!("fixtures/captions/*.txt");
}

#[test]
fn bylines() {
    category!("fixtures/bylines/*.txt");
}

#[test]
fn metadata() {
    category!("fixtures/metadata/*.txt");
}

#[test]
fn titles() {
    category!("fixtures/titles/*.txt");
}

#[test]
fn page() {
    category!("fixtures/page/*.txt");
}

/// Real prose that no rule may touch comes out byte for byte as it went in.
#[test]
fn keep_corpus_is_untouched() {
    let cleaner = Cleaner::new(&Options::default()).expect("default rules compile");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keep");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/keep exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "the keep corpus needs at least six texts, found {}", paths.len());
    for path in paths {
        let input = std::fs::read_to_string(&path).expect("keep text is UTF-8");
        let cleaned = cleaner.clean(&input);
        assert!(
            cleaned.removals.is_empty() && cleaned.text == input,
            "{} was changed:\n{}",
            path.display(),
            dechaff::report::explain(&path.display().to_string(), &input, &cleaned.removals)
        );
    }
}

/// The profile a fixture is cleaned with: that of the rule it is named after
/// (`comment-policy-de.txt` belongs to `comment-policy`), so that `article` rules fire.
fn fixture_profile(file_stem: &str) -> Profile {
    dechaff::rules::ALL
        .iter()
        .filter(|r| file_stem.starts_with(r.id))
        .max_by_key(|r| r.id.len())
        .map_or(Profile::Safe, |r| r.profile)
}
