//! The rule table: ids, docs, categories and fixtures agree with each other.

use std::collections::BTreeSet;
use std::path::Path;

use dechaff::rules::ALL;
use dechaff::Category;

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && id.starts_with(|c: char| c.is_ascii_lowercase())
}

#[test]
fn ids_are_unique_and_kebab_case() {
    let mut seen = BTreeSet::new();
    for rule in ALL {
        assert!(is_kebab_case(rule.id), "`{}` is not kebab-case", rule.id);
        assert!(seen.insert(rule.id), "`{}` is declared twice", rule.id);
    }
}

#[test]
fn kebab_case_check_rejects_other_shapes() {
    for id in ["view-counter", "icon-font-string", "x2-stamp"] {
        assert!(is_kebab_case(id), "{id}");
    }
    for id in ["", "View-counter", "view_counter", "view--counter", "-view", "view-", "2-stamp"] {
        assert!(!is_kebab_case(id), "{id}");
    }
}

#[test]
fn every_doc_has_the_three_sections() {
    for rule in ALL {
        let doc = rule.doc();
        for heading in ["## What it removes", "## Why", "## Example"] {
            assert!(doc.lines().any(|l| l.trim_end() == heading), "`{}` has no `{heading}`:\n{doc}", rule.id);
        }
        assert!(doc.contains("```text"), "the example of `{}` is not a `text` block", rule.id);
    }
}

#[test]
fn every_summary_is_a_non_empty_line() {
    for rule in ALL {
        let summary = rule.summary();
        assert!(!summary.trim().is_empty(), "`{}` has an empty summary", rule.id);
        assert!(!summary.contains('\n'), "the summary of `{}` spans lines: {summary:?}", rule.id);
    }
}

#[test]
fn every_rule_has_a_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let missing: Vec<String> = ALL
        .iter()
        .map(|rule| format!("{}/{}.txt", rule.category.name(), rule.id))
        .filter(|path| !fixtures.join(path).is_file())
        .collect();
    assert!(missing.is_empty(), "rules without a fixture under tests/fixtures/: {missing:?}");
}

#[test]
fn every_category_has_a_rule_and_a_summary() {
    for category in Category::ALL {
        assert!(ALL.iter().any(|r| r.category == *category), "category `{category}` has no rule");
        assert!(!category.summary().is_empty(), "category `{category}` has no summary");
        assert!(is_kebab_case(category.name()), "category `{category}` is not kebab-case");
    }
}

/// Every fixture directory is a category, and every fixture outside `keep/` is named after a
/// rule of that category (optionally with a `-suffix`), so that a renamed rule leaves no stray
/// fixture behind.
#[test]
fn every_fixture_belongs_to_a_rule() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(&fixtures).expect("tests/fixtures exists") {
        let dir = entry.expect("readable entry").path();
        let name = dir.file_name().and_then(|n| n.to_str()).expect("UTF-8 name").to_owned();
        if name == "keep" {
            continue;
        }
        let category = Category::ALL
            .iter()
            .find(|c| c.name() == name)
            .unwrap_or_else(|| panic!("tests/fixtures/{name} is not a category"));
        for file in std::fs::read_dir(&dir).expect("readable directory") {
            let file = file.expect("readable entry").path();
            let stem = file.file_stem().and_then(|n| n.to_str()).expect("UTF-8 name");
            let owner = ALL
                .iter()
                .filter(|r| r.category == *category)
                .find(|r| stem == r.id || stem.strip_prefix(r.id).is_some_and(|rest| rest.starts_with('-')));
            assert!(owner.is_some(), "{} is not named after a rule of `{name}`", file.display());
        }
    }
}
