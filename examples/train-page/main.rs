//! Fits the page classifier's weights on a benchmark folder and writes `src/page/weights.rs`.
//!
//! ```text
//! cargo run --release --example train-page -- ../shared/bench/aceb-dev [--folds 5] [--no-write]
//! ```
//!
//! The folder holds `ground-truth.json` and `output/*.json` (see `dechaff eval`). Every line of
//! every input is labelled content when at least half of its shingles occur in the gold text.
//! Both models are weighted logistic regressions (Newton's method, L2), each page weighing the
//! same. They and the threshold, which maximises the mean benchmark F1 over all inputs, are
//! fitted on every text shaped like a page dump (`page::is_page_shaped`), article extractors'
//! outputs among them; the figures it reports are those of the profile as it runs, where the
//! classifier also needs a site's furniture (`page::has_furniture`). Pages are split into
//! folds (never a page across folds) to report cross-validated scores before the final fit on
//! every page. The result is deterministic.

#![allow(clippy::print_stdout, reason = "a command-line tool that reports what it fitted")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dechaff::eval::{self, Corpus, Gold, Score};
use dechaff::page::{self, Layer, Model, CONTEXT_N, LINE_N};
use dechaff::rules::Marks;
use dechaff::segment::Document;
use dechaff::{Cleaner, Options, Profile};

/// One page of one input, with what the rules removed.
struct Page {
    input: String,
    fold: usize,
    text: String,
    gold: String,
    /// Per line: the id of the rule that deletes it.
    rules: Vec<Option<String>>,
    /// Byte ranges the rules remove.
    removed: Vec<std::ops::Range<usize>>,
    /// Per line: content or not (`None` without tokens).
    labels: Vec<Option<bool>>,
    /// Per line: its share of the page's candidate tokens.
    weights: Vec<f64>,
    /// Whether the classifier looks at this page at all.
    gated: bool,
    /// The line model's features, which do not depend on any weights.
    line: Vec<Option<[f64; LINE_N]>>,
    /// Gold shingles the input holds before any cleaning.
    gold_before: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or("../shared/bench/aceb-dev", String::as_str));
    let folds: usize = args
        .iter()
        .position(|a| a == "--folds")
        .and_then(|i| args.get(i + 1))
        .map_or(5, |f| f.parse().expect("a number of folds"));
    let write = !args.iter().any(|a| a == "--no-write");
    let pages = load(&dir, folds);
    println!("{} pages of {} inputs", pages.len(), inputs(&pages).len());

    println!("\ncross-validation, {folds} folds by page (F1 / P / R on the held-out pages)");
    let mut per_input: Vec<(String, Vec<Score>, usize)> =
        inputs(&pages).into_iter().map(|i| (i, Vec::new(), 0)).collect();
    for k in 0..folds {
        let train: Vec<&Page> = pages.iter().filter(|p| p.fold != k).collect();
        let test: Vec<&Page> = pages.iter().filter(|p| p.fold == k).collect();
        let model = fit(&train);
        for (input, scores, lost) in &mut per_input {
            let (s, l) = evaluate(&model, test.iter().copied().filter(|p| &p.input == input));
            scores.push(s);
            *lost += l;
        }
        let ht = per_input.iter().find(|(i, _, _)| i == "html-text").map(|(_, s, _)| s[k]);
        println!(
            "fold {k}: threshold {:.2}, html-text {:?}",
            model.threshold,
            ht.map(|s| (r3(s.f1), r3(s.precision), r3(s.recall)))
        );
    }
    println!("\n{:<16} {:>15} {:>15} {:>15} {:>5}", "input", "F1 mean±sd", "P mean±sd", "R mean±sd", "lost");
    for (input, scores, lost) in &per_input {
        let f = |g: fn(&Score) -> f64| mean_sd(&scores.iter().map(g).collect::<Vec<_>>());
        println!(
            "{input:<16} {:>15} {:>15} {:>15} {lost:>5}",
            f(|s| s.f1),
            f(|s| s.precision),
            f(|s| s.recall)
        );
    }

    let all: Vec<&Page> = pages.iter().collect();
    let model = fit(&all);
    println!("\nfinal model on all pages: threshold {:.2} (in-sample F1 / P / R, lost)", model.threshold);
    for input in inputs(&pages) {
        let (s, lost) = evaluate(&model, pages.iter().filter(|p| p.input == input));
        println!("{input:<16} {:.4} {:.4} {:.4} {lost:>3}", s.f1, s.precision, s.recall);
    }
    if write {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/page/weights.rs");
        std::fs::write(&path, render(&model)).expect("weights.rs is writable");
        println!("wrote {}", path.display());
    }
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn mean_sd(xs: &[f64]) -> String {
    let m = xs.iter().sum::<f64>() / xs.len() as f64;
    let sd = (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / xs.len() as f64).sqrt();
    format!("{m:.3}±{sd:.3}")
}

