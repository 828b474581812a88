//! The rule registry: what a rule is, the categories and kinds, and the `ALL` table.
//!
//! A rule only *describes* junk: patterns or a small pure check. It never edits text; the engine
//! ([`crate::engine`]) runs the rules, merges what they mark and applies it once.

use std::fmt;
use std::ops::Range;

mod ads;
mod bylines;
mod captions;
mod comments;
mod copyright;
mod counters;
mod duplicates;
mod edges;
mod icons;
mod labels;
mod links;
mod menus;
mod metadata;
mod navigation;
mod notices;
mod page;
mod social;
mod timestamps;
mod titles;
mod whitespace;

#[cfg(test)]
pub(crate) mod testing;

use crate::segment::Document;

/// What a rule is handed by the engine and how it marks junk.
#[derive(Clone, Copy)]
pub enum Kind {
    /// Whole-line patterns: a line goes when its trimmed text matches one of them.
    Line(&'static [&'static str]),
    /// Whole-line patterns whose matches the structure around them can spare: a line goes when
    /// its trimmed text matches one of `patterns` and `spare`, handed the document and every
    /// line the patterns matched, does not return it (the dated headings of a timeline).
    LineUnless {
        /// Patterns a line's trimmed text must match.
        patterns: &'static [&'static str],
        /// The matched lines that stay.
        spare: Spare,
    },
    /// Span patterns: the match (or its `junk` group) is cut out of the line, the rest stays.
    /// A span that would leave nothing but whitespace is not cut (a line rule's job).
    Span(&'static [&'static str]),
    /// A trigger line and the lines that belong to it: `extend` gets the document and the
    /// trigger's line index and returns the range of lines that go with it. The rule's region
    /// is checked against the last of them. A trigger inside the range of an earlier one must
    /// extend to the same end: the engine does not look at it again.
    Block {
        /// Patterns a trigger line's trimmed text must match.
        trigger: &'static [&'static str],
        /// The lines that go with a trigger (a range of line indices that holds the trigger).
        extend: fn(&Document, usize) -> Range<usize>,
    },
    /// A line that repeats the kept line before it (blank lines and deleted lines between do
    /// not count). A copy of a line that `goes` accepts is removed in a text in which the
    /// patterns found junk, and a copy of one that `anywhere` accepts in any text.
    Repeat {
        /// Whether a copy of this (trimmed) line may go at all.
        goes: fn(&str) -> bool,
        /// Whether a copy of this line goes even in a text without other junk.
        anywhere: fn(&str) -> bool,
    },
    /// A check over the whole document that sees what the line, span and block rules marked.
    /// It runs only on a text in which they deleted a line, or which a context rule's
    /// `evidence` shows to be a page: junk next to junk, or the structure of a page that shows
    /// its furniture. Any other text is taken to be clean, and its lists, repeated lines and
    /// short lines its own.
    Context {
        /// The lines the check marks.
        check: Check,
        /// Whether a text shows this kind of furniture plainly enough on its own (the same
        /// menu printed twice) for the context, edge and score rules to run in it even
        /// though no pattern found junk.
        evidence: Option<Evidence>,
    },
    /// A check over the clusters at the head and tail of the document, after the context
    /// checks; it runs only where they do.
    Edge(Check),
    /// A scorer over the whole document, after every other rule: returns the lines it removes,
    /// with the evidence (score, deciding features) that `--explain` shows. Like a
    /// context check, it runs only where the line, span and block rules deleted a line.
    Score(Scorer),
    /// Whitespace tidying, applied by the engine after all deletions.
    Tidy(Tidy),
}

impl Kind {
    /// The kind's name as `dechaff rules ID` shows it: `line`, `span`, `block`, `repeat`,
    /// `context`, `edge`, `score` or `whitespace`.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Line(_) | Kind::LineUnless { .. } => "line",
            Kind::Span(_) => "span",
            Kind::Block { .. } => "block",
            Kind::Repeat { .. } => "repeat",
            Kind::Context { .. } => "context",
            Kind::Edge(_) => "edge",
            Kind::Score(_) => "score",
            Kind::Tidy(_) => "whitespace",
        }
    }
}

