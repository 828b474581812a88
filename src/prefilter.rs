//! A pattern set with a fast first test in front of it, for the engine's per-line sets.
//!
//! The regex crate's lazy DFA gives up on a Unicode word boundary (`\b`) as soon as the
//! haystack holds a non-ASCII byte, and the search falls back to a far slower engine: on text
//! in most languages that is most lines. Long counted repetitions (`.{0,150}`) expand into one
//! state per count and make a set's lazy DFA rebuild its states all the time. So each set gets
//! a twin with every Unicode word boundary removed and every long count made unbounded. Removing an assertion can only widen what a pattern matches, so a line
//! the twin rejects cannot match the set, and the twin runs on the DFA alone; only the few
//! lines it accepts are searched with the exact set. Results are exactly the set's.
//!
//! It changes no pattern's meaning and knows nothing about rules.

use std::sync::Arc;

use regex::RegexSet;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::Input;
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

/// How large the twin's automaton may grow; it is compiled once per cleaner, like the set.
const SIZE_LIMIT: usize = 256 << 20;
/// The twin's lazy DFA cache, per thread: past it, states are dropped and built again.
const CACHE: usize = 16 << 20;

type Caches =
    Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>>;

/// A [`RegexSet`] and, when some pattern has a Unicode word boundary, its widened twin: a
/// forward lazy DFA only, since it is only asked whether anything matches.
pub(crate) struct Filtered {
    set: RegexSet,
    wide: Option<(Arc<DFA>, Caches)>,
}

impl std::fmt::Debug for Filtered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Filtered").field("set", &self.set).field("wide", &self.wide.is_some()).finish()
    }
}

impl Filtered {
    /// Wraps `set`, which was compiled from `patterns`. When the twin cannot be built, every
    /// line goes to the set, as without a twin.
    pub(crate) fn new<S: AsRef<str>>(set: RegexSet, patterns: &[S]) -> Self {
        let wide = widen(patterns).map(|dfa| {
            let dfa = Arc::new(dfa);
            let shared = Arc::clone(&dfa);
            let caches: Caches = Pool::new(Box::new(move || shared.create_cache()));
            (dfa, caches)
        });
        Filtered { set, wide }
    }

    /// Whether the set has no patterns.
    pub(crate) fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// Whether any pattern matches `haystack`.
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        self.may_match(haystack) && self.set.is_match(haystack)
    }

    /// The indices of the patterns that match `haystack`, in ascending order.
    pub(crate) fn matches(&self, haystack: &str) -> impl Iterator<Item = usize> {
        self.may_match(haystack).then(|| self.set.matches(haystack)).into_iter().flatten()
    }

    /// False only when no pattern can match; a DFA that gives up says true.
    fn may_match(&self, haystack: &str) -> bool {
        let Some((dfa, caches)) = &self.wide else { return true };
        let mut cache = caches.get();
        !matches!(dfa.try_search_fwd(&mut cache, &Input::new(haystack).earliest(true)), Ok(None))
    }
}

/// The twin of `patterns`, or `None` when no pattern has a Unicode word boundary.
fn widen<S: AsRef<str>>(patterns: &[S]) -> Option<DFA> {
    let hirs: Vec<Hir> =
        patterns.iter().map(|p| regex_syntax::parse(p.as_ref()).ok()).collect::<Option<_>>()?;
    if !hirs.iter().any(|h| h.properties().look_set().contains_word_unicode() || has_long_count(h)) {
        return None;
    }
    let wide: Vec<Hir> = hirs.iter().map(without_word_boundaries).collect();
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new().which_captures(WhichCaptures::None).nfa_size_limit(Some(SIZE_LIMIT)),
        )
        .build_many_from_hir(&wide)
        .ok()?;
    DFA::builder()
        .configure(DFA::config().cache_capacity(CACHE).skip_cache_capacity_check(true))
        .build_from_nfa(nfa)
        .ok()
}

