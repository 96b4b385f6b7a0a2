"""Benchmark: the sentence-level actor network of N generated articles, sparse counting vs a plain baseline.

    python bench/network_benchmark.py --articles 100000

Generates mentions (actors drawn from a Zipf law over a registry-sized set, a Poisson number per
sentence), then builds the sentence co-occurrence network
  1. with corpus_research.networks: the network stage for the sentence window and the group of all
     articles (counts per article, a slice of articles at a time; edges with article counts,
     weights and backbone; node centralities and communities; evidence);
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

from corpus_research.core import conform
from corpus_research.networks import NetworkConfig, networks


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


def store_tables(occ:pd.DataFrame, articles:int, sentences:int)->dict[str, pd.DataFrame]:
    "The tables the network stage reads, for the occurrences `occ` of `articles` articles of `sentences` sentences."
    doc = np.repeat(np.arange(articles), sentences)
    sent = np.tile(np.arange(sentences), articles)
    doc_ids = pd.Series(np.arange(articles)).map("d{:07d}".format)
    return dict(documents=conform(pd.DataFrame(dict(doc_id=doc_ids, outlet="generated")), "documents"),
                sentences=conform(pd.DataFrame(dict(doc_id=doc_ids.to_numpy()[doc], sent_id=sent, par_id=sent // 4, n_tokens=20)), "sentences"),
                mentions=conform(pd.DataFrame(dict(doc_id=occ.doc_id.astype(str), sent_id=occ.sent_id, word=occ.word, start_char=occ.word * 6,
                                                   actor_id=occ.node.astype(str))), "mentions"),
                quotes=conform([], "quotes"))


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
    print(f"{a.articles:,} articles, {a.articles * a.sentences:,} sentences, {len(occ):,} mentions of {occ.node.nunique()} actors")
    tables = store_tables(occ, a.articles, a.sentences)
    cfg = NetworkConfig(windows=("sentence",), groupings=("all",), compare=())
    net, t_full, m_full = measured(lambda: networks(tables, cfg))
    plain = occ.astype({"doc_id": str, "node": str}) # the baseline on plain columns (grouping categoricals would slow it)
    G, t_base, m_base = measured(lambda: baseline(plain))
    ours = {(s, t): int(c) for s, t, c in zip(net["edges"].source, net["edges"].target, net["edges"]["count"])}
    theirs = {tuple(sorted((u, v))): d["weight"] for u, v, d in G.edges(data=True)}
    assert ours == theirs, "sparse and baseline counts differ"
    print(f"edges: {len(ours):,} (both methods agree)")
    print(f"network stage (counts per article, edges, weights, backbone, nodes, {len(net['edge_evidence']):,} evidence rows): {t_full:8.2f} s   peak {m_full:8.0f} MB")
    print(f"baseline (itertools.combinations + networkx, counts only): {t_base:8.2f} s   peak {m_base:8.0f} MB")
    print(f"speed-up of the network stage over the baseline: {t_base / t_full:.1f}x")


if __name__ == "__main__":
    main()
