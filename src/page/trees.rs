//! Inference for gradient-boosted decision trees (binary classification).
//!
//! A [`Forest`] is a base log-odds plus a sum of regression trees, all stored in one flat array
//! of [`Node`]s so that generated source can define a forest as a `static` without any parsing
//! or allocation at run time. The fitting side lives in the `train-page` example (`gbdt.rs`).
//!
//! A row goes left at an internal node when `x[feature] <= threshold`. Every node, leaf or
//! internal, carries a value: a leaf its output, an internal node the hessian-weighted mean of
//! its leaves' outputs (what the node would output were it a leaf). These values let
//! [`Forest::contributions`] split a margin into per-feature parts by path attribution.

/// One node of a tree: either a split or a leaf.
///
/// A forest is well formed (see [`Forest::is_well_formed`]) when every internal node's children
/// come after it in [`Forest::nodes`], so walking down a tree always ends at a leaf. Index `0`
/// therefore is never a child, and a leaf is marked by `left == 0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    /// The feature an internal node tests (0 in a leaf).
    pub feature: u16,
    /// Rows with `x[feature] <= threshold` go left (0 in a leaf).
    pub threshold: f32,
    /// The index in [`Forest::nodes`] of the left child, or 0 in a leaf.
    pub left: u32,
    /// The index in [`Forest::nodes`] of the right child, or 0 in a leaf.
    pub right: u32,
    /// A leaf's output; an internal node's mean output (the hessian-weighted mean of its leaves).
    pub value: f32,
}

impl Node {
    /// A leaf that adds `value` to the margin.
    pub const fn leaf(value: f32) -> Node {
        Node { feature: 0, threshold: 0.0, left: 0, right: 0, value }
    }

    /// An internal node sending rows with `x[feature] <= threshold` to `left`, the rest to
    /// `right`, whose mean output is `value`.
    pub const fn split(feature: u16, threshold: f32, left: u32, right: u32, value: f32) -> Node {
        Node { feature, threshold, left, right, value }
    }

    /// Whether this node is a leaf.
    pub const fn is_leaf(&self) -> bool {
        self.left == 0
    }
}

/// A fitted forest: `margin(x) = base + Σ tree(x)`, the log-odds of the positive class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Forest<'a> {
    /// The margin before any tree (the log-odds of the training data's positive share).
    pub base: f32,
    /// The index in [`nodes`](Self::nodes) of each tree's root, in boosting order.
    pub roots: &'a [u32],
    /// The nodes of all trees; child indices point into this same array.
    pub nodes: &'a [Node],
}

impl Forest<'_> {
    /// The number of trees.
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    /// Whether the forest has no trees (its margin is the base for every row).
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// The margin (log-odds) of row `x`: the base plus every tree's leaf value.
    ///
    /// `x` must hold every feature the forest tests (a too short row panics).
    pub fn margin(&self, x: &[f32]) -> f32 {
        self.roots.iter().fold(self.base, |sum, &root| sum + self.nodes[self.leaf(root, x)].value)
    }

    /// The probability of the positive class for row `x`: the logistic function of the margin.
    pub fn probability(&self, x: &[f32]) -> f32 {
        sigmoid(self.margin(x))
    }

    /// The part of every margin that does not depend on the row: the base plus every root's
    /// value. [`contributions`](Self::contributions) add up to the margin minus this.
    pub fn bias(&self) -> f32 {
        self.roots.iter().fold(self.base, |sum, &root| sum + self.nodes[root as usize].value)
    }

    /// Splits the margin of row `x` into per-feature contributions (path attribution, after
    /// Saabas): walking each tree from its root to the row's leaf, every step adds the change of
    /// node value, `value(child) - value(node)`, to the feature the node splits on.
    ///
    /// Overwrites `out`, which must have room for every feature the forest tests; afterwards
    /// `bias() + out.iter().sum()` equals `margin(x)` up to rounding.
    pub fn contributions(&self, x: &[f32], out: &mut [f32]) {
        out.fill(0.0);
        for &root in self.roots {
            let mut i = root as usize;
            loop {
                let node = &self.nodes[i];
                if node.is_leaf() {
                    break;
                }
                let next = self.child(i, node, x);
                out[usize::from(node.feature)] += self.nodes[next].value - node.value;
                i = next;
            }
        }
    }

    /// Whether the forest is well formed for rows of `n_features` features: every root and child
    /// index lies inside [`nodes`](Self::nodes), every child comes after its parent, every tested
    /// feature is below `n_features`, and every number is finite. Only a well-formed forest is
    /// guaranteed to be evaluated without panicking (given rows of `n_features` values).
    pub fn is_well_formed(&self, n_features: usize) -> bool {
        let n = self.nodes.len();
        let roots_ok = self.roots.iter().all(|&root| (root as usize) < n);
        let nodes_ok = self.nodes.iter().enumerate().all(|(i, node)| {
            node.value.is_finite()
                && (node.is_leaf()
                    || (usize::from(node.feature) < n_features
                        && node.threshold.is_finite()
                        && [node.left, node.right].iter().all(|&c| (c as usize) > i && (c as usize) < n)))
        });
        self.base.is_finite() && roots_ok && nodes_ok
    }

    /// The number of splits on the longest path down from node `i` (of a well-formed forest),
    /// or any number above [`MAX_DEPTH`] once a path is found that is longer than that.
    fn depth(&self, i: usize) -> u32 {
        let (mut stack, mut deepest) = (vec![(i, 0)], 0);
        while let Some((i, level)) = stack.pop() {
            let node = &self.nodes[i];
            if level > MAX_DEPTH {
                return level;
            }
            if node.is_leaf() {
                deepest = deepest.max(level);
            } else {
                stack.extend([(node.left as usize, level + 1), (node.right as usize, level + 1)]);
            }
        }
        deepest
    }

    /// The index of the leaf that row `x` reaches in the tree rooted at `root`.
    fn leaf(&self, root: u32, x: &[f32]) -> usize {
        let mut i = root as usize;
        loop {
            let node = &self.nodes[i];
            if node.is_leaf() {
                return i;
            }
            i = self.child(i, node, x);
        }
    }

    /// The child of internal node `node` (at index `i`) that row `x` goes to.
    #[inline]
    fn child(&self, i: usize, node: &Node, x: &[f32]) -> usize {
        let next = if x[usize::from(node.feature)] <= node.threshold { node.left } else { node.right };
        debug_assert!(next as usize > i, "a child must come after its parent");
        next as usize
    }
}

