"""The `corpus-research` command end to end."""
import json
import shutil

import pandas as pd

from corpus_research.core import demo_corpus

from conftest import cli


def test_help():
    proc = cli("run", "--help")
    assert proc.returncode == 0
    for option in ("INPUT", "--out", "--manifest", "--strict", "--max-mb", "--knowledge"):
        assert option in proc.stdout


def test_run_on_bundled_corpus(tmp_path):
    proc = cli("run", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "5 documents ingested" in proc.stdout
    for outlet in ("RT Deutsch", "n-tv", "Der Tagesspiegel", "Sputnik Deutschland"):
        assert outlet in proc.stdout
    out = tmp_path / "outputs"
    assert sorted(p.name for p in out.iterdir()) == ["corpus.duckdb", "networks", "run.json", "tables"]
    assert (out / "networks" / "all_sentence.html").is_file()
    run = json.loads((out / "run.json").read_text())
    assert run["rows"]["documents"] == 5 and len(run["inputs"]) == 5 and len(run["config_hash"]) == 64
    assert run["versions"]["corpus_research"]


def test_duckdb_views_work_from_anywhere(tmp_path):
    cli("run", "--out", tmp_path / "store", "--quiet")
    from corpus_research.store import connect
    with connect(tmp_path / "store") as con:
        assert con.sql("select count(*) from documents").fetchall() == [(5,)]
        kinds = dict(con.sql("select kind, count(*) from paragraphs group by kind").fetchall())
    assert kinds["update"] == 24 and kinds["headline"] == 5


def test_exit_codes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text("")
    proc = cli("run", src, "--out", tmp_path / "o1")
    assert proc.returncode == 1 and "empty.txt: empty file" in proc.stderr
    raw, _ = demo_corpus()
    shutil.copy(raw / "000_cbe9b9eac5dd6a9e.txt", src)
    assert cli("run", src, "--out", tmp_path / "o2").returncode == 0
    assert cli("run", src, "--out", tmp_path / "o3", "--strict").returncode == 3
    assert cli("run", tmp_path / "nope", "--out", tmp_path / "o4").returncode == 1
    assert cli("frobnicate").returncode == 2


def test_manifest_in_input_folder_is_used(tmp_path):
    raw, _ = demo_corpus()
    src = tmp_path / "in"
    shutil.copytree(raw, src)
    (src / "manifest.csv").write_text("source,outlet,published\n000_cbe9b9eac5dd6a9e.txt,RT Deutsch,2015-12-15\n")
    assert cli("run", src, "--out", tmp_path / "out", "--quiet").returncode == 0
    docs = pd.read_parquet(tmp_path / "out" / "tables" / "documents.parquet").set_index("source")
    assert docs.loc["000_cbe9b9eac5dd6a9e.txt", "published_source"] == "manifest"
    assert "manifest.csv" not in docs.index
