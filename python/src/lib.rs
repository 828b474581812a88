//! The Python binding of dechaff: `dechaff._dechaff`, re-exported by the `dechaff` package.
//!
//! This module only translates: Python options into [`dechaff::Options`], texts into `&str`,
//! [`dechaff::Cleaned`] into Python objects, [`dechaff::Error`] into Python exceptions with
//! the message the command line prints. It has no cleaning logic of its own. What it adds is
//! what Python callers need around the library: a per-process cache of compiled cleaners
//! (so that unpickling a cleaner on every task of a distributed job compiles it once per
//! process), character offsets next to byte offsets, and a batch call that cleans on the
//! Rust side's threads without the GIL.

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyPermissionError, PyRuntimeError, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use dechaff::{Category, Cleaner, Error, Options, Profile};

/// The options a cleaner was built from, as given (lists split on commas, as the command line
/// splits them), with the text of each rule file: what the cache is keyed by and what a
/// pickled cleaner carries, so that it can be rebuilt where the rule files do not exist.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Spec {
    profile: Profile,
    select: Vec<String>,
    extend_select: Vec<String>,
    ignore: Vec<String>,
    /// Each rule file's path as given, and its text.
    rules: Vec<(String, String)>,
}

impl Spec {
    /// Builds the cleaner, as the command line builds it from the same options.
    fn build(&self) -> PyResult<Cleaner> {
        let options = Options {
            profile: self.profile,
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
            custom: Vec::new(),
        }
        .with_rule_texts(self.rules.iter().map(|(path, text)| (Path::new(path), text.as_str())))
        .map_err(py_error)?;
        Cleaner::new(&options).map_err(py_error)
    }
}

/// The compiled cleaners of this process, by their options: at most [`CACHE_SIZE`], the
/// least recently used dropped first.
static CACHE: Mutex<Vec<(Spec, Arc<Cleaner>)>> = Mutex::new(Vec::new());
/// How many distinct option sets the cache holds.
const CACHE_SIZE: usize = 32;
static COMPILES: AtomicU64 = AtomicU64::new(0);
static HITS: AtomicU64 = AtomicU64::new(0);

/// The cleaner for `spec`, compiled at most once per process while it stays in the cache.
/// Called without the GIL: compiling takes tens of milliseconds, and threads asking for the
/// same options wait for the one compile instead of each doing it.
fn cached(spec: &Spec) -> PyResult<Arc<Cleaner>> {
    let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(at) = cache.iter().position(|(s, _)| s == spec) {
        HITS.fetch_add(1, Ordering::Relaxed);
        let entry = cache.remove(at);
        let cleaner = entry.1.clone();
        cache.push(entry);
        return Ok(cleaner);
    }
    let cleaner = Arc::new(spec.build()?);
    COMPILES.fetch_add(1, Ordering::Relaxed);
    if cache.len() >= CACHE_SIZE {
        cache.remove(0);
    }
    cache.push((spec.clone(), cleaner.clone()));
    Ok(cleaner)
}

/// The Python exception for a library error, with the message the command line prints after
/// `dechaff: error: `.
fn py_error(e: Error) -> PyErr {
    let message = e.to_string();
    match &e {
        Error::Read { source, .. } => match source.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
            std::io::ErrorKind::InvalidData => PyValueError::new_err(message),
            _ => PyOSError::new_err(message),
        },
        _ => PyValueError::new_err(message),
    }
}

fn parse_profile(name: &str) -> PyResult<Profile> {
    Profile::ALL.into_iter().find(|p| p.name() == name).ok_or_else(|| {
        PyValueError::new_err(format!("unknown profile `{name}` (profiles: safe, article, page)"))
    })
}

/// A list of rule or category names: `None`, one string, or an iterable of strings; each
/// string is split on commas, as the command line splits `--select a,b`.
fn names(argument: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let Some(value) = value else { return Ok(Vec::new()) };
    let split = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(split(&s.to_cow()?));
    }
    let mut out = Vec::new();
    let items = value.try_iter().map_err(|_| {
        PyTypeError::new_err(format!("`{argument}` takes a string or an iterable of strings"))
    })?;
    for item in items {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "`{argument}` takes strings, not {}",
                item.get_type().name().map(|n| n.to_string()).unwrap_or_default()
            ))
        })?;
        out.extend(split(&s.to_cow()?));
    }
    Ok(out)
}

