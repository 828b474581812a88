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

pub mod engine;
pub mod error;
pub mod eval;
mod gate;
pub mod jsonl;
mod matcher;
pub mod page;
pub mod report;
pub mod rulefile;
pub mod rules;
pub mod segment;
pub mod text;

pub use engine::{Cleaned, Cleaner, CustomRule, Options, Removal};
pub use error::Error;
pub use rules::{Category, Profile, Rule};
