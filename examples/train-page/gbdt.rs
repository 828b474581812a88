//! Gradient-boosted decision trees for binary classification: the fitting side of
//! [`dechaff::page::trees`], which evaluates what this fits.
//!
//! **Algorithm.** Histogram-based gradient boosting with the logistic loss, as in LightGBM and
//! XGBoost's `hist` method. Each feature is first quantised into at most [`Params::max_bins`]
//! bins by the quantiles of the training rows (a value taking many rows gets a bin of its own);
//! a cut between two bins lies halfway between the largest value below it and the smallest above
//! it, and it becomes the split's threshold, so that inference sends `x[f] <= threshold` left
//! exactly as the fit sent that bin left. The margin starts at the log-odds of the weighted
//! positive share. Each round computes every row's gradient `g = w (p - y)` and hessian
//! `h = w p (1 - p)` and grows one tree on them.
//!
//! Trees grow **depth-wise**: every node above [`Params::max_depth`] is split by the bin cut of
//! largest gain `½ [G_L² / (H_L + λ) + G_R² / (H_R + λ) - G² / (H + λ)]` (XGBoost's gain) over
//! the features sampled for the tree, provided both children keep a hessian sum of at least
//! [`Params::min_child_weight`] and the gain exceeds [`Params::min_gain`]; otherwise the node
//! becomes a leaf of value `-η G / (H + λ)`. Every node keeps the row indices it holds, and only
//! the smaller child's histograms are built from its rows: the larger child's are the parent's
//! minus the smaller's. An internal node's value is the hessian-weighted mean of its children's,
//! which [`Forest::contributions`] needs for path attribution.
//!
//! **Sampling.** Each tree sees a random share [`Params::subsample`] of the rows (drawn per row)
//! and of the features ([`Params::colsample`], drawn per tree), from a seeded SplitMix64
//! generator. The margins of all rows are updated after every tree.
//!
//! **Weights.** Rows weigh as the caller says, relative to each other: the weights are rescaled
//! to average 1 over the rows of positive weight, so [`Params::min_child_weight`] and
//! [`Params::lambda`] mean what they would without weights. A row of weight 0 is dropped before
//! anything else, so it has no influence at all (not on the bins, nor on the random draws).
//!
//! **Determinism.** The same data and parameters give bit-identical forests, whatever
//! [`Params::threads`] is: threads split the work by feature (histograms, bins) or by row
//! (margins), and every sum is taken in the same order as with one thread.

use std::fmt::Write as _;
use std::thread;

use dechaff::page::trees::{Forest, Node};

/// How to fit a forest.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Boosting rounds, one tree each. Default 200.
    pub rounds: usize,
    /// The shrinkage `η` applied to every leaf value. Default 0.1.
    pub learning_rate: f64,
    /// The depth of the deepest leaf (0 makes every tree a single leaf). Default 6.
    pub max_depth: usize,
    /// The least hessian sum (weighted `p (1 - p)`, weights averaging 1) a child may hold.
    /// Default 1.0.
    pub min_child_weight: f64,
    /// The L2 penalty `λ` on leaf values. Default 1.0.
    pub lambda: f64,
    /// The least gain (as defined in the module comment) a split must bring, XGBoost's `γ`.
    /// Default 0.0.
    pub min_gain: f64,
    /// The share of rows each tree is grown on, in (0, 1]. Default 0.8.
    pub subsample: f64,
    /// The share of features each tree may split on, in (0, 1]; at least one is kept.
    /// Default 0.8.
    pub colsample: f64,
    /// The most bins a feature is quantised into, 2 to 256. Default 255.
    pub max_bins: usize,
    /// The seed of the row and feature sampling. Default 0.
    pub seed: u64,
    /// How many threads to use; 0 means as many as the machine has. Does not change the result.
    /// Default 0.
    pub threads: usize,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            rounds: 200,
            learning_rate: 0.1,
            max_depth: 6,
            min_child_weight: 1.0,
            lambda: 1.0,
            min_gain: 0.0,
            subsample: 0.8,
            colsample: 0.8,
            max_bins: 255,
            seed: 0,
            threads: 0,
        }
    }
}

/// A fitted forest, in the node layout of [`Forest`], with what the fit learned about each node.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// How many features a row has.
    pub n_features: usize,
    /// The margin before any tree.
    pub base: f32,
    /// The index in `nodes` of each tree's root.
    pub roots: Vec<u32>,
    /// The nodes of all trees (see [`Forest::nodes`]).
    pub nodes: Vec<Node>,
    /// Per node: the gain of its split (0 for a leaf).
    pub gains: Vec<f64>,
    /// Per node: the hessian sum of the training rows it held (its cover).
    pub covers: Vec<f64>,
}