/// Rule file paths: `None`, one path (a string or `os.PathLike`), or an iterable of them.
fn paths(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(value) = value else { return Ok(Vec::new()) };
    if value.is_instance_of::<PyString>() || value.hasattr("__fspath__")? {
        return Ok(vec![value.extract()?]);
    }
    let items = value.try_iter().map_err(|_| {
        PyTypeError::new_err("`rules` takes a path or an iterable of paths (str or os.PathLike)")
    })?;
    items.map(|item| item?.extract::<PathBuf>()).collect()
}

fn read_rule_file(path: &Path) -> Result<(String, String), Error> {
    let text =
        std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    Ok((path.display().to_string(), text))
}

/// Character offsets of byte offsets into one text, read in one pass when the offsets come
/// in order (removals do): each call counts only the characters since the last.
struct CharOffsets<'a> {
    bytes: &'a [u8],
    ascii: bool,
    byte: usize,
    char: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets { bytes: text.as_bytes(), ascii: text.is_ascii(), byte: 0, char: 0 }
    }

    /// The character offset of byte offset `at` (which falls between characters).
    fn at(&mut self, at: usize) -> usize {
        if self.ascii {
            return at;
        }
        if at < self.byte {
            (self.byte, self.char) = (0, 0);
        }
        // Every byte that is not a UTF-8 continuation byte (0b10xx_xxxx) starts a character.
        self.char += self.bytes[self.byte..at].iter().filter(|&&b| (b as i8) >= -0x40).count();
        self.byte = at;
        self.char
    }
}

/// Runs `f`, turning a panic into a Python `RuntimeError` instead of unwinding further.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("dechaff failed on a text (an internal error; please report it): {what}")
    })
}

/// Removes scraped junk from texts with named rules; mirrors `dechaff clean`'s options.
///
/// profile
///     Which rules run by default:
///       "safe"     (default) definite junk only: prompts, counters, notices, stamps,
///                  menus, footers; for any text.
///       "article"  also what an article body leaves out but a reader of the page sees:
///                  the headline and standfirst before a byline or date, bylines,
///                  reporting credits, photo captions and credits, related-story lists,
///                  "Read more:" links, ad markers, tag lists, reading times, next and
///                  previous links; for extractor output meant as article bodies.
///       "page"     also the boilerplate blocks of a whole-page text dump, found by a
///                  classifier; for innerText dumps and Common Crawl WET records.
/// select
///     Run exactly these rules or categories, whatever the profile; the whitespace tidying
///     stays on unless ignored. A string (comma-separated, as on the command line) or an
///     iterable of strings. "all" names every rule.
/// extend_select
///     Run these rules or categories in addition to the profile's (or the selection's).
/// ignore
///     Do not run these rules or categories.
/// rules
///     Paths of TOML rule files (one path or an iterable of paths), read now: rules written
///     as data, and a `disable` list that switches built-in rules or categories off.
///
/// `dechaff.rules()` lists the rule ids and categories. Bad options raise ValueError with the
/// message `dechaff clean` prints (an unknown rule id names the closest one; a bad rule file
/// names the file and the line); a rule file that cannot be read raises OSError
/// (FileNotFoundError, PermissionError).
///
/// A Cleaner compiles its rules once and is safe to share between threads. Cleaners built
/// with the same options (and rule files with the same text) share one compiled cleaner per
/// process, so building one again, or unpickling it in every task of a Spark or Ray job,
/// costs one compile per process (see `dechaff.cache_info()`). A pickled Cleaner carries
/// its options and the text of its rule files, so it needs no file where it is unpickled.
#[pyclass(frozen, name = "Cleaner", module = "dechaff")]
struct PyCleaner {
    spec: Spec,
    inner: Arc<Cleaner>,
}

impl PyCleaner {
    fn from_spec(py: Python<'_>, spec: Spec) -> PyResult<Self> {
        let inner = py.detach(|| cached(&spec))?;
        Ok(PyCleaner { spec, inner })
    }

    fn check_jobs(jobs: Option<i64>, texts: usize) -> PyResult<usize> {
        let jobs = match jobs {
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
            Some(n) => return Err(PyValueError::new_err(format!("jobs must be at least 1, not {n}"))),
        };
        // More threads than texts, or than a few per core, cannot help.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(jobs.min(texts).min(4 * cores).max(1))
    }
}

