"""The Python API against itself and against the `dechaff` binary."""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import dechaff
from conftest import REPO, cli_clean_jsonl, cli_error, run_cli

PROFILES = ["safe", "article", "page"]

# Junk in several scripts around real sentences, with characters of one to four bytes in
# UTF-8, so that character and byte offsets differ and differ by varying amounts.
MIXED = (
    "Café crème: la réunion a repris lundi à Genève.\n"
    "Views: 1581\n"
    "Переговоры возобновились в понедельник.\n"
    "Поделиться\n"
    "会談は月曜日に再開された。\n"
    "😀 Les deux parties se sont dites optimistes. Read more »\n"
    "\n"
    "Leave a comment\n"
    "© 2024 Société Générale. Tous droits réservés.\n"
)


def all_texts(seeds, aceb):
    return [t for _, t in seeds] + [t for _, t in aceb] + [MIXED]


@pytest.mark.parametrize("profile", PROFILES)
def test_clean_clean_text_and_clean_batch_agree_with_the_binary(profile, binary, seeds, aceb):
    texts = all_texts(seeds, aceb)
    cleaner = dechaff.Cleaner(profile=profile)
    expected = cli_clean_jsonl(binary, texts, ["--profile", profile])
    batch = cleaner.clean_batch(texts)
    assert batch == expected
    assert cleaner.clean_batch(texts, jobs=1) == expected
    changed = 0
    for text, want in zip(texts, expected):
        assert cleaner.clean_text(text) == want
        assert cleaner.clean(text).text == want
        changed += want != text
    # The corpus has junk: the comparison is not between unchanged texts.
    assert changed > len(texts) // 4, changed


def test_counts_agree_with_the_binary_annotation(binary, seeds, aceb):
    import json

    texts = all_texts(seeds, aceb)
    cleaner = dechaff.Cleaner(profile="article")
    records = "".join(json.dumps({"text": t}) + "\n" for t in texts).encode()
    done = run_cli(binary, ["clean", "--jsonl", "--quiet", "--annotate", "--profile", "article"], records)
    assert done.returncode == 0, done.stderr
    notes = [json.loads(line)["dechaff"] for line in done.stdout.decode().splitlines()]
    assert any(notes)
    for text, note in zip(texts, notes):
        assert cleaner.clean(text).counts() == note
        cleaned, counts = cleaner.clean_counts(text)
        assert counts == note
        assert cleaned == cleaner.clean_text(text)


def line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@pytest.mark.parametrize("profile", PROFILES)
def test_removals_slice_the_input_by_characters_and_bytes(profile, seeds, aceb):
    cleaner = dechaff.Cleaner(profile=profile)
    checked = non_ascii = 0
    for text in all_texts(seeds, aceb):
        cleaned = cleaner.clean(text)
        encoded = text.encode("utf-8")
        kept, at = [], 0
        for r in cleaned.removals:
            assert text[r.start : r.end] == r.text
            assert encoded[r.byte_start : r.byte_end].decode("utf-8") == r.text
            assert len(text[: r.start].encode("utf-8")) == r.byte_start
            # 1-based lines: the first line the removal touches. A last line removed with
            # the line ending before it starts at that ending, on the line above.
            first = line_number(text, r.start) + (text[r.start] == "\n" or text.startswith("\r\n", r.start))
            assert r.lines[0] in (line_number(text, r.start), first), (r, text[:200])
            assert r.lines[0] <= r.lines[1]
            assert r.start >= at
            kept.append(text[at : r.start])
            at = r.end
            checked += 1
            non_ascii += r.start != r.byte_start
        kept.append(text[at:])
        # The output is the input minus the recorded ranges.
        assert "".join(kept) == cleaned.text
    assert checked > 100 and non_ascii > 10, (checked, non_ascii)


