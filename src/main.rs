//! The `dechaff` binary: parse the arguments, run, map the result to an exit code.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    one_malloc_arena();
    cli::run(cli::Cli::parse())
}

/// Batch runs hand buffers from the reader to the workers and from the workers to the writer.
/// glibc's malloc gives every thread an arena of its own, and memory freed by another thread
/// stays in the arena it came from: over a long stream the arenas fragment and resident memory
/// grows by a sixth. One arena keeps it flat at no measurable cost for the few threads a run
/// has.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    /// `M_ARENA_MAX` in glibc's `malloc.h`.
    const M_ARENA_MAX: std::ffi::c_int = -8;
    extern "C" {
        fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
    }
    // SAFETY: mallopt only sets a tuning parameter of glibc's allocator; it is called before
    // any other thread exists.
    unsafe {
        mallopt(M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}
