//! The features of the two models, computed from the segmented text and the rules' marks only.

use rustc_hash::FxHashMap;

use super::{dense_share, stats, Stats};
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

/// A struct of named `f64` features, with their names as `--explain` shows them and their
/// values in the same order (as a model reads them).
macro_rules! named_features {
    ($(#[$meta:meta])* pub struct $name:ident { $( $(#[doc = $doc:literal])* $field:ident: $label:literal, )* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq)]
        pub struct $name { $( $(#[doc = $doc])* pub $field: f64, )* }

        impl $name {
            /// The features' names, in the order of [`Self::values`].
            pub const NAMES: &'static [&'static str] = &[$($label),*];
            /// How many features there are.
            pub const N: usize = Self::NAMES.len();

            /// The features' values, in the order of [`Self::NAMES`].
            pub fn values(&self) -> [f64; Self::N] {
                [$(self.$field),*]
            }

            /// The features from their values in the order of [`Self::NAMES`].
            pub fn from_values(values: [f64; Self::N]) -> Self {
                let [$($field),*] = values;
                $name { $($field),* }
            }
        }
    };
}

named_features! {
    /// What one candidate line looks like on its own and in its block and page: the line
    /// model's features, each computed once per line.
    pub struct LineFeatures {
        /// ln(1 + words), words counted script-aware ([`crate::text::token_words`]).
        log_words: "log-words",
        /// ln(1 + characters other than whitespace).
        log_chars: "log-chars",
        /// Two words or fewer.
        tiny: "tiny",
        /// Three to six words.
        short: "short",
        /// Fifteen words or more.
        long: "long",
        /// Ends like a sentence.
        sentence_end: "sentence-end",
        /// Ten words or more and ends like a sentence: dense text.
        dense: "dense",
        /// Ends with a colon.
        colon_end: "colon-end",
        /// Clause and sentence punctuation per word (at most 1).
        punctuation: "punctuation",
        /// Share of the words that are function words of the page's language.
        stopwords: "stopwords",
        /// `stopwords` × `log-words`.
        stopword_mass: "stopword-mass",
        /// Share of the words that start with a capital.
        title_case: "title-case",
        /// Share of the letters that are capitals.
        upper_case: "upper-case",
        /// Share of the characters that are digits.
        digits: "digits",
        /// Menu separators (`|`, `»`, `/`, …), a third each, at most 1.
        separators: "separators",
        /// The line occurs more than once on the page.
        repeated: "repeated",
        /// A short line (eight words or fewer) whose shape (its runs of capitals, small
        /// letters, digits and spaces, and its punctuation) three or more lines of the page
        /// share: the by-lines, dates and reply links of a comment thread, a menu's items.
        shape_repeated: "shape-repeated",
        /// Place among the page's non-blank lines, 0 to 1.
        position: "position",
        /// Distance to the nearer end of the page, 0 to ½.
        edge: "edge",
        /// Share of the two non-blank lines on each side that a rule removed.
        rules_nearby: "rules-nearby",
        /// ln of the line's block's line count.
        block_lines: "block-lines",
        /// The block's mean ln(1 + words) per line.
        block_words: "block-words",
        /// Share of the block's lines of ten words or more.
        block_long: "block-long",
        /// A link, an e-mail address or a copyright sign.
        link_or_notice: "link-or-notice",
        /// Share of the page's words in dense lines.
        page_dense: "page-dense",
        /// ln of the page's non-blank lines.
        page_lines: "page-lines",
    }
}

named_features! {
    /// The mean of some [`LineFeatures`] over the candidate lines around one line (itself left
    /// out): an article is a run of lines alike, a menu a run of others.
    pub struct Near {
        /// Mean `log-words`.
        log_words: "log-words",
        /// Mean `sentence-end`.
        sentence_end: "sentence-end",
        /// Mean `dense`.
        dense: "dense",
        /// Mean `stopwords`.
        stopwords: "stopwords",
        /// Mean `punctuation`.
        punctuation: "punctuation",
        /// Mean `tiny`.
        tiny: "tiny",
        /// Mean `title-case`.
        title_case: "title-case",
        /// Mean `separators`.
        separators: "separators",
        /// Mean `repeated`.
        repeated: "repeated",
        /// Mean `shape-repeated`.
        shape_repeated: "shape-repeated",
        /// Mean `link-or-notice`.
        link_or_notice: "link-or-notice",
    }
}

impl Near {
    /// The features of `line` that [`Near`] averages.
    fn of(line: &LineFeatures) -> Near {
        Near {
            log_words: line.log_words,
            sentence_end: line.sentence_end,
            dense: line.dense,
            stopwords: line.stopwords,
            punctuation: line.punctuation,
            tiny: line.tiny,
            title_case: line.title_case,
            separators: line.separators,
            repeated: line.repeated,
            shape_repeated: line.shape_repeated,
            link_or_notice: line.link_or_notice,
        }
    }
}

/// How far each [`Near`] window reaches, in candidate lines on each side.
pub const REACH: [usize; 3] = [1, 2, 5];

/// Everything the line model reads about one line: its own features and the means around it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// The line's own features.
    pub line: LineFeatures,
    /// The means over the lines within [`REACH`]`[k]` on each side.
    pub near: [Near; REACH.len()],
    /// The line's words (not a feature: the decision reads it).
    pub words: f64,
}

impl Context {
    /// The values as the context model's trees read them.
    pub fn inputs(&self) -> [f32; Self::N] {
        self.values().map(|v| v as f32)
    }
}

impl Features {
    /// How many values the model reads.
    pub const N: usize = LineFeatures::N + REACH.len() * Near::N;

    /// The values in the model's order: the line's, then each window's.
    pub fn values(&self) -> [f64; Self::N] {
        let mut out = [0.0; Self::N];
        out[..LineFeatures::N].copy_from_slice(&self.line.values());
        for (k, near) in self.near.iter().enumerate() {
            let at = LineFeatures::N + k * Near::N;
            out[at..at + Near::N].copy_from_slice(&near.values());
        }
        out
    }

    /// The values as the line model's trees read them.
    pub fn inputs(&self) -> [f32; Self::N] {
        self.values().map(|v| v as f32)
    }

    /// The name of value `j`: a line feature's (`stopwords`), or a window's (`stopwords±5`).
    pub fn name(j: usize) -> std::borrow::Cow<'static, str> {
        if j < LineFeatures::N {
            return LineFeatures::NAMES[j].into();
        }
        let (k, f) = ((j - LineFeatures::N) / Near::N, (j - LineFeatures::N) % Near::N);
        format!("{}±{}", Near::NAMES[f], REACH[k]).into()
    }
}

/// The line model's features for each candidate line (`None` for other lines).
pub fn line_features(doc: &Document, marks: &Marks) -> Vec<Option<Features>> {
    line_features_with(doc, marks, &stats(doc, marks))
}

/// The line model's features for each candidate line, from the lines' stats `stats`.
pub(super) fn line_features_with(
    doc: &Document,
    marks: &Marks,
    stats: &[Option<Stats>],
) -> Vec<Option<Features>> {
    let own = own_features(doc, marks, stats);
    // The candidate lines in order, and the running sums of their window features.
    let order: Vec<usize> = (0..own.len()).filter(|&i| own[i].is_some()).collect();
    let mut sums = vec![[0.0; Near::N]; order.len() + 1];
    for (r, &i) in order.iter().enumerate() {
        let v = own[i].as_ref().map_or([0.0; Near::N], |f| Near::of(f).values());
        for j in 0..Near::N {
            sums[r + 1][j] = sums[r][j] + v[j];
        }
    }
    let mut out = vec![None; own.len()];
    for (r, &i) in order.iter().enumerate() {
        let Some(line) = own[i] else { continue };
        let here = Near::of(&line).values();
        let near = REACH.map(|reach| {
            let (from, to) = (r.saturating_sub(reach), (r + reach + 1).min(order.len()));
            let n = (to - from - 1) as f64;
            let mut mean = [0.0; Near::N];
            if n > 0.0 {
                for j in 0..Near::N {
                    mean[j] = (sums[to][j] - sums[from][j] - here[j]) / n;
                }
            }
            Near::from_values(mean)
        });
        let words = stats[i].as_ref().map_or(0.0, |s| s.words);
        out[i] = Some(Features { line, near, words });
    }
    out
}

/// Each candidate line's own features.
fn own_features(doc: &Document, marks: &Marks, stats: &[Option<Stats>]) -> Vec<Option<LineFeatures>> {
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
    let shapes: Vec<Option<u64>> = (0..doc.lines.len())
        .map(|i| stats[i].as_ref().filter(|s| s.words <= 8.0).map(|_| shape(doc.lines[i].trimmed())))
        .collect();
    let mut shared: FxHashMap<u64, usize> = FxHashMap::default();
    for &h in shapes.iter().flatten() {
        *shared.entry(h).or_default() += 1;
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
            let stopwords = s.stops / s.words.max(1.0);
            Some(LineFeatures {
                log_words: (1.0 + s.words).ln(),
                log_chars: (1.0 + chars.solid as f64).ln(),
                tiny: f64::from(s.words <= 2.0),
                short: f64::from(s.words > 2.0 && s.words <= 6.0),
                long: f64::from(s.words >= 15.0),
                sentence_end: f64::from(super::ends_sentence(text)),
                dense: f64::from(s.dense),
                colon_end: f64::from(text.ends_with(':')),
                punctuation: (chars.punctuation as f64 / s.words.max(1.0)).min(1.0),
                stopwords,
                stopword_mass: stopwords * (1.0 + s.words).ln(),
                title_case: ratio(chars.titled, chars.words),
                upper_case: ratio(chars.capitals, chars.letters),
                digits: ratio(chars.digits, chars.solid),
                separators: (chars.separators as f64 / 3.0).min(1.0),
                repeated: f64::from(seen[text] > 1),
                shape_repeated: f64::from(shapes[i].is_some_and(|h| shared[&h] >= 3)),
                position,
                edge: position.min(1.0 - position),
                rules_nearby: if near_n > 0.0 { near_marked / near_n } else { 0.0 },
                block_lines: block.0,
                block_words: block.1,
                block_long: block.2,
                link_or_notice: f64::from(
                    text.contains("http")
                        || text.contains("www.")
                        || text.contains('@')
                        || text.contains('©'),
                ),
                page_dense,
                page_lines: n.ln(),
            })
        })
        .collect()
}