def test_removal_fields_on_a_known_text():
    cleaned = dechaff.Cleaner().clean(MIXED)
    by_rule = {r.rule: r for r in cleaned.removals}
    views = by_rule["view-counter"]
    assert views.text == "Views: 1581\n"
    assert views.lines == (2, 2)
    assert views.whole_lines is True and views.detail is None
    assert views.start == MIXED.index("Views")
    assert views.byte_start == MIXED.encode().index(b"Views")
    assert views.byte_start - views.start == 5  # é, è, é, à, è: two bytes each
    read_more = by_rule["read-more-suffix"]
    assert read_more.whole_lines is False and read_more.text.strip() == "Read more »"
    assert "Views: 1581" not in cleaned.text and "😀 Les deux parties" in cleaned.text
    assert cleaned.counts()["view-counter"] == 1
    assert repr(views).startswith("Removal(rule='view-counter', lines=(2, 2), start=")
    assert repr(cleaned).startswith("Cleaned(text='Café crème")


def test_clean_text_returns_the_same_object_when_nothing_goes():
    text = "A sentence of the article, and another one.\n"
    assert dechaff.Cleaner().clean_text(text) is text
    assert dechaff.Cleaner().clean(text).removals == ()


def test_empty_and_odd_inputs():
    cleaner = dechaff.Cleaner(profile="page")
    for text in ["", "\n", "\r\n\r\n", "\x00", "a" * 100_000, "\ufeffViews: 3", "x\u2028y\n" * 10]:
        assert cleaner.clean(text).text == cleaner.clean_text(text)
    assert cleaner.clean_text("Views: 3\nLeave a comment\n") == ""


def test_a_string_that_is_not_unicode_text_raises_instead_of_crashing():
    cleaner = dechaff.Cleaner()
    for call in (cleaner.clean, cleaner.clean_text, cleaner.clean_counts, lambda t: cleaner.clean_batch([t])):
        with pytest.raises(UnicodeEncodeError):
            call("half a surrogate pair: \ud800")


def test_wrong_types_raise_type_error():
    cleaner = dechaff.Cleaner()
    with pytest.raises(TypeError):
        cleaner.clean_text(b"bytes")
    with pytest.raises(TypeError, match="item 1 is int"):
        cleaner.clean_batch(["a", 3])
    with pytest.raises(TypeError):
        dechaff.Cleaner(select=3)
    with pytest.raises(TypeError, match="not int"):
        dechaff.Cleaner(ignore=["view-counter", 3])


def test_clean_batch_order_jobs_and_iterables(aceb):
    texts = [t for _, t in aceb][:300] + ["Views: 1\n", ""] * 50
    cleaner = dechaff.Cleaner()
    one = cleaner.clean_batch(texts, jobs=1)
    assert one == [cleaner.clean_text(t) for t in texts]
    for jobs in (2, 3, 7, 1000):
        assert cleaner.clean_batch(texts, jobs=jobs) == one
    assert cleaner.clean_batch(iter(texts)) == one
    assert cleaner.clean_batch(t for t in texts) == one
    assert cleaner.clean_batch([]) == []
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        cleaner.clean_batch(texts, jobs=0)
    # Far more threads than the system gives: as many as help, never an error.
    many = ["Views: 1\nBody.\n"] * 5000
    assert cleaner.clean_batch(many, jobs=100_000) == ["Body.\n"] * 5000
    # A single string is not a batch of one-character texts.
    with pytest.raises(TypeError, match="not a single string"):
        cleaner.clean_batch("Views: 1\n")
    with pytest.raises(TypeError, match="not a single string"):
        cleaner.clean_batch(b"Views: 1\n")


# Options and their errors: the same messages as the binary.


def test_unknown_rule_messages_match_the_binary(binary):
    for flag, arg in [("--select", "select"), ("--ignore", "ignore"), ("--extend-select", "extend_select")]:
        for name in ("veiw-counter", "nosuch-rule"):
            want = cli_error(binary, ["clean", flag, name, str(REPO / "seeds")])
            with pytest.raises(ValueError) as error:
                dechaff.Cleaner(**{arg: name})
            assert str(error.value) == want
    assert "did you mean `view-counter`" in cli_error(binary, ["clean", "--ignore", "veiw-counter", "seeds"])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_rule_file_errors_name_the_file_and_line(binary, tmp_path):
    cases = {
        "disable.toml": 'disable = ["veiw-counter"]\n',
        "pattern.toml": '[[rule]]\nid = "x-y"\ncategory = "c"\n\npatterns = ["(unclosed"]\n',
        "syntax.toml": '[[rule]]\nid = "x-y"\ncategory = \n',
        "unknown-key.toml": '[[rule]]\nid = "x-y"\ncategory = "c"\npatterns = ["a"]\ncolour = "red"\n',
    }
    for name, text in cases.items():
        path = write(tmp_path / name, text)
        want = cli_error(binary, ["clean", "--rules", str(path), str(REPO / "seeds")])
        assert want.startswith(f"`{path}`:"), want
        with pytest.raises(ValueError) as error:
            dechaff.Cleaner(rules=str(path))
        assert str(error.value) == want
        with pytest.raises(ValueError) as error:
            dechaff.Cleaner(rules=[path])  # os.PathLike
        assert str(error.value) == want


