//! JSON Lines in bulk: reads records, cleans them on several threads and writes them back in
//! input order, with bounded memory, transparent compression, progress and a summary.
//!
//! The input is cut into chunks of whole lines (about [`CHUNK`] bytes). A reader thread sends
//! each chunk to the workers and, in the same order, a one-shot channel for its result to the
//! writer; the writer takes those in order, so the output order is the input order, and the
//! bounded channels keep at most a small window of chunks in flight, however large the input.
//! With one job everything runs on the calling thread. Either way each chunk goes through the
//! same function, so the output does not depend on `--jobs`.
//!
//! What a record is and how its field is cleaned is [`dechaff::jsonl`]'s business, not this
//! module's.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use clap::{Args, ValueEnum};
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;

use super::error::Error;
use dechaff::engine::Cleaner;
use dechaff::jsonl::{RecordError, Records};

use super::output::Output;
use super::progress::{megabytes, Counting, Progress, Show};
use super::{report_error, stream_error, CleanArgs, Failure, Job};

/// Bytes of whole lines per chunk: large enough to make handing chunks between threads cheap,
/// small enough that a window of them stays well inside the memory budget.
const CHUNK: usize = 512 << 10;
/// How many bad records are reported one by one before the rest are only counted.
const SHOWN_PROBLEMS: u64 = 50;

/// Options for JSON Lines input, shared by every input of a `clean` run.
#[derive(Debug, Args)]
#[command(next_help_heading = "JSON Lines")]
pub(super) struct JsonlArgs {
    /// Read JSON Lines: one JSON object per line, whose --field is cleaned and every other byte
    /// kept. On for `.jsonl`, `.jsonl.gz` and `.jsonl.zst` inputs; gzip and zstd input is
    /// recognised by its content, output is compressed when its name ends in `.gz` or `.zst`.
    #[arg(long)]
    pub(super) jsonl: bool,
    /// The string field to clean [default: text].
    #[arg(long, value_name = "NAME")]
    field: Option<String>,
    /// Add a field (default `dechaff`) mapping each rule id to the lines it removed from the
    /// record, `{}` when none; an existing field of that name is replaced.
    #[arg(long, value_name = "FIELD", num_args = 0..=1, require_equals = true, default_missing_value = "dechaff")]
    annotate: Option<String>,
    /// Clean on N threads, the records of JSON Lines or the files of a directory [default: all
    /// cores]; the output, its order and the exit code are the same for every N.
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// What a line that is not a JSON object with the field does: `fail` stops (and writes
    /// no output file), `skip` drops it, `keep` writes it unchanged; each is reported with
    /// its line number.
    /// [default: fail]
    #[arg(long, value_enum, value_name = "WHAT")]
    on_error: Option<OnError>,
    /// At the end, print documents, bytes in and out, and lines removed per rule on standard
    /// error.
    #[arg(long)]
    stats: bool,
    /// Show no progress line and no warnings about skipped or kept records.
    #[arg(short, long, conflicts_with = "progress")]
    quiet: bool,
    /// Show the progress line from the first document or file on, even when standard error is
    /// not a terminal (a log file, a container's output). Without it the line shows on a
    /// terminal only, once a run has lasted a second.
    #[arg(long)]
    progress: bool,
}

/// What happens to a bad record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OnError {
    /// Stop at the first bad record; an output file is not written.
    Fail,
    /// Leave the record out of the output.
    Skip,
    /// Write the record unchanged.
    Keep,
}