/// Of the lines a rule's patterns matched (ascending), those that stay.
pub type Spare = fn(&Document, &[usize]) -> Vec<usize>;

/// Whether a document shows page furniture on its own evidence.
pub type Evidence = fn(&Document, &Marks) -> bool;

/// A document-level check: returns the indices of the lines it marks.
pub type Check = fn(&Document, &Marks) -> Vec<usize>;

/// A document scorer: returns the lines it removes, and how to explain each.
pub type Scorer = fn(&Document, &Marks) -> Verdicts;

/// What a scorer removes: the lines, and their evidence (score, deciding features), which is
/// only put into words when a caller asks for details (`--explain`): most callers never do.
pub struct Verdicts {
    /// The lines removed, ascending.
    pub lines: Vec<usize>,
    /// The evidence for `lines[k]`, given `k`.
    pub explain: Box<dyn Fn(usize) -> String>,
}

/// What happens to one line, as far as the rules that ran so far decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fate<'m> {
    /// Kept whole.
    Keep,
    /// Deleted whole by the rule with this index in [`Marks`]' names.
    Delete(usize),
    /// Kept, with these byte ranges (absolute, sorted, disjoint) cut by these rules.
    Cut(&'m [(Range<usize>, usize)]),
}

/// A line's [`Fate`] as [`Marks`] keeps it, in 32 bits, since every line has one: 0 keeps the
/// line, `rule + 1` deletes it, and with the top bit set the rest is the index of its cuts in
/// `Marks::cuts`. (There are a few hundred rules; 2^31 lines with cuts would need 64 GiB.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Slot(u32);

impl Slot {
    const KEEP: Slot = Slot(0);
    const CUT: u32 = 1 << 31;

    fn delete(rule: usize) -> Slot {
        Slot(u32::try_from(rule + 1).ok().filter(|&r| r < Slot::CUT).expect("fewer than 2^31 rules"))
    }

    fn cut(index: usize) -> Slot {
        Slot(
            u32::try_from(index).ok().filter(|&k| k < Slot::CUT).expect("fewer than 2^31 lines with cuts")
                | Slot::CUT,
        )
    }

    fn deleted(self) -> bool {
        self.0 != 0 && self.0 & Slot::CUT == 0
    }
}

/// The one record of what the rules have decided about each line of a document: which rule
/// deletes it, or which spans are cut out of it. The engine writes it as each rule runs, so
/// every check and scorer sees the deletions of the rules before it.
#[derive(Clone, Debug, Default)]
pub struct Marks<'a> {
    /// The rules' ids, by the index a [`Fate`] names.
    names: Vec<&'a str>,
    fates: Vec<Slot>,
    /// The cuts of the lines that have some, by the index their [`Slot`] names (a line
    /// deleted after it was cut leaves its entry unused).
    cuts: Vec<Vec<(Range<usize>, usize)>>,
}

impl<'a> Marks<'a> {
    /// Marks from the rule id (or none) of each line.
    pub fn new(rules: Vec<Option<&'a str>>) -> Self {
        let mut names: Vec<&'a str> = Vec::new();
        let fates = rules
            .into_iter()
            .map(|id| match id {
                None => Slot::KEEP,
                Some(id) => Slot::delete(names.iter().position(|n| *n == id).unwrap_or_else(|| {
                    names.push(id);
                    names.len() - 1
                })),
            })
            .collect();
        Marks { names, fates, cuts: Vec::new() }
    }

    /// No line marked yet, for `lines` lines and rules named `names` (by index).
    pub(crate) fn empty(names: Vec<&'a str>, lines: usize) -> Self {
        Marks { names, fates: vec![Slot::KEEP; lines], cuts: Vec::new() }
    }

