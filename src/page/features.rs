//! The features of the two models, computed from the segmented text and the rules' marks only.

use rustc_hash::FxHashMap;

use super::{dense_share, stats, Stats, CONTEXT_N, LINE_N};
use crate::rules::Marks;
use crate::segment::Document;

/// Characters that end a clause or a sentence, in Latin, Arabic and CJK scripts.
const fn is_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '،' | '。' | '、' | '，')
}

/// Characters that separate the items of a menu or a breadcrumb.
const fn is_separator(c: char) -> bool {
    matches!(c, '|' | '>' | '·' | '•' | '»' | '›' | '/' | '◦' | '▸' | '►' | '▶' | '–' | '—')
}

/// The line model's features for each candidate line (`None` for other lines).
pub fn line_features(doc: &Document, marks: &Marks) -> Vec<Option<[f64; LINE_N]>> {
    line_features_with(doc, marks, &stats(doc, marks))
}

/// The line model's features for each candidate line, from the lines' stats `stats`.
pub(super) fn line_features_with(
    doc: &Document,
    marks: &Marks,
    stats: &[Option<Stats>],
) -> Vec<Option<[f64; LINE_N]>> {
    let page_dense = dense_share(stats);
    let non_blank: Vec<usize> = (0..doc.lines.len()).filter(|&i| !doc.lines[i].is_blank()).collect();
    let mut rank = vec![0; doc.lines.len()];
    for (r, &i) in non_blank.iter().enumerate() {
        rank[i] = r;
    }
    let mut seen: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(non_blank.len(), Default::default());
    for line in doc.lines.iter().filter(|l| !l.is_blank()) {
        *seen.entry(line.trimmed()).or_default() += 1;
    }
    let n = non_blank.len().max(1) as f64;
    let blocks: Vec<(f64, f64, f64)> = (0..doc.blocks.len()).map(|b| block_stats(doc, stats, b)).collect();
    (0..doc.lines.len())
        .map(|i| {
            let s = stats[i].as_ref()?;
            let text = doc.lines[i].trimmed();
            let r = rank[i];
            let position = r as f64 / n;
            let near =
                non_blank[r.saturating_sub(2)..(r + 3).min(non_blank.len())].iter().filter(|&&j| j != i);
            let (near_n, near_marked) =
                near.fold((0.0, 0.0), |(a, b), &j| (a + 1.0, b + f64::from(marks.deleted(j))));
            let block = doc.lines[i].block().map_or((0.0, 0.0, 0.0), |b| blocks[b]);
            let chars = Chars::of(text);
            Some([
                (1.0 + s.words).ln(),
                f64::from(s.words <= 2.0),
                f64::from(s.words > 2.0 && s.words <= 6.0),
                f64::from(s.words >= 15.0),
                f64::from(super::ends_sentence(text)),
                f64::from(text.ends_with(':')),
                (chars.punctuation as f64 / s.words.max(1.0)).min(1.0),
                s.stops / s.words.max(1.0),
                s.stops / s.words.max(1.0) * (1.0 + s.words).ln(),
                ratio(chars.titled, chars.words),
                ratio(chars.capitals, chars.letters),
                ratio(chars.digits, chars.solid),
                (chars.separators as f64 / 3.0).min(1.0),
                f64::from(seen[text] > 1),
                position,
                position.min(1.0 - position),
                if near_n > 0.0 { near_marked / near_n } else { 0.0 },
                block.0,
                block.1,
                block.2,
                f64::from(
                    text.contains("http")
                        || text.contains("www.")
                        || text.contains('@')
                        || text.contains('©'),
                ),
                page_dense,
                n.ln(),
            ])
        })
        .collect()
}

/// Block `b`: log of its line count, mean log words per line, share of long lines.
fn block_stats(doc: &Document, stats: &[Option<Stats>], b: usize) -> (f64, f64, f64) {
    let range = doc.blocks[b].lines.clone();
    let n = range.len() as f64;
    let words: Vec<f64> = range.map(|j| stats[j].as_ref().map_or(0.0, |s| s.words)).collect();
    let mean = words.iter().map(|w| (1.0 + w).ln()).sum::<f64>() / n;
    let long = words.iter().filter(|&&w| w >= 10.0).count() as f64 / n;
    (n.ln(), mean, long)
}

/// What the characters of one line are, counted in one pass: the line model's punctuation,
/// separator, title-case, upper-case and digit features.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Chars {
    /// Clause and sentence punctuation ([`is_punctuation`]).
    punctuation: usize,
    /// Menu separators ([`is_separator`]).
    separators: usize,
    /// Alphabetic characters.
    letters: usize,
    /// Upper-case alphabetic characters.
    capitals: usize,
    /// Characters other than whitespace.
    solid: usize,
    /// ASCII digits.
    digits: usize,
    /// Whitespace-separated words that start with a letter.
    words: usize,
    /// Those of them that start with a capital.
    titled: usize,
}

