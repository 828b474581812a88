//! JSON Lines through the real binary: records cleaned in place, everything else kept byte for
//! byte, the same output for every `--jobs`, compression, annotations, bad records, `--stats`
//! and `--quiet`.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use tempfile::TempDir;

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn stdout(&self) -> &str {
        std::str::from_utf8(&self.stdout).expect("output is UTF-8")
    }
}

/// Runs the binary in `dir` with `stdin` as standard input.
fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dechaff"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("the binary finishes");
    feeder.join().expect("the feeder does not panic");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    Run { code: output.status.code().expect("no signal"), stdout: output.stdout, stderr }
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(Path::new("."), args, stdin)
}

/// One record with junk in its text, fields around it and numbers that a re-serialiser would
/// spell differently.
const RECORD: &str = r#"{"id":"a\u00e9","score":1.50,"big":123456789012345678901234567890,"text":"Body line.\nViews: 1581\nMore body.\n","tail":[1e400,-0.0,{"k":null}]}"#;
const CLEANED: &str = r#"{"id":"a\u00e9","score":1.50,"big":123456789012345678901234567890,"text":"Body line.\nMore body.\n","tail":[1e400,-0.0,{"k":null}]}"#;

/// Many records, some with junk, some without, some ASCII-escaped; `pad` bytes of filler in
/// another field make them span several of the binary's chunks (512 KiB) cheaply.
fn corpus(records: usize, pad: usize) -> String {
    let mut out = String::new();
    for i in 0..records {
        let text = match i % 4 {
            0 => format!("Paragraph {i} of the article.\\nViews: {i}\\nLeave a comment\\n"),
            1 => format!("Caf\\u00e9 {i} \\ud83d\\ude00 paragraph.\\nShare this article\\n"),
            2 => format!("Plain prose number {i}, nothing to remove.\\n"),
            _ => format!("Überschrift {i} — прочее.\\n\\nViews: 12\\n"),
        };
        out.push_str(&format!(
            "{{\"n\":{i},\"text\":\"{text}\",\"pad\":\"{}\"}}\n",
            "x".repeat(pad + i % 97)
        ));
    }
    out
}

#[test]
fn only_the_field_changes_and_numbers_round_trip() {
    let run = run(&["clean", "--jsonl"], format!("{RECORD}\n").as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout(), format!("{CLEANED}\n"));
    assert_eq!(run.stderr, "");
}

#[test]
fn field_order_and_other_fields_are_kept() {
    let input = "{\"z\":1,\"body\":\"Views: 3\\nText.\",\"a\":{\"text\":\"Views: 3\"},\"m\":true}\n";
    let run = run(&["clean", "--jsonl", "--field", "body"], input.as_bytes());
    assert_eq!(run.stdout(), "{\"z\":1,\"body\":\"Text.\",\"a\":{\"text\":\"Views: 3\"},\"m\":true}\n");
}

#[test]
fn unicode_escapes_and_raw_utf8_round_trip() {
    let input = concat!(
        r#"{"text":"Caf\u00e9 \ud83d\ude00 \"q\" \\ \t.\nViews: 3\n"}"#,
        "\n",
        "{\"text\":\"Café 😀 \\\"q\\\" \\\\ \\t.\\nViews: 3\\n\"}\n",
    );
    let run = run(&["clean", "--jsonl"], input.as_bytes());
    assert_eq!(
        run.stdout(),
        concat!(
            r#"{"text":"Caf\u00e9 \ud83d\ude00 \"q\" \\ \t.\n"}"#,
            "\n",
            "{\"text\":\"Café 😀 \\\"q\\\" \\\\ \\t.\\n\"}\n"
        )
    );
}

#[test]
fn records_without_junk_and_line_endings_are_untouched() {
    let input = "{ \"text\" : \"Fine.\" }\r\n\n{\"text\":\"Also fine.\"}";
    let run = run(&["clean", "--jsonl"], input.as_bytes());
    assert_eq!(run.stdout(), input);
}