    /// Records that the rule with index `rule` deletes line `index`, unless a rule already
    /// does (spans cut from it before are then part of the deleted line).
    pub(crate) fn delete(&mut self, index: usize, rule: usize) {
        if !self.deleted(index) {
            self.fates[index] = Slot::delete(rule);
        }
    }

    /// Records that the rule with index `rule` cuts `range` (absolute, disjoint from the
    /// line's other cuts) out of line `index`, which stays.
    pub(crate) fn cut(&mut self, index: usize, range: Range<usize>, rule: usize) {
        let slot = self.fates[index];
        if slot.deleted() {
            return;
        }
        if slot == Slot::KEEP {
            self.fates[index] = Slot::cut(self.cuts.len());
            self.cuts.push(vec![(range, rule)]);
            return;
        }
        let cuts = &mut self.cuts[(slot.0 & !Slot::CUT) as usize];
        // A cut that touches one by the same rule joins it: one span, one record.
        let at = cuts.partition_point(|(r, _)| r.start < range.start);
        let joins_next = cuts.get(at).is_some_and(|(r, by)| *by == rule && r.start == range.end);
        let joins_previous = at > 0 && cuts[at - 1].1 == rule && cuts[at - 1].0.end == range.start;
        match (joins_previous, joins_next) {
            (true, true) => {
                let (next, _) = cuts.remove(at);
                cuts[at - 1].0.end = next.end;
            }
            (true, false) => cuts[at - 1].0.end = range.end,
            (false, true) => cuts[at].0.start = range.start,
            (false, false) => cuts.insert(at, (range, rule)),
        }
    }

    /// What happens to line `index`.
    pub(crate) fn fate(&self, index: usize) -> Fate<'_> {
        let Slot(slot) = self.fates[index];
        if slot == 0 {
            Fate::Keep
        } else if slot & Slot::CUT == 0 {
            Fate::Delete(slot as usize - 1)
        } else {
            Fate::Cut(&self.cuts[(slot & !Slot::CUT) as usize])
        }
    }

    /// Whether any line is deleted or cut.
    pub(crate) fn changes_anything(&self) -> bool {
        self.fates.iter().any(|f| *f != Slot::KEEP)
    }

    /// Whether line `index` is deleted.
    pub fn deleted(&self, index: usize) -> bool {
        self.fates[index].deleted()
    }

    /// The id of the rule that deletes line `index`, if any.
    pub fn rule(&self, index: usize) -> Option<&'a str> {
        match self.fate(index) {
            Fate::Delete(rule) => Some(self.names[rule]),
            _ => None,
        }
    }
}

impl std::ops::Index<usize> for Marks<'_> {
    type Output = bool;

    fn index(&self, index: usize) -> &bool {
        if self.deleted(index) {
            &true
        } else {
            &false
        }
    }
}

/// The whitespace tidying steps, each a rule of its own so that it can be switched off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tidy {
    /// Trailing whitespace (including U+00A0) at the end of every line.
    TrailingWhitespace,
    /// Runs of blank lines that a deletion left behind, collapsed to one.
    BlankRun,
    /// Blank lines at the start and at the end of the text.
    EdgeBlank,
}

/// Where in the document a rule may fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Region {
    /// Any line.
    #[default]
    Anywhere,
    /// Only in the head of the document (see [`Document::is_head`]).
    Head,
    /// Only in the tail of the document (see [`Document::is_tail`]).
    Tail,
}

impl Region {
    /// The region's name in rule files and `dechaff rules ID`: `anywhere`, `head` or `tail`.
    ///
    /// ```
    /// let rule = dechaff::rules().iter().find(|r| r.id == "comment-policy").unwrap();
    /// assert_eq!(rule.region.name(), "tail");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Region::Anywhere => "anywhere",
            Region::Head => "head",
            Region::Tail => "tail",
        }
    }
}

