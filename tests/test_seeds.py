"""The five seed articles parse into the structure a careful reader sees."""
import re

import pandas as pd
import pytest

from corpus_research.core import demo_corpus
from corpus_research.ingest import ingest

EXPECTED = {  # outlet, publisher, kicker, title
    "000": ("RT Deutsch", "RT Deutsch", None, "US-Außenminister lobt „konstruktive Diplomatie“ zwischen Russland und den Vereinigten Staaten"),
    "001": ("RT Deutsch", "RT Deutsch", "LIVE UPDATES", "Sergej Lawrow und John Kerry geben gemeinsame Pressekonferenz"),
    "002": ("n-tv", "Blogger (blogspot) blog", "Gemeinsames Vorgehen gegen IS-Terror", "USA und Russland raufen sich zusammen"),
    "003": ("Der Tagesspiegel", "Der Tagesspiegel", "Russland und USA beraten über Syrien", 'US-Außenminister John Kerry: "Haben gleiche Ziele im Kampf gegen IS"'),
    "004": ("Sputnik Deutschland", "Sputnik Deutschland", None, "Zweimal in zehn Tagen: Worüber sprechen Lawrow und Kerry so lange?"),
}
FURNITURE = ["zum Hauptinhalt", "Zur Startseite", "Keine Kommentare", "Kommentar veröffentlichen", "SNA Radio", "Zum Kurzlink",
             "Abonnieren", "Gemeinschaftsstandards", "kommentieren", "Zum Thema:", "Tags:", "Themen:", "--------", "©", "Quelle:",
             "(851)", "3722", "Dienstag, 14. Oktober 2014", "06:43 15 November 2019"]
TEXT_KINDS = ["headline", "kicker", "lead", "subheading", "body"]


def by_prefix(df):
    return {s[:3]: g for s, g in df.groupby(df.source)}


@pytest.fixture(scope="module")
def docs(seed_tables):
    return seed_tables["documents"].assign(key=lambda d: d.source.str[:3]).set_index("key")


@pytest.fixture(scope="module")
def paras(seed_tables):
    return seed_tables["paragraphs"].merge(seed_tables["documents"][["doc_id", "source"]]).assign(key=lambda d: d.source.str[:3])


def test_outlet_publisher_kicker_title(docs):
    got = {k: (r.outlet, r.publisher, None if pd.isna(r.kicker) else r.kicker, r.title) for k, r in docs.iterrows()}
    assert got == EXPECTED


def test_outlets_are_inferred_without_manifest():
    raw, _ = demo_corpus()
    docs = ingest(raw, None, progress=False, report=lambda p: None)["documents"]
    got = dict(zip(docs.source.str[:3], zip(docs.outlet, docs.outlet_source)))
    assert got == {k: (v[0], "text") for k, v in EXPECTED.items()}
    assert all(docs.outlet_evidence.str.len() > 0)


def test_pieces_reassemble_raw_text_exactly(seed_tables):
    t = seed_tables
    pieces = pd.concat([t["paragraphs"][["doc_id", "start_char", "end_char", "text"]], t["boilerplate"][["doc_id", "start_char", "end_char", "text"]]])
    for doc_id, text in zip(t["texts"].doc_id, t["texts"].text):
        p = pieces[pieces.doc_id == doc_id].sort_values("start_char")
        assert "".join(p.text) == text
        assert p.start_char.iloc[0] == 0 and p.end_char.iloc[-1] == len(text)
        assert (p.start_char.to_numpy()[1:] == p.end_char.to_numpy()[:-1]).all(), "pieces overlap or leave gaps"
        assert all(text[a:b] == s for a, b, s in zip(p.start_char, p.end_char, p.text))


def test_no_furniture_in_journalistic_text(paras):
    text = paras[paras.kind.isin(TEXT_KINDS)]
    leaks = [(k, s) for k, s in zip(text.key, text.text) for f in FURNITURE if f in s]
    assert leaks == []