#[test]
fn output_is_the_same_for_every_job_count() {
    let input = corpus(2_000, 2_000);
    assert!(input.len() > 3 << 20);
    let one = run(&["clean", "--jsonl", "-j", "1"], input.as_bytes());
    let two = run(&["clean", "--jsonl", "-j", "2"], input.as_bytes());
    let five = run(&["clean", "--jsonl", "--jobs", "5"], input.as_bytes());
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(one.stdout == two.stdout && one.stdout == five.stdout, "outputs differ between -j values");
    assert_eq!(one.stdout().lines().count(), 2_000);
    let numbers: Vec<usize> =
        one.stdout().lines().map(|l| l[5..l.find(',').unwrap()].parse().unwrap()).collect();
    assert!(numbers.iter().enumerate().all(|(i, &n)| i == n), "records out of order");
    assert!(!one.stdout().contains("Views:"));
}

#[test]
fn gzip_and_zstd_round_trip_by_extension() {
    let dir = TempDir::new().unwrap();
    let input = corpus(200, 0);
    let expected = run(&["clean", "--jsonl"], input.as_bytes()).stdout;
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(input.as_bytes()).unwrap();
    fs::write(dir.path().join("in.jsonl.gz"), gz.finish().unwrap()).unwrap();
    fs::write(dir.path().join("in.jsonl.zst"), zstd::encode_all(input.as_bytes(), 3).unwrap()).unwrap();

    // Compressed in, compressed out: the extensions decide.
    let run1 = run_in(dir.path(), &["clean", "in.jsonl.gz", "-o", "out.jsonl.zst"], b"");
    assert_eq!(run1.code, 0, "{}", run1.stderr);
    let zst = fs::read(dir.path().join("out.jsonl.zst")).unwrap();
    assert_eq!(zstd::decode_all(&zst[..]).unwrap(), expected);

    let run2 = run_in(dir.path(), &["clean", "in.jsonl.zst", "-o", "out.jsonl.gz"], b"");
    assert_eq!(run2.code, 0, "{}", run2.stderr);
    let mut unzipped = Vec::new();
    MultiGzDecoder::new(&fs::read(dir.path().join("out.jsonl.gz")).unwrap()[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, expected);

    // Compressed standard input is recognised by its content.
    let run3 = run_in(dir.path(), &["clean", "--jsonl"], &fs::read(dir.path().join("in.jsonl.gz")).unwrap());
    assert_eq!(run3.stdout, expected);
}

#[test]
fn jsonl_extension_switches_the_mode_on() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.jsonl"), format!("{RECORD}\n")).unwrap();
    let run = run_in(dir.path(), &["clean", "a.jsonl"], b"");
    assert_eq!(run.stdout(), format!("{CLEANED}\n"));
    let out = run_in(dir.path(), &["clean", "a.jsonl", "-o", "b.jsonl"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(fs::read_to_string(dir.path().join("b.jsonl")).unwrap(), format!("{CLEANED}\n"));
}

#[test]
fn annotate_adds_lines_removed_per_rule() {
    let input = "{\"text\":\"A.\\nViews: 1\\nViews: 2\\nLeave a comment\\n\",\"id\":7}\n{\"text\":\"B.\"}\n";
    let run = run(&["clean", "--jsonl", "--annotate"], input.as_bytes());
    assert_eq!(
        run.stdout(),
        "{\"text\":\"A.\\n\",\"id\":7,\"dechaff\":{\"view-counter\":2,\"comment-prompt\":1}}\n\
         {\"text\":\"B.\",\"dechaff\":{}}\n"
    );
    let named = self::run(&["clean", "--jsonl", "--annotate=removed"], b"{\"text\":\"B.\"}\n");
    assert_eq!(named.stdout(), "{\"text\":\"B.\",\"removed\":{}}\n");
    for line in run.stdout().lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("annotated output is JSON");
        assert!(value["dechaff"].is_object());
    }
}

const BAD: &str = "{\"text\":\"Fine.\\nViews: 2\\n\"}\nnot json at all\n{\"body\":\"x\"}\n{\"text\":7}\n{\"text\":\"Last.\"}\n";

#[test]
fn on_error_fail_stops_at_the_first_bad_record_with_its_line() {
    let run = run(&["clean", "--jsonl"], BAD.as_bytes());
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout(), "{\"text\":\"Fine.\\n\"}\n");
    assert!(run.stderr.starts_with("dechaff: error: `<stdin>`:2: not a JSON object: "), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn on_error_fail_writes_no_output_file() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("in.jsonl"), BAD).unwrap();
    let run = run_in(dir.path(), &["clean", "in.jsonl", "-o", "out.jsonl", "-j", "2"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`in.jsonl`:2:"), "{}", run.stderr);
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["in.jsonl"], "a partial or temporary output was left behind");
}

#[test]
fn on_error_skip_and_keep_report_every_bad_record() {
    let skip = run(&["clean", "--jsonl", "--on-error", "skip"], BAD.as_bytes());
    assert_eq!(skip.code, 0, "{}", skip.stderr);
    assert_eq!(skip.stdout(), "{\"text\":\"Fine.\\n\"}\n{\"text\":\"Last.\"}\n");
    let lines: Vec<&str> = skip.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", skip.stderr);
    assert!(
        lines[0].starts_with("dechaff: warning: `<stdin>`:2: not a JSON object:")
            && lines[0].ends_with("(skipped)")
    );
    assert_eq!(lines[1], "dechaff: warning: `<stdin>`:3: no `text` field (skipped)");
    assert_eq!(lines[2], "dechaff: warning: `<stdin>`:4: field `text` is not a string (skipped)");

    let keep = run(&["clean", "--jsonl", "--on-error=keep", "-j", "2"], BAD.as_bytes());
    assert_eq!(keep.code, 0);
    assert_eq!(keep.stdout(), BAD.replace("Fine.\\nViews: 2\\n", "Fine.\\n"));
    assert!(keep.stderr.contains("`<stdin>`:3: no `text` field (kept unchanged)"), "{}", keep.stderr);
}

#[test]
fn bad_records_are_numbered_across_chunks() {
    // About 6 MB: many chunks, each cleaned apart, on one thread and on two.
    let mut lines: Vec<String> = corpus(4_000, 1_500).lines().map(str::to_owned).collect();
    for &at in &[5, 1_900, 3_998] {
        lines[at - 1] = "not json".to_owned();
    }
    let input = lines.join("\n") + "\n";
    for jobs in ["1", "2"] {
        let run = run(&["clean", "--jsonl", "--on-error", "skip", "-j", jobs], input.as_bytes());
        let reported: Vec<&str> =
            run.stderr.lines().map(|l| l.split(':').nth(3).unwrap_or_default()).collect();
        assert_eq!(reported, ["5", "1900", "3998"], "{}", run.stderr);
    }
}

#[test]
fn quiet_silences_warnings_but_not_errors() {
    let skip = run(&["clean", "--jsonl", "--on-error", "skip", "--quiet"], BAD.as_bytes());
    assert_eq!((skip.code, skip.stderr.as_str()), (0, ""));
    let fail = run(&["clean", "--jsonl", "-q"], BAD.as_bytes());
    assert_eq!(fail.code, 2);
    assert!(fail.stderr.contains("`<stdin>`:2:"));
}

#[test]
fn nothing_on_stderr_without_stats_when_piped() {
    let run = run(&["clean", "--jsonl"], corpus(500, 0).as_bytes());
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

#[test]
fn stats_summarise_the_run() {
    let input = "{\"text\":\"A.\\nViews: 1\\nViews: 2\\nLeave a comment\\n\"}\n{\"text\":\"B.\"}\nbad\n";
    let run = run(&["clean", "--jsonl", "--stats", "--on-error", "skip", "-q"], input.as_bytes());
    assert_eq!(run.code, 0);
    let out_len = run.stdout.len();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "documents    2");
    assert_eq!(lines[1], "bad records  1");
    assert_eq!(lines[2], format!("bytes in     {} (0.0 MB)", input.len()));
    assert!(lines[3].starts_with(&format!("bytes out    {out_len} (0.0 MB, ")), "{}", run.stderr);
    assert!(lines[4].starts_with("time "), "{}", run.stderr);
    assert_eq!(&lines[5..], ["lines removed per rule", "  view-counter    2", "  comment-prompt  1"]);
}

#[test]
fn text_only_flags_are_refused() {
    let run = run(&["clean", "--jsonl", "--diff"], b"{}\n");
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "dechaff: error: --diff does not work with JSON Lines\n");
}

#[test]
fn directories_hold_jsonl_shards() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("shards")).unwrap();
    fs::write(dir.path().join("shards/a.jsonl"), format!("{RECORD}\n")).unwrap();
    fs::write(dir.path().join("shards/notes.txt"), "Views: 3\n").unwrap();
    let run = run_in(dir.path(), &["clean", "--jsonl", "shards", "-o", "clean"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read_to_string(dir.path().join("clean/a.jsonl")).unwrap(), format!("{CLEANED}\n"));
    assert!(!dir.path().join("clean/notes.txt").exists());
}
