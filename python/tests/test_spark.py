"""The Spark recipes of examples/, run with PySpark in local mode against the binary."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import IN_CI, PYTHON_DIR, run_cli

EXAMPLES = PYTHON_DIR / "examples"
sys.path.insert(0, str(EXAMPLES))

try:
    import pyspark  # noqa: F401
except ImportError:
    # ci.sh installs it: in CI its absence is a failure, elsewhere a reason to skip.
    if IN_CI:
        pytest.fail("pyspark is not installed (CI=true: required; ci.sh installs it)", pytrace=False)
    pytest.skip("pyspark is not installed (pip install pyspark)", allow_module_level=True)
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime (PySpark needs Java 17 or newer)", allow_module_level=True)

import spark_dataframe  # noqa: E402
import spark_mappartitions  # noqa: E402
import spark_pipe  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dechaff-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    # The recipes' modules go to the workers as a job ships its own code.
    for module in (spark_mappartitions, spark_dataframe, spark_pipe):
        session.sparkContext.addPyFile(module.__file__)
    yield session
    session.stop()


def cli_lines(binary: Path, corpus: Path, profile: str) -> list[str]:
    done = run_cli(binary, ["clean", "--jsonl", "--quiet", "--profile", profile, str(corpus)])
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8").splitlines()


def by_id(lines: list[str]) -> list[tuple[str, str]]:
    return [(r["id"], r.get("text")) for r in map(json.loads, lines)]


@pytest.mark.parametrize("profile", ["safe", "article"])
def test_map_partitions_recipe(spark, corpus, binary, profile):
    lines = spark.sparkContext.textFile(str(corpus), minPartitions=4)
    assert lines.getNumPartitions() >= 4
    got = spark_mappartitions.clean_rdd(lines, profile=profile).collect()
    want = cli_lines(binary, corpus, profile)
    # Same records, same order, same cleaned text.
    assert by_id(got) == by_id(want)
    assert sum(a != b for a, b in zip(by_id(got), by_id(corpus.read_text().splitlines()))) > 100


def test_map_partitions_recipe_rejects_bad_options_on_the_driver(spark, corpus):
    lines = spark.sparkContext.textFile(str(corpus))
    with pytest.raises(ValueError, match="did you mean `view-counter`"):
        spark_mappartitions.clean_rdd(lines, ignore="veiw-counter")


def test_map_partitions_recipe_needs_no_rule_file_on_the_executors(spark, tmp_path):
    rules = tmp_path / "house.toml"
    rules.write_text("[[rule]]\nid = \"promo-code\"\ncategory = \"ads\"\npatterns = ['^Use code \\w+ at checkout$']\n")
    records = [json.dumps({"id": str(i), "text": f"Story {i}.\nUse code SAVE{i} at checkout\n"}) for i in range(20)]
    lines = spark.sparkContext.parallelize(records, 4)
    cleaned = spark_mappartitions.clean_rdd(lines, rules=str(rules))
    rules.unlink()  # gone before any executor runs: the pickled Cleaner carries its text
    got = sorted(json.loads(line)["text"] for line in cleaned.collect())
    assert got == sorted(f"Story {i}.\n" for i in range(20))


def test_dataframe_recipe(spark, corpus, binary):
    df = spark.read.json(str(corpus)).repartition(3)
    cleaned = spark_dataframe.clean_dataframe(df, "text", profile="article")
    got = sorted((row["id"], row["text"]) for row in cleaned.collect())
    want = sorted(by_id(cli_lines(binary, corpus, "article")))
    assert got == want
    # Nulls stay null; other columns are untouched.
    rows = spark.createDataFrame(
        [("a", "Body.\nViews: 3\n", 1), ("b", None, 2)], "id string, text string, n int"
    )
    out = {r["id"]: (r["text"], r["n"]) for r in spark_dataframe.clean_dataframe(rows).collect()}
    assert out == {"a": ("Body.\n", 1), "b": (None, 2)}


def test_pipe_recipe_is_byte_for_byte_the_binary(spark, corpus, binary):
    lines = spark.sparkContext.textFile(str(corpus), minPartitions=4)
    got = spark_pipe.clean_rdd(lines, binary=str(binary), profile="article").collect()
    assert got == cli_lines(binary, corpus, "article")


@pytest.mark.parametrize("script", ["spark_mappartitions.py", "spark_dataframe.py", "spark_pipe.py"])
def test_example_scripts_run(script, corpus, binary, tmp_path):
    out = tmp_path / "out"
    extra = ["--binary", str(binary)] if script == "spark_pipe.py" else []
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), str(corpus), str(out), "--profile", "article", "--master", "local[2]", *extra],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for part in sorted(out.glob("part-*")) for line in part.read_text(encoding="utf-8").splitlines()]
    assert sorted(by_id(lines)) == sorted(by_id(cli_lines(binary, corpus, "article")))
