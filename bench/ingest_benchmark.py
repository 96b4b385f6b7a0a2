"""Ingest throughput and peak memory on a generated corpus of seed-like articles.

    python bench/ingest_benchmark.py --articles 10000 [--workdir DIR]

The corpus comes from `corpus_research.synth` (`corpus-research synth`): each article keeps one
seed's page (furniture and layout, so the parser meets every outlet's page structure) with its body
paragraphs rebuilt from recombined seed sentences. FOR BENCHMARKS ONLY: the texts are not real news.
Prints a table of wall time (parsing and writing the store), documents/s, MB/s and peak resident
memory of the process (a benchmark, not a test). Single process; parallel runs are a later stage.
"""
import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from corpus_research.ingest import ingest
from corpus_research.store import write_store
from corpus_research.synth import synthesize


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="cr-bench-"))
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True); corpus.mkdir(parents=True)
    t0 = time.perf_counter(); size = synthesize(args.articles, corpus)["bytes"]; t_gen = time.perf_counter() - t0
    print(f"generated {args.articles} synthetic seed-like articles ({size/1e6:.1f} MB) in {t_gen:.1f} s  [benchmark data, not real news]")
    t0 = time.perf_counter()
    tables = ingest(corpus, corpus / "manifest.csv", progress=False, report=lambda p: None)
    t_parse = time.perf_counter() - t0
    write_store(tables, work / "outputs", {"stages": ["ingest"], "input": str(corpus), "benchmark": True})
    t_total = time.perf_counter() - t0
    docs = tables["documents"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'articles':>10} {'read+parse+dedup s':>18} {'write store s':>13} {'total s':>8} {'docs/s':>7} {'MB/s':>5} "
          f"{'paragraphs':>10} {'near-dups':>9} {'errors':>6} {'peak RSS MB':>11}")
    print(f"{len(docs):>10} {t_parse:>18.1f} {t_total - t_parse:>13.1f} {t_total:>8.1f} {len(docs)/t_total:>7.0f} {size/1e6/t_total:>5.2f} "
          f"{len(tables['paragraphs']):>10} {docs.duplicate_of.notna().sum():>9} {len(tables['errors']):>6} {peak_mb:>11.0f}")
    if args.workdir is None: shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
