//! The block classifier of the `page` profile: which lines of a whole-page text dump are
//! boilerplate (menus, link lists, footers, comment threads) rather than the article.
//!
//! Two small logistic models over shallow, language-independent features. The first scores each
//! line on its own (length, sentence punctuation, share of function words, capitals, digits,
//! menu separators, repetition, position, its block, what the rules removed around it). The
//! second rescores each line from its context: its neighbours' and its block's scores and
//! whether it lies in the main run of dense text, since an article is one contiguous region.
//! The weights are fitted on benchmark data by `cargo run --release --example train-page` and
//! committed in `weights.rs`.
//!
//! It only scores lines; the rule `page-boilerplate` ([`crate::rules`]) turns the scores into
//! removals. It never sees HTML, URLs or site names.

mod lang;
mod weights;

use crate::rules::Marks;
use crate::segment::Document;
use crate::text::{self, tokens as words};

pub use lang::{guess, Stoplist};
use lang::{Hits, Tally};

/// How many features the line model reads.
pub const LINE_N: usize = 23;
/// How many features the context model reads.
pub const CONTEXT_N: usize = 13;

/// The names of the line model's features, as `--explain` shows them.
pub const LINE_NAMES: [&str; LINE_N] = [
    "log-words",
    "tiny",
    "short",
    "long",
    "sentence-end",
    "colon-end",
    "punctuation",
    "stopwords",
    "stopword-mass",
    "title-case",
    "upper-case",
    "digits",
    "separators",
    "repeated",
    "position",
    "edge",
    "rules-nearby",
    "block-lines",
    "block-words",
    "block-long",
    "link-or-notice",
    "page-dense",
    "page-lines",
];

/// The names of the context model's features.
pub const CONTEXT_NAMES: [&str; CONTEXT_N] = [
    "line",
    "previous",
    "next",
    "window",
    "block",
    "main-text",
    "distance",
    "after-main",
    "log-words",
    "page-dense",
    "main-share",
    "local-run",
    "page-lines",
];

/// A fitted logistic model over raw feature values.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// One weight per feature.
    pub weights: Vec<f64>,
    /// The intercept.
    pub bias: f64,
    /// The mean of each feature in the training data, to explain a score by the features that
    /// pulled it furthest from the average.
    pub means: Vec<f64>,
}

impl Layer {
    /// The probability that a line with features `x` is article content.
    pub fn probability(&self, x: &[f64]) -> f64 {
        let z = self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The (at most) [`WHY`] features that pull the score furthest towards boilerplate, furthest
    /// first (the first feature first among equal pulls).
    fn against(&self, x: &[f64]) -> impl Iterator<Item = usize> + Clone {
        let mut top = [(0.0_f64, 0); WHY];
        let mut len = 0;
        for (j, v) in x.iter().enumerate() {
            let pull = self.weights[j] * (v - self.means[j]);
            if pull < 0.0 && (len < WHY || pull.total_cmp(&top[WHY - 1].0).is_lt()) {
                // Insert after the pulls at least as far, dropping the last of a full list.
                let mut at = len.min(WHY - 1);
                while at > 0 && top[at - 1].0.total_cmp(&pull).is_gt() {
                    top[at] = top[at - 1];
                    at -= 1;
                }
                top[at] = (pull, j);
                len = (len + 1).min(WHY);
            }
        }
        top.into_iter().take(len).map(|(_, j)| j)
    }
}

/// How many features explain a score.
const WHY: usize = 3;

/// The two models and the score below which a line is boilerplate.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The line model.
    pub line: Layer,
    /// The context model, over the line model's scores.
    pub context: Layer,
    /// The context model again, over the first context model's scores (neighbours settle).
    pub rescore: Layer,
    /// Lines whose context score is below this are removed.
    pub threshold: f64,
}

impl Model {
    /// The model fitted on the benchmark's development pages, as committed in `weights.rs`.
    pub fn builtin() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(weights::model)
    }
}

