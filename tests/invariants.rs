//! Properties that hold for any text: cleaning only deletes, what it deletes is recorded exactly,
//! a second run changes nothing (on texts made of menus, tables, other scripts, verse, dates and
//! junk), and prose, lists and tables without junk pass through untouched.

use std::sync::OnceLock;

use dechaff::{Cleaned, Cleaner, Options, Profile};
use proptest::prelude::*;

/// Sentences no rule may touch, in several languages; all end like sentences and differ.
const SENTENCES: &[&str] = &[
    "The council met on Monday to discuss the budget.",
    "Share prices fell 4% on Monday before recovering.",
    "He declined to leave a comment when reached by phone.",
    "Copyright law was changed in 2019, and again this week.",
    "On 4 March 2025 the court ruled that the hall must stay.",
    "The video drew 2 million views in a day.",
    "He had followed her on Twitter for years.",
    "Der Stadtrat hat am Dienstag über den Haushalt beraten.",
    "Le maire a refusé de laisser un commentaire sur le projet.",
    "El Gobierno aprobó el plan el martes 4 de marzo de 2025.",
    "O comboio noturno volta a circular em junho.",
    "Il molo riaprirà il primo aprile, ha detto il sindaco.",
    "Музей открылся во вторник, 4 марта 2025 года.",
    "Kapal feri kembali beroperasi setelah dua minggu diperbaiki.",
    "“We will rebuild the pier before the summer,” she said.",
    "Subscribers to the newsletter rose by a third last year.",
];

/// Lines that some rule removes, whole or in part.
const JUNK: &[&str] = &[
    "Views: 1581",
    "Leave a comment",
    "Share this article",
    "Follow us on Twitter",
    "© 2024 Example Media. All rights reserved.",
    "19 Sep, 2009 08:24",
    "Last Update 12:5",
    "Short link:",
    "12 Comments",
    "Subscribe",
    "icon homeicon menuicon searchicon usericon closeicon",
    "The talks resumed on Friday. Read more »",
    "Menu",
    "Ministry of Examples",
];

/// Menu labels, list items and headings: short lines with no sentence punctuation.
const LABELS: &[&str] = &[
    "Home",
    "World",
    "Business",
    "Sport",
    "Culture",
    "Travel",
    "Weather",
    "Opinion",
    "Flour",
    "Caster Sugar",
    "Best Picture",
    "Anna Berg",
    "Новости",
    "Спорт",
    "ニュース",
    "首页",
];

/// Table cells and rows: figures, tabs and pipes.
const CELLS: &[&str] =
    &["0", "0", "12", "3–1", "23", "45%", "Team\tWon\tLost", "Rovers\t7\t1", "| Rovers | 7 | 23 |"];

/// Sentences in scripts without spaces between words, and lines of verse.
const OTHER_SHAPES: &[&str] = &[
    "市は月曜日、港と旧市街を結ぶ新しい橋が来年の春に開通すると発表した。",
    "工事は予定より三か月早く進んでおり、総事業費も当初の見込みを下回る見通しだという",
    "เทศบาลประกาศเปิดสะพานใหม่ข้ามแม่น้ำในฤดูใบไม้ผลิปีหน้า",
    "新大桥预计明年春天通车，市政府周一表示工程进度比原计划提前三个月",
    "Sing it loud",
    "down by the harbour where the boats come home",
];

/// Lines a rule takes or a structural rule may judge: dates, glued spans, page furniture.
const EDGY: &[&str] = &[
    "March 3, 2020",
    "April 2, 2020",
    "The talks resumed on Friday. Read more »",
    "Facebook Twitter WhatsApp",
    "Floods close the river road to the harbour again",
];

/// The cleaner of a profile, built once: compiling the patterns costs more than a case.
fn cleaner(profile: Profile) -> &'static Cleaner {
    static CLEANERS: OnceLock<Vec<Cleaner>> = OnceLock::new();
    let cleaners = CLEANERS.get_or_init(|| {
        Profile::ALL
            .iter()
            .map(|&profile| {
                Cleaner::new(&Options { profile, ..Options::default() }).expect("built-in rules compile")
            })
            .collect()
    });
    &cleaners[Profile::ALL.iter().position(|&p| p == profile).expect("a known profile")]
}

