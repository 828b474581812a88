//! The block classifier of the `page` profile: which lines of a whole-page text dump are
//! boilerplate (menus, link lists, footers, comment threads) rather than the article.
//!
//! Two small forests of gradient-boosted trees over shallow, language-independent features
//! with names ([`Features`], [`Context`]). The line model scores each line from its own
//! features (length, sentence punctuation, share of function words in the page's language,
//! capitals, digits, menu separators, repetition, position, its block, what the rules removed
//! around it) and their means over one, two and five lines on each side. The context model
//! rescores it from the line model's scores around it: its neighbours', its block's, and
//! whether it lies in the main run of text, since an article is one contiguous region.
//! [`decide`] turns the scores into verdicts: a threshold, lowered inside the densest run of
//! sentence lines, and a cost for each switch between kept and removed lines (Viterbi), so
//! that an article comes out in one piece. The forests and the decision's settings are fitted
//! on the shared page corpora by `cargo run --release --example train-page` and committed in
//! `weights.rs`.
//!
//! It only scores lines; the rule `page-boilerplate` ([`crate::rules`]) turns the scores into
//! removals. It never sees HTML, URLs or site names.

mod lang;
pub mod trees;
mod weights;

use crate::rules::Marks;
use crate::segment::Document;
use crate::text::{self, tokens as words};
use trees::Forest;

pub use lang::{guess, Stoplist};
use lang::{Hits, Tally};

/// How many features explain a score.
const WHY: usize = 3;

/// The (at most) [`WHY`] features of `x` that pull `forest`'s margin furthest towards
/// boilerplate (path attribution, [`Forest::contributions`]), furthest first.
fn against<const N: usize>(forest: &Forest, x: &[f32; N]) -> Vec<usize> {
    let mut parts = [0.0; N];
    forest.contributions(x, &mut parts);
    let mut order: Vec<usize> = (0..N).filter(|&j| parts[j] < 0.0).collect();
    order.sort_by(|&a, &b| parts[a].total_cmp(&parts[b]).then(a.cmp(&b)));
    order.truncate(WHY);
    order
}

/// The models and how their scores become verdicts.
#[derive(Clone, Debug, PartialEq)]
pub struct Model<'a> {
    /// The line model: gradient-boosted trees over each line's [`Features`].
    line: Forest<'a>,
    /// The context model: gradient-boosted trees over each line's [`Context`], the line
    /// model's scores around it.
    context: Forest<'a>,
    /// The two forests laid out for scoring.
    laid: [trees::Laid; 2],
    /// How scores become verdicts.
    pub decision: Decision,
}

/// How a page's scores become verdicts (see [`decide`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decision {
    /// Lines whose context score is below this are removed.
    pub threshold: f64,
    /// Inside the main run of dense text a line stays with this share of the threshold.
    pub run_share: f64,
    /// What each switch between kept and removed lines costs, in log-odds: above 0, a line
    /// whose score is near its bar goes the way of its neighbours.
    pub switch: f64,
}