/// What one line of a page looks like on its own.
#[derive(Clone, Debug, Default)]
struct Stats {
    words: f64,
    stops: f64,
    dense: bool,
}

/// The lines that may be classified: non-blank and not deleted by a rule.
pub fn candidates(doc: &Document, marks: &Marks) -> Vec<bool> {
    (0..doc.lines.len()).map(|i| !doc.lines[i].is_blank() && !marks.deleted(i)).collect()
}

/// Whether a page looks like a whole-page dump rather than an article: shaped like one (see
/// [`is_page_shaped`]) and carrying a site's furniture (see [`has_furniture`]). An article body
/// (or a text this profile has already cleaned) is left alone.
pub fn looks_like_page(doc: &Document, marks: &Marks) -> bool {
    is_page_shaped(doc, marks) && has_furniture(doc, marks)
}

/// Whether a text is shaped like a page dump: enough lines, and a fair share of its words
/// outside long sentence lines. The classifier is fitted on every text of this shape.
pub fn is_page_shaped(doc: &Document, marks: &Marks) -> bool {
    is_page_sized(doc, marks)
        && dense_share(&stats_with(doc, marks, |_, text| {
            (words(text).map(text::token_words).fold(0.0, |a, b| a + b), 0.0)
        })) < MAX_DENSE_SHARE
}

/// The cheap tests of [`is_page_shaped`], which most texts (short articles) fail: enough
/// lines, and enough of them not ending like a sentence.
fn is_page_sized(doc: &Document, marks: &Marks) -> bool {
    let keep = candidates(doc, marks);
    let lines = keep.iter().filter(|&&k| k).count();
    if lines < MIN_LINES {
        return false;
    }
    let sentences = doc.lines.iter().zip(&keep).filter(|(l, &k)| k && ends_sentence(l.trimmed())).count();
    (lines - sentences) as f64 >= MIN_OTHER_SHARE * lines as f64
}

/// Whether a text carries a site's furniture, as the whole visible text of a page does and an
/// article extractor's output rarely does: the rules have already taken a fair number of lines
/// (menus, notices, share bars), or a long run of short lines (a menu or a link list the rules
/// left) remains among the candidates. It keeps the classifier off article extractors' output,
/// where its few removals are more often the article's own lists than boilerplate.
pub fn has_furniture(doc: &Document, marks: &Marks) -> bool {
    let keep = candidates(doc, marks);
    let taken = (0..doc.lines.len()).filter(|&i| !doc.lines[i].is_blank() && marks.deleted(i)).count();
    if taken >= MIN_TAKEN {
        return true;
    }
    let (mut run, mut longest) = (0, 0);
    for (line, _) in doc.lines.iter().zip(&keep).filter(|(_, &k)| k) {
        run = if is_short_label(line.trimmed()) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest >= MIN_SHORT_RUN
}

/// Whether a line is as short as a menu's or a link list's label: a few words, in few
/// characters (a line of a hard-wrapped text in a language of long words is neither), with a
/// letter (a list of numbers or placeholders is not a menu).
fn is_short_label(line: &str) -> bool {
    line.chars().nth(MAX_SHORT_CHARS).is_none()
        && text::at_most_words(line, MAX_SHORT_WORDS)
        && text::has_letter(line)
}

/// The most characters of a short line.
const MAX_SHORT_CHARS: usize = 40;
/// Lines the rules took that make a text look like a page dump.
const MIN_TAKEN: usize = 10;
/// The most words of a short line.
const MAX_SHORT_WORDS: usize = 3;
/// Consecutive short candidate lines that make a text look like a page dump.
const MIN_SHORT_RUN: usize = 8;

/// A line of at least this many words that ends like a sentence is dense text.
const DENSE_WORDS: f64 = 10.0;

/// A text whose lines nearly all end like sentences is prose, not a page dump.
const MIN_OTHER_SHARE: f64 = 0.3;

/// Fewer candidate lines than this and a text is not a page dump.
const MIN_LINES: usize = 30;
/// A text with more of its words in dense lines than this is an article already.
const MAX_DENSE_SHARE: f64 = 0.9;

/// Each candidate line's stats, its function words counted by the stoplist the page's words
/// point to.
fn stats(doc: &Document, marks: &Marks) -> Vec<Option<Stats>> {
    let tallies: Vec<Tally> = doc.lines.iter().map(|l| Tally::of(words(l.trimmed()))).collect();
    let mut listed = Hits::default();
    for tally in &tallies {
        listed.merge(&tally.listed);
    }
    let stoplist = listed.best();
    stats_with(doc, marks, |i, _| (tallies[i].words, tallies[i].stops(stoplist)))
}

/// Each candidate line's stats, with the word and function-word counts `weigh` gives line `i`
/// of text `text`.
fn stats_with(
    doc: &Document,
    marks: &Marks,
    weigh: impl Fn(usize, &str) -> (f64, f64),
) -> Vec<Option<Stats>> {
    let keep = candidates(doc, marks);
    doc.lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            keep[i].then(|| {
                let (words, stops) = weigh(i, line.trimmed());
                let dense = words >= DENSE_WORDS && ends_sentence(line.trimmed());
                Stats { words, stops, dense }
            })
        })
        .collect()
}

