//! Whether a pattern matches a line, for the patterns whose matches need no position.
//!
//! The regex crate builds, for every pattern, automata to find where a match starts and ends,
//! in both directions, and for a multilingual pattern with long counts (`^.{10,400}…`) that is
//! most of the cost of the first use of a rule. A line or trigger pattern only needs to know
//! whether it matches, which a forward lazy DFA says by itself; this builds that, from the same
//! syntax, and a backtracker and a PikeVM on the same automaton for the lines the DFA cannot
//! decide (a Unicode word boundary beside a non-ASCII letter). It matches exactly what the
//! regex crate matches: the tests compare the two on every built-in pattern.

use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::Input;

/// How large a pattern's automaton may grow (as for the regex crate's patterns).
const SIZE_LIMIT: usize = 64 << 20;
/// Each pattern's lazy DFA cache, per thread (as for the regex crate's patterns).
const CACHE: usize = 1 << 20;

type Caches = (dfa::Cache, backtrack::Cache, pikevm::Cache);
type NewCaches = Box<dyn Fn() -> Caches + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// One pattern, compiled to say whether it matches.
pub(crate) struct Matcher {
    dfa: DFA,
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
    caches: Pool<Caches, NewCaches>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher").finish_non_exhaustive()
    }
}

impl Matcher {
    /// The matcher of `pattern`, in the regex crate's syntax, or `None` when it does not parse
    /// or is too large.
    pub(crate) fn new(pattern: &str) -> Option<Matcher> {
        let hir = regex_syntax::parse(pattern).ok()?;
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::Implicit)
                    .nfa_size_limit(Some(SIZE_LIMIT)),
            )
            .build_from_hir(&hir)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .cache_capacity(CACHE)
                    .skip_cache_capacity_check(true)
                    // Decides a Unicode word boundary on ASCII text, gives up beside other text.
                    .unicode_word_boundary(true)
                    // Gives up, rather than crawl, when its states keep being dropped.
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa.clone())
            .ok()?;
        let backtrack = BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?;
        let pikevm = PikeVM::new_from_nfa(nfa).ok()?;
        let (d, b, p) = (dfa.clone(), backtrack.clone(), pikevm.clone());
        let caches: Pool<Caches, NewCaches> =
            Pool::new(Box::new(move || (d.create_cache(), b.create_cache(), p.create_cache())));
        Some(Matcher { dfa, backtrack, pikevm, caches })
    }

    /// Whether the pattern matches somewhere in `haystack`.
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        let mut caches = self.caches.get();
        let (dfa, backtrack, pikevm) = &mut *caches;
        let input = Input::new(haystack).earliest(true);
        if let Ok(found) = self.dfa.try_search_fwd(dfa, &input) {
            return found.is_some();
        }
        if haystack.len() <= self.backtrack.max_haystack_len() {
            if let Ok(found) = self.backtrack.try_is_match(backtrack, input.clone()) {
                return found;
            }
        }
        self.pikevm.is_match(pikevm, input)
    }
}

#[cfg(test)]
mod tests {
    use super::Matcher;

    fn agree(pattern: &str, haystacks: &[&str]) {
        let matcher = Matcher::new(pattern).unwrap();
        let regex = regex::Regex::new(pattern).unwrap();
        for h in haystacks {
            assert_eq!(matcher.is_match(h), regex.is_match(h), "{pattern:?} on {h:?}");
        }
    }

    #[test]
    fn decides_as_the_regex_crate_does() {
        // Decided by the DFA: ASCII, or no word boundary.
        agree(r"(?i)^views?:\s*\d+$", &["Views: 12", "views:3", "Views: twelve", "Überviews: 3"]);
        // A Unicode word boundary beside other letters: the DFA gives up, the others decide.
        agree(r"(?i)\bcopyright\b", &["copyright", "ßcopyright", "copyrighté", "copyright é", "a copyright"]);
        agree(r"\bЙ\w+\b", &["Йод", "аЙод", "x Йод!"]);
    }

    #[test]
    fn decides_long_lines() {
        // Past what the backtracker takes, the PikeVM decides.
        let long = format!("{}é copyright", "x ".repeat(200_000));
        agree(r"\bcopyright\b", &[&long, &long.replace("copyright", "copyrights")]);
    }

    #[test]
    fn a_pattern_that_does_not_parse_has_no_matcher() {
        assert!(Matcher::new("(").is_none());
    }
}
