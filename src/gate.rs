//! The gate in front of the engine's patterns: a few quick passes over a line say which
//! patterns might match it, and for most lines that none can.
//!
//! The gate runs lazy DFAs, widened so that they run on the DFA alone. The regex crate's lazy
//! DFA gives up on a Unicode word boundary (`\b`) as soon as the haystack holds a non-ASCII
//! byte, and the search falls back to a far slower engine: on text in most languages that is
//! most lines. Long counted repetitions (`.{0,150}`) expand into one state per count and make a
//! lazy DFA rebuild its states all the time. So the gate removes every Unicode word boundary
//! and makes every long count unbounded. Either change can only widen what a pattern matches,
//! so a pattern the gate does not report cannot match; the engine then checks the few it
//! reports with the exact pattern.
//!
//! How much of a line a DFA must read decides the gate's speed, so the patterns are sorted by
//! where they can be decided:
//! - a pattern anchored at the start (`^Views:`) joins a forward DFA anchored there, which
//!   stops at the first byte no pattern can take: on most lines within a few bytes;
//! - a pattern anchored at the end whose start can run over any text (`^.{0,80}©.*reserved$`)
//!   or over any word (`^\p{Lu}\w*…, Reuters$`) joins a DFA that reads the line backwards from
//!   its end and stops as early;
//! - the rest must be read to the end of the line, but only on lines that hold one of the
//!   literals every match of the pattern contains (`無断転載`), found with a fast multi-string
//!   search; a pattern without such literals (or with only very short ones) is read from an
//!   anchored side if it has one, else on every line it applies to.
//!
//! A caller sorts its lines into kinds (the engine: head, tail, both or neither) and says for
//! each pattern the kinds of line it applies to, so that a pattern for the tail of a text costs
//! nothing elsewhere. The gate changes no pattern's meaning and knows nothing about rules.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as NeedleKind};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::start;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Capture, Class, Hir, HirKind, Look, Repetition};

/// How large one of the gate's automata may grow; they are compiled once per cleaner.
const SIZE_LIMIT: usize = 256 << 20;
/// Each of the gate's lazy DFA caches, per thread: past it, states are dropped and built again.
const CACHE: usize = 16 << 20;
/// The most kinds of line a caller may sort its lines into.
pub(crate) const KINDS: usize = 8;

/// The kinds of line a pattern applies to: bit `k` stands for kind `k`.
pub(crate) type Scope = u8;

type NewCaches =
    Box<dyn Fn() -> Vec<Cache> + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// Many patterns, widened, sorted into lazy DFAs that read as little of a line as they can.
pub(crate) struct Gate {
    /// The automata of every lane's parts; a part names its automaton by index.
    dfas: Arc<Vec<DFA>>,
    lanes: Vec<Lane>,
    /// For each kind of line, its lane.
    lane_of: [usize; KINDS],
    caches: Pool<Vec<Cache>, NewCaches>,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gate").field("automata", &self.dfas.len()).field("lanes", &self.lanes.len()).finish()
    }
}

/// The patterns that apply to one kind of line (several kinds may share a lane).
struct Lane {
    /// Start-anchored patterns that most lines rule out within a few bytes.
    forward: Option<Part>,
    /// End-anchored patterns, read backwards from the end of the line.
    backward: Option<Part>,
    /// The rest, read over the whole line.
    free: Option<Part>,
    /// A search for the literals one of which every match of a free pattern contains; none
    /// when some free pattern has none, and then every line is read.
    needles: Option<AhoCorasick>,
}

/// Some patterns as one lazy DFA.
struct Part {
    /// Its automaton in `Gate::dfas`.
    dfa: usize,
    /// For each of the automaton's patterns, the caller's index of it.
    ids: Vec<usize>,
}

/// Which way a part's automaton reads a line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Forward,
    Backward,
    Free,
}