fn dense_share(stats: &[Option<Stats>]) -> f64 {
    let all: f64 = stats.iter().flatten().map(|s| s.words).sum();
    let dense: f64 = stats.iter().flatten().filter(|s| s.dense).map(|s| s.words).sum();
    if all > 0.0 {
        dense / all
    } else {
        1.0
    }
}

/// Whether a line ends like a sentence, or like a Korean sentence without its full stop.
fn ends_sentence(line: &str) -> bool {
    text::ends_sentence(line) || text::strip_closing(line).ends_with('다')
}

mod features;

pub use features::{context_features, line_features};

/// One line's verdict: its index, its context score, and the evidence for `--explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The line index.
    pub index: usize,
    /// The context model's probability that the line is content.
    pub score: f64,
    /// Whether it goes.
    pub remove: bool,
    /// Score and deciding features, for a line that goes (empty for a line that stays).
    pub evidence: String,
}

/// The scores of one page's candidate lines, before any threshold.
#[derive(Clone, Debug)]
pub struct Scores {
    /// Per candidate line: its index, its context score, its word count, whether it is a dense
    /// sentence line, and its features.
    lines: Vec<Scored>,
    /// The line and rescoring models, to explain a removal by the features that pulled its
    /// score down (only removed lines are explained: most lines stay).
    line: Layer,
    rescore: Layer,
}

#[derive(Clone, Debug)]
struct Scored {
    index: usize,
    score: f64,
    words: f64,
    dense: bool,
    line: [f64; LINE_N],
    context: [f64; CONTEXT_N],
}

impl Scores {
    /// Appends the features that pulled line `l`'s score furthest down to `out`, as
    /// `name=value` separated by spaces: the context model's, and the line model's when the
    /// line's own score (the context feature `line`) is among them.
    fn why(&self, l: &Scored, out: &mut String) {
        let context = self.rescore.against(&l.context);
        let line = context.clone().any(|j| j == 0).then(|| self.line.against(&l.line));
        let features = context
            .map(|j| (CONTEXT_NAMES[j], l.context[j]))
            .chain(line.into_iter().flatten().map(|j| (LINE_NAMES[j], l.line[j])));
        for (k, (name, value)) in features.enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(name);
            out.push('=');
            push_hundredths(out, value);
        }
    }
}