/// One line's content: a sentence, junk, a blank or whitespace-only line, or a sentence with
/// trailing whitespace.
fn line() -> impl Strategy<Value = String> {
    let spaces = prop::sample::select(vec!["", " ", "  ", "\t", "\u{a0}", " \u{a0} "]);
    prop_oneof![
        3 => prop::sample::select(SENTENCES).prop_map(str::to_owned),
        3 => prop::sample::select(JUNK).prop_map(str::to_owned),
        2 => Just(String::new()),
        1 => spaces.clone().prop_map(str::to_owned),
        1 => (prop::sample::select(SENTENCES), spaces).prop_map(|(s, w)| format!("{s}{w}")),
    ]
}

/// Joins lines with `\n` or `\r\n` (chosen per line), with or without a final line ending.
fn join(lines: &[(String, bool)], final_newline: bool) -> String {
    let mut text = String::new();
    for (i, (content, crlf)) in lines.iter().enumerate() {
        text.push_str(content);
        if i + 1 < lines.len() || final_newline {
            text.push_str(if *crlf { "\r\n" } else { "\n" });
        }
    }
    text
}

/// A run of lines of one shape: a menu or list, a table column or rows, lines in other scripts
/// or of verse, or lines of any kind.
fn run() -> impl Strategy<Value = Vec<String>> {
    let pick = |list: &'static [&'static str], n: std::ops::Range<usize>| {
        prop::collection::vec(prop::sample::select(list).prop_map(str::to_owned), n)
    };
    prop_oneof![
        3 => prop::collection::vec(line(), 1..4),
        2 => pick(LABELS, 1..10),
        1 => pick(CELLS, 1..10),
        1 => pick(OTHER_SHAPES, 1..5),
        1 => pick(EDGY, 1..3),
    ]
}

/// Texts made of runs of shapes that rules judge by their neighbours: menus, tables, other
/// scripts, verse, dates and page furniture, between sentences and junk.
fn text() -> impl Strategy<Value = String> {
    (prop::collection::vec((run(), any::<bool>()), 0..14), any::<bool>()).prop_map(|(runs, final_newline)| {
        let lines: Vec<(String, bool)> =
            runs.into_iter().flat_map(|(run, crlf)| run.into_iter().map(move |l| (l, crlf))).collect();
        join(&lines, final_newline)
    })
}

/// Texts with no junk at all: sentences, lists, tables, other scripts and verse.
fn clean_shapes() -> impl Strategy<Value = String> {
    let pick = |list: &'static [&'static str], n: std::ops::Range<usize>| {
        prop::collection::vec(prop::sample::select(list).prop_map(str::to_owned), n)
    };
    let runs = prop::collection::vec(
        prop_oneof![pick(SENTENCES, 1..4), pick(LABELS, 1..12), pick(CELLS, 1..12), pick(OTHER_SHAPES, 1..5)],
        1..10,
    );
    (runs, any::<bool>()).prop_map(|(runs, blank)| {
        // A sentence or headline right after itself is an extraction's slip, junk by kind: a
        // clean text has none (short lines may repeat: table cells, refrains).
        // Nor does it print one list twice, as a page prints its menu: a label is in one run.
        let long = |l: &str| SENTENCES.contains(&l) || OTHER_SHAPES.contains(&l);
        let mut previous = String::new();
        let mut used: Vec<(String, usize)> = Vec::new();
        let runs: Vec<Vec<String>> = runs
            .into_iter()
            .enumerate()
            .map(|(r, run)| {
                run.into_iter()
                    .filter(|l| {
                        let mut keep = !(long(l) && *l == previous);
                        if LABELS.contains(&l.as_str()) {
                            match used.iter().find(|(u, _)| u == l) {
                                Some((_, first)) => keep &= *first == r,
                                None => used.push((l.clone(), r)),
                            }
                        }
                        if keep {
                            previous.clone_from(l);
                        }
                        keep
                    })
                    .collect()
            })
            .filter(|run: &Vec<String>| !run.is_empty())
            .collect();
        let sep = if blank { "\n\n" } else { "\n" };
        runs.iter().map(|run| run.join("\n")).collect::<Vec<_>>().join(sep) + "\n"
    })
}