impl Gate {
    /// The gate of `patterns`, each with the kinds of line it applies to, or `None` when it
    /// cannot be built (too large, or a pattern that does not parse): then a caller must treat
    /// every pattern as a candidate.
    pub(crate) fn new<S: AsRef<str>>(patterns: &[(S, Scope)]) -> Option<Self> {
        let wide: Vec<Hir> = patterns
            .iter()
            .map(|(p, _)| regex_syntax::parse(p.as_ref()).ok().map(widen))
            .collect::<Option<_>>()?;
        let (ways, needles): (Vec<Way>, Vec<Option<Vec<Needle>>>) = wide.iter().map(way).unzip();
        let mut dfas = Vec::new();
        let mut built: Vec<(Way, Vec<usize>)> = Vec::new();
        let mut lanes: Vec<(Vec<usize>, Lane)> = Vec::new();
        let mut lane_of = [0; KINDS];
        for (kind, lane) in lane_of.iter_mut().enumerate() {
            let members: Vec<usize> =
                (0..patterns.len()).filter(|&p| patterns[p].1 & (1 << kind) != 0).collect();
            if let Some(same) = lanes.iter().position(|(m, _)| *m == members) {
                *lane = same;
                continue;
            }
            let mut part = |w: Way| -> Option<Option<Part>> {
                let ids: Vec<usize> = members.iter().copied().filter(|&p| ways[p] == w).collect();
                if ids.is_empty() {
                    return Some(None);
                }
                // Lanes share the automaton of the same patterns read the same way.
                let dfa = match built.iter().position(|(way, same)| *way == w && *same == ids) {
                    Some(dfa) => dfa,
                    None => {
                        let hirs: Vec<&Hir> = ids.iter().map(|&p| &wide[p]).collect();
                        dfas.push(automaton(&hirs, w == Way::Backward)?);
                        built.push((w, ids.clone()));
                        dfas.len() - 1
                    }
                };
                Some(Some(Part { dfa, ids }))
            };
            let (forward, backward, free) = (part(Way::Forward)?, part(Way::Backward)?, part(Way::Free)?);
            // The search stands in for reading every line only if every free pattern has
            // literals; without it (or if it cannot be built) every line is read.
            let literals: Option<Vec<&Needle>> = free.as_ref().and_then(|free| {
                let each = free.ids.iter().map(|&p| needles[p].as_ref()).collect::<Option<Vec<_>>>()?;
                // Each literal once: fewer literals make a faster search.
                let mut all: Vec<&Needle> = each.into_iter().flatten().collect();
                all.sort_unstable();
                all.dedup();
                Some(all)
            });
            let needles = literals.and_then(|all| search(&all));
            *lane = lanes.len();
            lanes.push((members, Lane { forward, backward, free, needles }));
        }
        let dfas = Arc::new(dfas);
        let shared = Arc::clone(&dfas);
        let caches: Pool<Vec<Cache>, NewCaches> =
            Pool::new(Box::new(move || shared.iter().map(DFA::create_cache).collect()));
        Some(Gate { dfas, lanes: lanes.into_iter().map(|(_, l)| l).collect(), lane_of, caches })
    }

    /// A searcher for the lines of `text`, holding one thread's lazy DFA caches: take one per
    /// text, not per line, since taking caches from the shared pool costs atomic operations,
    /// and more on threads other than the first.
    pub(crate) fn searcher<'t>(&self, text: &'t str) -> Searcher<'_, 't> {
        Searcher { gate: self, caches: self.caches.get(), text, lower: None, needles: [None; KINDS] }
    }
}

/// The gate with one thread's caches in hand, reading the lines of one text.
pub(crate) struct Searcher<'g, 't> {
    gate: &'g Gate,
    caches: PoolGuard<'g, Vec<Cache>, NewCaches>,
    text: &'t str,
    /// The text in ASCII lower case, made when a line first needs a search for literals.
    lower: Option<Vec<u8>>,
    /// Per lane, the last search of the text for its needles: where it started, and the
    /// leftmost hit at or after that (none if there is none).
    needles: [Option<(usize, Option<usize>)>; KINDS],
}

