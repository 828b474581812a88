"""Clean a JSON Lines corpus with PySpark's RDD.mapPartitions: one Cleaner per partition.

    python examples/spark_mappartitions.py corpus.jsonl clean-dir --profile article

The Cleaner is built on the driver (bad options fail there) and shipped to the executors
pickled: it carries its options and the text of its rule files, so no executor needs the
files, and each executor process compiles the rules once, however many partitions it runs.
Each partition cleans its records in batches. Spark already runs one task per core,
so each batch is cleaned on one thread (`jobs=1`). Each output line is the input record with
its text field replaced (re-serialised by `json.dumps`).
"""

from __future__ import annotations

import argparse
import json
from itertools import islice
from typing import Iterable, Iterator

import dechaff


def clean_partition(
    lines: Iterable[str], cleaner: dechaff.Cleaner, field: str = "text", batch: int = 512
) -> Iterator[str]:
    """Cleans the `field` of each JSON Lines record of one partition, in order."""
    lines = iter(lines)
    while records := [json.loads(line) for line in islice(lines, batch)]:
        texts = cleaner.clean_batch([r[field] for r in records], jobs=1)
        for record, text in zip(records, texts):
            record[field] = text
            yield json.dumps(record, ensure_ascii=False)


def clean_rdd(lines, field: str = "text", **options):
    """An RDD of JSON Lines strings, cleaned: `options` are dechaff.Cleaner's."""
    cleaner = dechaff.Cleaner(**options)  # bad options fail here, on the driver
    return lines.mapPartitions(
        lambda part: clean_partition(part, cleaner, field=field),
        preservesPartitioning=True,
    )


def main() -> None:
    from pyspark.sql import SparkSession

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--profile", default="safe")
    parser.add_argument("--field", default="text")
    parser.add_argument("--master", default="local[*]")
    args = parser.parse_args()
    spark = SparkSession.builder.master(args.master).appName("dechaff").getOrCreate()
    lines = spark.sparkContext.textFile(args.input)
    clean_rdd(lines, field=args.field, profile=args.profile).saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
