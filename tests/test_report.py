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
def site(tmp_path_factory, seed_run):
    "The site built by `corpus-research report` from this checkout (notebooks executed, the report on the seeds' store)."
    out = tmp_path_factory.mktemp("site") / "_docs"
    r = cli("report", "--repo", REPO, "--out", out, "--store", seed_run[1] / "store")
    return r, out


def test_report_builds_every_page(site):
    r, out = site
    assert r.returncode == 0, r.stderr[-3000:]
    assert "0 broken internal links or missing images" in r.stdout
    pages = {p.stem for p in (REPO / "nbs").glob("*.ipynb")}
    assert pages <= {p.stem for p in out.glob("*.html")}
    assert check_site(out) == []


def images(page):
    "The images of a built page, each checked to exist."
    found = re.findall(r'<img[^>]+src="([^"]+)"', page.read_text(encoding="utf-8"))
    assert all((page.parent / src).exists() for src in found)
    return found


def test_home_page_leads_to_the_report_and_the_stages(site):
    _, out = site
    home = (out / "index.html").read_text(encoding="utf-8")
    chapters = sorted(p.stem for p in (REPO / "nbs").glob("2*.ipynb"))
    assert len(chapters) >= 6
    for page in chapters + ["11_networks", "13_framing", "16_cli"]:
        assert f'href="{page}.html"' in home, page
    assert home.index(">Report<") < home.index(">Pipeline stages and API<") # the chapters come first


def test_report_chapters_show_current_results(site, seed_run):
    _, out = site
    tables, _ = seed_run
    corpus = (out / "20_corpus.html").read_text(encoding="utf-8")
    assert f"{len(tables['documents'])} articles" in corpus and "comment widget" in corpus # the parsing audit of this store
    assert len(images(out / "23_framing.html")) >= 2 and len(images(out / "22_who_with_whom.html")) >= 1
    assert len(images(out / "21_actors_and_voices.html")) >= 1
    assert "Krippendorff" in (out / "24_validation.html").read_text(encoding="utf-8")
    assert tables["documents"].sha256.iloc[0] in (out / "25_reproducibility.html").read_text(encoding="utf-8")


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
    assert "The report" in dom and 'href="22_who_with_whom.html"' in dom and 'href="13_framing.html"' in dom


def test_network_page_shows_nodes_in_a_browser(site):
    "The report's network chapter embeds the interactive views: their scripts draw one circle per actor and one line per tie."
    _, out = site
    page = out / "22_who_with_whom.html"
    views = [json.loads(d) for d in re.findall(r'<script type="application/json" class="network-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)]
    assert len(views) >= 2 and "<circle" not in page.read_text(encoding="utf-8")
    dom = rendered_dom(page)
    assert dom.count("<circle") == sum(len(v["nodes"]) for v in views) > 0
    assert dom.count("<line") == sum(len(v["edges"]) for v in views) > 0
    assert len(images(page)) >= 1 # the static figures too


def test_interactive_network_shows_nodes_in_a_browser(seed_run):
    "The network view draws its nodes with its own script: none in the file, one circle per actor once a browser ran it."
    tables, out = seed_run
    page = out / "store" / "networks" / "outlet-family-russian-state-media_sentence.html"
    assert "<circle" not in page.read_text(encoding="utf-8")
    dom = rendered_dom(page)
    data = json.loads(re.search(r'<script type="application/json" class="network-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S).group(1))
    assert dom.count("<circle") == len(data["nodes"]) > 0
    assert dom.count("<line") == len(data["edges"]) > 0