/// The deepest tree a [`Laid`] forest takes: it stores `2^depth` leaves per tree.
pub const MAX_DEPTH: u32 = 16;

/// One split of a [`Laid`] forest: rows with `x[feature] <= threshold` go left.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Split {
    feature: u32,
    threshold: f32,
}

/// A [`Forest`] laid out for evaluation: every tree padded to a perfect binary tree of the
/// forest's depth and stored level by level (the children of split `j` are `2j + 1` and
/// `2j + 2`), so that a row walks down exactly `depth` splits, computing each step's index
/// instead of branching on it. A leaf above the full depth becomes a subtree whose leaves all
/// carry its value. Gives the same margins as the forest it was built from, bit for bit (the
/// trees are summed in the same order).
#[derive(Clone, Debug, PartialEq)]
pub struct Laid {
    base: f32,
    depth: u32,
    /// `2^depth - 1` splits per tree.
    splits: Vec<Split>,
    /// `2^depth` leaf values per tree.
    leaves: Vec<f32>,
}

impl Laid {
    /// `forest` laid out, or `None` when it is not well formed for rows of `n_features`
    /// values (see [`Forest::is_well_formed`]) or has a tree deeper than [`MAX_DEPTH`].
    pub fn new(forest: &Forest, n_features: usize) -> Option<Laid> {
        if !forest.is_well_formed(n_features) {
            return None;
        }
        let depth = forest.roots.iter().map(|&root| forest.depth(root as usize)).max().unwrap_or(0);
        if depth > MAX_DEPTH {
            return None;
        }
        let inner = (1usize << depth) - 1;
        let mut laid = Laid {
            base: forest.base,
            depth,
            splits: vec![Split { feature: 0, threshold: 0.0 }; inner * forest.len()],
            leaves: vec![0.0; (inner + 1) * forest.len()],
        };
        for (t, &root) in forest.roots.iter().enumerate() {
            let (splits, leaves) = (
                &mut laid.splits[t * inner..(t + 1) * inner],
                &mut laid.leaves[t * (inner + 1)..(t + 1) * (inner + 1)],
            );
            lay(forest, root as usize, 0, splits, leaves);
        }
        Some(laid)
    }

