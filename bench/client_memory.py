"""Benchmark: the memory of the client process in the corpus-level stages, stage by stage.

    corpus-research synth 10000 --out synthetic/
    corpus-research run synthetic/ --out /tmp/store --cache /tmp/cache --workers 2    # fills the partition cache
    python bench/client_memory.py synthetic/ /tmp/cache /tmp/store-again

Runs, in this one process, what a run does after its partitions are finished — the merge of the
partitions (read from the cache given; none is computed, as every partition is done), the networks,
the framing, the network exports and the store (its tables written by two threads while the
others run) — and prints each stage's time, the resident memory
before it, its peak (VmRSS sampled every 20 ms) and after it, then the overall peak. The networks'
own cache (`<cache>/corpus`) is removed first, so they are computed anew. A stage's peak includes
what earlier stages left resident (much freed memory stays with the allocator until a later stage
reuses it).
"""
import argparse
import functools
import shutil
import threading
import time
from pathlib import Path

import corpus_research.pipeline as pipeline
from corpus_research.core import IngestConfig
from corpus_research.framing import FramingConfig
from corpus_research.networks import NetworkConfig

STAGES = ("merge_partitions", "merged_networks", "framing", "network_files") # `merged_networks` computes the networks (`Deferred`); the store's tables are written by two threads meanwhile (`StoreWriter`)


def rss_mb()->float:
    "Resident memory of this process, MB."
    with open("/proc/self/status") as f: return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))


class PeakSampler:
    "The highest resident memory seen since the last `reset` (`peak`) and since the start (`highest`), sampled in a background thread."
    def __init__(self, interval:float=0.02):
        self.peak = self.highest = rss_mb()
        self.interval = interval
        threading.Thread(target=self._sample, daemon=True).start()
    def _sample(self):
        while True:
            now = rss_mb()
            self.peak, self.highest = max(self.peak, now), max(self.highest, now)
            time.sleep(self.interval)
    def reset(self)->float:
        self.peak = rss_mb()
        return self.peak


def measured(name:str, sampler:PeakSampler):
    "Wrap `pipeline.<name>` so that each call prints its time and memory."
    f = getattr(pipeline, name)
    @functools.wraps(f)
    def timed(*args, **kwargs):
        before, t0 = sampler.reset(), time.perf_counter()
        result = f(*args, **kwargs)
        print(f"{name:<18} {time.perf_counter() - t0:7.1f} s   before {before:7,.0f} MB   peak {sampler.peak:7,.0f} MB   after {rss_mb():7,.0f} MB", flush=True)
        return result
    setattr(pipeline, name, timed)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", type=Path, help="the corpus folder the cache was filled from (with its manifest.csv, if any)")
    p.add_argument("cache", type=Path, help="the NLP cache of that run (its partitions must be finished)")
    p.add_argument("out", type=Path, help="where to write the store")
    p.add_argument("--partition-size", type=int, default=500, help="as in the run that filled the cache")
    a = p.parse_args()
    manifest = a.corpus / "manifest.csv" if (a.corpus / "manifest.csv").is_file() else None
    nlp_cfg = pipeline.NlpConfig(cache=str(a.cache))
    shutil.rmtree(a.cache / "corpus", ignore_errors=True)
    sampler = PeakSampler()
    for name in STAGES: measured(name, sampler)
    parts = pipeline.partitions(a.corpus, manifest, a.partition_size)
    tables = pipeline.partitioned_stages(a.corpus, manifest, parts, IngestConfig(), nlp_cfg, FramingConfig(), None, lambda problem: None)
    in_memory = sum(t.memory_usage(deep=True).sum() for t in tables.values() if hasattr(t, "memory_usage")) / 1e6
    print(f"tables held in pandas after the merge: {in_memory:,.0f} MB; left on disk: {', '.join(n for n, t in tables.items() if not hasattr(t, 'memory_usage'))}")
    pipeline.corpus_stages(tables, a.corpus, a.out, manifest, IngestConfig(), nlp_cfg, NetworkConfig(), FramingConfig(), lambda problem: None, 0.0)
    print(f"peak resident memory of the client: {sampler.highest:,.0f} MB")


if __name__ == "__main__":
    main()
