"""Quotes: quality on the hand-annotated seeds, the SpkAtt evaluation, hostile quotation marks, CLI."""
import json
import tomllib

import pandas as pd

from corpus_research.core import packaged_data
from corpus_research.evaluate import evaluate_quotes, load_quote_gold, score_seed_quotes
from corpus_research.pipeline import NlpConfig, run

from conftest import cli



def test_speech_lexicon_is_data_with_one_class_per_verb():
    k = tomllib.loads((packaged_data() / "speech.toml").read_text(encoding="utf-8"))
    assert k["version"] and k["source"]
    verbs = [v for vs in k["verbs"].values() for v in vs]
    assert len(verbs) == len(set(verbs)) and len(verbs) > 150


def test_quotes_meet_targets_on_hand_annotated_seeds(seed_run):
    tables, _ = seed_run
    scores = score_seed_quotes(tables["quotes"].merge(tables["documents"][["doc_id", "source"]]), load_quote_gold())
    print(scores.to_string())
    assert scores.loc["direct", "f1"] >= 0.9 and scores.loc["indirect", "f1"] >= 0.85
    assert scores.loc["direct", "speaker_accuracy"] >= 0.8 and scores.loc["indirect", "speaker_accuracy"] >= 0.8


def test_quotes_point_into_the_raw_text(seed_run):
    tables, _ = seed_run
    texts = dict(zip(tables["texts"].doc_id, tables["texts"].text))
    q = tables["quotes"]
    assert set(q.kind) == {"direct", "indirect", "scare"}
    for r in q.itertuples():
        raw = texts[r.doc_id]
        assert raw[r.start_char:r.end_char] == r.text or "\n" in r.text  # multi-paragraph quotes join their pieces
        if pd.notna(r.speaker_start): assert raw[r.speaker_start:r.speaker_end] == r.speaker_text
        if pd.notna(r.cue_start): assert r.cue_start < r.cue_end
    assert q.groupby("doc_id").quote_id.apply(lambda s: list(s) == list(range(len(s)))).all()
    kerry = q[(q.kind == "direct") & (q.speaker_id == "john_kerry")]
    assert len(kerry) >= 20 and {"neutral", "conceding"} <= set(kerry.cue_class)


def test_title_quotes_are_flagged(seed_run):
    tables, _ = seed_run
    titles = tables["quotes"][tables["quotes"].in_title]
    assert set(titles.text) >= {"konstruktive Diplomatie", "Haben gleiche Ziele im Kampf gegen IS"}


HOSTILE = {
    "stray.txt": "Titel\n\nEr sagte „Wir kommen und dann kam nichts mehr. Ein zweiter Satz folgt hier.\n\nNeuer Absatz ohne Zeichen.\n",
    "inword.txt": "Titel\n\nDer Ex-„Präsident\" äußerte sich nicht. Das “ steht allein.\n",
    "headline.txt": "Lawrow: „Wir sind bereit“\n\nDer Text hat keine weiteren Zitate.\n",
    "long.txt": "Titel\n\nKerry sagte: „" + "sehr " * 10_000 + "lang“. Danach kam Lawrow.\n\nLetzter Absatz.\n",
}


def test_hostile_quotation_marks_warn_and_never_swallow_the_article(tmp_path):
    (tmp_path / "in").mkdir()
    for name, text in HOSTILE.items(): (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    problems = []
    t = run(tmp_path / "in", tmp_path / "out", nlp_cfg=NlpConfig(cache=None), progress=False, report=problems.append)
    docs = t["documents"].set_index("source")
    q = t["quotes"].merge(t["documents"][["doc_id", "source"]])
    pars = t["paragraphs"]
    for r in q.itertuples():  # no quote runs past the paragraph it ends in
        assert ((pars.doc_id == r.doc_id) & (pars.start_char < r.end_char) & (pars.end_char >= r.end_char)).any()
    warned = {p.source for p in problems if p.stage == "quotes"}
    assert {"stray.txt", "inword.txt"} <= warned
    assert "Letzter Absatz" not in " ".join(q.text) and "Neuer Absatz" not in " ".join(q.text)
    head = q[q.source == "headline.txt"]
    assert head.in_title.all() and head.speaker_id.tolist() == ["sergey_lavrov"]
    long = q[q.source == "long.txt"]
    assert long.text.str.len().max() > 50_000 and long.speaker_id.tolist()[0] == "john_kerry"
    assert len(docs) == len(HOSTILE)


def spkatt_file(folder, name, sentences, annotations):
    (folder / f"{name}.json").write_text(json.dumps(dict(DocumentName=name, Sentences=[dict(SentenceId=i, Tokens=s) for i, s in enumerate(sentences)], Annotations=annotations)), encoding="utf-8")


def test_evaluate_quotes_scores_direct_and_indirect(tmp_path):
    folder = tmp_path / "spkatt"; folder.mkdir()
    spkatt_file(folder, "1 - Kerry in Moskau (2015-12-15)",
                [["„", "Wir", "sind", "bereit", "“", ",", "sagte", "Kerry", "."], ["Lawrow", "sagte", ",", "das", "sei", "gut", "."], ["Das", "Wetter", "war", "schön", "."]],
                [dict(Form="Direct", IsNested=False, Message=["0:0", "0:1", "0:2", "0:3", "0:4"], Source=["0:7"], Cue=["0:6"]),
                 dict(Form="Indirect", IsNested=False, Message=["1:3", "1:4", "1:5"], Source=["1:0"], Cue=["1:1"]),
                 dict(Form="Reported", IsNested=False, Message=["2:0"], Source=[], Cue=[])])
    scores, per_article = evaluate_quotes(folder, nlp_cfg=NlpConfig(cache=None))
    for setting in ("all", "top_level"):
        assert scores.loc[(setting, "direct"), ["gold", "matched", "speaker_accuracy"]].tolist() == [1, 1, 1.0]
        assert scores.loc[(setting, "indirect"), ["gold", "matched", "speaker_accuracy"]].tolist() == [1, 1, 1.0]
    assert len(per_article) == 1
    r = cli("evaluate-quotes", folder, "--no-cache")
    assert r.returncode == 0 and "speaker_accuracy" in r.stdout
    assert cli("evaluate-quotes", tmp_path / "missing").returncode == 1


def test_quotes_command(seed_run):
    _, out = seed_run
    r = cli("quotes", "--store", out / "store", "--top", "3")
    assert r.returncode == 0 and "John Kerry" in r.stdout
    assert cli("quotes", "--store", out / "nowhere").returncode == 1
