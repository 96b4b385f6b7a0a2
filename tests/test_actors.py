"""Actor registry, recognition and linking: data invariants, quality on hand annotation, reruns, CLI."""
import re
import shutil


from corpus_research.actors import load_gold, load_registry, score_linking
from corpus_research.core import IngestConfig, demo_corpus, packaged_data
from corpus_research.nlp import CACHE_SUFFIX
from corpus_research.pipeline import NlpConfig, run

from conftest import cli, quiet



def test_registry_is_complete_and_consistent():
    reg = load_registry()
    assert len(reg.actors) >= 150
    for a in reg.actors.values():
        assert a.type in {"PER", "ORG", "GPE", "GROUP"} and a.side
        assert a.wikidata == "" or re.fullmatch(r"Q\d+", a.wikidata)
        assert (a.gender in {"m", "f"}) == (a.type == "PER"), a.id
    for surface, roles in reg.roles.items():
        assert all(r.until is None or r.since < r.until for r in roles), surface
        assert all(r.actor_id in reg.actors for r in roles)


def test_linking_meets_targets_on_hand_annotation(seed_run):
    tables, _ = seed_run
    scores = score_linking(tables["mentions"].merge(tables["documents"][["doc_id", "source"]]), load_gold())
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.90, {k: v for k, v in scores.items() if not k.startswith("false")}


def test_mentions_point_into_their_sentences(seed_run):
    tables, _ = seed_run
    m = tables["mentions"].merge(tables["sentences"][["doc_id", "sent_id", "start_char", "end_char"]], on=["doc_id", "sent_id"], suffixes=("", "_sent"))
    assert len(m) == len(tables["mentions"])
    assert ((m.start_char >= m.start_char_sent) & (m.end_char <= m.end_char_sent)).all()
    texts = dict(zip(tables["texts"].doc_id, tables["texts"].text))
    assert all(texts[d][a:b] == t for d, a, b, t in zip(m.doc_id, m.start_char, m.end_char, m.text))
    assert set(tables["mentions"].actor_id.dropna()) <= set(tables["actors"].actor_id)


def test_registry_change_relinks_without_rerunning_nlp(seed_run, tmp_path):
    _, out = seed_run
    cache = out / "cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob(f"*{CACHE_SUFFIX}")}
    knowledge = tmp_path / "knowledge"
    shutil.copytree(packaged_data(), knowledge, ignore=shutil.ignore_patterns("raw", "__pycache__"))
    registry = (knowledge / "actors.toml").read_text(encoding="utf-8")
    (knowledge / "actors.toml").write_text(registry + '\n[[actor]]\nid = "moskauer_echo"\nname = "Echo of Moscow"\ntype = "ORG"\nside = "Russia"\n'
                                           'aliases = ["Moskauer Echo", "Echo Moskwy"]\ndescriptors = []\n', encoding="utf-8")
    raw, manifest = demo_corpus()
    tables = run(raw, tmp_path / "store", manifest, IngestConfig(knowledge=str(knowledge)), NlpConfig(cache=str(cache)), progress=False, report=quiet)
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob(f"*{CACHE_SUFFIX}")} == before, "NLP ran again"
    assert "moskauer_echo" in set(tables["mentions"].actor_id)


def test_actors_command(seed_run, tmp_path):
    _, out = seed_run
    top = cli("actors", "--store", out / "store", "--top", "3")
    assert top.returncode == 0 and top.stdout.splitlines()[1].split()[:2] == ["John", "Kerry"]
    unlinked = cli("actors", "--store", out / "store", "--unlinked")
    assert unlinked.returncode == 0 and "Nizza" in unlinked.stdout and "example" in unlinked.stdout
    missing = cli("actors", "--store", tmp_path / "nothing")
    assert missing.returncode == 1 and "no store" in missing.stderr
