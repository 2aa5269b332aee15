"""Print the nbgitpuller link that puts the course into each trainee's home on a JupyterHub.

    python -m tools.nbgitpuller_link https://hub.example.org
    python -m tools.nbgitpuller_link https://hub.example.org --branch main \
        --repo https://github.com/org/municipal-partnership-lab --file notebooks/01_why_partnership.ipynb
    make hub-link HUB=https://hub.example.org [BRANCH=main] [REPO=...] [FILE=...]

The link is the one nbgitpuller's own link generator makes:
``<hub>/hub/user-redirect/git-pull?repo=<repository>&urlpath=lab/tree/<folder>/<file>&branch=<branch>``.
The trainee logs in, nbgitpuller clones the course into ``~/<folder>`` (the first time) or merges
the new version into it (every later time, keeping the trainee's changes), then JupyterLab opens
``<file>``. ``<folder>`` is the last part of the repository URL, as nbgitpuller names it.

The repository and branch default to ``repository.url`` and ``repository.branch`` in
``_config.yml`` (the same place as the book's launch buttons).

A malformed hub URL, repository URL, branch or file is refused with one line on stderr and exit
code 2, before anyone sends a broken link to a whole class.
"""

from __future__ import annotations

import argparse
import ipaddress
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = "notebooks/00_welcome.ipynb"
PROG = "nbgitpuller_link"
REPO_SCHEMES = ("https", "http", "file")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class Refused(ValueError):
    """A value that would make a broken link; the message says what is wrong."""


def _config_repository() -> tuple[str | None, str | None]:
    """``repository.url`` and ``repository.branch`` from ``_config.yml`` (None when absent)."""
    try:
        import yaml
    except ImportError:
        return None, None
    try:
        config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None, None
    repo = config.get("repository") if isinstance(config, dict) else None
    repo = repo if isinstance(repo, dict) else {}
    return repo.get("url"), repo.get("branch")


def _valid_host(host: str | None) -> bool:
    """A DNS name (labels of letters, digits and -) or an IP address."""
    if not host:
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    return len(host) <= 253 and all(_LABEL.match(label) for label in host.rstrip(".").split("."))


def _no_space_or_control(value: str, what: str) -> None:
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise Refused(f"the {what} contains a space or a control character: {value!r}")


