//! The real `dechaff` binary: standard streams, files, directories, exit codes, `--diff`,
//! `--explain`, `--check`, rule selection and `rules`, with every error path it has.
//!
//! Every run checks that standard error never shows a panic or a backtrace hint. Outputs that
//! people read as a whole (help, rule pages, the diff of a seed) are insta snapshots; everything
//! else is an explicit assertion.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// Text with one counter line and one share prompt between sentences of prose.
const JUNKY: &str = "The article begins here, with a full sentence.\n\
                     Views: 1581\n\
                     The article goes on, with another sentence.\n\
                     Share this article\n\
                     The article ends here, with a final sentence.\n";

/// `JUNKY` with both junk lines gone.
const CLEANED: &str = "The article begins here, with a full sentence.\n\
                       The article goes on, with another sentence.\n\
                       The article ends here, with a final sentence.\n";

/// Prose that no rule touches.
const PROSE: &str = "Nothing here is junk.\nIt is two plain sentences.\n";

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Exit code, standard output and standard error, as one snapshot shows them.
    fn transcript(&self) -> String {
        format!("exit: {}\n--- stdout ---\n{}--- stderr ---\n{}", self.code, self.stdout, self.stderr)
    }
}

/// The binary, run in `dir`, with an environment that cannot change its output.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dechaff"));
    cmd.args(args).current_dir(dir);
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "RUST_BACKTRACE", "RUST_LIB_BACKTRACE"] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs the binary in `dir` with `stdin` as standard input.
fn run_with(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Run {
    let mut cmd = command(dir, args);
    cmd.envs(env.iter().copied()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary starts");
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        // The binary may stop reading early (usage errors); a closed pipe is fine then.
        let _ = input.write_all(stdin);
    }
    let output = child.wait_with_output().expect("the binary runs");
    let run = Run {
        code: output.status.code().expect("the binary exits, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert_no_panic(&run.stderr);
    run
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with(dir, args, b"", &[])
}

fn run_stdin(args: &[&str], stdin: &str) -> Run {
    run_with(Path::new(env!("CARGO_MANIFEST_DIR")), args, stdin.as_bytes(), &[])
}

fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn assert_no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "stderr shows a panic:\n{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "stderr shows a backtrace hint:\n{stderr}");
}

fn snapshot(name: &str, value: &str) {
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(name, value);
    });
}

/// A temp dir holding `files` (relative path, contents); parents are created.
fn tree(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    for (path, contents) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    dir
}

/// Every file below `dir` (relative, `/`-separated, sorted) with its contents.
fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((name, fs::read(&path).unwrap_or_default()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn names(dir: &Path) -> Vec<String> {
    listing(dir).into_iter().map(|(name, _)| name).collect()
}

fn assert_no_temp_files(dir: &Path) {
    let left: Vec<String> =
        names(dir).into_iter().filter(|n| n.rsplit('/').next().unwrap().starts_with(".dechaff-")).collect();
    assert!(left.is_empty(), "temp files left behind: {left:?}");
}

/// Whether file permissions stop this process (root ignores them, so some checks cannot run).
#[cfg(unix)]
fn permissions_apply(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let applies = fs::read(&probe).is_err();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_file(&probe).unwrap();
    applies
}

/// Says why an assertion cannot run here.
#[cfg(unix)]
// The harness captures test output and shows it with `--nocapture`, which is where this belongs.
#[allow(clippy::print_stdout)]
fn skip(reason: &str) {
    println!("skipped: {reason}");
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(name)
}

// ---- snapshots: help and rules ----

#[test]
fn help() {
    let run = run(&["--help"]);
    assert_eq!(run.code, 0);
    snapshot("help", &run.transcript());
}

#[test]
fn clean_help() {
    let run = run(&["clean", "--help"]);
    assert_eq!(run.code, 0);
    snapshot("clean_help", &run.transcript());
}

#[test]
fn rules_lists_every_rule() {
    let run = run(&["rules"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty());
    assert!(run.stdout.lines().any(|l| l.starts_with("view-counter ")));
    snapshot("rules", &run.transcript());
}

#[test]
fn rules_shows_one_rule() {
    let run = run(&["rules", "view-counter"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("# view-counter\n"));
    for heading in ["## What it removes", "## Why", "## Example"] {
        assert!(run.stdout.contains(heading), "no {heading}");
    }
    snapshot("rules_view_counter", &run.transcript());
}

#[test]
fn rules_shows_a_category() {
    let run = run(&["rules", "counters"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("counters: "));
    let ids: Vec<&str> = run.stdout.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
    assert!(ids.contains(&"view-counter"), "{ids:?}");
    snapshot("rules_counters", &run.transcript());
}

#[test]
fn rules_unknown_id_suggests_the_closest() {
    let run = run(&["rules", "veiw-counter"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "dechaff: error: unknown rule or category `veiw-counter` (did you mean `view-counter`?)\n"
    );
    snapshot("rules_unknown", &run.transcript());
}

// ---- inputs and outputs ----

#[test]
fn stdin_to_stdout() {
    let run = run_stdin(&["clean"], JUNKY);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, CLEANED, ""));
}

#[test]
fn dash_reads_stdin() {
    let run = run_stdin(&["clean", "-"], JUNKY);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, CLEANED, ""));
}

#[test]
fn empty_stdin_gives_empty_output() {
    let run = run_stdin(&["clean"], "");
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
}

#[test]
fn file_to_stdout() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "a.txt"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, CLEANED, ""));
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), JUNKY, "input untouched");
}

