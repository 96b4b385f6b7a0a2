"""Benchmark: the sentence-level actor network of N generated articles, sparse counting vs a plain baseline.

    python bench/network_benchmark.py --articles 100000

Generates mentions (actors drawn from a Zipf law over a registry-sized set, a Poisson number per
sentence), then builds the sentence co-occurrence network
  1. with corpus_research.networks: incidence matrix X and XᵀX (the sparse counting itself), and the
     whole edge table (pairs for article counts and evidence, weights, backbone);
  2. with a straightforward baseline: per sentence, itertools.combinations of its actors, each pair
     added to a networkx Graph edge weight.
Prints both times, the ratio, peak memory of each (tracemalloc, in a second run) and checks that
the counts agree.
"""
import argparse
import time
import tracemalloc
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd

from corpus_research.networks import NetworkConfig, build_units, coded, cooccurrence_counts, edge_evidence, incidence, network_edges, unit_members


def generate(articles:int, sentences:int, actors:int, rate:float, seed:int)->pd.DataFrame:
    "Occurrence rows (doc_id, par_id, sent_id, word, node) of generated articles, typed like `actor_occurrences` output."
    rng = np.random.default_rng(seed)
    per_sentence = rng.poisson(rate, size=articles * sentences)
    sent = np.repeat(np.arange(articles * sentences), per_sentence)
    node = np.minimum(rng.zipf(1.6, size=len(sent)), actors) - 1
    doc = sent // sentences
    occ = pd.DataFrame(dict(doc_id=pd.Series(doc).map("d{:07d}".format), par_id=(sent % sentences) // 4, sent_id=sent % sentences,
                            word=(sent % sentences) * 20 + rng.integers(0, 20, len(sent)), node=pd.Series(node).map("actor_{:03d}".format)))
    return occ.astype({"doc_id": "category", "node": "category"}) # as `actor_occurrences` gives them


def measured(f):
    "(result, seconds, peak MB) of f(): timed in a plain run, memory in a second run under tracemalloc (which slows it)."
    t0 = time.perf_counter()
    out = f()
    seconds = time.perf_counter() - t0
    del out
    tracemalloc.start()
    out = f()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return out, seconds, peak


def sparse_counting(occ, nodes):
    X = incidence(coded(unit_members(occ, "sentence"), nodes), len(nodes))
    return cooccurrence_counts(X)


def baseline(occ):
    G = nx.Graph()
    for _, actors in occ.groupby(["doc_id", "sent_id"], sort=False).node:
        for a, b in combinations(sorted(set(actors)), 2):
            if G.has_edge(a, b): G[a][b]["weight"] += 1
            else: G.add_edge(a, b, weight=1)
    return G


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--sentences", type=int, default=25, help="sentences per article")
    p.add_argument("--actors", type=int, default=300)
    p.add_argument("--rate", type=float, default=0.8, help="mean actor mentions per sentence")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    occ = generate(a.articles, a.sentences, a.actors, a.rate, a.seed)
    nodes = pd.Index(sorted(occ.node.unique()))
    print(f"{a.articles:,} articles, {a.articles * a.sentences:,} sentences, {len(occ):,} mentions of {len(nodes)} actors")
    (src, tgt, count, _), t_count, m_count = measured(lambda: sparse_counting(occ, nodes))
    def full_table(cfg=NetworkConfig()):
        u = build_units("sentence", occ, occ.iloc[:0], nodes, a.articles * a.sentences)
        edges = network_edges(u, nodes, cfg)
        return edges, edge_evidence(u, nodes, "sentence", cfg, edges)
    _, t_full, m_full = measured(full_table)
    plain = occ.astype({"doc_id": str, "node": str}) # the baseline on plain columns (grouping categoricals would slow it)
    G, t_base, m_base = measured(lambda: baseline(plain))
    ours = {(nodes[s], nodes[t]): int(c) for s, t, c in zip(src, tgt, count)}
    theirs = {tuple(sorted((u, v))): d["weight"] for u, v, d in G.edges(data=True)}
    assert ours == theirs, "sparse and baseline counts differ"
    print(f"edges: {len(ours):,} (both methods agree)")
    print(f"sparse counting (incidence + XᵀX): {t_count:8.2f} s   peak {m_count:8.0f} MB")
    print(f"full edge table (pairs, n_docs, weights, backbone, evidence): {t_full:8.2f} s   peak {m_full:8.0f} MB")
    print(f"baseline (itertools.combinations + networkx): {t_base:8.2f} s   peak {m_base:8.0f} MB")
    print(f"speed-up of the sparse counting over the baseline: {t_base / t_count:.0f}x")


if __name__ == "__main__":
    main()
