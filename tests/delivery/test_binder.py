"""Binder: the repository launches on any BinderHub from ``requirements.txt`` and ``runtime.txt``
alone and opens the welcome lab in JupyterLab.

- the files repo2docker reads are there and well formed, and nothing else would change its choice;
- the start page of the README badge and of the book's launch buttons exists;
- the pins resolve, complete and exact, for a fresh Python 3.11 environment (pip's dry run);
- repo2docker itself (no Docker needed for this) picks the Python build pack with Python 3.11 and
  plans ``pip install -r requirements.txt``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from contextlib import chdir
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tools.course import ROOT

BIN = Path(sys.executable).parent
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
BADGE = re.search(r"\]\((https://mybinder\.org/v2/gh/[^)\s]+)\)", README)
# Files that make repo2docker choose another build pack or install something else.
OTHER_SPECS = [
    "binder", ".binder",  # a binder/ folder makes repo2docker ignore everything at the top
    "Dockerfile", "environment.yml", "Pipfile", "Pipfile.lock", "setup.py", "Project.toml", "REQUIRE",
    "install.R", "DESCRIPTION", "default.nix", "apt.txt", "postBuild", "start", "requirements3.txt",
]
TOOLS = {"pip", "setuptools", "wheel"}  # present in every environment; pip-compile leaves them out


def pins() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and line != "-e .":
            req = Requirement(line)
            found[canonicalize_name(req.name)] = str(req.specifier).removeprefix("==")
    return found


def test_runtime_txt_asks_for_python_3_11():
    assert (ROOT / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"


def test_requirements_txt_pins_every_package_exactly():
    seen, problems = set(), []
    for number, raw in enumerate((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line or line == "-e .":
            continue
        if line.startswith("-") or "://" in line or " @ " in line:
            problems.append(f"line {number}: only 'name==version' lines and '-e .' are allowed: {raw!r}")
            continue
        req = Requirement(line)
        specs = list(req.specifier)
        if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version or req.marker:
            problems.append(f"line {number}: not pinned with == (no markers, no wildcards): {raw!r}")
        name = canonicalize_name(req.name)
        if name in seen:
            problems.append(f"line {number}: {name} is pinned twice")
        seen.add(name)
    assert problems == []
    assert "-e ." in [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert {"jupyterlab", "ipywidgets", "jupyter-book"} <= seen


def test_nothing_else_changes_repo2dockers_choice():
    present = [name for name in OTHER_SPECS if (ROOT / name).exists()]
    assert present == [], (
        f"{present}: repo2docker would read these too (or only these). If one is needed, make it "
        "consistent with requirements.txt and runtime.txt and extend this test."
    )


def test_readme_badge_opens_the_welcome_lab_in_jupyterlab_from_the_configured_repository():
    assert BADGE, "no Binder badge in README.md"
    parts = urlsplit(BADGE.group(1))
    _, _, provider, org, repo, branch = parts.path.split("/", 5)
    assert provider == "gh"
    assert f"https://github.com/{org}/{repo}" == CONFIG["repository"]["url"].rstrip("/")
    assert branch == CONFIG["repository"]["branch"]
    urlpath = parse_qs(parts.query)["urlpath"][0]
    assert urlpath.startswith("lab/tree/")
    start = ROOT / urlpath.removeprefix("lab/tree/")
    assert start == ROOT / "notebooks" / "00_welcome.ipynb" and start.is_file()


def test_config_launch_buttons_open_labs_in_jupyterlab_on_binder():
    buttons = CONFIG["launch_buttons"]
    assert buttons["notebook_interface"] == "jupyterlab"
    assert urlsplit(buttons["binderhub_url"]).scheme == "https"
    # Jupyter Book builds each lab's launch link from the repository and the page's path
    assert CONFIG["repository"]["url"].startswith("https://github.com/")
    assert (ROOT / "notebooks" / "00_welcome.ipynb").is_file()


def _python_311() -> str:
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    found = shutil.which("python3.11")
    assert found, "Binder builds with Python 3.11 (runtime.txt); install python3.11 to check the pins"
    return found


@pytest.mark.slow
def test_pins_resolve_exactly_and_completely_for_a_fresh_python_311(tmp_path):
    venv = tmp_path / "fresh"
    subprocess.run([_python_311(), "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    report = tmp_path / "report.json"
    # The project's pip resolves for the fresh interpreter (pip --python): the same resolution a
    # fresh `pip install -r requirements.txt` does, without installing anything.
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--dry-run",
         "--quiet", "--report", str(report), "-r", "requirements.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"the pins do not resolve:\n{result.stderr[-4000:]}"
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["environment"]["python_version"] == "3.11"
    resolved = {canonicalize_name(item["metadata"]["name"]): item for item in data["install"]}
    project = canonicalize_name("municipal-partnership-lab")
    assert resolved[project]["download_info"]["dir_info"].get("editable") is True  # the `-e .` line
    versions = {name: item["metadata"]["version"] for name, item in resolved.items() if name != project}
    wanted = pins()
    wrong = {n: (v, versions.get(n)) for n, v in wanted.items() if versions.get(n) != v}
    assert wrong == {}, f"pinned vs resolved: {wrong}"
    unpinned = sorted(set(versions) - set(wanted) - TOOLS)
    assert unpinned == [], f"needed but not pinned in requirements.txt: {unpinned}"


def _repo2docker(*args: str) -> subprocess.CompletedProcess:
    exe = BIN / "repo2docker"
    assert exe.exists(), "jupyter-repo2docker is a dev requirement: run `make test` to install it"
    return subprocess.run([str(exe), "--no-build", "--debug", *args, str(ROOT)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # repo2docker's logging dependency
def test_repo2docker_picks_the_python_build_pack_with_python_311():
    from repo2docker.app import Repo2Docker
    from repo2docker.buildpacks import PythonBuildPack

    r2d = Repo2Docker()
    with chdir(ROOT):
        picked = next(bp for BP in r2d.buildpacks if (bp := BP(base_image=r2d.base_image)).detect())
        assert type(picked) is PythonBuildPack
        assert picked.python_version == "3.11"


def test_repo2docker_plans_the_pinned_install_without_docker():
    result = _repo2docker()
    assert result.returncode == 0, result.stderr[-3000:]
    plan = result.stdout
    assert "conda environment for python=3.11" in result.stderr  # the Python 3.11 base environment
    # its lock file, "environment.py-3.11-linux-64.lock", as repo2docker escapes the name
    assert "environment-2epy-2d3-2e11-2dlinux-2d64-2elock" in plan
    assert 'pip install --no-cache-dir -r "requirements.txt"' in plan
    assert "conda env update" not in plan and "environment.yml" not in plan


def test_hub_image_recipe_of_the_trainer_page_plans_nbgitpuller_and_a_repo_dir_outside_home():
    """The repo2docker command in book/jupyterhub.md (image for Zero to JupyterHub) is valid."""
    page = (ROOT / "book" / "jupyterhub.md").read_text(encoding="utf-8")
    command = re.search(r"^repo2docker .*?(?<!\\)$", page, re.M | re.S)
    assert command, "no repo2docker command in book/jupyterhub.md"
    assert "--target-repo-dir /srv/municipal-partnership-lab" in command.group(0)
    appendix = re.search(r'--appendix "([^"]+)"', command.group(0))
    assert appendix and "nbgitpuller==" in appendix.group(1)
    pinned = re.search(r"^nbgitpuller==(\S+)$", (ROOT / "requirements-dev.txt").read_text(), re.M)
    assert pinned and f"nbgitpuller=={pinned.group(1)}" in appendix.group(1), "the page and the pin differ"
    result = _repo2docker("--target-repo-dir", "/srv/municipal-partnership-lab", "--appendix", appendix.group(1))
    assert result.returncode == 0, result.stderr[-3000:]
    assert appendix.group(1) in result.stdout