impl<'a> Model<'a> {
    /// The classifier of the line model `line` and the context model `context`, or `None`
    /// unless both are well formed for their rows ([`Features::N`] and [`Context::N`] values;
    /// see [`Forest::is_well_formed`]) and no deeper than [`trees::MAX_DEPTH`].
    pub fn new(line: Forest<'a>, context: Forest<'a>, decision: Decision) -> Option<Model<'a>> {
        let laid = [trees::Laid::new(&line, Features::N)?, trees::Laid::new(&context, Context::N)?];
        Some(Model { line, context, laid, decision })
    }

    /// The model fitted on the shared page corpora, as committed in `weights.rs`.
    pub fn builtin() -> &'static Model<'static> {
        static MODEL: std::sync::OnceLock<Model<'static>> = std::sync::OnceLock::new();
        MODEL.get_or_init(weights::model)
    }

    /// The line model.
    pub fn line(&self) -> &Forest<'a> {
        &self.line
    }

    /// The context model.
    pub fn context(&self) -> &Forest<'a> {
        &self.context
    }

    /// The line model's probability that a line with features `x` is content.
    pub fn line_probability(&self, x: &Features) -> f64 {
        f64::from(self.laid[0].probability(&x.inputs()))
    }

    /// The context model's probability that a line with context `x` is content.
    pub fn context_probability(&self, x: &Context) -> f64 {
        f64::from(self.laid[1].probability(&x.inputs()))
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

pub use features::{context_features, line_features, Context, Features, LineFeatures, Near, REACH};

/// One line's verdict: its index, its context score and the bar it had to reach.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The line index.
    pub index: usize,
    /// The context model's probability that the line is content.
    pub score: f64,
    /// The score the line needed to stay.
    pub bar: f64,
    /// Whether it lies in the main run of dense text.
    pub main_run: bool,
    /// Whether it goes.
    pub remove: bool,
}

/// A page's verdicts, with what explains them.
#[derive(Clone, Debug)]
pub struct Classified<'m> {
    /// One verdict per candidate line, in order; empty for a text that is not a page dump.
    pub verdicts: Vec<Verdict>,
    /// The scores behind the verdicts.
    scores: Option<Scores<'m>>,
    /// The block that stayed because nothing else looked like content (lines, 0-based).
    kept_block: Option<std::ops::Range<usize>>,
}

impl Classified<'_> {
    /// The evidence for verdict `k`, as `--explain` shows it for a removed line: its score, the
    /// bar it missed (`(main run)` inside the main run) and the features that pulled it down.
    pub fn evidence(&self, k: usize) -> String {
        let (Some(v), Some(scores)) = (self.verdicts.get(k), &self.scores) else { return String::new() };
        let mut evidence = String::from("score ");
        push_hundredths(&mut evidence, v.score);
        evidence.push_str(if v.remove { " < " } else { " ≥ " });
        push_hundredths(&mut evidence, v.bar);
        if v.main_run {
            evidence.push_str(" (main run)");
        }
        evidence.push_str(": ");
        scores.why(&scores.lines[k], &mut evidence);
        if let Some(range) = &self.kept_block {
            if v.remove {
                let _ = std::fmt::Write::write_fmt(
                    &mut evidence,
                    format_args!(
                        "; nothing looked like content, so lines {}-{} stay",
                        range.start + 1,
                        range.end
                    ),
                );
            }
        }
        evidence
    }
}

/// The scores of one page's candidate lines, before any threshold.
#[derive(Clone, Debug)]
pub struct Scores<'m> {
    /// Per candidate line: its index, its context score, its word count and whether it is a
    /// dense sentence line.
    lines: Vec<Scored>,
    /// Per line of the text, the line model's features (`None` for lines not scored).
    features: Vec<Option<Features>>,
    /// Per line of the text, the context model's features (`None` for lines not scored).
    contexts: Vec<Option<Context>>,
    /// The model, to explain a removal by the features that pulled its score down (only
    /// removed lines are explained: most lines stay).
    model: &'m Model<'m>,
}

#[derive(Clone, Debug)]
struct Scored {
    index: usize,
    score: f64,
    words: f64,
    dense: bool,
}