impl Searcher<'_, '_> {
    /// Adds to `found` every pattern for lines of `kind` that might match `haystack`, a line
    /// of the searcher's text or a part of one, as the caller's indices, in no order and
    /// perhaps more than once.
    pub(crate) fn which(&mut self, kind: usize, haystack: &str, found: &mut Vec<usize>) {
        let lane_index = self.gate.lane_of[kind];
        let lane = &self.gate.lanes[lane_index];
        let bytes = haystack.as_bytes();
        if let Some(part) = &lane.forward {
            let (dfa, cache) = (&self.gate.dfas[part.dfa], &mut self.caches[part.dfa]);
            if anchored(dfa, cache, bytes.iter().copied(), &mut |p| found.push(part.ids[p])).is_err() {
                found.extend(&part.ids);
            }
        }
        if let Some(part) = &lane.backward {
            let (dfa, cache) = (&self.gate.dfas[part.dfa], &mut self.caches[part.dfa]);
            if anchored(dfa, cache, bytes.iter().rev().copied(), &mut |p| found.push(part.ids[p])).is_err() {
                found.extend(&part.ids);
            }
        }
        if let Some(part) = &lane.free {
            if lane.needles.as_ref().is_some_and(|needles| !self.holds_needle(lane_index, needles, haystack))
            {
                return;
            }
            let (dfa, cache) = (&self.gate.dfas[part.dfa], &mut self.caches[part.dfa]);
            match dfa.try_search_fwd(cache, &Input::new(bytes).earliest(true)) {
                Ok(None) => {}
                Ok(Some(_)) => {
                    let mut set = PatternSet::new(dfa.pattern_len());
                    if dfa.try_which_overlapping_matches(cache, &Input::new(bytes), &mut set).is_ok() {
                        found.extend(set.iter().map(|p| part.ids[p.as_usize()]));
                    } else {
                        found.extend(&part.ids);
                    }
                }
                Err(_) => found.extend(&part.ids),
            }
        }
    }

    /// Whether a needle of the lane starts in `haystack`. One search of the whole text answers
    /// for every line up to its hit, since a multi-string search runs far faster over a long
    /// text than over many short lines.
    fn holds_needle(&mut self, lane: usize, needles: &AhoCorasick, haystack: &str) -> bool {
        let text = self.text;
        let Some(start) = (haystack.as_ptr() as usize).checked_sub(text.as_ptr() as usize) else {
            return needles.is_match(&haystack.as_bytes().to_ascii_lowercase());
        };
        let end = start + haystack.len();
        if end > text.len() {
            return needles.is_match(&haystack.as_bytes().to_ascii_lowercase());
        }
        let lower = self.lower.get_or_insert_with(|| text.as_bytes().to_ascii_lowercase());
        let hit = match self.needles[lane] {
            // The leftmost hit at or after `from` is the leftmost at or after `start` as well.
            Some((from, hit)) if from <= start && hit.is_none_or(|h| h >= start) => hit,
            // Behind the last search (a whole line after its trimmed part): this line alone.
            Some((from, _)) if start < from => {
                return needles.is_match(aho_corasick::Input::new(lower.as_slice()).span(start..end));
            }
            _ => {
                let hit = needles
                    .find(aho_corasick::Input::new(lower.as_slice()).span(start..lower.len()))
                    .map(|m| m.start());
                self.needles[lane] = Some((start, hit));
                hit
            }
        };
        hit.is_some_and(|h| h < end)
    }
}

/// Runs an anchored lazy DFA over `bytes` and reports (by the automaton's index) every pattern
/// whose match it passes; stops where no pattern can go on. An error when the DFA gives up.
fn anchored(
    dfa: &DFA,
    cache: &mut Cache,
    bytes: impl Iterator<Item = u8>,
    report: &mut impl FnMut(usize),
) -> Result<(), ()> {
    let mut matched = |cache: &Cache, sid: LazyStateID| {
        for i in 0..dfa.match_len(cache, sid) {
            report(dfa.match_pattern(cache, sid, i).as_usize());
        }
    };
    let mut sid = dfa.start_state(cache, &start::Config::new().anchored(Anchored::Yes)).map_err(drop)?;
    for b in bytes {
        sid = dfa.next_state(cache, sid, b).map_err(drop)?;
        if sid.is_tagged() {
            if sid.is_match() {
                matched(cache, sid);
            } else if sid.is_dead() {
                return Ok(());
            } else if sid.is_quit() {
                return Err(());
            }
        }
    }
    sid = dfa.next_eoi_state(cache, sid).map_err(drop)?;
    if sid.is_match() {
        matched(cache, sid);
    }
    Ok(())
}

