//! Fits the page classifier on every shared page corpus and writes `src/page/weights.rs`.
//!
//! ```text
//! cargo run --release --example train-page -- ../shared/bench [--folds 5] [--no-write] [--quick]
//!     [--shapes] [--page-groups]
//! ```
//!
//! The folder holds `aceb-dev/` (gold and twelve extractors' outputs) and `pages/<set>/` (gold
//! and the whole visible text of each page, `output/html-text.json`). Every line of every input
//! is labelled content when at least half of its shingles occur in the gold text.
//!
//! **Weighting.** The corpora disagree on what content is (CleanEval's gold keeps most of a
//! page's text, Dragnet's and CleanPortalEval's only the article), and one of them (Dragnet)
//! has ten times the pages of the others. Each corpus weighs the same in the fit and in the
//! choice of the threshold, and inside a corpus each page weighs the same, so that no corpus's
//! idea of content, and no long page, outweighs the rest.
//!
//! **Generalisation.** Pages are grouped by site: the URL's host for aceb-dev; elsewhere the
//! site is unknown, so pages that share three or more boilerplate lines of 30 characters or
//! more (lines outside their gold, such as a footer or a menu) are taken to be of one site.
//! Cross-validation deals whole groups to folds, so no site is both fitted and scored. The
//! report also fits on all corpora but one and scores the one left out. Beside each score
//! stand the raw input's and that of the C4 line rules on the same text. `--page-groups`
//! groups by page where the site is unknown instead (pages of one site then land in different
//! folds: a weaker test, given for comparison with figures measured that way).
//!
//! The final fit uses every page. The result is deterministic.

#![allow(clippy::print_stdout, reason = "a command-line tool that reports what it fitted")]

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod gbdt;

use dechaff::eval::{self, Corpus, Gold};
use dechaff::page::{self, Context, Decision, Features, Model};
use dechaff::rules::Marks;
use dechaff::segment::Document;
use dechaff::{Cleaner, Options, Profile};

/// One page of one input, with what the rules removed.
struct Page {
    /// The corpus (`aceb-dev`, `dragnet-train`, …) and the input (`html-text`, an extractor).
    corpus: String,
    input: String,
    /// The site group (see the module comment) and the fold it is dealt to.
    group: usize,
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
    line: Vec<Option<Features>>,
    /// Gold shingles the input holds before any cleaning.
    gold_before: usize,
    /// The shingle counts of the raw input and of the C4 line rules' output.
    raw: eval::Counts,
    c4: eval::Counts,
}

