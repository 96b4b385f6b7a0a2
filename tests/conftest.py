"""Shared fixtures: the demo corpus ingested once, and a runner for the installed command."""
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from corpus_research.core import demo_corpus
from corpus_research.ingest import ingest

REPO = Path(__file__).resolve().parents[1]
# Tests (and the commands they start) keep their NLP annotation cache out of the user's home.
os.environ["CORPUS_RESEARCH_CACHE"] = tempfile.mkdtemp(prefix="cr-test-cache-")


def cli(*args, cwd=None):
    "Run the installed `corpus-research` command; the completed process."
    return subprocess.run(["corpus-research", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600)


def quiet(problem):
    "A `report` that drops problems."


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    "Every stage on the bundled seeds, once: (tables, folder with `store/` and the NLP `cache/`)."
    from corpus_research.pipeline import NlpConfig, run
    out = tmp_path_factory.mktemp("seeds")
    raw, manifest = demo_corpus()
    return run(raw, out / "store", manifest, nlp_cfg=NlpConfig(cache=str(out / "cache")), progress=False, report=quiet), out


@pytest.fixture(scope="session")
def seed_tables():
    "The ingest tables of the bundled seeds with their manifest."
    raw, manifest = demo_corpus()
    return ingest(raw, manifest, progress=False, report=lambda p: None)


@pytest.fixture(scope="session")
def seed_texts():
    "Raw text of each seed, keyed by its three-digit prefix."
    raw, _ = demo_corpus()
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(raw.glob("*.txt"))}
