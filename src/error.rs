//! The library's error type. The library never prints; the binary turns these into messages.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in building a [`Cleaner`](crate::Cleaner): a rule name that
/// does not exist, a pattern or a rule file that is not valid. Cleaning itself never fails.
///
/// Its `Display` is the message the `dechaff` binary prints.
///
/// ```
/// use dechaff::{Cleaner, Error, Options};
///
/// let options = Options { select: vec!["view-countr".into()], ..Options::default() };
/// let Err(error) = Cleaner::new(&options) else { panic!("no such rule") };
/// assert!(matches!(error, Error::UnknownRule { .. }));
/// assert_eq!(error.to_string(), "unknown rule or category `view-countr` (did you mean `view-counter`?)");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A rule or category name that does not exist.
    UnknownRule {
        /// The name as given.
        name: String,
        /// The closest known name, when one is close.
        suggestion: Option<String>,
    },
    /// A rule's pattern does not compile.
    Pattern {
        /// The rule's id.
        rule: String,
        /// What the regex compiler said.
        message: String,
    },
    /// A rule file could not be read.
    Read {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A rule file is not valid.
    RuleFile {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Two rule files define the same rule id.
    DuplicateRule {
        /// The id.
        id: String,
        /// The file that defined it first.
        first: PathBuf,
        /// The file that defined it again.
        second: PathBuf,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownRule { name, suggestion: Some(s) } => {
                write!(f, "unknown rule or category `{name}` (did you mean `{s}`?)")
            }
            Error::UnknownRule { name, suggestion: None } => {
                write!(f, "unknown rule or category `{name}` (`dechaff rules` lists them)")
            }
            Error::Pattern { rule, message } => write!(f, "rule `{rule}` has a bad pattern: {message}"),
            Error::Read { path, source } => {
                write!(f, "could not read `{}`: {}", path.display(), io_cause(source))
            }
            Error::RuleFile { path, line, message } => write!(f, "`{}`:{line}: {message}", path.display()),
            Error::DuplicateRule { id, first, second } => write!(
                f,
                "rule id `{id}` is defined in both `{}` and `{}`: rule ids must be unique",
                first.display(),
                second.display()
            ),
        }
    }
}

/// An I/O error's message without the `(os error N)` suffix, lowercase first letter, as the
/// messages of [`Error`] and of the binary show it.
#[doc(hidden)]
pub fn io_cause(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_owned();
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}
