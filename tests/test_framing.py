"""Framing on the seeds: the tables of the store, traceability of every coded match, keyness against an independent
computation, agreement with the hand coding, the coding loop of the command line, and bad coded sheets."""
import numpy as np
import pandas as pd
import pytest

from corpus_research.core import TABLES, knowledge_file
from corpus_research.framing import FRAMING_TABLES, FramingConfig, framing, krippendorff_alpha
from corpus_research.store import DOCS_PER_SLICE
from corpus_research.frames import CODED_TABLES, load_instruments

from conftest import cli

FRAMES = list(load_instruments().frame_info)


def test_framing_tables_are_in_the_store(seed_run):
    tables, out = seed_run
    for name in CODED_TABLES + FRAMING_TABLES:
        assert (out / "store" / "tables" / f"{name}.parquet").exists(), name
        assert list(tables[name].columns) == list(TABLES[name]), name
    assert len(tables["doc_frames"]) == len(tables["documents"]) * len(FRAMES)
    of = tables["outlet_frames"]
    assert set(of.grouping) == {"all", "outlet", "outlet_family"}
    assert ((of.prevalence_low <= of.prevalence + 1e-9) & (of.prevalence <= of.prevalence_high + 1e-9)).all()


def test_every_match_is_in_its_sentence(seed_run):
    "Every coded span (labels, evaluative and event words) is the text at its offsets, inside the sentence it names."
    tables, _ = seed_run
    texts = dict(zip(tables["texts"].doc_id, tables["texts"].text))
    sents = tables["sentences"].set_index(["doc_id", "sent_id"])
    for name, column in (("labels", "text"), ("evaluations", "word"), ("interactions", "word")):
        t = tables[name]
        assert len(t), name
        for r in t.itertuples():
            assert texts[r.doc_id][r.start_char:r.end_char] == getattr(r, column), (name, r)
            s = sents.loc[(r.doc_id, r.sent_id)]
            assert s.start_char <= r.start_char and r.end_char <= s.end_char, (name, r)
    f = tables["frames"].merge(tables["sentences"][["doc_id", "sent_id", "text"]])
    for r in f[f.n_matches > 0].itertuples():
        assert all(w in r.text for w in r.indicators.split("; ")), r


def test_doc_frames_match_the_sentences(seed_run):
    "A document carries a frame exactly when one of its sentences does; intensity is matches per 1,000 tokens."
    tables, _ = seed_run
    f = tables["frames"][tables["frames"].n_matches > 0]
    coded = set(zip(f.doc_id, f.frame))
    df = tables["doc_frames"]
    assert {(d, fr) for d, fr, p in zip(df.doc_id, df.frame, df.present) if p} == coded
    tokens = tables["sentences"].groupby("doc_id").n_tokens.sum()
    matches = f.groupby(["doc_id", "frame"]).n_matches.sum()
    for r in df[df.present].itertuples():
        assert r.intensity == pytest.approx(matches[(r.doc_id, r.frame)] / tokens[r.doc_id] * 1000)


def test_keyness_against_a_direct_computation(seed_run):
    "z of one lemma recomputed from the terms table with the formula of Monroe et al. (2008), natural logs."
    tables, _ = seed_run
    k = tables["keyness"]
    row = k[k.group == "outlet_family=Russian state media"].sort_values("z").iloc[-1]
    terms = tables["terms"].merge(tables["documents"][["doc_id", "outlet_family"]])
    counts = terms.groupby("lemma").n.sum()
    counts = counts[counts >= FramingConfig().keyness_min_count]
    inside = terms[terms.outlet_family == "Russian state media"].groupby("lemma").n.sum().reindex(counts.index, fill_value=0)
    rest = counts - inside
    a, a0 = counts[row.lemma], counts.sum()
    yi, yj, ni, nj = inside[row.lemma], rest[row.lemma], inside.sum(), rest.sum()
    delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
    assert row.z == pytest.approx(delta / np.sqrt(1 / (yi + a) + 1 / (yj + a)))
    assert (row["count"], row.count_rest) == (yi, yj)
    assert 0 <= k.stability.min() and k.stability.max() <= 1


def test_voices_shares_add_up(seed_run):
    "Per group, the word shares of the sides sum to one; quotes counted match the quotes table."
    tables, _ = seed_run
    v = tables["voices"]
    sides = v[v.level == "side"].groupby("group").word_share.sum()
    assert np.allclose(sides, 1)
    q = tables["quotes"]
    assert v[(v.level == "actor") & (v.group == "all")].quotes.sum() == (q.kind != "scare").sum()


def test_agreement_with_the_hand_coding(seed_run):
    "The packaged hand coding covers every seed sentence; agreement is computed for every frame."
    tables, _ = seed_run
    gold = pd.read_csv(knowledge_file("gold/seed_frames.csv"))
    assert len(gold) == len(tables["sentences"])
    a = tables["frame_agreement"].set_index("frame")
    assert list(a.index) == FRAMES and (a.n == len(gold)).all()
    assert (a.coded == gold[FRAMES].fillna(0).sum().astype(int)).all()
    assert a.loc["terrorism", "alpha"] > 0.8 # the most lexical frame; the others are reported, not asserted


