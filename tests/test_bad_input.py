"""Bad inputs each give one clear error row and one stderr line naming the file; the run goes on."""
import json
import os
import shutil

import pandas as pd
import pytest

from corpus_research.core import demo_corpus

from conftest import cli

GERMAN = "Lawrow und Kerry\n\nDer russische Außenminister Sergej Lawrow traf seinen Amtskollegen. „Wir wollen Frieden“, sagte er über die Gespräche.\n"


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    "One CLI run over a folder with a good article and every kind of bad input."
    root = tmp_path_factory.mktemp("bad")
    src = root / "in"
    src.mkdir()
    raw, _ = demo_corpus()
    shutil.copy(raw / "002_1b117bad7abd11a1.txt", src / "good.txt")
    shutil.copy(raw / "002_1b117bad7abd11a1.txt", src / "good_copy.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_text("  \n\n \n")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (src / "nul.txt").write_bytes(b"abc\x00def" * 100)
    (src / "latin.txt").write_bytes(GERMAN.encode("cp1252"))
    with open(src / "huge.txt", "wb") as f:
        f.write(("Ein sehr langer Satz über Syrien und Russland. " * 20 + "\n").encode() * 53_000)
    (src / "dir.txt").mkdir()
    (src / "dangling.txt").symlink_to(src / "does-not-exist.txt")
    (src / "records.jsonl").write_text("\n".join([json.dumps({"text": GERMAN.replace("Frieden", "Ruhe"), "title": "Lawrow und Kerry"}),
                                                  "{not json", json.dumps({"body": "  "}), json.dumps(["a list"])]), encoding="utf-8")
    (src / "notes.pdf").write_bytes(b"%PDF-1.4")
    (src / "manifest.csv").write_text("source,outlet,colour\ngood.txt,n-tv,red\nmissing.txt,RT Deutsch,blue\n", encoding="utf-8")
    out = root / "outputs"
    proc = cli("run", src, "--out", out, "--quiet")
    proc_loud = cli("run", src, "--out", root / "outputs2")
    return proc, proc_loud, out, pd.read_parquet(out / "tables" / "errors.parquet"), pd.read_parquet(out / "tables" / "documents.parquet")


def error_for(errors, source):
    rows = errors[errors.source == source]
    assert len(rows) >= 1, f"no error row for {source}"
    return rows


def test_run_goes_on_and_good_inputs_are_kept(bad_run):
    proc, _, out, errors, docs = bad_run
    assert proc.returncode == 0, proc.stderr
    assert sorted(docs.source) == ["good.txt", "latin.txt", "records.jsonl"]
    assert (out / "corpus.duckdb").exists()


@pytest.mark.parametrize("source,severity,message", [
    ("empty.txt", "error", "empty file"),
    ("blank.txt", "error", "empty file"),
    ("image.txt", "error", "binary file (PNG image)"),
    ("nul.txt", "error", "binary file (contains NUL bytes)"),
    ("huge.txt", "error", "over the 10 MB limit for one article"),
    ("dir.txt", "error", "not a regular file"),
    ("dangling.txt", "error", "cannot read file"),
    ("latin.txt", "warning", "not valid UTF-8"),
    ("good_copy.txt", "warning", "identical text to good.txt"),
    ("notes.pdf", "warning", "unsupported file type '.pdf'"),
])
def test_one_clear_row_per_bad_file(bad_run, source, severity, message):
    *_, errors, _ = bad_run
    rows = error_for(errors, source)
    assert len(rows) == 1
    assert rows.severity.iloc[0] == severity and message in rows.error.iloc[0]


def test_huge_file_is_named_with_its_size(bad_run):
    *_, errors, _ = bad_run
    assert error_for(errors, "huge.txt").error.iloc[0].startswith("file is 50.")


def test_bad_records_are_numbered(bad_run):
    *_, errors, docs = bad_run
    rows = error_for(errors, "records.jsonl").sort_values("record")
    assert list(rows.record) == [2, 3, 4]
    assert "malformed JSON" in rows.error.iloc[0] and "no text" in rows.error.iloc[1] and "JSON list" in rows.error.iloc[2]
    assert docs[docs.source == "records.jsonl"].record.tolist() == [1]


def test_manifest_problems_are_reported(bad_run):
    *_, errors, docs = bad_run
    rows = error_for(errors, "manifest.csv")
    assert set(rows.error) == {"unknown manifest columns ignored: colour", "manifest lists missing.txt, which is not among the inputs"}
    assert docs.set_index("source").loc["good.txt", "outlet_source"] == "manifest"


def test_cp1252_text_is_decoded(bad_run):
    proc, _, out, _, docs = bad_run
    texts = pd.read_parquet(out / "tables" / "texts.parquet").merge(docs[["doc_id", "source", "encoding"]])
    row = texts[texts.source == "latin.txt"].iloc[0]
    assert row.encoding == "cp1252" and "Außenminister" in row.text and "„Wir wollen Frieden“" in row.text


def test_each_problem_is_one_stderr_line_naming_the_file(bad_run):
    _, loud, *_ , errors, _ = bad_run
    lines = [l for l in loud.stderr.splitlines() if l.startswith("corpus-research: ")]
    assert len(lines) == len(errors)
    for source in ["empty.txt", "image.txt", "huge.txt", "dangling.txt", "latin.txt"]:
        assert sum(source in l for l in lines) == 1


def test_manifest_without_source_column_is_ignored_not_fatal(tmp_path):
    raw, _ = demo_corpus()
    (tmp_path / "m.csv").write_text("file,outlet\nx.txt,n-tv\n")
    proc = cli("run", raw, "--manifest", tmp_path / "m.csv", "--out", tmp_path / "out", "--quiet")
    assert proc.returncode == 0
    errors = pd.read_parquet(tmp_path / "out" / "tables" / "errors.parquet")
    assert errors.error.tolist() == ["manifest has no 'source' column (columns: file, outlet); manifest ignored"]
    assert len(pd.read_parquet(tmp_path / "out" / "tables" / "documents.parquet")) == 5


def test_hostile_manifest_is_an_error_row(tmp_path):
    raw, _ = demo_corpus()
    (tmp_path / "m.csv").write_bytes(b"\x00\x01\x02binary")
    proc = cli("run", raw, "--manifest", tmp_path / "m.csv", "--out", tmp_path / "out", "--quiet")
    assert proc.returncode == 0
    errors = pd.read_parquet(tmp_path / "out" / "tables" / "errors.parquet")
    assert errors.stage.tolist() == ["manifest"] and "binary" in errors.error.iloc[0]


def test_empty_folder_gives_a_clear_error_and_an_empty_store(tmp_path):
    "No article at all: exit 1 with a message naming the input; every stage still writes its (empty) tables."
    (tmp_path / "in").mkdir()
    r = cli("run", tmp_path / "in", "--out", tmp_path / "out", "--quiet")
    assert r.returncode == 1 and f"no article in {tmp_path / 'in'} could be processed" in r.stderr
    for name in ("documents", "edges", "doc_frames", "keyness"):
        assert pd.read_parquet(tmp_path / "out" / "tables" / f"{name}.parquet").empty
