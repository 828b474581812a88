//! The command line: argument parsing with clap and the `clean` and `rules` commands.
//!
//! Everything here works with files and streams; the cleaning itself is the library's.
//! Errors are collected per file, so that one bad file never stops a batch.

use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use dechaff::engine::{suggest, Cleaned, Cleaner, Options};
use dechaff::eval;
use dechaff::report;
use dechaff::rules::{self, Category, Profile};
use error::Error;

mod batch;
mod error;
mod output;
mod progress;
mod walk;

/// Strip scraped junk out of plain text with named, explainable rules.
#[derive(Debug, Parser)]
#[command(name = "dechaff", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clean files, directories (every `*.txt` below them) or standard input.
    Clean(CleanArgs),
    /// Measure accuracy against gold article text, before and after cleaning.
    Eval(EvalArgs),
    /// List the rules, or show one rule's documentation.
    Rules {
        /// A rule id or category name; without it, every rule is listed.
        id: Option<String>,
    },
}

#[derive(Debug, Args)]
struct CleanArgs {
    /// Files or directories to clean; none or `-` reads standard input.
    paths: Vec<PathBuf>,
    /// Where to write: a file for one input, a directory for several or for a directory input
    /// (its tree is mirrored below). Without it, the cleaned text goes to standard output.
    #[arg(short, long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Overwrite each input file with its cleaned text.
    #[arg(long, conflicts_with = "out")]
    in_place: bool,
    /// Print a unified diff of what would be removed, and write nothing else.
    #[arg(long, conflicts_with_all = ["check", "in_place", "out"])]
    diff: bool,
    /// Print each removal as `file:line: rule-id: removed text` (to standard error when the
    /// cleaned text goes to standard output).
    #[arg(long)]
    explain: bool,
    /// Write nothing; exit with 1 when anything would be removed, 0 otherwise.
    #[arg(long, conflicts_with_all = ["in_place", "out"])]
    check: bool,
    /// Flush each written file to disk before going on (slower; by default the system writes
    /// them out in its own time, and a rename still never shows half a file).
    #[arg(long)]
    sync: bool,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    walk: walk::WalkArgs,
    #[command(flatten)]
    jsonl: batch::JsonlArgs,
}

#[derive(Debug, Args)]
struct EvalArgs {
    /// The gold file: `{"<page id>": {"articleBody": "…"}}`.
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// Inputs in the same shape, optionally wrapped as `{"output": {…}}`.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Also list every removed line that was article content (`input page rule: text`), to
    /// see where a rule goes wrong.
    #[arg(long)]
    show_mistakes: bool,
}

/// Which rules run: shared by `clean` and `eval`.
#[derive(Debug, Args)]
struct RuleArgs {
    /// Which rules run by default.
    #[arg(long, value_enum, default_value_t = ProfileArg::Safe)]
    profile: ProfileArg,
    /// Run exactly these rules or categories (comma-separated), whatever the profile; the
    /// whitespace tidying stays on unless ignored.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Vec<String>,
    /// Run these rules or categories in addition to the profile's.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    extend_select: Vec<String>,
    /// Do not run these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Add the rules of a TOML rule file (repeatable); its `disable` list switches built-in
    /// rules off.
    #[arg(long = "rules", value_name = "FILE.toml")]
    rule_files: Vec<PathBuf>,
}

