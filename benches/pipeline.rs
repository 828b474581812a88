//! End to end: `dechaff clean --jsonl` on a JSON Lines corpus of real extractor output, on one
//! thread and on all cores, against `wc -l` on the same bytes in the same run; then the peak
//! memory of a 1 GB stream, measured by `/usr/bin/time -v`.
//!
//! ```text
//! cargo bench --bench pipeline -- path/to/aceb-dev    # extractor output
//! cargo bench --bench pipeline -- path/to/pages       # whole-page text
//! cargo bench --bench pipeline -- adversarial         # only the texts built to be slow
//! ```
//!
//! The directory is in dechaff's evaluation layout: `output/<extractor>.json` files of
//! `{"output": {"<page id>": {"articleBody": "…"}}}`, in it or in its subdirectories (one per
//! corpus, as `pages/` holds them). Every `articleBody` becomes one record, and the records are
//! repeated until the corpus holds `DECHAFF_BENCH_MB` megabytes (default 256). Without a
//! directory the benchmark says how to run it and does nothing. `DECHAFF_BENCH_PROFILE`
//! picks the profile (default `safe`); `DECHAFF_BENCH_STREAM_MB` the size of the memory run
//! (default 1024).

#![allow(clippy::print_stdout)] // A benchmark reports its figures on standard output.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const DECHAFF: &str = env!("CARGO_BIN_EXE_dechaff");

fn main() {
    let Some(data) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        println!("pipeline: give the benchmark data directory: cargo bench --bench pipeline -- DIR");
        return;
    };
    if data == "adversarial" {
        let profile = std::env::var("DECHAFF_BENCH_PROFILE").unwrap_or_else(|_| "safe".into());
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dechaff-bench");
        fs::create_dir_all(&dir).expect("the benchmark directory can be created");
        adversarial(&dir, &profile);
        return;
    }
    let megabytes: u64 = setting("DECHAFF_BENCH_MB", 256);
    let stream_mb: u64 = setting("DECHAFF_BENCH_STREAM_MB", 1024);
    let profile = std::env::var("DECHAFF_BENCH_PROFILE").unwrap_or_else(|_| "safe".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dechaff-bench");
    fs::create_dir_all(&dir).expect("the benchmark directory can be created");
    let name = Path::new(&data).file_name().map_or("data".into(), |n| n.to_string_lossy().into_owned());
    let corpus = dir.join(format!("corpus-{name}-{megabytes}mb.jsonl"));
    let (bytes, documents) = build_corpus(Path::new(&data), &corpus, megabytes << 20);
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus   {} ({mb:.1} MB, {documents} documents), profile {profile}, {cores} cores",
        corpus.display()
    );

    let wc = best_of(3, || run(Command::new("wc").arg("-l"), &corpus, None));
    println!("{:<16}{:>10}{:>10}", "", "MB/s", "÷ wc -l");
    println!("{:<16}{:>10.1}{:>10.3}", "wc -l", mb / wc, 1.0);
    let clean = |jobs: usize| {
        let mut cmd = Command::new(DECHAFF);
        cmd.args(["clean", "--jsonl", "--quiet", "--profile", &profile, "-j", &jobs.to_string()]);
        cmd
    };
    let one = best_of(3, || run(&mut clean(1), &corpus, None));
    println!("{:<16}{:>10.1}{:>10.3}", "dechaff -j 1", mb / one, wc / one);
    if cores > 1 {
        let all = best_of(3, || run(&mut clean(cores), &corpus, None));
        println!(
            "{:<16}{:>10.1}{:>10.3}   {:.2}× -j 1",
            format!("dechaff -j {cores}"),
            mb / all,
            wc / all,
            one / all
        );
        let (a, b) = (dir.join("out-j1.jsonl"), dir.join(format!("out-j{cores}.jsonl")));
        run(&mut clean(1), &corpus, Some(&a));
        run(&mut clean(cores), &corpus, Some(&b));
        let same = same_bytes(&a, &b);
        println!("output   -j 1 and -j {cores} {}", if same { "byte-identical" } else { "DIFFER" });
        let _ = (fs::remove_file(&a), fs::remove_file(&b));
    }
    peak_memory(&clean(cores), &corpus, bytes, stream_mb << 20);
    adversarial(&dir, &profile);
}

/// Makes a text of `n` times its base size.
type MakeText = Box<dyn Fn(usize) -> String>;