/// Caps glibc's malloc arenas at one per worker and one for the reader and writer. By default
/// glibc makes up to eight arenas per core as threads contend, and each keeps the high-water
/// mark of the documents cleaned in it: over a long stream that adds a fifth to resident memory,
/// with no gain in speed for the few threads a run has. Fewer arenas than threads would make
/// the workers wait on each other's allocations.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas(arenas: usize) {
    /// `M_ARENA_MAX` in glibc's `malloc.h`.
    const M_ARENA_MAX: std::ffi::c_int = -8;
    extern "C" {
        fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
    }
    let arenas = std::ffi::c_int::try_from(arenas).unwrap_or(std::ffi::c_int::MAX);
    // SAFETY: mallopt only sets a tuning parameter of glibc's allocator, which it reads when it
    // next creates an arena; it takes plain integers and is safe to call at any time.
    unsafe {
        mallopt(M_ARENA_MAX, arenas);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas(_: usize) {}

impl JsonlArgs {
    /// How many threads clean: `-j`, or one per core.
    pub(super) fn threads(&self) -> usize {
        self.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
            NonZeroUsize::get,
        )
    }

    /// When the progress line shows.
    pub(super) fn show_progress(&self) -> Show {
        if self.quiet {
            Show::Never
        } else if self.progress {
            Show::Always
        } else if io::stderr().is_terminal() {
            Show::Terminal
        } else {
            Show::Never
        }
    }

    /// The field that is cleaned.
    fn field(&self) -> &str {
        self.field.as_deref().unwrap_or("text")
    }

    /// Refuses what cannot work: the flags that only JSON Lines input reads, given for text
    /// input (`jsonl` says which it is), and an annotation field that is the cleaned field.
    pub(super) fn check(&self, jsonl: bool) -> Result<(), Error> {
        if jsonl {
            return match &self.annotate {
                Some(name) if name == self.field() => Err(Error::Usage(format!(
                    "--annotate={name} would write the annotation over the cleaned field `{name}`: name another field"
                ))),
                _ => Ok(()),
            };
        }
        let given = [
            (self.field.is_some(), "--field"),
            (self.annotate.is_some(), "--annotate"),
            (self.on_error.is_some(), "--on-error"),
            (self.stats, "--stats"),
        ];
        match given.iter().find(|(on, _)| *on) {
            Some((_, flag)) => Err(Error::Usage(format!(
                "{flag} applies to JSON Lines input only (add --jsonl, or name the inputs .jsonl)"
            ))),
            None => Ok(()),
        }
    }
}

/// Whether the inputs are JSON Lines: asked for, or named so.
pub(super) fn wanted(args: &JsonlArgs, jobs: &[Job]) -> bool {
    args.jsonl || jobs.iter().any(|j| j.input.as_deref().is_some_and(is_jsonl))
}

/// Whether a file name says JSON Lines: `.jsonl`, `.jsonl.gz` or `.jsonl.zst`.
pub(super) fn is_jsonl(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    [".jsonl", ".jsonl.gz", ".jsonl.zst"].iter().any(|ext| name.ends_with(ext))
}

