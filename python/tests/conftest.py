"""Shared fixtures: the repository, the `dechaff` binary, the shared benchmark data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PYTHON_DIR = Path(__file__).resolve().parent.parent
REPO = PYTHON_DIR.parent
SHARED = Path(os.environ.get("DECHAFF_SHARED", REPO.parent / "shared"))
ACEB = SHARED / "bench" / "aceb-dev"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skips the test with `reason` when `condition` is false; in CI (CI=true), fails."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: required)")
    print(f"skipped: {reason}")
    pytest.skip(reason)


def find_binary() -> Path | None:
    """The `dechaff` binary: $DECHAFF_BIN, else the newer of the checkout's release and debug
    builds, else `dechaff` on the PATH."""
    if os.environ.get("DECHAFF_BIN"):
        return Path(os.environ["DECHAFF_BIN"])
    built = [REPO / "target" / profile / "dechaff" for profile in ("release", "debug")]
    built = [p for p in built if p.is_file()]
    if built:
        return max(built, key=lambda p: p.stat().st_mtime)
    found = shutil.which("dechaff")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def binary() -> Path:
    path = find_binary()
    if path is None:
        pytest.fail(
            "no dechaff binary: build it with `cargo build --release` in the repository "
            "or set DECHAFF_BIN"
        )
    return path


def run_cli(binary: Path, args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), *args], input=stdin, capture_output=True, check=False
    )


def cli_error(binary: Path, args: list[str]) -> str:
    """What `dechaff` prints after `dechaff: error: ` for `args` (which must fail)."""
    done = run_cli(binary, args)
    assert done.returncode == 2, done
    text = done.stderr.decode()
    prefix = "dechaff: error: "
    assert text.startswith(prefix), text
    return text[len(prefix) :].rstrip("\n")


def cli_clean_jsonl(binary: Path, texts: list[str], args: list[str] = ()) -> list[str]:
    """The texts as `dechaff clean --jsonl` cleans them (one record per text)."""
    records = "".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
        for i, t in enumerate(texts)
    )
    done = run_cli(binary, ["clean", "--jsonl", "--quiet", *args], records.encode())
    assert done.returncode == 0, done.stderr.decode()
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["id"] for r in out] == list(range(len(texts)))
    return [r["text"] for r in out]


def aceb_texts() -> list[tuple[str, str]]:
    """(`extractor/page id`, text) of every non-empty article body in aceb-dev's outputs."""
    need(ACEB.is_dir(), f"{ACEB} is absent (the shared benchmark data beside the repository)")
    texts = []
    for path in sorted((ACEB / "output").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for page, item in sorted(data["output"].items()):
            body = item.get("articleBody") or ""
            if body:
                texts.append((f"{path.stem}/{page}", body))
    return texts


@pytest.fixture(scope="session")
def aceb() -> list[tuple[str, str]]:
    return aceb_texts()


@pytest.fixture(scope="session")
def seeds() -> list[tuple[str, str]]:
    paths = sorted((REPO / "seeds").glob("*.txt"))
    assert paths, "the repository's seeds/ holds the scraped seed articles"
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The aceb-dev texts as a JSON Lines corpus of `{"id", "text"}` records."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for doc_id, text in aceb_texts():
            out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return path
