//! The scraped seeds: snapshots of what cleaning does to each, the committed `cleaned/` copies
//! checked against a fresh run, and the expectations for each seed spelled out one by one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dechaff::{Cleaned, Removal};

mod common;

use common::{clean, report};

/// The command that rewrites `cleaned/` from `seeds/`.
const REGENERATE: &str = "cargo run --release -- clean seeds -o cleaned";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `*.txt` file names in a directory of the crate, sorted.
fn txt_names(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("could not read `{dir}`: {e}"))
        .map(|e| e.expect("readable directory entry").file_name().into_string().expect("UTF-8 name"))
        .filter(|name| name.ends_with(".txt"))
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("could not read `{}`: {e}", path.display()))
}

#[test]
fn snapshots() {
    insta::glob!("../seeds", "*.txt", |path| {
        let input = read(path);
        let name = path.file_name().and_then(|n| n.to_str()).expect("UTF-8 file name");
        insta::with_settings!({ omit_expression => true, snapshot_suffix => name }, {
            insta::assert_snapshot!(report(&input));
        });
    });
}

/// `cleaned/` holds exactly what a fresh run writes: one file per seed, no more, no less.
#[test]
fn cleaned_matches_a_fresh_run() {
    let seeds = txt_names("seeds");
    let cleaned = txt_names("cleaned");
    assert!(!seeds.is_empty(), "no seeds found in `seeds/`");
    let mut problems = Vec::new();
    for name in seeds.difference(&cleaned) {
        problems.push(format!("seeds/{name} has no cleaned/{name}\n"));
    }
    for name in cleaned.difference(&seeds) {
        problems.push(format!("cleaned/{name} has no seed seeds/{name}\n"));
    }
    for name in seeds.intersection(&cleaned) {
        let fresh = clean(&read(&root().join("seeds").join(name))).text;
        let committed = read(&root().join("cleaned").join(name));
        if committed != fresh {
            let diff = similar::TextDiff::from_lines(&committed, &fresh)
                .unified_diff()
                .context_radius(2)
                .header(&format!("cleaned/{name} (committed)"), &format!("cleaned/{name} (fresh run)"))
                .to_string();
            problems.push(diff);
        }
    }
    assert!(
        problems.is_empty(),
        "cleaned/ is out of date with seeds/:\n{}\nregenerate it with: {REGENERATE}",
        problems.concat()
    );
}

/// The seed whose name starts with `prefix`, and what cleaning made of it.
fn seed(prefix: &str) -> (String, Cleaned) {
    let name = txt_names("seeds")
        .into_iter()
        .find(|n| n.starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed `{prefix}*.txt`"));
    let input = read(&root().join("seeds").join(name));
    let cleaned = clean(&input);
    (input, cleaned)
}

/// The non-blank lines that went, trimmed, in order; spans cut out of kept lines are left out.
fn removed_lines(input: &str, removals: &[Removal]) -> Vec<String> {
    removals
        .iter()
        .filter(|r| r.whole_lines)
        .flat_map(|r| r.text(input).lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Asserts that every line of `lines` is still a line of `text` (compared right-trimmed).
fn assert_kept(text: &str, lines: &[&str]) {
    let kept: BTreeSet<&str> = text.lines().map(str::trim_end).collect();
    for line in lines {
        assert!(kept.contains(line.trim_end()), "line was removed: {line:?}");
    }
}

#[test]
fn seed_000_loses_only_the_comment_prompt() {
    let (input, cleaned) = seed("000_");
    assert_eq!(removed_lines(&input, &cleaned.removals), ["Leave a comment"]);
    let body = input.strip_suffix("Leave a comment").expect("seed ends with the prompt");
    assert_eq!(cleaned.text, body.trim_end());
}

#[test]
fn seed_001_loses_exactly_the_footer() {
    let (input, cleaned) = seed("001_");
    assert_eq!(
        removed_lines(&input, &cleaned.removals),
        [
            "U.S. Department of Defense",
            "Office of the Assistant Secretary of Defense (Public Affairs)",
            "More news and articles can be found on Facebook and Twitter.",
            "Follow on Facebook and/or on Twitter",
        ]
    );
    assert!(cleaned.text.ends_with("the U.S. Senate ratified it last month."));
}

#[test]
fn seed_002_loses_the_header_junk_and_the_trailing_nbsp() {
    let (input, cleaned) = seed("002_");
    let removed = removed_lines(&input, &cleaned.removals);
    assert_eq!(removed.len(), 2, "{removed:#?}");
    assert!(removed[0].starts_with("icon bookmark-bicon bookmarkicon") && removed[0].ends_with("wticon fm"));
    assert_eq!(removed[1], "19 Sep, 2009 08:24");
    let spans: Vec<(&str, &str)> =
        cleaned.removals.iter().filter(|r| !r.whole_lines).map(|r| (&*r.rule, r.text(&input))).collect();
    assert_eq!(spans, [("trailing-whitespace", "\u{a0}")]);
    assert!(!cleaned.text.contains('\u{a0}'));
    assert_kept(
        &cleaned.text,
        &[
            "NATO, US & Russia could join forces on missile defense",
            "“Disagreements won’t disappear overnight”",
            "“Terrorism from Afghanistan could spread to Russia”",
            "How will Iran react?",
            "Colonel General Viktor Yesin, former head of the General Headquarters of the Strategic Missile Forces.",
            "Sergey Oznobishchev, director of the Institute of Strategic Assessment (RIA-Novosti)",
        ],
    );
    assert!(cleaned.text.starts_with("NATO, US & Russia could join forces on missile defense\n"));
}

#[test]
fn seed_003_loses_stamps_counters_label_policy_and_copyright() {
    let (input, cleaned) = seed("003_");
    let removed = removed_lines(&input, &cleaned.removals);
    let expected_start =
        ["Last Update 12:5", "Thursday, 17 October 2019", "Views: 1581", "Views: 1581", "Short link:"];
    assert_eq!(removed[..expected_start.len()], expected_start, "{removed:#?}");
    let rest = &removed[expected_start.len()..];
    assert_eq!(rest.len(), 6, "the policy, its four bullets and the copyright line: {rest:#?}");
    assert!(rest[0].starts_with("Ahram Online welcomes readers' comments"));
    assert!(rest[0].ends_with("subject to the following code"));
    for bullet in &rest[1..5] {
        assert!(bullet.starts_with("• We "), "{bullet}");
    }
    assert_eq!(rest[5], "© 2010 Ahram Online.");
    assert_kept(
        &cleaned.text,
        &[
            "NATO, Russia meet at odds over missile shield",
            "NATO and Russian military officials hold talks amid the outrage over Moscow's terror attack, though they remain divergent on missile defence cooperation",
            "AFP , Wednesday 26 Jan 2011",
        ],
    );
    assert!(cleaned.text.starts_with("NATO, Russia meet at odds over missile shield\n"));
    assert!(cleaned.text.ends_with("including in the field of missile defence,\" Rasmussen said."));
}

#[test]
fn seed_004_is_untouched() {
    let (input, cleaned) = seed("004_");
    assert!(cleaned.removals.is_empty(), "{:#?}", cleaned.removals);
    assert_eq!(cleaned.text, input);
}