/// Appends `x` to `out` as `format!("{x:.2}")` does (rounded to two decimals, ties to even, a
/// minus sign before every negative number, negative zero included), without the general float
/// formatting for the small numbers that evidence shows: `x` is `m` × 2^`e` exactly, and the
/// rounding is done on the integer `m` × 100.
fn push_hundredths(out: &mut String, x: f64) {
    use std::fmt::Write;
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    // Infinities, NaN and numbers from 2^40 on go the general way.
    if biased >= 1023 + 40 {
        // Writing to a `String` does not fail.
        let _ = write!(out, "{x:.2}");
        return;
    }
    let fraction = bits & ((1 << 52) - 1);
    let (m, shift) = if biased == 0 { (fraction, 1074) } else { (fraction | 1 << 52, 1075 - biased) };
    // `shift` is more than 12 here; from 62 on, m × 100 < 2^60 is less than half a hundredth.
    let hundredths = if shift > 61 {
        0
    } else {
        let scaled = u128::from(m) * 100;
        let (whole, rest, half) = (scaled >> shift, scaled & ((1 << shift) - 1), 1 << (shift - 1));
        whole + u128::from(rest > half || (rest == half && whole & 1 == 1))
    };
    if x.is_sign_negative() {
        out.push('-');
    }
    // The digits from the last, at least three of them.
    let mut digits = [0u8; 16];
    let mut at = digits.len();
    let mut rest = hundredths;
    while at > digits.len() - 3 || rest > 0 {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    for (k, &d) in digits[at..].iter().enumerate() {
        if k == digits.len() - at - 2 {
            out.push('.');
        }
        out.push(char::from(d));
    }
}

/// Scores every candidate line of a page dump; `None` when the text does not look like one.
///
/// It runs the tests of [`looks_like_page`] from the cheapest, and takes the share of dense
/// words from the stats that the scores need anyway: their word counts are those of
/// [`is_page_shaped`], token by token.
pub fn score(doc: &Document, marks: &Marks, model: &Model) -> Option<Scores> {
    if !is_page_sized(doc, marks) || !has_furniture(doc, marks) {
        return None;
    }
    let stats = stats(doc, marks);
    (dense_share(&stats) < MAX_DENSE_SHARE).then(|| score_stats(doc, marks, &stats, model))
}

/// Scores every candidate line of any text, page dump or not (for fitting the models).
pub fn score_any(doc: &Document, marks: &Marks, model: &Model) -> Scores {
    score_stats(doc, marks, &stats(doc, marks), model)
}

/// Scores every candidate line of a text whose lines' stats are `stats`.
fn score_stats(doc: &Document, marks: &Marks, stats: &[Option<Stats>], model: &Model) -> Scores {
    let line = features::line_features_with(doc, marks, stats);
    let p1: Vec<Option<f64>> = line.iter().map(|x| x.as_ref().map(|x| model.line.probability(x))).collect();
    let first = context_features(doc, marks, &line, &p1);
    let p2: Vec<Option<f64>> =
        first.iter().map(|x| x.as_ref().map(|x| model.context.probability(x))).collect();
    let context = context_features(doc, marks, &line, &p2);
    let lines = context
        .iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let x = x.as_ref()?;
            let lx = line[i].as_ref()?;
            let score = model.rescore.probability(x);
            // The word count comes back from its log feature; the tolerance keeps a line of
            // exactly ten words dense whatever the last bit of `exp` and `ln`.
            let words = lx[0].exp() - 1.0;
            let dense = words >= DENSE_WORDS - 1e-9 && lx[4] > 0.0;
            Some(Scored { index: i, score, words, dense, line: *lx, context: *x })
        })
        .collect();
    Scores { lines, line: model.line.clone(), rescore: model.rescore.clone() }
}

