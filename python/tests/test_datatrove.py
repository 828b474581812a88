"""The datatrove step in a real pipeline: JsonlReader -> DechaffFormatter -> JsonlWriter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import dechaff
from conftest import IN_CI, aceb_texts, run_cli

if IN_CI:
    import datatrove  # noqa: F401 - CI installs it: fail loudly when it is missing
else:
    pytest.importorskip("datatrove", reason="datatrove is not installed (pip install datatrove)")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from dechaff.datatrove import DechaffFormatter  # noqa: E402


def write_corpus(folder: Path, texts: list[tuple[str, str]], shards: int) -> Path:
    """`texts` as JSON Lines records `{"id", "text"}` in `shards` files."""
    folder.mkdir(parents=True)
    for shard in range(shards):
        with open(folder / f"shard-{shard}.jsonl", "w", encoding="utf-8") as out:
            for doc_id, text in texts[shard::shards]:
                out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return folder


def cli_texts(binary: Path, corpus: Path, args: list[str]) -> dict[str, str]:
    out = {}
    for shard in sorted(corpus.glob("*.jsonl")):
        done = run_cli(binary, ["clean", "--jsonl", "--quiet", *args, str(shard)])
        assert done.returncode == 0, done.stderr.decode()
        for line in done.stdout.decode("utf-8").splitlines():
            record = json.loads(line)
            out[record["id"]] = record["text"]
    return out


def read_output(folder: Path) -> dict[str, dict]:
    docs = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            docs[record["id"]] = record
    return docs


def run_pipeline(corpus: Path, out: Path, logs: Path, step: DechaffFormatter) -> None:
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(corpus), compression=None),
            step,
            JsonlWriter(str(out), compression=None),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(logs),
    ).run()


@pytest.mark.parametrize("profile", ["safe", "article"])
def test_pipeline_output_equals_the_binary_byte_for_byte(profile, binary, tmp_path):
    texts = aceb_texts()
    corpus = write_corpus(tmp_path / "corpus", texts, shards=4)
    run_pipeline(corpus, tmp_path / "out", tmp_path / "logs", DechaffFormatter(profile=profile))
    got = read_output(tmp_path / "out")
    want = cli_texts(binary, corpus, ["--profile", profile])
    assert len(got) == len(want) == len(texts)
    changed = 0
    for doc_id, text in want.items():
        # (The writer leaves out empty fields: a text that was all junk has none.)
        assert got[doc_id].get("text", "").encode("utf-8") == text.encode("utf-8"), doc_id
        changed += text != dict(texts)[doc_id]
        assert "dechaff" not in got[doc_id].get("metadata", {})
    assert changed > 100, changed
    # Both tasks ran and kept statistics: documents changed and lines removed per rule.
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step = next(s for s in stats if s["name"].endswith(DechaffFormatter.name))
    # (datatrove stores a counter that only ever counted 1 as a plain number.)
    total = {k: v["total"] if isinstance(v, dict) else v for k, v in step["stats"].items()}
    assert total["total"] == len(texts)
    assert total["docs_changed"] == changed
    rules = {k.split("/", 1)[1]: v for k, v in total.items() if k.startswith("rule/")}
    assert rules["share-prompt"] > 0 and rules["copyright-line"] > 0
    assert len(list((tmp_path / "logs" / "completions").iterdir())) == 2
    # The per-rule totals are what the binary's --annotate counts over the same corpus.
    annotated: dict[str, int] = {}
    for shard in sorted(corpus.glob("*.jsonl")):
        done = run_cli(binary, ["clean", "--jsonl", "--quiet", "--annotate", "--profile", profile, str(shard)])
        for line in done.stdout.decode().splitlines():
            for rule, n in json.loads(line)["dechaff"].items():
                annotated[rule] = annotated.get(rule, 0) + n
    assert rules == {r: n for r, n in annotated.items() if n}


def test_removals_kept_in_metadata_when_asked(tmp_path):
    texts = [
        ("a", "Talks resumed on Monday.\nViews: 1581\nLeave a comment\n"),
        ("b", "Nothing to remove here.\n"),
        ("c", "Café au lait à Genève.\nPartagez cet article\n"),
    ]
    corpus = write_corpus(tmp_path / "corpus", texts, shards=2)
    step = DechaffFormatter(keep_removals=True, metadata_key="junk")
    run_pipeline(corpus, tmp_path / "out", tmp_path / "logs", step)
    got = read_output(tmp_path / "out")
    assert got["a"]["text"] == "Talks resumed on Monday.\n"
    assert [r["rule"] for r in got["a"]["metadata"]["junk"]] == ["view-counter", "comment-prompt"]
    first = got["a"]["metadata"]["junk"][0]
    assert first == {"rule": "view-counter", "lines": [2, 2], "start": 25, "end": 37, "text": "Views: 1581\n"}
    assert got["b"]["metadata"]["junk"] == []
    original = dict(texts)["c"]
    for r in got["c"]["metadata"]["junk"]:
        assert original[r["start"] : r["end"]] == r["text"]


def test_format_is_clean_text_and_bad_options_fail_when_built():
    step = DechaffFormatter(profile="article")
    assert step.format("Body.\nViews: 3\n") == dechaff.Cleaner(profile="article").clean_text("Body.\nViews: 3\n")
    with pytest.raises(ValueError, match="did you mean `view-counter`"):
        DechaffFormatter(ignore="veiw-counter")


def test_import_dechaff_does_not_import_datatrove():
    script = "import sys, dechaff; dechaff.Cleaner().clean_text('x'); print('datatrove' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"