/// Cleans every job as JSON Lines. `errors` counts the inputs that already failed.
pub(super) fn run(
    cleaner: &Cleaner,
    args: &CleanArgs,
    jobs: &[Job],
    errors: usize,
) -> Result<ExitCode, Failure> {
    for (on, flag) in [(args.diff, "--diff"), (args.check, "--check"), (args.explain, "--explain")] {
        if on {
            return Err(Error::Usage(format!("{flag} does not work with JSON Lines")).into());
        }
    }
    let options = &args.jsonl;
    let total =
        jobs.iter().try_fold(0u64, |sum, job| Some(sum + std::fs::metadata(job.input.as_ref()?).ok()?.len()));
    let threads = options.threads();
    limit_malloc_arenas(threads.saturating_add(1));
    let mut run = Run {
        records: Records::new(cleaner, options.field(), options.annotate.as_deref()),
        threads,
        sync: args.sync,
        ledger: Ledger {
            on_error: options.on_error.unwrap_or(OnError::Fail),
            quiet: options.quiet,
            show_stats: options.stats,
            progress: Progress::new(options.show_progress(), total, "documents"),
            stats: Stats::default(),
            start: Instant::now(),
        },
    };
    let mut errors = errors;
    let mut outcome = Ok(());
    for job in jobs {
        match run.job(job) {
            Ok(()) => {}
            Err(Failure::Error(e @ (Error::Read { .. } | Error::Write { .. }))) => {
                run.ledger.progress.finish();
                report_error(&e);
                errors += 1;
            }
            Err(other) => {
                outcome = Err(other);
                break;
            }
        }
    }
    run.ledger.progress.finish();
    run.ledger.finish();
    outcome?;
    Ok(if errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Everything one run shares across its inputs.
struct Run<'c> {
    records: Records<'c>,
    threads: usize,
    /// Whether each output is flushed to disk before the next.
    sync: bool,
    ledger: Ledger,
}

/// What the writer keeps track of: counts, progress and the handling of bad records.
struct Ledger {
    on_error: OnError,
    quiet: bool,
    show_stats: bool,
    progress: Progress,
    stats: Stats,
    start: Instant,
}

/// What the run did, summed over all inputs.
#[derive(Default)]
struct Stats {
    documents: u64,
    problems: u64,
    bytes_in: u64,
    bytes_out: u64,
    lines: HashMap<Arc<str>, u64>,
}

/// A run of whole lines of one input.
struct Chunk {
    data: Vec<u8>,
}

/// A cleaned chunk.
struct Done {
    /// How many lines the chunk held.
    lines_in: u64,
    out: Vec<u8>,
    bytes_in: u64,
    documents: u64,
    lines: Vec<(Arc<str>, u64)>,
    /// Bad records, by line number within the chunk (from 0); with `fail` the chunk ends at
    /// the first.
    problems: Vec<(u64, RecordError)>,
}

/// Why one input stopped early.
enum Stop {
    Read(io::Error),
    Write(io::Error),
    Record(u64, RecordError),
}

impl Run<'_> {
    /// Cleans one input into its output (a file, written whole or not at all, or stdout).
    fn job(&mut self, job: &Job) -> Result<(), Failure> {
        let path = job.input.clone().unwrap_or_else(|| PathBuf::from("<stdin>"));
        let input = open(job.input.as_deref(), &self.ledger.progress)
            .map_err(|source| Error::Read { path: path.clone(), source })?;
        let stop = |stop: Stop, output: Option<&Path>| -> Failure {
            match stop {
                Stop::Read(source) => Error::Read { path: path.clone(), source }.into(),
                Stop::Write(source) => match output {
                    Some(output) => Error::Write { path: output.to_path_buf(), source }.into(),
                    None => stream_error(source),
                },
                Stop::Record(line, e) => {
                    Error::Record { path: path.clone(), line, message: e.to_string() }.into()
                }
            }
        };
        match &job.output {
            None => {
                let stdout = io::stdout();
                let mut out = stdout.lock();
                self.pump(input, &mut out, &path)
                    .and_then(|()| out.flush().map_err(Stop::Write))
                    .map_err(|s| stop(s, None))
            }
            Some(output) => {
                let out = Output::create(output)?;
                let mut sink = Sink::new(output, out.file())
                    .map_err(|source| Error::Write { path: output.clone(), source })?;
                self.pump(input, &mut sink, &path)
                    .and_then(|()| sink.finish().map_err(Stop::Write))
                    .map_err(|s| stop(s, Some(output)))?;
                out.commit(self.sync).map_err(Failure::from)
            }
        }
    }

    /// Reads, cleans and writes one input, in chunks.
    fn pump(
        &mut self,
        mut input: Box<dyn BufRead + Send>,
        out: &mut dyn Write,
        path: &Path,
    ) -> Result<(), Stop> {
        if self.threads == 1 {
            let mut chunks = Chunker::new(&mut *input);
            let mut first_line = 1;
            loop {
                let chunk = chunks.next().map_err(Stop::Read)?;
                if chunk.data.is_empty() {
                    return Ok(());
                }
                let done = clean_chunk(&self.records, chunk, self.ledger.on_error);
                self.ledger.deliver(done, &mut first_line, out, path)?;
            }
        }
        let (records, threads, ledger) = (&self.records, self.threads, &mut self.ledger);
        let on_error = ledger.on_error;
        let (work_tx, work_rx) = mpsc::sync_channel::<(Chunk, SyncSender<Done>)>(threads);
        let (order_tx, order_rx) = mpsc::sync_channel::<io::Result<Receiver<Done>>>(2 * threads);
        let work_rx = Mutex::new(work_rx);
        std::thread::scope(|scope| {
            scope.spawn(move || read_all(&mut *input, &work_tx, &order_tx));
            for _ in 0..threads {
                let work_rx = &work_rx;
                scope.spawn(move || loop {
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((chunk, done)) = next else { return };
                    let _ = done.send(clean_chunk(records, chunk, on_error));
                });
            }
            // Dropping the order channel on the way out stops the reader, then the workers.
            let mut first_line = 1;
            for result in order_rx {
                let done = result
                    .map_err(Stop::Read)?
                    .recv()
                    .map_err(|_| Stop::Read(io::Error::other("a worker stopped")))?;
                ledger.deliver(done, &mut first_line, out, path)?;
            }
            Ok(())
        })
    }
}

