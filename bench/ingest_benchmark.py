"""Ingest throughput and peak memory on a generated corpus of seed-like articles.

    python bench/ingest_benchmark.py --articles 10000 [--workdir DIR]

The generator recombines the seed articles' lines: each article keeps one seed's furniture and
layout (so the parser meets every outlet's page structure) and draws its body paragraphs from all
seeds, with a per-article tag so texts differ. FOR BENCHMARKS ONLY: the texts are not real news.
Prints a table of wall time (parsing and writing the store), documents/s, MB/s and peak resident
memory of the process (a benchmark, not a test). Single process; parallel runs are a later stage.
"""
import argparse
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from corpus_research.core import demo_corpus
from corpus_research.ingest import ingest
from corpus_research.store import write_store
from corpus_research.parse import parse_article, rules_for
from corpus_research.outlets import detect_outlet


def body_pool(seeds):
    "Body paragraphs of all seeds (as parsed)."
    pool = []
    for text in seeds:
        parsed = parse_article(text, rules_for(detect_outlet(text)))
        pool += [p["text"] for p in parsed.paragraphs if p["kind"] == "body"]
    return pool


def generate(n, out, seed=0):
    "Write `n` seed-like articles to `out`; their total size in bytes."
    raw, _ = demo_corpus()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(raw.glob("*.txt"))]
    pool, rng, total = body_pool(seeds), random.Random(seed), 0
    for i in range(n):
        template = seeds[i % len(seeds)]
        parsed = parse_article(template, rules_for(detect_outlet(template)))
        bodies = {p["start_char"]: p for p in parsed.paragraphs if p["kind"] == "body"}
        text, pos = [], 0
        for start in sorted(bodies):
            text += [template[pos:start], f"{rng.choice(pool)} (Meldung {i})"]
            pos = bodies[start]["end_char"]
        text.append(template[pos:])
        data = "".join(text).encode("utf-8")
        (out / f"{i // 1000:03d}" ).mkdir(exist_ok=True)
        (out / f"{i // 1000:03d}" / f"synthetic_{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="cr-bench-"))
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True); corpus.mkdir(parents=True)
    t0 = time.perf_counter(); size = generate(args.articles, corpus); t_gen = time.perf_counter() - t0
    print(f"generated {args.articles} synthetic seed-like articles ({size/1e6:.1f} MB) in {t_gen:.1f} s  [benchmark data, not real news]")
    t0 = time.perf_counter()
    tables = ingest(corpus, None, progress=False, report=lambda p: None)
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
