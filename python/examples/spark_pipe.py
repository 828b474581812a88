"""Clean a JSON Lines corpus with PySpark's RDD.pipe and the `dechaff` binary (no wheel).

    python examples/spark_pipe.py corpus.jsonl clean-dir --profile article

RDD.pipe starts one `dechaff clean --jsonl` process per partition and streams the
partition's lines through it; dechaff keeps their order and every byte of each record but
the cleaned field. `checkCode=True` fails the task on a bad record (exit code 2). The binary
must be on the PATH of every executor (or give its full path with --binary).
"""

from __future__ import annotations

import argparse
import shlex


def pipe_command(binary: str = "dechaff", field: str = "text", profile: str = "safe") -> str:
    """The command each partition is piped through: one thread, since Spark runs a task per core."""
    return " ".join(
        shlex.quote(part)
        for part in [binary, "clean", "--jsonl", "--quiet", "-j", "1", "--field", field, "--profile", profile]
    )


def clean_rdd(lines, binary: str = "dechaff", field: str = "text", profile: str = "safe"):
    """An RDD of JSON Lines strings, cleaned by the binary."""
    return lines.pipe(pipe_command(binary, field, profile), checkCode=True)


def main() -> None:
    from pyspark.sql import SparkSession

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--profile", default="safe")
    parser.add_argument("--field", default="text")
    parser.add_argument("--binary", default="dechaff")
    parser.add_argument("--master", default="local[*]")
    args = parser.parse_args()
    spark = SparkSession.builder.master(args.master).appName("dechaff").getOrCreate()
    lines = spark.sparkContext.textFile(args.input)
    clean_rdd(lines, args.binary, args.field, args.profile).saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