/// How much a profile removes; each rule belongs to the least aggressive profile that runs it.
///
/// ```
/// use dechaff::Profile;
///
/// assert!(Profile::Safe < Profile::Article && Profile::Article < Profile::Page);
/// assert_eq!(Profile::Page.to_string(), "page");
/// let article = dechaff::rules().iter().filter(|r| r.profile <= Profile::Article).count();
/// assert!(article > dechaff::rules().iter().filter(|r| r.profile == Profile::Safe).count());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Profile {
    /// Only definite junk: what no reader of the article would miss.
    #[default]
    Safe,
    /// Also what an article body leaves out but a reader of the page sees: bylines, captions,
    /// related links, ad markers.
    Article,
    /// For the whole visible text of a page: also menus, link lists and other boilerplate
    /// blocks, found by a classifier over the segmented text.
    Page,
}

impl Profile {
    /// Every profile, from the least to the most aggressive.
    pub const ALL: [Profile; 3] = [Profile::Safe, Profile::Article, Profile::Page];

    /// The kebab-case name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Safe => "safe",
            Profile::Article => "article",
            Profile::Page => "page",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! categories {
    ($( $(#[doc = $doc:literal])* $variant:ident => $name:literal, )*) => {
        /// A family of junk; each has one source file under `src/rules/`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Category {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Category {
            /// Every category, in the order `dechaff rules` lists them.
            pub const ALL: &'static [Category] = &[$(Category::$variant),*];

            /// The kebab-case name used by `--select` and `--ignore`.
            pub fn name(self) -> &'static str {
                match self { $(Category::$variant => $name,)* }
            }

            /// A one-line description.
            pub fn summary(self) -> &'static str {
                match self { $(Category::$variant => concat!($($doc),*).trim_ascii(),)* }
            }
        }
    };
}

categories! {
    /// Icon-font and sprite names left behind as text.
    Icons => "icons",
    /// View, like, share and comment counters.
    Counters => "counters",
    /// Comment prompts and comment policies.
    Comments => "comments",
    /// Share, follow and subscribe prompts.
    Social => "social",
    /// Copyright and rights notices.
    Copyright => "copyright",
    /// Stand-alone dates, times and update stamps.
    Timestamps => "timestamps",
    /// Labels whose widget was stripped, left with nothing to label.
    Labels => "labels",
    /// Links to more reading: `Read more`, related stories.
    Links => "links",
    /// Related-story lists, next and previous links, breadcrumbs.
    Navigation => "navigation",
    /// Advertising markers and the prompts ads leave behind.
    Ads => "ads",
    /// Cookie banners, script and player messages, interface labels.
    Notices => "notices",
    /// Photo captions, credits and gallery counters.
    Captions => "captions",
    /// Bylines, reporting credits and contact lines.
    Bylines => "bylines",
    /// Tag lists, reading times and relative times.
    Metadata => "metadata",
    /// The headline and standfirst at the head of the text.
    Titles => "titles",
    /// The same line again.
    Duplicates => "duplicates",
    /// Clusters of furniture at the head and tail of the text.
    Edges => "edges",
    /// Boilerplate blocks of a whole-page text dump, found by a classifier.
    Page => "page",
    /// Whitespace tidying after deletions.
    Whitespace => "whitespace",
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A built-in rule: a stable id, a category, what it looks at, and its documentation.
///
/// ```
/// let rule = dechaff::rules().iter().find(|r| r.id == "comment-prompt").unwrap();
/// assert_eq!(rule.category.name(), "comments");
/// println!("{}: {}", rule.id, rule.summary());
/// ```
pub struct Rule {
    /// Stable kebab-case id naming the junk (never the action).
    pub id: &'static str,
    /// The family it belongs to.
    pub category: Category,
    /// What the engine hands it and how it marks junk.
    pub kind: Kind,
    /// Where in the document it may fire.
    pub region: Region,
    /// The least aggressive profile that runs it.
    pub profile: Profile,
    /// The documentation as written in the source, one `///` line per line; see [`Rule::doc`].
    pub doc: &'static str,
}

impl Rule {
    /// The documentation as users read it (`dechaff rules ID`): Markdown, without the one space
    /// that follows `///` in the source.
    pub fn doc(&self) -> String {
        self.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).fold(String::new(), |mut s, l| {
            s.push_str(l);
            s.push('\n');
            s
        })
    }

    /// A one-line summary: the start of `## What it removes`, up to the first colon or the end
    /// of the first sentence.
    pub fn summary(&self) -> String {
        let body = self.doc.split_once("## What it removes").map_or(self.doc, |(_, rest)| rest);
        let para = body.split("\n\n").next().unwrap_or(body);
        let para = para.split(" ## ").next().unwrap_or(para);
        let line = para.split_whitespace().collect::<Vec<_>>().join(" ");
        let end = [line.find(": "), line.find(". ")].into_iter().flatten().min().unwrap_or(line.len());
        line[..end].trim_end_matches('.').to_owned()
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).field("category", &self.category).finish_non_exhaustive()
    }
}