impl RuleArgs {
    /// Reads the rule files and builds the cleaner these arguments ask for.
    fn cleaner(&self) -> Result<Cleaner, Error> {
        let options = Options {
            profile: self.profile.into(),
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
            custom: Vec::new(),
        }
        .with_rule_files(&self.rule_files)?;
        Ok(Cleaner::new(&options)?)
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ProfileArg {
    /// Only definite junk.
    Safe,
    /// Also bylines, captions, related links and ad markers.
    Article,
    /// For the whole visible text of a page: also menus, link lists and other boilerplate.
    Page,
}

impl ProfileArg {
    fn into_name(self) -> &'static str {
        Profile::from(self).name()
    }
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Safe => Profile::Safe,
            ProfileArg::Article => Profile::Article,
            ProfileArg::Page => Profile::Page,
        }
    }
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Clean(args) => {
            output::remove_temporary_files_on_signals();
            clean(&args)
        }
        Command::Rules { id } => show_rules(id.as_deref()),
        Command::Eval(args) => eval(&args),
    };
    match result {
        Ok(code) => code,
        // As if SIGPIPE had stopped it (it is ignored, so a write fails instead): the shell's
        // convention, so that `set -o pipefail` sees a run that was cut short.
        Err(Failure::BrokenPipe) => ExitCode::from(128 + 13),
        Err(Failure::Error(e)) => {
            report_error(&e);
            ExitCode::from(2)
        }
    }
}

/// Why a command stopped early.
enum Failure {
    /// Standard output was closed by the reader: stop quietly, with exit code 141.
    BrokenPipe,
    /// A fatal error for the whole command.
    Error(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Error(e)
    }
}

/// Maps a write error on a standard stream: a closed pipe ends quietly.
fn stream_error(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::BrokenPipe
    } else {
        Failure::Error(Error::Write { path: PathBuf::from("<stdout>"), source: e })
    }
}

fn report_error(e: &Error) {
    let _ = writeln!(io::stderr().lock(), "dechaff: error: {e}");
}

/// One text to clean: where it comes from and where its cleaned text goes.
struct Job {
    /// The input file; `None` for standard input.
    input: Option<PathBuf>,
    /// How the input is named in messages.
    name: String,
    /// The output file; `None` for standard output (or nothing, with --check and --diff).
    output: Option<PathBuf>,
}