    /// The margin (log-odds) of row `x`, as [`Forest::margin`] gives it.
    ///
    /// `x` must hold every feature the forest tests (a too short row panics).
    pub fn margin(&self, x: &[f32]) -> f32 {
        let inner = (1usize << self.depth) - 1;
        let trees = self.leaves.len() / (inner + 1);
        let step = |tree: usize, j: usize| {
            let split = self.splits[tree * inner + j];
            // Right unless `x <= threshold`: a missing value (NaN) goes right, as in `Forest`.
            let left = x[split.feature as usize] <= split.threshold;
            2 * j + 2 - usize::from(left)
        };
        let leaf = |tree: usize, j: usize| self.leaves[tree * (inner + 1) + j - inner];
        let mut sum = self.base;
        // Four trees at a time: their walks are independent, so the processor overlaps them.
        let mut tree = 0;
        while tree + 4 <= trees {
            let mut j = [0; 4];
            for _ in 0..self.depth {
                j = [step(tree, j[0]), step(tree + 1, j[1]), step(tree + 2, j[2]), step(tree + 3, j[3])];
            }
            for (k, &j) in j.iter().enumerate() {
                sum += leaf(tree + k, j);
            }
            tree += 4;
        }
        for tree in tree..trees {
            let mut j = 0;
            for _ in 0..self.depth {
                j = step(tree, j);
            }
            sum += leaf(tree, j);
        }
        sum
    }

    /// The probability of the positive class for row `x`, as [`Forest::probability`] gives it.
    pub fn probability(&self, x: &[f32]) -> f32 {
        sigmoid(self.margin(x))
    }
}

/// Lays the subtree of `forest` at node `i` into position `j` (level-order, counted from the
/// subtree's root at 0) of a perfect tree whose splits and leaves are `splits` and `leaves`.
fn lay(forest: &Forest, i: usize, j: usize, splits: &mut [Split], leaves: &mut [f32]) {
    let inner = splits.len();
    let node = &forest.nodes[i];
    if j >= inner {
        leaves[j - inner] = node.value;
    } else if node.is_leaf() {
        // A leaf above the full depth: both sides lead to its value.
        lay(forest, i, 2 * j + 1, splits, leaves);
        lay(forest, i, 2 * j + 2, splits, leaves);
    } else {
        splits[j] = Split { feature: u32::from(node.feature), threshold: node.threshold };
        lay(forest, node.left as usize, 2 * j + 1, splits, leaves);
        lay(forest, node.right as usize, 2 * j + 2, splits, leaves);
    }
}