/// Texts built to find time that grows faster than the input: each is cleaned at its size and
/// at twice its size (one text, one thread, `--diff` too), and the ratio of the times is
/// printed; linear time gives about 2.
fn adversarial(dir: &Path, profile: &str) {
    let labels = ["Home", "World", "Business", "Sport", "Culture", "Travel", "Weather", "Video"];
    let shapes: [(&str, MakeText); 5] = [
        (
            "200,000 identical lines",
            Box::new(|n| "The same sentence of the story, again.\n".repeat(200_000 * n)),
        ),
        (
            "200,000 menu labels",
            Box::new(move |n| {
                let mut text = String::from("Views: 3\n");
                for i in 0..200_000 * n {
                    text.push_str(labels[i % labels.len()]);
                    text.push('\n');
                }
                text
            }),
        ),
        (
            "20,000 policy triggers",
            Box::new(|n| {
                "Body of the story.\n\n".to_owned()
                    + &"We will not publish comments that insult others.\n \u{2022} Be kind.\n \u{2022} No spam.\n"
                        .repeat(20_000 * n)
            }),
        ),
        (
            "40,000 lines, --diff",
            Box::new(|n| {
                (0..20_000 * n)
                    .map(|i| format!("Sentence {i} of the story, with words.\nViews: {i}\n"))
                    .collect()
            }),
        ),
        (
            "one line of 50 MB",
            Box::new(|n| "The council met on Monday to discuss the budget. ".repeat(1_000_000 * n) + "\n"),
        ),
    ];
    println!("{:<26}{:>10}{:>10}{:>8}", "adversarial, one text", "1× s", "2× s", "ratio");
    for (name, make) in &shapes {
        let mut times = [0.0; 2];
        for (k, n) in [1, 2].into_iter().enumerate() {
            let path = dir.join(format!("adversarial-{k}.txt"));
            fs::write(&path, make(n)).expect("the adversarial text can be written");
            let mut cmd = Command::new(DECHAFF);
            cmd.args(["clean", "--profile", profile]);
            if name.ends_with("--diff") {
                cmd.arg("--diff");
            }
            times[k] = best_of(3, || run(&mut cmd, &path, None));
            let _ = fs::remove_file(&path);
        }
        println!("{name:<26}{:>10.3}{:>10.3}{:>8.2}", times[0], times[1], times[1] / times[0]);
    }
    text_memory(dir, profile);
}

/// Peak memory of one text of many short lines, against the bound the README states: about
/// 3 × N + 40 × L bytes for N bytes and L lines, plus about 80 bytes per removal record.
fn text_memory(dir: &Path, profile: &str) {
    if !Path::new("/usr/bin/time").exists() {
        println!("memory   skipped: /usr/bin/time is not installed (Debian: apt-get install time)");
        return;
    }
    let texts = [
        ("8 MB of one-letter lines", "a\n".repeat(4_000_000)),
        ("2 million removed lines", "Views: 12\nLeave a comment\n".repeat(1_000_000)),
    ];
    println!("{:<26}{:>10}{:>10}{:>12}", "memory, one text", "lines", "peak MB", "B per line");
    for (name, text) in texts {
        let path = dir.join("memory.txt");
        fs::write(&path, &text).expect("the memory text can be written");
        let output = Command::new("/usr/bin/time")
            .args(["-v", DECHAFF, "clean", "--profile", profile])
            .arg(&path)
            .stdout(Stdio::null())
            .output()
            .expect("/usr/bin/time starts");
        let _ = fs::remove_file(&path);
        let peak = max_rss(&output.stderr) * 1024;
        let lines = text.lines().count() as u64;
        let per_line = peak.saturating_sub(3 * text.len() as u64) as f64 / lines as f64;
        println!("{name:<26}{lines:>10}{:>10.0}{per_line:>12.0}", peak as f64 / 1e6);
    }
}

