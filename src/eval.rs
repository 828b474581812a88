//! Accuracy against gold article text: the shingle metric of the article-extraction benchmark,
//! before and after cleaning, and how precise each rule's removals are.
//!
//! Metric, per page: split both texts into tokens (maximal runs of word characters), form the
//! overlapping 4-token shingles of each as multisets (a text of fewer than 4 tokens gives one
//! shorter shingle); true positives are the shingles in both, by count. Page precision is
//! tp / (tp + fp), recall tp / (tp + fn), both 1.0 when there is neither fp nor fn. Precision is
//! averaged over the pages with tp + fp > 0, recall over those with tp + fn > 0, and F1 is the
//! harmonic mean of the two averages.
//!
//! This module computes; it never reads files or prints.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use serde::Deserialize;

use crate::engine::Cleaner;

/// How many tokens a shingle has.
const SHINGLE: usize = 4;

/// Page id → text, as read from a benchmark file.
pub type Corpus = BTreeMap<String, String>;

#[derive(Deserialize)]
struct Page {
    #[serde(rename = "articleBody", default)]
    article_body: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum File {
    /// `{ "output": { id: { "articleBody": … } } }`, as extractor outputs are stored.
    Wrapped { output: BTreeMap<String, Page> },
    /// `{ id: { "articleBody": … } }`, as the gold file is stored.
    Plain(BTreeMap<String, Page>),
}

/// Parses a benchmark JSON file: `{id: {"articleBody": text}}`, optionally wrapped in
/// `{"output": …}`. `name` is used in error messages.
pub fn parse_corpus(name: &str, json: &str) -> Result<Corpus, NotABenchmark> {
    let file: File = serde_json::from_str(json).map_err(|e| NotABenchmark {
        path: name.into(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let pages = match file {
        File::Wrapped { output } => output,
        File::Plain(pages) => pages,
    };
    Ok(pages.into_iter().map(|(id, page)| (id, page.article_body.unwrap_or_default())).collect())
}

/// A benchmark file that does not parse or does not have the benchmark's shape.
#[derive(Debug)]
pub struct NotABenchmark {
    /// The file.
    pub path: std::path::PathBuf,
    /// 1-based line of the error.
    pub line: usize,
    /// 1-based column of the error.
    pub column: usize,
    /// What the parser said.
    pub message: String,
}

impl std::fmt::Display for NotABenchmark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let NotABenchmark { path, line, column, message } = self;
        let message = message.split(" at line ").next().unwrap_or(message);
        write!(f, "`{}`:{line}:{column}: not a benchmark file: {message}", path.display())
    }
}

impl std::error::Error for NotABenchmark {}

/// F1, precision and recall of a set of pages.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// Harmonic mean of the mean precision and the mean recall.
    pub f1: f64,
    /// Mean page precision over pages with something predicted.
    pub precision: f64,
    /// Mean page recall over pages with something in the gold.
    pub recall: f64,
}

/// Per-page shingle counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Shingles in both.
    pub tp: usize,
    /// Shingles only in the candidate.
    pub fp: usize,
    /// Shingles only in the gold.
    pub fn_: usize,
}

/// The words of a text: maximal runs of alphanumeric characters and `_`.
pub fn tokens(text: &str) -> Vec<&str> {
    crate::text::tokens(text).collect()
}

fn hash_of(tokens: &[&str]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    tokens.hash(&mut h);
    h.finish()
}

/// The shingle multiset of a token list, as hash → count.
fn shingles(tokens: &[&str]) -> HashMap<u64, usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < SHINGLE {
        out.insert(hash_of(tokens), 1);
        return out;
    }
    for w in tokens.windows(SHINGLE) {
        *out.entry(hash_of(w)).or_insert(0) += 1;
    }
    out
}

/// The shingle counts of a candidate text against a gold text.
pub fn counts(gold: &str, candidate: &str) -> Counts {
    let g = shingles(&tokens(gold));
    let c = shingles(&tokens(candidate));
    counts_of(&g, &c)
}

fn counts_of(g: &HashMap<u64, usize>, c: &HashMap<u64, usize>) -> Counts {
    let tp: usize = c.iter().map(|(k, n)| (*n).min(g.get(k).copied().unwrap_or(0))).sum();
    let cand: usize = c.values().sum();
    let gold: usize = g.values().sum();
    Counts { tp, fp: cand - tp, fn_: gold - tp }
}

