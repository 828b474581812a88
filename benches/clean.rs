//! `Cleaner::clean` per profile, on the seeds and the keep corpus: the engine alone, without
//! reading, JSON or writing.
//!
//! Run with `cargo bench --bench clean`; `cargo bench --bench clean -- --quick` for a rough
//! figure in a few seconds.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dechaff::{Cleaner, Options, Profile};

/// Every `*.txt` file in `dirs`, in path order.
fn texts(dirs: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = dirs
        .iter()
        .flat_map(|dir| fs::read_dir(root.join(dir)).into_iter().flatten().flatten())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|path| fs::read_to_string(path).ok()).collect()
}

fn clean(c: &mut Criterion) {
    let corpus = texts(&["seeds", "tests/fixtures/keep"]);
    let bytes: usize = corpus.iter().map(String::len).sum();
    let mut group = c.benchmark_group("clean");
    group.throughput(Throughput::Bytes(bytes as u64));
    for profile in [Profile::Safe, Profile::Article] {
        let cleaner =
            Cleaner::new(&Options { profile, ..Options::default() }).expect("built-in rules compile");
        group.bench_function(profile.name(), |b| {
            b.iter(|| {
                for text in &corpus {
                    black_box(cleaner.clean(black_box(text)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, clean);
criterion_main!(benches);