impl Ledger {
    /// Writes a cleaned chunk whose first line is line `first_line` of its input, reports its
    /// bad records and counts it; moves `first_line` on to the next chunk's.
    fn deliver(
        &mut self,
        done: Done,
        first_line: &mut u64,
        out: &mut dyn Write,
        path: &Path,
    ) -> Result<(), Stop> {
        let base = *first_line;
        *first_line += done.lines_in;
        out.write_all(&done.out).map_err(Stop::Write)?;
        self.stats.documents += done.documents;
        self.stats.bytes_in += done.bytes_in;
        self.stats.bytes_out += done.out.len() as u64;
        for (rule, lines) in done.lines {
            *self.stats.lines.entry(rule).or_default() += lines;
        }
        self.progress.advance(done.documents, done.bytes_in);
        for (line, problem) in done.problems {
            let line = base + line;
            if self.on_error == OnError::Fail {
                return Err(Stop::Record(line, problem));
            }
            self.stats.problems += 1;
            if !self.quiet && self.stats.problems <= SHOWN_PROBLEMS {
                self.progress.finish();
                let what = if self.on_error == OnError::Skip { "skipped" } else { "kept unchanged" };
                let _ = writeln!(
                    io::stderr().lock(),
                    "dechaff: warning: `{}`:{line}: {problem} ({what})",
                    path.display()
                );
                if self.stats.problems == SHOWN_PROBLEMS {
                    let _ = writeln!(
                        io::stderr().lock(),
                        "dechaff: warning: further bad records are counted, not shown"
                    );
                }
            }
        }
        Ok(())
    }

    /// Prints the summary, with --stats, or the count of bad records that went unshown.
    fn finish(&self) {
        let stats = &self.stats;
        let mut text = String::new();
        if self.show_stats {
            let seconds = self.start.elapsed().as_secs_f64();
            let share = if stats.bytes_in > 0 {
                100.0 * stats.bytes_out as f64 / stats.bytes_in as f64
            } else {
                100.0
            };
            text.push_str(&format!("documents    {}\n", stats.documents));
            text.push_str(&format!("bad records  {}\n", stats.problems));
            text.push_str(&format!("bytes in     {} ({})\n", stats.bytes_in, megabytes(stats.bytes_in)));
            text.push_str(&format!(
                "bytes out    {} ({}, {share:.1}%)\n",
                stats.bytes_out,
                megabytes(stats.bytes_out)
            ));
            text.push_str(&format!(
                "time         {seconds:.2} s ({:.1} MB/s)\n",
                stats.bytes_in as f64 / seconds.max(1e-6) / 1e6
            ));
            let mut rules: Vec<(&Arc<str>, &u64)> = stats.lines.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let width = rules.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
            text.push_str("lines removed per rule\n");
            for (rule, lines) in rules {
                text.push_str(&format!("  {rule:<width$}  {lines}\n"));
            }
        } else if !self.quiet && stats.problems > SHOWN_PROBLEMS {
            text = format!("dechaff: warning: {} bad records in all\n", stats.problems);
        }
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }
}