/// One lazy DFA of `hirs`, reading backwards if `reverse`, that reports every pattern that
/// matches.
fn automaton(hirs: &[&Hir], reverse: bool) -> Option<DFA> {
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(SIZE_LIMIT))
                .reverse(reverse),
        )
        .build_many_from_hir(hirs)
        .ok()?;
    DFA::builder()
        .configure(
            DFA::config().match_kind(MatchKind::All).cache_capacity(CACHE).skip_cache_capacity_check(true),
        )
        .build_from_nfa(nfa)
        .ok()
}

/// Where the gate decides a widened pattern. A side (start or end) that is anchored can be
/// decided from there, unless a match can begin there with a run over any text; it is decided
/// soonest from a side where a match begins with something other than words (`^Views:` dies
/// at the first letter of most lines, `^\p{Lu}\w*` reads the first word of every capitalised
/// one). A pattern that starts with words on both sides is better left to its literals, when
/// it has some; without them, it is read from an anchored side all the same. With `Free`, the
/// literals, if any.
fn way(hir: &Hir) -> (Way, Option<Vec<Needle>>) {
    let p = hir.properties();
    let forward = p.look_set_prefix().contains(Look::Start) && !runs(hir, Way::Forward);
    let backward = p.look_set_suffix().contains(Look::End) && !runs(hir, Way::Backward);
    if forward && !reads_words(hir, Way::Forward) {
        return (Way::Forward, None);
    }
    if backward && !reads_words(hir, Way::Backward) {
        return (Way::Backward, None);
    }
    let needles = required(&fold_case(hir));
    // A literal of a byte or two (`/`) is in most texts every few bytes: the search for it
    // would stop so often that reading words from an anchor costs less.
    let worth = needles.as_ref().is_some_and(|n| score(n).0 >= MIN_LONE_NEEDLE);
    if forward && !worth {
        (Way::Forward, None)
    } else if backward && !worth {
        (Way::Backward, None)
    } else {
        (Way::Free, needles)
    }
}

/// Whether a match of `hir` can begin (`Forward`) or end (`Backward`) with a word, that is a
/// repetition of a class that takes letters (`[\w-]+`, `\p{Lu}[\p{L}.'-]*`): a DFA reading
/// from that side reads at least the first word of many lines. A letter of a word leads on to
/// the rest of it.
fn reads_words(hir: &Hir, side: Way) -> bool {
    leads(hir, side, &|r| r.max != Some(1) && takes_letters(&r.sub), &is_letters)
}

/// Whether `hir` holds a class of letters (see [`is_letters`]).
fn takes_letters(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(_) => is_letters(hir),
        HirKind::Repetition(r) => takes_letters(&r.sub),
        HirKind::Capture(c) => takes_letters(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(takes_letters),
        _ => false,
    }
}

/// Whether `hir` is a class of most letters (`\w`, `\p{L}`, `[a-z]`, `\S`), not one of a few
/// (`[Vv]`, which a case-insensitive literal becomes).
fn is_letters(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let has = |ch: char| c.ranges().iter().any(|r| r.start() <= ch && ch <= r.end());
            (b'a'..=b'z').filter(|&b| has(char::from(b))).count() >= 20
                || (b'A'..=b'Z').filter(|&b| has(char::from(b))).count() >= 20
        }
        HirKind::Class(Class::Bytes(c)) => {
            let has = |b: u8| c.ranges().iter().any(|r| r.start() <= b && b <= r.end());
            (b'a'..=b'z').filter(|&b| has(b)).count() >= 20 || (b'A'..=b'Z').filter(|&b| has(b)).count() >= 20
        }
        _ => false,
    }
}

