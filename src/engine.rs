//! The [`Cleaner`]: runs the rules by kind, merges what they mark and applies it once.
//!
//! Rules never edit text. Each line gets a fate (kept, deleted by one rule, or kept with exact
//! spans cut); the whitespace rules then tidy what the deletions left, and the output and the
//! removal records are built in a single pass, so that the output is always the input minus the
//! recorded byte ranges.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use crate::error::Error;
use crate::gate::{Gate, Scope, Searcher};
use crate::matcher::Matcher;
use crate::rules::{self, Check, Evidence, Fate, Kind, Marks, Profile, Region, Rule, Scorer, Spare, Tidy};
use crate::segment::{Document, Line};

/// Which rules a [`Cleaner`] runs: a profile's rules, narrowed or widened by rule ids and
/// category names, plus rules from rule files ([`Options::with_rule_files`]).
///
/// ```
/// use dechaff::{Cleaner, Options, Profile};
///
/// let options = Options {
///     profile: Profile::Article,
///     ignore: vec!["timestamps".into()], // a category: all its rules
///     ..Options::default()
/// };
/// let cleaner = Cleaner::new(&options).unwrap();
/// assert!(cleaner.rule_ids().any(|id| id == "view-counter"));
/// assert!(!cleaner.rule_ids().any(|id| id == "standalone-timestamp"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The profile whose rules run by default.
    pub profile: Profile,
    /// When not empty, exactly these rules or categories run (whatever their profile), plus
    /// the whitespace tidying.
    pub select: Vec<String>,
    /// Rules or categories added to the profile's (or the selection's) rules.
    pub extend_select: Vec<String>,
    /// Rules or categories that do not run.
    pub ignore: Vec<String>,
    /// Rules from users' rule files, run after the built-in rules of the same kind.
    pub custom: Vec<CustomRule>,
}

impl Options {
    /// Adds the rules of the TOML rule files `paths` (see [`crate::rulefile`]), in order: each
    /// file's rules join [`custom`](Self::custom) and its `disable` list joins
    /// [`ignore`](Self::ignore), as the binary's `--rules FILE` does.
    ///
    /// Fails on a file that cannot be read or is not valid (naming the file and the line), and
    /// on a rule id that two of the files define.
    ///
    /// ```
    /// use dechaff::{Cleaner, Options};
    ///
    /// let dir = std::env::temp_dir().join(format!("dechaff-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let file = dir.join("house.toml");
    /// std::fs::write(&file, "[[rule]]\nid = \"promo-code\"\ncategory = \"ads\"\npatterns = ['^Use code \\w+ at checkout$']\n").unwrap();
    ///
    /// let options = Options::default().with_rule_files(&[&file]).unwrap();
    /// let cleaned = Cleaner::new(&options).unwrap().clean("Prices rose.\nUse code SAVE10 at checkout\n");
    /// assert_eq!(cleaned.text, "Prices rose.\n");
    /// assert_eq!(&*cleaned.removals[0].rule, "promo-code");
    ///
    /// let twice = Options::default().with_rule_files(&[&file, &file]).unwrap_err();
    /// assert!(twice.to_string().starts_with("rule id `promo-code` is defined in both"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn with_rule_files<P: AsRef<std::path::Path>>(self, paths: &[P]) -> Result<Options, Error> {
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let path = path.as_ref();
            let text =
                std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.into(), source })?;
            files.push((path, text));
        }
        self.with_rule_texts(files.iter().map(|(path, text)| (*path, text.as_str())))
    }

    /// Adds the rules of rule files already read: each item is a file's path (for messages)
    /// and its text. The same as [`with_rule_files`](Self::with_rule_files) otherwise, for
    /// callers that ship rule files' contents rather than paths (to other machines, say).
    ///
    /// ```
    /// use dechaff::Options;
    ///
    /// let text = "[[rule]]\nid = \"promo-code\"\ncategory = \"ads\"\npatterns = ['^Use code \\w+$']\n";
    /// let options = Options::default().with_rule_texts([("house.toml".as_ref(), text)]).unwrap();
    /// assert_eq!(options.custom[0].id, "promo-code");
    /// ```
    pub fn with_rule_texts<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a std::path::Path, &'a str)>,
    ) -> Result<Options, Error> {
        // Which file each rule id came from: an id is one rule, in one file.
        let mut from: std::collections::HashMap<String, &std::path::Path> = std::collections::HashMap::new();
        for (path, text) in files {
            let file = crate::rulefile::parse(path, text)?;
            for rule in &file.rules {
                if let Some(first) = from.insert(rule.id.clone(), path) {
                    return Err(Error::DuplicateRule {
                        id: rule.id.clone(),
                        first: first.into(),
                        second: path.into(),
                    });
                }
            }
            self.custom.extend(file.rules);
            self.ignore.extend(file.disable);
        }
        Ok(self)
    }
}

/// A rule written as data (see [`crate::rulefile`]): patterns for whole lines or spans.
///
/// ```
/// use dechaff::{Cleaner, CustomRule, Options, Profile, Region};
///
/// let rule = CustomRule {
///     id: "promo-code".into(),
///     category: "ads".into(),
///     span: false,
///     patterns: vec![r"^Use code \w+ at checkout$".into()],
///     region: Region::Anywhere,
///     profile: Profile::Safe,
/// };
/// let cleaner = Cleaner::new(&Options { custom: vec![rule], ..Options::default() }).unwrap();
/// assert_eq!(cleaner.clean("Use code SAVE10 at checkout\nPrices rose.\n").text, "Prices rose.\n");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomRule {
    /// Kebab-case id, unique among all rules.
    pub id: String,
    /// A category name, built-in or new, for `--select` and `--ignore`.
    pub category: String,
    /// Whether the patterns match whole (trimmed) lines or spans to cut out of lines.
    pub span: bool,
    /// Regular expressions in the syntax of the `regex` crate.
    pub patterns: Vec<String>,
    /// Where in the document the rule may fire.
    pub region: Region,
    /// The least aggressive profile that runs it.
    pub profile: Profile,
}

/// A rule the engine can run: built-in, or written as data.
#[derive(Clone, Copy, Debug)]
pub enum AnyRule<'a> {
    /// A built-in rule.
    Builtin(&'static Rule),
    /// A rule from a rule file.
    Custom(&'a CustomRule),
}

impl AnyRule<'_> {
    /// The rule's id.
    pub fn id(&self) -> &str {
        match self {
            AnyRule::Builtin(r) => r.id,
            AnyRule::Custom(r) => &r.id,
        }
    }

    /// The rule's category name.
    pub fn category(&self) -> &str {
        match self {
            AnyRule::Builtin(r) => r.category.name(),
            AnyRule::Custom(r) => &r.category,
        }
    }

    fn profile(&self) -> Profile {
        match self {
            AnyRule::Builtin(r) => r.profile,
            AnyRule::Custom(r) => r.profile,
        }
    }

    fn region(&self) -> Region {
        match self {
            AnyRule::Builtin(r) => r.region,
            AnyRule::Custom(r) => r.region,
        }
    }
}

/// One deletion: which rule made it, where, and what it removed.
///
/// ```
/// use dechaff::{Cleaner, Options};
///
/// let input = "Talks resumed.\nViews: 1581\n";
/// let cleaned = Cleaner::new(&Options::default()).unwrap().clean(input);
/// let removal = &cleaned.removals[0];
/// assert_eq!(&*removal.rule, "view-counter");
/// assert_eq!(removal.lines, (2, 2));
/// assert_eq!(removal.bytes, 15..27);
/// assert_eq!(removal.text(input), "Views: 1581\n");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    /// The id of the rule that removed it.
    pub rule: Arc<str>,
    /// 1-based line numbers of the first and last line it touches.
    pub lines: (usize, usize),
    /// The removed bytes of the input: whole lines with their line endings, or an exact span.
    pub bytes: Range<usize>,
    /// Whether whole lines went (`false` for a span cut out of a line that stays).
    pub whole_lines: bool,
    /// Extra evidence a rule gives for this removal (a score, the deciding features).
    pub detail: Option<String>,
}