impl Fitted {
    /// The forest, borrowed, for inference.
    pub fn forest(&self) -> Forest<'_> {
        Forest { base: self.base, roots: &self.roots, nodes: &self.nodes }
    }
}

/// The total split gain of each feature over all trees (feature importance), indexed by feature.
pub fn feature_gain(fitted: &Fitted) -> Vec<f64> {
    let mut total = vec![0.0; fitted.n_features];
    for (node, gain) in fitted.nodes.iter().zip(&fitted.gains) {
        if !node.is_leaf() {
            total[usize::from(node.feature)] += gain;
        }
    }
    total
}

/// Rust source defining the forest as `pub(super) static <name>: super::trees::Forest<'static>`,
/// to be included in a module of `src/page/` (the parent of `trees`). Every float is written so
/// that it reads back as the same `f32`.
pub fn render(fitted: &Fitted, name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/// A forest of {} trees ({} nodes) over {} features.",
        fitted.roots.len(),
        fitted.nodes.len(),
        fitted.n_features
    );
    let _ = writeln!(out, "#[rustfmt::skip]");
    let _ = writeln!(out, "pub(super) static {name}: super::trees::Forest<'static> = {{");
    let _ = writeln!(out, "    use super::trees::{{Forest, Node}};");
    let _ = writeln!(out, "    Forest {{");
    let _ = writeln!(out, "        base: {:?},", fitted.base);
    let _ = writeln!(out, "        roots: &[");
    for chunk in fitted.roots.chunks(16) {
        let line: Vec<String> = chunk.iter().map(u32::to_string).collect();
        let _ = writeln!(out, "            {},", line.join(", "));
    }
    let _ = writeln!(out, "        ],");
    let _ = writeln!(out, "        nodes: &[");
    for node in &fitted.nodes {
        if node.is_leaf() {
            let _ = writeln!(out, "            Node::leaf({:?}),", node.value);
        } else {
            let _ = writeln!(
                out,
                "            Node::split({}, {:?}, {}, {}, {:?}),",
                node.feature, node.threshold, node.left, node.right, node.value
            );
        }
    }
    let _ = writeln!(out, "        ],");
    let _ = writeln!(out, "    }}");
    let _ = writeln!(out, "}};");
    out
}

/// Fits a forest on `y.len()` rows of `n_features` features each, stored row after row in `x`,
/// with labels `y` and non-negative weights `w`.
///
/// Panics when the lengths disagree, when a value or weight is not finite or a weight is
/// negative, when no row has a positive weight, or when a parameter is out of range.
pub fn fit(x: &[f32], n_features: usize, y: &[bool], w: &[f32], params: &Params) -> Fitted {
    fit_with_margins(x, n_features, y, w, params).0
}