/// The maximum resident set size, in KiB, from the report of `/usr/bin/time -v`.
fn max_rss(report: &[u8]) -> u64 {
    String::from_utf8_lossy(report)
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))
        .and_then(|v| v.trim().parse().ok())
        .expect("/usr/bin/time -v reports the maximum resident set size")
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Writes one record per `articleBody` of `data/output/*.json` and `data/*/output/*.json`,
/// repeated up to `target` bytes; an existing corpus of that name is reused. Returns its size
/// and number of records.
fn build_corpus(data: &Path, corpus: &Path, target: u64) -> (u64, u64) {
    let mut records = Vec::new();
    let json_in = |dir: &Path| -> Vec<PathBuf> {
        let entries = fs::read_dir(dir.join("output")).into_iter().flatten().flatten();
        entries.map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect()
    };
    let mut files = json_in(data);
    for set in fs::read_dir(data).expect("the data directory is readable").flatten() {
        files.extend(json_in(&set.path()));
    }
    files.sort();
    for file in &files {
        let text = fs::read_to_string(file).expect("an output file is readable");
        let json: serde_json::Value = serde_json::from_str(&text).expect("an output file is JSON");
        let extractor = file.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        for (id, page) in json["output"].as_object().into_iter().flatten() {
            if let Some(body) = page["articleBody"].as_str().filter(|b| !b.is_empty()) {
                records.push((id.clone(), extractor.clone(), body.to_owned()));
            }
        }
    }
    assert!(!records.is_empty(), "no articleBody in {}", data.display());
    if let Ok(meta) = fs::metadata(corpus) {
        let lines = fs::read(corpus).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        return (meta.len(), lines as u64);
    }
    let mut out = BufWriter::new(File::create(corpus).expect("the corpus can be created"));
    let (mut bytes, mut count) = (0u64, 0u64);
    'fill: for copy in 0.. {
        for (id, extractor, body) in &records {
            let line = serde_json::json!({"id": id, "extractor": extractor, "copy": copy, "text": body});
            let mut line = serde_json::to_vec(&line).expect("a record serialises");
            line.push(b'\n');
            out.write_all(&line).expect("the corpus can be written");
            bytes += line.len() as u64;
            count += 1;
            if bytes >= target {
                break 'fill;
            }
        }
    }
    out.flush().expect("the corpus can be written");
    (bytes, count)
}

/// Runs `cmd` with `input` as stdin and stdout to `output` (or /dev/null); returns seconds.
fn run(cmd: &mut Command, input: &Path, output: Option<&Path>) -> f64 {
    let out = File::create(output.unwrap_or(Path::new("/dev/null"))).expect("the output can be created");
    let start = Instant::now();
    let status = cmd
        .stdin(File::open(input).expect("the corpus opens"))
        .stdout(out)
        .status()
        .expect("the command starts");
    let seconds = start.elapsed().as_secs_f64();
    assert!(status.success(), "{cmd:?} failed: {status}");
    seconds
}

fn best_of(n: usize, mut f: impl FnMut() -> f64) -> f64 {
    (0..n).map(|_| f()).fold(f64::INFINITY, f64::min)
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    let (mut a, mut b) = (File::open(a).expect("output a"), File::open(b).expect("output b"));
    let (mut x, mut y) = (vec![0; 1 << 20], vec![0; 1 << 20]);
    loop {
        let n = read_full(&mut a, &mut x);
        let m = read_full(&mut b, &mut y);
        if n != m || x[..n] != y[..m] {
            return false;
        }
        if n == 0 {
            return true;
        }
    }
}

fn read_full(r: &mut File, buf: &mut [u8]) -> usize {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => panic!("read failed: {e}"),
        }
    }
    filled
}

/// Peak resident memory of `cmd` on the corpus streamed through a pipe once, and repeated to
/// `stream` bytes: equal figures mean memory does not grow with the input.
fn peak_memory(cmd: &Command, corpus: &Path, corpus_bytes: u64, stream: u64) {
    if !Path::new("/usr/bin/time").exists() {
        println!("memory   skipped: /usr/bin/time is not installed (Debian: apt-get install time)");
        return;
    }
    let data = fs::read(corpus).expect("the corpus is readable");
    for copies in [1, stream.div_ceil(corpus_bytes).max(1)] {
        let mut time = Command::new("/usr/bin/time");
        time.arg("-v").arg(cmd.get_program()).args(cmd.get_args());
        let mut child = time
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("/usr/bin/time starts");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let feeder = std::thread::scope(|scope| {
            let feed = scope.spawn(|| {
                for _ in 0..copies {
                    stdin.write_all(&data)?;
                }
                drop(stdin);
                Ok::<(), io::Error>(())
            });
            let output = child.wait_with_output().expect("/usr/bin/time finishes");
            (feed.join().expect("the feeder does not panic"), output)
        });
        let (fed, output) = feeder;
        fed.expect("the stream is written");
        let kb = max_rss(&output.stderr);
        let stream_mb = (copies * corpus_bytes) as f64 / 1e6;
        println!("memory   {stream_mb:.0} MB stream: peak RSS {:.1} MB", kb as f64 / 1024.0);
    }
}