/// Declares a built-in rule. The `///` lines become both rustdoc and [`Rule::doc`], so the two
/// cannot drift.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident = {
            id: $id:literal, category: $cat:expr, kind: $kind:expr
            $(, region: $region:expr)? $(, profile: $profile:expr)? $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            category: $cat,
            kind: $kind,
            region: declare_rule!(@or $($region)?, $crate::rules::Region::Anywhere),
            profile: declare_rule!(@or $($profile)?, $crate::rules::Profile::Safe),
            doc: concat!($($doc, "\n"),*),
        };
    };
    (@or $value:expr, $default:expr) => { $value };
    (@or , $default:expr) => { $default };
}
pub(crate) use declare_rule;

/// Every built-in rule, one row each, in the order the engine runs them within a kind.
pub static ALL: &[&Rule] = &[
    &icons::ICON_FONT_STRING,
    &counters::VIEW_COUNTER,
    &counters::ENGAGEMENT_COUNTER,
    &comments::COMMENT_PROMPT,
    &comments::COMMENT_POLICY,
    &social::SHARE_PROMPT,
    &social::FOLLOW_PROMPT,
    &social::SUBSCRIBE_PROMPT,
    &copyright::COPYRIGHT_LINE,
    &timestamps::TIMESTAMP_LINE,
    &timestamps::UPDATE_STAMP,
    &labels::EMPTY_LABEL,
    &links::READ_MORE_SUFFIX,
    &ads::CONTINUE_READING,
    &notices::COOKIE_NOTICE,
    &notices::SCRIPT_NOTICE,
    &notices::CONTROL_LABEL,
    &captions::GALLERY_COUNTER,
    &metadata::RELATIVE_TIME,
    &navigation::BREADCRUMB,
    &ads::AD_MARKER,
    &captions::PHOTO_CREDIT,
    &captions::FILE_PHOTO,
    &bylines::BYLINE,
    &bylines::REPORTING_CREDIT,
    &bylines::CONTACT_LINE,
    &navigation::RELATED_LIST,
    &navigation::READ_MORE_LINK,
    &navigation::NEXT_PREVIOUS,
    &metadata::TAG_LIST,
    &metadata::READING_TIME,
    &duplicates::REPEATED_LINE,
    &menus::MENU_RUN,
    &titles::TITLE_BLOCK,
    &edges::HEADER_CLUSTER,
    &edges::FOOTER_CLUSTER,
    &page::PAGE_BOILERPLATE,
    &whitespace::TRAILING_WHITESPACE,
    &whitespace::BLANK_LINE_RUN,
    &whitespace::EDGE_BLANK_LINES,
];

/// Looks a built-in rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}