fn clean(args: &CleanArgs) -> Result<ExitCode, Failure> {
    let cleaner = args.rules.cleaner()?;
    let mut errors = 0usize;
    let jobs = plan(args, &mut errors)?;
    let jsonl = batch::wanted(&args.jsonl, &jobs);
    args.jsonl.check(jsonl)?;
    if jsonl {
        return batch::run(&cleaner, args, &jobs, errors);
    }
    let to_stdout = !args.check && !args.diff && jobs.iter().any(|j| j.output.is_none());
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let threads = args.jsonl.threads().min(jobs.len()).max(1);
    let total =
        jobs.iter().try_fold(0u64, |sum, job| Some(sum + fs::metadata(job.input.as_ref()?).ok()?.len()));
    let mut progress = progress::Progress::new(args.jsonl.show_progress(), total, "files");
    let read = progress.counter();
    let mut found = false;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    // The files are cleaned `threads` at a time, in batches, and what each says is written in
    // the order of the inputs: the output and the exit code are the same for every -j.
    for batch in jobs.chunks(threads * 4) {
        let outcomes = in_parallel(batch, threads, |job| {
            let outcome = clean_one(&cleaner, args, job, color);
            read.fetch_add(outcome.bytes, std::sync::atomic::Ordering::Relaxed);
            outcome
        });
        for outcome in outcomes {
            progress.advance(1, outcome.bytes);
            found |= outcome.found;
            if !outcome.explain.is_empty() {
                progress.finish();
                if to_stdout {
                    io::stderr().lock().write_all(outcome.explain.as_bytes()).map_err(stream_error)?;
                } else {
                    out.write_all(outcome.explain.as_bytes()).map_err(stream_error)?;
                }
            }
            if let Some(note) = outcome.note {
                progress.finish();
                let _ = writeln!(io::stderr().lock(), "{note}");
            }
            out.write_all(outcome.stdout.as_bytes()).map_err(stream_error)?;
            if let Some(e) = outcome.error {
                progress.finish();
                report_error(&e);
                errors += 1;
            }
        }
    }
    progress.finish();
    out.flush().map_err(stream_error)?;
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else if args.check && found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What cleaning one text file did, for the main thread to say in order.
#[derive(Default)]
struct Outcome {
    /// Bytes read.
    bytes: u64,
    /// Whether anything was (or would be) removed.
    found: bool,
    /// `--explain` lines.
    explain: String,
    /// The `--check` summary for standard error.
    note: Option<String>,
    /// What goes to standard output: the cleaned text or the diff.
    stdout: String,
    error: Option<Error>,
}

/// Reads, cleans and writes one text file (or standard input).
fn clean_one(cleaner: &Cleaner, args: &CleanArgs, job: &Job, color: bool) -> Outcome {
    let text = match read_input(job) {
        Ok(text) => text,
        Err(e) => return Outcome { error: Some(e), ..Outcome::default() },
    };
    let cleaned = cleaner.clean(&text);
    let mut outcome =
        Outcome { bytes: text.len() as u64, found: !cleaned.removals.is_empty(), ..Outcome::default() };
    if args.explain {
        outcome.explain = report::explain(&job.name, &text, &cleaned.removals);
    }
    if args.check {
        if outcome.found && !args.explain {
            outcome.note = Some(format!("{}: {}", job.name, summary(&cleaned)));
        }
    } else if args.diff {
        outcome.stdout = report::diff(&job.name, &text, &cleaned, color);
    } else {
        match &job.output {
            None => outcome.stdout = cleaned.text,
            Some(path) => outcome.error = write_file(path, &cleaned.text, args.sync).err(),
        }
    }
    outcome
}

/// `work` applied to each item on `threads` threads; the results in the items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        return items.iter().map(work).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, work(item)));
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("cleaning does not panic")).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `N lines, M spans would be removed`, for --check.
fn summary(cleaned: &Cleaned) -> String {
    let lines: usize =
        cleaned.removals.iter().filter(|r| r.whole_lines).map(|r| r.lines.1 - r.lines.0 + 1).sum();
    let spans = cleaned.removals.iter().filter(|r| !r.whole_lines).count();
    format!("would remove {lines} line(s) and {spans} span(s)")
}

/// Turns the paths into jobs. Paths that cannot be read are reported and counted, not fatal.
fn plan(args: &CleanArgs, errors: &mut usize) -> Result<Vec<Job>, Failure> {
    let paths: Vec<PathBuf> =
        if args.paths.is_empty() { vec![PathBuf::from("-")] } else { args.paths.clone() };
    let writes_files = !args.check && !args.diff;
    // -o names a directory when there are several inputs, a directory input, or it is one.
    let out_is_dir =
        args.out.as_ref().is_some_and(|o| o.is_dir() || paths.len() > 1 || paths.iter().any(|p| p.is_dir()));
    let mut jobs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            if args.in_place {
                return Err(Error::Usage("--in-place needs files, not standard input".into()).into());
            }
            if out_is_dir && writes_files {
                return Err(Error::Usage(format!(
                    "standard input needs an output file, and `{}` is a directory",
                    args.out.as_ref().map_or(String::new(), |o| o.display().to_string())
                ))
                .into());
            }
            jobs.push(Job {
                input: None,
                name: "<stdin>".into(),
                output: args.out.clone().filter(|_| writes_files),
            });
            continue;
        }
        let metadata = match fs::metadata(&path) {
            Ok(m) => m,
            Err(source) => {
                report_error(&Error::Read { path, source });
                *errors += 1;
                continue;
            }
        };
        let files = if metadata.is_dir() {
            if writes_files && args.out.is_none() && !args.in_place {
                return Err(Error::Usage(format!(
                    "directory `{}` needs -o DIR or --in-place",
                    path.display()
                ))
                .into());
            }
            let jsonl = args.jsonl.jsonl;
            let wanted =
                |p: &Path| if jsonl { batch::is_jsonl(p) } else { p.extension().is_some_and(|e| e == "txt") };
            let found = walk::walk(&path, &args.walk, wanted, args.out.as_deref().filter(|_| out_is_dir));
            for problem in &found.problems {
                report_error(problem);
                *errors += 1;
            }
            if found.files.is_empty() {
                report_error(&Error::Usage(nothing_to_clean(&path, jsonl, &found.others)));
                *errors += 1;
            }
            found
                .files
                .into_iter()
                .map(|f| (f.clone(), f.strip_prefix(&path).map(Path::to_path_buf).unwrap_or(f)))
                .collect()
        } else {
            let name = path.file_name().map(PathBuf::from).unwrap_or_else(|| path.clone());
            vec![(path.clone(), name)]
        };
        for (file, relative) in files {
            let output = match (&args.out, args.in_place) {
                _ if !writes_files => None,
                (_, true) => Some(file.clone()),
                (Some(out), false) if out_is_dir => Some(out.join(&relative)),
                (Some(out), false) => Some(out.clone()),
                (None, false) => None,
            };
            if let Some(output) = &output {
                if !args.in_place && same_file(&file, output) {
                    return Err(Error::Usage(format!(
                        "output `{}` is the input; use --in-place to overwrite inputs",
                        output.display()
                    ))
                    .into());
                }
            }
            jobs.push(Job { name: file.display().to_string(), input: Some(file), output });
        }
    }
    refuse_shared_outputs(&jobs)?;
    Ok(jobs)
}