/// The logistic function, `1 / (1 + e^-z)`.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two trees over three features.
    ///
    /// Tree 0 (root 0): `x0 <= 0.5` ? (`x1 <= 2.0` ? 1.0 : -1.0) : 0.5, with covers 1, 1 and 2,
    /// so node 1's value is 0 and the root's is (0 * 2 + 0.5 * 2) / 4 = 0.25.
    /// Tree 1 (root 5): `x2 <= -1.0` ? -0.3 : 0.1 with covers 1 and 3, root value 0.
    const NODES: [Node; 8] = [
        Node::split(0, 0.5, 1, 2, 0.25),
        Node::split(1, 2.0, 3, 4, 0.0),
        Node::leaf(0.5),
        Node::leaf(1.0),
        Node::leaf(-1.0),
        Node::split(2, -1.0, 6, 7, 0.0),
        Node::leaf(-0.3),
        Node::leaf(0.1),
    ];
    const ROOTS: [u32; 2] = [0, 5];
    const FOREST: Forest<'static> = Forest { base: -0.2, roots: &ROOTS, nodes: &NODES };

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn the_margin_adds_the_base_and_each_trees_leaf() {
        assert!(close(FOREST.margin(&[0.0, 0.0, 0.0]), -0.2 + 1.0 + 0.1));
        assert!(close(FOREST.margin(&[0.5, 2.5, -1.0]), -0.2 - 1.0 - 0.3));
        assert!(close(FOREST.margin(&[0.6, 0.0, -5.0]), -0.2 + 0.5 - 0.3));
        assert!(close(FOREST.probability(&[0.6, 0.0, -5.0]), sigmoid(0.0)));
        assert!(close(FOREST.probability(&[0.0; 3]), 1.0 / (1.0 + (-0.9f32).exp())));
    }

    #[test]
    fn thresholds_send_equal_values_left() {
        assert!(close(FOREST.margin(&[0.5, 2.0, -1.0]), -0.2 + 1.0 - 0.3));
        assert!(close(FOREST.margin(&[0.5f32.next_up(), 2.0, (-1.0f32).next_up()]), -0.2 + 0.5 + 0.1));
    }

    #[test]
    fn contributions_follow_the_path_and_sum_to_the_margin() {
        let mut out = [9.0; 3];
        FOREST.contributions(&[0.0, 0.0, 0.0], &mut out);
        // Tree 0: root 0.25 -> node 1 (0.0) on x0, -> leaf 1.0 on x1. Tree 1: 0.0 -> 0.1 on x2.
        assert!(close(out[0], -0.25) && close(out[1], 1.0) && close(out[2], 0.1), "{out:?}");
        assert!(close(FOREST.bias(), -0.2 + 0.25 + 0.0));
        for x in [[0.0, 0.0, 0.0], [0.5, 2.5, -1.0], [0.6, 0.0, -5.0], [3.0, -3.0, 3.0]] {
            FOREST.contributions(&x, &mut out);
            let sum = FOREST.bias() + out.iter().sum::<f32>();
            assert!((sum - FOREST.margin(&x)).abs() < 1e-4, "{x:?}: {sum} vs {}", FOREST.margin(&x));
        }
    }

    #[test]
    fn an_empty_forest_predicts_its_base() {
        let forest = Forest { base: 0.7, roots: &[], nodes: &[] };
        assert!(forest.is_empty());
        assert_eq!(forest.len(), 0);
        assert_eq!(forest.margin(&[]), 0.7);
        assert_eq!(forest.bias(), 0.7);
        let mut out = [1.0; 2];
        forest.contributions(&[1.0, 2.0], &mut out);
        assert_eq!(out, [0.0; 2]);
        assert!(forest.is_well_formed(0));
    }

    #[test]
    fn a_single_leaf_tree_adds_a_constant() {
        let nodes = [Node::leaf(0.25)];
        let forest = Forest { base: 0.0, roots: &[0, 0], nodes: &nodes };
        assert_eq!(forest.margin(&[]), 0.5);
        assert!(forest.is_well_formed(0));
    }

    #[test]
    fn well_formedness_checks_indices_features_and_numbers() {
        assert!(FOREST.is_well_formed(3));
        assert!(!FOREST.is_well_formed(2), "feature 2 is tested");
        let bad_root = Forest { roots: &[0, 8], ..FOREST };
        assert!(!bad_root.is_well_formed(3));
        let mut nodes = NODES;
        nodes[1].right = 1;
        assert!(!Forest { nodes: &nodes, ..FOREST }.is_well_formed(3), "a loop");
        let mut nodes = NODES;
        nodes[5].left = 8;
        assert!(!Forest { nodes: &nodes, ..FOREST }.is_well_formed(3), "out of range");
        let mut nodes = NODES;
        nodes[3].value = f32::NAN;
        assert!(!Forest { nodes: &nodes, ..FOREST }.is_well_formed(3));
        assert!(!Forest { base: f32::INFINITY, ..FOREST }.is_well_formed(3));
    }

    #[test]
    fn a_laid_forest_gives_the_same_margins_bit_for_bit() {
        let laid = Laid::new(&FOREST, 3).expect("well formed");
        assert_eq!(laid.depth, 2);
        let mut next = crate::page::tests::pseudo_random(7);
        for _ in 0..1000 {
            let x: [f32; 3] = std::array::from_fn(|_| next(400) as f32 / 100.0 - 2.0);
            assert_eq!(laid.margin(&x).to_bits(), FOREST.margin(&x).to_bits(), "{x:?}");
        }
        for x in [[0.5, 2.0, -1.0], [f32::NAN; 3], [f32::INFINITY, f32::NEG_INFINITY, 0.0]] {
            assert_eq!(laid.margin(&x).to_bits(), FOREST.margin(&x).to_bits(), "{x:?}");
        }
        let empty = Laid::new(&Forest { base: 0.7, roots: &[], nodes: &[] }, 0).expect("well formed");
        assert_eq!(empty.margin(&[]), 0.7);
        let nodes = [Node::leaf(0.25)];
        let stumps = Laid::new(&Forest { base: 0.0, roots: &[0, 0], nodes: &nodes }, 0).expect("well formed");
        assert_eq!(stumps.margin(&[]), 0.5);
    }

    #[test]
    fn only_well_formed_forests_of_bounded_depth_are_laid_out() {
        assert!(Laid::new(&FOREST, 2).is_none(), "feature 2 is tested");
        // A chain of splits deeper than the bound.
        let n = MAX_DEPTH as usize + 2;
        let nodes: Vec<Node> = (0..n)
            .flat_map(|k| [Node::split(0, 0.0, 2 * k as u32 + 1, 2 * k as u32 + 2, 0.0), Node::leaf(1.0)])
            .chain([Node::leaf(0.0)])
            .collect();
        let chain = Forest { base: 0.0, roots: &[0], nodes: &nodes };
        assert!(chain.is_well_formed(1));
        assert!(Laid::new(&chain, 1).is_none());
        let short = Forest { base: 0.0, roots: &[2 * (n - MAX_DEPTH as usize) as u32], nodes: &nodes };
        let laid = Laid::new(&short, 1).expect("exactly the bound");
        assert_eq!(laid.margin(&[1.0]), short.margin(&[1.0]));
        assert_eq!(laid.margin(&[-1.0]), short.margin(&[-1.0]));
    }
}