/// Cleans `texts` on `jobs` threads, each taking the next chunk of texts as it finishes one;
/// `None` where a text lost nothing.
fn clean_parallel(
    cleaner: &Cleaner,
    texts: &[Cow<'_, str>],
    jobs: usize,
) -> Result<Vec<Option<String>>, String> {
    let one = |text: &str| {
        let cleaned = cleaner.clean_without_details(text);
        (!cleaned.removals.is_empty()).then_some(cleaned.text)
    };
    if jobs <= 1 {
        return guarded(|| texts.iter().map(|t| one(t)).collect());
    }
    let chunk = (texts.len() / (jobs * 16)).clamp(1, 64);
    let next = AtomicUsize::new(0);
    // Each thread's results: (index, cleaned text or `None` when unchanged).
    type Part = Result<Vec<(usize, Option<String>)>, String>;
    let work = || {
        guarded(|| {
            let mut done = Vec::new();
            loop {
                let start = next.fetch_add(chunk, Ordering::Relaxed);
                if start >= texts.len() {
                    return done;
                }
                for (i, text) in texts.iter().enumerate().skip(start).take(chunk) {
                    done.push((i, one(text)));
                }
            }
        })
    };
    let work = &work;
    let parts: Vec<Part> = std::thread::scope(|scope| {
        // The calling thread works too; a thread the system refuses is one helper fewer (the
        // others take its share), never an error.
        let helpers: Vec<_> =
            (1..jobs).map_while(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok()).collect();
        let mut parts = vec![work()];
        parts.extend(
            helpers.into_iter().map(|w| w.join().unwrap_or_else(|_| Err("a cleaning thread failed".into()))),
        );
        parts
    });
    let mut out: Vec<Option<String>> = vec![None; texts.len()];
    for part in parts {
        for (i, text) in part? {
            out[i] = text;
        }
    }
    Ok(out)
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (profile = "safe", select = None, extend_select = None, ignore = None, rules = None))]
    fn new(
        py: Python<'_>,
        profile: &str,
        select: Option<&Bound<'_, PyAny>>,
        extend_select: Option<&Bound<'_, PyAny>>,
        ignore: Option<&Bound<'_, PyAny>>,
        rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let spec = Spec {
            profile: parse_profile(profile)?,
            select: names("select", select)?,
            extend_select: names("extend_select", extend_select)?,
            ignore: names("ignore", ignore)?,
            rules: paths(rules)?
                .iter()
                .map(|p| read_rule_file(p))
                .collect::<Result<_, _>>()
                .map_err(py_error)?,
        };
        PyCleaner::from_spec(py, spec)
    }

    /// Cleans one text and says what went: a `Cleaned` with `.text` and `.removals`.
    ///
    /// Each removal names its rule and gives its place in the input: 1-based line numbers
    /// and character and byte offsets. Use `clean_text` when only the text is wanted.
    fn clean(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<PyCleaned> {
        let input = text.to_cow()?;
        let cleaned = py.detach(|| guarded(|| self.inner.clean(&input))).map_err(PyRuntimeError::new_err)?;
        let mut chars = CharOffsets::new(&input);
        let mut removals = Vec::with_capacity(cleaned.removals.len());
        for r in &cleaned.removals {
            let removal = PyRemoval {
                rule: r.rule.to_string(),
                lines: r.lines,
                start: chars.at(r.bytes.start),
                end: chars.at(r.bytes.end),
                byte_start: r.bytes.start,
                byte_end: r.bytes.end,
                text: r.text(&input).to_owned(),
                whole_lines: r.whole_lines,
                detail: r.detail.clone(),
            };
            removals.push(Py::new(py, removal)?);
        }
        let counts = cleaned.lines_per_rule();
        let text = if cleaned.removals.is_empty() {
            text.clone().unbind()
        } else {
            PyString::new(py, &cleaned.text).unbind()
        };
        Ok(PyCleaned { text, removals: PyTuple::new(py, removals)?.unbind(), counts })
    }

    /// Cleans one text and returns only the cleaned text (the same object when nothing
    /// went). Faster than `clean`: no removal objects are built.
    fn clean_text<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyString>> {
        let input = text.to_cow()?;
        let cleaned = py
            .detach(|| guarded(|| self.inner.clean_without_details(&input)))
            .map_err(PyRuntimeError::new_err)?;
        Ok(if cleaned.removals.is_empty() { text.clone() } else { PyString::new(py, &cleaned.text) })
    }

    /// Cleans one text and counts what went: `(text, {rule_id: lines})`, the lines each
    /// rule removed counted as `dechaff clean --annotate` counts them (a line a rule cut
    /// spans from counts once). For pipelines that keep statistics.
    fn clean_counts<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyDict>)> {
        let input = text.to_cow()?;
        let cleaned = py
            .detach(|| guarded(|| self.inner.clean_without_details(&input)))
            .map_err(PyRuntimeError::new_err)?;
        let counts = PyDict::new(py);
        for (id, n) in cleaned.lines_per_rule() {
            counts.set_item(&*id, n)?;
        }
        let out = if cleaned.removals.is_empty() { text.clone() } else { PyString::new(py, &cleaned.text) };
        Ok((out, counts))
    }

    /// Cleans many texts on the Rust side's threads, without holding the GIL, and returns
    /// the cleaned texts in the order of the input.
    ///
    /// `texts` is any iterable of str (a single str is refused: use `clean_text`). `jobs` is
    /// the number of threads (default: one per core this process may use; at most four per
    /// core and one per text are used); the output is the same for every `jobs`. The texts are held
    /// in memory together, so pass a large corpus in batches of, say, a few thousand.
    #[pyo3(signature = (texts, jobs = None))]
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        jobs: Option<i64>,
    ) -> PyResult<Bound<'py, PyList>> {
        if texts.is_instance_of::<PyString>() || texts.is_instance_of::<pyo3::types::PyBytes>() {
            return Err(PyTypeError::new_err(
                "clean_batch takes an iterable of strings, not a single string: use clean_text",
            ));
        }
        let mut items: Vec<Bound<'py, PyString>> = Vec::new();
        for (i, item) in texts.try_iter()?.enumerate() {
            let item = item?;
            let s = item.cast_into::<PyString>().map_err(|e| {
                PyTypeError::new_err(format!(
                    "clean_batch takes strings; item {i} is {}",
                    e.into_inner().get_type().name().map(|n| n.to_string()).unwrap_or_default()
                ))
            })?;
            items.push(s);
        }
        let inputs: Vec<Cow<'_, str>> = items.iter().map(|s| s.to_cow()).collect::<PyResult<_>>()?;
        let jobs = PyCleaner::check_jobs(jobs, inputs.len())?;
        let cleaner = &*self.inner;
        let cleaned =
            py.detach(|| clean_parallel(cleaner, &inputs, jobs)).map_err(PyRuntimeError::new_err)?;
        let out = cleaned.into_iter().zip(&items).map(|(c, original)| match c {
            Some(text) => PyString::new(py, &text),
            None => original.clone(),
        });
        PyList::new(py, out)
    }

    /// The profile: "safe", "article" or "page".
    #[getter]
    fn profile(&self) -> &'static str {
        self.spec.profile.name()
    }

    /// The `select` names, split on commas.
    #[getter]
    fn select(&self) -> Vec<String> {
        self.spec.select.clone()
    }

    /// The `extend_select` names, split on commas.
    #[getter]
    fn extend_select(&self) -> Vec<String> {
        self.spec.extend_select.clone()
    }

    /// The `ignore` names, split on commas (without the rule files' `disable` lists).
    #[getter]
    fn ignore(&self) -> Vec<String> {
        self.spec.ignore.clone()
    }

    /// The rule files' paths, as given.
    #[getter]
    fn rules(&self) -> Vec<String> {
        self.spec.rules.iter().map(|(path, _)| path.clone()).collect()
    }

    /// The ids of the rules this cleaner runs, in the order they run.
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.inner.rule_ids().map(str::to_owned).collect()
    }

    /// `Cleaner(profile='safe', …)`: the profile and every option that is not empty.
    fn __repr__(&self, py: Python<'_>) -> String {
        let mut parts = vec![format!("profile={}", repr(py, self.spec.profile.name()))];
        for (name, list) in [
            ("select", &self.spec.select),
            ("extend_select", &self.spec.extend_select),
            ("ignore", &self.spec.ignore),
        ] {
            if !list.is_empty() {
                parts.push(format!("{name}={}", py_list(py, list.iter().map(String::as_str))));
            }
        }
        if !self.spec.rules.is_empty() {
            parts.push(format!("rules={}", py_list(py, self.spec.rules.iter().map(|(p, _)| p.as_str()))));
        }
        format!("Cleaner({})", parts.join(", "))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCleaner>().is_ok_and(|o| o.get().spec == self.spec)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.spec.profile.name().hash(&mut h);
        (&self.spec.select, &self.spec.extend_select, &self.spec.ignore, &self.spec.rules).hash(&mut h);
        h.finish()
    }

    /// Pickles by options: the profile, the name lists, and each rule file's path and text.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let restore = py.import("dechaff._dechaff")?.getattr("_restore")?;
        let s = &self.spec;
        let args =
            (s.profile.name(), s.select.clone(), s.extend_select.clone(), s.ignore.clone(), s.rules.clone());
        Ok((restore, args.into_pyobject(py)?))
    }
}

