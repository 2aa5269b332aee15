"""A lab opened on a kernel that lacks a package the course needs (issue 7, "Bad input and
faults"): the trainee must be told which package is missing and what to run, not shown a
traceback.

Each case runs the first code cell of a lab (``from exercises import ...``) in a real IPython
kernel whose ``PYTHONPATH`` carries a ``sitecustomize`` that hides one package from the import
system exactly as if it were not installed (``importlib.util.find_spec`` gives None, ``import``
raises ModuleNotFoundError). What the trainee sees is every output of that cell as text.

``exercises/__init__.py`` does this (the sketch it was built from)::

    _REQUIRED = ("ipywidgets", "pandas", "numpy", "matplotlib")

    class MissingPackageError(ImportError):
        def _render_traceback_(self):  # IPython shows this instead of a traceback
            return [str(self)]

    def _check_requirements():
        from importlib.util import find_spec
        missing = [name for name in _REQUIRED if find_spec(name) is None]
        if missing:
            raise MissingPackageError(
                f"This kernel lacks {', '.join(missing)}, which the course needs. In a terminal, in "
                "the course folder, run: pip install -r requirements.txt, then restart the kernel "
                "and run the lab again.", name=missing[0])

    _check_requirements()

(the message as a catalogue entry, ``t("core.missing_packages", ...)``, since i18n needs only the
standard library). Raising keeps Run All from going on into cells that cannot work.
"""

from __future__ import annotations

import os
import re
import textwrap

import nbformat
import pytest
from nbclient import NotebookClient

from tools.course import ROOT, notebooks

pytestmark = pytest.mark.e2e

LABS = notebooks()
INSTALL_COMMAND = "pip install -r requirements.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TAGS = re.compile(r"<[^>]+>")

SHIM = textwrap.dedent('''\
    """Test shim: hide the packages named in MPL_TEST_MISSING as if they were not installed."""
    import importlib.machinery
    import os

    _MISSING = {name for name in os.environ.get("MPL_TEST_MISSING", "").split(",") if name}
    _find_spec = importlib.machinery.PathFinder.find_spec.__func__


    def _hidden(cls, fullname, path=None, target=None):
        if fullname.partition(".")[0] in _MISSING:
            return None
        return _find_spec(cls, fullname, path, target)


    importlib.machinery.PathFinder.find_spec = classmethod(_hidden)
    ''')

def first_code_cell(lab) -> str:
    nb = nbformat.read(lab, as_version=4)
    return next(cell.source for cell in nb.cells if cell.cell_type == "code")


def what_the_trainee_sees(source: str, missing: str, tmp_path) -> str:
    """Run ``source`` in a fresh kernel with ``missing`` hidden; every output of the cell, as text."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM, encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    env = {**os.environ, "MPL_TEST_MISSING": missing, "MUNICIPAL_LAB_WORK_DIR": str(tmp_path / "my_work"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(shim), os.environ.get("PYTHONPATH")]))}
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute(env=env)
    seen = []
    for out in nb.cells[0].outputs:
        if out.output_type == "stream":
            seen.append(out.text)
        elif out.output_type == "error":
            seen += [out.ename, out.evalue, *out.traceback]
        else:
            data = out.get("data", {})
            seen.append(TAGS.sub(" ", data.get("text/html", "")) or data.get("text/plain", ""))
    return ANSI.sub("", "\n".join(seen))


def test_the_shim_hides_a_package_like_an_uninstalled_one(tmp_path):
    """The simulation itself: without the package, ``import`` fails as for a missing package."""
    seen = what_the_trainee_sees("import importlib.util\nprint(importlib.util.find_spec('pandas'))\n"
                                 "import pandas", "pandas", tmp_path)
    assert "None" in seen and "ModuleNotFoundError" in seen and "No module named 'pandas'" in seen


@pytest.mark.parametrize("lab", LABS, ids=lambda p: p.stem)
def test_lab_without_pandas_names_the_package_to_install(lab, tmp_path):
    seen = what_the_trainee_sees(first_code_cell(lab), "pandas", tmp_path)
    assert "Traceback" not in seen, f"the trainee sees a traceback:\n{seen[-3000:]}"
    assert "pandas" in seen and INSTALL_COMMAND in seen, f"the trainee is not told what to install:\n{seen}"


@pytest.mark.parametrize("missing", ["ipywidgets", "matplotlib"])
def test_first_lab_names_whichever_package_is_missing(missing, tmp_path):
    seen = what_the_trainee_sees(first_code_cell(LABS[0]), missing, tmp_path)
    assert "Traceback" not in seen, f"the trainee sees a traceback:\n{seen[-3000:]}"
    assert missing in seen and INSTALL_COMMAND in seen, f"the trainee is not told what to install:\n{seen}"