fn inputs(pages: &[Page]) -> Vec<String> {
    let mut names: Vec<String> = pages.iter().map(|p| p.input.clone()).collect();
    names.dedup();
    names
}

fn read(path: &Path) -> Corpus {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    eval::parse_corpus(&path.display().to_string(), &text).expect("a benchmark file")
}

/// Reads every input and runs the rules (all of the page profile but the classifier).
fn load(dir: &Path, folds: usize) -> Vec<Page> {
    let gold = read(&dir.join("ground-truth.json"));
    let options =
        Options { profile: Profile::Page, ignore: vec!["page-boilerplate".into()], ..Options::default() };
    let cleaner = Cleaner::new(&options).expect("built-in rules compile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("output"))
        .expect("an output folder")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    // Pages are dealt to folds in the order of their ids, so that folds are fixed.
    let fold_of = |id: &str| gold.keys().position(|k| k == id).unwrap_or(0) % folds;
    let mut pages = Vec::new();
    for file in files {
        let input = file.file_stem().and_then(|s| s.to_str()).expect("UTF-8 name").to_owned();
        let corpus = read(&file);
        for (id, gold_text) in &gold {
            let text = corpus.get(id).cloned().unwrap_or_default();
            pages.push(prepare(&cleaner, &input, fold_of(id), text, gold_text));
        }
    }
    pages
}

fn prepare(cleaner: &Cleaner, input: &str, fold: usize, text: String, gold_text: &str) -> Page {
    let cleaned = cleaner.clean(&text);
    let doc = Document::new(&text);
    let mut rules = vec![None; doc.lines.len()];
    for r in cleaned.removals.iter().filter(|r| r.whole_lines) {
        for slot in &mut rules[r.lines.0 - 1..r.lines.1] {
            *slot = Some(r.rule.to_string());
        }
    }
    let g = Gold::new(gold_text);
    let labels: Vec<Option<bool>> = doc.lines.iter().map(|l| g.is_content(l.trimmed())).collect();
    let toks: Vec<f64> = doc
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| if rules[i].is_some() { 0.0 } else { eval::tokens(l.trimmed()).len() as f64 })
        .collect();
    let total = toks.iter().sum::<f64>().max(1.0);
    let weights = toks.iter().map(|t| t / total).collect();
    let removed = cleaned.removals.iter().map(|r| r.bytes.clone()).collect();
    let m = Marks::new(rules.iter().map(|r: &Option<String>| r.as_deref()).collect());
    let gated = page::is_page_shaped(&doc, &m);
    let line = page::line_features(&doc, &m);
    drop(doc);
    let gold_before = eval::counts(gold_text, &text).tp;
    Page {
        input: input.to_owned(),
        fold,
        text,
        gold: gold_text.to_owned(),
        rules,
        removed,
        labels,
        weights,
        gated,
        line,
        gold_before,
    }
}

fn marks(page: &Page) -> Marks<'_> {
    Marks::new(page.rules.iter().map(|r| r.as_deref()).collect())
}

/// Rows of (features, label, weight) of the candidate lines of pages that look like page dumps.
struct Rows {
    x: Vec<Vec<f64>>,
    y: Vec<f64>,
    w: Vec<f64>,
}

fn line_rows(pages: &[&Page]) -> Rows {
    let mut rows = Rows { x: Vec::new(), y: Vec::new(), w: Vec::new() };
    for page in pages.iter().filter(|p| p.gated) {
        for (i, x) in page.line.iter().enumerate() {
            if let (Some(x), Some(y)) = (x, page.labels[i]) {
                rows.x.push(x.to_vec());
                rows.y.push(f64::from(y));
                rows.w.push(page.weights[i]);
            }
        }
    }
    rows
}