impl Removal {
    /// The removed text, as it stood in `input` (the text that was cleaned; another text
    /// may panic or give other bytes).
    pub fn text<'a>(&self, input: &'a str) -> &'a str {
        &input[self.bytes.clone()]
    }
}

/// The result of cleaning one text: the input minus whole lines or exact spans (and
/// whitespace tidying), and a record of every deletion.
///
/// ```
/// use dechaff::{Cleaner, Options};
///
/// let cleaned = Cleaner::new(&Options::default()).unwrap().clean("Share this article\nRain is due.\n");
/// assert_eq!(cleaned.text, "Rain is due.\n");
/// assert_eq!(cleaned.removals.len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaned {
    /// The cleaned text.
    pub text: String,
    /// Every deletion, in input order.
    pub removals: Vec<Removal>,
}

impl Cleaned {
    /// How many lines each rule removed, in the order of each rule's first removal: a run of
    /// whole lines counts each line, spans cut from one line count that line once. This is
    /// what `dechaff clean --annotate` writes.
    ///
    /// ```
    /// use dechaff::{Cleaner, Options};
    ///
    /// let cleaned = Cleaner::new(&Options::default()).unwrap().clean("Rain.\nViews: 1\nViews: 2\nLeave a comment\n");
    /// let counts = cleaned.lines_per_rule();
    /// let counts: Vec<(&str, usize)> = counts.iter().map(|(r, n)| (&**r, *n)).collect();
    /// assert_eq!(counts, [("view-counter", 2), ("comment-prompt", 1)]);
    /// ```
    pub fn lines_per_rule(&self) -> Vec<(Arc<str>, usize)> {
        let mut tally: Vec<(Arc<str>, usize)> = Vec::new();
        // The lines each rule has cut spans from, counted once whatever lies between.
        let mut spans: std::collections::HashSet<(&str, usize)> = std::collections::HashSet::new();
        for r in &self.removals {
            let lines = if r.whole_lines {
                r.lines.1 - r.lines.0 + 1
            } else {
                usize::from(spans.insert((&*r.rule, r.lines.0)))
            };
            match tally.iter_mut().find(|(id, _)| *id == r.rule) {
                Some((_, n)) => *n += lines,
                None => tally.push((r.rule.clone(), lines)),
            }
        }
        tally
    }
}

/// A rule as the engine runs it: built-in or from a user's rule file.
struct Active {
    id: Arc<str>,
    region: Region,
}

/// The kind of line `index` is for the gate: whether it lies in the head (1), the tail (2),
/// both (3) or neither (0). Its untrimmed text, which only span patterns read, is a kind of
/// its own: `line_kind(…) | WHOLE`.
fn line_kind(doc: &Document, index: usize) -> usize {
    usize::from(doc.is_head(index)) | usize::from(doc.is_tail(index)) << 1
}

/// The bit of a line's kind that says the gate reads its untrimmed text.
const WHOLE: usize = 0b100;

/// What a later round knows of the first: the input, each input line's candidate patterns, and
/// the input line of each line of the text the round cleans.
type Earlier<'a, 'b> = (&'a Document<'b>, &'a Candidates, &'a [usize]);

/// Per line, the patterns that might match it (`candidates[i]`, in rule order): one list for
/// the whole text, so that a line without any costs a number, not a vector.
struct Candidates {
    /// Where each line's patterns end in `ids` (32 bits: every line has one; `ids` would need
    /// 32 GiB to outgrow them).
    ends: Vec<u32>,
    ids: Vec<usize>,
}

impl std::ops::Index<usize> for Candidates {
    type Output = [usize];

    fn index(&self, line: usize) -> &[usize] {
        let start = if line == 0 { 0 } else { self.ends[line - 1] as usize };
        &self.ids[start..self.ends[line] as usize]
    }
}

/// A repeat rule's test of a line's trimmed text.
type LinePredicate = fn(&str) -> bool;

/// A block rule's function from a trigger line to the lines that go with it.
type Extend = fn(&Document, usize) -> Range<usize>;

/// Runs a fixed set of rules over texts. Cheap to share across threads (`Send + Sync`): it
/// holds only compiled patterns and plain function pointers. Build one and reuse it: building
/// compiles a few hundred patterns.
///
/// Cleaning is deterministic and idempotent: cleaning the output again changes nothing.
///
/// ```
/// use dechaff::{Cleaner, Options};
///
/// let cleaner = Cleaner::new(&Options::default()).unwrap();
/// let once = cleaner.clean("Talks resumed on Monday.\nViews: 1581\n").text;
/// assert_eq!(once, "Talks resumed on Monday.\n");
/// assert_eq!(cleaner.clean(&once).text, once);
///
/// // One cleaner, many threads.
/// std::thread::scope(|s| {
///     for text in ["a\nViews: 3\n", "b\nViews: 4\n"] {
///         let cleaner = &cleaner;
///         s.spawn(move || assert_eq!(cleaner.clean(text).text.len(), 2));
///     }
/// });
/// ```
pub struct Cleaner {
    rules: Vec<Active>,
    /// Every line, span and block-trigger pattern, in rule order.
    patterns: Vec<Pattern>,
    /// All of `patterns` at once, widened: one pass over a line says which might match it.
    gate: Option<Gate>,
    /// Line rules whose matches the structure around them can spare, with the function that
    /// says which.
    spares: Vec<(usize, Spare)>,
    /// Repeat rules: the rule, which copies may go, and which go in any text.
    repeats: Vec<(usize, LinePredicate, LinePredicate)>,
    /// Block rules: the rule and the function that extends a trigger line to its block.
    blocks: Vec<(usize, Extend)>,
    contexts: Vec<(usize, Check)>,
    /// The context rules' tests for a page that shows its furniture without pattern junk.
    evidences: Vec<Evidence>,
    edges: Vec<(usize, Check)>,
    scorers: Vec<(usize, Scorer)>,
    tidy: Vec<(usize, Tidy)>,
}

impl std::fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.rules.iter().map(|r| &*r.id).collect();
        f.debug_struct("Cleaner").field("rules", &ids).finish_non_exhaustive()
    }
}

/// One pattern of a line, span or block rule.
struct Pattern {
    /// The index of its rule in `Cleaner::rules`.
    rule: usize,
    role: Role,
    source: Box<str>,
    /// Compiled the first time a line needs it: the gate spares most patterns most lines.
    regex: OnceLock<Regex>,
    /// For line and trigger patterns, which only ask whether a line matches: compiled the
    /// first time a line needs it, and far cheaper to compile than `regex`.
    matcher: OnceLock<Option<Matcher>>,
}

impl Pattern {
    fn builtin<'a>(rule: usize, role: Role, sources: &'a [&str]) -> impl Iterator<Item = Pattern> + 'a {
        sources.iter().map(move |p| Pattern::new(rule, role, p, OnceLock::new()))
    }

    fn new(rule: usize, role: Role, source: &str, regex: OnceLock<Regex>) -> Pattern {
        Pattern { rule, role, source: source.into(), regex, matcher: OnceLock::new() }
    }

    /// The kinds of line (see `line_kind`) the pattern may match where its rule has `region`.
    /// A block may start outside the region that holds its end, so a trigger may match
    /// anywhere. Only span patterns read untrimmed lines.
    fn scope(&self, region: Region) -> Scope {
        let trimmed = match (self.role, region) {
            (Role::Trigger(_), _) | (_, Region::Anywhere) => 0b1111,
            (_, Region::Head) => 0b1010,
            (_, Region::Tail) => 0b1100,
        };
        if self.role == Role::Span {
            trimmed | trimmed << WHOLE
        } else {
            trimmed
        }
    }

    fn regex(&self) -> &Regex {
        // Custom patterns are compiled when the cleaner is built; built-in ones are compiled
        // by the registry's tests with this same function.
        self.regex.get_or_init(|| compile("", &self.source).expect("a built-in pattern compiles"))
    }

    /// Whether the pattern matches somewhere in `haystack`: what `regex().is_match` says.
    fn is_match(&self, haystack: &str) -> bool {
        match self.matcher.get_or_init(|| Matcher::new(&self.source)) {
            Some(matcher) => matcher.is_match(haystack),
            None => self.regex().is_match(haystack),
        }
    }
}

