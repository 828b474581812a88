//! dechaff strips scraped junk out of plain text with named rules and leaves the article alone.
//!
//! Web scrapers and article extractors leave leftovers in the text they produce: icon-font
//! strings, view counters, comment prompts, share and follow prompts, copyright footers,
//! stand-alone time stamps. A [`Cleaner`] deletes them, whole lines or exact spans, and records
//! every deletion as a [`Removal`] that names the rule that made it.
//!
//! ```
//! use dechaff::{Cleaner, Options};
//!
//! let cleaner = Cleaner::new(&Options::default()).unwrap();
//! let cleaned = cleaner.clean("Talks resumed on Monday.\nViews: 1581\nLeave a comment\n");
//! assert_eq!(cleaned.text, "Talks resumed on Monday.\n");
//! let rules: Vec<&str> = cleaned.removals.iter().map(|r| &*r.rule).collect();
//! assert_eq!(rules, ["view-counter", "comment-prompt"]);
//! ```

//! # The API
//!
//! - [`Cleaner`]: built once from [`Options`] (a [`Profile`], rule ids and categories to
//!   select or ignore, [`CustomRule`]s, rule files through [`Options::with_rule_files`]), then
//!   [`Cleaner::clean`] any number of texts, from any number of threads.
//! - [`Cleaned`]: the text and its [`Removal`]s (rule id, lines, bytes).
//! - [`rules()`]: every built-in [`Rule`], with its [`Category`], [`Profile`], [`Region`] and
//!   documentation; [`RuleFile`] is what a rule file holds ([`rulefile::parse`]).
//! - [`Error`]: why a cleaner could not be built.
//!
//! Library users who do not need the binary leave out its dependencies (argument parsing,
//! compression, directory walking): `dechaff = { version = "0.1", default-features = false }`.
//!
//! The modules hidden from this documentation serve the `dechaff` binary, its benchmarks and
//! the page classifier's training. They are not part of the API and change without notice.

#[doc(hidden)]
pub mod engine;
pub mod error;
#[doc(hidden)]
pub mod eval;
mod gate;
#[doc(hidden)]
pub mod jsonl;
mod matcher;
#[doc(hidden)]
pub mod page;
#[doc(hidden)]
pub mod report;
pub mod rulefile;
#[doc(hidden)]
pub mod rules;
#[doc(hidden)]
pub mod segment;
#[doc(hidden)]
pub mod text;

pub use engine::{Cleaned, Cleaner, CustomRule, Options, Removal};
pub use error::Error;
pub use rulefile::RuleFile;
pub use rules::{Category, Profile, Region, Rule};

/// Every built-in rule, in the order a cleaner runs them.
///
/// ```
/// let rule = dechaff::rules().iter().find(|r| r.id == "view-counter").unwrap();
/// assert_eq!(rule.category, dechaff::Category::Counters);
/// assert_eq!(rule.profile, dechaff::Profile::Safe);
/// assert!(rule.doc().contains("## What it removes"));
/// ```
pub fn rules() -> &'static [&'static Rule] {
    rules::ALL
}
