"""The nbgitpuller link tool: the link nbgitpuller's own generator makes, correctly encoded, with
the course's defaults; a malformed hub URL, repository URL, branch or file refused with one
clear line and exit code 2 (no traceback)."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tools import nbgitpuller_link as tool
from tools.course import ROOT

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO = "https://github.com/example-org/municipal-partnership-lab"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.nbgitpuller_link", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def query(link: str) -> dict[str, str]:
    parsed = parse_qs(urlsplit(link).query, strict_parsing=True)
    assert all(len(v) == 1 for v in parsed.values())
    return {k: v[0] for k, v in parsed.items()}


def test_link_has_nbgitpullers_shape_and_opens_the_welcome_lab_in_jupyterlab():
    link = tool.build_link("https://hub.example.org", REPO, "main")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
    assert query(link) == {
        "repo": REPO,
        "urlpath": "lab/tree/municipal-partnership-lab/notebooks/00_welcome.ipynb",
        "branch": "main",
    }


def test_every_reserved_character_in_the_values_is_percent_encoded():
    link = tool.build_link("https://hub.example.org", REPO, "release/2026-spring+uk")
    raw = urlsplit(link).query
    assert raw == (
        "repo=https%3A%2F%2Fgithub.com%2Fexample-org%2Fmunicipal-partnership-lab"
        "&urlpath=lab%2Ftree%2Fmunicipal-partnership-lab%2Fnotebooks%2F00_welcome.ipynb"
        "&branch=release%2F2026-spring%2Buk"
    )
    assert query(link)["branch"] == "release/2026-spring+uk"  # "+" survives the round trip


def test_hub_behind_a_path_and_with_a_port_keeps_them():
    link = tool.build_link("http://10.0.0.5:8000/jupyter", REPO, "main")
    assert link.startswith("http://10.0.0.5:8000/jupyter/hub/user-redirect/git-pull?")
    assert tool.build_link("https://hub.example.org/", REPO, "main").startswith("https://hub.example.org/hub/")


def test_folder_is_named_as_nbgitpuller_names_it():
    # nbgitpuller clones into the URL's last part (a ".git" suffix stays); a trailing "/" is dropped
    assert query(tool.build_link("https://h.org", REPO + "/", "main"))["repo"] == REPO
    with_git = tool.build_link("https://h.org", REPO + ".git", "main")
    assert query(with_git)["urlpath"] == "lab/tree/municipal-partnership-lab.git/notebooks/00_welcome.ipynb"


def test_another_file_can_be_opened():
    link = tool.build_link("https://h.org", REPO, "main", "notebooks/01_why_partnership.ipynb")
    assert query(link)["urlpath"] == "lab/tree/municipal-partnership-lab/notebooks/01_why_partnership.ipynb"


def test_command_line_defaults_come_from_config_yml():
    result = run("https://hub.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    q = query(result.stdout.strip())
    assert q["repo"] == CONFIG["repository"]["url"].rstrip("/")
    assert q["branch"] == CONFIG["repository"]["branch"]
    assert q["urlpath"].endswith(f"/{tool.DEFAULT_FILE}")
    assert (ROOT / tool.DEFAULT_FILE).is_file()


def test_command_line_options():
    result = run("https://hub.example.org", "--repo", REPO, "--branch", "spring-2026",
                 "--file", "notebooks/01_why_partnership.ipynb")
    assert result.returncode == 0, result.stderr
    assert query(result.stdout.strip()) == {
        "repo": REPO, "branch": "spring-2026",
        "urlpath": "lab/tree/municipal-partnership-lab/notebooks/01_why_partnership.ipynb",
    }


REFUSED = [
    # (arguments, words the one-line message must contain)
    (["hub.example.org"], "https://"),
    (["ftp://hub.example.org"], "https://"),
    (["https://"], "host"),
    (["https://hub example.org"], "space"),
    (["https://-hub-.example.org"], "host"),
    (["https://hub.example.org/hub/login"], "base address"),
    (["https://hub.example.org/user/olena/lab"], "base address"),
    (["https://admin:secret@hub.example.org"], "password"),
    (["https://hub.example.org:99999"], "port"),
    (["https://hub.example.org/?next=/lab"], "?"),
    ([""], "hub's address"),
    (["https://hub.example.org", "--repo", "git@github.com:org/course.git"], "https://"),
    (["https://hub.example.org", "--repo", "https://github.com"], "repository path"),
    (["https://hub.example.org", "--repo", "https://github.com/org/course?tab=readme"], "?"),
    (["https://hub.example.org", "--repo", "https://user:token@github.com/org/course"], "password"),
    (["https://hub.example.org", "--repo", ""], "repository"),
    (["https://hub.example.org", "--branch", "main branch"], "space"),
    (["https://hub.example.org", "--branch", "feature..x"], ".."),
    (["https://hub.example.org", "--branch=-main"], "starts with -"),
    (["https://hub.example.org", "--branch", "main.lock"], ".lock"),
    (["https://hub.example.org", "--branch", "topic/"], "ends with /"),
    (["https://hub.example.org", "--branch", "what?"], "?"),
    (["https://hub.example.org", "--branch", "HEAD@{1}"], "@{"),
    (["https://hub.example.org", "--branch", ""], "empty"),
    (["https://hub.example.org", "--file", "../secrets.txt"], "inside the course"),
    (["https://hub.example.org", "--file", "/etc/passwd"], "inside the course"),
    (["https://hub.example.org", "--file", "notebooks\\00_welcome.ipynb"], "/ separators"),
    (["https://hub.example.org", "--file", "notebooks/99_missing.ipynb"], "no such file"),
]


@pytest.mark.parametrize("args, words", REFUSED, ids=[" ".join(a) or "empty hub" for a, _ in REFUSED])
def test_malformed_input_is_refused_with_one_clear_line_and_exit_code_2(args, words):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("nbgitpuller_link: refused: ")
    assert words in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_hub_argument_is_one_line_and_exit_code_2():
    result = run()
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "hub" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("branch", ["main", "spring-2026", "release/2026.1", "uk_UA", "v1.0"])
def test_ordinary_branch_names_pass(branch):
    assert tool.check_branch(branch) == branch
