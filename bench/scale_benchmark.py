"""End-to-end speed, parallel speed-up, worker memory and incremental reruns on generated corpora.

    python bench/scale_benchmark.py --articles 2000 10000 --workers 1 2 [--sample 500] [--workdir DIR] [--real SPKATT_DIR]

For each corpus size N, `corpus-research synth` writes N seed-like articles (BENCHMARK DATA, not
real news: recombined seed sentences, so the vocabulary is small and the word-form caches are
unusually effective). Then, each time with an empty NLP cache:

* per-stage speed, in one process on the first `--sample` articles: ingest, NLP (the pipeline on
  a cold cache, its cache files written), linking + quotes + sentence frames (from the cache);
* the full run (`pipeline.run`) on the local Dask cluster of each worker count that `run --workers`
  starts (here, so that each worker's peak memory can be read), split into the per-document stages
  (the partitions, in parallel) and the corpus stages (networks, framing and the store's tables as
  tasks on the workers), with documents/s and tokens/s; a worker's peak memory includes the corpus
  stages';
* a rerun after a registry change (one actor added to a copy of `data/actors.toml`) with the
  caches and into the store of the last full run: each partition relinks from its previous layer,
  redoing mentions, quotes and coding only for the articles that hold the new actor's names; the
  corpus stages reuse what the changed actor leaves alone (network slices and groups, framing,
  the store's tables).

With `--real SPKATT_DIR` (the SpkAtt-2023 articles: real German news, a realistic vocabulary), also
a full run and a rerun after the same registry change, in one process (the JSONL file is one
partition), where tagging is a larger share of the cost than on the generated corpus.

Prints one table per measurement; a benchmark, not a test.
"""
import argparse
import shutil
import tempfile
import time
from pathlib import Path

from corpus_research.core import IngestConfig, packaged_data
from corpus_research.evaluate import read_spkatt, spkatt_files, write_jsonl
from corpus_research.framing import FramingConfig
from corpus_research.ingest import ingest
from corpus_research.networks import NetworkConfig
from corpus_research.nlp import annotate, journalistic
from corpus_research.pipeline import NlpConfig, RunConfig, _models, analyse, corpus_stages, dask_client, models, partitioned_stages, partitions
from corpus_research.synth import synthesize

NEW_ACTOR = '''
[[actor]]
id = "guido_westerwelle"
name = "Guido Westerwelle"
type = "PER"
side = "Germany"
gender = "m"
aliases = ["Guido Westerwelle", "Westerwelle"]
''' # named in 4 of the 700 SpkAtt articles, in none of the generated ones


def peak_mb():
    "Peak resident memory of this process in MB: VmHWM, which a spawned worker does not inherit (getrusage's ru_maxrss survives fork and exec)."
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def stage_speeds(corpus, manifest, sample, work):
    "Seconds of ingest, NLP and analysis on the first `sample` articles, in this process."
    names = partitions(corpus, manifest, sample)[0]
    shutil.rmtree(work, ignore_errors=True) # a cold NLP cache
    t0 = time.perf_counter(); tables = ingest(corpus, manifest, progress=False, report=lambda p: None, only=names); t_ingest = time.perf_counter() - t0
    _models.cache_clear() # cold: no word forms tagged yet in this process
    nlp, matcher, inst = models(None, None, FramingConfig().polarity)
    cache = NlpConfig(cache=str(work / "sample-cache"))
    t0 = time.perf_counter()
    for _ in annotate(journalistic(tables["paragraphs"]), nlp, Path(cache.cache), cache.docs_per_batch): pass # the pipeline, its cache files written
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    out, _ = analyse(tables["paragraphs"], tables["documents"], nlp, matcher, cache, inst) # the annotations read from the cache
    t_analysis = time.perf_counter() - t0
    tokens = int(out["sentences"].n_tokens.sum())
    docs = len(tables["documents"])
    print(f"\nper stage, one process, {docs} articles, {tokens:,} tokens")
    print(f"{'stage':<34} {'s':>7} {'docs/s':>8} {'tokens/s':>9}")
    for stage, s in (("ingest (read, parse, dedup)", t_ingest), ("NLP (tokens, sentences, HanTa)", t_nlp),
                     ("actors + quotes + sentence frames", t_analysis)):
        print(f"{stage:<34} {s:>7.1f} {docs / s:>8.1f} {tokens / s:>9.0f}")