/// [`fit`], also returning the fit's own margins of the rows of positive weight (for tests).
fn fit_with_margins(
    x: &[f32],
    n_features: usize,
    y: &[bool],
    w: &[f32],
    params: &Params,
) -> (Fitted, Vec<f64>) {
    check(x, n_features, y, w, params);
    let threads = match params.threads {
        0 => thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let rows: Vec<usize> = (0..y.len()).filter(|&r| w[r] > 0.0).collect();
    assert!(!rows.is_empty(), "gbdt::fit: no row has a positive weight");
    let n = rows.len();
    let scale = n as f64 / rows.iter().map(|&r| f64::from(w[r])).sum::<f64>();
    let weights: Vec<f64> = rows.iter().map(|&r| f64::from(w[r]) * scale).collect();
    let labels: Vec<f64> = rows.iter().map(|&r| if y[r] { 1.0 } else { 0.0 }).collect();
    let binned = Binned::new(x, n_features, &rows, params.max_bins.clamp(2, 256), threads);

    let positive = weights.iter().zip(&labels).map(|(w, y)| w * y).sum::<f64>() / n as f64;
    let share = positive.clamp(1e-6, 1.0 - 1e-6);
    let base = (share / (1.0 - share)).ln() as f32;

    let mut fitted = Fitted {
        n_features,
        base,
        roots: Vec::with_capacity(params.rounds),
        nodes: Vec::new(),
        gains: Vec::new(),
        covers: Vec::new(),
    };
    let mut margins = vec![f64::from(base); n];
    let mut gradients = vec![[0.0f32; 2]; n];
    let mut rng = Rng::new(params.seed);
    let mut grower = Grower::new(&binned, params, threads);
    update(&Tree::default(), &binned, &mut margins, &mut gradients, &labels, &weights, threads);
    for _ in 0..params.rounds {
        let features = sample_features(&mut rng, n_features, params.colsample);
        let sample: Vec<u32> = if params.subsample < 1.0 {
            (0..n as u32).filter(|_| rng.unit() < params.subsample).collect()
        } else {
            (0..n as u32).collect()
        };
        let tree = grower.grow(&gradients, &features, sample);
        update(&tree, &binned, &mut margins, &mut gradients, &labels, &weights, threads);
        tree.append_to(&mut fitted, &binned);
    }
    (fitted, margins)
}

/// Panics unless the data and parameters make sense.
fn check(x: &[f32], n_features: usize, y: &[bool], w: &[f32], params: &Params) {
    assert!(n_features > 0 && n_features <= usize::from(u16::MAX), "gbdt::fit: 1 to 65535 features");
    assert_eq!(x.len(), y.len() * n_features, "gbdt::fit: x must hold n_features values per label");
    assert_eq!(w.len(), y.len(), "gbdt::fit: one weight per label");
    assert!(x.iter().all(|v| v.is_finite()), "gbdt::fit: feature values must be finite");
    assert!(w.iter().all(|&v| v.is_finite() && v >= 0.0), "gbdt::fit: weights must be finite and >= 0");
    assert!(params.learning_rate > 0.0 && params.learning_rate.is_finite(), "gbdt::fit: learning_rate > 0");
    assert!(
        params.lambda >= 0.0 && params.min_child_weight >= 0.0,
        "gbdt::fit: lambda, min_child_weight >= 0"
    );
    assert!(params.subsample > 0.0 && params.subsample <= 1.0, "gbdt::fit: subsample in (0, 1]");
    assert!(params.colsample > 0.0 && params.colsample <= 1.0, "gbdt::fit: colsample in (0, 1]");
    assert!(y.len() <= u32::MAX as usize, "gbdt::fit: at most 2^32 - 1 rows");
}

/// Adds `tree`'s output to every row's margin (an empty tree adds nothing), then recomputes every
/// row's gradient and hessian. `threads` split the rows.
fn update(
    tree: &Tree,
    binned: &Binned,
    margins: &mut [f64],
    gradients: &mut [[f32; 2]],
    labels: &[f64],
    weights: &[f64],
    threads: usize,
) {
    let chunk = margins.len().div_ceil(threads.max(1)).max(1);
    let work = |start: usize, margins: &mut [f64], gradients: &mut [[f32; 2]]| {
        for (i, (margin, gradient)) in margins.iter_mut().zip(gradients.iter_mut()).enumerate() {
            let row = start + i;
            if !tree.nodes.is_empty() {
                *margin += tree.output(binned.row(row));
            }
            let p = 1.0 / (1.0 + (-*margin).exp());
            let w = weights[row];
            *gradient = [(w * (p - labels[row])) as f32, (w * p * (1.0 - p)) as f32];
        }
    };
    if threads <= 1 {
        work(0, margins, gradients);
        return;
    }
    thread::scope(|scope| {
        let parts = margins.chunks_mut(chunk).zip(gradients.chunks_mut(chunk)).enumerate();
        for (k, (margins, gradients)) in parts {
            let work = &work;
            scope.spawn(move || work(k * chunk, margins, gradients));
        }
    });
}

/// Picks the features a tree may split on, in increasing order.
fn sample_features(rng: &mut Rng, n_features: usize, share: f64) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n_features).collect();
    if share >= 1.0 {
        return all;
    }
    let keep = ((share * n_features as f64).round() as usize).clamp(1, n_features);
    for i in 0..keep {
        let j = i + rng.below(n_features - i);
        all.swap(i, j);
    }
    all.truncate(keep);
    all.sort_unstable();
    all
}

/// The training rows quantised: each value replaced by the index of its bin.
struct Binned {
    n_features: usize,
    /// Row after row, `n_features` bin indices each.
    bins: Vec<u8>,
    /// Per feature: the cuts between its bins, increasing; bin `b` holds the values `v` with
    /// `cuts[b - 1] < v <= cuts[b]`.
    cuts: Vec<Vec<f32>>,
}

