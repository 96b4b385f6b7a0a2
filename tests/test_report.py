"""The report site: built from the notebooks (executed) with Sphinx + myst-nb, every page present, no broken internal
link or missing image, the home page with its figures and navigation; pages rendered by headless chromium."""
import json
import re
import shutil
import subprocess

import pytest

from corpus_research.report import check_site

from conftest import REPO, cli


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    "The site built by `corpus-research report` from this checkout (notebooks executed)."
    out = tmp_path_factory.mktemp("site") / "_docs"
    r = cli("report", "--repo", REPO, "--out", out)
    return r, out


def test_report_builds_every_page(site):
    r, out = site
    assert r.returncode == 0, r.stderr[-3000:]
    assert "0 broken internal links or missing images" in r.stdout
    pages = {p.stem for p in (REPO / "nbs").glob("*.ipynb")}
    assert pages <= {p.stem for p in out.glob("*.html")}
    assert check_site(out) == []


def test_home_page_has_navigation_results_and_figures(site):
    _, out = site
    home = (out / "index.html").read_text(encoding="utf-8")
    for stage in ("11_networks", "12_frames", "13_framing", "16_cli"):
        assert f'href="{stage}.html"' in home, stage
    images = re.findall(r'<img[^>]+src="([^"]+)"', home)
    assert len(images) >= 4 and all((out / src).exists() for src in images) # network, frames, voices, keyness figures
    assert "Krippendorff" in home and "RT Deutsch" in home # executed: tables of the current results


def test_api_pages_render_show_doc(site):
    _, out = site
    page = (out / "13_framing.html").read_text(encoding="utf-8")
    assert "krippendorff_alpha" in page and "log_odds_z" in page
    assert "{target=" not in page # Quarto attributes are dropped


def test_report_outside_a_checkout_fails_clearly(tmp_path):
    r = cli("report", "--repo", tmp_path, "--no-execute")
    assert r.returncode == 1 and "not a source checkout" in r.stderr


def chromium():
    "The headless browser (Debian's chromium, installed by .ci/run), or skip."
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe: pytest.skip("chromium is not installed (.ci/run installs it)")
    return exe


def rendered_dom(path):
    "The DOM of a local page after its scripts ran, from headless chromium."
    r = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.resolve().as_uri()],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


def test_home_page_renders_in_a_browser(site):
    _, out = site
    dom = rendered_dom(out / "index.html")
    assert "How each outlet frames the events" in dom and dom.count("<img") >= 4
    assert 'href="13_framing.html"' in dom


def test_interactive_network_shows_nodes_in_a_browser(seed_run):
    "The network view draws its nodes with its own script: none in the file, one circle per actor once a browser ran it."
    tables, out = seed_run
    page = out / "store" / "networks" / "outlet-family-russian-state-media_sentence.html"
    assert "<circle" not in page.read_text(encoding="utf-8")
    dom = rendered_dom(page)
    data = json.loads(re.search(r'<script type="application/json" id="network-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S).group(1))
    assert dom.count("<circle") == len(data["nodes"]) > 0
    assert dom.count("<line") == len(data["edges"]) > 0
