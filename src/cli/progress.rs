//! A one-line progress report on standard error for long runs (JSON Lines, directories).
//!
//! By default it draws only when standard error is a terminal and only after the run has
//! lasted a moment (a short run shows nothing); `--progress` draws it from the first item on,
//! wherever standard error goes. It redraws at most a few times a second and clears itself
//! at the end. It does not decide what counts as progress: the caller reports items (documents
//! or files) and bytes.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a run goes before the progress line appears.
const DELAY: Duration = Duration::from_secs(1);
/// The least time between two redraws.
const INTERVAL: Duration = Duration::from_millis(200);

/// When the progress line shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Show {
    /// Never (`--quiet`, or standard error is not a terminal).
    Never,
    /// On a terminal, once the run has lasted [`DELAY`].
    Terminal,
    /// From the first item on (`--progress`).
    Always,
}

/// The progress line of one run.
pub(super) struct Progress {
    show: Show,
    /// What an item is called: `documents`, `files`.
    noun: &'static str,
    start: Instant,
    last: Option<Instant>,
    /// Total size of the inputs as stored (compressed or not), when every input is a file.
    total: Option<u64>,
    /// Bytes of the inputs read so far, as stored: counted where the files are read.
    read: Arc<AtomicU64>,
    documents: u64,
    /// Uncompressed bytes cleaned so far.
    bytes: u64,
}

impl Progress {
    /// A progress line that draws as `show` says, counting items called `noun`; `total` gives
    /// a percentage and an ETA.
    pub(super) fn new(show: Show, total: Option<u64>, noun: &'static str) -> Self {
        Progress {
            show,
            noun,
            start: Instant::now(),
            last: None,
            total,
            read: Arc::new(AtomicU64::new(0)),
            documents: 0,
            bytes: 0,
        }
    }

    /// The counter that input readers add the bytes they read to.
    pub(super) fn counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// Counts `items` more items and `bytes` more uncompressed bytes, and redraws when it is
    /// time to.
    pub(super) fn advance(&mut self, items: u64, bytes: u64) {
        self.documents += items;
        self.bytes += bytes;
        if self.show == Show::Never {
            return;
        }
        let now = Instant::now();
        let due = match self.last {
            None => self.show == Show::Always || now.duration_since(self.start) >= DELAY,
            Some(last) => now.duration_since(last) >= INTERVAL,
        };
        if due {
            self.last = Some(now);
            let line = self.line(now.duration_since(self.start));
            let _ = write!(io::stderr().lock(), "\r\x1b[2K{line}");
        }
    }

    /// Clears the line, if it was ever drawn.
    pub(super) fn finish(&mut self) {
        if self.last.take().is_some() {
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
        }
    }

    fn line(&self, elapsed: Duration) -> String {
        let seconds = elapsed.as_secs_f64().max(1e-3);
        let rate = self.bytes as f64 / seconds / 1e6;
        let mut line =
            format!("{} {} · {} · {rate:.1} MB/s", self.documents, self.noun, megabytes(self.bytes));
        if let Some(total) = self.total.filter(|&t| t > 0) {
            let read = self.read.load(Ordering::Relaxed).min(total);
            let share = read as f64 / total as f64;
            line.push_str(&format!(" · {:.0}% of {}", share * 100.0, megabytes(total)));
            if share > 0.0 {
                let left = (seconds * (1.0 - share) / share) as u64;
                line.push_str(&format!(" · ETA {}:{:02}", left / 60, left % 60));
            }
        }
        line
    }
}

/// A byte count in megabytes, for people.
pub(super) fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// A reader that adds every byte it reads to a shared counter.
pub(super) struct Counting<R> {
    pub(super) inner: R,
    pub(super) count: Arc<AtomicU64>,
}

impl<R: io::Read> io::Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shows_share_and_eta_when_the_size_is_known() {
        let mut progress = Progress::new(Show::Never, Some(4_000_000), "documents");
        progress.counter().store(1_000_000, Ordering::Relaxed);
        progress.advance(10, 2_000_000);
        let line = progress.line(Duration::from_secs(10));
        assert_eq!(line, "10 documents · 2.0 MB · 0.2 MB/s · 25% of 4.0 MB · ETA 0:30");
        let unknown = Progress::new(Show::Never, None, "files");
        assert_eq!(unknown.line(Duration::from_secs(1)), "0 files · 0.0 MB · 0.0 MB/s");
    }
}
