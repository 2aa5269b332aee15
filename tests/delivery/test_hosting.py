"""Hosting: the whole course as one zip for the hosted book (what a trainee needs, nothing
private, runnable from the unzipped copy), the hosting page's link to it, and the GitHub Pages
workflow."""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest
import yaml

from tools import course_zip
from tools.course import ROOT, source_of, toc_entries

PRIVATE = {"my_work", ".venv", "node_modules", "_build", ".git", "__pycache__", ".ci", ".github",
           ".pytest_cache", ".ipynb_checkpoints"}


@pytest.fixture(scope="module")
def course_archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zip") / "downloads" / f"{course_zip.NAME}.zip"
    course_zip.build_zip(out, ROOT)
    return out


@pytest.fixture(scope="module")
def unzipped(course_archive, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(course_archive) as archive:
        archive.extractall(target)
    return target / course_zip.NAME


def names(archive: Path) -> list[PurePosixPath]:
    with zipfile.ZipFile(archive) as z:
        return [PurePosixPath(n) for n in z.namelist()]


def test_zip_is_one_course_folder_with_what_a_trainee_needs(course_archive):
    entries = names(course_archive)
    assert {e.parts[0] for e in entries} == {course_zip.NAME}
    inside = {PurePosixPath(*e.parts[1:]).as_posix() for e in entries}
    needed = {
        "README.md", "LICENSE", "LICENSE-CONTENT.md", "Makefile", "pyproject.toml", "requirements.txt",
        "requirements-dev.txt", "runtime.txt", "_config.yml", "_toc.yml", "exercises/__init__.py",
        "data/datapackage.json", "tools/course.py", "_widgets_extra/widgets/embed-amd.js",
        "_widgets_extra/widgets/require.js",
    }
    needed |= {source_of(e).relative_to(ROOT).as_posix() for e in toc_entries()}  # every page and lab
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    needed |= {f"data/{r['path']}" for r in package["resources"]}  # every data table
    needed |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "exercises").rglob("*")
               if p.is_file() and p.suffix in (".py", ".json") and "__pycache__" not in p.parts}
    assert sorted(needed - inside) == []


def test_zip_holds_nothing_private_or_generated(course_archive):
    bad = [e.as_posix() for e in names(course_archive)
           if PRIVATE & set(e.parts) or e.suffix == ".pyc" or any(p.endswith(".egg-info") for p in e.parts)]
    assert bad == []


def _decoy_course(root: Path) -> None:
    for rel, text in {
        "README.md": "# Course\n", "exercises/__init__.py": "", "notebooks/lab.ipynb": "{}",
        ".gitignore": "my_work/\n.venv/\n_build/\nnode_modules/\n",
        "my_work/portfolio.json": "{\"private\": true}", ".venv/bin/python": "", "_build/html/index.html": "",
        "node_modules/x/index.js": "", "exercises/__pycache__/x.pyc": "", ".ci/run": "", ".github/workflows/x.yml": "",
        "notebooks/.ipynb_checkpoints/lab-checkpoint.ipynb": "{}", "x.egg-info/PKG-INFO": "",
    }.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.mark.parametrize("with_git", [False, True], ids=["plain folder", "git checkout"])
def test_private_and_generated_files_stay_out_even_when_present(tmp_path, with_git):
    root = tmp_path / "course"
    _decoy_course(root)
    if with_git:
        git = ["git", "-c", "user.name=a", "-c", "user.email=a@example.org", "-c", "commit.gpgsign=false"]
        subprocess.run([*git, "init", "-q"], cwd=root, check=True)
        subprocess.run([*git, "add", "-A"], cwd=root, check=True)
        # someone committed their work by mistake: it still stays out of the zip
        subprocess.run([*git, "add", "-f", "my_work/portfolio.json"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "x"], cwd=root, check=True)
    out = tmp_path / "c.zip"
    course_zip.build_zip(out, root)
    inside = sorted(PurePosixPath(*e.parts[1:]).as_posix() for e in names(out))
    assert inside == [".gitignore", "README.md", "exercises/__init__.py", "notebooks/lab.ipynb"]


def test_same_files_give_the_same_zip(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    course_zip.build_zip(first, ROOT)
    course_zip.build_zip(second, ROOT)
    assert first.read_bytes() == second.read_bytes()


def test_the_unzipped_course_imports_and_loads_its_own_data(unzipped, tmp_path):
    code = (
        "import json, exercises, exercises.why_partnership, exercises.welcome\n"
        "from exercises import data\n"
        "tables = {r['name']: len(data.load(r['name'])) for r in data.package()['resources']}\n"
        "print(json.dumps({'package': exercises.__file__, 'data': str(data.DATA_DIR), 'tables': tables}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(unzipped), "MUNICIPAL_LAB_WORK_DIR": str(tmp_path / "work")}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(facts["package"]).is_relative_to(unzipped)  # the copy in the zip, not this checkout
    assert Path(facts["data"]) == unzipped / "data"
    assert facts["tables"]["places"] > 90_000 and all(n > 0 for n in facts["tables"].values())


@pytest.mark.slow
def test_pip_install_editable_works_from_the_unzipped_course(unzipped, tmp_path):
    """`pip install -r requirements.txt` ends with `-e .`: the unzipped folder must install as a
    package (checked alone, without the pinned dependencies, in a fresh environment)."""
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "-e", "."],
        cwd=unzipped, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(u.find_spec('exercises').origin)"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()) == unzipped / "exercises" / "__init__.py"


def test_hosting_page_links_the_zip_where_make_book_puts_it():
    page = (ROOT / "book" / "hosting.md").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.zip)"', page)
    assert links, "book/hosting.md has no link to the course zip"
    for link in links:  # the page is book/hosting.html in the built book
        assert posixpath.normpath(posixpath.join("book", link)) == course_zip.DOWNLOAD_PATH.as_posix()
    book_recipe = re.search(r"^book:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert book_recipe and "tools.course_zip" in book_recipe.group(1), "make book must build the zip"
    assert course_zip.DEFAULT_OUTPUT == ROOT / "_build" / "html" / course_zip.DOWNLOAD_PATH


def test_github_pages_workflow_builds_with_make_book_on_python_311_and_deploys_build_html():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "main" in triggers["push"]["branches"]
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["runs-on"].startswith("ubuntu")
    steps = build["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"
    assert any(s.get("run", "").strip() == "make book" for s in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
