"""Throughput of the Python package against the `dechaff` binary, on real extractor output.

    python bench/bench.py                       # every measurement
    python bench/bench.py --only batch,short    # some of them: batch, short, datatrove, engines
    python bench/bench.py --mb 200 --jobs 2     # a larger corpus

The corpus is the `articleBody` of every page of every extractor in
../shared/bench/aceb-dev/output/*.json (1,318 texts in many languages, 7 MB), repeated until
it holds `--mb` megabytes of text, as `cargo bench --bench pipeline` builds its corpus.
Megabytes are those of the texts' UTF-8 (1 MB = 10^6 bytes), for every row alike.

- batch: `Cleaner.clean_batch(texts, jobs=N)` on texts already in Python, against
  `dechaff clean --jsonl -j N` reading the same texts as a JSON Lines file (output to
  /dev/null). Best of `--repeat` runs each.
- short: `Cleaner.clean_text` called once per text on `--short` texts under 1 KB (pieces of
  the corpus cut at paragraph ends), against the library's own time for the same texts
  (`dechaff._dechaff._time_clean`, which times the Rust loop alone, texts converted before
  the clock starts). The difference per call is what the binding costs.
- datatrove: the datatrove step's `run` over in-memory Documents (no reading or writing)
  against a bare `clean_text` loop over the same texts.
- engines: the Spark recipes (mapPartitions, pandas UDF, RDD.pipe) on `local[N]` and the
  Ray Data recipe with N CPUs, each over a JSON Lines file of `--engine-mb` MB, from a
  running session (start-up not counted), against the binary with `-j N`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dechaff
from dechaff._dechaff import _time_clean

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SHARED = Path(os.environ.get("DECHAFF_SHARED", REPO.parent / "shared"))
ACEB = SHARED / "bench" / "aceb-dev" / "output"
sys.path.insert(0, str(HERE.parent / "examples"))

ROWS: list[tuple[str, str, str]] = []


def report(what: str, figure: str, note: str = "") -> None:
    ROWS.append((what, figure, note))
    print(f"{what:<58} {figure:>16}  {note}", flush=True)


def aceb_texts() -> list[str]:
    if not ACEB.is_dir():
        sys.exit(f"{ACEB} is absent: the benchmark reads the shared aceb-dev data")
    texts = []
    for path in sorted(ACEB.glob("*.json")):
        for _, item in sorted(json.loads(path.read_text(encoding="utf-8"))["output"].items()):
            if item.get("articleBody"):
                texts.append(item["articleBody"])
    return texts


def corpus(mb: float) -> list[str]:
    base = aceb_texts()
    size = sum(len(t.encode()) for t in base)
    copies = max(1, round(mb * 1e6 / size))
    return base * copies


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode()) for t in texts) / 1e6


def write_jsonl(texts: list[str], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i, t in enumerate(texts):
            out.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    return path


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def binary_path(given: str | None) -> str:
    if given:
        return given
    built = REPO / "target" / "release" / "dechaff"
    if built.is_file():
        return str(built)
    found = shutil.which("dechaff")
    if not found:
        sys.exit("no dechaff binary: cargo build --release, or pass --binary")
    return found


def run_binary(binary: str, args: list[str]) -> None:
    with open(os.devnull, "wb") as sink:
        subprocess.run([binary, *args], stdout=sink, check=True)


def bench_batch(args, texts: list[str], tmp: Path) -> None:
    mb = megabytes(texts)
    path = write_jsonl(texts, tmp / "corpus.jsonl")
    cleaner = dechaff.Cleaner(profile=args.profile)
    cleaner.clean_batch(texts[:2000], jobs=args.jobs)  # compile and warm up
    for jobs in sorted({1, args.jobs}):
        python = best(args.repeat, lambda: cleaner.clean_batch(texts, jobs=jobs))
        cli = best(args.repeat, lambda: run_binary(args.binary, ["clean", "--jsonl", "--quiet", "-j", str(jobs), "--profile", args.profile, str(path)]))
        report(f"clean_batch, jobs={jobs}, {mb:.0f} MB, {len(texts):,} texts", f"{mb / python:.1f} MB/s", f"{python:.2f} s")
        report(f"dechaff clean --jsonl -j {jobs}, same texts", f"{mb / cli:.1f} MB/s", f"{cli:.2f} s")
        report(f"  clean_batch ÷ binary, jobs={jobs}", f"{cli / python:.0%}", "of the binary's throughput")


def short_texts(texts: list[str], count: int) -> list[str]:
    """Pieces under 1 KB: paragraphs, joined while they stay under it."""
    pieces: list[str] = []
    for text in texts:
        piece = ""
        for para in text.split("\n"):
            para += "\n"
            if len((piece + para).encode()) >= 1000:
                if piece:
                    pieces.append(piece)
                piece = para if len(para.encode()) < 1000 else ""
            else:
                piece += para
        if piece:
            pieces.append(piece)
        if len(pieces) >= count:
            break
    while len(pieces) < count:
        pieces += pieces[: count - len(pieces)]
    return pieces[:count]


def bench_short(args, texts: list[str]) -> None:
    short = short_texts(texts, args.short)
    cleaner = dechaff.Cleaner(profile=args.profile)
    mean = sum(len(t.encode()) for t in short) / len(short)
    changed = sum(cleaner.clean_text(t) != t for t in short)
    clean_text, clean = cleaner.clean_text, cleaner.clean

    def loop_text():
        for t in short:
            clean_text(t)

    def loop_clean():
        for t in short:
            clean(t)

    def empty():
        for t in short:
            len(t)

    rust = min(_time_clean(cleaner, short, False) for _ in range(args.repeat))
    rust_details = min(_time_clean(cleaner, short, True) for _ in range(args.repeat))
    python = best(args.repeat, loop_text)
    python_clean = best(args.repeat, loop_clean)
    baseline = best(args.repeat, empty)
    batch = best(args.repeat, lambda: cleaner.clean_batch(short, jobs=1))
    n = len(short)
    us = 1e6 / n
    report(f"short texts: {n:,}, mean {mean:.0f} bytes, {changed:,} changed", "", "")
    report("  library alone (clean_without_details), per text", f"{rust * us:.2f} µs", "")
    report("  clean_text from a Python loop, per call", f"{python * us:.2f} µs", "")
    report("  clean_text overhead over the library", f"{(python - rust) * us:.2f} µs", f"of which the loop itself {baseline * us:.2f} µs")
    report("  clean_batch(jobs=1), per text", f"{batch * us:.2f} µs", "")
    report("  library alone (clean, with details), per text", f"{rust_details * us:.2f} µs", "")
    report("  clean (Removal objects) from a Python loop, per call", f"{python_clean * us:.2f} µs", f"overhead {(python_clean - rust_details) * us:.2f} µs")


def bench_datatrove(args, texts: list[str]) -> None:
    try:
        from datatrove.data import Document

        from dechaff.datatrove import DechaffFormatter
    except ImportError as error:
        report("datatrove step", "not run", str(error))
        return
    docs_texts = texts[: args.datatrove_docs]
    mb = megabytes(docs_texts)
    cleaner = dechaff.Cleaner(profile=args.profile)
    step = DechaffFormatter(profile=args.profile)
    keep = DechaffFormatter(profile=args.profile, keep_removals=True)

    def bare():
        for t in docs_texts:
            cleaner.clean_text(t)

    def run(step):
        def go():
            docs = (Document(text=t, id=str(i)) for i, t in enumerate(docs_texts))
            for _ in step.run(docs):
                pass

        return go

    def make_docs():
        for i, t in enumerate(docs_texts):
            Document(text=t, id=str(i))

    bare_t = best(args.repeat, bare)
    docs_t = best(args.repeat, make_docs)
    step_t = best(args.repeat, run(step))
    keep_t = best(args.repeat, run(keep))
    n = len(docs_texts)
    us = 1e6 / n
    report(f"datatrove: {n:,} documents, {mb:.0f} MB, bare clean_text", f"{mb / bare_t:.1f} MB/s", f"{bare_t * us:.1f} µs/doc")
    report("  DechaffFormatter.run (stats)", f"{mb / step_t:.1f} MB/s", f"{step_t * us:.1f} µs/doc")
    report("  overhead of the step (Document creation included)", f"{(step_t - bare_t) * us:.1f} µs/doc", f"{(step_t - bare_t) / bare_t:.1%}; making the Documents {docs_t * us:.1f} µs/doc")
    report("  DechaffFormatter.run, keep_removals=True", f"{mb / keep_t:.1f} MB/s", f"{keep_t * us:.1f} µs/doc")


def bench_engines(args, texts: list[str], tmp: Path) -> None:
    engine_texts = corpus(args.engine_mb)
    mb = megabytes(engine_texts)
    path = write_jsonl(engine_texts, tmp / "engine.jsonl")
    cli = best(args.repeat, lambda: run_binary(args.binary, ["clean", "--jsonl", "--quiet", "-j", str(args.jobs), "--profile", args.profile, str(path)]))
    report(f"engines: {mb:.0f} MB in {len(engine_texts):,} records; binary -j {args.jobs}", f"{mb / cli:.1f} MB/s", f"{cli:.2f} s")
    bench_spark(args, path, mb)
    bench_ray(args, path, mb)


def bench_spark(args, path: Path, mb: float) -> None:
    try:
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F
    except ImportError as error:
        report("spark", "not run", str(error))
        return
    import spark_dataframe
    import spark_mappartitions
    import spark_pipe

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master(f"local[{args.jobs}]")
        .appName("dechaff-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    for module in (spark_dataframe, spark_mappartitions, spark_pipe):
        spark.sparkContext.addPyFile(module.__file__)
    sc = spark.sparkContext
    parts = args.jobs * 4

    def lines():
        return sc.textFile(str(path), minPartitions=parts)

    base = best(args.repeat, lambda: lines().map(len).sum())
    report(f"  Spark local[{args.jobs}]: reading the lines only", f"{mb / base:.1f} MB/s", f"{base:.2f} s")
    t = best(args.repeat, lambda: spark_mappartitions.clean_rdd(lines(), profile=args.profile).map(len).sum())
    report("  Spark RDD.mapPartitions recipe (wheel)", f"{mb / t:.1f} MB/s", f"{t:.2f} s")
    t = best(args.repeat, lambda: spark_pipe.clean_rdd(lines(), binary=args.binary, profile=args.profile).map(len).sum())
    report("  Spark RDD.pipe recipe (binary)", f"{mb / t:.1f} MB/s", f"{t:.2f} s")
    df = spark.read.json(str(path)).repartition(parts).cache()
    df.count()
    t0 = best(args.repeat, lambda: df.agg(F.sum(F.length("text"))).collect())
    report("  Spark DataFrame: length of the cached column only", f"{mb / t0:.1f} MB/s", f"{t0:.2f} s")
    t = best(args.repeat, lambda: spark_dataframe.clean_dataframe(df, "text", profile=args.profile).agg(F.sum(F.length("text"))).collect())
    report("  Spark DataFrame pandas UDF recipe (wheel)", f"{mb / t:.1f} MB/s", f"{t:.2f} s")
    spark.stop()


def bench_ray(args, path: Path, mb: float) -> None:
    try:
        import ray
        import ray.data
    except ImportError as error:
        report("ray", "not run", str(error))
        return
    import ray_data

    ray.init(num_cpus=args.jobs, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(HERE.parent / "examples")}})
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.verbose_stats_logs = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    ds = ray.data.read_json(str(path), lines=True).materialize()
    t = best(args.repeat, lambda: ray_data.clean_dataset(ds, "text", (1, args.jobs), profile=args.profile).materialize())
    report(f"  Ray Data map_batches recipe (wheel), {args.jobs} CPUs", f"{mb / t:.1f} MB/s", f"{t:.2f} s, input materialized")
    ray.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="batch,short,datatrove,engines")
    parser.add_argument("--mb", type=float, default=100, help="corpus size for `batch` (MB of text)")
    parser.add_argument("--engine-mb", type=float, default=50, help="corpus size for `engines`")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--short", type=int, default=100_000)
    parser.add_argument("--datatrove-docs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", default="safe")
    parser.add_argument("--binary")
    args = parser.parse_args()
    args.binary = binary_path(args.binary)
    only = set(args.only.split(","))
    print(f"dechaff {dechaff.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, profile {args.profile}, binary {args.binary}")
    texts = corpus(args.mb)
    with tempfile.TemporaryDirectory() as tmp:
        if "batch" in only:
            bench_batch(args, texts, Path(tmp))
        if "short" in only:
            bench_short(args, texts)
        if "datatrove" in only:
            bench_datatrove(args, texts)
        if "engines" in only:
            bench_engines(args, texts, Path(tmp))


if __name__ == "__main__":
    main()