def test_each_caption_once(paras):
    caps = paras[paras.kind == "caption"]
    assert not caps.duplicated(["key", "text"]).any()
    expected = {"001": ["Kerrys Beileid im Gedenkbuch"], "003": ["US-Außenminister John Kerry bei seiner Ankunft", "Seit jeher gute Beziehungen"],
                "004": ["Der zerstörte Bezirk Saif Al Dawla"]}
    got = {k: list(g.text) for k, g in caps.groupby("key")}
    assert set(got) == set(expected)
    for k, starts in expected.items():
        assert len(got[k]) == len(starts) and all(t.startswith(s) for t, s in zip(got[k], starts))
    body = paras[paras.kind.isin(TEXT_KINDS)]
    assert not set(caps.text) & set(body.text)


def test_live_ticker_is_split_into_updates(paras, docs, seed_texts):
    ticker = paras[paras.key == "001"]
    stamps = re.findall(r"^Update\s(\d\d:\d\d)$", seed_texts["001"], re.M)
    updates = ticker[ticker.kind == "update"]
    assert list(updates.update_time) == stamps and len(stamps) == 24
    assert list(updates.update_id) == list(range(24))
    assert docs.loc["001", "genre"] == "liveblog" and docs.loc["001", "n_updates"] == 24
    body = ticker[ticker.kind == "body"]
    first = body[body.text.str.startswith("Kerry ist überzeugt")].iloc[0]
    assert (first.update_time, first.update_id) == ("23:45", 0)
    background = body[body.text.str.startswith("In der Nacht zum Freitag")].iloc[0]
    assert pd.isna(background.update_id), "text after the ticker's last separator belongs to no update"
    assert (docs.drop("001").genre == "article").all()


def test_dates_with_their_source(docs):
    assert docs.loc["004", "published"] == pd.Timestamp("2016-07-26") and docs.loc["004", "published_source"] == "manifest"
    assert docs.loc["004", "published_text"] == "06:43 15 November 2019"
    assert docs.loc["002", "published_text"] == "Dienstag, 14. Oktober 2014"


def test_text_dates_without_manifest():
    raw, _ = demo_corpus()
    docs = ingest(raw, None, progress=False, report=lambda p: None)["documents"]
    got = dict(zip(docs.source.str[:3], zip(docs.published.dt.strftime("%Y-%m-%d").fillna("none"), docs.published_source)))
    assert got["002"] == ("2014-10-14", "text") and got["004"] == ("2019-11-15", "text")
    assert got["000"] == ("none", "none")


def test_credits_and_agencies(docs, paras):
    assert docs.loc["002", "agencies"] == "Deutsche Presse-Agentur, Agence France-Presse"
    assert docs.loc["003", "agencies"] == "Agence France-Presse, Deutsche Presse-Agentur"
    assert docs.loc["003", "image_credits"] == "© AFP; © dpa"
    credits = paras[(paras.kind == "credit") & (paras.key == "003")]
    assert list(credits.text) == ["© AFP", "© dpa", "(AFP, dpa)"]
    last_body = paras[(paras.key == "003") & (paras.kind == "body")].text.iloc[-1]
    assert last_body.endswith("gebracht würden.")


def test_leads_and_subheadings(docs, paras):
    assert docs.loc["003", "lead"].startswith("USA und Russland beraten Vorgehen auf Regierungsebene.")
    subs = paras[paras.kind == "subheading"]
    assert sorted(subs.text) == ["Ergiebige Diskussionen über die Ukraine", "Erster direkter Kontakt seit Ukraine-Krise",
                                 "Kämpfe um Flughafen sollen aufhören", "Russland erwägt Schützenhilfe für Assad"]


def test_boilerplate_keeps_reasons(seed_tables):
    bp = seed_tables["boilerplate"]
    reasons = set(bp.reason)
    assert {"navigation", "comment widget", "related links", "tag list", "counter", "station banner", "separator",
            "repeated line (scrape duplicate)", "dateline", "whitespace"} <= reasons
    assert bp.reason.notna().all()
