"""The book builds with warnings as errors, has a page for every outline entry, embeds the
labs' widget state and loads the widget JavaScript from its own folder."""

from __future__ import annotations

import json
import posixpath
import re

import pytest

from tools.course import notebooks, toc_entries

pytestmark = pytest.mark.book


def test_every_outline_entry_has_its_page(built_book):
    missing = [e for e in toc_entries() if not (built_book / f"{e}.html").exists()]
    assert missing == []
    assert (built_book / "index.html").exists()


def test_only_outline_pages_are_built(built_book):
    built = {p.relative_to(built_book).with_suffix("").as_posix() for p in built_book.glob("**/*.html")
             if not p.relative_to(built_book).parts[0].startswith("_")}
    built -= {"index", "genindex", "search"}
    assert built == set(toc_entries())


@pytest.mark.parametrize("nb", notebooks(), ids=lambda p: p.stem)
def test_lab_pages_embed_widget_state_and_local_widget_js(built_book, nb):
    page = (built_book / "notebooks" / f"{nb.stem}.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', page, re.S)
    assert match, "no widget state in the page"
    state = json.loads(match.group(1))
    assert state["state"], "the widget state is empty"
    sources = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))], sources
    # where each script resolves, as a path from the book's root
    resolved = [posixpath.normpath(posixpath.join("notebooks", s.split("?")[0])) for s in sources]
    assert "widgets/embed-amd.js" in resolved and "widgets/require.js" in resolved
    assert sum(s.endswith("embed-amd.js") for s in resolved) == 1, "embed-amd.js loaded twice"


@pytest.mark.parametrize("nb", notebooks(), ids=lambda p: p.stem)
def test_lab_pages_say_the_widgets_are_a_snapshot_before_the_first_widget(built_book, nb):
    page = (built_book / "notebooks" / f"{nb.stem}.html").read_text(encoding="utf-8")
    note = page.find("snapshot")
    first_widget = page.find("application/vnd.jupyter.widget-view+json")
    assert note != -1 and note < first_widget


def test_vendored_widget_files_are_served_with_their_licences(built_book):
    folder = built_book / "widgets"
    for name in ("embed-amd.js", "require.js", "rjs-base.js", "LICENSE-html-manager.txt", "LICENSE-requirejs.txt"):
        assert (folder / name).exists(), name
    assert not (built_book / "_static" / "embed-amd.js").exists()