/// What a pattern matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A whole trimmed line that goes.
    Line,
    /// Spans of the untrimmed line that go.
    Span,
    /// A trimmed line that starts a block; the block rule's index in `Cleaner::blocks`.
    Trigger(usize),
}

impl Cleaner {
    /// Builds a cleaner from the built-in and custom rules that `options` choose. Fails on a
    /// rule or category name that does not exist and on a custom pattern that does not compile.
    ///
    /// ```
    /// use dechaff::{Cleaner, Options, Profile};
    ///
    /// let page = Cleaner::new(&Options { profile: Profile::Page, ..Options::default() }).unwrap();
    /// assert!(page.rule_ids().any(|id| id == "page-boilerplate"));
    /// ```
    pub fn new(options: &Options) -> Result<Self, Error> {
        let all: Vec<AnyRule> = rules::ALL
            .iter()
            .map(|r| AnyRule::Builtin(r))
            .chain(options.custom.iter().map(AnyRule::Custom))
            .collect();
        let chosen = choose(&all, options)?;
        Self::from_any(&chosen)
    }

    /// Builds a cleaner that runs exactly these built-in `rules`, in that order.
    ///
    /// ```
    /// let rule = dechaff::rules().iter().copied().find(|r| r.id == "view-counter").unwrap();
    /// let cleaner = dechaff::Cleaner::from_rules(&[rule]).unwrap();
    /// assert_eq!(cleaner.rule_ids().collect::<Vec<_>>(), ["view-counter"]);
    /// ```
    pub fn from_rules(rules: &[&'static Rule]) -> Result<Self, Error> {
        Self::from_any(&rules.iter().map(|r| AnyRule::Builtin(r)).collect::<Vec<_>>())
    }

    /// Builds a cleaner that runs exactly `rules`, in that order.
    #[doc(hidden)]
    pub fn from_any(rules: &[AnyRule]) -> Result<Self, Error> {
        let mut active = Vec::new();
        let mut patterns = Vec::new();
        let mut blocks = Vec::new();
        let mut contexts = Vec::new();
        let mut evidences = Vec::new();
        let mut edges = Vec::new();
        let mut scorers = Vec::new();
        let mut tidy = Vec::new();
        let mut spares = Vec::new();
        let mut repeats = Vec::new();
        for any in rules {
            let index = active.len();
            active.push(Active { id: Arc::from(any.id()), region: any.region() });
            let rule = match any {
                AnyRule::Builtin(rule) => rule,
                AnyRule::Custom(custom) => {
                    let role = if custom.span { Role::Span } else { Role::Line };
                    for p in &custom.patterns {
                        let regex = OnceLock::from(compile(&custom.id, p)?);
                        patterns.push(Pattern::new(index, role, p, regex));
                    }
                    continue;
                }
            };
            match rule.kind {
                Kind::Line(sources) => patterns.extend(Pattern::builtin(index, Role::Line, sources)),
                Kind::LineUnless { patterns: sources, spare } => {
                    patterns.extend(Pattern::builtin(index, Role::Line, sources));
                    spares.push((index, spare));
                }
                Kind::Span(sources) => patterns.extend(Pattern::builtin(index, Role::Span, sources)),
                Kind::Block { trigger, extend } => {
                    patterns.extend(Pattern::builtin(index, Role::Trigger(blocks.len()), trigger));
                    blocks.push((index, extend));
                }
                Kind::Repeat { goes, anywhere } => repeats.push((index, goes, anywhere)),
                Kind::Context { check, evidence } => {
                    contexts.push((index, check));
                    evidences.extend(evidence);
                }
                Kind::Edge(check) => edges.push((index, check)),
                Kind::Score(scorer) => scorers.push((index, scorer)),
                Kind::Tidy(t) => tidy.push((index, t)),
            }
        }
        let gate = Gate::new(
            &patterns.iter().map(|p| (&*p.source, p.scope(active[p.rule].region))).collect::<Vec<_>>(),
        );
        Ok(Cleaner {
            rules: active,
            patterns,
            gate,
            spares,
            repeats,
            blocks,
            contexts,
            evidences,
            edges,
            scorers,
            tidy,
        })
    }

    /// The ids of the rules this cleaner runs, in order.
    ///
    /// ```
    /// use dechaff::{Cleaner, Options};
    ///
    /// let options = Options { select: vec!["view-counter".into()], ..Options::default() };
    /// let cleaner = Cleaner::new(&options).unwrap();
    /// let ids: Vec<&str> = cleaner.rule_ids().collect();
    /// assert!(ids.contains(&"view-counter"));
    /// ```
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| &*r.id)
    }

    /// Cleans one text. Any text is accepted; cleaning never fails.
    ///
    /// ```
    /// use dechaff::{Cleaner, Options};
    ///
    /// let cleaned = Cleaner::new(&Options::default()).unwrap().clean("Rain is due.\nLeave a comment\n");
    /// assert_eq!(cleaned.text, "Rain is due.\n");
    /// assert_eq!(&*cleaned.removals[0].rule, "comment-prompt");
    /// ```
    pub fn clean(&self, text: &str) -> Cleaned {
        self.run(text, true)
    }

    /// Cleans one text as [`Cleaner::clean`] does, but its removals carry no detail (the page
    /// classifier's evidence), which spares formatting it: for callers that only count
    /// removals, such as the JSON Lines mode.
    ///
    /// ```
    /// use dechaff::{Cleaner, Options};
    ///
    /// let cleaner = Cleaner::new(&Options::default()).unwrap();
    /// let text = "Rain is due.\nViews: 12\n";
    /// assert_eq!(cleaner.clean_without_details(text).text, cleaner.clean(text).text);
    /// ```
    pub fn clean_without_details(&self, text: &str) -> Cleaned {
        self.run(text, false)
    }

    /// Runs the rules over `text`, then over what they leave, until they leave it as it is.
    ///
    /// Rules that look at a line's neighbours, its block or its place in the text (menus,
    /// repeated lines, the head and tail, the page classifier) can decide otherwise once other
    /// lines are gone. So the output of a round is segmented and cleaned again, exactly as a
    /// second run over it would clean it, and what that round removes is added to the record
    /// of the first; the text is clean when a round removes nothing. Most texts need one
    /// round to clean and one to confirm, and the confirming round reuses what the first
    /// learnt of each line whose text and place did not change.
    fn run(&self, text: &str, explain: bool) -> Cleaned {
        let doc = Document::new(text);
        let names: Vec<&str> = self.rules.iter().map(|r| &*r.id).collect();
        let mut searcher = self.gate.as_ref().map(|g| g.searcher(text));
        let first = self.candidates(&doc, searcher.as_mut(), None);
        let mut marks = Marks::empty(names.clone(), doc.lines.len());
        let mut details = Vec::new();
        // Whether a round ran the structural rules on a context rule's evidence alone: that
        // evidence is not a pattern, and the confirming round must look again.
        let mut by_evidence = self.pass(&doc, &first, &mut marks, &mut details, explain);
        // The lines the later rounds may read in all, so that crafted input stays linear.
        let mut budget = ROUND_BUDGET * doc.lines.len();
        loop {
            if !marks.changes_anything() {
                break;
            }
            if !by_evidence && self.settled(&doc, &marks, &first, searcher.as_mut()) {
                break;
            }
            // What a second run would read: the lines kept, as they are kept. The line of the
            // input that each of its lines is, in order.
            let origin: Vec<usize> = (0..doc.lines.len()).filter(|&i| !marks.deleted(i)).collect();
            let Some(left) = budget.checked_sub(origin.len()) else { break };
            budget = left;
            let split = split_lines(&doc, &marks, &origin);
            let again = view(&doc, &marks, &origin, &split);
            let candidates = self.candidates(&again, searcher.as_mut(), Some((&doc, &first, &origin)));
            let mut more = Marks::empty(names.clone(), again.lines.len());
            let mut more_details = Vec::new();
            by_evidence |= self.pass(&again, &candidates, &mut more, &mut more_details, explain);
            if !more.changes_anything() {
                break;
            }
            merge(&doc, &mut marks, &again, &origin, &more);
            details.extend(more_details.into_iter().map(|(j, detail)| (origin[j], detail)));
        }
        let mut cleaned = self.build(&doc, &marks);
        attach_details(&mut cleaned.removals, details);
        cleaned
    }

    /// Whether a second round over what `marks` keeps would change nothing, as far as can be
    /// told without running it: no kept line lost a span to a rule or had a candidate pattern
    /// whose outcome depends on the lines around (a block trigger, a spared match), and none
    /// has a candidate now where it lost its trailing whitespace or its place in the head,
    /// tail or body changed, and no kept line is a copy of the one before it that a repeat
    /// rule takes in any text. Line, span, block and repeat rules then find nothing, so the
    /// rules that judge structure do not run, and there is nothing to tidy.
    fn settled(
        &self,
        doc: &Document,
        marks: &Marks,
        first: &Candidates,
        mut gate: Option<&mut Searcher>,
    ) -> bool {
        let trailing = self.tidy_rule(Tidy::TrailingWhitespace);
        let mut found = Vec::new();
        // Whether the gate finds no pattern for line `i`, as the second round would read it,
        // in a place of `kind`.
        let mut quiet = |i: usize, kind: usize| {
            let line = &doc.lines[i];
            let text = match marks.fate(i) {
                Fate::Cut(cuts) => &line.text[..cuts[0].0.start - line.range().start],
                _ => line.text,
            };
            let Some(gate) = gate.as_deref_mut() else { return false };
            found.clear();
            gate.which(kind, line.trimmed(), &mut found);
            if line.trimmed().len() < text.len() {
                gate.which(kind | WHOLE, text, &mut found);
            }
            found.is_empty()
        };
        let (mut total, mut kept) = (0, 0);
        let mut previous: Option<&str> = None;
        for (i, line) in doc.lines.iter().enumerate() {
            if line.is_blank() {
                continue;
            }
            total += 1;
            // A copy that a repeat rule takes in any text, next to its original now.
            if !marks.deleted(i) {
                let text = line.trimmed();
                if previous == Some(text)
                    && self.repeats.iter().any(|(_, goes, anywhere)| goes(text) && anywhere(text))
                {
                    return false;
                }
                previous = Some(text);
            }
            match marks.fate(i) {
                Fate::Delete(_) => continue,
                Fate::Cut(cuts) if cuts.iter().any(|(_, r)| Some(*r) != trailing) => return false,
                // Without its trailing whitespace, a line with none before it is its trimmed
                // text, which the gate read in the first round; one with some is read again.
                Fate::Cut(_)
                    if first[i].iter().any(|&p| self.patterns[p].role == Role::Span)
                        || (line.trimmed().as_ptr() != line.text.as_ptr()
                            && !quiet(i, line_kind(doc, i))) =>
                {
                    return false
                }
                _ => {}
            }
            // A pattern that did not match the line then does not match it now, unless what it
            // does depends on the lines around.
            if first[i].iter().any(|&p| self.depends_on_context(p)) {
                return false;
            }
            kept += 1;
        }
        if kept == 0 {
            return true;
        }
        // Only the lines at either end can be in the head or tail, before or after.
        let (old, new) = (crate::segment::edge_lines(total), crate::segment::edge_lines(kept));
        let reach = old.max(new);
        let is_kept = |i: &usize| !doc.lines[*i].is_blank() && !marks.deleted(*i);
        let head = (0..doc.lines.len()).filter(is_kept).take(reach).enumerate();
        let tail = (0..doc.lines.len()).rev().filter(is_kept).take(reach).enumerate();
        head.chain(tail.map(|(r, i)| (kept - 1 - r, i))).all(|(rank, i)| {
            let kind = usize::from(rank < new) | usize::from(kept - 1 - rank < new) << 1;
            kind == line_kind(doc, i) || quiet(i, kind)
        })
    }

    /// One round of every rule over `doc`, in the order of their kinds: line, span and block
    /// patterns, repeats, context and edge checks, scorers, then whitespace tidying. Every rule
    /// writes to `marks` and sees what the rules before it wrote there. Returns whether the
    /// structural rules ran on a context rule's evidence alone.
    fn pass<'s>(
        &'s self,
        doc: &Document,
        candidates: &Candidates,
        marks: &mut Marks<'s>,
        details: &mut Vec<(usize, String)>,
        explain: bool,
    ) -> bool {
        self.mark_lines(doc, candidates, marks);
        self.mark_spans(doc, candidates, marks);
        self.mark_blocks(doc, candidates, marks);
        // Context, edge and score rules judge a text by its structure, which only a text that
        // shows page furniture gives them reason to: one in which the patterns found no junk
        // is taken to be clean, and its lists, repeated lines and short lines its own.
        let junk = (0..doc.lines.len()).any(|i| marks.deleted(i));
        let furniture = junk || self.evidences.iter().any(|shows| shows(doc, marks));
        self.mark_repeats(doc, marks, furniture);
        if furniture {
            for (rule, check) in self.contexts.iter().chain(&self.edges) {
                for i in check(doc, marks) {
                    if i < doc.lines.len() && self.allows(*rule, doc, i) {
                        marks.delete(i, *rule);
                    }
                }
            }
            for (rule, scorer) in &self.scorers {
                let verdicts = scorer(doc, marks);
                for (k, &i) in verdicts.lines.iter().enumerate() {
                    if i < doc.lines.len() && !marks.deleted(i) {
                        marks.delete(i, *rule);
                        if explain {
                            details.push((i, (verdicts.explain)(k)));
                        }
                    }
                }
            }
        }
        self.tidy_blank_lines(doc, marks);
        if let Some(rule) = self.tidy_rule(Tidy::TrailingWhitespace) {
            for (i, line) in doc.lines.iter().enumerate() {
                let cuts = match marks.fate(i) {
                    Fate::Delete(_) => continue,
                    // Most lines end with a printable ASCII character.
                    Fate::Keep if line.text.as_bytes().last().is_none_or(u8::is_ascii_graphic) => continue,
                    Fate::Keep => &[][..],
                    Fate::Cut(cuts) => cuts,
                };
                if let Some(range) = trailing_whitespace(line, cuts) {
                    marks.cut(i, range, rule);
                }
            }
        }
        furniture && !junk
    }

    fn allows(&self, rule: usize, doc: &Document, index: usize) -> bool {
        // The gate's scopes (`Pattern::scope`, `line_kind`) say the same.
        match self.rules[rule].region {
            Region::Anywhere => true,
            Region::Head => doc.is_head(index),
            Region::Tail => doc.is_tail(index),
        }
    }

    /// Per line, the patterns that might match it, in rule order: for most lines none. Line
    /// and trigger patterns read the trimmed line, span patterns the whole line.
    ///
    /// In a later round (`earlier` gives the input, its candidates and the input line of each
    /// line of `doc`), a line whose text and kind are what they were in the input matched no
    /// line or span pattern then and matches none now; only the patterns whose outcome depends
    /// on the lines around (see [`Cleaner::depends_on_context`]) are looked at again.
    fn candidates(
        &self,
        doc: &Document,
        mut gate: Option<&mut Searcher>,
        earlier: Option<Earlier>,
    ) -> Candidates {
        let mut candidates = Candidates { ends: Vec::with_capacity(doc.lines.len()), ids: Vec::new() };
        let mut found = Vec::new();
        for (i, line) in doc.lines.iter().enumerate() {
            found.clear();
            if !line.is_blank() {
                let kind = line_kind(doc, i);
                match (earlier, gate.as_deref_mut()) {
                    (Some((input, first, origin)), _)
                        if input.lines[origin[i]].text.len() == line.text.len()
                            && line_kind(input, origin[i]) == kind =>
                    {
                        found
                            .extend(first[origin[i]].iter().copied().filter(|&p| self.depends_on_context(p)));
                    }
                    (_, None) => found.extend(0..self.patterns.len()),
                    (_, Some(gate)) => {
                        gate.which(kind, line.trimmed(), &mut found);
                        if line.trimmed().len() < line.text.len() {
                            gate.which(kind | WHOLE, line.text, &mut found);
                        }
                        found.sort_unstable();
                        found.dedup();
                    }
                }
            }
            candidates.ids.extend_from_slice(&found);
            candidates.ends.push(u32::try_from(candidates.ids.len()).expect("fewer than 2^32 candidates"));
        }
        candidates
    }

    /// Whether what pattern `p` does to a line depends on the lines around it: a block's
    /// trigger (the block depends on them), or a pattern of a line rule whose matches the
    /// structure around them can spare.
    fn depends_on_context(&self, p: usize) -> bool {
        let pattern = &self.patterns[p];
        matches!(pattern.role, Role::Trigger(_)) || self.spares.iter().any(|(rule, _)| *rule == pattern.rule)
    }

    fn mark_lines(&self, doc: &Document, candidates: &Candidates, marks: &mut Marks) {
        let mut hits = Vec::new();
        for (i, line) in doc.lines.iter().enumerate() {
            let hit = candidates[i]
                .iter()
                .map(|&p| &self.patterns[p])
                .filter(|p| p.role == Role::Line && self.allows(p.rule, doc, i))
                .find(|p| p.is_match(line.trimmed()));
            if let Some(p) = hit {
                hits.push((i, p.rule));
            }
        }
        for (rule, spare) in &self.spares {
            let lines: Vec<usize> = hits.iter().filter(|(_, r)| r == rule).map(|(i, _)| *i).collect();
            if lines.is_empty() {
                continue;
            }
            let spared = spare(doc, &lines);
            hits.retain(|(i, r)| r != rule || !spared.contains(i));
        }
        for (i, rule) in hits {
            marks.delete(i, rule);
        }
    }

    /// Cuts the span patterns' matches out of each kept line, and again out of what is left,
    /// until no pattern matches what the line keeps: a span that a cut brings to the end of
    /// the line (`… Read more » Read more »`) goes in the same round, so a second run finds
    /// nothing. Cuts that would leave nothing but whitespace are not made.
    fn mark_spans(&self, doc: &Document, candidates: &Candidates, marks: &mut Marks) {
        for (i, line) in doc.lines.iter().enumerate() {
            if marks.deleted(i) {
                continue;
            }
            let spans = || {
                candidates[i]
                    .iter()
                    .map(|&p| &self.patterns[p])
                    .filter(|p| p.role == Role::Span && self.allows(p.rule, doc, i))
            };
            if spans().next().is_none() {
                continue;
            }
            let mut cuts: Vec<(Range<usize>, usize)> = Vec::new();
            loop {
                // What the line keeps, and the input ranges it is made of.
                let parts: Vec<Range<usize>> = pieces(line, &cuts).filter(|p| !p.is_empty()).collect();
                let start = line.range().start;
                let kept: String = parts.iter().map(|p| &line.text[p.start - start..p.end - start]).collect();
                let mut found: Vec<(Range<usize>, usize)> = Vec::new();
                for p in spans() {
                    for caps in p.regex().captures_iter(&kept) {
                        let m = caps.name("junk").or_else(|| caps.get(0)).expect("group 0 always matches");
                        let range = m.range();
                        if !range.is_empty()
                            && found.iter().all(|(r, _)| r.end <= range.start || range.end <= r.start)
                        {
                            found.push((range, p.rule));
                        }
                    }
                }
                if found.is_empty() {
                    break;
                }
                let mut next = cuts.clone();
                for (range, rule) in found {
                    next.extend(input_ranges(&parts, range).map(|r| (r, rule)));
                }
                next.sort_by_key(|(r, _)| r.start);
                if !remaining(line, &next).chars().any(|c| !crate::segment::is_space(c)) {
                    break;
                }
                cuts = next;
            }
            for (range, rule) in cuts {
                marks.cut(i, range, rule);
            }
        }
    }

    /// Each line that repeats the kept line before it, where a repeat rule takes it.
    fn mark_repeats(&self, doc: &Document, marks: &mut Marks, furniture: bool) {
        for &(rule, goes, anywhere) in &self.repeats {
            let mut previous: Option<&str> = None;
            let mut hits = Vec::new();
            for (i, line) in doc.lines.iter().enumerate() {
                if line.is_blank() || marks.deleted(i) {
                    continue;
                }
                let text = line.trimmed();
                if previous == Some(text)
                    && goes(text)
                    && (furniture || anywhere(text))
                    && self.allows(rule, doc, i)
                {
                    hits.push(i);
                }
                previous = Some(text);
            }
            for i in hits {
                marks.delete(i, rule);
            }
        }
    }

    fn mark_blocks(&self, doc: &Document, candidates: &Candidates, marks: &mut Marks) {
        for (block, (rule, extend)) in self.blocks.iter().enumerate() {
            let triggers = |i: usize| {
                candidates[i]
                    .iter()
                    .map(|&p| &self.patterns[p])
                    .filter(|p| p.role == Role::Trigger(block))
                    .any(|p| p.is_match(doc.lines[i].trimmed()))
            };
            let mut i = 0;
            while i < doc.lines.len() {
                if marks.deleted(i) || !triggers(i) {
                    i += 1;
                    continue;
                }
                let range = extend(doc, i);
                let range = range.start.min(i)..range.end.clamp(i + 1, doc.lines.len());
                // The triggers inside the range extend to its end too (the contract of
                // `Kind::Block`): none of them is allowed either, and none is looked at again,
                // which keeps a run of triggers linear.
                if !self.allows(*rule, doc, range.end - 1) {
                    i = range.end;
                    continue;
                }
                for j in range.clone() {
                    if !doc.lines[j].is_blank() {
                        marks.delete(j, *rule);
                    }
                }
                i = range.end;
            }
        }
    }

    fn tidy_rule(&self, which: Tidy) -> Option<usize> {
        self.tidy.iter().find(|(_, t)| *t == which).map(|(r, _)| *r)
    }

    /// Deletes blank lines at the edges and collapses runs of blank lines that a deletion left.
    fn tidy_blank_lines(&self, doc: &Document, marks: &mut Marks) {
        let is_blank_kept = |marks: &Marks, i: usize| doc.lines[i].is_blank() && !marks.deleted(i);
        if let Some(rule) = self.tidy_rule(Tidy::BlankRun) {
            // Walk the gaps between kept non-blank lines; a gap that holds a deletion and more
            // than one blank line keeps only its first blank line.
            let mut i = 0;
            while i < doc.lines.len() {
                if !doc.lines[i].is_blank() && !marks.deleted(i) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < doc.lines.len() && (doc.lines[i].is_blank() || marks.deleted(i)) {
                    i += 1;
                }
                let gap = start..i;
                let deletion = gap.clone().any(|j| marks.deleted(j) && !doc.lines[j].is_blank());
                if deletion {
                    let mut seen = false;
                    for j in gap {
                        if is_blank_kept(marks, j) {
                            if seen {
                                marks.delete(j, rule);
                            }
                            seen = true;
                        }
                    }
                }
            }
        }
        if let Some(rule) = self.tidy_rule(Tidy::EdgeBlank) {
            for i in 0..doc.lines.len() {
                if is_blank_kept(marks, i) {
                    marks.delete(i, rule);
                } else if !marks.deleted(i) {
                    break;
                }
            }
            for i in (0..doc.lines.len()).rev() {
                if is_blank_kept(marks, i) {
                    marks.delete(i, rule);
                } else if !marks.deleted(i) {
                    break;
                }
            }
        }
    }

    /// Builds the output and the removal records in one pass over the marks.
    fn build(&self, doc: &Document, marks: &Marks) -> Cleaned {
        let mut out = String::with_capacity(doc.text.len());
        let mut removals: Vec<Removal> = Vec::new();
        let last_kept = (0..doc.lines.len()).rposition(|i| !marks.deleted(i));
        // Kept text not yet copied: runs of whole kept lines are copied at once.
        let mut pending = 0..0;
        let mut keep = |out: &mut String, bytes: Range<usize>| {
            if pending.end != bytes.start {
                out.push_str(&doc.text[pending.clone()]);
                pending.start = bytes.start;
            }
            pending.end = bytes.end;
        };
        for (i, line) in doc.lines.iter().enumerate() {
            let full = line.range().start..line.range().end + line.ending.len();
            let cuts = match marks.fate(i) {
                Fate::Delete(rule) => {
                    let mut bytes = full;
                    // Without a final newline, the line before a deleted tail loses its ending.
                    if let Some(k) = last_kept.filter(|&k| k + 1 == i && !doc.ends_with_newline()) {
                        bytes.start = doc.lines[k].range().end;
                    }
                    self.push_removal(&mut removals, rule, i, bytes, true);
                    continue;
                }
                Fate::Keep => &[][..],
                Fate::Cut(cuts) => cuts,
            };
            let mut at = line.range().start;
            for (range, rule) in cuts {
                keep(&mut out, at..range.start);
                at = range.end;
                self.push_removal(&mut removals, *rule, i, range.clone(), false);
            }
            keep(&mut out, at..line.range().end);
            if Some(i) != last_kept || doc.ends_with_newline() {
                keep(&mut out, line.range().end..full.end);
            }
        }
        out.push_str(&doc.text[pending]);
        Cleaned { text: out, removals }
    }

    fn push_removal(
        &self,
        removals: &mut Vec<Removal>,
        rule: usize,
        line: usize,
        bytes: Range<usize>,
        whole: bool,
    ) {
        let id = &self.rules[rule].id;
        let scored = self.scorers.iter().any(|(r, _)| *r == rule);
        if let Some(last) = removals.last_mut() {
            if whole
                && !scored
                && last.whole_lines
                && last.rule == *id
                && last.bytes.end == bytes.start
                && last.lines.1 == line
            {
                last.lines.1 = line + 1;
                last.bytes.end = bytes.end;
                return;
            }
        }
        removals.push(Removal {
            rule: id.clone(),
            lines: (line + 1, line + 1),
            bytes,
            whole_lines: whole,
            detail: None,
        });
    }
}