impl Scores<'_> {
    /// Appends the features that pulled line `l`'s score furthest down to `out`, as
    /// `name=value` separated by spaces: the context model's, and the line model's when the
    /// line's own score (the context feature `line`) is among them.
    fn why(&self, l: &Scored, out: &mut String) {
        let (Some(line), Some(cx)) = (&self.features[l.index], &self.contexts[l.index]) else { return };
        let context = against(&self.model.context, &cx.inputs());
        let (cx, lx) = (cx.values(), line.inputs());
        let line = if context.contains(&0) { against(&self.model.line, &lx) } else { Vec::new() };
        let features = context
            .into_iter()
            .map(|j| (std::borrow::Cow::Borrowed(Context::NAMES[j]), cx[j]))
            .chain(line.into_iter().map(|j| (Features::name(j), f64::from(lx[j]))));
        for (k, (name, value)) in features.enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(&name);
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
pub fn score<'m>(doc: &Document, marks: &Marks, model: &'m Model<'m>) -> Option<Scores<'m>> {
    if !is_page_sized(doc, marks) || !has_furniture(doc, marks) {
        return None;
    }
    let stats = stats(doc, marks);
    (dense_share(&stats) < MAX_DENSE_SHARE).then(|| score_stats(doc, marks, &stats, model, None))
}

/// Scores every candidate line of any text, page dump or not (for fitting the models).
pub fn score_any<'m>(doc: &Document, marks: &Marks, model: &'m Model<'m>) -> Scores<'m> {
    score_stats(doc, marks, &stats(doc, marks), model, None)
}

/// Scores every candidate line of any text from the line model's probabilities `p1` (per
/// line, `None` for lines that are not candidates) instead of the model's own: for fitting the
/// context models on scores the line model gave pages it was not fitted on.
pub fn score_given<'m>(
    doc: &Document,
    marks: &Marks,
    model: &'m Model<'m>,
    p1: &[Option<f64>],
) -> Scores<'m> {
    score_stats(doc, marks, &stats(doc, marks), model, Some(p1))
}

/// Scores every candidate line of a text whose lines' stats are `stats`, with the line
/// probabilities `given` or else the model's.
fn score_stats<'m>(
    doc: &Document,
    marks: &Marks,
    stats: &[Option<Stats>],
    model: &'m Model<'m>,
    given: Option<&[Option<f64>]>,
) -> Scores<'m> {
    let line = features::line_features_with(doc, marks, stats);
    let p1: Vec<Option<f64>> = match given {
        Some(p1) => p1.to_vec(),
        None => line.iter().map(|x| x.as_ref().map(|x| model.line_probability(x))).collect(),
    };
    let contexts = context_features(doc, marks, &line, &p1);
    let lines = contexts
        .iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let lx = line[i].as_ref()?;
            Some(Scored {
                index: i,
                score: model.context_probability(x.as_ref()?),
                words: lx.words,
                dense: lx.line.dense > 0.0,
            })
        })
        .collect();
    Scores { lines, features: line, contexts, model }
}

/// Turns a page's scores into verdicts as `decision` says, and says which block stayed because
/// nothing else looked like content.
///
/// Each line has a bar: the threshold, or inside the densest run of dense sentence lines (see
/// `densest_run`; the article is one contiguous region) `run_share` × the threshold. A line
/// stays when its score reaches its bar, except that every switch between kept and removed
/// lines costs `switch` (in log-odds of score against bar): the verdicts are the cheapest path
/// through the page (Viterbi over two states), so a lone line among others of the other kind
/// goes their way unless its score is far from its bar. When the verdicts would drop more than
/// `RUN_RESCUE` of the main run's dense words, all its dense lines stay.
pub fn decide(
    doc: &Document,
    scores: &Scores,
    decision: &Decision,
) -> (Vec<Verdict>, Option<std::ops::Range<usize>>) {
    let lines = &scores.lines;
    let run = densest_run(lines, RUN_PENALTY);
    let bar = |k: usize| {
        if run.contains(&k) {
            decision.run_share * decision.threshold
        } else {
            decision.threshold
        }
    };
    let keep = smooth(lines.iter().enumerate().map(|(k, l)| logit(l.score) - logit(bar(k))), decision.switch);
    let dense_words = |keep: &dyn Fn(usize) -> bool| -> f64 {
        run.clone().filter(|&k| lines[k].dense && keep(k)).map(|k| lines[k].words).sum()
    };
    let rescue = dense_words(&|k| keep[k]) < RUN_RESCUE * dense_words(&|_| true);
    let mut verdicts: Vec<Verdict> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let inside = run.contains(&k);
            let stays = keep[k] || (inside && rescue && l.dense);
            let remove = !stays;
            Verdict { index: l.index, score: l.score, bar: bar(k), main_run: inside, remove }
        })
        .collect();
    let kept = keep_densest_block(doc, &lines_words(lines, doc.lines.len()), &mut verdicts);
    (verdicts, kept)
}

