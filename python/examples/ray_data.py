"""Clean a text column of a Ray Dataset with map_batches: one Cleaner per actor.

    python examples/ray_data.py corpus.jsonl clean-dir --profile article

The Cleaner is built on the driver (bad options fail there) and handed to each actor
pickled, with the text of its rule files, so no worker needs the files. Each actor cleans
Arrow batches on one thread (an
actor takes one CPU). The pool grows from one actor to one per CPU as CPUs come free: a
fixed pool of one actor per CPU would leave none for the tasks that read the input, which
then wait forever. Null texts stay null; the other columns are untouched.
"""

from __future__ import annotations

import argparse

import dechaff


class DechaffBatch:
    """A map_batches UDF (batch_format="pyarrow") that cleans `column` of each batch."""

    def __init__(self, cleaner: dechaff.Cleaner, column: str = "text"):
        self.cleaner = cleaner
        self.column = column

    def __call__(self, batch):
        import pyarrow as pa

        index = batch.schema.get_field_index(self.column)
        texts = batch.column(index).to_pylist()
        present = [i for i, t in enumerate(texts) if t is not None]
        cleaned = self.cleaner.clean_batch([texts[i] for i in present], jobs=1)
        for i, text in zip(present, cleaned):
            texts[i] = text
        return batch.set_column(index, self.column, pa.array(texts, type=pa.large_string()))


def clean_dataset(ds, column: str = "text", concurrency=1, batch_size: int = 1024, **options):
    """`ds` with `column` cleaned by a pool of `concurrency` actors (a number, or a range
    `(least, most)` for a pool that grows as CPUs come free)."""
    cleaner = dechaff.Cleaner(**options)  # bad options fail here, on the driver
    return ds.map_batches(
        DechaffBatch,
        fn_constructor_kwargs={"cleaner": cleaner, "column": column},
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
    )


def main() -> None:
    import ray

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--profile", default="safe")
    parser.add_argument("--column", default="text")
    parser.add_argument("--actors", type=int, help="the most actors (default: one per CPU)")
    args = parser.parse_args()
    ray.init(include_dashboard=False)
    most = args.actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    ds = ray.data.read_json(args.input, lines=True)
    clean_dataset(ds, args.column, (1, most), profile=args.profile).write_json(args.output)
    ray.shutdown()


if __name__ == "__main__":
    main()
