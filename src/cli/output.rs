//! Writing outputs without damaging anything.
//!
//! - A path that does not exist, or a regular file, gets a new file written beside it and
//!   renamed onto it: a reader sees the old text or the new, never half of it.
//! - A regular file keeps its mode, owner and group. When the new file cannot be given the
//!   owner and group (another user's file, writable through its group) or the file has more
//!   than one name (hard links), the finished text is copied into the file itself instead, so
//!   that every name of it sees the new text and nothing about it changes.
//! - A symbolic link is followed, and its target written as above: the link stays.
//! - An existing path that is not a regular file (a device such as `/dev/null`, a FIFO, a
//!   socket) is written through, never replaced.
//! - A temporary file that has not landed is removed on SIGINT, SIGTERM and SIGHUP, and the
//!   process exits with 128 + the signal's number (130 for Ctrl-C). A closed pipe (SIGPIPE is
//!   ignored, so a write fails) ends the run through the ordinary error path, which removes
//!   them too, with exit code 141 as if SIGPIPE had stopped it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::error::Error;

/// The temporary files that have not landed yet. A signal removes them; an output lands
/// while holding the lock, so that a signal waits until it has.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts the thread that, on SIGINT, SIGTERM or SIGHUP, removes the temporary files of the
/// outputs being written and ends the process with 128 + the signal's number.
pub(super) fn remove_temporary_files_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let live = live();
                for path in live.iter() {
                    let _ = fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    }
}

/// How many symbolic links are followed before a path is taken to loop (as the kernel does).
const MAX_LINKS: usize = 40;

/// An output being written: [`Output::file`] takes the text, [`Output::commit`] lands it.
/// Dropped without a commit, it leaves the path as it was.
pub(super) struct Output {
    /// The path as the user named it, for messages.
    path: PathBuf,
    land: Land,
}

enum Land {
    /// A new file beside `target`, to be renamed onto it or copied into it.
    Replace { target: PathBuf, tmp: Tracked, existing: Option<Box<fs::Metadata>> },
    /// An existing path that is not a regular file, opened for writing.
    Through(File),
}

impl Output {
    /// Prepares to write `path`, following symbolic links.
    pub(super) fn create(path: &Path) -> Result<Output, Error> {
        let error = |source| Error::Write { path: path.to_path_buf(), source };
        let target = resolve(path).map_err(error)?;
        let land = match fs::metadata(&target) {
            Ok(m) if m.is_dir() => {
                return Err(error(io::Error::new(io::ErrorKind::IsADirectory, "it is a directory")));
            }
            Ok(m) if !m.is_file() => {
                Land::Through(OpenOptions::new().write(true).open(&target).map_err(error)?)
            }
            Ok(m) => Land::Replace {
                tmp: Tracked::beside(&target).map_err(error)?,
                target,
                existing: Some(Box::new(m)),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Land::Replace { tmp: Tracked::beside(&target).map_err(error)?, target, existing: None }
            }
            Err(e) => return Err(error(e)),
        };
        Ok(Output { path: path.to_path_buf(), land })
    }

    /// Where the text goes.
    pub(super) fn file(&self) -> &File {
        match &self.land {
            Land::Replace { tmp, .. } => tmp.file(),
            Land::Through(file) => file,
        }
    }

    /// Lands the text written to [`Output::file`]; with `sync`, on disk before it returns.
    pub(super) fn commit(self, sync: bool) -> Result<(), Error> {
        let error = |source| Error::Write { path: self.path.clone(), source };
        match self.land {
            // A device or FIFO may not sync; what was written has reached it.
            Land::Through(file) => {
                if sync {
                    let _ = file.sync_all();
                }
                Ok(())
            }
            Land::Replace { target, tmp, existing } => {
                let mut live = live();
                if sync {
                    tmp.file().sync_all().map_err(error)?;
                }
                let into_place = match &existing {
                    None => true,
                    Some(m) => {
                        tmp.file().set_permissions(m.permissions()).map_err(error)?;
                        keeps_owner_and_links(tmp.file(), m)
                    }
                };
                if into_place {
                    tmp.persist(&target, &mut live).map_err(error)
                } else {
                    let mut source = tmp.file();
                    source.seek(SeekFrom::Start(0)).map_err(error)?;
                    let mut file =
                        OpenOptions::new().write(true).truncate(true).open(&target).map_err(error)?;
                    io::copy(&mut source, &mut file).map_err(error)?;
                    if sync {
                        file.sync_all().map_err(error)?;
                    }
                    tmp.remove(&mut live);
                    Ok(())
                }
            }
        }
    }
}

/// Whether the new file can replace `existing` by a rename without changing who owns it or
/// cutting a hard link: it has one name, and the new file could be given its owner and group.
#[cfg(unix)]
fn keeps_owner_and_links(new: &File, existing: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    existing.nlink() == 1
        && std::os::unix::fs::fchown(new, Some(existing.uid()), Some(existing.gid())).is_ok()
}

#[cfg(not(unix))]
fn keeps_owner_and_links(_: &File, _: &fs::Metadata) -> bool {
    true
}

/// The path that writing `path` writes: `path` itself, or the end of the chain of symbolic
/// links it starts (which need not exist yet).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// A temporary file that a signal removes until it lands or is dropped.
struct Tracked(Option<tempfile::NamedTempFile>);

impl Tracked {
    /// A new temporary file in the directory of `path` (created if missing).
    fn beside(path: &Path) -> io::Result<Tracked> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        // When `dir` is a file, creating the temp file in it reports "not a directory".
        if !dir.exists() {
            fs::create_dir_all(dir)?;
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".dechaff-").suffix(".tmp");
        // A temp file is private to its owner; a new output gets the usual mode, less the umask.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut live = live();
        let tmp = builder.tempfile_in(dir)?;
        live.push(tmp.path().to_path_buf());
        Ok(Tracked(Some(tmp)))
    }

    fn file(&self) -> &File {
        self.0.as_ref().expect("a tracked file is there until it lands").as_file()
    }

    /// Renames the file to `target`; `live` is the held lock of [`LIVE`].
    fn persist(mut self, target: &Path, live: &mut Vec<PathBuf>) -> io::Result<()> {
        let tmp = self.0.take().expect("a tracked file lands once");
        let path = tmp.path().to_path_buf();
        let result = tmp.persist(target).map(drop).map_err(|e| e.error);
        live.retain(|p| *p != path);
        result
    }

    /// Removes the file; `live` is the held lock of [`LIVE`].
    fn remove(mut self, live: &mut Vec<PathBuf>) {
        if let Some(tmp) = self.0.take() {
            live.retain(|p| p != tmp.path());
        }
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        if let Some(tmp) = self.0.take() {
            let mut live = live();
            live.retain(|p| p != tmp.path());
            drop(tmp);
        }
    }
}
