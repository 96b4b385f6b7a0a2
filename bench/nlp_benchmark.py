"""Speed and memory of the German NLP stage (tokenizer, sentences, HanTa tags and lemmas, actor linking).

    python bench/nlp_benchmark.py --articles 10000 [--spkatt ../shared/spkatt-2023/train]

Measures, in one process: the NLP stage on N generated seed-like articles (benchmark data, not real
news: its vocabulary is small, so the per-word-form cache is unusually effective), and, when a path
is given, on the real German news articles of SpkAtt-2023 (their tokens joined by spaces), whose
vocabulary is realistic. For each: tokens, actor mentions, seconds, tokens/s for a cold run (empty
word-form cache, no DocBin cache) and for a rerun that reads the DocBin cache (what a registry change
costs), and peak resident memory.
"""
import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import pandas as pd

from corpus_research.framing import FramingConfig
from corpus_research.ingest import ingest
from corpus_research.pipeline import NlpConfig, _models, analyse, models
from corpus_research.synth import synthesize


def spkatt_paragraphs(folder):
    "One body paragraph per SpkAtt article: its sentences' tokens joined by spaces."
    rows = []
    for i, path in enumerate(sorted(Path(folder).glob("*.json"))):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = " ".join(" ".join(s["Tokens"]) for s in doc["Sentences"])
        rows.append(dict(doc_id=f"spkatt{i:04d}", par_id=0, kind="body", text=text, start_char=0))
    return pd.DataFrame(rows)


def spkatt_documents(paragraphs):
    "A documents table for the SpkAtt paragraphs (no publication dates: roles resolve only through the text)."
    return pd.DataFrame(dict(doc_id=paragraphs.doc_id, published=pd.NaT))


def measure(name, paragraphs, documents, cache):
    "Print cold and cached timings of the NLP stage (sentences, actor mentions and quotes) on `paragraphs`."
    for run in ("cold", "cached"):
        _models.cache_clear() # a new pipeline: an empty word-form cache
        nlp, matcher, inst = models(None, None, FramingConfig().polarity)
        t0 = time.perf_counter()
        tables, _ = analyse(paragraphs, documents, nlp, matcher, NlpConfig(cache=str(cache)), inst)
        sents, mentions, quotes = tables["sentences"], tables["mentions"], tables["quotes"]
        secs = time.perf_counter() - t0
        tokens = int(sents.n_tokens.sum())
        forms = nlp.get_pipe("hanta_tagger").analyze.cache_info().currsize
        print(f"{name:<28} {run:<7} {paragraphs.doc_id.nunique():>8} {tokens:>10} {len(mentions):>9} {len(quotes):>7} {secs:>8.1f} {tokens / secs:>10.0f} {forms:>12}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--spkatt", type=Path, help="folder of SpkAtt-2023 JSON files (real news)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cr-nlp-bench-"))
    print(f"{'corpus':<28} {'run':<7} {'articles':>8} {'tokens':>10} {'mentions':>9} {'quotes':>7} {'seconds':>8} {'tokens/s':>10} {'word forms':>12}")
    (work / "corpus").mkdir()
    synthesize(args.articles, work / "corpus")
    tables = ingest(work / "corpus", work / "corpus" / "manifest.csv", progress=False, report=lambda p: None)
    measure("generated (not real news)", tables["paragraphs"], tables["documents"], work / "cache-generated")
    if args.spkatt:
        paras = spkatt_paragraphs(args.spkatt)
        measure("SpkAtt-2023 (real news)", paras, spkatt_documents(paras), work / "cache-spkatt")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (one process, one core)")


if __name__ == "__main__":
    main()