#[test]
fn file_to_output_file() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "a.txt", "-o", "clean.txt"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    assert_eq!(fs::read_to_string(dir.path().join("clean.txt")).unwrap(), CLEANED);
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), JUNKY);
    assert_no_temp_files(dir.path());
}

#[test]
fn stdin_to_output_file() {
    let dir = TempDir::new().unwrap();
    let run = run_with(dir.path(), &["clean", "-o", "clean.txt"], JUNKY.as_bytes(), &[]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    assert_eq!(fs::read_to_string(dir.path().join("clean.txt")).unwrap(), CLEANED);
}

#[test]
fn directory_is_mirrored_below_output_directory() {
    let dir = tree(&[
        ("in/z.txt", JUNKY.as_bytes()),
        ("in/sub/deeper/c.txt", JUNKY.as_bytes()),
        ("in/a.txt", PROSE.as_bytes()),
        ("in/sub/b.txt", JUNKY.as_bytes()),
        ("in/notes.md", JUNKY.as_bytes()),
        ("in/sub/page.html", JUNKY.as_bytes()),
        ("in/sub/txt", JUNKY.as_bytes()),
    ]);
    // With -o, --explain goes to stdout, in the order the files are cleaned.
    let run = run_in(dir.path(), &["clean", "in", "-o", "out", "--explain"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let cleaned_files: Vec<&str> = run.stdout.lines().map(|l| l.split(':').next().unwrap()).collect();
    let mut deduped = cleaned_files.clone();
    deduped.dedup();
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(
        deduped,
        [
            format!("in{sep}sub{sep}b.txt"),
            format!("in{sep}sub{sep}deeper{sep}c.txt"),
            format!("in{sep}z.txt")
        ],
        "sorted by path"
    );
    let out = listing(&dir.path().join("out"));
    let expected: Vec<(String, Vec<u8>)> = vec![
        ("a.txt".into(), PROSE.into()),
        ("sub/b.txt".into(), CLEANED.into()),
        ("sub/deeper/c.txt".into(), CLEANED.into()),
        ("z.txt".into(), CLEANED.into()),
    ];
    assert_eq!(out, expected, "only *.txt, tree mirrored");
    assert_no_temp_files(dir.path());

    // A second run gives the same files and the same report.
    let again = run_in(dir.path(), &["clean", "in", "-o", "out", "--explain"]);
    assert_eq!(again.stdout, run.stdout);
    assert_eq!(listing(&dir.path().join("out")), expected);
}

#[test]
fn directory_without_output_is_refused() {
    let dir = tree(&[("in/a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "in"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "dechaff: error: directory `in` needs -o DIR or --in-place\n");
}

#[test]
fn several_files_to_output_directory() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes()), ("sub/b.txt", PROSE.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "a.txt", "sub/b.txt", "-o", "out"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    let expected: Vec<(String, Vec<u8>)> =
        vec![("a.txt".into(), CLEANED.into()), ("b.txt".into(), PROSE.into())];
    assert_eq!(listing(&dir.path().join("out")), expected);
}

#[test]
fn one_file_into_existing_output_directory() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    fs::create_dir(dir.path().join("out")).unwrap();
    let run = run_in(dir.path(), &["clean", "a.txt", "-o", "out"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(fs::read_to_string(dir.path().join("out/a.txt")).unwrap(), CLEANED);
}

#[test]
fn two_inputs_with_one_output_path_are_refused() {
    let dir = tree(&[("x/a.txt", JUNKY.as_bytes()), ("y/a.txt", PROSE.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "x/a.txt", "y/a.txt", "-o", "out"]);
    assert_eq!(run.code, 2);
    let out = Path::new("out").join("a.txt");
    assert_eq!(
        run.stderr,
        format!("dechaff: error: `x/a.txt` and `y/a.txt` would both be written to `{}`\n", out.display())
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn in_place_overwrites_inputs() {
    let dir =
        tree(&[("a.txt", JUNKY.as_bytes()), ("in/b.txt", JUNKY.as_bytes()), ("in/c.md", JUNKY.as_bytes())]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path().join("a.txt"), fs::Permissions::from_mode(0o640)).unwrap();
    }
    let run = run_in(dir.path(), &["clean", "--in-place", "a.txt", "in"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    let expected: Vec<(String, Vec<u8>)> = vec![
        ("a.txt".into(), CLEANED.into()),
        ("in/b.txt".into(), CLEANED.into()),
        ("in/c.md".into(), JUNKY.into()),
    ];
    assert_eq!(listing(dir.path()), expected);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("a.txt")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "--in-place keeps the file's mode");
    }
}

#[test]
fn in_place_refuses_stdin() {
    let run = run_stdin(&["clean", "--in-place"], JUNKY);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(run.stderr, "dechaff: error: --in-place needs files, not standard input\n");
}

#[test]
fn output_that_is_the_input_is_refused_without_in_place() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "a.txt", "-o", "a.txt"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "dechaff: error: output `a.txt` is the input; use --in-place to overwrite inputs\n"
    );
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), JUNKY, "file unchanged");
    // The same file by another spelling is the input too.
    let run = run_in(dir.path(), &["clean", "a.txt", "-o", "./a.txt"]);
    assert_eq!(run.code, 2);
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), JUNKY, "file unchanged");
    assert_no_temp_files(dir.path());
}

#[test]
fn output_directory_that_is_the_input_is_refused() {
    let dir = tree(&[("in/a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "in", "-o", "in"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("dechaff: error: output `"), "{}", run.stderr);
    assert!(run.stderr.ends_with("` is the input; use --in-place to overwrite inputs\n"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(dir.path().join("in/a.txt")).unwrap(), JUNKY);
}

#[test]
fn line_endings_and_missing_final_newline_are_kept() {
    let crlf = JUNKY.replace('\n', "\r\n");
    let run = run_stdin(&["clean"], &crlf);
    assert_eq!((run.code, run.stdout.as_str()), (0, CLEANED.replace('\n', "\r\n").as_str()));

    let unterminated = JUNKY.trim_end_matches('\n');
    let run = run_stdin(&["clean"], unterminated);
    assert_eq!((run.code, run.stdout.as_str()), (0, CLEANED.trim_end_matches('\n')));

    let both = crlf.trim_end_matches("\r\n").to_owned();
    let dir = tree(&[("a.txt", both.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "a.txt", "-o", "b.txt"]);
    assert_eq!(run.code, 0);
    let expected = CLEANED.replace('\n', "\r\n");
    assert_eq!(fs::read_to_string(dir.path().join("b.txt")).unwrap(), expected.trim_end_matches("\r\n"));
}

// ---- --check, --diff, --explain ----

#[test]
fn check_exits_1_on_junk_and_writes_nothing() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes()), ("b.txt", PROSE.as_bytes())]);
    let before = listing(dir.path());
    let run = run_in(dir.path(), &["clean", "--check", "a.txt", "b.txt"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "a.txt: would remove 2 line(s) and 0 span(s)\n");
    assert_eq!(listing(dir.path()), before, "--check writes nothing");

    let run = run_stdin(&["clean", "--check"], JUNKY);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
}

#[test]
fn check_exits_0_on_clean_text() {
    let dir = tree(&[("b.txt", PROSE.as_bytes())]);
    let before = listing(dir.path());
    let run = run_in(dir.path(), &["clean", "--check", "b.txt"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    assert_eq!(listing(dir.path()), before);

    let run = run_stdin(&["clean", "--check"], PROSE);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
}

#[test]
fn check_conflicts_with_output() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "--check", "a.txt", "-o", "b.txt"]);
    assert_eq!(run.code, 2);
    assert!(!dir.path().join("b.txt").exists());
}

#[test]
fn diff_of_a_seed() {
    let name = "seeds/003_a6d69723e7403b7b.txt";
    let run = run(&["clean", "--diff", name]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.starts_with(&format!("--- {name}\n+++ {name} (cleaned)\n@@ ")), "{}", run.stdout);
    assert!(!run.stdout.contains('\x1b'), "no colour when piped");
    snapshot("diff_seed_003", &run.transcript());

    let no_color = run_with(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["clean", "--diff", name],
        b"",
        &[("NO_COLOR", "1")],
    );
    assert_eq!(no_color.transcript(), run.transcript(), "NO_COLOR changes nothing when piped");
}

#[test]
fn diff_writes_no_files() {
    let seed = fs::read(seed("003_a6d69723e7403b7b.txt")).unwrap();
    let dir = tree(&[("in/a.txt", &seed), ("b.txt", PROSE.as_bytes())]);
    let before = listing(dir.path());
    let run = run_in(dir.path(), &["clean", "--diff", "in", "b.txt"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("-Views: 1581\n"), "{}", run.stdout);
    assert!(!run.stdout.contains("b.txt"), "no diff for an unchanged file");
    assert_eq!(listing(dir.path()), before, "--diff writes nothing");
    assert_no_temp_files(dir.path());
}

#[test]
fn explain_goes_to_stderr_when_text_goes_to_stdout() {
    let run = run_stdin(&["clean", "--explain"], JUNKY);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, CLEANED);
    assert_eq!(
        run.stderr,
        "<stdin>:2: view-counter: Views: 1581\n<stdin>:4: share-prompt: Share this article\n"
    );
}

#[test]
fn explain_goes_to_stdout_with_output_file() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "--explain", "a.txt", "-o", "b.txt"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "a.txt:2: view-counter: Views: 1581\na.txt:4: share-prompt: Share this article\n");
    assert_eq!(run.stderr, "");
    assert_eq!(fs::read_to_string(dir.path().join("b.txt")).unwrap(), CLEANED);
}