/// The reader thread: chunks to the workers and, in the same order, their result channels to
/// the writer. Stops at the end of the input, at a read error or when the writer has stopped.
fn read_all(
    input: &mut dyn BufRead,
    work: &SyncSender<(Chunk, SyncSender<Done>)>,
    order: &SyncSender<io::Result<Receiver<Done>>>,
) {
    let mut chunks = Chunker::new(input);
    loop {
        match chunks.next() {
            Ok(chunk) if chunk.data.is_empty() => return,
            Ok(chunk) => {
                let (tx, rx) = mpsc::sync_channel(1);
                if order.send(Ok(rx)).is_err() || work.send((chunk, tx)).is_err() {
                    return;
                }
            }
            Err(e) => {
                let _ = order.send(Err(e));
                return;
            }
        }
    }
}

/// Splits an input into chunks of whole lines, reading blocks straight into each chunk rather
/// than line by line: the part of a line at a block's end waits for the next chunk.
struct Chunker<'a> {
    input: &'a mut dyn BufRead,
    /// The start of a line that the last chunk did not end with.
    carry: Vec<u8>,
}

impl<'a> Chunker<'a> {
    fn new(input: &'a mut dyn BufRead) -> Self {
        Chunker { input, carry: Vec::new() }
    }

    /// The next chunk: the whole lines of about [`CHUNK`] bytes (or of one longer line), the
    /// input's last line perhaps without its line ending; empty at the end.
    fn next(&mut self) -> io::Result<Chunk> {
        let mut data = Vec::with_capacity((CHUNK + (CHUNK >> 3)).max(self.carry.len() + CHUNK));
        data.append(&mut self.carry);
        // The carried part holds no line ending.
        let mut searched = data.len();
        loop {
            // Up to a chunk's worth, or another chunk's worth when one line is longer.
            let want = CHUNK.checked_sub(data.len()).filter(|&n| n > 0).unwrap_or(CHUNK) as u64;
            let read = (&mut *self.input).take(want).read_to_end(&mut data)?;
            let end = match memchr::memrchr(b'\n', &data[searched..]) {
                Some(i) if read > 0 => searched + i + 1,
                // The input ended: the rest is its last line.
                _ if read == 0 => data.len(),
                // A line longer than a chunk: read on to its end.
                _ => {
                    searched = data.len();
                    continue;
                }
            };
            self.carry.extend_from_slice(&data[end..]);
            data.truncate(end);
            return Ok(Chunk { data });
        }
    }
}

/// The lines of `data`, each with its `\n` if it has one.
fn lines_of(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = data;
    std::iter::from_fn(move || {
        let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        (!line.is_empty()).then_some(line)
    })
}

/// Cleans every record of a chunk. Blank lines pass through; bad records go by `on_error`.
fn clean_chunk(records: &Records, chunk: Chunk, on_error: OnError) -> Done {
    let mut done = Done {
        lines_in: 0,
        out: Vec::with_capacity(chunk.data.len() + chunk.data.len() / 16),
        bytes_in: chunk.data.len() as u64,
        documents: 0,
        lines: Vec::new(),
        problems: Vec::new(),
    };
    for (number, raw) in (0..).zip(lines_of(&chunk.data)) {
        done.lines_in += 1;
        let (line, ending) = match raw.strip_suffix(b"\n") {
            Some(line) => (line, &b"\n"[..]),
            None => (raw, &b""[..]),
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            done.out.extend_from_slice(raw);
            continue;
        }
        match records.clean(line, &mut done.out) {
            Ok(tally) => {
                done.documents += 1;
                done.out.extend_from_slice(ending);
                for (rule, lines) in tally {
                    match done.lines.iter_mut().find(|(r, _)| *r == rule) {
                        Some((_, n)) => *n += lines as u64,
                        None => done.lines.push((rule, lines as u64)),
                    }
                }
            }
            Err(e) => {
                done.problems.push((number, e));
                match on_error {
                    OnError::Fail => break,
                    OnError::Skip => {}
                    OnError::Keep => done.out.extend_from_slice(raw),
                }
            }
        }
    }
    done
}

