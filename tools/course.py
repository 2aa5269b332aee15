"""The course outline as read from ``_toc.yml``: the one list of pages and labs.

Why: tests, notebook execution and the book checks all take their lists from here, so a new
lab added to ``_toc.yml`` is executed and tested without anyone editing a second list.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TOC = ROOT / "_toc.yml"
SUFFIXES = (".md", ".ipynb")


def _walk(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key in ("root", "file"):
            if key in node:
                found.append(node[key])
        for value in node.values():
            if isinstance(value, (list, dict)):
                found += _walk(value)
    elif isinstance(node, list):
        for item in node:
            found += _walk(item)
    return found


def toc_entries() -> list[str]:
    """Every document in the outline, as written there (no suffix), root first."""
    return _walk(yaml.safe_load(TOC.read_text(encoding="utf-8")))


def source_of(entry: str) -> Path:
    """The file behind an outline entry (``book/welcome`` -> ``book/welcome.md``)."""
    for suffix in SUFFIXES:
        path = ROOT / f"{entry}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(f"_toc.yml lists {entry!r} but no {entry}.md or {entry}.ipynb exists")


def notebooks() -> list[Path]:
    """The lab notebooks, in course order."""
    return [source_of(e) for e in toc_entries() if (ROOT / f"{e}.ipynb").exists()]


def html_page(entry: str, build_dir: Path) -> Path:
    return build_dir / f"{entry}.html"


if __name__ == "__main__":  # used by the Makefile: print the notebooks, one per line
    for nb in notebooks():
        print(nb.relative_to(ROOT).as_posix())