impl Chars {
    /// Counts the characters of `text`.
    fn of(text: &str) -> Chars {
        let mut n = Chars::default();
        let mut after_space = true;
        for c in text.chars() {
            let class = class(c);
            let (space, letter, capital) = (class & SPACE != 0, class & LETTER != 0, class & CAPITAL != 0);
            if !space {
                n.solid += 1;
                n.digits += usize::from(class & DIGIT != 0);
                n.punctuation += usize::from(class & PUNCTUATION != 0);
                n.separators += usize::from(class & SEPARATOR != 0);
                if after_space && letter {
                    n.words += 1;
                    n.titled += usize::from(capital);
                }
            }
            n.letters += usize::from(letter);
            n.capitals += usize::from(letter && capital);
            after_space = space;
        }
        n
    }
}

/// What a character is, as the bits [`SPACE`], [`LETTER`], [`CAPITAL`], [`DIGIT`],
/// [`PUNCTUATION`] and [`SEPARATOR`].
type Class = u8;
/// Whitespace.
const SPACE: Class = 1;
/// An alphabetic character.
const LETTER: Class = 2;
/// An upper-case character.
const CAPITAL: Class = 4;
/// An ASCII digit.
const DIGIT: Class = 8;
/// See [`is_punctuation`].
const PUNCTUATION: Class = 16;
/// See [`is_separator`].
const SEPARATOR: Class = 32;

/// `bit` if `yes`, else no bit.
const fn flag(yes: bool, bit: Class) -> Class {
    if yes {
        bit
    } else {
        0
    }
}

/// The class of every ASCII character.
const ASCII: [Class; 128] = {
    let mut classes = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        classes[b] = flag(matches!(c, '\t'..='\r' | ' '), SPACE)
            | flag(c.is_ascii_alphabetic(), LETTER)
            | flag(c.is_ascii_uppercase(), CAPITAL)
            | flag(c.is_ascii_digit(), DIGIT)
            | flag(is_punctuation(c), PUNCTUATION)
            | flag(is_separator(c), SEPARATOR);
        b += 1;
    }
    classes
};

/// The class of `c`. ASCII characters, most of any page, and the letters of the scripts most
/// common after Latin are answered without the Unicode tables (a test checks every character).
fn class(c: char) -> Class {
    match c {
        '\0'..='\x7f' => ASCII[c as usize],
        // Latin-1 capitals and small letters, Cyrillic capitals and small letters.
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' | '\u{400}'..='\u{42f}' => LETTER | CAPITAL,
        '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' | '\u{430}'..='\u{45f}' => LETTER,
        // CJK unified ideographs, kana, Hangul syllables, Arabic letters.
        '\u{4e00}'..='\u{9fff}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{621}'..='\u{64a}' => LETTER,
        // Dashes, quotation marks, bullets, ellipses.
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' => {
            if is_separator(c) {
                SEPARATOR
            } else {
                0
            }
        }
        _ => {
            flag(c.is_whitespace(), SPACE)
                | flag(c.is_alphabetic(), LETTER)
                | flag(c.is_uppercase(), CAPITAL)
                | flag(is_punctuation(c), PUNCTUATION)
                | flag(is_separator(c), SEPARATOR)
        }
    }
}