/// Opens an input (standard input for `None`), counting the bytes read for the progress line
/// and decompressing gzip or zstd, recognised by their magic bytes.
fn open(path: Option<&Path>, progress: &Progress) -> io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = match path {
        None => Box::new(io::stdin()),
        Some(path) => Box::new(File::open(path)?),
    };
    let mut raw = BufReader::with_capacity(1 << 18, Counting { inner: raw, count: progress.counter() });
    let head = raw.fill_buf()?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(1 << 18, MultiGzDecoder::new(raw)))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(BufReader::with_capacity(1 << 18, zstd::Decoder::with_buffer(raw)?))
    } else {
        Box::new(raw)
    })
}

/// An output file, compressed by its name's extension.
pub(super) enum Sink<'f> {
    Plain(BufWriter<&'f File>),
    Gzip(GzEncoder<BufWriter<&'f File>>),
    Zstd(zstd::Encoder<'static, BufWriter<&'f File>>),
}

impl<'f> Sink<'f> {
    pub(super) fn new(path: &Path, file: &'f File) -> io::Result<Self> {
        let file = BufWriter::with_capacity(1 << 18, file);
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        Ok(if name.ends_with(".gz") {
            Sink::Gzip(GzEncoder::new(file, flate2::Compression::default()))
        } else if name.ends_with(".zst") {
            Sink::Zstd(zstd::Encoder::new(file, zstd::DEFAULT_COMPRESSION_LEVEL)?)
        } else {
            Sink::Plain(file)
        })
    }

    /// Ends the compressed stream and flushes everything to the file.
    pub(super) fn finish(self) -> io::Result<()> {
        let mut file = match self {
            Sink::Plain(file) => file,
            Sink::Gzip(gz) => gz.finish()?,
            Sink::Zstd(zstd) => zstd.finish()?,
        };
        file.flush()
    }
}

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
            Sink::Zstd(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
            Sink::Zstd(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives out its bytes a few at a time, as a pipe may.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.step = self.step % 7 + 1;
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn chunks_of(input: &[u8], block: usize) -> Vec<Chunk> {
        let mut reader: Box<dyn BufRead> = if block == 0 {
            Box::new(BufReader::new(Trickle { data: input, step: 0 }))
        } else {
            Box::new(BufReader::with_capacity(block, input))
        };
        let mut chunker = Chunker::new(&mut *reader);
        let mut chunks = Vec::new();
        loop {
            let chunk = chunker.next().unwrap();
            if chunk.data.is_empty() {
                return chunks;
            }
            chunks.push(chunk);
        }
    }

    #[test]
    fn chunks_are_whole_lines_that_add_up_to_the_input() {
        let long = "x".repeat(CHUNK * 2 + 5);
        let mut input = String::new();
        for i in 0..40_000 {
            input.push_str(&format!("{{\"text\":\"line {i}\"}}\n"));
            if i % 9_999 == 0 {
                input.push_str(&long);
                input.push('\n');
            }
        }
        input.push_str("last, without a line ending");
        for block in [0, 1 << 10, 1 << 18, 1 << 20] {
            let chunks = chunks_of(input.as_bytes(), block);
            let joined: Vec<u8> = chunks.iter().flat_map(|c| c.data.clone()).collect();
            assert_eq!(joined, input.as_bytes(), "block {block}");
            for (i, chunk) in chunks.iter().enumerate() {
                if i + 1 < chunks.len() {
                    assert!(chunk.data.ends_with(b"\n"), "block {block}");
                }
            }
        }
        assert!(chunks_of(b"", 0).is_empty());
        assert_eq!(chunks_of(b"\n\n", 0).iter().map(|c| c.data.len()).sum::<usize>(), 2);
    }
}
