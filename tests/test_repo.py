"""The repository keeps its promises: README test command == CI, notebooks == module, seeds unchanged."""
import json
import re
import subprocess
import sys
import shutil

import pytest

from conftest import REPO

in_repo = pytest.mark.skipif(not (REPO / "nbs").is_dir(), reason="needs the repository checkout")


def readme_test_command():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- test-command -->\s*```(?:bash|sh)?\n(.+?)\n```", text, re.S)
    assert block, "README has no marked test command"
    return block.group(1).strip()


@in_repo
def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [l for l in ci.splitlines() if l.strip() and not l.lstrip().startswith(("#", "set ", "cd ", "command -v chromium"))]
    assert commands == [readme_test_command()] # besides installing the browser of the report test


@in_repo
def test_readme_is_the_home_page_notebook():
    "README.md is generated from nbs/index.ipynb (`corpus-research readme`) and never drifts from it."
    from corpus_research.report import readme_text
    assert (REPO / "README.md").read_text(encoding="utf-8") == readme_text(json.loads((REPO / "nbs" / "index.ipynb").read_text(encoding="utf-8")))
    r = subprocess.run(["corpus-research", "readme", "--repo", REPO, "--check"], capture_output=True, text=True)
    assert r.returncode == 0 and "up to date" in r.stdout


@in_repo
def test_module_is_what_the_notebooks_export(tmp_path):
    "nbdev_export in a copy of the repository changes nothing: corpus_research/ never drifts from nbs/."
    for name in ("settings.ini", "setup.py", "README.md"):
        shutil.copy(REPO / name, tmp_path / name)
    for name in ("nbs", "corpus_research"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    subprocess.run(["nbdev_export"], cwd=tmp_path, check=True, capture_output=True)
    for p in sorted((REPO / "corpus_research").glob("*.py")):
        assert (tmp_path / "corpus_research" / p.name).read_text() == p.read_text(), f"corpus_research/{p.name} drifted from its notebook"
    assert sorted(q.name for q in (tmp_path / "corpus_research").glob("*.py")) == sorted(q.name for q in (REPO / "corpus_research").glob("*.py"))


def test_module_does_not_import_nbdev_or_jupyter():
    code = ("import sys, corpus_research.cli, corpus_research.ingest;"
            "bad=[m for m in ('nbdev','fastcore','execnb','IPython','ipykernel','jupyter_core') if m in sys.modules];"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


@in_repo
def test_seeds_are_unchanged_copies():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds not beside the checkout")
    ours = {p.name: p.read_bytes() for p in (REPO / "data" / "raw").glob("*.txt")}
    assert ours == {p.name: p.read_bytes() for p in shared.glob("*.txt")}