/// Whether a match of `hir` can begin (`Forward`) or end (`Backward`) with an unbounded run of
/// a class that takes both spaces and letters (`.*`, `[\p{L} .'-]*`): a DFA reading from that
/// side cannot stop early on ordinary text.
fn runs(hir: &Hir, side: Way) -> bool {
    leads(hir, side, &|r| r.max.is_none() && is_wide(&r.sub), &|_| false)
}

/// Whether a match of `hir` can begin (`Forward`) or end (`Backward`) with a repetition that
/// `is_run`. A part that must take a character ends the lead there unless it is one that
/// `leads_on`.
fn leads(
    hir: &Hir,
    side: Way,
    is_run: &dyn Fn(&Repetition) -> bool,
    leads_on: &dyn Fn(&Hir) -> bool,
) -> bool {
    let lead = |h: &Hir| leads(h, side, is_run, leads_on);
    match hir.kind() {
        HirKind::Repetition(r) => is_run(r) || lead(&r.sub),
        HirKind::Capture(c) => lead(&c.sub),
        HirKind::Alternation(subs) => subs.iter().any(lead),
        HirKind::Concat(subs) => {
            let ordered: Box<dyn Iterator<Item = &Hir>> =
                if side == Way::Backward { Box::new(subs.iter().rev()) } else { Box::new(subs.iter()) };
            for sub in ordered {
                if lead(sub) {
                    return true;
                }
                if !leads_on(sub) && sub.properties().minimum_len() != Some(0) {
                    return false;
                }
            }
            false
        }
        _ => false,
    }
}

/// Whether `hir` is a class of both spaces and letters (or of so many characters that it
/// stands for any text).
fn is_wide(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let has = |ch: char| c.ranges().iter().any(|r| r.start() <= ch && ch <= r.end());
            let size: u32 = c.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            has(' ') && (has('a') || size > 256)
        }
        HirKind::Class(Class::Bytes(c)) => {
            let has = |b: u8| c.ranges().iter().any(|r| r.start() <= b && b <= r.end());
            has(b' ') && (has(b'a') || has(0x80))
        }
        _ => false,
    }
}

/// The shortest literal for which a pattern anchored at a side that starts with words is
/// rather read where its literals are.
const MIN_LONE_NEEDLE: usize = 3;

/// The most literals the gate searches for at once for one pattern.
const MAX_NEEDLES: usize = 64;

/// A literal the gate searches for, in ASCII lower case: the gate searches a lower-cased copy
/// of the text, so that one literal stands for all its case variants.
type Needle = Vec<u8>;

/// A search for `needles` in a lower-cased text, or `None` when it cannot be built.
fn search(needles: &[&Needle]) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new().match_kind(NeedleKind::LeftmostFirst).build(needles).ok()
}

/// Literals one of which every match of `hir` contains, the longest the gate can find (then the
/// fewest), or `None` when it finds none worth a search.
fn required(hir: &Hir) -> Option<Vec<Needle>> {
    let mut best = prefixes(hir);
    let mut consider = |found: Option<Vec<Needle>>| {
        if let Some(found) = found.filter(|f| f.len() <= MAX_NEEDLES) {
            if best.as_ref().is_none_or(|b| score(&found) > score(b)) {
                best = Some(found);
            }
        }
    };
    match hir.kind() {
        // A match of a concatenation holds a match of each of its tails and of each part.
        HirKind::Concat(subs) => {
            for (i, sub) in subs.iter().enumerate() {
                // No literal it extracts is longer than `EXTRACT_LEN` bytes, nor reaches past
                // that many parts that take a character each.
                let tail = &subs[i..subs.len().min(i + 2 * EXTRACT_LEN)];
                consider(prefixes(&Hir::concat(tail.to_vec())));
                consider(prefixes(sub));
                if matches!(
                    sub.kind(),
                    HirKind::Capture(_) | HirKind::Repetition(_) | HirKind::Alternation(_)
                ) {
                    consider(required(sub));
                }
            }
        }
        HirKind::Capture(c) => consider(required(&c.sub)),
        HirKind::Repetition(r) if r.min > 0 => consider(required(&r.sub)),
        // A match of an alternation is a match of one of its branches.
        HirKind::Alternation(subs) => {
            consider(subs.iter().map(required).collect::<Option<Vec<_>>>().map(|all| {
                let mut all = all.concat();
                all.sort_unstable();
                all.dedup();
                all
            }))
        }
        _ => {}
    }
    best
}