/// Turns a page's scores into verdicts at `threshold`.
///
/// The article is one contiguous run of dense sentence lines, so inside the densest such run
/// (see [`densest_run`]) a line needs only [`RUN_THRESHOLD`] × `threshold` to stay; and when the
/// scores would drop more than [`RUN_RESCUE`] of that run's dense words, all its dense lines stay.
///
/// With `explain`, each removed line's verdict says why; without, its evidence is empty.
pub fn decide(doc: &Document, scores: &Scores, threshold: f64, explain: bool) -> Vec<Verdict> {
    let lines = &scores.lines;
    let run = densest_run(lines, RUN_PENALTY);
    let dense_words = |keep: &dyn Fn(&Scored) -> bool| -> f64 {
        lines[run.clone()].iter().filter(|l| l.dense && keep(l)).map(|l| l.words).sum()
    };
    let rescue = dense_words(&|l| l.score >= threshold) < RUN_RESCUE * dense_words(&|_| true);
    let mut verdicts: Vec<Verdict> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let inside = run.contains(&k);
            let bar = if inside { RUN_THRESHOLD * threshold } else { threshold };
            let remove = l.score < bar && !(inside && rescue && l.dense);
            let place = if inside { " (main run)" } else { "" };
            let evidence = if remove && explain {
                let mut evidence = String::from("score ");
                push_hundredths(&mut evidence, l.score);
                evidence.push_str(" < ");
                push_hundredths(&mut evidence, bar);
                evidence.push_str(place);
                evidence.push_str(": ");
                scores.why(l, &mut evidence);
                evidence
            } else {
                String::new()
            };
            Verdict { index: l.index, score: l.score, remove, evidence }
        })
        .collect();
    keep_densest_block(doc, &lines_words(lines, doc.lines.len()), &mut verdicts, explain);
    verdicts
}

/// Inside the main run a line stays with this share of the threshold.
const RUN_THRESHOLD: f64 = 0.5;
/// When less than this share of the main run's dense words would stay, they all stay.
const RUN_RESCUE: f64 = 0.5;
/// What a word outside dense sentence lines costs the main run, against a dense word's gain.
const RUN_PENALTY: f64 = 2.0;

/// The stretch of candidate lines (as positions in `lines`) with the largest sum of dense
/// sentence words minus `penalty` × the words of other lines (Kadane's maximum subarray).
fn densest_run(lines: &[Scored], penalty: f64) -> std::ops::Range<usize> {
    let (mut best, mut best_sum) = (0..0, 0.0);
    let (mut start, mut sum) = (0, 0.0);
    for (k, l) in lines.iter().enumerate() {
        if sum <= 0.0 {
            start = k;
            sum = 0.0;
        }
        sum += if l.dense { l.words } else { -penalty * l.words.max(1.0) };
        if sum > best_sum {
            best_sum = sum;
            best = start..k + 1;
        }
    }
    best
}

fn lines_words(lines: &[Scored], n: usize) -> Vec<f64> {
    let mut words = vec![0.0; n];
    for l in lines {
        words[l.index] = l.words;
    }
    words
}

/// Scores every candidate line of a page dump; empty when the text does not look like one.
/// With `explain`, each removed line's verdict says why; without, its evidence is empty.
pub fn classify(doc: &Document, marks: &Marks, model: &Model, explain: bool) -> Vec<Verdict> {
    score(doc, marks, model).map_or_else(Vec::new, |s| decide(doc, &s, model.threshold, explain))
}