fn context_rows(pages: &[&Page], line: &Layer, context: Option<&Layer>) -> Rows {
    let mut rows = Rows { x: Vec::new(), y: Vec::new(), w: Vec::new() };
    for page in pages {
        if !page.gated {
            continue;
        }
        let doc = Document::new(&page.text);
        let marks = marks(page);
        let mut p1: Vec<Option<f64>> =
            page.line.iter().map(|x| x.as_ref().map(|x| line.probability(x))).collect();
        if let Some(context) = context {
            let first = page::context_features(&doc, &marks, &page.line, &p1);
            p1 = first.iter().map(|x| x.as_ref().map(|x| context.probability(x))).collect();
        }
        for (i, x) in page::context_features(&doc, &marks, &page.line, &p1).into_iter().enumerate() {
            if let (Some(x), Some(y)) = (x, page.labels[i]) {
                rows.x.push(x.to_vec());
                rows.y.push(f64::from(y));
                rows.w.push(page.weights[i]);
            }
        }
    }
    rows
}

/// Fits both models and the threshold on `pages`.
fn fit(pages: &[&Page]) -> Model {
    let line = logistic(&line_rows(pages), LINE_N);
    let context = logistic(&context_rows(pages, &line, None), CONTEXT_N);
    let rescore = logistic(&context_rows(pages, &line, Some(&context)), CONTEXT_N);
    let mut model = Model { line, context, rescore, threshold: 0.5 };
    let mut names: Vec<&str> = pages.iter().map(|p| p.input.as_str()).collect();
    names.dedup();
    // Pages the classifier does not look at score the same whatever the threshold.
    let fixed: Vec<Option<eval::Counts>> = pages
        .iter()
        .map(|p| (!p.gated).then(|| eval::counts(&p.gold, &kept(p, std::iter::empty()))))
        .collect();
    let scores: Vec<Option<page::Scores>> = pages
        .iter()
        .map(|p| p.gated.then(|| page::score_any(&Document::new(&p.text), &marks(p), &model)))
        .collect();
    let mut best = (f64::MIN, 0.5);
    for step in 4..=70 {
        model.threshold = f64::from(step) / 100.0;
        let mut f1 = 0.0;
        for input in &names {
            let counts: Vec<eval::Counts> = pages
                .iter()
                .zip(fixed.iter().zip(&scores))
                .filter(|(p, _)| p.input == *input)
                .map(|(p, (fixed, scores))| {
                    fixed.unwrap_or_else(|| decided_counts(p, scores.as_ref(), model.threshold).0)
                })
                .collect();
            f1 += eval::score(&counts).f1;
        }
        if f1 > best.0 + 1e-9 {
            best = (f1, model.threshold);
        }
    }
    model.threshold = best.1;
    model
}

/// The text left when the rules' removals and `cut` go.
fn kept(page: &Page, cut: impl Iterator<Item = std::ops::Range<usize>>) -> String {
    let mut cut: Vec<_> = page.removed.iter().cloned().chain(cut).collect();
    cut.sort_by_key(|r| r.start);
    let mut kept = String::new();
    let mut at = 0;
    for r in cut {
        if r.start > at {
            kept.push_str(&page.text[at..r.start]);
            kept.push('\n');
        }
        at = at.max(r.end);
    }
    kept.push_str(&page.text[at.min(page.text.len())..]);
    kept
}

/// The shingle counts of a page cleaned by the rules and `model`, and whether it lost more than
/// half of the gold text it had.
fn page_counts(model: &Model, page: &Page) -> (eval::Counts, bool) {
    let scores = page::score(&Document::new(&page.text), &marks(page), model);
    decided_counts(page, scores.as_ref(), model.threshold)
}

fn decided_counts(page: &Page, scores: Option<&page::Scores>, threshold: f64) -> (eval::Counts, bool) {
    let doc = Document::new(&page.text);
    let verdicts = scores.map_or_else(Vec::new, |s| page::decide(&doc, s, threshold, false));
    let cut = verdicts.iter().filter(|v| v.remove).map(|v| doc.lines[v.index].range());
    let after = eval::counts(&page.gold, &kept(page, cut));
    (after, page.gold_before > 0 && after.tp * 2 < page.gold_before)
}