/// How many times its own length in lines the later rounds of one text may read in all.
/// Each round that changes the text removes at least one byte. Real texts settle in two or
/// three rounds; a chain of head or tail junk (each removal brings more into the tail) in a
/// few dozen, which cost little as the text shrinks; only a crafted chain of dependent
/// removals reaches the bound, which keeps the time linear (see README, *Idempotence*).
const ROUND_BUDGET: usize = 32;

/// The text each of the `origin` lines keeps where its cuts split it in two or more pieces
/// (sorted by line): only those need a string of their own.
fn split_lines(doc: &Document, marks: &Marks, origin: &[usize]) -> Vec<(usize, String)> {
    origin
        .iter()
        .filter_map(|&o| match marks.fate(o) {
            Fate::Cut(cuts) if pieces(&doc.lines[o], cuts).filter(|p| !p.is_empty()).nth(1).is_some() => {
                Some((o, remaining(&doc.lines[o], cuts)))
            }
            _ => None,
        })
        .collect()
}

/// The document a second run would read, without writing it out: the `origin` lines of `doc`,
/// each as it is kept. A line cut at its ends only is a slice of the input, so its byte range
/// is the input's; a line split in the middle is its string in `split`, with its range counted
/// from 0. Either way a span found in it maps back through [`merge`].
fn view<'a>(
    doc: &Document<'a>,
    marks: &Marks,
    origin: &[usize],
    split: &'a [(usize, String)],
) -> Document<'a> {
    let lines = origin.iter().map(|&o| {
        let line = &doc.lines[o];
        let kept = match marks.fate(o) {
            Fate::Cut(cuts) => match split.binary_search_by_key(&o, |(i, _)| *i) {
                Ok(k) => return (split[k].1.as_str(), 0..split[k].1.len(), line.ending.as_str()),
                Err(_) => {
                    pieces(line, cuts).find(|p| !p.is_empty()).unwrap_or(line.range().end..line.range().end)
                }
            },
            _ => line.range(),
        };
        (&doc.text[kept.clone()], kept, line.ending.as_str())
    });
    Document::from_lines(doc.text, origin.len(), lines)
}