/// A hash of the shape of `text`: each run of capitals, small letters, digits, spaces or
/// other characters of one kind stands for one character of its kind (`Ann says:` and `Bob
/// says:` share a shape, as do `3 May 2012 at 4:15` and `12 June 2011 at 10:02`).
fn shape(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let mut last = 0u32;
    for c in text.chars() {
        let kind = if c.is_uppercase() {
            1
        } else if c.is_alphabetic() {
            2
        } else if c.is_numeric() {
            3
        } else if c.is_whitespace() {
            4
        } else {
            c as u32 + 8
        };
        if kind != last || kind >= 8 {
            h.write_u32(kind);
        }
        last = kind;
    }
    h.finish()
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
        let mut rest = text;
        while !rest.is_empty() {
            // ASCII, most of any page, without decoding.
            let class = match rest.as_bytes()[0] {
                b @ 0..=0x7f => {
                    rest = &rest[1..];
                    ASCII[usize::from(b)]
                }
                _ => {
                    let mut chars = rest.chars();
                    let c = chars.next().unwrap_or_default();
                    rest = chars.as_str();
                    class(c)
                }
            };
            // Digits, punctuation, separators and letters are never whitespace.
            let (space, letter, capital) = (class & SPACE != 0, class & LETTER != 0, class & CAPITAL != 0);
            n.solid += usize::from(!space);
            n.digits += usize::from(class & DIGIT != 0);
            n.punctuation += usize::from(class & PUNCTUATION != 0);
            n.separators += usize::from(class & SEPARATOR != 0);
            n.words += usize::from(after_space & letter);
            n.titled += usize::from(after_space & letter & capital);
            n.letters += usize::from(letter);
            n.capitals += usize::from(letter & capital);
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

named_features! {
    /// What the lines around one line scored: the context model's features.
    pub struct Context {
        /// The line's own score, as log-odds.
        line: "line",
        /// The score of the non-blank line before (0 for none, or one a rule removed).
        previous: "previous",
        /// The score of the non-blank line after.
        next: "next",
        /// The word-weighted mean score of the three non-blank lines on each side.
        window: "window",
        /// The word-weighted mean score of the line's block.
        block: "block",
        /// The line lies in the main run of text (see `main_run`).
        main_text: "main-text",
        /// ln(1 + lines between it and the main run).
        distance: "distance",
        /// It lies after the main run.
        after_main: "after-main",
        /// ln(1 + words).
        log_words: "log-words",
        /// Share of the page's words in dense lines.
        page_dense: "page-dense",
        /// Share of the page's words in the main run.
        main_share: "main-share",
        /// ln(1 + the best score sum of the stretch of text the line lies in).
        local_run: "local-run",
        /// ln of the page's non-blank lines.
        page_lines: "page-lines",
        /// The word-weighted mean score of the ten non-blank lines on each side.
        wide: "wide",
        /// The line's place among the page's non-blank lines, 0 to 1.
        position: "position",
        /// The line ends like a sentence.
        sentence_end: "sentence-end",
        /// The line's share of function words.
        stopwords: "stopwords",
        /// The share of dense lines among the five candidate lines on each side.
        dense_near: "dense±5",
    }
}

/// The context model's features for each candidate line, from the line scores `p1` (`None` for
/// lines that are not candidates; a line a rule deleted counts as score 0).
pub fn context_features(
    doc: &Document,
    marks: &Marks,
    line: &[Option<Features>],
    p1: &[Option<f64>],
) -> Vec<Option<Context>> {
    let non_blank: Vec<usize> = (0..doc.lines.len()).filter(|&i| !doc.lines[i].is_blank()).collect();
    let score = |i: usize| if marks.deleted(i) { 0.0 } else { p1[i].unwrap_or(0.0) };
    let words: Vec<f64> = line.iter().map(|x| x.as_ref().map_or(1.0, |x| x.words).max(1.0)).collect();
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
        let wide = weighted(
            non_blank[r.saturating_sub(10)..(r + 11).min(non_blank.len())]
                .iter()
                .copied()
                .filter(|&j| j != i),
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
        let clamped = p.clamp(1e-3, 1.0 - 1e-3);
        out[i] = Some(Context {
            line: (clamped / (1.0 - clamped)).ln(),
            previous: prev,
            next,
            window,
            block,
            main_text: f64::from(main.contains(&r)),
            distance: (1.0 + distance as f64).ln(),
            after_main: f64::from(r >= main.end),
            log_words: x.line.log_words,
            page_dense: x.line.page_dense,
            main_share: main_words / total.max(1.0),
            local_run: (1.0 + local[r]).ln(),
            page_lines: x.line.page_lines,
            wide,
            position: x.line.position,
            sentence_end: x.line.sentence_end,
            stopwords: x.line.stopwords,
            dense_near: x.near[2].dense,
        });
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
    fn lines_of_one_pattern_share_a_shape() {
        assert_eq!(shape("Ann says:"), shape("Robert says:"));
        assert_eq!(shape("3 May 2012 at 4:15 pm"), shape("12 June 2011 at 10:02 am"));
        assert_eq!(shape("Ответить"), shape("Поделиться"));
        assert_ne!(shape("Ann says:"), shape("Ann says"));
        assert_ne!(shape("Ann says:"), shape("ann says:"));
        assert_ne!(shape("3 May 2012"), shape("3 May, 2012"));
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