/// Averages page counts into a [`Score`], as the benchmark defines it.
pub fn score(pages: &[Counts]) -> Score {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n) = (0.0, 0usize, 0.0, 0usize);
    for c in pages {
        let perfect = c.fp == 0 && c.fn_ == 0;
        if c.tp + c.fp > 0 {
            p_sum += if perfect { 1.0 } else { c.tp as f64 / (c.tp + c.fp) as f64 };
            p_n += 1;
        }
        if c.tp + c.fn_ > 0 {
            r_sum += if perfect { 1.0 } else { c.tp as f64 / (c.tp + c.fn_) as f64 };
            r_n += 1;
        }
    }
    let precision = if p_n > 0 { p_sum / p_n as f64 } else { 0.0 };
    let recall = if r_n > 0 { r_sum / r_n as f64 } else { 0.0 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Score { f1, precision, recall }
}

/// The C4 line rules (Raffel et al. 2020, as TensorFlow Datasets' `c4_utils` applies them), line
/// by line only: the baseline a page cleaner has to beat. A line stays when it ends in `.`,
/// `!`, `?` or `"` (but not `...`), has at least three words, and names neither JavaScript nor a
/// terms-of-use, privacy or cookie policy. Kept lines are trimmed; the page-level rules (too
/// few sentences, `lorem ipsum`, a curly bracket) are left out.
///
/// ```
/// let page = "Home | News\nThe council met on Monday.\nPlease enable JavaScript to comment.\n";
/// assert_eq!(dechaff::eval::c4_lines(page), "The council met on Monday.\n");
/// ```
pub fn c4_lines(text: &str) -> String {
    const POLICY: [&str; 6] =
        ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];
    let mut out = String::new();
    for line in text.lines().map(str::trim) {
        let lower = line.to_lowercase();
        let keep = line.ends_with(['.', '!', '?', '"'])
            && !line.ends_with("...")
            && line.split_whitespace().count() >= 3
            && !lower.contains("javascript")
            && !POLICY.iter().any(|p| lower.contains(p));
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The gold text of one page, prepared for the questions the evaluation asks of it.
pub struct Gold<'a> {
    shingles: HashMap<u64, usize>,
    /// The token n-grams of the gold for n = 1..=4, to look up short and long lines.
    grams: [HashSet<u64>; SHINGLE],
    _text: &'a str,
}

impl<'a> Gold<'a> {
    /// Prepares a gold text.
    pub fn new(text: &'a str) -> Self {
        let toks = tokens(text);
        let grams = std::array::from_fn(|n| toks.windows(n + 1).map(hash_of).collect());
        Gold { shingles: shingles(&toks), grams, _text: text }
    }

    /// Whether a piece of text is article content: at least half of its shingles occur in the
    /// gold (a piece of fewer than 4 tokens: its token sequence occurs in the gold). `None`
    /// for a piece without tokens.
    pub fn is_content(&self, piece: &str) -> Option<bool> {
        let toks = tokens(piece);
        if toks.is_empty() {
            return None;
        }
        let n = toks.len().min(SHINGLE);
        let windows: Vec<u64> = toks.windows(n).map(hash_of).collect();
        let found = windows.iter().filter(|h| self.grams[n - 1].contains(h)).count();
        Some(found * 2 >= windows.len())
    }
}

/// How one rule did on one input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleTally {
    /// Removals (lines, or spans) with tokens.
    pub removed: usize,
    /// Of those, how many were article content.
    pub content: usize,
}

impl RuleTally {
    /// The share of removals that were junk (1.0 when nothing was removed).
    pub fn precision(&self) -> f64 {
        if self.removed == 0 {
            1.0
        } else {
            (self.removed - self.content) as f64 / self.removed as f64
        }
    }
}

/// The evaluation of one input file.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    /// Pages scored (the gold's pages).
    pub pages: usize,
    /// The input as it is.
    pub before: Score,
    /// The input after cleaning.
    pub after: Score,
    /// Keeping exactly the input lines that are content: the best any line filter can do.
    pub oracle: Score,
    /// Per rule id: removed lines (or spans) and how many were content.
    pub rules: BTreeMap<String, RuleTally>,
    /// Ids of pages whose recall dropped by more than half with cleaning.
    pub lost_pages: Vec<String>,
    /// Every removed piece that was article content: page id, rule id, the text.
    pub mistakes: Vec<(String, String, String)>,
}

