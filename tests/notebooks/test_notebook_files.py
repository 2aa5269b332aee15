"""The lab notebooks as files: all in the outline, stored executed, deterministic, no errors.

(nbval itself runs in the same pytest call: `make test` passes every notebook with --nbval.)
"""

from __future__ import annotations

import json
import re

import pytest

from tools.course import ROOT, notebooks, toc_entries

NOTEBOOKS = notebooks()


def _cells(nb):
    return json.loads(nb.read_text(encoding="utf-8"))["cells"]


def test_every_notebook_in_the_folder_is_in_the_outline():
    on_disk = {p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert on_disk == {e for e in toc_entries() if e.startswith("notebooks/")}
    assert NOTEBOOKS, "no notebooks found in _toc.yml"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_code_cell_is_stored_unexecuted(nb):
    # strict nbval compares nothing in a cell without an execution count
    unrun = [i for i, c in enumerate(_cells(nb)) if c["cell_type"] == "code" and c["execution_count"] is None]
    assert unrun == [], f"run `make notebooks`: cells {unrun} are not executed"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_hold_no_error_path_or_random_id(nb):
    text = json.dumps([c.get("outputs", []) for c in _cells(nb)])
    assert '"output_type": "error"' not in text and "Traceback" not in text
    assert "/work/" not in text and "/home/" not in text and "/tmp/" not in text
    assert not re.search(r"T_[0-9a-f]{5}_row", text), "a pandas Styler with a random id"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_widget_state_is_stored_for_the_book(nb):
    meta = json.loads(nb.read_text(encoding="utf-8"))["metadata"]
    state = meta.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    assert state.get("state"), "no widget state: execute with `make notebooks`"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_lab_opens_with_time_questions_objectives_and_snapshot_note(nb):
    first = "".join(_cells(nb)[0]["source"])
    for words in ("**Time:**", "**Questions:**", "**Objectives:**", "snapshot"):
        assert words in first, words
    last = "".join(_cells(nb)[-1]["source"])
    assert "Key points" in last


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_short_calls(nb):
    # logic lives in the package: a lab cell is at most a few short lines
    for cell in _cells(nb):
        if cell["cell_type"] == "code":
            lines = "".join(cell["source"]).splitlines()
            assert len(lines) <= 3 and all(len(line) <= 80 for line in lines), lines