/// The byte ranges of the input that line `line` keeps once `cuts` (sorted) are taken out.
fn pieces<'c>(line: &Line, cuts: &'c [(Range<usize>, usize)]) -> impl Iterator<Item = Range<usize>> + 'c {
    let (start, end) = (line.range().start, line.range().end);
    let starts = std::iter::once(start).chain(cuts.iter().map(|(r, _)| r.end));
    let ends = cuts.iter().map(|(r, _)| r.start).chain(std::iter::once(end));
    starts.zip(ends).map(|(a, b)| a..b)
}

/// The input ranges that bytes `range` of a text made of `pieces` (input ranges, in order)
/// come from: one per piece the range reaches into.
fn input_ranges(pieces: &[Range<usize>], range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0;
    pieces.iter().filter_map(move |piece| {
        let (s, e) = (range.start.max(offset), range.end.min(offset + piece.len()));
        let at = offset;
        offset += piece.len();
        (s < e).then(|| piece.start + s - at..piece.start + e - at)
    })
}

/// Adds what a later round decided about the lines of `again` (the output of the rounds so
/// far; `origin` gives each of its lines' input line) to `marks`, the record over the input.
/// A span cut from an output line is cut from the input line around the spans cut before.
fn merge(doc: &Document, marks: &mut Marks, again: &Document, origin: &[usize], more: &Marks) {
    for (j, &o) in origin.iter().enumerate() {
        match more.fate(j) {
            Fate::Keep => {}
            Fate::Delete(rule) => marks.delete(o, rule),
            Fate::Cut(cuts) => {
                // The input bytes the output line is made of, in order.
                let pieces: Vec<Range<usize>> = match marks.fate(o) {
                    Fate::Cut(before) => pieces(&doc.lines[o], before).filter(|p| !p.is_empty()).collect(),
                    _ => vec![doc.lines[o].range()],
                };
                let base = again.lines[j].range().start;
                let mapped: Vec<(Range<usize>, usize)> = cuts
                    .iter()
                    .flat_map(|(range, rule)| {
                        input_ranges(&pieces, range.start - base..range.end - base).map(|r| (r, *rule))
                    })
                    .collect();
                for (range, rule) in mapped {
                    marks.cut(o, range, rule);
                }
            }
        }
    }
}

