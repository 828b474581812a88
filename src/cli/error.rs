//! What can stop the binary: the library's errors, and those of reading and writing files, of
//! the command line, of JSON Lines records and of benchmark files, which are the binary's own.

use std::fmt;
use std::path::PathBuf;

use dechaff::error::io_cause;

/// Everything that can go wrong in a run of `dechaff`.
#[derive(Debug)]
pub enum Error {
    /// Building the cleaner failed (see [`dechaff::Error`]).
    Library(dechaff::Error),
    /// A benchmark file does not parse or has the wrong shape.
    Benchmark(dechaff::eval::NotABenchmark),
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
            Error::Library(e) => e.fmt(f),
            Error::Benchmark(e) => e.fmt(f),
            Error::Read { path, source } => {
                write!(f, "could not read `{}`: {}", path.display(), io_cause(source))
            }
            Error::Write { path, source } => {
                write!(f, "could not write `{}`: {}", path.display(), io_cause(source))
            }
            Error::Usage(message) => f.write_str(message),
            Error::Record { path, line, message } => write!(f, "`{}`:{line}: {message}", path.display()),
            Error::InvalidUtf8 { path, offset, line } => write!(
                f,
                "`{}` is not valid UTF-8: invalid byte sequence at byte offset {offset} (line {line})",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Library(e) => Some(e),
            Error::Benchmark(e) => Some(e),
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<dechaff::Error> for Error {
    fn from(e: dechaff::Error) -> Self {
        Error::Library(e)
    }
}

impl From<dechaff::eval::NotABenchmark> for Error {
    fn from(e: dechaff::eval::NotABenchmark) -> Self {
        Error::Benchmark(e)
    }
}