/// Python's `repr` of a string.
fn repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s).repr().map_or_else(|_| format!("{s:?}"), |r| r.to_string())
}

/// A Python literal of a list of strings, for `__repr__`.
fn py_list<'a>(py: Python<'_>, items: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items.map(|s| repr(py, s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Rebuilds a pickled cleaner (through the per-process cache).
#[pyfunction]
fn _restore(
    py: Python<'_>,
    profile: &str,
    select: Vec<String>,
    extend_select: Vec<String>,
    ignore: Vec<String>,
    rules: Vec<(String, String)>,
) -> PyResult<PyCleaner> {
    PyCleaner::from_spec(py, Spec { profile: parse_profile(profile)?, select, extend_select, ignore, rules })
}

/// The result of `Cleaner.clean`: the cleaned text and what was removed.
///
/// text
///     The cleaned text: the input minus the removals' ranges.
/// removals
///     A tuple of `Removal`, in input order.
#[pyclass(frozen, name = "Cleaned", module = "dechaff")]
struct PyCleaned {
    #[pyo3(get)]
    text: Py<PyString>,
    #[pyo3(get)]
    removals: Py<PyTuple>,
    counts: Vec<(Arc<str>, usize)>,
}

#[pymethods]
impl PyCleaned {
    /// `{rule_id: lines}`: how many lines each rule removed, counted as
    /// `dechaff clean --annotate` counts them (a line a rule cut spans from counts once).
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (id, n) in &self.counts {
            dict.set_item(&**id, n)?;
        }
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).to_cow()?;
        let shown: String = text.chars().take(40).collect();
        let more = if text.chars().nth(40).is_some() { "…" } else { "" };
        let more = if more.is_empty() { "" } else { " + …" };
        Ok(format!("Cleaned(text={}{more}, removals={})", repr(py, &shown), self.removals.bind(py).len()))
    }
}