def full_run(corpus, manifest, out, workers, cfg=IngestConfig(), partition_size=500):
    "Wall times of the partitions and the corpus stages (tasks on the workers) on a local cluster of `workers`; peak MB per worker and of this process."
    nlp_cfg = NlpConfig(cache=str(out / "cache"))
    with dask_client(RunConfig(workers=workers)) as client: # the local cluster `corpus-research run --workers` starts
        t0 = time.perf_counter()
        tables = partitioned_stages(corpus, manifest, partitions(corpus, manifest, partition_size), cfg, nlp_cfg, FramingConfig(), client, lambda p: None)
        t_docs = time.perf_counter() - t0
        t0 = time.perf_counter()
        tables = corpus_stages(tables, corpus, out / "store", manifest, cfg, nlp_cfg, NetworkConfig(), FramingConfig(), lambda p: None, t_docs, client)
        t_corpus = time.perf_counter() - t0
        worker_mb = client.run(peak_mb)
    return dict(docs=len(tables["documents"]), tokens=int(tables["sentences"].n_tokens.sum()), t_docs=t_docs, t_corpus=t_corpus,
                worker_mb=max(worker_mb.values()), driver_mb=peak_mb(), errors=int((tables["errors"].severity == "error").sum()))


def registry_change(work):
    "A knowledge folder whose actors.toml has one actor more than the packaged one."
    knowledge = work / "knowledge" # overrides the packaged actors.toml only
    knowledge.mkdir(parents=True, exist_ok=True)
    (knowledge / "actors.toml").write_text((packaged_data() / "actors.toml").read_text(encoding="utf-8") + NEW_ACTOR, encoding="utf-8")
    return IngestConfig(knowledge=str(knowledge))


def real_rerun(folder, work):
    "Seconds of a full single-process run on real articles (one partition: a JSONL file) and of a rerun after a registry change, document and corpus stages apart."
    corpus = write_jsonl([read_spkatt(f) for f in spkatt_files(folder)], work / "real.jsonl")
    nlp_cfg = NlpConfig(cache=str(work / "real-cache"))
    shutil.rmtree(nlp_cfg.cache, ignore_errors=True)
    print(f"\nreal German news ({folder}), one process")
    print(f"{'run':<28} {'documents s':>11} {'corpus s':>8} {'total s':>8} {'tokens/s':>9}")
    totals = []
    for name, cfg in (("full (cold NLP cache)", IngestConfig()), ("after a registry change", registry_change(work))):
        _models.cache_clear() # a fresh process would have no word-form cache either
        t0 = time.perf_counter()
        tables = partitioned_stages(corpus, None, partitions(corpus, None, 500), cfg, nlp_cfg, FramingConfig(), None, lambda p: None)
        t_docs = time.perf_counter() - t0
        t0 = time.perf_counter()
        tables = corpus_stages(tables, corpus, work / "real-store", None, cfg, nlp_cfg, NetworkConfig(), FramingConfig(), lambda p: None, t_docs)
        t_corpus = time.perf_counter() - t0
        totals.append(t_docs + t_corpus)
        print(f"{name:<28} {t_docs:>11.1f} {t_corpus:>8.1f} {totals[-1]:>8.1f} {tables['sentences'].n_tokens.sum() / totals[-1]:>9.0f}")
    print(f"registry-change rerun {totals[0] / totals[1]:.1f}x faster than the full run ({len(tables['documents'])} articles)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[2000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--sample", type=int, default=500)
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--real", type=Path, metavar="SPKATT_DIR", help="also time a registry-change rerun on the SpkAtt-2023 articles")
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="cr-scale-"))
    for n in args.articles:
        corpus = work / f"corpus-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        made = synthesize(n, corpus)
        print(f"\n== {n:,} synthetic seed-like articles ({made['bytes'] / 1e6:.1f} MB) [benchmark data, not real news]")
        manifest = corpus / "manifest.csv"
        stage_speeds(corpus, manifest, min(args.sample, n), work / f"sample-{n}")
        print(f"\nfull run, partitions of {args.partition_size} on a local Dask cluster")
        print(f"{'workers':>7} {'documents s':>11} {'corpus s':>8} {'total s':>8} {'docs/s':>7} {'tokens/s':>9} {'speed-up':>8} {'peak MB/worker':>14} {'peak MB driver':>14} {'errors':>6}")
        base = None
        for w in args.workers:
            out = work / f"run-{n}-{w}"
            shutil.rmtree(out, ignore_errors=True)
            r = full_run(corpus, manifest, out, w, partition_size=args.partition_size)
            total = r["t_docs"] + r["t_corpus"]
            base = base or total # the first worker count is the reference
            print(f"{w:>7} {r['t_docs']:>11.1f} {r['t_corpus']:>8.1f} {total:>8.1f} {r['docs'] / total:>7.1f} {r['tokens'] / total:>9.0f} "
                  f"{base / total:>7.2f}x {r['worker_mb']:>14.0f} {r['driver_mb']:>14.0f} {r['errors']:>6}")
        r = full_run(corpus, manifest, out, args.workers[-1], registry_change(work), partition_size=args.partition_size) # the same caches and store
        rerun = r["t_docs"] + r["t_corpus"]
        print(f"\nrerun after a registry change ({args.workers[-1]} workers, NLP cache of the full run): {r['t_docs']:.1f} s partitions + "
              f"{r['t_corpus']:.1f} s corpus stages = {rerun:.1f} s, {total / rerun:.1f}x faster than the full run ({total:.1f} s)")
    if args.real: real_rerun(args.real, work)
    if args.workdir is None: shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
