"""JSONL, CSV and HTML inputs, and near-duplicate detection across outlets."""
import json

from corpus_research.core import demo_corpus
from corpus_research.ingest import ingest

AGENCY = ("Im Kampf gegen die Extremistenorganisation Islamischer Staat wollen die USA und Russland enger zusammenarbeiten. "
          "Nach einem Treffen mit seinem russischen Kollegen Sergej Lawrow in Paris sagte US-Außenminister John Kerry, beide "
          "Seiten hätten vereinbart, ihre Geheimdienst-Kooperation zu verstärken. Es werde auch geprüft, ob Russland mehr im "
          "Kampf gegen den IS tun könne. Lawrow habe seine Bereitschaft erkennen lassen, mit Waffen oder möglicherweise bei der "
          "Ausbildung zu helfen.")


def quiet(p):
    pass


def test_jsonl_records_with_metadata(tmp_path):
    recs = [{"text": "Kerry trifft Lawrow\n\n" + AGENCY, "url": "https://www.n-tv.de/politik/x.html", "published": "2014-10-14T12:00:00Z"},
            {"content": "Ganz anderer Text über Wahlen in Berlin und die Folgen für die Koalition.", "title": "Wahl in Berlin", "language": "de"}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    docs = ingest(tmp_path, progress=False, report=quiet)["documents"].sort_values("record")
    first, second = docs.iloc[0], docs.iloc[1]
    assert (first.outlet, first.outlet_source, first.published_source) == ("n-tv", "text", "metadata")
    assert "url host 'www.n-tv.de'" in first.outlet_evidence and str(first.published.date()) == "2014-10-14"
    assert first.title == "Kerry trifft Lawrow"
    assert (second.title, second.language_source) == ("Wahl in Berlin", "metadata")


def test_csv_with_named_text_column(tmp_path):
    (tmp_path / "a.csv").write_text('id,story\n1,"Lawrow sagte, die Gespräche seien konstruktiv gewesen."\n', encoding="utf-8")
    from corpus_research.core import IngestConfig
    docs = ingest(tmp_path, cfg=IngestConfig(text_column="story"), progress=False, report=quiet)["documents"]
    assert len(docs) == 1 and docs.record.iloc[0] == 1


def test_html_page(tmp_path):
    page = f"""<html><head><title>Kerry und Lawrow in Paris</title><meta property="og:url" content="https://www.tagesspiegel.de/a.html">
    </head><body><nav><a href="/">Startseite</a></nav><article><h1>Kerry und Lawrow in Paris</h1><p>{AGENCY}</p>
    <p>Kerry bestätigte zudem, dass Russland im Ukraine-Konflikt seine Truppen zurückzieht, wie er vor Journalisten sagte.</p></article>
    <footer>Impressum Datenschutz</footer></body></html>"""
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    t = ingest(tmp_path, progress=False, report=quiet)
    doc = t["documents"].iloc[0]
    assert doc.title == "Kerry und Lawrow in Paris"
    assert "Impressum" not in t["texts"].text.iloc[0]
    assert set(t["paragraphs"].kind) <= {"headline", "lead", "body"}


def test_syndicated_copies_are_flagged(tmp_path):
    (tmp_path / "a_tsp.txt").write_text("zum Hauptinhalt\nKerry und Lawrow beraten\n\n" + AGENCY + "\n(AFP, dpa)\nZur Startseite\n", encoding="utf-8")
    (tmp_path / "b_blog.txt").write_text("USA und Russland raufen sich zusammen\n" + AGENCY + "\nKeine Kommentare:\nKommentar veröffentlichen\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("source,published\na_tsp.txt,2014-10-14\nb_blog.txt,2014-10-15\n", encoding="utf-8")
    raw, _ = demo_corpus()
    (tmp_path / "c.txt").write_text((raw / "000_cbe9b9eac5dd6a9e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    docs = ingest(tmp_path, tmp_path / "manifest.csv", progress=False, report=quiet)["documents"].set_index("source")
    assert docs.loc["b_blog.txt", "duplicate_of"] == docs.loc["a_tsp.txt", "doc_id"]
    assert docs.loc["b_blog.txt", "duplicate_similarity"] >= 0.8
    assert docs.loc[["a_tsp.txt", "c.txt"], "duplicate_of"].isna().all()
