"""Partitioned runs, on a real Dask cluster too, give the single-process tables byte for byte; finished partitions are reused."""
import filecmp
import os
import shutil

import dask
import pytest
from distributed import LocalCluster

from corpus_research.core import demo_corpus
from corpus_research.nlp import CACHE_SUFFIX
from corpus_research.pipeline import MALLOC_TRIM, RunConfig, dask_client
from corpus_research.synth import synthesize

from conftest import cli


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    "The five seeds and 30 generated articles in one folder (with the generator's manifest)."
    folder = tmp_path_factory.mktemp("scale") / "in"
    synthesize(30, folder)
    raw, _ = demo_corpus()
    for p in raw.glob("*.txt"): shutil.copy(p, folder / p.name)
    return folder


def run(corpus, out, *options, cwd=None):
    "`corpus-research run` on `corpus` (relative to `cwd` if given) into `out/store` with its own cache `out/cache`; the store's tables folder."
    r = cli("run", corpus, "--out", out / "store", "--cache", out / "cache", "--quiet", *options, cwd=cwd)
    assert r.returncode == 0, r.stderr[-3000:]
    return out / "store" / "tables"


def assert_same_tables(a, b):
    names = sorted(p.name for p in a.glob("*.parquet"))
    assert names == sorted(p.name for p in b.glob("*.parquet")) and len(names) > 20
    assert [n for n in names if not filecmp.cmp(a / n, b / n, shallow=False)] == []


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    "The single-process run: one partition, no Dask."
    return run(corpus, tmp_path_factory.mktemp("single"), "--partition-size", "1000")


def test_dask_cluster_on_loopback_gives_the_single_process_tables(corpus, single, tmp_path):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        tables = run(corpus.name, tmp_path, "--scheduler", cluster.scheduler_address, "--partition-size", "10", cwd=corpus.parent) # a relative input: the workers' working directory is another
        prefixes = set(cluster.scheduler.task_prefixes)
    assert any(k.startswith("partition") for k in prefixes) and {"network_inputs", "grouping_networks", "network_evidence", "framing", "network_files", "store_table"} <= prefixes # every stage's work was a task of this cluster
    assert len(list((tmp_path / "cache" / "partitions").glob("*/done"))) == 4 # 35 inputs (and the manifest) in partitions of 10
    assert_same_tables(single, tables)


def test_local_cluster_workers_run_without_profiler_and_malloc_trim():
    with LocalCluster(n_workers=1, processes=True, dashboard_address=None): pass # its nanny leaves Dask's trim threshold in this process's environment
    with dask_client(RunConfig(workers=1)) as client:
        settings = client.run(lambda: (dask.config.get("distributed.worker.profile.enabled"), os.environ.get(MALLOC_TRIM)))
    assert list(settings.values()) == [(False, None)] # see `pipeline.LOCAL_WORKERS`


def test_local_workers_and_in_process_partitions_give_the_single_process_tables(corpus, single, tmp_path):
    assert_same_tables(single, run(corpus, tmp_path / "two", "--workers", "2", "--partition-size", "8"))
    assert_same_tables(single, run(corpus, tmp_path / "none", "--workers", "0", "--partition-size", "8"))


def test_a_resumed_run_redoes_only_unfinished_partitions(corpus, single, tmp_path):
    run(corpus, tmp_path, "--workers", "0", "--partition-size", "10")
    done = sorted((tmp_path / "cache" / "partitions").glob("*/done"))
    before = {p: p.stat().st_mtime_ns for p in done}
    shutil.rmtree(done[1].parent) # as if the run had been interrupted in that partition
    tables = run(corpus, tmp_path, "--workers", "0", "--partition-size", "10")
    after = {p: p.stat().st_mtime_ns for p in sorted((tmp_path / "cache" / "partitions").glob("*/done"))}
    assert set(after) == set(before) and [p for p in after if after[p] != before[p]] == [done[1]]
    assert_same_tables(single, tables)


def test_a_registry_change_relinks_without_tagging_again(corpus, tmp_path):
    "A new actor in the registry: each partition relinks from its previous layer (new keys) and the cached annotations — no text is tagged twice — and the tables equal a full run with that registry."
    from corpus_research.core import packaged_data
    import pandas as pd
    run(corpus, tmp_path, "--workers", "0", "--partition-size", "10")
    tagged = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob(f"*{CACHE_SUFFIX}")}
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "actors.toml").write_text((packaged_data() / "actors.toml").read_text(encoding="utf-8") +
                                           '\n[[actor]]\nid = "city_of_nice"\nname = "Nice"\ntype = "GPE"\nside = "other"\naliases = ["Nizza"]\n', encoding="utf-8")
    tables = run(corpus, tmp_path, "--workers", "0", "--partition-size", "10", "--knowledge", knowledge)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob(f"*{CACHE_SUFFIX}")} == tagged and tagged
    assert len(list((tmp_path / "cache" / "partitions").glob("*/done"))) == 8 # 4 partitions, each under a second key
    assert "city_of_nice" in set(pd.read_parquet(tables / "mentions.parquet").actor_id.dropna())
    assert_same_tables(run(corpus, tmp_path / "full", "--workers", "0", "--partition-size", "10", "--knowledge", knowledge), tables)