// ---- rule selection ----

/// The ids that `--explain` reports for `JUNKY` under `args`.
fn fired(args: &[&str]) -> Vec<String> {
    let mut all = vec!["clean", "--explain"];
    all.extend_from_slice(args);
    let run = run_stdin(&all, JUNKY);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr.lines().map(|l| l.split(": ").nth(1).unwrap().to_owned()).collect()
}

#[test]
fn select_and_ignore_by_id_and_category() {
    assert_eq!(fired(&[]), ["view-counter", "share-prompt"]);
    assert_eq!(fired(&["--select", "view-counter"]), ["view-counter"]);
    assert_eq!(fired(&["--select", "counters"]), ["view-counter"]);
    assert_eq!(fired(&["--select", "social"]), ["share-prompt"]);
    assert_eq!(fired(&["--select", "view-counter,share-prompt"]), ["view-counter", "share-prompt"]);
    assert_eq!(fired(&["--ignore", "view-counter"]), ["share-prompt"]);
    assert_eq!(fired(&["--ignore", "counters"]), ["share-prompt"]);
    assert_eq!(fired(&["--ignore", "counters,social"]), Vec::<String>::new());
    assert_eq!(fired(&["--ignore", "counters", "--ignore", "share-prompt"]), Vec::<String>::new());

    let run = run_stdin(&["clean", "--ignore", "counters"], JUNKY);
    assert!(run.stdout.contains("Views: 1581\n") && !run.stdout.contains("Share this article"));
}