/// `part / whole`, or 0 for an empty whole.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The context model's features for each candidate line, from the line scores `p1` (`None` for
/// lines that are not candidates; a line a rule deleted counts as score 0).
pub fn context_features(
    doc: &Document,
    marks: &Marks,
    line: &[Option<[f64; LINE_N]>],
    p1: &[Option<f64>],
) -> Vec<Option<[f64; CONTEXT_N]>> {
    let non_blank: Vec<usize> = (0..doc.lines.len()).filter(|&i| !doc.lines[i].is_blank()).collect();
    let score = |i: usize| if marks.deleted(i) { 0.0 } else { p1[i].unwrap_or(0.0) };
    let words: Vec<f64> =
        line.iter().map(|x| x.as_ref().map_or(1.0, |x| x[0].exp() - 1.0).max(1.0)).collect();
    let words = |i: usize| words[i];
    let (main, local) = main_run(&non_blank, &score, &words);
    // A block is a run of non-blank lines, each line of it in one block: one score per block.
    let blocks: Vec<f64> = doc
        .blocks
        .iter()
        .map(|b| weighted(b.lines.clone().filter(|&j| !doc.lines[j].is_blank()), &score, &words))
        .collect();
    let total: f64 = non_blank.iter().map(|&i| words(i)).sum();
    let main_words: f64 = non_blank[main.clone()].iter().map(|&i| words(i)).sum();
    let mut out = vec![None; doc.lines.len()];
    for (r, &i) in non_blank.iter().enumerate() {
        let (Some(x), Some(p)) = (&line[i], p1[i]) else { continue };
        let prev = r.checked_sub(1).map_or(0.0, |q| score(non_blank[q]));
        let next = non_blank.get(r + 1).map_or(0.0, |&j| score(j));
        let window = weighted(
            non_blank[r.saturating_sub(3)..(r + 4).min(non_blank.len())].iter().copied().filter(|&j| j != i),
            &score,
            &words,
        );
        let block = doc.lines[i].block().map_or(p, |b| blocks[b]);
        let distance = if main.contains(&r) {
            0
        } else if r < main.start {
            main.start - r
        } else {
            r + 1 - main.end
        };
        out[i] = Some([
            (p.clamp(1e-3, 1.0 - 1e-3) / (1.0 - p.clamp(1e-3, 1.0 - 1e-3))).ln(),
            prev,
            next,
            window,
            block,
            f64::from(main.contains(&r)),
            (1.0 + distance as f64).ln(),
            f64::from(r >= main.end),
            x[0],
            x[21],
            main_words / total.max(1.0),
            (1.0 + local[r]).ln(),
            x[22],
        ]);
    }
    out
}

fn weighted(
    lines: impl Iterator<Item = usize>,
    score: &impl Fn(usize) -> f64,
    words: &impl Fn(usize) -> f64,
) -> f64 {
    let (s, w) = lines.fold((0.0, 0.0), |(s, w), j| (s + score(j) * words(j), w + words(j)));
    if w > 0.0 {
        s / w
    } else {
        0.0
    }
}

/// The main run of text: the stretch of non-blank lines (as ranks) with the largest sum of
/// words × (score − ½), found in one pass (Kadane's maximum subarray). Also, for each line, the
/// best sum of the stretch it lies in, so that a short article beside a long comment thread
/// still counts as a run of text.
fn main_run(
    non_blank: &[usize],
    score: &impl Fn(usize) -> f64,
    words: &impl Fn(usize) -> f64,
) -> (std::ops::Range<usize>, Vec<f64>) {
    let (mut best, mut best_sum) = (0..0, 0.0);
    let (mut start, mut sum) = (0, 0.0);
    let mut local = vec![0.0; non_blank.len()];
    let mut stretch_best = 0.0;
    for (r, &i) in non_blank.iter().enumerate() {
        if sum <= 0.0 {
            local[start..r].iter_mut().for_each(|l| *l = stretch_best);
            start = r;
            sum = 0.0;
            stretch_best = 0.0;
        }
        sum += words(i) * (score(i) - 0.5);
        stretch_best = f64::max(stretch_best, sum);
        if sum > best_sum {
            best_sum = sum;
            best = start..r + 1;
        }
    }
    local[start..].iter_mut().for_each(|l| *l = stretch_best);
    (best, local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::tests::pseudo_random;

    /// The counts as the obvious per-feature passes over the text give them.
    fn obvious(text: &str) -> Chars {
        let count = |f: &dyn Fn(char) -> bool| text.chars().filter(|&c| f(c)).count();
        let words: Vec<&str> =
            text.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
        Chars {
            punctuation: count(&|c| ".,;:!?،。、，".contains(c)),
            separators: count(&|c| {
                ['|', '>', '·', '•', '»', '›', '/', '◦', '▸', '►', '▶', '–', '—'].contains(&c)
            }),
            letters: count(&char::is_alphabetic),
            capitals: count(&|c| c.is_alphabetic() && c.is_uppercase()),
            solid: count(&|c| !c.is_whitespace()),
            digits: count(&|c| c.is_ascii_digit() && !c.is_whitespace()),
            words: words.len(),
            titled: words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count(),
        }
    }

    #[test]
    fn chars_counts_every_character_as_the_unicode_tables_do() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("{c}A{c} {c}");
            assert_eq!(Chars::of(&text), obvious(&text), "{c:?}");
        }
    }

    #[test]
    fn chars_counts_mixed_lines_as_the_obvious_passes_do() {
        let alphabet: Vec<char> =
            "aZ9_ .,;:!?|>/-\t\u{b}\u{1c}\r\n\u{85}\u{a0}\u{2003}\u{200b}·•»›◦▸►▶–—،。、，\
            ÉéßİǅⅫⓐⒶ٣東の학교Ωω"
                .chars()
                .collect();
        let mut next = pseudo_random(0x2545_f491);
        for _ in 0..20_000 {
            let len = next(40);
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            assert_eq!(Chars::of(&text), obvious(&text), "{text:?}");
        }
    }
}