/// One removal: which rule made it, where, and what it removed.
///
/// rule
///     The id of the rule that removed it.
/// lines
///     (first, last): 1-based numbers of the first and last input line it touches.
/// start, end
///     Character offsets into the input (Python string indices): `text[start:end]` is
///     what went.
/// byte_start, byte_end
///     The same range in bytes of the input's UTF-8 encoding.
/// text
///     The removed text: whole lines with their line endings, or an exact span.
/// whole_lines
///     Whether whole lines went (False for a span cut out of a line that stays).
/// detail
///     Extra evidence the rule gives (the page classifier's score and deciding features),
///     or None.
#[pyclass(frozen, eq, name = "Removal", module = "dechaff")]
#[derive(Clone, Debug, PartialEq)]
struct PyRemoval {
    #[pyo3(get)]
    rule: String,
    #[pyo3(get)]
    lines: (usize, usize),
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    byte_start: usize,
    #[pyo3(get)]
    byte_end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    whole_lines: bool,
    #[pyo3(get)]
    detail: Option<String>,
}

#[pymethods]
impl PyRemoval {
    #[new]
    #[pyo3(signature = (rule, lines, start, end, byte_start, byte_end, text, whole_lines, detail = None))]
    #[allow(clippy::too_many_arguments, reason = "one argument per field, for pickling and tests")]
    fn new(
        rule: String,
        lines: (usize, usize),
        start: usize,
        end: usize,
        byte_start: usize,
        byte_end: usize,
        text: String,
        whole_lines: bool,
        detail: Option<String>,
    ) -> Self {
        PyRemoval { rule, lines, start, end, byte_start, byte_end, text, whole_lines, detail }
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let r = slf.get().clone();
        let args =
            (r.rule, r.lines, r.start, r.end, r.byte_start, r.byte_end, r.text, r.whole_lines, r.detail);
        Ok((slf.get_type().into_any(), args.into_pyobject(py)?))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Removal(rule={}, lines={:?}, start={}, end={}, byte_start={}, byte_end={}, text={}, whole_lines={}{})",
            repr(py, &self.rule),
            self.lines,
            self.start,
            self.end,
            self.byte_start,
            self.byte_end,
            repr(py, &self.text),
            if self.whole_lines { "True" } else { "False" },
            self.detail.as_ref().map(|d| format!(", detail={}", repr(py, d))).unwrap_or_default()
        )
    }
}