#[test]
fn unknown_rule_in_ignore_suggests_the_closest() {
    let run = run_stdin(&["clean", "--ignore", "veiw-counter"], JUNKY);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "dechaff: error: unknown rule or category `veiw-counter` (did you mean `view-counter`?)\n"
    );
    let run = run_stdin(&["clean", "--select", "countres"], JUNKY);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `counters`?"), "{}", run.stderr);
}

// ---- bad inputs and failed writes ----

/// `dechaff: error: …`, lowercase, no trailing period, one line.
fn assert_error_style(stderr: &str) {
    for line in stderr.lines() {
        let message =
            line.strip_prefix("dechaff: error: ").unwrap_or_else(|| panic!("not an error line: {line}"));
        assert!(!message.ends_with('.'), "trailing period: {line}");
        assert!(!message.starts_with(|c: char| c.is_uppercase()), "capitalised: {line}");
        assert!(!message.contains("os error"), "raw os error: {line}");
    }
}

#[test]
fn missing_path() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "missing.txt", "a.txt", "-o", "out"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("dechaff: error: could not read `missing.txt`: "), "{}", run.stderr);
    #[cfg(unix)]
    assert_eq!(run.stderr, "dechaff: error: could not read `missing.txt`: no such file or directory\n");
    assert_error_style(&run.stderr);
    // The other input is still cleaned.
    assert_eq!(fs::read_to_string(dir.path().join("out/a.txt")).unwrap(), CLEANED);
    assert!(!dir.path().join("out/missing.txt").exists());
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("secret.txt", JUNKY.as_bytes())]);
    if !permissions_apply(dir.path()) {
        skip("file permissions do not stop this user (root?), so chmod 000 cannot be tested");
        return;
    }
    fs::set_permissions(dir.path().join("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    let run = run_in(dir.path(), &["clean", "secret.txt"]);
    fs::set_permissions(dir.path().join("secret.txt"), fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(run.stderr, "dechaff: error: could not read `secret.txt`: permission denied\n");
}

#[test]
fn stdin_with_output_directory_is_refused() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("out")).unwrap();
    let run = run_with(dir.path(), &["clean", "-o", "out"], JUNKY.as_bytes(), &[]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(run.stderr, "dechaff: error: standard input needs an output file, and `out` is a directory\n");
    assert!(names(&dir.path().join("out")).is_empty());
}

#[test]
fn invalid_utf8_is_reported_and_the_rest_of_the_batch_is_cleaned() {
    let dir = tree(&[
        ("a.txt", JUNKY.as_bytes()),
        ("bad.txt", b"Fine first line.\nViews: 12\nbroken \xff\xfe here\n"),
        ("c.txt", JUNKY.as_bytes()),
    ]);
    let run = run_in(dir.path(), &["clean", "a.txt", "bad.txt", "c.txt", "-o", "out"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "dechaff: error: `bad.txt` is not valid UTF-8: invalid byte sequence at byte offset 34 (line 3)\n"
    );
    assert_error_style(&run.stderr);
    let expected: Vec<(String, Vec<u8>)> =
        vec![("a.txt".into(), CLEANED.into()), ("c.txt".into(), CLEANED.into())];
    assert_eq!(listing(&dir.path().join("out")), expected, "no output for the bad file");

    // Also from standard input.
    let run = run_with(dir.path(), &["clean"], b"ok\n\xc3", &[]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "dechaff: error: `<stdin>` is not valid UTF-8: invalid byte sequence at byte offset 3 (line 2)\n"
    );
}

#[test]
fn output_below_a_file_fails_without_leaving_anything() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes()), ("plain", b"not a directory\n")]);
    let before = listing(dir.path());
    let run = run_in(dir.path(), &["clean", "a.txt", "-o", "plain/b.txt"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    let out = Path::new("plain").join("b.txt");
    assert!(
        run.stderr.starts_with(&format!("dechaff: error: could not write `{}`: ", out.display())),
        "{}",
        run.stderr
    );
    #[cfg(unix)]
    assert!(run.stderr.ends_with(": not a directory\n"), "{}", run.stderr);
    assert_error_style(&run.stderr);
    assert_eq!(listing(dir.path()), before, "no partial output, no temp file");
}

#[cfg(unix)]
#[test]
fn output_into_read_only_directory_fails_without_leaving_anything() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let run = run_in(dir.path(), &["clean", "a.txt", "-o", "locked/b.txt"]);
    let left = names(&locked);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if !permissions_apply(dir.path()) {
        skip("file permissions do not stop this user (root?), so a read-only directory is writable");
        assert_eq!(run.code, 0);
        return;
    }
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(run.stderr, "dechaff: error: could not write `locked/b.txt`: permission denied\n");
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn usage_errors_exit_2() {
    // Clap's own errors (conflicting flags, unknown flags) use exit code 2 as well.
    for args in [
        &["clean", "--in-place", "-o", "x.txt", "a.txt"][..],
        &["clean", "--diff", "--check"],
        &["clean", "--no-such-flag"],
        &["no-such-command"],
    ] {
        let run = run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

/// Runs the binary in `dir`, reads the first line of its standard output and closes the pipe;
/// returns that line, the exit code and standard error.
fn first_line_then_close(dir: &Path, args: &[&str]) -> (String, Option<i32>, String) {
    let mut child =
        command(dir, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the binary starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader, and with it the pipe, is dropped here.
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_no_panic(&stderr);
    (first, output.status.code(), stderr)
}

#[test]
fn broken_pipe_exits_quietly_with_141() {
    let dir = TempDir::new().unwrap();
    // Far more than a pipe buffer holds, so the binary is still writing when the pipe closes.
    let big: String = (0..100_000).map(|i| format!("Line {i} of the article.\nViews: {i}\n")).collect();
    fs::write(dir.path().join("big.txt"), big).unwrap();
    let (first, code, stderr) = first_line_then_close(dir.path(), &["clean", "big.txt"]);
    assert_eq!(first, "Line 0 of the article.\n");
    assert_eq!((code, stderr.as_str()), (Some(141), ""));
}

#[test]
fn a_pipe_closed_mid_directory_leaves_no_temporary_file() {
    let page: String =
        (0..2_000).map(|i| format!("Line {i} of the article, with words.\nViews: 3\n")).collect();
    let cleaned: String = (0..2_000).map(|i| format!("Line {i} of the article, with words.\n")).collect();
    let files: Vec<(String, &[u8])> =
        (0..200).map(|i| (format!("in/f{i:03}.txt"), page.as_bytes())).collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let dir = tree(&refs);
    // The removals go to standard output, the cleaned files to `out`.
    let args = ["clean", "in", "-o", "out", "--explain", "-j", "2"];
    let (first, code, stderr) = first_line_then_close(dir.path(), &args);
    assert_eq!(first, "in/f000.txt:2: view-counter: Views: 3\n");
    assert_eq!((code, stderr.as_str()), (Some(141), ""));
    assert_no_temp_files(&dir.path().join("out"));
    let written = names(&dir.path().join("out"));
    assert!(written.len() < 200, "the run stopped at the closed pipe");
    for name in written {
        let text = fs::read_to_string(dir.path().join("out").join(name)).unwrap();
        assert!(text == cleaned, "every file written is whole");
    }
}

// Files that are not plain outputs: devices, FIFOs, links, other owners, signals.

#[cfg(unix)]
fn file_type(path: &Path) -> fs::FileType {
    fs::symlink_metadata(path).unwrap().file_type()
}

#[test]
#[cfg(unix)]
fn a_device_named_by_output_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tree(&[("in.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "in.txt", "-o", "/dev/null"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(file_type(Path::new("/dev/null")).is_char_device(), "/dev/null is still a device");
}

#[test]
#[cfg(unix)]
fn a_fifo_named_by_output_is_written_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tree(&[("in.txt", JUNKY.as_bytes())]);
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return skip("mkfifo is not available");
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let run = run_in(dir.path(), &["clean", "in.txt", "-o", "pipe"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(reader.join().unwrap(), CLEANED);
    assert!(file_type(&fifo).is_fifo(), "the FIFO is still a FIFO");
    // Listing the directory reads every file, which a FIFO would block.
    fs::remove_file(&fifo).unwrap();
    assert_no_temp_files(dir.path());
}

#[test]
#[cfg(unix)]
fn a_symlink_named_by_output_or_in_place_keeps_the_link_and_writes_its_target() {
    let dir = tree(&[
        ("in.txt", JUNKY.as_bytes()),
        ("data/target.txt", b"old\n"),
        ("data/file.txt", JUNKY.as_bytes()),
    ]);
    std::os::unix::fs::symlink("data/target.txt", dir.path().join("out.txt")).unwrap();
    std::os::unix::fs::symlink("data/file.txt", dir.path().join("link.txt")).unwrap();
    let run = run_in(dir.path(), &["clean", "in.txt", "-o", "out.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(file_type(&dir.path().join("out.txt")).is_symlink());
    assert_eq!(fs::read_to_string(dir.path().join("data/target.txt")).unwrap(), CLEANED);
    let run = run_in(dir.path(), &["clean", "link.txt", "--in-place"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(file_type(&dir.path().join("link.txt")).is_symlink());
    assert_eq!(fs::read_to_string(dir.path().join("data/file.txt")).unwrap(), CLEANED);
    assert_no_temp_files(dir.path());
}

#[test]
#[cfg(unix)]
fn in_place_keeps_hard_links_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    fs::hard_link(&a, &b).unwrap();
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    // As root, the file is given to another user, as in a data job run by root.
    let root = fs::metadata(&a).unwrap().uid() == 0
        && Command::new("chown").args(["65534:65534"]).arg(&a).status().is_ok_and(|s| s.success());
    let before = fs::metadata(&a).unwrap();
    let run = run_in(dir.path(), &["clean", "a.txt", "--in-place"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::metadata(&a).unwrap();
    assert_eq!(after.ino(), before.ino(), "the same file, not a new one");
    assert_eq!(fs::read_to_string(&b).unwrap(), CLEANED, "the other name sees the cleaned text");
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if !root {
        skip("not root: the owner of another user's file is not checked");
    }
    // A file with one name, owned by another user, keeps its owner through the rename.
    let c = dir.path().join("c.txt");
    fs::write(&c, JUNKY).unwrap();
    if root {
        assert!(Command::new("chown").args(["65534:65534"]).arg(&c).status().unwrap().success());
    }
    let before = fs::metadata(&c).unwrap();
    let run = run_in(dir.path(), &["clean", "c.txt", "--in-place"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::metadata(&c).unwrap();
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_eq!(fs::read_to_string(&c).unwrap(), CLEANED);
    assert_no_temp_files(dir.path());
}

#[test]
#[cfg(unix)]
fn a_signal_leaves_no_temporary_file_and_sets_the_exit_code() {
    let record = format!("{{\"text\": {:?}}}\n", JUNKY.repeat(40));
    let dir = tree(&[("big.jsonl", record.repeat(20_000).as_bytes())]);
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let mut child = command(dir.path(), &["clean", "big.jsonl", "-j", "1", "-o", "out.jsonl"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the output's temporary file is there, so that the signal comes mid-write.
        let started = std::time::Instant::now();
        while !names(dir.path()).iter().any(|n| n.starts_with(".dechaff-")) {
            assert!(started.elapsed().as_secs() < 20, "no temporary file appeared");
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        if child.try_wait().unwrap().is_some() {
            return skip("the run ended before a signal could reach it");
        }
        assert!(Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap()
            .success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert_no_temp_files(dir.path());
        assert!(!dir.path().join("out.jsonl").exists(), "no half-written output");
    }
}

// The directory walk.

#[test]
fn the_walk_leaves_out_hidden_and_ignored_files_unless_asked() {
    let dir = tree(&[
        ("in/a.txt", JUNKY.as_bytes()),
        ("in/.venv/lib.txt", JUNKY.as_bytes()),
        ("in/.notes.txt", JUNKY.as_bytes()),
        ("in/build/gen.txt", JUNKY.as_bytes()),
        ("in/.gitignore", b"build/\n"),
    ]);
    let run = run_in(dir.path(), &["clean", "in", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(names(&dir.path().join("out")), ["a.txt"]);
    let run = run_in(dir.path(), &["clean", "in", "-o", "all", "--hidden", "--no-ignore"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(names(&dir.path().join("all")), [".notes.txt", ".venv/lib.txt", "a.txt", "build/gen.txt"]);
}

#[test]
fn an_output_directory_inside_the_input_is_never_read() {
    let dir = tree(&[("in/a.txt", JUNKY.as_bytes()), ("in/sub/b.txt", JUNKY.as_bytes())]);
    for _ in 0..2 {
        let run = run_in(dir.path(), &["clean", "in", "-o", "in/out"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert_eq!(names(&dir.path().join("in/out")), ["a.txt", "sub/b.txt"]);
}

#[test]
#[cfg(unix)]
fn links_are_followed_only_when_asked_and_a_loop_is_reported() {
    let dir =
        tree(&[("in/a.txt", JUNKY.as_bytes()), ("in/sub/.keep", b""), ("elsewhere/b.txt", JUNKY.as_bytes())]);
    std::os::unix::fs::symlink("..", dir.path().join("in/sub/up")).unwrap();
    std::os::unix::fs::symlink("../elsewhere", dir.path().join("in/more")).unwrap();
    let run = run_in(dir.path(), &["clean", "in", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(names(&dir.path().join("out")), ["a.txt"]);
    let run = run_in(dir.path(), &["clean", "in", "-o", "followed", "--follow"]);
    assert_eq!(run.code, 2, "a loop is an error: {}", run.stderr);
    assert!(run.stderr.contains("in/sub/up") && run.stderr.contains("loop"), "{}", run.stderr);
    assert_error_style(&run.stderr);
    assert_eq!(names(&dir.path().join("followed")), ["a.txt", "more/b.txt"]);
}

#[test]
fn a_directory_with_nothing_to_clean_says_what_it_holds() {
    let dir = tree(&[
        ("in/x.jsonl", b"{}\n"),
        ("in/y.jsonl", b"{}\n"),
        ("in/z.md", b"# z\n"),
        ("empty/.keep", b""),
    ]);
    let run = run_in(dir.path(), &["clean", "in", "-o", "out"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("2 .jsonl, 1 .md") && run.stderr.contains("--jsonl"), "{}", run.stderr);
    let run = run_in(dir.path(), &["clean", "empty", "-o", "out"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("found no files"), "{}", run.stderr);
    assert_error_style(&run.stderr);
}

// Flags and inputs that cannot work are refused with a reason.

#[test]
fn json_lines_flags_are_refused_on_text_input() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes()), ("r.jsonl", b"{\"text\": \"Hi.\"}\n")]);
    for flag in ["--stats", "--field=body", "--annotate", "--on-error=skip"] {
        let run = run_in(dir.path(), &["clean", "a.txt", flag]);
        assert_eq!(run.code, 2, "{flag}");
        assert!(run.stderr.contains("JSON Lines"), "{flag}: {}", run.stderr);
        assert_error_style(&run.stderr);
    }
    let run = run_in(dir.path(), &["clean", "r.jsonl", "--annotate=text"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("over the cleaned field"), "{}", run.stderr);
}

#[test]
fn text_output_is_compressed_by_its_name() {
    let dir = tree(&[("a.txt", JUNKY.as_bytes())]);
    let run = run_in(dir.path(), &["clean", "a.txt", "-o", "a.txt.gz"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(fs::File::open(dir.path().join("a.txt.gz")).unwrap()),
        &mut text,
    )
    .unwrap();
    assert_eq!(text, CLEANED);
}

#[test]
fn a_rule_id_in_two_rule_files_is_refused() {
    let rule = b"[[rule]]\nid = \"ad-tag\"\ncategory = \"custom\"\npatterns = [\"^AD$\"]\n";
    let dir = tree(&[("a.txt", JUNKY.as_bytes()), ("one.toml", rule), ("two.toml", rule)]);
    let run = run_in(dir.path(), &["clean", "a.txt", "--rules", "one.toml", "--rules", "two.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("one.toml") && run.stderr.contains("two.toml"), "{}", run.stderr);
    assert_error_style(&run.stderr);
}

#[test]
fn eval_without_a_shared_page_id_is_an_error() {
    let dir = tree(&[
        ("gold.json", b"{\"a\": {\"articleBody\": \"x\"}}"),
        ("in.json", b"{\"b\": {\"articleBody\": \"x\"}}"),
    ]);
    let run = run_in(dir.path(), &["eval", "--gold", "gold.json", "in.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("shares no page id"), "{}", run.stderr);
    assert_error_style(&run.stderr);
}

#[test]
fn a_directory_cleaned_on_several_threads_gives_what_one_thread_gives() {
    let mut files: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| {
            (format!("in/d{}/f{i:02}.txt", i % 3), if i % 2 == 0 { JUNKY } else { PROSE }.as_bytes().to_vec())
        })
        .collect();
    files.push(("in/bad.txt".into(), b"caf\xe9\n".to_vec()));
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    let dir = tree(&refs);
    let one = run_in(dir.path(), &["clean", "in", "-o", "one", "-j", "1", "--explain"]);
    let four = run_in(dir.path(), &["clean", "in", "-o", "four", "-j", "4", "--explain"]);
    assert_eq!(one.code, 2, "the bad file is reported: {}", one.stderr);
    assert_eq!((one.code, &one.stdout, &one.stderr), (four.code, &four.stdout, &four.stderr));
    assert_eq!(listing(&dir.path().join("one")), listing(&dir.path().join("four")));
    assert_eq!(names(&dir.path().join("one")).len(), 40);
}

#[test]
fn progress_line_shows_when_asked_and_clears_itself() {
    let dir = tree(&[
        ("in/a.txt", JUNKY.as_bytes()),
        ("in/b.txt", PROSE.as_bytes()),
        ("c.jsonl", b"{\"text\":\"x\"}\n"),
    ]);
    // Standard error is a pipe here, so only --progress draws the line.
    for (args, noun) in [
        (&["clean", "in", "-o", "out", "-j", "2", "--progress"][..], " files · "),
        (&["clean", "c.jsonl", "-o", "c.out.jsonl", "--progress"][..], " documents · "),
    ] {
        let run = run_in(dir.path(), args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.starts_with("\r\x1b[2K") && run.stderr.contains(noun), "{:?}", run.stderr);
        assert!(run.stderr.contains(" MB/s"), "{:?}", run.stderr);
        assert!(run.stderr.ends_with("\r\x1b[2K"), "the line is cleared at the end: {:?}", run.stderr);
    }
    let quiet = run_in(dir.path(), &["clean", "in", "-o", "out2"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""), "no line without a terminal");
    let both = run_in(dir.path(), &["clean", "in", "-o", "out3", "--quiet", "--progress"]);
    assert_eq!(both.code, 2, "{}", both.stderr);
    assert!(both.stderr.contains("--progress") && both.stderr.contains("--quiet"), "{}", both.stderr);
}