/// How good a set of literals is to search for: its shortest literal, the longer the better,
/// then the fewer literals.
fn score(needles: &[Needle]) -> (usize, std::cmp::Reverse<usize>) {
    (needles.iter().map(Vec::len).min().unwrap_or(0), std::cmp::Reverse(needles.len()))
}

/// Literals one of which every match of `hir` starts with, in ASCII lower case, if they are
/// few, none empty and none across a line break.
fn prefixes(hir: &Hir) -> Option<Vec<Needle>> {
    let seq = Extractor::new().limit_total(EXTRACT_TOTAL).limit_literal_len(EXTRACT_LEN).extract(hir);
    let mut needles: Vec<Needle> =
        seq.literals()?.iter().map(|l| l.as_bytes().to_ascii_lowercase()).collect();
    needles.sort_unstable();
    needles.dedup();
    let usable = !needles.is_empty()
        && needles.len() <= MAX_NEEDLES
        && needles.iter().all(|n| !n.is_empty() && !n.iter().any(|&b| b == b'\n' || b == b'\r'));
    usable.then_some(needles)
}

/// How many literals the extraction may list before it shortens them: enough for every case
/// variant of a short word.
const EXTRACT_TOTAL: usize = 1 << 8;
/// How long the extracted literals may be: longer ones make a search no faster, and building
/// them slow.
const EXTRACT_LEN: usize = 8;

/// `hir` with each class of just the two cases of an ASCII letter (`[Kk]`, what a
/// case-insensitive literal becomes) replaced by the lower-case letter. The gate searches
/// lower-cased text, where the two are the same, and the literals of a case-insensitive
/// pattern are then one per word instead of one per mix of cases, which are slow to list.
/// Letters with more cases (`[Kk\u{212A}]`, the Kelvin sign) stay classes: lower-casing the
/// text in ASCII does not fold them.
fn fold_case(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let chars: Vec<char> = c.iter().flat_map(|r| r.start()..=r.end()).take(3).collect();
            match chars[..] {
                [upper, lower] if upper.is_ascii_uppercase() && upper.to_ascii_lowercase() == lower => {
                    Hir::literal(lower.to_string().into_bytes())
                }
                _ => hir.clone(),
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            let bytes: Vec<u8> = c.iter().flat_map(|r| r.start()..=r.end()).take(3).collect();
            match bytes[..] {
                [upper, lower] if upper.is_ascii_uppercase() && upper.to_ascii_lowercase() == lower => {
                    Hir::literal(vec![lower])
                }
                _ => hir.clone(),
            }
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(fold_case(&r.sub)),
        }),
        HirKind::Capture(c) => {
            Hir::capture(Capture { index: c.index, name: c.name.clone(), sub: Box::new(fold_case(&c.sub)) })
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(fold_case).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(fold_case).collect()),
        _ => hir.clone(),
    }
}

/// The largest count of a repetition the gate keeps as it is.
const MAX_COUNT: u32 = 8;