def check_hub_url(hub: str) -> str:
    """The hub's base address, normalised to end with ``/`` (``https://hub.example.org/``)."""
    if not hub:
        raise Refused("give the hub's address, e.g. https://hub.example.org")
    _no_space_or_control(hub, "hub URL")
    parts = urlsplit(hub)
    if parts.scheme not in ("https", "http"):
        raise Refused(f"the hub URL must start with https:// (or http://): {hub!r}")
    if "@" in parts.netloc:
        raise Refused(f"the hub URL must not contain a user name or password: {hub!r}")
    if not _valid_host(parts.hostname):
        raise Refused(f"the hub URL has no valid host name: {hub!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise Refused(f"the hub URL has an invalid port: {hub!r}") from None
    if parts.query or parts.fragment:
        raise Refused(f"the hub URL must be the hub's address only, without ?... or #...: {hub!r}")
    path = parts.path or "/"
    segments = [s for s in path.split("/") if s]
    if "hub" in segments or "user" in segments:
        raise Refused(f"give the hub's base address, without /hub/... or /user/... "
                      f"(e.g. https://hub.example.org): {hub!r}")
    if any(s in (".", "..") for s in segments):
        raise Refused(f"the hub URL path must not contain . or ..: {hub!r}")
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def check_repo_url(repo: str) -> str:
    """The repository URL without a trailing ``/`` (nbgitpuller names the folder after its last part)."""
    if not repo:
        raise Refused("give the course repository's URL (set repository.url in _config.yml or pass --repo)")
    _no_space_or_control(repo, "repository URL")
    parts = urlsplit(repo)
    if parts.scheme not in REPO_SCHEMES:
        raise Refused(
            f"the repository URL must start with https:// (or http://, file://); "
            f"the hub clones it for each trainee without their keys: {repo!r}"
        )
    if parts.scheme != "file" and ("@" in parts.netloc or not _valid_host(parts.hostname)):
        raise Refused(f"the repository URL needs a valid host name and no user name or password: {repo!r}")
    if parts.scheme == "file" and parts.netloc not in ("", "localhost"):
        raise Refused(f"a file:// repository URL must be file:///path/on/the/hub: {repo!r}")
    if parts.query or parts.fragment:
        raise Refused(f"the repository URL must not contain ?... or #...: {repo!r}")
    repo = repo.rstrip("/")
    segments = [s for s in urlsplit(repo).path.split("/") if s]
    if not segments:
        raise Refused(f"the repository URL has no repository path: {repo!r}")
    if segments[-1] in (".", "..", ".git") or any(s == ".." for s in segments):
        raise Refused(f"the repository URL does not end in a repository name: {repo!r}")
    return repo


def check_branch(branch: str) -> str:
    """A branch name git accepts (the rules of ``git check-ref-format --branch``)."""
    if not branch:
        raise Refused("the branch name is empty")
    _no_space_or_control(branch, "branch name")
    bad = [ch for ch in "~^:?*[\\" if ch in branch]
    problem = None
    if bad:
        problem = f"it contains {' '.join(bad)}"
    elif branch.startswith("-"):
        problem = "it starts with -"
    elif branch == "@" or "@{" in branch:
        problem = "it is @ or contains @{"
    elif ".." in branch or "//" in branch:
        problem = "it contains .. or //"
    elif branch.startswith("/") or branch.endswith("/") or branch.endswith("."):
        problem = "it starts or ends with / or ends with ."
    elif any(part.startswith(".") or part.endswith(".lock") for part in branch.split("/")):
        problem = "a part of it starts with . or ends with .lock"
    if problem:
        raise Refused(f"not a valid git branch name ({problem}): {branch!r}")
    return branch


def check_file(file: str, course_root: Path | None = ROOT) -> str:
    """A path inside the course, with ``/`` separators; it must exist in this checkout."""
    if not file:
        raise Refused("the file to open is empty")
    _no_space_or_control(file, "file path")
    if "\\" in file or file.startswith("/") or re.match(r"^[A-Za-z]:", file):
        raise Refused(f"the file must be a path inside the course with / separators, e.g. {DEFAULT_FILE}: {file!r}")
    norm = posixpath.normpath(file)
    if norm.startswith("..") or norm == ".":
        raise Refused(f"the file must be inside the course: {file!r}")
    if course_root is not None and not (course_root / norm).is_file():
        raise Refused(f"no such file in the course: {norm} (give a path such as {DEFAULT_FILE})")
    return norm


def repo_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones into, in the trainee's home: the URL's last part."""
    return repo_url.rstrip("/").split("/")[-1]


def build_link(hub: str, repo: str, branch: str, file: str = DEFAULT_FILE, course_root: Path | None = ROOT) -> str:
    """The nbgitpuller link; raises :class:`Refused` for a malformed value."""
    hub = check_hub_url(hub)
    repo = check_repo_url(repo)
    branch = check_branch(branch)
    file = check_file(file, course_root)
    urlpath = f"lab/tree/{repo_folder(repo)}/{file}"
    query = urlencode({"repo": repo, "urlpath": urlpath, "branch": branch})
    return f"{hub}hub/user-redirect/git-pull?{query}"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse's own code)
        self.exit(2, f"{PROG}: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    repo_default, branch_default = _config_repository()
    parser = _Parser(
        prog=PROG,
        description="Print the nbgitpuller link that puts the course into each trainee's home on a JupyterHub.",
    )
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", default=repo_default,
                        help=f"the course repository (default from _config.yml: {repo_default})")
    parser.add_argument("--branch", default=branch_default or "main",
                        help=f"the branch (default from _config.yml: {branch_default or 'main'})")
    parser.add_argument("--file", default=DEFAULT_FILE, help=f"the file JupyterLab opens (default {DEFAULT_FILE})")
    args = parser.parse_args(argv)
    try:
        link = build_link(args.hub, args.repo or "", args.branch, args.file)
    except Refused as refused:
        print(f"{PROG}: refused: {refused}", file=sys.stderr)
        return 2
    print(link)
    return 0


if __name__ == "__main__":
    sys.exit(main())