/// Gives each scored line's removal its evidence. Scored lines are never merged into one
/// removal (see [`Cleaner::push_removal`]), so each line's removal is its own.
fn attach_details(removals: &mut [Removal], details: Vec<(usize, String)>) {
    if details.is_empty() {
        return;
    }
    let mut details: std::collections::HashMap<usize, String> = details.into_iter().collect();
    for removal in removals.iter_mut().filter(|r| r.whole_lines && r.lines.0 == r.lines.1) {
        removal.detail = details.remove(&(removal.lines.0 - 1));
    }
}

/// The text a line keeps once `cuts` are taken out.
fn remaining(line: &Line, cuts: &[(Range<usize>, usize)]) -> String {
    let start = line.range().start;
    pieces(line, cuts).map(|p| &line.text[p.start - start..p.end - start]).collect()
}

/// The absolute range of trailing whitespace on what a line keeps after `cuts` (sorted), if any.
/// It never reaches into a cut, so a run of whitespace before a cut at the end is what goes.
fn trailing_whitespace(line: &Line, cuts: &[(Range<usize>, usize)]) -> Option<Range<usize>> {
    let mut end = line.range().end;
    for (range, _) in cuts.iter().rev() {
        if range.end == end {
            end = range.start;
        }
    }
    let kept = &line.text[..end - line.range().start];
    let trimmed = kept.trim_end();
    let start = line.range().start + trimmed.len();
    // Do not cut into an earlier cut's range: stop at the last cut's end before `end`.
    let floor = cuts.iter().map(|(r, _)| r.end).filter(|&e| e <= end).max().unwrap_or(line.range().start);
    let start = start.max(floor);
    (start < end).then_some(start..end)
}

