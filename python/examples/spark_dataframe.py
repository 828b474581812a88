"""Clean a text column of a PySpark DataFrame with a pandas UDF (Arrow batches).

    python examples/spark_dataframe.py corpus.jsonl clean-dir --profile article

The UDF gets the column in Arrow batches (10,000 rows by default,
`spark.sql.execution.arrow.maxRecordsPerBatch`) and cleans each batch with one call on one
thread: Spark already runs one task per core. The Cleaner is pickled into the UDF by its
options, and each Python worker compiles it once. Null texts stay null.
"""

import argparse

import dechaff


def cleaning_udf(**options):
    """A pandas UDF `str -> str` that cleans with `dechaff.Cleaner(**options)`."""
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    cleaner = dechaff.Cleaner(**options)  # bad options fail here, on the driver

    @pandas_udf("string")
    def clean(texts: pd.Series) -> pd.Series:
        values = texts.tolist()
        # (A plain list in and out: pandas' masked assignment would cost as much as cleaning.)
        present = [i for i, text in enumerate(values) if text is not None]
        if len(present) == len(values):
            values = cleaner.clean_batch(values, jobs=1)
        else:
            for i, text in zip(present, cleaner.clean_batch([values[i] for i in present], jobs=1)):
                values[i] = text
        return pd.Series(values, index=texts.index, dtype=object)

    return clean


def clean_dataframe(df, column: str = "text", **options):
    """`df` with `column` cleaned in place."""
    return df.withColumn(column, cleaning_udf(**options)(df[column]))


def main() -> None:
    from pyspark.sql import SparkSession

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--profile", default="safe")
    parser.add_argument("--column", default="text")
    parser.add_argument("--master", default="local[*]")
    args = parser.parse_args()
    spark = SparkSession.builder.master(args.master).appName("dechaff").getOrCreate()
    df = spark.read.json(args.input)
    clean_dataframe(df, args.column, profile=args.profile).write.json(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