/// The largest count of a repetition the twin keeps as it is.
const MAX_COUNT: u32 = 8;

/// `hir` with every Unicode word-boundary assertion replaced by the empty pattern and every
/// long counted repetition by an unbounded one.
fn without_word_boundaries(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_unicode_word(*look) => Hir::empty(),
        // A long counted repetition (`.{0,150}`) expands into one automaton state per count,
        // and a set of such patterns into a lazy DFA that keeps rebuilding its states: the
        // twin takes any count instead, which only widens what it accepts.
        HirKind::Repetition(r) if r.min > MAX_COUNT || r.max.is_some_and(|m| m > MAX_COUNT) => {
            Hir::repetition(Repetition {
                min: 0,
                max: None,
                sub: Box::new(without_word_boundaries(&r.sub)),
                ..r.clone()
            })
        }
        HirKind::Repetition(r) => {
            Hir::repetition(Repetition { sub: Box::new(without_word_boundaries(&r.sub)), ..r.clone() })
        }
        HirKind::Capture(c) => {
            Hir::capture(Capture { sub: Box::new(without_word_boundaries(&c.sub)), ..c.clone() })
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_word_boundaries).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(without_word_boundaries).collect()),
        _ => hir.clone(),
    }
}

/// Whether `hir` holds a repetition the twin would widen.
fn has_long_count(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(r) => {
            r.min > MAX_COUNT || r.max.is_some_and(|m| m > MAX_COUNT) || has_long_count(&r.sub)
        }
        HirKind::Capture(c) => has_long_count(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_long_count),
        _ => false,
    }
}

fn is_unicode_word(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filtered(patterns: &[&str]) -> Filtered {
        Filtered::new(RegexSet::new(patterns).unwrap(), patterns)
    }

    #[test]
    fn gives_the_same_answers_as_the_set() {
        let patterns =
            [r"(?i)^\s*share\b.*$", r"\bfoo\B", r"^bar$", r"(?i)\b(ä|über)\b", r"x\b{start}y|\b{end}"];
        let f = filtered(&patterns);
        assert!(f.wide.is_some());
        for haystack in
            ["Share this", "shared", "Über alles", "dasüber", "foox", "foo", "bar", "ä", "bär", "", "xy"]
        {
            let exact: Vec<usize> = f.set.matches(haystack).into_iter().collect();
            assert_eq!(f.matches(haystack).collect::<Vec<_>>(), exact, "{haystack:?}");
            assert_eq!(f.is_match(haystack), !exact.is_empty(), "{haystack:?}");
        }
    }

    #[test]
    fn needs_no_twin_without_unicode_word_boundaries() {
        assert!(filtered(&[r"^views?:\s*\d+$", r"(?-u:\b)ascii(?-u:\b)"]).wide.is_none());
        assert!(filtered(&[]).wide.is_none());
    }

    #[test]
    fn long_counts_are_widened_and_answers_stay_exact() {
        let patterns = [r"^.{0,20}reserved$", r"^(?:ab){9,12}$", r"^a{2,30}$"];
        let f = filtered(&patterns);
        assert!(f.wide.is_some());
        let long = "x".repeat(40) + " reserved";
        for haystack in ["all rights reserved", long.as_str(), "abababababababababab", "abab", "aaa", "a", ""]
        {
            let exact: Vec<usize> = f.set.matches(haystack).into_iter().collect();
            assert_eq!(f.matches(haystack).collect::<Vec<_>>(), exact, "{haystack:?}");
        }
        // The twin accepts the long line (any count), the set does not.
        assert!(f.may_match(&long) && !f.set.is_match(&long));
    }

    #[test]
    fn the_twin_never_rejects_a_match() {
        let f = filtered(&[r"\bword\b"]);
        assert!(f.may_match("swordfish"));
        assert!(!f.may_match("sw0rdfish"));
    }
}