/// Benchmark score of `pages` cleaned by the rules and `model`, and how many pages lost more
/// than half of their gold text.
fn evaluate<'a>(model: &Model, pages: impl Iterator<Item = &'a Page>) -> (Score, usize) {
    let (counts, lost): (Vec<eval::Counts>, Vec<bool>) = pages.map(|p| page_counts(model, p)).unzip();
    (eval::score(&counts), lost.iter().filter(|&&l| l).count())
}

/// Weighted L2-regularised logistic regression by Newton's method on standardised features;
/// returns the weights for raw features.
fn logistic(rows: &Rows, n: usize) -> Layer {
    let total: f64 = rows.w.iter().sum::<f64>().max(1e-9);
    let mean: Vec<f64> =
        (0..n).map(|j| rows.x.iter().zip(&rows.w).map(|(x, w)| x[j] * w).sum::<f64>() / total).collect();
    let sd: Vec<f64> = (0..n)
        .map(|j| {
            let v =
                rows.x.iter().zip(&rows.w).map(|(x, w)| (x[j] - mean[j]).powi(2) * w).sum::<f64>() / total;
            if v > 1e-12 {
                v.sqrt()
            } else {
                1.0
            }
        })
        .collect();
    let z: Vec<Vec<f64>> =
        rows.x.iter().map(|x| (0..n).map(|j| (x[j] - mean[j]) / sd[j]).chain([1.0]).collect()).collect();
    let d = n + 1;
    let lambda = 1e-3 * total;
    let mut beta = vec![0.0; d];
    for _ in 0..25 {
        let mut h = vec![vec![0.0; d]; d];
        let mut g = vec![0.0; d];
        for ((x, &y), &w) in z.iter().zip(&rows.y).zip(&rows.w) {
            let p = 1.0 / (1.0 + (-x.iter().zip(&beta).map(|(a, b)| a * b).sum::<f64>()).exp());
            for a in 0..d {
                g[a] += w * (y - p) * x[a];
                for b in 0..d {
                    h[a][b] += w * p * (1.0 - p) * x[a] * x[b];
                }
            }
        }
        for a in 0..n {
            g[a] -= lambda * beta[a];
            h[a][a] += lambda;
        }
        let step = solve(h, g);
        beta.iter_mut().zip(&step).for_each(|(b, s)| *b += s);
        if step.iter().map(|s| s.abs()).fold(0.0, f64::max) < 1e-8 {
            break;
        }
    }
    let weights: Vec<f64> = (0..n).map(|j| beta[j] / sd[j]).collect();
    let bias = beta[n] - (0..n).map(|j| beta[j] * mean[j] / sd[j]).sum::<f64>();
    Layer { weights, bias, means: mean }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs())).expect("a row");
        a.swap(c, p);
        b.swap(c, p);
        let pivot = if a[c][c].abs() < 1e-12 { 1e-12 } else { a[c][c] };
        let (top, rest) = a.split_at_mut(c + 1);
        let row = &top[c];
        for (r, other) in rest.iter_mut().enumerate() {
            let f = other[c] / pivot;
            other.iter_mut().zip(row).skip(c).for_each(|(o, v)| *o -= f * v);
            b[c + 1 + r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for c in (0..n).rev() {
        let s: f64 = (c + 1..n).map(|k| a[c][k] * x[k]).sum();
        let pivot = if a[c][c].abs() < 1e-12 { 1e-12 } else { a[c][c] };
        x[c] = (b[c] - s) / pivot;
    }
    x
}

fn render(model: &Model) -> String {
    let layer = |l: &Layer| {
        let list = |v: &[f64]| v.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(", ");
        format!("Layer {{\n            weights: vec![{}],\n            bias: {:?},\n            means: vec![{}],\n        }}", list(&l.weights), l.bias, list(&l.means))
    };
    let mut out = String::new();
    let _ = writeln!(out, "//! The fitted weights of the page classifier. Generated: do not edit by hand.");
    let _ = writeln!(
        out,
        "//! Regenerate with `cargo run --release --example train-page -- ../shared/bench/aceb-dev`."
    );
    let _ = writeln!(out, "\nuse super::{{Layer, Model}};\n");
    let _ = writeln!(out, "#[rustfmt::skip]\npub(super) fn model() -> Model {{");
    let _ = writeln!(
        out,
        "    Model {{\n        line: {},\n        context: {},\n        rescore: {},\n        threshold: {:?},\n    }}\n}}",
        layer(&model.line),
        layer(&model.context),
        layer(&model.rescore),
        model.threshold
    );
    out
}