/// Scores `input` against `gold` before and after cleaning it with `cleaner`.
pub fn evaluate(gold: &Corpus, input: &Corpus, cleaner: &Cleaner) -> Evaluation {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut oracle = Vec::new();
    let mut rules: BTreeMap<String, RuleTally> = BTreeMap::new();
    let mut lost_pages = Vec::new();
    let mut mistakes = Vec::new();
    for (id, gold_text) in gold {
        let text = input.get(id).map_or("", String::as_str);
        let g = Gold::new(gold_text);
        let cleaned = cleaner.clean(text);
        let b = counts_of(&g.shingles, &shingles(&tokens(text)));
        let a = counts_of(&g.shingles, &shingles(&tokens(&cleaned.text)));
        let kept: String =
            text.lines().filter(|l| g.is_content(l) == Some(true)).collect::<Vec<_>>().join("\n");
        oracle.push(counts_of(&g.shingles, &shingles(&tokens(&kept))));
        if b.tp > 0 && a.tp * 2 < b.tp {
            lost_pages.push(id.clone());
        }
        before.push(b);
        after.push(a);
        for removal in &cleaned.removals {
            for piece in removal.text(text).lines() {
                if let Some(content) = g.is_content(piece) {
                    let tally = rules.entry(removal.rule.to_string()).or_default();
                    tally.removed += 1;
                    tally.content += usize::from(content);
                    if content {
                        mistakes.push((id.clone(), removal.rule.to_string(), piece.to_owned()));
                    }
                }
            }
        }
    }
    Evaluation {
        pages: gold.len(),
        before: score(&before),
        after: score(&after),
        oracle: score(&oracle),
        rules,
        lost_pages,
        mistakes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_runs_of_word_characters() {
        assert_eq!(tokens("It's 2019—déjà vu, Привет_мир!"), ["It", "s", "2019", "déjà", "vu", "Привет_мир"]);
        assert!(tokens(" ... ").is_empty());
    }

    #[test]
    fn counts_by_hand() {
        // gold: a b c d e → shingles abcd, bcde; candidate: a b c d x → abcd, bcdx
        let c = counts("a b c d e", "a b c d x");
        assert_eq!(c, Counts { tp: 1, fp: 1, fn_: 1 });
        // repeated shingles count as a multiset: candidate has abcd twice, gold once
        let c = counts("a b c d", "a b c d. a b c d");
        // candidate tokens a b c d a b c d → abcd, bcda, cdab, dabc, abcd
        assert_eq!(c, Counts { tp: 1, fp: 4, fn_: 0 });
        // short texts give one short shingle
        assert_eq!(counts("a b", "a b"), Counts { tp: 1, fp: 0, fn_: 0 });
        assert_eq!(counts("a b", "a c"), Counts { tp: 0, fp: 1, fn_: 1 });
    }

    #[test]
    fn score_by_hand() {
        // page 1: P = 1/2, R = 1/2; page 2: perfect; page 3: nothing predicted (recall 0 only)
        let pages = [
            Counts { tp: 1, fp: 1, fn_: 1 },
            Counts { tp: 3, fp: 0, fn_: 0 },
            Counts { tp: 0, fp: 0, fn_: 5 },
        ];
        let s = score(&pages);
        assert!((s.precision - 0.75).abs() < 1e-12, "{s:?}");
        assert!((s.recall - 0.5).abs() < 1e-12, "{s:?}");
        assert!((s.f1 - 0.6).abs() < 1e-12, "{s:?}");
    }

    #[test]
    fn content_lines_by_shingle_share() {
        let gold = Gold::new("The council met on Monday to discuss the new budget for schools.");
        assert_eq!(gold.is_content("The council met on Monday to discuss"), Some(true));
        assert_eq!(gold.is_content("Share this article"), Some(false));
        assert_eq!(gold.is_content("new budget"), Some(true));
        assert_eq!(gold.is_content(" — "), None);
        // 2 of 4 shingles found: exactly half counts as content
        assert_eq!(gold.is_content("on Monday to discuss the cats dogs"), Some(true));
    }

    #[test]
    fn parses_both_file_shapes() {
        let wrapped =
            parse_corpus("x.json", r#"{"version":"1","output":{"p1":{"articleBody":"Hi"}}}"#).unwrap();
        let plain = parse_corpus("g.json", r#"{"p1":{"articleBody":"Hi","url":"u"}}"#).unwrap();
        assert_eq!(wrapped, plain);
        assert!(matches!(parse_corpus("bad.json", "{"), Err(NotABenchmark { line: 1, .. })));
    }

    #[test]
    fn evaluation_counts_rule_precision() {
        let gold: Corpus =
            [("p".to_owned(), "The council met on Monday to discuss the budget.".to_owned())].into();
        let input: Corpus =
            [("p".to_owned(), "The council met on Monday to discuss the budget.\nViews: 1581\n".to_owned())]
                .into();
        let cleaner = Cleaner::new(&crate::Options::default()).unwrap();
        let e = evaluate(&gold, &input, &cleaner);
        assert!(e.after.precision > e.before.precision);
        assert_eq!(e.rules["view-counter"], RuleTally { removed: 1, content: 0 });
        assert_eq!(e.after.f1, 1.0);
    }
}