/// `hir` with every Unicode word-boundary assertion replaced by the empty pattern and every
/// long counted repetition by an unbounded one.
fn widen(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) if is_unicode_word(look) => Hir::empty(),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Repetition(r) => {
            let sub = Box::new(widen(*r.sub));
            // A long counted repetition (`.{0,150}`) expands into one automaton state per
            // count, and a set of such patterns into a lazy DFA that keeps rebuilding its
            // states: the gate takes any count instead, which only widens what it accepts.
            if r.min > MAX_COUNT || r.max.is_some_and(|m| m > MAX_COUNT) {
                Hir::repetition(Repetition { min: 0, max: None, sub, ..r })
            } else {
                Hir::repetition(Repetition { sub, ..r })
            }
        }
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(widen(*c.sub)), ..c }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(widen).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(widen).collect()),
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

    /// Every pattern applies to every kind of line.
    const ALL: Scope = Scope::MAX;

    fn gate(patterns: &[&str]) -> Gate {
        Gate::new(&patterns.iter().map(|p| (*p, ALL)).collect::<Vec<_>>()).expect("the gate builds")
    }

    /// The patterns the gate reports for `haystack`, a line of kind 0 of its own text.
    fn which(gate: &Gate, haystack: &str) -> Vec<usize> {
        let mut found = Vec::new();
        gate.searcher(haystack).which(0, haystack, &mut found);
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Every pattern that matches is reported.
    fn check(patterns: &[&str], haystacks: &[&str]) -> Gate {
        let gate = gate(patterns);
        for haystack in haystacks {
            let reported = which(&gate, haystack);
            for (p, pattern) in patterns.iter().enumerate() {
                if Regex::new(pattern).unwrap().is_match(haystack) {
                    assert!(reported.contains(&p), "{pattern} on {haystack:?}: {reported:?}");
                }
            }
        }
        gate
    }

    fn way_of(pattern: &str) -> Way {
        way(&widen(regex_syntax::parse(pattern).unwrap())).0
    }

    fn needles_of(pattern: &str) -> Option<Vec<String>> {
        required(&fold_case(&widen(regex_syntax::parse(pattern).unwrap())))
            .map(|n| n.iter().map(|n| String::from_utf8_lossy(n).into_owned()).collect())
    }

    #[test]
    fn never_misses_a_match() {
        let patterns = [
            r"(?i)^\s*share\b.*$",
            r"\bfoo\B",
            r"^bar$",
            r"(?i)\b(ä|über)\b",
            r"x\b{start}y|\b{end}",
            r"(?i)baz\s*$",
        ];
        let gate = check(
            &patterns,
            &[
                "Share this",
                "shared",
                "Über alles",
                "dasüber",
                "foox",
                "foo",
                "bar",
                "ä",
                "bär",
                "",
                "xy",
                "a BAZ ",
            ],
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
        assert!(which(&gate, "sw0rdfish").is_empty());
        assert!(which(&gate, "Views: twelve").is_empty());
    }

    #[test]
    fn patterns_are_read_from_the_side_that_decides_them() {
        assert!(way_of(r"(?i)^views?:\s*\d+$") == Way::Forward);
        // A start that takes any text: read from the end, which is literal.
        assert!(way_of(r"(?i)^.{0,80}copyright.{0,80}reserved\s*[.!]?$") == Way::Backward);
        assert!(way_of(r"[.!?](?P<junk>\s*read\s+more)\s*$") == Way::Backward);
        // Both ends take any text, or neither is anchored: the whole line.
        assert!(way_of(r"^.{0,80}(?:無断転載).{0,80}$") == Way::Free);
        assert!(way_of(r"(?i)\bcomments\s+are\s+moderated\b") == Way::Free);
        // A start with words reads the first word of many lines: the end is read instead
        // when it is literal, else the literals, else the anchored side all the same.
        assert!(way_of(r"^\p{Lu}[\p{L}.'-]*\s+said$") == Way::Backward);
        assert!(way_of(r"(?i)^(?:[\w-]+\s+){0,2}[\w-]*icons?(?:\s+[\w-]+)*$") == Way::Free);
        assert!(way_of(r"^(?:\p{Lu}\w*\s?){1,4}$") == Way::Forward);
        // A literal of one byte is no better than reading the words.
        assert!(way_of(r"^(?:\p{Lu}\w*\s?){1,4}/\s?(?:\p{Lu}\w*\s?){1,4}$") == Way::Forward);
        assert!(way_of(r"^\d+\s*\w+$") == Way::Forward);
        // A case-insensitive literal is a run of small classes, not of words.
        assert!(way_of(r"(?i)^share\s+this\s+\w+$") == Way::Forward);
    }

    #[test]
    fn free_patterns_are_found_by_their_literals() {
        // A case-insensitive word is one literal, in lower case: the gate searches a
        // lower-cased copy of the text.
        assert_eq!(
            needles_of(r"(?i)(?:^|[.!?]\s+)all\s+comments\s+are\s+moderated"),
            Some(vec!["moderate".into()])
        );
        assert_eq!(needles_of(r"^.{0,80}(?:無断転載|版权所有).{0,80}$").map(|n| n.len()), Some(2));
        // A letter with a third case (the Kelvin sign) keeps its cases apart; ASCII
        // lower-casing of the text does not fold it.
        assert_eq!(needles_of(r"(?i)\w+\s+book"), Some(vec!["book".into(), "boo\u{212a}".into()]));
        // A case-sensitive pattern too, which can only add lines to read.
        assert_eq!(needles_of(r"\s(?:REUTERS|EPA)\s*/"), Some(vec!["epa".into(), "reuters".into()]));
        // Nothing every match must hold.
        assert_eq!(needles_of(r"(?i)\b\w+\s+\w+$|x"), None);
        // Too many literals after a short one: the short one, alone.
        let many =
            (0..72).map(|i| format!("{}{}", char::from(b'a' + i / 9), i % 9)).collect::<Vec<_>>().join("|");
        assert_eq!(needles_of(&format!("zz(?:{many})")), Some(vec!["zz".into()]));
    }

    #[test]
    fn a_literal_search_answers_for_every_line_of_a_text() {
        let patterns = [
            r"(?i)\bcomments\s+are\s+moderated\b",
            r"^.{0,80}無断転載.{0,80}$",
            r"^.{10,400}(?:\(|\s)REUTERS\s*/\s*[\p{L} .'-]{2,60}\)?$",
        ];
        let gate = gate(&patterns);
        let text =
            "Plain prose.\nAll COMMENTS are moderated.\n  無断転載 \nPhoto: Jane Doe (REUTERS / Name\n\
                    Commentary\nA FILE (REUTERS/Doe\nThe end.";
        let mut searcher = gate.searcher(text);
        let mut reported = Vec::new();
        for line in text.split('\n') {
            // The engine reads a trimmed line, then the whole line behind it.
            for part in [line.trim(), line, line.trim()] {
                let mut found = Vec::new();
                searcher.which(0, part, &mut found);
                found.sort_unstable();
                found.dedup();
                // The same as a search of the line alone.
                assert_eq!(found, which(&gate, part), "{part:?}");
                for (p, pattern) in patterns.iter().enumerate() {
                    if Regex::new(pattern).unwrap().is_match(part) {
                        assert!(found.contains(&p), "{pattern} on {part:?}");
                    }
                }
            }
            let mut found = Vec::new();
            searcher.which(0, line, &mut found);
            reported.push(!found.is_empty());
        }
        assert_eq!(reported, [false, true, true, true, false, true, false]);
    }

    #[test]
    fn patterns_apply_to_their_kinds_of_line_only() {
        let gate =
            Gate::new(&[(r"(?i)^views:\s*\d+$", 0b01), (r"(?i)comments\s+are\s+moderated", 0b10)]).unwrap();
        let text = "Views: 3\nComments are moderated.";
        let found = |kind: usize, line: &str| {
            let mut found = Vec::new();
            gate.searcher(text).which(kind, line, &mut found);
            found
        };
        assert_eq!(found(0, "Views: 3"), [0]);
        assert!(found(1, "Views: 3").is_empty());
        assert_eq!(found(1, "Comments are moderated."), [1]);
        assert!(found(0, "Comments are moderated.").is_empty());
        // A kind no pattern applies to.
        assert!(found(5, "Views: 3").is_empty());
    }

    #[test]
    fn a_pattern_that_does_not_parse_gives_no_gate() {
        assert!(Gate::new(&[("(unclosed", ALL)]).is_none());
        assert!(Gate::new::<&str>(&[]).is_some_and(|g| which(&g, "anything").is_empty()));
    }
}