fn compile(id: &str, pattern: &str) -> Result<Regex, Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(DFA_CACHE)
        .build()
        .map_err(|e| regex_error(id, &e))
}

fn regex_error(id: &str, e: &regex::Error) -> Error {
    Error::Pattern { rule: id.to_owned(), message: e.to_string() }
}

/// How large one compiled pattern may grow: many are multilingual and Unicode-aware, beyond
/// the regex crate's default limit.
const SIZE_LIMIT: usize = 64 << 20;
/// The lazy DFA cache of one compiled pattern, per thread: enough for the largest built-in
/// pattern's forward automaton (`^.{10,400}…` needs about 600 KB); the regex crate's default
/// (2 MB) times many patterns and threads would add up.
const DFA_CACHE: usize = 1 << 20;

/// Chooses the rules `options` ask for, in the order of `all`.
pub fn choose<'a>(all: &[AnyRule<'a>], options: &Options) -> Result<Vec<AnyRule<'a>>, Error> {
    let mut names: Vec<&str> = all.iter().flat_map(|r| [r.id(), r.category()]).collect();
    names.sort_unstable();
    names.dedup();
    for name in options.select.iter().chain(&options.extend_select).chain(&options.ignore) {
        if name != "all" && names.binary_search(&name.as_str()).is_err() {
            return Err(Error::UnknownRule { name: name.clone(), suggestion: suggest(name, &names) });
        }
    }
    let named = |list: &[String], rule: &AnyRule| {
        list.iter().any(|n| n == "all" || n == rule.id() || n == rule.category())
    };
    let whitespace = rules::Category::Whitespace.name();
    Ok(all
        .iter()
        .copied()
        .filter(|rule| {
            let base = if options.select.is_empty() {
                rule.profile() <= options.profile
            } else {
                named(&options.select, rule) || rule.category() == whitespace
            };
            (base || named(&options.extend_select, rule)) && !named(&options.ignore, rule)
        })
        .collect())
}

