//! The library's error type. The library never prints; the binary turns these into messages.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in dechaff's library.
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
    /// A file or directory could not be read.
    Read {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An output could not be written.
    Write {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A JSON file does not parse or has the wrong shape.
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser said.
        message: String,
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
    /// A JSON Lines record that cannot be cleaned.
    Record {
        /// The file.
        path: PathBuf,
        /// 1-based line of the record.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// The command line asks for something that cannot be done.
    Usage(String),
    /// A file is not valid UTF-8.
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
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
            Error::Write { path, source } => {
                write!(f, "could not write `{}`: {}", path.display(), io_cause(source))
            }
            Error::Usage(message) => f.write_str(message),
            Error::RuleFile { path, line, message } => write!(f, "`{}`:{line}: {message}", path.display()),
            Error::Record { path, line, message } => write!(f, "`{}`:{line}: {message}", path.display()),
            Error::Json { path, line, column, message } => {
                let message = message.split(" at line ").next().unwrap_or(message);
                write!(f, "`{}`:{line}:{column}: not a benchmark file: {message}", path.display())
            }
            Error::InvalidUtf8 { path, offset, line } => write!(
                f,
                "`{}` is not valid UTF-8: invalid byte sequence at byte offset {offset} (line {line})",
                path.display()
            ),
        }
    }
}

/// An I/O error's message without the `(os error N)` suffix, lowercase first letter.
fn io_cause(e: &std::io::Error) -> String {
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
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}