/// The log-odds of `p`, kept finite.
fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

/// Which lines stay, given each line's margin (log-odds of its score against its bar): the
/// sequence of keep/remove that maximises the kept lines' margins minus `switch` per change
/// (Viterbi over two states). With `switch` 0 a line stays when its margin is at least 0.
fn smooth(margins: impl Iterator<Item = f64>, switch: f64) -> Vec<bool> {
    // Per line, for each state (remove, keep): the best total ending there, and whether the
    // best path into it came from the other state.
    let mut from_other: Vec<[bool; 2]> = Vec::new();
    let mut best = [0.0_f64; 2];
    for (k, m) in margins.enumerate() {
        let gain = [0.0, m];
        let mut next = [0.0; 2];
        let mut came = [false; 2];
        for s in 0..2 {
            let (stay, change) = (best[s], best[1 - s] - if k == 0 { 0.0 } else { switch });
            // Ties favour a kept line before (as a score that meets its bar stays); at the
            // start both states are free.
            came[s] = if s == 0 { change >= stay } else { change > stay };
            next[s] = stay.max(change) + gain[s];
        }
        from_other.push(came);
        best = next;
    }
    let mut keep = vec![false; from_other.len()];
    let mut state = usize::from(best[1] >= best[0]);
    for k in (0..from_other.len()).rev() {
        keep[k] = state == 1;
        if from_other[k][state] {
            state = 1 - state;
        }
    }
    keep
}

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

/// Classifies every candidate line of a page dump; no verdicts when the text does not look
/// like one. The evidence of a verdict is put into words only when asked
/// ([`Classified::evidence`]).
pub fn classify<'m>(doc: &Document, marks: &Marks, model: &'m Model<'m>) -> Classified<'m> {
    match score(doc, marks, model) {
        None => Classified { verdicts: Vec::new(), scores: None, kept_block: None },
        Some(scores) => {
            let (verdicts, kept_block) = decide(doc, &scores, &model.decision);
            Classified { verdicts, scores: Some(scores), kept_block }
        }
    }
}

