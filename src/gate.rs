//! The gate in front of the engine's patterns: one pass over a line says which patterns might
//! match it, and for most lines that none can.
//!
//! Every line, span and block-trigger pattern of a cleaner joins one forward lazy DFA, widened
//! so that it runs on the DFA alone. The regex crate's lazy DFA gives up on a Unicode word
//! boundary (`\b`) as soon as the haystack holds a non-ASCII byte, and the search falls back to
//! a far slower engine: on text in most languages that is most lines. Long counted repetitions
//! (`.{0,150}`) expand into one state per count and make a lazy DFA rebuild its states all the
//! time. So the gate removes every Unicode word boundary and makes every long count unbounded.
//! Either change can only widen what a pattern matches, so a pattern the gate does not report
//! cannot match; the engine then checks the few it reports with the exact pattern.
//!
//! It changes no pattern's meaning and knows nothing about rules.

use std::sync::Arc;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::{Input, MatchKind, PatternID, PatternSet};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

/// How large the gate's automaton may grow; it is compiled once per cleaner.
const SIZE_LIMIT: usize = 256 << 20;
/// The gate's lazy DFA cache, per thread: past it, states are dropped and built again.
const CACHE: usize = 16 << 20;

type NewCache = Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;
type Caches = Pool<Cache, NewCache>;

/// Many patterns, widened, as one forward lazy DFA.
pub(crate) struct Gate {
    dfa: Arc<DFA>,
    caches: Caches,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gate").field("patterns", &self.dfa.pattern_len()).finish()
    }
}

impl Gate {
    /// The gate of `patterns`, or `None` when it cannot be built (too large, or a pattern that
    /// does not parse): then a caller must treat every pattern as a candidate.
    pub(crate) fn new<S: AsRef<str>>(patterns: &[S]) -> Option<Self> {
        let hirs: Vec<Hir> =
            patterns.iter().map(|p| regex_syntax::parse(p.as_ref()).ok()).collect::<Option<_>>()?;
        let wide: Vec<Hir> = hirs.iter().map(widen).collect();
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new().which_captures(WhichCaptures::None).nfa_size_limit(Some(SIZE_LIMIT)),
            )
            .build_many_from_hir(&wide)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(CACHE)
                    .skip_cache_capacity_check(true),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let dfa = Arc::new(dfa);
        let shared = Arc::clone(&dfa);
        let caches: Caches = Pool::new(Box::new(move || shared.create_cache()));
        Some(Gate { dfa, caches })
    }

    /// A searcher for one thread, holding its lazy DFA cache: take one per text, not per line,
    /// since taking a cache from the shared pool costs atomic operations, and more on threads
    /// other than the first.
    pub(crate) fn searcher(&self) -> Searcher<'_> {
        Searcher { dfa: &self.dfa, cache: self.caches.get() }
    }
}

/// The gate with one thread's cache in hand.
pub(crate) struct Searcher<'g> {
    dfa: &'g DFA,
    cache: PoolGuard<'g, Cache, NewCache>,
}

impl Searcher<'_> {
    /// False only when no pattern can match `haystack`; a DFA that gives up says true.
    pub(crate) fn may_match(&mut self, haystack: &str) -> bool {
        !matches!(self.dfa.try_search_fwd(&mut self.cache, &Input::new(haystack).earliest(true)), Ok(None))
    }

    /// Adds to `found` every pattern that might match `haystack` (all of them when the DFA gives
    /// up). `found` must have room for every pattern.
    pub(crate) fn which(&mut self, haystack: &str, found: &mut PatternSet) {
        if self.dfa.try_which_overlapping_matches(&mut self.cache, &Input::new(haystack), found).is_err() {
            for p in 0..self.dfa.pattern_len() {
                found.insert(PatternID::must(p));
            }
        }
    }
}

/// The largest count of a repetition the gate keeps as it is.
const MAX_COUNT: u32 = 8;

/// `hir` with every Unicode word-boundary assertion replaced by the empty pattern and every
/// long counted repetition by an unbounded one.
fn widen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_unicode_word(*look) => Hir::empty(),
        // A long counted repetition (`.{0,150}`) expands into one automaton state per count,
        // and a set of such patterns into a lazy DFA that keeps rebuilding its states: the
        // gate takes any count instead, which only widens what it accepts.
        HirKind::Repetition(r) if r.min > MAX_COUNT || r.max.is_some_and(|m| m > MAX_COUNT) => {
            Hir::repetition(Repetition { min: 0, max: None, sub: Box::new(widen(&r.sub)), ..r.clone() })
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(widen(&r.sub)), ..r.clone() }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(widen(&c.sub)), ..c.clone() }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(widen).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(widen).collect()),
        _ => hir.clone(),
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
    use regex::Regex;

    /// The patterns the gate reports for `haystack`.
    fn which(gate: &Gate, haystack: &str) -> Vec<usize> {
        let mut found = PatternSet::new(gate.dfa.pattern_len());
        gate.searcher().which(haystack, &mut found);
        found.iter().map(|p| p.as_usize()).collect()
    }

    /// Every pattern that matches is reported, and `may_match` agrees with `which`.
    fn check(patterns: &[&str], haystacks: &[&str]) -> Gate {
        let gate = Gate::new(patterns).expect("the gate builds");
        for haystack in haystacks {
            let reported = which(&gate, haystack);
            for (p, pattern) in patterns.iter().enumerate() {
                if Regex::new(pattern).unwrap().is_match(haystack) {
                    assert!(reported.contains(&p), "{pattern} on {haystack:?}: {reported:?}");
                }
            }
            assert_eq!(gate.searcher().may_match(haystack), !reported.is_empty(), "{haystack:?}");
        }
        gate
    }

    #[test]
    fn never_misses_a_match() {
        let patterns =
            [r"(?i)^\s*share\b.*$", r"\bfoo\B", r"^bar$", r"(?i)\b(ä|über)\b", r"x\b{start}y|\b{end}"];
        let gate = check(
            &patterns,
            &["Share this", "shared", "Über alles", "dasüber", "foox", "foo", "bar", "ä", "bär", "", "xy"],
        );
        // Widened: `share\b` loses its boundary, and `\b{end}` is the empty pattern, which
        // matches anywhere; nothing else is reported.
        assert_eq!(which(&gate, "shared"), [0, 4]);
        assert_eq!(which(&gate, "plain prose"), [4]);
    }

    #[test]
    fn long_counts_are_widened() {
        let patterns = [r"^.{0,20}reserved$", r"^(?:ab){9,12}$", r"^a{2,30}$"];
        let long = "x".repeat(40) + " reserved";
        let gate = check(
            &patterns,
            &["all rights reserved", long.as_str(), "abababababababababab", "abab", "aaa", "a", ""],
        );
        // The gate accepts the long line (any count); the pattern does not.
        assert_eq!(which(&gate, &long), [0]);
        assert!(!Regex::new(patterns[0]).unwrap().is_match(&long));
    }

    #[test]
    fn rejects_what_cannot_match() {
        let gate = check(&[r"\bword\b", r"^views?:\s*\d+$"], &["swordfish", "sw0rdfish", "Views: 12"]);
        assert!(!gate.searcher().may_match("sw0rdfish"));
        assert!(!gate.searcher().may_match("Views: twelve"));
    }

    #[test]
    fn a_pattern_that_does_not_parse_gives_no_gate() {
        assert!(Gate::new(&["(unclosed"]).is_none());
        assert!(Gate::new::<&str>(&[]).is_some_and(|g| !g.searcher().may_match("anything")));
    }
}