/// Two inputs with the same name would silently overwrite each other's output below `-o DIR`.
fn refuse_shared_outputs(jobs: &[Job]) -> Result<(), Failure> {
    let mut seen = std::collections::HashMap::new();
    for job in jobs {
        if let (Some(input), Some(output)) = (&job.input, &job.output) {
            match seen.insert(output, input) {
                Some(first) if first != input => {
                    return Err(Error::Usage(format!(
                        "`{}` and `{}` would both be written to `{}`",
                        first.display(),
                        input.display(),
                        output.display()
                    ))
                    .into())
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What a directory that holds nothing to clean holds instead: `` `in`: no .txt files to
/// clean (found 12 .jsonl files: did you mean --jsonl?) ``.
fn nothing_to_clean(dir: &Path, jsonl: bool, others: &std::collections::BTreeMap<String, usize>) -> String {
    let wanted = if jsonl { "JSON Lines (.jsonl)" } else { ".txt" };
    let mut found: Vec<(&String, &usize)> = others.iter().collect();
    found.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = found
        .iter()
        .take(3)
        .map(
            |(ext, n)| {
                if ext.is_empty() {
                    format!("{n} without an extension")
                } else {
                    format!("{n} .{ext}")
                }
            },
        )
        .collect();
    let hint = if !jsonl && others.keys().any(|e| e == "jsonl" || e == "gz" || e == "zst") {
        ": did you mean --jsonl?"
    } else if jsonl && others.contains_key("txt") {
        ": did you mean to leave out --jsonl?"
    } else {
        ""
    };
    let what = if listed.is_empty() {
        "found no files (hidden and ignored ones are left out: --hidden, --no-ignore)".to_owned()
    } else {
        format!("found {} file(s){hint}", listed.join(", "))
    };
    format!("`{}`: no {wanted} files to clean; {what}", dir.display())
}

fn read_input(job: &Job) -> Result<String, Error> {
    let (bytes, path) = match &job.input {
        None => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Read { path: "<stdin>".into(), source })?;
            (bytes, PathBuf::from("<stdin>"))
        }
        Some(path) => {
            (fs::read(path).map_err(|source| Error::Read { path: path.clone(), source })?, path.clone())
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        Error::InvalidUtf8 { path, offset, line }
    })
}

/// Writes `text` to `path` whole or not at all (see [`output`]), compressed when the name ends
/// in `.gz` or `.zst`.
fn write_file(path: &Path, text: &str, sync: bool) -> Result<(), Error> {
    let error = |source| Error::Write { path: path.to_path_buf(), source };
    let out = output::Output::create(path)?;
    let mut sink = batch::Sink::new(path, out.file()).map_err(error)?;
    sink.write_all(text.as_bytes()).map_err(error)?;
    sink.finish().map_err(error)?;
    out.commit(sync)
}

fn show_rules(id: Option<&str>) -> Result<ExitCode, Failure> {
    let text = match id {
        None => rule_table(rules::ALL.iter().copied()),
        Some(id) => {
            if let Some(rule) = rules::find(id) {
                rule_page(rule)
            } else if let Some(cat) = Category::ALL.iter().find(|c| c.name() == id) {
                format!(
                    "{}: {}\n\n{}",
                    cat.name(),
                    cat.summary(),
                    rule_table(rules::ALL.iter().copied().filter(|r| r.category == *cat))
                )
            } else {
                let known: Vec<&str> =
                    rules::ALL.iter().map(|r| r.id).chain(Category::ALL.iter().map(|c| c.name())).collect();
                return Err(Error::from(dechaff::Error::UnknownRule {
                    name: id.to_owned(),
                    suggestion: suggest(id, &known),
                })
                .into());
            }
        }
    };
    io::stdout().lock().write_all(text.as_bytes()).map_err(stream_error)?;
    Ok(ExitCode::SUCCESS)
}

fn rule_table<'a>(rules: impl Iterator<Item = &'a rules::Rule>) -> String {
    let rules: Vec<_> = rules.collect();
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in rules {
        out.push_str(&format!(
            "{:<width$}  {:<11}  {:<7}  {}\n",
            rule.id,
            rule.category.name(),
            rule.profile.name(),
            rule.summary()
        ));
    }
    out
}

fn rule_page(rule: &rules::Rule) -> String {
    let kind = rule.kind.name();
    format!(
        "# {}\n\ncategory: {} · kind: {} · profile: {}\n\n{}",
        rule.id,
        rule.category.name(),
        kind,
        rule.profile.name(),
        rule.doc()
    )
}

fn eval(args: &EvalArgs) -> Result<ExitCode, Failure> {
    let cleaner = args.rules.cleaner()?;
    let gold = read_corpus(&args.gold)?;
    let corpora =
        args.inputs.iter().map(|p| read_corpus(p).map(|c| (p, c))).collect::<Result<Vec<_>, _>>()?;
    if let Some((path, _)) = corpora.iter().find(|(_, corpus)| !corpus.keys().any(|id| gold.contains_key(id)))
    {
        return Err(Error::Usage(format!(
            "`{}` shares no page id with the gold file `{}`: nothing to measure",
            path.display(),
            args.gold.display()
        ))
        .into());
    }
    let results: Vec<(String, eval::Evaluation)> = std::thread::scope(|scope| {
        let handles: Vec<_> = corpora
            .iter()
            .map(|(path, corpus)| {
                let (gold, cleaner) = (&gold, &cleaner);
                let name = path.file_stem().unwrap_or(path.as_os_str()).to_string_lossy().into_owned();
                scope.spawn(move || (name, eval::evaluate(gold, corpus, cleaner)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("evaluation does not panic")).collect()
    });
    let mut text = report::evaluation(args.rules.profile.into_name(), &results);
    if args.show_mistakes {
        text.push_str(&report::mistakes(&results));
    }
    io::stdout().lock().write_all(text.as_bytes()).map_err(stream_error)?;
    Ok(ExitCode::SUCCESS)
}

fn read_corpus(path: &Path) -> Result<eval::Corpus, Error> {
    let bytes = fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        Error::InvalidUtf8 { path: path.to_path_buf(), offset, line }
    })?;
    Ok(eval::parse_corpus(&path.display().to_string(), &text)?)
}