/// A built-in rule, as `dechaff rules` lists it.
///
/// id, category
///     The rule's stable id and its category's name (both accepted by `select`,
///     `extend_select` and `ignore`).
/// profile
///     The least aggressive profile that runs it; `profiles` lists every profile that does.
/// kind
///     What the engine hands it: line, span, block, repeat, context, edge, score or
///     whitespace.
/// region
///     Where it may fire: anywhere, head or tail.
/// summary, doc
///     One line of what it removes, and its whole documentation (`dechaff rules ID`).
#[pyclass(frozen, name = "Rule", module = "dechaff")]
struct PyRule {
    #[pyo3(get)]
    id: &'static str,
    #[pyo3(get)]
    category: &'static str,
    #[pyo3(get)]
    profile: &'static str,
    #[pyo3(get)]
    profiles: Vec<&'static str>,
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    region: &'static str,
    #[pyo3(get)]
    summary: String,
    #[pyo3(get)]
    doc: String,
}

#[pymethods]
impl PyRule {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Rule(id={}, category={}, profile={})",
            repr(py, self.id),
            repr(py, self.category),
            repr(py, self.profile)
        )
    }
}

/// Every built-in rule, in the order `dechaff rules` lists them and the engine runs them.
#[pyfunction(name = "rules")]
fn list_rules() -> Vec<PyRule> {
    dechaff::rules()
        .iter()
        .map(|r| PyRule {
            id: r.id,
            category: r.category.name(),
            profile: r.profile.name(),
            profiles: Profile::ALL.into_iter().filter(|p| *p >= r.profile).map(Profile::name).collect(),
            kind: r.kind.name(),
            region: r.region.name(),
            summary: r.summary(),
            doc: r.doc(),
        })
        .collect()
}

/// Every category as `(name, summary)`, in the order `dechaff rules` lists them.
#[pyfunction]
fn categories() -> Vec<(&'static str, &'static str)> {
    Category::ALL.iter().map(|c| (c.name(), c.summary())).collect()
}

/// The per-process cache of compiled cleaners: `{"compiles": n, "hits": n, "size": n}`.
///
/// `compiles` counts the cleaners compiled in this process, `hits` the cleaners built or
/// unpickled from one already compiled, `size` the option sets held now (at most 32; the
/// least recently used goes first).
#[pyfunction]
fn cache_info(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let size = CACHE.lock().unwrap_or_else(|p| p.into_inner()).len();
    let info = PyDict::new(py);
    info.set_item("compiles", COMPILES.load(Ordering::Relaxed))?;
    info.set_item("hits", HITS.load(Ordering::Relaxed))?;
    info.set_item("size", size)?;
    Ok(info)
}

/// Empties the per-process cache of compiled cleaners (cleaners already built keep theirs).
#[pyfunction]
fn clear_cache() {
    CACHE.lock().unwrap_or_else(|p| p.into_inner()).clear();
}

/// For benchmarks only: the seconds the library itself takes to clean `texts` one after
/// another on this thread, without the GIL (the texts become Rust strings before the clock
/// starts, and no Python object is made while it runs). `details` picks `clean` (True) or the
/// cheaper cleaning behind `clean_text` and `clean_batch` (False).
#[pyfunction]
fn _time_clean(py: Python<'_>, cleaner: &Bound<'_, PyCleaner>, texts: Vec<String>, details: bool) -> f64 {
    let cleaner = cleaner.get().inner.clone();
    py.detach(|| {
        let start = std::time::Instant::now();
        for text in &texts {
            let cleaned = if details { cleaner.clean(text) } else { cleaner.clean_without_details(text) };
            std::hint::black_box(cleaned);
        }
        start.elapsed().as_secs_f64()
    })
}

/// dechaff strips scraped junk out of plain text with named rules.
#[pymodule]
fn _dechaff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCleaner>()?;
    m.add_class::<PyCleaned>()?;
    m.add_class::<PyRemoval>()?;
    m.add_class::<PyRule>()?;
    m.add_function(wrap_pyfunction!(list_rules, m)?)?;
    m.add_function(wrap_pyfunction!(categories, m)?)?;
    m.add_function(wrap_pyfunction!(cache_info, m)?)?;
    m.add_function(wrap_pyfunction!(clear_cache, m)?)?;
    m.add_function(wrap_pyfunction!(_restore, m)?)?;
    m.add_function(wrap_pyfunction!(_time_clean, m)?)?;
    m.add("PROFILES", ("safe", "article", "page"))?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