/// Never an empty page: when every candidate line would go, the block with the most words
/// stays; returns its lines.
fn keep_densest_block(
    doc: &Document,
    words: &[f64],
    verdicts: &mut [Verdict],
) -> Option<std::ops::Range<usize>> {
    if verdicts.is_empty() || verdicts.iter().any(|v| !v.remove) {
        return None;
    }
    let best = doc
        .blocks
        .iter()
        .map(|b| (b.lines.clone(), b.lines.clone().map(|i| words[i]).sum::<f64>()))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.start.cmp(&a.0.start)));
    let (range, _) = best?;
    for v in verdicts.iter_mut().filter(|v| range.contains(&v.index)) {
        v.remove = false;
    }
    Some(range)
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
        assert!(classify(&doc, &no_marks(&doc), Model::builtin()).verdicts.is_empty());
    }

    #[test]
    fn the_builtin_forests_are_well_formed() {
        let model = Model::builtin();
        assert!(!model.line().is_empty() && model.line().is_well_formed(Features::N));
        assert!(!model.context().is_empty() && model.context().is_well_formed(Context::N));
        assert!((0.0..1.0).contains(&model.decision.threshold));
    }

    #[test]
    fn smoothing_finds_the_cheapest_path_as_trying_every_path_does() {
        let mut next = pseudo_random(11);
        for _ in 0..3_000 {
            let n = 1 + next(9);
            let margins: Vec<f64> = (0..n).map(|_| next(9) as f64 - 4.0).collect();
            let switch = next(4) as f64 * 1.5;
            let value = |keep: &[bool]| -> f64 {
                let kept: f64 = keep.iter().zip(&margins).filter(|(k, _)| **k).map(|(_, m)| m).sum();
                kept - switch * keep.windows(2).filter(|w| w[0] != w[1]).count() as f64
            };
            let best = (0..1u32 << n)
                .map(|bits| value(&(0..n).map(|k| bits >> k & 1 == 1).collect::<Vec<_>>()))
                .fold(f64::MIN, f64::max);
            let keep = smooth(margins.iter().copied(), switch);
            assert!((value(&keep) - best).abs() < 1e-9, "{margins:?} {switch}: {keep:?}");
            if switch == 0.0 {
                assert!(keep.iter().zip(&margins).all(|(k, m)| *k == (*m >= 0.0)), "{margins:?}: {keep:?}");
            }
        }
        // A lone weak line among kept lines stays; a strong one goes its own way.
        assert_eq!(smooth([3.0, -1.0, 3.0].into_iter(), 2.0), [true, true, true]);
        assert_eq!(smooth([3.0, -5.0, 3.0].into_iter(), 2.0), [true, false, true]);
    }

    #[test]
    fn when_everything_would_go_the_densest_block_stays() {
        let text = "Home\nNews\n\nA long line of many words that is the densest block here\n";
        let doc = Document::new(text);
        let line = line_features(&doc, &no_marks(&doc));
        let words: Vec<f64> = line.iter().map(|x| x.as_ref().map_or(0.0, |x| x.words)).collect();
        let mut verdicts: Vec<Verdict> = (0..doc.lines.len())
            .filter(|&i| !doc.lines[i].is_blank())
            .map(|index| Verdict { index, score: 0.0, bar: 0.5, main_run: false, remove: true })
            .collect();
        let block = keep_densest_block(&doc, &words, &mut verdicts);
        let kept: Vec<usize> = verdicts.iter().filter(|v| !v.remove).map(|v| v.index).collect();
        assert_eq!(kept, [3]);
        assert_eq!(block, Some(3..4));
        // The evidence of the lines that still go says so.
        let menu = "Home\nNews\nSport\nCulture\nTravel\nWeather\nVideo\nPodcasts\n";
        let text =
            format!("{}\n{menu}\nA long line of many words that is the densest block here\n", menu.repeat(4));
        let doc = Document::new(&text);
        let marks = no_marks(&doc);
        let scores = score_any(&doc, &marks, Model::builtin());
        let (verdicts, kept) =
            decide(&doc, &scores, &Decision { threshold: 1.1, run_share: 0.5, switch: 0.0 });
        let classified = Classified { verdicts, scores: Some(scores), kept_block: kept.clone() };
        let kept = kept.expect("a score of 1.1 is out of reach: the densest block stays");
        let gone = classified.verdicts.iter().position(|v| v.remove).expect("the menus go");
        assert!(classified.evidence(gone).ends_with(&format!(
            "nothing looked like content, so lines {}-{} stay",
            kept.start + 1,
            kept.end
        )));
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
        let classified = classify(&doc, &no_marks(&doc), Model::builtin());
        let removed: Vec<usize> =
            (0..classified.verdicts.len()).filter(|&k| classified.verdicts[k].remove).collect();
        assert!(!removed.is_empty());
        for &k in &removed {
            let evidence = classified.evidence(k);
            assert!(evidence.starts_with("score ") && evidence.contains(" < "), "{evidence}");
            // Named features with their values: `name=0.00`.
            assert!(evidence.split(": ").nth(1).is_some_and(|f| f.contains('=')), "{evidence}");
        }
        assert!(classified
            .verdicts
            .iter()
            .any(|v| !v.remove && doc.lines[v.index].trimmed().starts_with("The council")));
    }
}
