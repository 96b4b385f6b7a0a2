"""The German NLP stage: pipeline assembly and loading, sentences, cache, robustness."""
import subprocess
import sys

import pandas as pd
import pytest
import spacy

from corpus_research.core import demo_corpus
from corpus_research.nlp import CACHE_SUFFIX, german_pipeline, load_pipeline, sentences
from corpus_research.pipeline import NlpConfig, run


@pytest.fixture(scope="module")
def nlp():
    return german_pipeline()


def test_sentences_lie_inside_their_paragraphs(seed_tables, nlp):
    sents = sentences(seed_tables["paragraphs"], nlp)
    paras = seed_tables["paragraphs"].set_index(["doc_id", "par_id"])
    texts = dict(zip(seed_tables["texts"].doc_id, seed_tables["texts"].text))
    for row in sents.itertuples():
        par = paras.loc[(row.doc_id, row.par_id)]
        assert par.start_char <= row.start_char < row.end_char <= par.end_char
        assert texts[row.doc_id][row.start_char:row.end_char] == row.text
    assert set(paras.loc[list(zip(sents.doc_id, sents.par_id))].kind) <= {"headline", "kicker", "lead", "subheading", "body", "caption"}


def test_german_sentence_boundaries(nlp):
    text = ("Am 14. Oktober 2014 trafen sich Kerry u.a. mit Lawrow, so die dpa. „Wir haben gleiche Ziele“, sagte Kerry. "
            "Die USA (bzw. das Pentagon) fliegen Angriffe gegen den IS. Nr. 2 der Liste ist Syrien.")
    assert [s.text for s in nlp(text).sents] == [
        "Am 14. Oktober 2014 trafen sich Kerry u.a. mit Lawrow, so die dpa.", "„Wir haben gleiche Ziele“, sagte Kerry.",
        "Die USA (bzw. das Pentagon) fliegen Angriffe gegen den IS.", "Nr. 2 der Liste ist Syrien."]


def test_saved_pipeline_loads_with_spacy_load(tmp_path, nlp):
    nlp.to_disk(tmp_path / "german")
    code = f"import corpus_research.nlp, spacy; n = spacy.load({str(tmp_path / 'german')!r}); d = n('Lawrows Rede.'); print(n.pipe_names, d[0].lemma_)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "['german_sentences', 'hanta_tagger'] Lawrow"


def test_a_trained_style_pipeline_is_completed_not_replaced(tmp_path):
    tiny = spacy.blank("de")
    tiny.add_pipe("sentencizer")
    tiny.to_disk(tmp_path / "tiny")
    loaded = load_pipeline(str(tmp_path / "tiny"))
    assert loaded.pipe_names == ["sentencizer", "hanta_tagger"]
    doc = loaded("Kerry traf Lawrow. Beide sprachen.")
    assert [t.pos_ for t in doc][:3] == ["PROPN", "VERB", "PROPN"] and len(list(doc.sents)) == 2


def test_run_with_named_pipeline(tmp_path):
    tiny = spacy.blank("de")
    tiny.add_pipe("sentencizer")
    tiny.to_disk(tmp_path / "tiny")
    raw, manifest = demo_corpus()
    t = run(raw, tmp_path / "out", manifest, nlp_cfg=NlpConfig(pipeline=str(tmp_path / "tiny"), cache=None), progress=False, report=lambda p: None)
    assert len(t["sentences"]) > 200
    assert t["mentions"].actor_id.eq("john_kerry").sum() > 50, "actors are linked on top of a named pipeline"


def test_cache_is_reused_and_gives_identical_sentences(tmp_path):
    raw, manifest = demo_corpus()
    cfg = NlpConfig(cache=str(tmp_path / "cache"), docs_per_batch=2)
    first = run(raw, tmp_path / "a", manifest, nlp_cfg=cfg, progress=False, report=lambda p: None)["sentences"]
    files = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob(f"*{CACHE_SUFFIX}")}
    assert len(files) == 3
    second = run(raw, tmp_path / "b", manifest, nlp_cfg=cfg, progress=False, report=lambda p: None)["sentences"]
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob(f"*{CACHE_SUFFIX}")} == files, "cache files were rewritten"
    pd.testing.assert_frame_equal(first, second)


@pytest.mark.parametrize("text", [
    "The United States and Russia agreed on Tuesday. Both sides said so.",
    "ohne satzzeichen " * 2000,
    "Steuer\x00zeichen\x07 und \x1b[31mEscape\x1b[0m. Noch ein Satz.",
    "„Unvollständiges Zitat ohne Ende. Und weiter",
])
def test_odd_text_does_not_crash(nlp, text):
    paras = pd.DataFrame(dict(doc_id=["d"], par_id=[0], kind=["body"], text=[text], start_char=[0]))
    got = sentences(paras, nlp)
    assert len(got) >= 1 and (got.end_char <= len(text)).all()


def test_a_million_character_paragraph(nlp):
    text = ("Kerry traf Lawrow in Moskau und sprach über Syrien, die Ukraine und den IS " * 13_000)[:1_000_000]
    paras = pd.DataFrame(dict(doc_id=["d"], par_id=[0], kind=["body"], text=[text], start_char=[0]))
    got = sentences(paras, nlp)
    assert len(got) > 1000 and got.n_tokens.max() <= 150 and got.end_char.max() <= len(text)