def test_duplicate_rule_ids_and_missing_files_match_the_binary(binary, tmp_path):
    rule = write(tmp_path / "ok.toml", '[[rule]]\nid = "x-y"\ncategory = "c"\npatterns = ["^a$"]\n')
    want = cli_error(binary, ["clean", "--rules", str(rule), "--rules", str(rule), "seeds"])
    with pytest.raises(ValueError) as error:
        dechaff.Cleaner(rules=[rule, rule])
    assert str(error.value) == want
    missing = tmp_path / "missing.toml"
    want = cli_error(binary, ["clean", "--rules", str(missing), "seeds"])
    with pytest.raises(FileNotFoundError) as error:
        dechaff.Cleaner(rules=missing)
    assert str(error.value) == want


def test_bad_profile():
    with pytest.raises(ValueError, match=r"unknown profile `aggressive` \(profiles: safe, article, page\)"):
        dechaff.Cleaner(profile="aggressive")


def test_options_mirror_the_binary(binary, seeds, tmp_path):
    rule = write(
        tmp_path / "house.toml",
        'disable = ["repeated-line"]\n[[rule]]\nid = "station-ident"\ncategory = "station"\n'
        'kind = "span"\npatterns = [\'\\s*\\(Radio Example\\)$\']\n',
    )
    texts = [t for _, t in seeds] + ["The council met. (Radio Example)\nIt approved it.\nIt approved it.\nViews: 2\n"]
    cases = [
        (["--select", "view-counter,copyright-line"], {"select": "view-counter,copyright-line"}),
        (["--select", "view-counter", "--select", "comments"], {"select": ["view-counter", "comments"]}),
        (["--profile", "article", "--ignore", "bylines"], {"profile": "article", "ignore": ["bylines"]}),
        (["--extend-select", "byline"], {"extend_select": "byline"}),
        (["--rules", str(rule)], {"rules": [str(rule)]}),
    ]
    for args, kwargs in cases:
        cleaner = dechaff.Cleaner(**kwargs)
        assert cleaner.clean_batch(texts) == cli_clean_jsonl(binary, texts, args), args
    assert dechaff.Cleaner(select="view-counter,copyright-line").select == ["view-counter", "copyright-line"]
    with_file = dechaff.Cleaner(rules=rule)
    assert "station-ident" in with_file.rule_ids and "repeated-line" not in with_file.rule_ids


def test_repr_and_equality(tmp_path):
    assert repr(dechaff.Cleaner()) == "Cleaner(profile='safe')"
    assert (
        repr(dechaff.Cleaner(profile="article", ignore="bylines,byline"))
        == "Cleaner(profile='article', ignore=['bylines', 'byline'])"
    )
    assert dechaff.Cleaner(ignore="bylines") == dechaff.Cleaner(ignore=["bylines"])
    assert dechaff.Cleaner() != dechaff.Cleaner(profile="page")
    assert hash(dechaff.Cleaner(ignore="bylines")) == hash(dechaff.Cleaner(ignore=["bylines"]))


# Pickling, the per-process cache, threads.