impl Binned {
    /// Quantises the rows `rows` of `x`.
    fn new(x: &[f32], n_features: usize, rows: &[usize], max_bins: usize, threads: usize) -> Binned {
        let features: Vec<usize> = (0..n_features).collect();
        let per_thread = n_features.div_ceil(threads.max(1));
        let cuts: Vec<Vec<f32>> = thread::scope(|scope| {
            let handles: Vec<_> = features
                .chunks(per_thread)
                .map(|chunk| {
                    scope.spawn(move || {
                        let mut values = Vec::with_capacity(rows.len());
                        chunk
                            .iter()
                            .map(|&f| {
                                values.clear();
                                values.extend(rows.iter().map(|&r| x[r * n_features + f]));
                                quantile_cuts(&mut values, max_bins)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("a binning thread panicked")).collect()
        });

        let mut bins = vec![0u8; rows.len() * n_features];
        let rows_per_thread = rows.len().div_ceil(threads.max(1)).max(1);
        thread::scope(|scope| {
            for (part, bins) in
                rows.chunks(rows_per_thread).zip(bins.chunks_mut(rows_per_thread * n_features))
            {
                let cuts = &cuts;
                scope.spawn(move || {
                    for (&r, out) in part.iter().zip(bins.chunks_exact_mut(n_features)) {
                        let values = &x[r * n_features..(r + 1) * n_features];
                        for ((out, &v), cuts) in out.iter_mut().zip(values).zip(cuts) {
                            *out = cuts.partition_point(|&t| t < v) as u8;
                        }
                    }
                });
            }
        });
        Binned { n_features, bins, cuts }
    }

    /// The bins of row `row`.
    fn row(&self, row: usize) -> &[u8] {
        &self.bins[row * self.n_features..(row + 1) * self.n_features]
    }
}

/// The cuts quantising `values` into at most `max_bins` bins of about equal row counts; a value
/// held by a bin's worth of rows or more gets a bin of its own. Sorts `values`.
fn quantile_cuts(values: &mut [f32], max_bins: usize) -> Vec<f32> {
    values.sort_unstable_by(f32::total_cmp);
    // Distinct values (`-0.0` and `0.0` are one) and how many rows hold each.
    let mut distinct: Vec<(f32, usize)> = Vec::new();
    for &v in values.iter() {
        match distinct.last_mut() {
            Some((last, count)) if *last == v => *count += 1,
            _ => distinct.push((v, 1)),
        }
    }
    let mut cuts = Vec::new();
    if distinct.len() <= max_bins {
        cuts.extend(distinct.windows(2).map(|pair| midpoint(pair[0].0, pair[1].0)));
        return cuts;
    }
    let mut rest = values.len() as f64;
    let mut held = 0usize;
    for pair in distinct.windows(2) {
        held += pair[0].1;
        let target = rest / (max_bins - cuts.len()) as f64;
        if held as f64 >= target || pair[1].1 as f64 >= target {
            cuts.push(midpoint(pair[0].0, pair[1].0));
            rest -= held as f64;
            held = 0;
            if cuts.len() + 1 == max_bins {
                break;
            }
        }
    }
    cuts
}

/// A threshold `t` with `below <= t < above`, halfway between them when `f32` allows.
fn midpoint(below: f32, above: f32) -> f32 {
    let mid = ((f64::from(below) + f64::from(above)) / 2.0) as f32;
    if mid >= below && mid < above {
        mid
    } else {
        below
    }
}

/// A node of a tree being grown, in bins rather than thresholds.
#[derive(Clone, Debug, Default)]
struct Grown {
    /// `None` for a leaf; else the feature, the last bin going left, and the two children.
    split: Option<(usize, u8, usize, usize)>,
    value: f64,
    cover: f64,
    gain: f64,
}

/// A tree being grown; node 0 is the root and children come after their parent.
#[derive(Clone, Debug, Default)]
struct Tree {
    nodes: Vec<Grown>,
}

impl Tree {
    /// The tree's output for a row of bins.
    fn output(&self, bins: &[u8]) -> f64 {
        let mut i = 0;
        while let Some((feature, bin, left, right)) = self.nodes[i].split {
            i = if bins[feature] <= bin { left } else { right };
        }
        self.nodes[i].value
    }

    /// Appends the tree to the forest, turning bins into thresholds.
    fn append_to(&self, fitted: &mut Fitted, binned: &Binned) {
        let offset = fitted.nodes.len();
        let index = |i: usize| u32::try_from(offset + i).expect("gbdt: more than 2^32 nodes");
        fitted.roots.push(index(0));
        for node in &self.nodes {
            fitted.nodes.push(match node.split {
                None => Node::leaf(node.value as f32),
                Some((feature, bin, left, right)) => Node::split(
                    feature as u16,
                    binned.cuts[feature][usize::from(bin)],
                    index(left),
                    index(right),
                    node.value as f32,
                ),
            });
            fitted.gains.push(node.gain);
            fitted.covers.push(node.cover);
        }
    }
}

/// Gradient and hessian sums per bin of one feature.
type Bins = [[f64; 2]; 256];

/// The best split found for a node.
struct Split {
    /// The index in the tree's feature sample.
    slot: usize,
    /// The last bin going left.
    bin: u8,
    gain: f64,
    /// The left child's gradient and hessian sums.
    left: [f64; 2],
}

/// A node waiting to be split or made a leaf.
struct Pending {
    node: usize,
    /// Its rows: `rows[start..end]` of the grower.
    start: usize,
    end: usize,
    depth: usize,
    sums: [f64; 2],
    /// One histogram per sampled feature.
    histograms: Vec<Bins>,
}

/// Grows trees; keeps buffers from one tree to the next.
struct Grower<'a> {
    binned: &'a Binned,
    params: &'a Params,
    threads: usize,
    /// The least hessian sum of a child (never quite 0, so no division by 0 and no empty child).
    min_hessian: f64,
    /// Row indices, partitioned node by node.
    rows: Vec<u32>,
    scratch: Vec<u32>,
    /// Histogram buffers no node holds now.
    spare: Vec<Vec<Bins>>,
}

impl<'a> Grower<'a> {
    fn new(binned: &'a Binned, params: &'a Params, threads: usize) -> Grower<'a> {
        Grower {
            binned,
            params,
            threads,
            min_hessian: params.min_child_weight.max(1e-6),
            rows: Vec::new(),
            scratch: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Grows one tree on the rows `sample` (increasing) and the features `features`.
    fn grow(&mut self, gradients: &[[f32; 2]], features: &[usize], sample: Vec<u32>) -> Tree {
        self.rows = sample;
        let mut sums = [0.0; 2];
        for &r in &self.rows {
            let [g, h] = gradients[r as usize];
            sums[0] += f64::from(g);
            sums[1] += f64::from(h);
        }
        let mut tree = Tree { nodes: vec![Grown { cover: sums[1], ..Grown::default() }] };
        let mut histograms = self.take_buffer(features.len());
        self.build(gradients, features, 0..self.rows.len(), &mut histograms);
        let mut pending =
            vec![Pending { node: 0, start: 0, end: self.rows.len(), depth: 0, sums, histograms }];

        while let Some(task) = pending.pop() {
            let split =
                if task.depth < self.params.max_depth { self.best_split(&task, features) } else { None };
            let Some(split) = split else {
                let [g, h] = task.sums;
                let value = -self.params.learning_rate * g / (h + self.params.lambda).max(1e-12);
                // Rounded to the stored precision, so the fit's margins are the forest's.
                tree.nodes[task.node].value = f64::from(value as f32);
                self.spare.push(task.histograms);
                continue;
            };
            let feature = features[split.slot];
            let mid = self.partition(task.start..task.end, feature, split.bin);
            let right_sums = [task.sums[0] - split.left[0], task.sums[1] - split.left[1]];
            let (left, right) = (tree.nodes.len(), tree.nodes.len() + 1);
            tree.nodes.push(Grown { cover: split.left[1], ..Grown::default() });
            tree.nodes.push(Grown { cover: right_sums[1], ..Grown::default() });
            let parent = &mut tree.nodes[task.node];
            parent.split = Some((feature, split.bin, left, right));
            parent.gain = split.gain;

            // Build the smaller child's histograms; the larger child's are the parent's minus them.
            let mut small = self.take_buffer(features.len());
            let left_is_small = mid - task.start <= task.end - mid;
            let small_rows = if left_is_small { task.start..mid } else { mid..task.end };
            self.build(gradients, features, small_rows, &mut small);
            let mut large = task.histograms;
            for (large, small) in large.iter_mut().zip(&small) {
                for (l, s) in large.iter_mut().zip(small) {
                    l[0] -= s[0];
                    l[1] -= s[1];
                }
            }
            let (left_histograms, right_histograms) =
                if left_is_small { (small, large) } else { (large, small) };
            let depth = task.depth + 1;
            pending.push(Pending {
                node: right,
                start: mid,
                end: task.end,
                depth,
                sums: right_sums,
                histograms: right_histograms,
            });
            pending.push(Pending {
                node: left,
                start: task.start,
                end: mid,
                depth,
                sums: split.left,
                histograms: left_histograms,
            });
        }

        // An internal node's value: the hessian-weighted mean of its children's (children come
        // after their parent, so a backward pass sees them first).
        for i in (0..tree.nodes.len()).rev() {
            if let Some((_, _, left, right)) = tree.nodes[i].split {
                let (l, r) = (&tree.nodes[left], &tree.nodes[right]);
                let cover = l.cover + r.cover;
                let value = if cover > 0.0 {
                    (l.cover * l.value + r.cover * r.value) / cover
                } else {
                    (l.value + r.value) / 2.0
                };
                tree.nodes[i].value = f64::from(value as f32);
            }
        }
        tree
    }

    /// A zeroed histogram buffer for `n` features.
    fn take_buffer(&mut self, n: usize) -> Vec<Bins> {
        let mut buffer = self.spare.pop().unwrap_or_default();
        buffer.clear();
        buffer.resize(n, [[0.0; 2]; 256]);
        buffer
    }

    /// Fills `histograms` (zeroed, one per sampled feature) from the rows `self.rows[range]`.
    /// Threads split the features, so every bin is summed in row order whatever their number.
    fn build(
        &self,
        gradients: &[[f32; 2]],
        features: &[usize],
        range: std::ops::Range<usize>,
        histograms: &mut [Bins],
    ) {
        let rows = &self.rows[range];
        let bins = &self.binned.bins;
        let n_features = self.binned.n_features;
        let fill = |features: &[usize], histograms: &mut [Bins]| {
            let add = |histogram: &mut Bins, bin: u8, g: f64, h: f64| {
                let sums = &mut histogram[usize::from(bin)];
                sums[0] += g;
                sums[1] += h;
            };
            let first = features.first().copied().unwrap_or(0);
            if features.iter().enumerate().all(|(k, &f)| f == first + k) {
                // A run of features (all of them when none are sampled out): no gather.
                let span = first..first + features.len();
                for &r in rows {
                    let r = r as usize;
                    let [g, h] = gradients[r];
                    let row = &bins[r * n_features..(r + 1) * n_features][span.clone()];
                    for (histogram, &bin) in histograms.iter_mut().zip(row) {
                        add(histogram, bin, f64::from(g), f64::from(h));
                    }
                }
            } else {
                for &r in rows {
                    let r = r as usize;
                    let [g, h] = gradients[r];
                    let row = &bins[r * n_features..(r + 1) * n_features];
                    for (histogram, &f) in histograms.iter_mut().zip(features) {
                        add(histogram, row[f], f64::from(g), f64::from(h));
                    }
                }
            }
        };
        let threads = self.threads.min(features.len());
        if threads <= 1 || rows.len() < 4096 {
            fill(features, histograms);
            return;
        }
        let per_thread = features.len().div_ceil(threads);
        thread::scope(|scope| {
            for (features, histograms) in features.chunks(per_thread).zip(histograms.chunks_mut(per_thread)) {
                let fill = &fill;
                scope.spawn(move || fill(features, histograms));
            }
        });
    }

    /// The split of largest gain for `task`, if any passes the constraints.
    fn best_split(&self, task: &Pending, features: &[usize]) -> Option<Split> {
        let Params { lambda, min_gain, .. } = *self.params;
        let [g, h] = task.sums;
        let parent = g * g / (h + lambda);
        let mut best: Option<Split> = None;
        for (slot, (histogram, &feature)) in task.histograms.iter().zip(features).enumerate() {
            let n_bins = self.binned.cuts[feature].len() + 1;
            let mut left = [0.0; 2];
            for (bin, sums) in histogram[..n_bins - 1].iter().enumerate() {
                left[0] += sums[0];
                left[1] += sums[1];
                let right = [g - left[0], h - left[1]];
                if left[1] < self.min_hessian || right[1] < self.min_hessian {
                    continue;
                }
                let gain = 0.5
                    * (left[0] * left[0] / (left[1] + lambda) + right[0] * right[0] / (right[1] + lambda)
                        - parent);
                if gain > min_gain && gain > 0.0 && best.as_ref().is_none_or(|b| gain > b.gain) {
                    best = Some(Split { slot, bin: bin as u8, gain, left });
                }
            }
        }
        best
    }

    /// Reorders `self.rows[range]` so the rows whose `feature` falls in a bin up to `bin` come
    /// first, keeping the order within each side; returns where the right side starts.
    fn partition(&mut self, range: std::ops::Range<usize>, feature: usize, bin: u8) -> usize {
        let (bins, n_features) = (&self.binned.bins, self.binned.n_features);
        let rows = &mut self.rows[range.clone()];
        self.scratch.clear();
        let mut kept = 0;
        for i in 0..rows.len() {
            let r = rows[i];
            if bins[r as usize * n_features + feature] <= bin {
                rows[kept] = r;
                kept += 1;
            } else {
                self.scratch.push(r);
            }
        }
        rows[kept..].copy_from_slice(&self.scratch);
        range.start + kept
    }
}

/// A small deterministic random generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` rows of `n_features` uniform values in [-1, 1].
    fn uniform(rng: &mut Rng, n: usize, n_features: usize) -> Vec<f32> {
        (0..n * n_features).map(|_| (rng.unit() * 2.0 - 1.0) as f32).collect()
    }

    fn xor(x: &[f32]) -> Vec<bool> {
        x.chunks(2).map(|r| (r[0] > 0.0) != (r[1] > 0.0)).collect()
    }

    /// Noisy data over 5 features, with ties and coarse values.
    fn noisy(n: usize, seed: u64) -> (Vec<f32>, Vec<bool>, Vec<f32>) {
        let mut rng = Rng::new(seed);
        let mut x = uniform(&mut rng, n, 5);
        for row in x.chunks_mut(5) {
            row[3] = (row[3] * 4.0).round() / 4.0;
            row[4] = if row[4] > 0.5 { -0.0 } else { 0.0 };
        }
        let y = x
            .chunks(5)
            .map(|r| r[0] + r[1] * r[2] + 0.3 * r[3] + 0.5 * (rng.unit() as f32 - 0.5) > 0.0)
            .collect();
        let w = (0..n).map(|_| (rng.unit() * 2.0) as f32).collect();
        (x, y, w)
    }

    fn small() -> Params {
        Params { rounds: 30, max_depth: 4, ..Params::default() }
    }

    #[test]
    fn learns_xor() {
        let mut rng = Rng::new(1);
        let x = uniform(&mut rng, 4000, 2);
        let y = xor(&x);
        let params = Params { rounds: 60, max_depth: 3, learning_rate: 0.3, ..Params::default() };
        let fitted = fit(&x, 2, &y, &vec![1.0; y.len()], &params);
        let test = uniform(&mut rng, 2000, 2);
        let right =
            test.chunks(2).zip(xor(&test)).filter(|(r, y)| (fitted.forest().margin(r) > 0.0) == *y).count();
        assert!(right as f64 / 2000.0 > 0.97, "{right} of 2000 right");
        assert!(fitted.forest().is_well_formed(2));
    }

    #[test]
    fn fits_are_deterministic_whatever_the_threads() {
        let (x, y, w) = noisy(20_000, 2);
        let one = fit(&x, 5, &y, &w, &Params { threads: 1, ..small() });
        let two = fit(&x, 5, &y, &w, &Params { threads: 2, ..small() });
        let again = fit(&x, 5, &y, &w, &Params { threads: 2, ..small() });
        assert_eq!(render(&one, "F"), render(&two, "F"));
        assert_eq!(render(&two, "F"), render(&again, "F"));
        let bits = |f: &Fitted| f.gains.iter().chain(&f.covers).map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one), bits(&two));
        let other = fit(&x, 5, &y, &w, &Params { seed: 1, ..small() });
        assert_ne!(render(&one, "F"), render(&other, "F"), "the seed drives the sampling");
    }

    #[test]
    fn a_row_of_weight_zero_has_no_influence() {
        let (mut x, mut y, mut w) = noisy(3000, 3);
        w[10] = 0.0;
        let base = fit(&x, 5, &y, &w, &small());
        y[10] = !y[10];
        x[50..55].copy_from_slice(&[100.0, -100.0, 7.0, 1e-3, 5.0]);
        assert_eq!(render(&base, "F"), render(&fit(&x, 5, &y, &w, &small()), "F"));
        // Removing it altogether changes nothing either, even the random draws.
        x.drain(50..55);
        y.remove(10);
        w.remove(10);
        assert_eq!(render(&base, "F"), render(&fit(&x, 5, &y, &w, &small()), "F"));
    }

    #[test]
    fn weights_shift_the_prediction() {
        // Twenty identical rows, half positive; the positive ones weigh three times as much.
        let x = vec![0.5f32; 20];
        let y: Vec<bool> = (0..20).map(|i| i % 2 == 0).collect();
        let w: Vec<f32> = y.iter().map(|&p| if p { 3.0 } else { 1.0 }).collect();
        let params = Params { rounds: 50, subsample: 1.0, min_child_weight: 0.0, ..Params::default() };
        let weighted = fit(&x, 1, &y, &w, &params).forest().probability(&[0.5]);
        let plain = fit(&x, 1, &y, &[1.0; 20], &params).forest().probability(&[0.5]);
        assert!((weighted - 0.75).abs() < 1e-3, "{weighted}");
        assert!((plain - 0.5).abs() < 1e-3, "{plain}");
    }

    #[test]
    fn the_forest_reproduces_the_fits_margins() {
        let (x, y, w) = noisy(5000, 4);
        let (fitted, margins) = fit_with_margins(&x, 5, &y, &w, &small());
        for (row, margin) in x.chunks(5).zip(&margins) {
            assert!((f64::from(fitted.forest().margin(row)) - margin).abs() < 1e-4, "{row:?}");
        }
        assert_eq!(fitted.roots.len(), 30);
    }

    #[test]
    fn contributions_sum_to_the_margin() {
        let (x, y, w) = noisy(5000, 5);
        let fitted = fit(&x, 5, &y, &w, &small());
        let forest = fitted.forest();
        let mut out = [0.0f32; 5];
        for row in x.chunks(5).take(500) {
            forest.contributions(row, &mut out);
            let sum = forest.bias() + out.iter().sum::<f32>();
            assert!((sum - forest.margin(row)).abs() < 1e-4, "{row:?}: {sum} vs {}", forest.margin(row));
        }
        let gain = feature_gain(&fitted);
        assert!(gain[0] > gain[4], "{gain:?}");
    }

    #[test]
    fn the_rendered_source_holds_the_exact_values() {
        let (x, y, w) = noisy(3000, 6);
        let fitted = fit(&x, 5, &y, &w, &small());
        let source = render(&fitted, "FOREST");
        assert!(source.contains("pub(super) static FOREST: super::trees::Forest<'static> = {"));
        let base = source.lines().find_map(|l| l.trim().strip_prefix("base: ")).unwrap();
        assert_eq!(base.trim_end_matches(',').parse::<f32>().unwrap().to_bits(), fitted.base.to_bits());
        let nodes: Vec<&str> = source.lines().filter(|l| l.contains("Node::")).collect();
        assert_eq!(nodes.len(), fitted.nodes.len());
        for (line, node) in nodes.iter().zip(&fitted.nodes) {
            let args = line.trim().split_once('(').unwrap().1.trim_end_matches("),");
            let args: Vec<&str> = args.split(", ").collect();
            if node.is_leaf() {
                assert_eq!(args[0].parse::<f32>().unwrap().to_bits(), node.value.to_bits());
            } else {
                assert_eq!(args[0].parse::<u16>().unwrap(), node.feature);
                assert_eq!(args[1].parse::<f32>().unwrap().to_bits(), node.threshold.to_bits());
                assert_eq!(args[2].parse::<u32>().unwrap(), node.left);
                assert_eq!(args[3].parse::<u32>().unwrap(), node.right);
                assert_eq!(args[4].parse::<f32>().unwrap().to_bits(), node.value.to_bits());
            }
        }
    }

    #[test]
    fn quantiles_give_heavy_values_their_own_bin() {
        let mut values: Vec<f32> = (0..1000).map(|i| if i < 600 { 0.0 } else { i as f32 }).collect();
        let cuts = quantile_cuts(&mut values, 10);
        assert!(cuts.len() <= 9, "{cuts:?}");
        assert!(cuts[0] > 0.0 && cuts[0] < 600.0, "{cuts:?}");
        assert!(cuts.windows(2).all(|p| p[0] < p[1]), "{cuts:?}");
        let mut few = vec![1.0, 2.0, 2.0, 3.0];
        assert_eq!(quantile_cuts(&mut few, 255), vec![1.5, 2.5]);
        assert_eq!(quantile_cuts(&mut [5.0; 4], 255), Vec::<f32>::new());
        assert_eq!(midpoint(1.0, 1.0f32.next_up()), 1.0);
    }

    #[test]
    fn depth_zero_gives_constant_trees() {
        let (x, y, w) = noisy(1000, 8);
        let fitted = fit(&x, 5, &y, &w, &Params { max_depth: 0, rounds: 3, ..Params::default() });
        assert_eq!(fitted.nodes.len(), 3);
        assert!(fitted.nodes.iter().all(Node::is_leaf));
        assert!(feature_gain(&fitted).iter().all(|&g| g == 0.0));
    }
}