/// Real sentences only, each once, with single blank lines between some of them.
fn prose() -> impl Strategy<Value = String> {
    (
        prop::sample::subsequence(SENTENCES.to_vec(), 1..SENTENCES.len()).prop_shuffle(),
        prop::collection::vec((any::<bool>(), any::<bool>()), SENTENCES.len()),
        any::<bool>(),
    )
        .prop_map(|(sentences, breaks, final_newline)| {
            let mut lines = Vec::new();
            for (i, (sentence, (blank, crlf))) in sentences.iter().zip(breaks).enumerate() {
                if blank && i > 0 {
                    lines.push((String::new(), crlf));
                }
                lines.push(((*sentence).to_owned(), crlf));
            }
            join(&lines, final_newline)
        })
}

/// The input with the removals' byte ranges deleted; the removals must be sorted and disjoint.
fn rebuild(input: &str, cleaned: &Cleaned) -> Result<String, TestCaseError> {
    let mut out = String::new();
    let mut at = 0;
    for removal in &cleaned.removals {
        prop_assert!(
            removal.bytes.start >= at,
            "removals overlap or are out of order: {:?}",
            cleaned.removals
        );
        prop_assert!(removal.bytes.start < removal.bytes.end, "empty removal: {removal:?}");
        out.push_str(&input[at..removal.bytes.start]);
        at = removal.bytes.end;
    }
    out.push_str(&input[at..]);
    Ok(out)
}

/// Each input line, right-trimmed, after the spans the removals cut out of lines that stay.
fn lines_after_spans(input: &str, cleaned: &Cleaned) -> Vec<String> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in input.split_inclusive('\n') {
        let end = start + piece.len();
        let mut line = String::new();
        let mut at = start;
        for r in
            cleaned.removals.iter().filter(|r| !r.whole_lines && r.bytes.start >= start && r.bytes.end <= end)
        {
            line.push_str(&input[at..r.bytes.start]);
            at = r.bytes.end;
        }
        line.push_str(&input[at..end]);
        lines.push(line.trim_end().to_owned());
        start = end;
    }
    lines
}

fn is_subsequence(needle: &[String], haystack: &[String]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|n| rest.any(|h| h == n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cleaning_twice_changes_nothing(input in text()) {
        for profile in Profile::ALL {
            let cleaner = cleaner(profile);
            let once = cleaner.clean(&input).text;
            let twice = cleaner.clean(&once).text;
            prop_assert_eq!(&twice, &once, "profile {}", profile);
        }
    }

    #[test]
    fn output_is_the_input_minus_the_removals(input in text()) {
        for profile in Profile::ALL {
            let cleaned = cleaner(profile).clean(&input);
            prop_assert_eq!(rebuild(&input, &cleaned)?, cleaned.text, "profile {}", profile);
        }
    }

    #[test]
    fn output_lines_are_a_subsequence_of_input_lines(input in text()) {
        for profile in Profile::ALL {
            let cleaned = cleaner(profile).clean(&input);
            let output: Vec<String> = cleaned.text.lines().map(|l| l.trim_end().to_owned()).collect();
            let input_lines = lines_after_spans(&input, &cleaned);
            prop_assert!(
                is_subsequence(&output, &input_lines),
                "profile {}: output lines {:?} are not a subsequence of {:?}", profile, output, input_lines
            );
        }
    }

    #[test]
    fn a_text_without_junk_keeps_its_lists_tables_and_scripts(input in clean_shapes()) {
        for profile in Profile::ALL {
            let cleaned = cleaner(profile).clean(&input);
            prop_assert!(cleaned.removals.is_empty(), "profile {}: removals {:?}", profile, cleaned.removals);
        }
    }

    #[test]
    fn prose_comes_out_identical(input in prose()) {
        let cleaned = cleaner(Profile::Safe).clean(&input);
        prop_assert!(cleaned.removals.is_empty(), "removals: {:?}", cleaned.removals);
        prop_assert_eq!(cleaned.text, input);
    }
}
