//! The files below a directory input, as ripgrep's walker finds them: hidden files and
//! folders and what `.gitignore`, `.ignore` and `.git/info/exclude` name are left out unless
//! asked for, symbolic links are followed only with `--follow` (a loop is reported, not
//! entered), and the output directory is never read as input.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;

use super::error::Error;

/// Which files a directory input holds.
#[derive(Debug, Args)]
#[command(next_help_heading = "Directories")]
pub(super) struct WalkArgs {
    /// Also clean hidden files and look into hidden folders (`.git`, `.venv`, …).
    #[arg(long)]
    hidden: bool,
    /// Also clean what `.gitignore`, `.ignore` and `.git/info/exclude` files leave out.
    #[arg(long)]
    no_ignore: bool,
    /// Follow symbolic links below a directory input (a loop is reported and not entered).
    #[arg(short = 'L', long)]
    follow: bool,
}

/// What a walk found: the files to clean, sorted, and what kept others out.
pub(super) struct Found {
    pub(super) files: Vec<PathBuf>,
    /// Problems met on the way (unreadable folders, link loops), each naming its path.
    pub(super) problems: Vec<Error>,
    /// Of the files not taken, how many had each extension (`""` for none).
    pub(super) others: BTreeMap<String, usize>,
}

/// The files below `dir` that `wanted` accepts, leaving out `skip` (the output directory,
/// when it lies inside the input) and everything below it.
pub(super) fn walk(
    dir: &Path,
    args: &WalkArgs,
    wanted: impl Fn(&Path) -> bool,
    skip: Option<&Path>,
) -> Found {
    let skip = skip.and_then(|s| same_file::Handle::from_path(s).ok());
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .hidden(!args.hidden)
        .ignore(!args.no_ignore)
        .git_ignore(!args.no_ignore)
        .git_exclude(!args.no_ignore)
        .git_global(!args.no_ignore)
        .parents(!args.no_ignore)
        // A data folder's `.gitignore` counts whether or not it is in a git repository.
        .require_git(false)
        .follow_links(args.follow)
        .sort_by_file_path(Path::cmp);
    if let Some(skip) = skip {
        builder.filter_entry(move |entry| {
            !entry.file_type().is_some_and(|t| t.is_dir())
                || same_file::Handle::from_path(entry.path()).map_or(true, |h| h != skip)
        });
    }
    let mut found = Found { files: Vec::new(), problems: Vec::new(), others: BTreeMap::new() };
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                // Without --follow a link is neither a file nor a folder here.
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = entry.into_path();
                if wanted(&path) {
                    found.files.push(path);
                } else {
                    let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
                    *found.others.entry(ext).or_default() += 1;
                }
            }
            Err(e) => found.problems.push(problem(dir, e)),
        }
    }
    found
}

/// A walk error as dechaff reports it: the path it concerns and what happened.
fn problem(dir: &Path, e: ignore::Error) -> Error {
    let mut error = &e;
    let mut path = dir.to_path_buf();
    loop {
        match error {
            ignore::Error::WithPath { path: p, err } => {
                path.clone_from(p);
                error = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error = err,
            ignore::Error::Loop { child, ancestor } => {
                return Error::Read {
                    path: child.clone(),
                    source: std::io::Error::other(format!(
                        "a link loop back to `{}`, not followed",
                        ancestor.display()
                    )),
                };
            }
            ignore::Error::Io(io) => {
                return Error::Read { path, source: std::io::Error::new(io.kind(), io.to_string()) };
            }
            other => return Error::Read { path, source: std::io::Error::other(other.to_string()) },
        }
    }
}