def test_krippendorff_alpha_two_coders():
    "For two coders and binary codes, alpha = 1 − (n − 1) · disagreements / (2 · n₀ · n₁) over the 2n pooled values."
    h = np.array([1, 1, 0, 0, 1, 0, 0, 0, 1, 1])
    a = np.array([1, 0, 0, 0, 1, 1, 0, 0, 1, 1])
    values = np.concatenate([h, a])
    n, n1 = len(values), values.sum()
    expected = 1 - (n - 1) * (2 * (h != a).sum()) / (2 * n1 * (n - n1))
    assert krippendorff_alpha(np.vstack([h, a])) == pytest.approx(expected)
    assert krippendorff_alpha(np.vstack([h, 1 - h])) < 0


@pytest.mark.parametrize("docs_per_slice", [DOCS_PER_SLICE, 1, 2])
def test_framing_is_deterministic_and_the_same_by_slices(seed_run, docs_per_slice):
    tables, _ = seed_run
    again, _ = framing(tables, FRAMES, docs_per_slice=docs_per_slice)
    for name in FRAMING_TABLES:
        pd.testing.assert_frame_equal(again[name], tables[name], check_exact=True)


def test_sample_code_validate_loop(seed_run, tmp_path):
    "sample-for-coding writes a blind sheet; two coders fill it in; validate reports agreement and inter-coder alpha."
    _, out = seed_run
    store, sheet = out / "store", tmp_path / "sheet.csv"
    r = cli("sample-for-coding", "--store", store, "--n", "24", "--out", sheet)
    assert r.returncode == 0, r.stderr
    s = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    assert len(s) == 24 and set(FRAMES) <= set(s.columns) and (s[FRAMES] == "").all().all()
    assert s.outlet.value_counts().max() - s.outlet.value_counts().min() <= 10 # stratified (Sputnik has only 14 sentences)
    a, b = s.copy(), s.copy()
    a["coder"], b["coder"] = "anna", "ben"
    a["terrorism"] = np.where(a.text.str.contains("Terror|IS\\b|Daesh"), "1", "")
    b["terrorism"] = a["terrorism"]
    pd.concat([a, b]).to_csv(tmp_path / "coded.csv", index=False)
    r = cli("validate", tmp_path / "coded.csv", "--store", store)
    assert r.returncode == 0, r.stderr
    assert "2 coder(s)" in r.stdout and "alpha_coders" in r.stdout
    line = next(l for l in r.stdout.splitlines() if l.strip().startswith("terrorism"))
    assert line.split()[-1] == "1.0" # both coders agree perfectly on terrorism


def test_validate_refuses_bad_sheets(seed_run, tmp_path):
    _, out = seed_run
    store = out / "store"
    (tmp_path / "nocols.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    r = cli("validate", tmp_path / "nocols.csv", "--store", store)
    assert r.returncode == 1 and "nocols.csv" in r.stderr and "doc_id, sent_id, text, coder" in r.stderr
    (tmp_path / "binary.csv").write_bytes(b"\x00\xff\xfe" * 100)
    r = cli("validate", tmp_path / "binary.csv", "--store", store)
    assert r.returncode == 1 and "binary.csv" in r.stderr
    gold = pd.read_csv(knowledge_file("gold/seed_frames.csv"), dtype=str, keep_default_na=False)
    gold.loc[0, "text"] = "Ein anderer Satz."
    gold.loc[1, "doc_id"] = "0000000000000000"
    gold.to_csv(tmp_path / "drift.csv", index=False)
    r = cli("validate", tmp_path / "drift.csv", "--store", store)
    assert r.returncode == 0, r.stderr
    assert "row 2 (" in r.stderr and "sentence text differs" in r.stderr and "row 3 (0000000000000000" in r.stderr
    assert "245 sentences" in r.stdout
    r = cli("validate", tmp_path / "missing.csv", "--store", store)
    assert r.returncode == 1 and "missing.csv" in r.stderr


def test_framing_command(seed_run):
    _, out = seed_run
    r = cli("framing", "--store", out / "store", "--show", "frames")
    assert r.returncode == 0 and "outlet=RT Deutsch" in r.stdout and "n=2" in r.stdout, r.stderr
    r = cli("framing", "--store", out / "store", "--show", "keyness", "--grouping", "outlet_family", "--top", "3")
    assert r.returncode == 0 and "outlet_family=Russian state media" in r.stdout, r.stderr # every view runs in nbs/16_cli.ipynb
    r = cli("framing", "--store", out / "nowhere")
    assert r.returncode == 1 and "no store" in r.stderr