def test_pickle_round_trip(tmp_path, seeds):
    rule = write(tmp_path / "r.toml", '[[rule]]\nid = "hello-line"\ncategory = "c"\npatterns = ["^Hello there$"]\n')
    cleaner = dechaff.Cleaner(profile="article", ignore=["byline"], rules=[rule])
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy == cleaner and repr(copy) == repr(cleaner)
    texts = [t for _, t in seeds] + ["Body.\nHello there\n"]
    assert copy.clean_batch(texts) == cleaner.clean_batch(texts)
    assert copy.clean_text("Body.\nHello there\n") == "Body.\n"
    # The rule file's text travels with the pickle: it is not read again.
    rule.unlink()
    assert pickle.loads(pickle.dumps(cleaner)).clean_text("Body.\nHello there\n") == "Body.\n"
    # Results pickle too.
    cleaned = cleaner.clean("Body.\nViews: 2\n")
    assert pickle.loads(pickle.dumps(cleaned.removals)) == cleaned.removals


def test_unpickling_many_copies_compiles_once_per_process():
    # A fresh process, so that the counts are its own.
    script = """
import pickle, dechaff
assert dechaff.cache_info() == {"compiles": 0, "hits": 0, "size": 0}
blob = pickle.dumps(dechaff.Cleaner(profile="article", ignore="bylines"))
copies = [pickle.loads(blob) for _ in range(200)]
assert all(c.clean_text("Body.\\nViews: 3\\n") == "Body.\\n" for c in copies)
info = dechaff.cache_info()
assert info == {"compiles": 1, "hits": 200, "size": 1}, info
dechaff.Cleaner(profile="page")
assert dechaff.cache_info()["compiles"] == 2
dechaff.Cleaner(profile="article", ignore=["bylines"])
assert dechaff.cache_info() == {"compiles": 2, "hits": 201, "size": 2}
dechaff.clear_cache()
dechaff.Cleaner(profile="page")
assert dechaff.cache_info() == {"compiles": 3, "hits": 201, "size": 1}
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


def test_threads_share_one_cleaner(aceb):
    texts = [t for _, t in aceb][:400]
    cleaner = dechaff.Cleaner(profile="page")
    want = [cleaner.clean_text(t) for t in texts]
    results: dict[int, list[str]] = {}
    errors: list[BaseException] = []

    def work(k: int) -> None:
        # Each thread starts at another place, so that different texts run at once.
        try:
            shift = k * len(texts) // 6
            order = list(range(shift, len(texts))) + list(range(shift))
            mine = {i: cleaner.clean(texts[i]).text if k % 2 else cleaner.clean_text(texts[i]) for i in order}
            results[k] = [mine[i] for i in range(len(texts))]
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert all(r == want for r in results.values()) and len(results) == 6


# The rule listing.


def test_rules_match_the_binary_listing(binary):
    listing = run_cli(binary, ["rules"]).stdout.decode().splitlines()
    rules = dechaff.rules()
    assert len(rules) == len(listing) > 30
    for rule, line in zip(rules, listing):
        fields = line.split(None, 3)
        assert fields == [rule.id, rule.category, rule.profile, rule.summary], line
        page = run_cli(binary, ["rules", rule.id]).stdout.decode() if rule.id in ("view-counter", "byline") else None
        if page:
            assert page.endswith(rule.doc)
            assert f"kind: {rule.kind} · profile: {rule.profile}" in page
    ids = [r.id for r in rules]
    assert len(set(ids)) == len(ids)
    by_id = {r.id: r for r in rules}
    assert by_id["view-counter"].category == "counters"
    assert by_id["view-counter"].profiles == ["safe", "article", "page"]
    assert by_id["byline"].profiles == ["article", "page"]
    assert by_id["page-boilerplate"].profiles == ["page"]
    assert "## What it removes" in by_id["view-counter"].doc
    assert repr(by_id["view-counter"]) == "Rule(id='view-counter', category='counters', profile='safe')"
    assert sorted(c for c, _ in dechaff.categories()) == sorted({r.category for r in rules})


def test_each_profile_runs_the_rules_listed_for_it():
    rules = dechaff.rules()
    for profile in dechaff.PROFILES:
        want = [r.id for r in rules if profile in r.profiles]
        assert dechaff.Cleaner(profile=profile).rule_ids == want


def test_help_reads_like_the_command_line_help():
    doc = dechaff.Cleaner.__doc__
    for words in ('"safe"', '"article"', '"page"', "select", "extend_select", "ignore", "rules", "ValueError"):
        assert words in doc
    for method in ("clean", "clean_text", "clean_counts", "clean_batch"):
        assert getattr(dechaff.Cleaner, method).__doc__
