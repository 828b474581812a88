"""The Ray Data recipe of examples/, on a local Ray instance, against the binary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PYTHON_DIR, run_cli

EXAMPLES = PYTHON_DIR / "examples"
sys.path.insert(0, str(EXAMPLES))

ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'ray[data]')")
pytest.importorskip("ray.data", reason="Ray Data is not installed (pip install 'ray[data]')")

import ray_data  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    # The workers import the recipe's module from examples/.
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join([str(EXAMPLES), os.environ.get("PYTHONPATH", "")])}},
    )
    yield
    ray.shutdown()


def cli_records(binary: Path, corpus: Path, profile: str) -> list[tuple[str, str]]:
    done = run_cli(binary, ["clean", "--jsonl", "--quiet", "--profile", profile, str(corpus)])
    assert done.returncode == 0, done.stderr.decode()
    return sorted((r["id"], r["text"]) for r in map(json.loads, done.stdout.decode().splitlines()))


def test_map_batches_recipe(local_ray, corpus, binary):
    ds = ray.data.read_json(str(corpus), lines=True)
    cleaned = ray_data.clean_dataset(ds, "text", concurrency=(1, 2), batch_size=100, profile="article")
    got = sorted((row["id"], row["text"]) for row in cleaned.take_all())
    want = cli_records(binary, corpus, "article")
    assert got == want
    original = sorted((r["id"], r["text"]) for r in map(json.loads, corpus.read_text().splitlines()))
    assert sum(a != b for a, b in zip(got, original)) > 100


def test_nulls_stay_null_and_other_columns_stay(local_ray):
    ds = ray.data.from_items([{"id": "a", "text": "Body.\nViews: 3\n", "n": 1}, {"id": "b", "text": None, "n": 2}])
    rows = {r["id"]: (r["text"], r["n"]) for r in ray_data.clean_dataset(ds).take_all()}
    assert rows == {"a": ("Body.\n", 1), "b": (None, 2)}


def test_bad_options_fail_on_the_driver(local_ray):
    with pytest.raises(ValueError, match="did you mean `view-counter`"):
        ray_data.clean_dataset(ray.data.from_items([{"text": "x"}]), ignore="veiw-counter")


def test_example_script_runs(corpus, binary, tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "ray_data.py"), str(corpus), str(out), "--profile", "article"],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(EXAMPLES)),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    records = [json.loads(line) for path in sorted(out.glob("*.json*")) for line in path.read_text().splitlines()]
    assert sorted((r["id"], r["text"]) for r in records) == cli_records(binary, corpus, "article")