impl Page {
    /// The name the report gives the page's input: `dragnet-train`, `aceb-dev/trafilatura`.
    fn key(&self) -> String {
        if self.corpus == "aceb-dev" {
            format!("aceb-dev/{}", self.input)
        } else {
            self.corpus.clone()
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir =
        PathBuf::from(args.iter().find(|a| !a.starts_with("--")).map_or("../shared/bench", String::as_str));
    let folds: usize = args
        .iter()
        .position(|a| a == "--folds")
        .and_then(|i| args.get(i + 1))
        .map_or(5, |f| f.parse().expect("a number of folds"));
    let write = !args.iter().any(|a| a == "--no-write");
    let pages = load(&dir, folds, args.iter().any(|a| a == "--page-groups"));
    let keys = keys(&pages);
    let groups = pages.iter().map(|p| p.group).max().map_or(0, |g| g + 1);
    println!("{} texts of {} inputs, {} site groups", pages.len(), keys.len(), groups);
    println!("{:<24} {:>5} {:>12} {:>12}", "input", "pages", "page-shaped", "classified");
    for key in &keys {
        let of: Vec<&Page> = pages.iter().filter(|p| &p.key() == key).collect();
        let shaped = of.iter().filter(|p| p.gated).count();
        let classified = of
            .iter()
            .filter(|p| {
                let doc = Document::new(&p.text);
                page::looks_like_page(&doc, &marks(p))
            })
            .count();
        println!("{key:<24} {:>5} {shaped:>12} {classified:>12}", of.len());
    }
    if args.iter().any(|a| a == "--shapes") {
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");

    println!("\ncross-validation, {folds} folds by site group (F1 / P / R on the held-out pages)");
    let mut held: Vec<(usize, eval::Counts, bool)> = Vec::new();
    for k in 0..folds {
        let train: Vec<&Page> = pages.iter().filter(|p| p.fold != k).collect();
        let fitted = fit(&train);
        let model = fitted.model();
        println!("fold {k}: {:?}", model.decision);
        for (i, page) in pages.iter().enumerate().filter(|(_, p)| p.fold == k) {
            let (counts, lost) = page_counts(&model, page);
            held.push((i, counts, lost));
        }
    }
    held.sort_by_key(|h| h.0);
    report(&pages, &keys, &held);

    if quick {
        return;
    }
    println!("\nleave one corpus out: fitted on the others, scored on it");
    let corpora: Vec<String> = {
        let mut c: Vec<String> = pages.iter().map(|p| p.corpus.clone()).collect();
        c.dedup();
        c
    };
    let mut left_out: Vec<(usize, eval::Counts, bool)> = Vec::new();
    for corpus in &corpora {
        let train: Vec<&Page> = pages.iter().filter(|p| &p.corpus != corpus).collect();
        let fitted = fit(&train);
        let model = fitted.model();
        println!("without {corpus}: {:?}", model.decision);
        for (i, page) in pages.iter().enumerate().filter(|(_, p)| &p.corpus == corpus) {
            let (counts, lost) = page_counts(&model, page);
            left_out.push((i, counts, lost));
        }
    }
    left_out.sort_by_key(|h| h.0);
    report(&pages, &keys, &left_out);

    let all: Vec<&Page> = pages.iter().collect();
    let fitted = fit(&all);
    let model = fitted.model();
    println!("\nfinal model on all pages: {:?} (in-sample)", model.decision);
    let in_sample: Vec<(usize, eval::Counts, bool)> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (c, l) = page_counts(&model, p);
            (i, c, l)
        })
        .collect();
    report(&pages, &keys, &in_sample);
    let gain = gbdt::feature_gain(&fitted.trees);
    let total: f64 = gain.iter().sum::<f64>().max(1e-12);
    let mut order: Vec<usize> = (0..gain.len()).collect();
    order.sort_by(|&a, &b| gain[b].total_cmp(&gain[a]).then(a.cmp(&b)));
    println!("\nthe line model's features by share of split gain:");
    for &j in order.iter().take(20) {
        println!("  {:<22} {:.3}", Features::name(j), gain[j] / total);
    }
    if write {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/page/weights.rs");
        std::fs::write(&path, render(&fitted)).expect("weights.rs is writable");
        println!("wrote {}", path.display());
    }
}

/// The inputs in the order the report lists them: the page corpora, then aceb-dev's inputs.
fn keys(pages: &[Page]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for p in pages {
        let key = p.key();
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Prints, per input, the F1 / P / R of the pages as `scored` says they came out, beside the
/// raw input's and the C4 line rules', and how many pages lost more than half their gold.
fn report(pages: &[Page], keys: &[String], scored: &[(usize, eval::Counts, bool)]) {
    println!(
        "{:<24} {:>5} {:>6} {:>6} {:>20} {:>10}",
        "input", "pages", "raw", "C4", "page F1 / P / R", "lost half"
    );
    for key in keys {
        let rows: Vec<&(usize, eval::Counts, bool)> =
            scored.iter().filter(|(i, _, _)| &pages[*i].key() == key).collect();
        if rows.is_empty() {
            continue;
        }
        let raw = eval::score(&rows.iter().map(|(i, _, _)| pages[*i].raw).collect::<Vec<_>>());
        let c4 = eval::score(&rows.iter().map(|(i, _, _)| pages[*i].c4).collect::<Vec<_>>());
        let s = eval::score(&rows.iter().map(|(_, c, _)| *c).collect::<Vec<_>>());
        let lost = rows.iter().filter(|(_, _, l)| *l).count();
        let mark = if s.f1 + 1e-9 < c4.f1 { " below C4" } else { "" };
        println!(
            "{key:<24} {:>5} {:>6.3} {:>6.3} {:>8.3} {:.3} {:.3} {:>5} ({:.1}%){mark}",
            rows.len(),
            raw.f1,
            c4.f1,
            s.f1,
            s.precision,
            s.recall,
            lost,
            100.0 * lost as f64 / rows.len() as f64
        );
    }
}

fn read(path: &Path) -> Corpus {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    eval::parse_corpus(&path.display().to_string(), &text).expect("a benchmark file")
}

/// A corpus: its name, its gold, and its inputs (name, texts), the whole-page text first.
type Set = (String, Corpus, Vec<(String, Corpus)>);

/// The page corpora under `pages/`, in the order the report lists them.
const PAGE_SETS: [&str; 4] = ["dragnet-train", "cleaneval-dev", "readability-tests", "cleanportaleval"];

/// Reads every input of every corpus, runs the rules (all of the page profile but the
/// classifier), groups the pages by site and deals the groups to `folds` folds.
fn load(dir: &Path, folds: usize, by_page: bool) -> Vec<Page> {
    let options =
        Options { profile: Profile::Page, ignore: vec!["page-boilerplate".into()], ..Options::default() };
    let cleaner = Cleaner::new(&options).expect("built-in rules compile");
    // Every corpus with its gold and inputs, and the site of each page where known.
    let mut sets: Vec<Set> = Vec::new();
    let mut sites: HashMap<(String, String), String> = HashMap::new();
    for set in PAGE_SETS {
        let at = dir.join("pages").join(set);
        let inputs = vec![("html-text".to_owned(), read(&at.join("output/html-text.json")))];
        sets.push((set.to_owned(), read(&at.join("ground-truth.json")), inputs));
    }
    let aceb = dir.join("aceb-dev");
    let mut files: Vec<PathBuf> = std::fs::read_dir(aceb.join("output"))
        .expect("aceb-dev has an output folder")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    // html-text first: its texts are the ones the site groups are found in.
    files.sort_by_key(|f| (!f.ends_with("html-text.json"), f.clone()));
    let inputs = files
        .iter()
        .map(|f| (f.file_stem().and_then(|s| s.to_str()).expect("UTF-8 name").to_owned(), read(f)))
        .collect();
    let truth = std::fs::read_to_string(aceb.join("ground-truth.json")).expect("aceb-dev gold");
    let urls: BTreeMap<String, serde_json::Value> = serde_json::from_str(&truth).expect("gold JSON");
    for (id, page) in &urls {
        let url = page["url"].as_str().unwrap_or_default();
        let host = url.split("//").nth(1).unwrap_or(url).split('/').next().unwrap_or_default();
        sites.insert(("aceb-dev".into(), id.clone()), host.trim_start_matches("www.").to_owned());
    }
    sets.push(("aceb-dev".into(), read(&aceb.join("ground-truth.json")), inputs));

    let mut pages = Vec::new();
    let mut group_names: Vec<String> = Vec::new();
    for (corpus, gold, inputs) in &sets {
        let templates = template_groups(gold, &inputs[0].1);
        for (input, texts) in inputs {
            for (id, gold_text) in gold {
                let site = sites.get(&(corpus.clone(), id.clone())).map_or_else(
                    || if by_page { format!("{corpus}/{id}") } else { format!("{corpus}#{}", templates[id]) },
                    Clone::clone,
                );
                let group = group_names.iter().position(|g| *g == site).unwrap_or_else(|| {
                    group_names.push(site);
                    group_names.len() - 1
                });
                let text = texts.get(id).cloned().unwrap_or_default();
                pages.push(prepare(&cleaner, corpus, input, group, text, gold_text));
            }
        }
    }
    deal(&mut pages, folds);
    pages
}

/// Groups the pages of one corpus whose `texts` share three or more boilerplate lines of 30
/// characters or more (lines outside the page's gold, found on 2 to 40 pages): the pages of
/// one site, as far as the text tells. Returns each page's group, numbered by its first page.
fn template_groups(gold: &Corpus, texts: &Corpus) -> BTreeMap<String, usize> {
    let ids: Vec<&String> = gold.keys().collect();
    let mut pages_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, id) in ids.iter().enumerate() {
        let text = texts.get(*id).map_or("", String::as_str);
        let mut lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| l.chars().count() >= 30 && !gold[*id].contains(l))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        for line in lines {
            pages_of.entry(line).or_default().push(k);
        }
    }
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for pages in pages_of.values().filter(|p| (2..=40).contains(&p.len())) {
        for &other in &pages[1..] {
            *shared.entry((pages[0], other)).or_default() += 1;
        }
    }
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    for (&(a, b), &n) in &shared {
        if n >= 3 {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    ids.iter().enumerate().map(|(k, id)| ((*id).clone(), root(&mut parent, k))).collect()
}

/// Deals whole site groups to folds, largest first, each to the fold with the fewest texts so
/// far: balanced folds, no site in two of them, the same folds on every run.
fn deal(pages: &mut [Page], folds: usize) {
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for p in pages.iter() {
        *sizes.entry(p.group).or_default() += 1;
    }
    let mut order: Vec<(usize, usize)> = sizes.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut load = vec![0; folds];
    let mut fold_of: HashMap<usize, usize> = HashMap::new();
    for (group, size) in order {
        let k = (0..folds).min_by_key(|&k| (load[k], k)).unwrap_or(0);
        load[k] += size;
        fold_of.insert(group, k);
    }
    for p in pages.iter_mut() {
        p.fold = fold_of[&p.group];
    }
}

fn prepare(
    cleaner: &Cleaner,
    corpus: &str,
    input: &str,
    group: usize,
    text: String,
    gold_text: &str,
) -> Page {
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
    let raw = eval::counts(gold_text, &text);
    let c4 = eval::counts(gold_text, &eval::c4_lines(&text));
    Page {
        corpus: corpus.to_owned(),
        input: input.to_owned(),
        group,
        fold: 0,
        text,
        gold: gold_text.to_owned(),
        rules,
        removed,
        labels,
        weights,
        gated,
        line,
        gold_before,
        raw,
        c4,
    }
}

fn marks(page: &Page) -> Marks<'_> {
    Marks::new(page.rules.iter().map(|r| r.as_deref()).collect())
}

/// What each page of a corpus weighs, so that each corpus of `pages` weighs the same: one
/// over the number of its pages the classifier looks at.
fn page_weights(pages: &[&Page]) -> HashMap<String, f64> {
    let mut n: HashMap<String, f64> = HashMap::new();
    for p in pages.iter().filter(|p| p.gated) {
        *n.entry(p.corpus.clone()).or_default() += 1.0;
    }
    n.into_iter().map(|(c, k)| (c, 1.0 / k)).collect()
}

/// A forest fitted on the labelled candidate lines of the pages the classifier looks at, the
/// inputs of each page's lines (`None` for lines that are not candidates) given by `inputs`
/// from the page's place in `pages`.
fn fit_forest<const N: usize>(
    pages: &[&Page],
    inputs: impl Fn(usize, &Page) -> Vec<Option<[f32; N]>>,
    params: &gbdt::Params,
) -> gbdt::Fitted {
    let weigh = page_weights(pages);
    let (mut x, mut y, mut w) = (Vec::new(), Vec::new(), Vec::new());
    for (at, page) in pages.iter().enumerate().filter(|(_, p)| p.gated) {
        for (i, row) in inputs(at, page).into_iter().enumerate() {
            if let (Some(row), Some(label)) = (row, page.labels[i]) {
                x.extend_from_slice(&row);
                y.push(label);
                w.push((page.weights[i] * weigh[&page.corpus]) as f32);
            }
        }
    }
    gbdt::fit(&x, N, &y, &w, params)
}

/// The line model.
fn fit_trees(pages: &[&Page]) -> gbdt::Fitted {
    fit_forest(
        pages,
        |_, page| page.line.iter().map(|f| f.as_ref().map(Features::inputs)).collect(),
        &tree_params(),
    )
}

/// The boosting settings of the line model.
fn tree_params() -> gbdt::Params {
    gbdt::Params { rounds: 60, learning_rate: 0.15, max_depth: 5, ..gbdt::Params::default() }
}

/// The context model, fitted on each page's line probabilities `p1` (scores of pages the line
/// model was not fitted on).
fn fit_context(pages: &[&Page], p1: &[&[Option<f64>]]) -> gbdt::Fitted {
    let inputs = |at: usize, page: &Page| {
        let doc = Document::new(&page.text);
        let context = page::context_features(&doc, &marks(page), &page.line, p1[at]);
        context.iter().map(|c| c.as_ref().map(Context::inputs)).collect()
    };
    fit_forest(pages, inputs, &context_params())
}

/// The boosting settings of the context model.
fn context_params() -> gbdt::Params {
    gbdt::Params { rounds: 40, learning_rate: 0.15, max_depth: 4, ..gbdt::Params::default() }
}

/// A fitted classifier: the line model's and the context model's trees, the threshold and the
/// main run's share of it.
struct Fitted {
    trees: gbdt::Fitted,
    context: gbdt::Fitted,
    decision: Decision,
}

impl Fitted {
    /// The classifier as the library runs it.
    fn model(&self) -> Model<'_> {
        Model::new(self.trees.forest(), self.context.forest(), self.decision)
            .expect("fitted forests are well formed")
    }
}

/// The shares of the threshold a line of the main run needs, and the costs of a switch
/// between kept and removed lines, tried with every threshold.
/// (A wider grid chose settings that differed from fold to fold and scored no better held out.)
const RUN_SHARES: [f64; 2] = [0.5, 1.0];
const SWITCHES: [f64; 2] = [0.0, 1.0];

/// How many inner folds give the context model line scores of pages the line model did not
/// see, and the threshold scores of pages neither model saw.
const INNER: usize = 3;

/// Fits the line model, the context model (on out-of-fold line scores, so that it learns how
/// far to trust the line model on pages it has not seen), the threshold and the main run's
/// share of it (on out-of-fold scores of both) on `pages`.
fn fit(pages: &[&Page]) -> Fitted {
    let inner = |p: &Page| p.group % INNER;
    let mut p1: Vec<Vec<Option<f64>>> = pages.iter().map(|p| vec![None; p.line.len()]).collect();
    for k in 0..INNER {
        let train: Vec<&Page> = pages.iter().filter(|p| inner(p) != k).copied().collect();
        let trees = fit_trees(&train);
        let forest = trees.forest();
        for (at, page) in pages.iter().enumerate().filter(|(_, p)| inner(p) == k && p.gated) {
            p1[at] = page
                .line
                .iter()
                .map(|x| x.as_ref().map(|x| f64::from(forest.probability(&x.inputs()))))
                .collect();
        }
    }
    let trees = fit_trees(pages);
    let contexts: Vec<gbdt::Fitted> = (0..INNER)
        .map(|k| {
            let (train, p1): (Vec<&Page>, Vec<&[Option<f64>]>) =
                pages.iter().zip(&p1).filter(|(p, _)| inner(p) != k).map(|(p, s)| (*p, s.as_slice())).unzip();
            fit_context(&train, &p1)
        })
        .collect();
    let all_p1: Vec<&[Option<f64>]> = p1.iter().map(Vec::as_slice).collect();
    let context = fit_context(pages, &all_p1);
    let start = Decision { threshold: 0.5, run_share: 0.5, switch: 0.0 };
    let mut fitted = Fitted { trees, context, decision: start };
    // The threshold that maximises the mean F1 of the corpora, each pooled over its inputs,
    // on the out-of-fold scores.
    let mut names: Vec<&str> = pages.iter().map(|p| p.corpus.as_str()).collect();
    names.dedup();
    // Pages the classifier does not look at score the same whatever the threshold.
    let fixed: Vec<Option<eval::Counts>> = pages
        .iter()
        .map(|p| (!p.gated).then(|| eval::counts(&p.gold, &kept(p, std::iter::empty()))))
        .collect();
    let models: Vec<Model> = contexts
        .iter()
        .map(|c| {
            Model::new(fitted.trees.forest(), c.forest(), start).expect("fitted forests are well formed")
        })
        .collect();
    let scores: Vec<Option<page::Scores>> = pages
        .iter()
        .zip(&p1)
        .map(|(p, p1)| {
            let doc = Document::new(&p.text);
            let m = marks(p);
            (p.gated && page::looks_like_page(&doc, &m))
                .then(|| page::score_given(&doc, &m, &models[inner(p)], p1))
        })
        .collect();
    // Each page's counts at every (share, threshold), on both cores; pages whose verdicts do
    // not change between two settings are scored once.
    let settings: Vec<Decision> = SWITCHES
        .iter()
        .flat_map(|&switch| RUN_SHARES.iter().map(move |&run_share| (switch, run_share)))
        .flat_map(|(switch, run_share)| {
            (2..=35).map(move |step| Decision { threshold: f64::from(step) / 50.0, run_share, switch })
        })
        .collect();
    let half = pages.len() / 2;
    let run = |range: std::ops::Range<usize>| {
        range
            .map(|at| match fixed[at] {
                Some(c) => vec![c; settings.len()],
                None => {
                    let mut seen: HashMap<Vec<usize>, eval::Counts> = HashMap::new();
                    settings
                        .iter()
                        .map(|decision| {
                            decided_counts_with(pages[at], scores[at].as_ref(), decision, &mut seen)
                        })
                        .collect()
                }
            })
            .collect::<Vec<_>>()
    };
    let table: Vec<Vec<eval::Counts>> = std::thread::scope(|scope| {
        let first = scope.spawn(|| run(0..half));
        let mut rest = run(half..pages.len());
        let mut all = first.join().expect("the scoring thread does not panic");
        all.append(&mut rest);
        all
    });
    let mut best = (f64::MIN, start);
    for (k, decision) in settings.iter().enumerate() {
        let f1: f64 = names
            .iter()
            .map(|name| {
                let counts: Vec<eval::Counts> =
                    pages.iter().zip(&table).filter(|(p, _)| p.corpus == *name).map(|(_, t)| t[k]).collect();
                eval::score(&counts).f1
            })
            .sum();
        if f1 > best.0 + 1e-9 {
            best = (f1, *decision);
        }
    }
    drop(scores);
    drop(models);
    fitted.decision = best.1;
    fitted
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
fn page_counts(model: &Model<'_>, page: &Page) -> (eval::Counts, bool) {
    let scores = page::score(&Document::new(&page.text), &marks(page), model);
    decided_counts(page, scores.as_ref(), &model.decision)
}

/// [`decided_counts`], remembering in `seen` the counts of each set of removed lines.
fn decided_counts_with(
    page: &Page,
    scores: Option<&page::Scores>,
    decision: &Decision,
    seen: &mut HashMap<Vec<usize>, eval::Counts>,
) -> eval::Counts {
    let doc = Document::new(&page.text);
    let verdicts = scores.map_or_else(Vec::new, |s| page::decide(&doc, s, decision).0);
    let removed: Vec<usize> = verdicts.iter().filter(|v| v.remove).map(|v| v.index).collect();
    if let Some(c) = seen.get(&removed) {
        return *c;
    }
    let cut = removed.iter().map(|&i| doc.lines[i].range());
    let counts = eval::counts(&page.gold, &kept(page, cut));
    seen.insert(removed, counts);
    counts
}

fn decided_counts(page: &Page, scores: Option<&page::Scores>, decision: &Decision) -> (eval::Counts, bool) {
    let doc = Document::new(&page.text);
    let verdicts = scores.map_or_else(Vec::new, |s| page::decide(&doc, s, decision).0);
    let cut = verdicts.iter().filter(|v| v.remove).map(|v| doc.lines[v.index].range());
    let after = eval::counts(&page.gold, &kept(page, cut));
    (after, page.gold_before > 0 && after.tp * 2 < page.gold_before)
}

/// The source of `src/page/weights.rs` for `fitted`: both forests as statics (every number
/// written so that it reads back bit for bit), the threshold and the main run's share of it.
fn render(fitted: &Fitted) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "//! The fitted page classifier. Generated: do not edit by hand.");
    let _ =
        writeln!(out, "//! Regenerate with `cargo run --release --example train-page -- ../shared/bench`.");
    let _ = writeln!(
        out,
        "\n#![allow(clippy::approx_constant, reason = \"fitted thresholds, which may fall near a constant\")]"
    );
    let _ = writeln!(out, "\nuse super::{{Decision, Model}};\n");
    out.push_str(&gbdt::render(&fitted.trees, "LINE"));
    out.push('\n');
    out.push_str(&gbdt::render(&fitted.context, "CONTEXT"));
    let _ = writeln!(
        out,
        "\n/// The classifier: the two forests and how their scores become verdicts.\n#[rustfmt::skip]\npub(super) fn model() -> Model<'static> {{\n    let decision = Decision {{ threshold: {:?}, run_share: {:?}, switch: {:?} }};\n    Model::new(LINE, CONTEXT, decision).expect(\"the fitted forests are well formed\")\n}}",
        fitted.decision.threshold, fitted.decision.run_share, fitted.decision.switch
    );
    out
}