/// Never an empty page: when every candidate line would go, the block with the most words stays,
/// and the removals say so.
fn keep_densest_block(doc: &Document, words: &[f64], verdicts: &mut [Verdict], explain: bool) {
    if verdicts.is_empty() || verdicts.iter().any(|v| !v.remove) {
        return;
    }
    let best = doc
        .blocks
        .iter()
        .map(|b| (b.lines.clone(), b.lines.clone().map(|i| words[i]).sum::<f64>()))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.start.cmp(&a.0.start)));
    let Some((range, _)) = best else { return };
    let note = format!("; nothing looked like content, so lines {}-{} stay", range.start + 1, range.end);
    for v in verdicts.iter_mut() {
        if range.contains(&v.index) {
            v.remove = false;
        } else if explain {
            v.evidence.push_str(&note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A linear congruential generator of numbers below the bound it is given: the same test
    /// inputs on every run.
    pub(super) fn pseudo_random(seed: u64) -> impl FnMut(usize) -> usize {
        let mut seed = seed;
        move |below| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % below
        }
    }

    fn no_marks(doc: &Document) -> Marks<'static> {
        Marks::new(vec![None; doc.lines.len()])
    }

    #[test]
    fn a_page_shaped_article_without_furniture_is_left_alone() {
        // An article with a programme and a cast list: page-shaped, but nothing the rules took
        // and no long run of short lines.
        let mut text = String::new();
        for i in 0..12 {
            text.push_str(&format!(
                "Act {i} opens in the old theatre on the river, where the troupe rehearsed all summer.\n"
            ));
            text.push_str("Director Anna Berg\nTickets from 20 euros\n");
        }
        let doc = Document::new(&text);
        let marks = no_marks(&doc);
        assert!(is_page_shaped(&doc, &marks));
        assert!(!has_furniture(&doc, &marks) && !looks_like_page(&doc, &marks));
        // A menu of eight short lines is furniture.
        let menu = format!("Home\nNews\nSport\nCulture\nTravel\nWeather\nVideo\nPodcasts\n{text}");
        let doc = Document::new(&menu);
        assert!(has_furniture(&doc, &no_marks(&doc)));
        // So are ten lines the rules took.
        let taken: Vec<Option<&str>> = (0..doc.lines.len()).map(|i| (i < 10).then_some("menu-run")).collect();
        let doc = Document::new(&text);
        let marks = Marks::new(taken[..doc.lines.len()].to_vec());
        assert!(has_furniture(&doc, &marks));
    }

    #[test]
    fn scores_exactly_the_texts_that_look_like_pages() {
        let menu = "Home\nNews\nSport\nCulture\nTravel\nWeather\nVideo\nPodcasts\n";
        let sentence = "The council met on Monday to discuss the budget for the schools in the north.\n";
        let programme = "Director Anna Berg\nTickets from 20 euros\n";
        let texts = [
            format!("{menu}{}", sentence.repeat(40)),
            format!("{menu}{}{menu}", format!("{sentence}{programme}").repeat(12)),
            format!("{sentence}{programme}").repeat(12),
            format!("{menu}{}", "東京の駅で会議がありました。\n".repeat(30)),
            menu.repeat(5),
            menu.to_string(),
        ];
        let mut scored = 0;
        for text in &texts {
            let doc = Document::new(text);
            let marks = no_marks(&doc);
            let model = Model::builtin();
            let score = score(&doc, &marks, model);
            assert_eq!(score.is_some(), looks_like_page(&doc, &marks), "{text}");
            if let Some(score) = score {
                let any = score_any(&doc, &marks, model);
                assert_eq!(format!("{score:?}"), format!("{any:?}"));
                scored += 1;
            }
        }
        assert!(scored > 0 && scored < texts.len());
    }

    #[test]
    fn short_texts_and_prose_are_not_page_dumps() {
        let prose = "The council met on Monday to discuss the budget for the schools.\n".repeat(40);
        let doc = Document::new(&prose);
        assert!(!looks_like_page(&doc, &no_marks(&doc)));
        let short = "Home\nNews\nThe council met on Monday to discuss the budget.\n";
        let doc = Document::new(short);
        assert!(classify(&doc, &no_marks(&doc), Model::builtin(), true).is_empty());
    }

    #[test]
    fn when_everything_would_go_the_densest_block_stays() {
        let text = "Home\nNews\n\nA long line of many words that is the densest block here\n";
        let doc = Document::new(text);
        let line = line_features(&doc, &no_marks(&doc));
        let words: Vec<f64> = line.iter().map(|x| x.as_ref().map_or(0.0, |x| x[0].exp() - 1.0)).collect();
        let mut verdicts: Vec<Verdict> = (0..doc.lines.len())
            .filter(|&i| !doc.lines[i].is_blank())
            .map(|index| Verdict { index, score: 0.0, remove: true, evidence: "score 0.00".into() })
            .collect();
        keep_densest_block(&doc, &words, &mut verdicts, true);
        let kept: Vec<usize> = verdicts.iter().filter(|v| !v.remove).map(|v| v.index).collect();
        assert_eq!(kept, [3]);
        assert!(verdicts[0].evidence.ends_with("nothing looked like content, so lines 4-4 stay"));
    }

    #[test]
    fn against_picks_the_furthest_pulls_as_sorting_all_of_them_does() {
        let model = Model::builtin();
        let mut next = pseudo_random(3);
        // Few distinct values, so that pulls tie and some are zero.
        let values = [-1.0, 0.0, 0.5, 1.0, 2.0, 4.0, 12.0];
        for layer in [&model.line, &model.context, &model.rescore] {
            for _ in 0..20_000 {
                let x: Vec<f64> = (0..layer.weights.len())
                    .map(|j| if next(4) == 0 { layer.means[j] } else { values[next(values.len())] })
                    .collect();
                let mut pulls: Vec<(f64, usize)> =
                    x.iter().enumerate().map(|(j, v)| (layer.weights[j] * (v - layer.means[j]), j)).collect();
                pulls.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let obvious: Vec<usize> =
                    pulls.iter().filter(|(p, _)| *p < 0.0).take(WHY).map(|&(_, j)| j).collect();
                assert_eq!(layer.against(&x).collect::<Vec<_>>(), obvious, "{x:?}");
            }
        }
        // Equal pulls: the first feature first.
        let layer = Layer { weights: vec![1.0; 5], bias: 0.0, means: vec![0.0; 5] };
        assert_eq!(layer.against(&[-1.0, -2.0, -1.0, -2.0, -1.0]).collect::<Vec<_>>(), [1, 3, 0]);
    }

    #[test]
    fn hundredths_are_written_as_formatting_does() {
        let check = |x: f64| {
            let mut out = String::new();
            push_hundredths(&mut out, x);
            assert_eq!(out, format!("{x:.2}"), "{x:?}");
        };
        for x in
            [0.0, -0.0, f64::MIN_POSITIVE, 5e-324, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1e12, 1e300]
        {
            check(x);
            check(-x);
        }
        // Ties (odd eighths), the numbers nearest to half a hundredth, and their neighbours.
        for k in -4000..4000 {
            for x in [k as f64 / 8.0, (k as f64 + 0.5) / 100.0, k as f64 / 100.0] {
                for bits in x.to_bits().saturating_sub(2)..=x.to_bits().saturating_add(2) {
                    check(f64::from_bits(bits));
                }
            }
        }
        let mut next = pseudo_random(5);
        for _ in 0..200_000 {
            // Random bits under every exponent that the fast way handles, and just above it.
            let exponent = (1023 - 80 + next(130)) as u64;
            let bits = (exponent << 52) | ((next(1 << 26) as u64) << 26) | next(1 << 26) as u64;
            check(f64::from_bits(bits));
            check(-f64::from_bits(bits));
        }
    }

    #[test]
    fn evidence_names_the_score_and_features() {
        let block = "Home | News | Sport\nWeather\nSign in\nContact us\nJobs\n\n";
        let article = "The council met on Monday to discuss the budget for the schools in the north.\n\n";
        let text = format!("{}{}{}", block.repeat(4), article.repeat(3), block.repeat(4));
        let doc = Document::new(&text);
        let verdicts = classify(&doc, &no_marks(&doc), Model::builtin(), true);
        let removed: Vec<&Verdict> = verdicts.iter().filter(|v| v.remove).collect();
        assert!(!removed.is_empty());
        assert!(removed.iter().all(|v| v.evidence.starts_with("score ")), "{removed:?}");
        assert!(verdicts
            .iter()
            .any(|v| !v.remove && doc.lines[v.index].trimmed().starts_with("The council")));
        // Unasked, the same verdicts come without their evidence.
        let quiet = classify(&doc, &no_marks(&doc), Model::builtin(), false);
        assert_eq!(
            quiet.iter().map(|v| (v.index, v.remove)).collect::<Vec<_>>(),
            verdicts.iter().map(|v| (v.index, v.remove)).collect::<Vec<_>>()
        );
        assert!(quiet.iter().all(|v| v.evidence.is_empty()));
    }
}
