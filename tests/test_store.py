"""Determinism and atomic output of the store."""
import shutil

import pytest

import corpus_research.store as store
from corpus_research.core import demo_corpus
from corpus_research.pipeline import run

from conftest import cli

TABLES = ["documents", "texts", "paragraphs", "boilerplate", "errors", "sentences"]


def table_bytes(out):
    return {t: (out / "tables" / f"{t}.parquet").read_bytes() for t in TABLES}


def test_two_runs_give_byte_identical_tables(tmp_path):
    for name in ("a", "b"):
        assert cli("run", "--out", tmp_path / name, "--quiet").returncode == 0
    assert table_bytes(tmp_path / "a") == table_bytes(tmp_path / "b")


def test_ids_do_not_depend_on_file_names(tmp_path):
    raw, manifest = demo_corpus()
    shutil.copytree(raw, tmp_path / "renamed")
    for p in (tmp_path / "renamed").iterdir():
        p.rename(p.with_name("x_" + p.name))
    a = run(raw, tmp_path / "o1", None, report=lambda p: None, progress=False)["documents"]
    b = run(tmp_path / "renamed", tmp_path / "o2", None, report=lambda p: None, progress=False)["documents"]
    assert sorted(a.doc_id) == sorted(b.doc_id)


def test_failed_write_keeps_previous_store(tmp_path, monkeypatch):
    raw, manifest = demo_corpus()
    out = tmp_path / "outputs"
    run(raw, out, manifest, report=lambda p: None, progress=False)
    before = table_bytes(out)
    calls = []

    def failing(df, path):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt("interrupted while writing")
        return original(df, path)

    original = store.write_table
    monkeypatch.setattr(store, "write_table", failing)
    with pytest.raises(KeyboardInterrupt):
        run(raw, out, None, report=lambda p: None, progress=False)
    assert table_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outputs"], "temporary folder left behind"


def test_stale_temporary_folders_are_cleaned(tmp_path):
    (tmp_path / ".outputs.tmp-deadbeef" / "tables").mkdir(parents=True)
    (tmp_path / ".outputs.12345678.old").mkdir()
    assert cli("run", "--out", tmp_path / "outputs", "--quiet").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outputs"]
