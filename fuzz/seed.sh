#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs for the fuzz targets, from the repository's own
# texts (seeds/, tests/fixtures/, rule-file examples in README.md and src/) and, when it is
# there, the shared data beside the repository (../shared: seeds, extractor outputs of the
# benchmarks, the keep corpus). The corpora are generated, never committed.
#
#   bash fuzz/seed.sh [--force]
#
# Without --force a target whose corpus already holds files is left alone. Each seed is at most
# MAX_BYTES (64 KiB, what run.sh passes as -max_len); a longer text is cut at a line break. Each
# target gets at most MAX_SEEDS files, sampled deterministically. SHARED overrides where the
# shared data is.
set -euo pipefail
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
shared=${SHARED:-$root/../shared}
force=0
[ "${1:-}" = "--force" ] && force=1

if ! command -v python3 >/dev/null 2>&1; then
  # Without Python, only the plain-text seeds: enough for libFuzzer to start from.
  echo "seed.sh: python3 not found; seeding the clean target with plain texts only" >&2
  mkdir -p "$fuzz/corpus/clean" "$fuzz/corpus/jsonl" "$fuzz/corpus/rulefile"
  n=0
  for f in "$root"/seeds/*.txt "$root"/tests/fixtures/*/*.txt "$shared"/seeds/*.txt; do
    [ -f "$f" ] || continue
    head -c 65536 "$f" >"$fuzz/corpus/clean/seed-$n"
    n=$((n + 1))
  done
  printf '{"id":1,"text":"Talks resumed.\\nViews: 1581\\n"}' >"$fuzz/corpus/jsonl/seed-0"
  printf '[[rule]]\nid = "a"\ncategory = "c"\npatterns = [%s]\n' "'(?i)^promo'" >"$fuzz/corpus/rulefile/seed-0"
  exit 0
fi

exec python3 - "$root" "$shared" "$fuzz/corpus" "$force" <<'PY'
import hashlib, json, os, re, sys
from pathlib import Path

root, shared, corpus, force = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "1"
MAX_BYTES = 64 * 1024
MAX_SEEDS = 300


def cap(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes, cut after a line break where there is one, never inside a character."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    if cut <= 0:
        cut = limit
        while cut > 0 and data[cut] & 0xC0 == 0x80:
            cut -= 1
    else:
        cut += 1
    return data[:cut]


def sample(items, n):
    """`n` items spread evenly over `items`, in order."""
    items = list(items)
    if len(items) <= n:
        return items
    return [items[i * len(items) // n] for i in range(n)]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def extractor_texts(folder: Path, per_file: int):
    """Article bodies from extractor outputs ({"output": {"<id>": {"articleBody": "..."}}})."""
    texts = []
    for f in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            output = json.loads(f.read_text(encoding="utf-8"))["output"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        bodies = [v.get("articleBody") for _, v in sorted(output.items()) if isinstance(v, dict)]
        texts += sample([b for b in bodies if isinstance(b, str) and b.strip()], per_file)
    return texts


# Texts for the clean target.
texts = []
for folder in [shared / "seeds", root / "seeds"]:
    texts += [read(p) for p in sorted(folder.glob("*.txt"))] if folder.is_dir() else []
texts += [read(p) for p in sorted((root / "tests" / "fixtures").rglob("*.txt"))]
texts += extractor_texts(shared / "bench" / "aceb-dev" / "output", 12)
pages = shared / "bench" / "pages"
for folder in sorted(pages.iterdir()) if pages.is_dir() else []:
    texts += extractor_texts(folder / "output", 10)
keep = shared / "bench" / "keep"
for layout in sorted(keep.iterdir()) if keep.is_dir() else []:
    if layout.is_dir():
        texts += [read(p) for p in sample(sorted(layout.glob("*.txt")), 12)]

# Records for the jsonl target: the field `text` among others, in the shapes that encoders and
# scrapers write (ASCII-only escapes, nested values, spacing, an annotation already there), and
# records the path must refuse.
records = []
for i, text in enumerate(sample(texts, 160)):
    body = cap(text.encode("utf-8"), 16 * 1024).decode("utf-8", errors="ignore")
    shape = i % 6
    if shape == 0:
        line = json.dumps({"id": i, "text": body}, ensure_ascii=False)
    elif shape == 1:
        line = json.dumps({"url": f"https://example.org/{i}", "text": body, "lang": "en"})
    elif shape == 2:
        meta = {"n": 1.5e3, "tags": ["a", "b"], "null": None, "ok": True, "nested": {"text": 7}}
        line = json.dumps({"meta": meta, "text": body, "dechaff": {"old-rule": 1}}, ensure_ascii=False)
    elif shape == 3:
        line = json.dumps({"text": body, "title": body[:60]}, indent=None, separators=(" , ", " : "))
        line = "  " + line + " \t"
    elif shape == 4:
        line = '{"id":"%d","t\\u0065xt":%s,"num":-0.000e+10}' % (i, json.dumps(body).replace("/", "\\/"))
    else:
        line = json.dumps({"text": body, "id": i}, ensure_ascii=False).replace("\u2028", "\\u2028")
    records.append(line.encode("utf-8"))
records += [
    b'{"text":"Talks resumed on Monday.\\nViews: 1581\\nLeave a comment\\n"}',
    b'{"text":"Talks resumed.\\r\\nShare this article\\r\\n","dechaff":null}',
    b'{"text":"\\ud83d\\ude00 Follow us on Twitter\\n\\u00a9 2024 Example Media. All rights reserved."}',
    b'{"id":1}',
    b'{"text":42}',
    b'{"text":"a","text":"b"}',
    b'{"text":"\\ud800"}',
    b'["text","Views: 1"]',
    b'{"text":"Views: 1"',
    b'{"text":"Views: 1"} x',
    b'{}',
    b'{"a":1e400,"text":"Leave a comment\\nThe rest."}',
]

# Rule files for the rulefile target: the examples in the documentation and tests, and files
# made of rule shapes, whose comments hold lines their patterns take (the target cleans the
# file's own text).
rulefiles = []
for path in [root / "README.md", *sorted((root / "src").rglob("*.rs")), *sorted((root / "tests").rglob("*.rs"))]:
    source = read(path)
    for block in re.findall(r"```toml\n(.*?)```", source, re.S):
        rulefiles.append(block)
    if path.suffix == ".rs":
        doc = "\n".join(l.strip()[4:] for l in source.splitlines() if l.strip().startswith("//! "))
        rulefiles += re.findall(r"```toml\n(.*?)```", doc + "\n", re.S)
        for literal in re.findall(r'"((?:[^"\\]|\\.)*\[\[rule\]\](?:[^"\\]|\\.)*)"', source):
            try:
                rulefiles.append(json.loads('"' + literal + '"'))
            except ValueError:
                pass
patterns = [
    r"(?i)^get the morning briefing\b.{0,80}$",
    r"(?i)^promo\b.*$",
    r"(?i)\bread more\s*»?$",
    r"^\s*(?:\d+\s+)?comments?\s*$",
    r"(?i)follow us on \w+",
    r"^©\s*\d{4}.*$",
    r"\p{Han}{2,}广告",
    r"(?m)^\s*$",
    r"(?i)(?:share|tweet|email)(?:\s*\|\s*(?:share|tweet|email))+",
    r"\s+\(AFP\)$",
    r"a*",
    r"^",
]
junk = ["Follow us on Twitter", "PROMO sale now on", "12 Comments", "© 2024 Example Media.", "Get the morning briefing in your inbox",
        "The talks resumed on Friday. Read more »", "Share | Tweet | Email", "The court ruled on Monday (AFP)"]
kinds, regions, profiles = ["line", "span"], ["anywhere", "head", "tail"], ["safe", "article", "page"]
for i in range(36):
    lines = [f"# {junk[(i + k) % len(junk)]}" for k in range(3)]
    if i % 4 == 0:
        lines.append('disable = ["repeated-line", "social"]')
    for r in range(1 + i % 3):
        p = [patterns[(i + r) % len(patterns)], patterns[(i * 5 + r) % len(patterns)]]
        lines += [
            "",
            "[[rule]]",
            f'id = "rule-{i}-{r}"',
            f'category = "{["social", "promos", "ads"][r % 3]}"',
            f'kind = "{kinds[(i + r) % 2]}"',
            "patterns = [" + ", ".join("'" + x + "'" for x in p[: 1 + i % 2]) + "]",
            f'region = "{regions[i % 3]}"',
            f'profile = "{profiles[(i // 3) % 3]}"',
        ]
    # Lines for the patterns to take, in the last rule's free-text field.
    lines += ['doc = """', *junk[i % 3 :: 3], '"""']
    rulefiles.append("\n".join(lines) + "\n")


def fill(target: str, seeds):
    out = corpus / target
    if not force and out.is_dir() and any(out.iterdir()):
        print(f"seed.sh: {target}: {sum(1 for _ in out.iterdir())} files already there (--force to redo)")
        return
    out.mkdir(parents=True, exist_ok=True)
    if force:
        for old in out.iterdir():
            old.unlink()
    written = set()
    for seed in sample(seeds, MAX_SEEDS):
        data = cap(seed.encode("utf-8") if isinstance(seed, str) else seed)
        name = hashlib.sha1(data).hexdigest()
        if name not in written:
            written.add(name)
            (out / name).write_bytes(data)
    print(f"seed.sh: {target}: {len(written)} seeds ({sum(len(s) for s in seeds)} bytes offered)")


if not shared.is_dir():
    print(f"seed.sh: no shared data at {shared}; seeding from the repository alone", file=sys.stderr)
fill("clean", texts)
fill("jsonl", records)
fill("rulefile", rulefiles)
PY