/// The known name closest to `name`, when one is close enough to be a likely typo.
pub fn suggest(name: &str, known: &[&str]) -> Option<String> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min()
        .map(|(_, k)| k.to_owned())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> Cleaned {
        Cleaner::new(&Options::default()).unwrap().clean(text)
    }

    /// The output is the input with the recorded byte ranges deleted, nothing else.
    fn assert_only_deletes(input: &str, cleaned: &Cleaned) {
        let mut rebuilt = String::new();
        let mut at = 0;
        for r in &cleaned.removals {
            assert!(r.bytes.start >= at, "removals overlap or are out of order: {:?}", cleaned.removals);
            rebuilt.push_str(&input[at..r.bytes.start]);
            at = r.bytes.end;
        }
        rebuilt.push_str(&input[at..]);
        assert_eq!(rebuilt, cleaned.text);
    }

    #[test]
    fn every_built_in_pattern_compiles_and_joins_the_gate() {
        let cleaner = Cleaner::from_rules(rules::ALL).unwrap();
        assert!(cleaner.gate.is_some(), "the gate of all rules builds");
        for p in &cleaner.patterns {
            let id = &cleaner.rules[p.rule].id;
            assert!(compile(id, &p.source).is_ok(), "{id}: {}", p.source);
        }
        assert!(cleaner.patterns.len() > 100);
    }

    /// The texts of the seeds and the rule fixtures.
    fn sample_texts() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("seeds"), root.join("tests/fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 40, "{files:?}");
        files.into_iter().map(|f| (f.clone(), std::fs::read_to_string(f).unwrap())).collect()
    }

    /// Every line of the seeds and rule fixtures, as a line of each kind, and trimmed or not:
    /// the gate reports every built-in pattern that matches it where its rule applies.
    #[test]
    fn the_gate_misses_no_match_of_a_built_in_pattern() {
        let cleaner = Cleaner::from_rules(rules::ALL).unwrap();
        let gate = cleaner.gate.as_ref().expect("the gate builds");
        let mut checked = 0;
        for (file, text) in sample_texts() {
            let mut searcher = gate.searcher(&text);
            for line in text.lines() {
                for haystack in [line, line.trim()] {
                    let matching: Vec<usize> = (0..cleaner.patterns.len())
                        .filter(|&p| cleaner.patterns[p].regex().is_match(haystack))
                        .collect();
                    for kind in 0..8 {
                        let mut found = Vec::new();
                        searcher.which(kind, haystack, &mut found);
                        for &p in &matching {
                            let rule = &cleaner.rules[cleaner.patterns[p].rule];
                            if cleaner.patterns[p].scope(rule.region) & (1 << kind) != 0 {
                                assert!(found.contains(&p), "{}: {haystack:?} in {file:?}", rule.id);
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked} matches checked");
    }

    /// Every built-in pattern's matcher says what the regex crate says, on every line of the
    /// seeds and fixtures and on lines where a word boundary meets letters beyond ASCII.
    #[test]
    fn matchers_match_what_the_regex_crate_matches() {
        let cleaner = Cleaner::from_rules(rules::ALL).unwrap();
        let mut lines: Vec<String> = sample_texts()
            .iter()
            .flat_map(|(_, text)| text.lines().flat_map(|l| [l.to_owned(), l.trim().to_owned()]))
            .collect();
        for extra in [
            "© 2024 Société Générale. Tous droits réservés.",
            "Copyright©2024 Ünal Öztürk",
            "ⓒ2024éditions",
            "Leave a commenté",
            "Views: 1 234 просмотров",
            "Фото: Иван Петров",
            "写真：共同通信",
            "By Ürsula Ñúñez and José Álvarez | Reuters",
            "Lesen Sie weiter…",
        ] {
            lines.push(extra.to_owned());
        }
        let (mut matched, mut compared) = (0, 0);
        for p in &cleaner.patterns {
            for line in &lines {
                let expected = p.regex().is_match(line);
                assert_eq!(p.is_match(line), expected, "{:?} on {line:?}", p.source);
                matched += usize::from(expected);
                compared += 1;
            }
        }
        assert!(matched > 500 && compared > 100_000, "{matched} of {compared}");
    }

    #[test]
    fn span_patterns_read_the_untrimmed_line() {
        // The gate reads the trimmed line first; a span that needs the trailing spaces is found
        // on the whole line.
        let custom = CustomRule {
            id: "trailing-tag".into(),
            category: "custom".into(),
            span: true,
            patterns: vec![r"\[x\] +$".into()],
            region: Region::Anywhere,
            profile: Profile::Safe,
        };
        let cleaner = Cleaner::from_any(&[AnyRule::Custom(&custom)]).unwrap();
        let out = cleaner.clean("Body text [x]  \nMore text.\n");
        assert_eq!(out.text, "Body text \nMore text.\n");
        assert_only_deletes("Body text [x]  \nMore text.\n", &out);
    }

    #[test]
    fn keeps_line_endings_and_missing_final_newline() {
        let input = "Body line one.\r\nViews: 12\r\nBody line two.";
        let out = clean(input);
        assert_eq!(out.text, "Body line one.\r\nBody line two.");
        assert_only_deletes(input, &out);
    }

    #[test]
    fn deleted_last_line_takes_the_ending_before_it() {
        let input = "Body.\n\nLeave a comment";
        let out = clean(input);
        assert_eq!(out.text, "Body.");
        assert_only_deletes(input, &out);
        assert_eq!(out.removals.last().unwrap().lines, (3, 3));
    }

    #[test]
    fn collapses_only_blank_runs_left_by_deletions() {
        let input = "A.\n\n\nB.\n\nViews: 3\n\nC.\n";
        let out = clean(input);
        assert_eq!(out.text, "A.\n\n\nB.\n\nC.\n");
        assert_only_deletes(input, &out);
    }

    #[test]
    fn trailing_nbsp_goes() {
        let input = "Body.\u{a0}\nMore.  \n";
        let out = clean(input);
        assert_eq!(out.text, "Body.\nMore.\n");
        assert_only_deletes(input, &out);
        assert!(out.removals.iter().all(|r| &*r.rule == "trailing-whitespace"));
    }

    #[test]
    fn consecutive_deletions_by_one_rule_merge() {
        let input = "Body.\nViews: 1\nViews: 2\nMore body.\n";
        let out = clean(input);
        assert_eq!(out.removals.len(), 1);
        assert_eq!(out.removals[0].lines, (2, 3));
        assert_eq!(out.removals[0].text(input), "Views: 1\nViews: 2\n");
    }

    #[test]
    fn unknown_rule_suggests_the_closest() {
        let options = Options { ignore: vec!["veiw-counter".into()], ..Options::default() };
        match Cleaner::new(&options) {
            Err(Error::UnknownRule { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("view-counter"))
            }
            other => panic!("expected an unknown-rule error, got {other:?}"),
        }
    }

    #[test]
    fn ignoring_a_category_turns_its_rules_off() {
        let options = Options { ignore: vec!["counters".into()], ..Options::default() };
        let cleaner = Cleaner::new(&options).unwrap();
        assert!(!cleaner.rule_ids().any(|id| id == "view-counter"));
        assert_eq!(cleaner.clean("A.\nViews: 3\n").text, "A.\nViews: 3\n");
    }

    #[test]
    fn select_runs_only_the_named_rules_and_tidying() {
        let options = Options { select: vec!["view-counter".into()], ..Options::default() };
        let cleaner = Cleaner::new(&options).unwrap();
        assert_eq!(cleaner.clean("A.\nViews: 3\nLeave a comment\n").text, "A.\nLeave a comment\n");
    }

    #[test]
    fn empty_input_stays_empty() {
        let out = clean("");
        assert_eq!(out.text, "");
        assert!(out.removals.is_empty());
    }

    #[test]
    fn a_cut_before_a_deleted_tail_keeps_the_record_exact() {
        let input = "Body. \nViews: 3";
        let out = clean(input);
        assert_eq!(out.text, "Body.");
        assert_only_deletes(input, &out);
    }

    fn score_short_lines(doc: &Document, _: &Marks) -> rules::Verdicts {
        let short = |i: &usize| !doc.lines[*i].is_blank() && doc.lines[*i].trimmed().len() < 6;
        let lines: Vec<usize> = (0..doc.lines.len()).filter(short).collect();
        let named = lines.clone();
        rules::Verdicts { lines, explain: Box::new(move |k| format!("score {}", named[k])) }
    }

    static SHORT_LINES: Rule = Rule {
        id: "short-lines",
        category: rules::Category::Edges,
        kind: Kind::Score(score_short_lines),
        region: Region::Anywhere,
        profile: Profile::Page,
        doc: "",
    };

    /// The scorer of the tests after a rule that finds junk, which it needs to run.
    fn scoring() -> Cleaner {
        Cleaner::from_rules(&[rules::find("view-counter").unwrap(), &SHORT_LINES]).unwrap()
    }

    #[test]
    fn scored_lines_are_removed_one_by_one_with_their_evidence() {
        let input = "Views: 3\nHome\nMenu\nA sentence of the article.\n";
        let out = scoring().clean(input);
        assert_eq!(out.text, "A sentence of the article.\n");
        let details: Vec<_> = out.removals.iter().map(|r| (r.lines, r.detail.as_deref())).collect();
        assert_eq!(details, [((1, 1), None), ((2, 2), Some("score 1")), ((3, 3), Some("score 2"))]);
        assert_only_deletes(input, &out);
        // Without details: the same removals, none explained.
        let quiet = scoring().clean_without_details(input);
        assert_eq!(quiet.text, out.text);
        let lines: Vec<_> = quiet.removals.iter().map(|r| (r.lines, r.detail.as_deref())).collect();
        assert_eq!(lines, [((1, 1), None), ((2, 2), None), ((3, 3), None)]);
    }

    #[test]
    fn structural_rules_leave_a_text_without_junk_alone() {
        // No pattern finds junk: the scorer (and any context or edge check) does not run.
        let input = "Home\nMenu\nA sentence of the article.\n";
        assert_eq!(scoring().clean(input).text, input);
    }

    fn custom(id: &str, span: bool, pattern: &str) -> CustomRule {
        CustomRule {
            id: id.into(),
            category: "custom".into(),
            span,
            patterns: vec![pattern.into()],
            region: Region::Anywhere,
            profile: Profile::Safe,
        }
    }

    #[test]
    fn lines_per_rule_counts_a_line_once_per_rule_whatever_lies_between() {
        let (ad, x) = (custom("ad-tag", true, r"\s*\[ad\]"), custom("x-tag", true, r"\s*\[x\]"));
        let cleaner = Cleaner::from_any(&[AnyRule::Custom(&ad), AnyRule::Custom(&x)]).unwrap();
        let out = cleaner
            .clean("The council met [ad] to discuss [x] the budget [ad] again.\nPlain.\nSecond [ad] line.\n");
        assert_eq!(out.text, "The council met to discuss the budget again.\nPlain.\nSecond line.\n");
        let counts = out.lines_per_rule();
        let counts: Vec<(&str, usize)> = counts.iter().map(|(r, n)| (&**r, *n)).collect();
        assert_eq!(counts, [("ad-tag", 2), ("x-tag", 1)]);
    }

    #[test]
    fn a_second_round_sees_what_the_first_left() {
        // The span rule cuts the tag; only then is the line what the line rule takes, as a
        // second run over the output would take it.
        let (tag, label) = (custom("ad-tag", true, r" \[ad\]$"), custom("sponsored", false, r"^Sponsored$"));
        let cleaner = Cleaner::from_any(&[AnyRule::Custom(&tag), AnyRule::Custom(&label)]).unwrap();
        let input = "Body.\nSponsored [ad]\nMore body [ad]\nEnd.\n";
        let out = cleaner.clean(input);
        assert_eq!(out.text, "Body.\nMore body\nEnd.\n");
        assert_only_deletes(input, &out);
        let rules: Vec<_> = out.removals.iter().map(|r| (&*r.rule, r.lines)).collect();
        assert_eq!(rules, [("sponsored", (2, 2)), ("ad-tag", (3, 3))]);
        assert_eq!(cleaner.clean(&out.text).text, out.text);
    }

    #[test]
    fn a_span_that_a_cut_brings_to_the_end_goes_in_the_same_round() {
        let tag = custom("ad-tag", true, r" \[ad\]$");
        let cleaner = Cleaner::from_any(&[AnyRule::Custom(&tag)]).unwrap();
        let input = format!("Body.\nMore body{}\n[ad] [ad]\n", " [ad]".repeat(40));
        let out = cleaner.clean(&input);
        // The last line keeps what the pattern cannot take without emptying it.
        assert_eq!(out.text, "Body.\nMore body\n[ad]\n");
        assert_only_deletes(&input, &out);
        let spans: Vec<_> = out.removals.iter().map(|r| (r.lines.0, r.bytes.clone())).collect();
        assert_eq!(spans, [(2, 15..215), (3, 220..225)]);
        assert_eq!(cleaner.clean(&out.text).text, out.text);
    }

    #[test]
    fn a_tail_of_junk_is_taken_to_its_top_in_one_run() {
        // Each comment policy is in the tail only once the ones below it are gone.
        let policy = "The editors welcome readers' comments. Comments are moderated:\n \u{2022} We will not publish advertising.\n\n";
        let article = "Talks on the budget resumed on Monday.\n\nBoth sides said they were hopeful.\n\n";
        let input = format!("{article}{}", policy.repeat(150));
        let out = clean(&input);
        assert_eq!(out.text, article.trim_end().to_owned() + "\n");
        assert_only_deletes(&input, &out);
        assert_eq!(clean(&out.text).text, out.text);
    }

    #[test]
    fn all_junk_gives_empty_output() {
        let input = "Views: 3\nLeave a comment\n";
        let out = clean(input);
        assert_eq!(out.text, "");
        assert_only_deletes(input, &out);
    }
}
