//! On real data: the keep corpus (clean prose in 365 languages, three layouts) loses no content
//! line, and cleaning every text of the benchmark data a second time changes nothing, in every
//! profile. The data lives outside the repository (`../shared/bench`); where it is absent the
//! tests say so and pass, except in CI (`CI=true`), where they must run.

use std::path::{Path, PathBuf};

use dechaff::{Cleaner, Options, Profile};

mod common;

/// `../shared/bench`, or `None` with a printed reason when it is absent (never in CI).
fn bench() -> Option<PathBuf> {
    common::bench_dir().map(|aceb| aceb.parent().expect("aceb-dev has a parent").to_path_buf())
}

fn cleaner(profile: Profile) -> Cleaner {
    Cleaner::new(&Options { profile, ..Options::default() }).expect("built-in rules compile")
}

/// The `.txt` files of a folder, sorted, with their texts.
fn texts_in(dir: &Path) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), text)
        })
        .collect()
}

fn content_lines(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

/// Content lines each layout of the keep corpus loses in `profile`: the total, the number of
/// lines, and the largest share one document loses (printed, for `--nocapture`).
#[allow(clippy::print_stderr, reason = "the figures the README quotes")]
fn keep_losses(bench: &Path, profile: Profile) -> Vec<(&'static str, usize, usize, f64, String)> {
    let cleaner = cleaner(profile);
    ["udhr-blank", "udhr-lines", "udhr-wrap"]
        .into_iter()
        .map(|layout| {
            let texts = texts_in(&bench.join("keep").join(layout));
            assert!(texts.len() >= 300, "{layout}: only {} texts", texts.len());
            let (mut lost, mut total, mut worst, mut worst_doc) = (0, 0, 0.0, String::new());
            for (name, text) in &texts {
                let before = content_lines(text);
                let gone = before - content_lines(&cleaner.clean(text).text);
                let share = gone as f64 / before.max(1) as f64;
                if share > worst {
                    (worst, worst_doc) = (share, name.clone());
                }
                lost += gone;
                total += before;
            }
            eprintln!("keep {profile:8} {layout:11} {lost:>5} / {total} content lines removed");
            (layout, lost, total, worst, worst_doc)
        })
        .collect()
}

#[test]
fn keep_corpus_loses_no_content_in_safe_and_article() {
    let Some(bench) = bench() else { return };
    for profile in [Profile::Safe, Profile::Article] {
        for (layout, lost, total, _, doc) in keep_losses(&bench, profile) {
            assert_eq!(
                lost, 0,
                "{profile} removes {lost} of {total} content lines of {layout} (first: {doc})"
            );
        }
    }
}

#[test]
fn keep_corpus_loses_next_to_nothing_in_page() {
    let Some(bench) = bench() else { return };
    for (layout, lost, total, worst, doc) in keep_losses(&bench, Profile::Page) {
        if layout == "udhr-wrap" {
            assert!(lost as f64 <= 0.001 * total as f64, "page removes {lost} of {total} lines of {layout}");
            assert!(worst <= 0.02, "page removes {:.1} % of {doc}", worst * 100.0);
        } else {
            assert_eq!(lost, 0, "page removes {lost} of {total} content lines of {layout} (first: {doc})");
        }
    }
}

/// Every text of the benchmark data: the extractors' outputs and gold of `aceb-dev`, the page
/// dumps of `pages`, and the keep corpus.
fn all_texts(bench: &Path) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut corpora: Vec<PathBuf> = vec![bench.join("aceb-dev/ground-truth.json")];
    let outputs = std::fs::read_dir(bench.join("aceb-dev/output")).expect("aceb-dev/output");
    corpora.extend(outputs.map(|e| e.expect("readable entry").path()));
    for set in ["cleaneval-dev", "cleanportaleval", "dragnet-train", "readability-tests"] {
        corpora.push(bench.join("pages").join(set).join("output/html-text.json"));
    }
    for path in corpora {
        let name = path.display().to_string();
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let corpus = dechaff::eval::parse_corpus(&name, &json).expect("benchmark file parses");
        texts.extend(corpus.into_iter().map(|(id, text)| (format!("{name} {id}"), text)));
    }
    for layout in ["udhr-blank", "udhr-lines", "udhr-wrap"] {
        texts.extend(texts_in(&bench.join("keep").join(layout)));
    }
    texts
}

#[test]
fn cleaning_twice_changes_nothing_on_the_benchmark_data() {
    let Some(bench) = bench() else { return };
    let texts = all_texts(&bench);
    assert!(texts.len() > 3_500, "only {} texts", texts.len());
    std::thread::scope(|scope| {
        for profile in Profile::ALL {
            let texts = &texts;
            scope.spawn(move || {
                let cleaner = cleaner(profile);
                for (name, text) in texts {
                    let once = cleaner.clean(text).text;
                    let twice = cleaner.clean(&once);
                    assert!(
                        twice.removals.is_empty(),
                        "{profile}: a second run changes {name}: {:?}",
                        twice.removals
                    );
                }
            });
        }
    });
}
