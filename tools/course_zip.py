"""Build one zip of the whole course for the hosted book's download link.

    python -m tools.course_zip                      # -> _build/html/downloads/municipal-partnership-lab.zip
    python -m tools.course_zip --output /tmp/c.zip
    make course-zip                                 # `make book` runs it too

Why: a single lab notebook does not run on its own; it needs the ``exercises`` package and
``data/``. The zip holds the course as a trainee or trainer needs it (README, requirements,
pyproject, Makefile, exercises/, notebooks/, data/, book/, tools/, tests/, the book's
configuration), in one folder ``municipal-partnership-lab/``. Unzip, then ``make lab`` (or
``pip install -r requirements.txt`` and ``jupyter lab`` on Windows).

Which files: in a git checkout, the files git would commit (tracked, plus new files that
.gitignore does not exclude); elsewhere, every file under the course folder. Never: anyone's
saved work (``my_work/``), the virtual environment, built output, node_modules, caches, git's
own folder, or the CI machinery (``.ci/``, ``.github/``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
NAME = "municipal-partnership-lab"
# Relative to the built book's folder: the hosting page links ../downloads/<NAME>.zip
DOWNLOAD_PATH = PurePosixPath("downloads") / f"{NAME}.zip"
DEFAULT_OUTPUT = ROOT / "_build" / "html" / DOWNLOAD_PATH

# Never in the zip, at any depth: private work, environments, builds, caches.
NEVER = {
    "my_work", ".venv", "venv", "node_modules", "_build", "__pycache__", ".ipynb_checkpoints",
    ".pytest_cache", ".hypothesis", ".ruff_cache", ".mypy_cache", ".git",
}
# Not for trainees: CI and hosting machinery at the top of the repository.
NOT_AT_TOP = {".ci", ".github"}
STORED_SUFFIXES = {".gz", ".zip", ".png", ".jpg", ".jpeg", ".woff", ".woff2", ".xlsx", ".docx"}


def _excluded(rel: PurePosixPath) -> bool:
    parts = rel.parts
    if parts[0] in NOT_AT_TOP:
        return True
    if any(part in NEVER or part.endswith(".egg-info") for part in parts):
        return True
    return rel.suffix in (".pyc", ".pyo") or rel.name.endswith("~")


def _git_files(root: Path) -> list[PurePosixPath] | None:
    """Files git would commit: tracked, plus untracked ones .gitignore does not exclude."""
    if not (root / ".git").exists():
        return None
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [PurePosixPath(p) for p in out.decode("utf-8").split("\0") if p]


def _walked_files(root: Path) -> list[PurePosixPath]:
    """Every file under root, hidden ones skipped (except .gitignore)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in NEVER]
        for name in filenames:
            if name.startswith(".") and name != ".gitignore":
                continue
            found.append(PurePosixPath(Path(dirpath, name).relative_to(root).as_posix()))
    return found


def course_files(root: Path = ROOT) -> list[PurePosixPath]:
    """The course's files, relative to root, sorted."""
    candidates = _git_files(root)
    if candidates is None:
        candidates = _walked_files(root)
    return sorted({p for p in candidates if not _excluded(p) and (root / p).is_file()})


def _timestamp(root: Path) -> tuple[int, int, int, int, int, int]:
    """One date for every entry, so the same files give the same zip: SOURCE_DATE_EPOCH, else
    the last commit's date, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch and (root / ".git").exists():
        try:
            epoch = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                                   capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            epoch = ""
    seconds = int(epoch) if epoch.isdigit() else int(time.time())
    return time.gmtime(max(seconds, 315532800))[:6]  # zip cannot store dates before 1980


def build_zip(output: Path = DEFAULT_OUTPUT, root: Path = ROOT) -> list[PurePosixPath]:
    """Write the zip (atomically) and return the files it holds."""
    files = course_files(root)
    if not files:
        raise SystemExit(f"course_zip: no course files found under {root}")
    stamp = _timestamp(root)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for rel in files:
            source = root / rel
            info = zipfile.ZipInfo(f"{NAME}/{rel}", date_time=stamp)
            mode = 0o755 if os.access(source, os.X_OK) else 0o644
            info.external_attr = (0o100000 | mode) << 16
            if rel.suffix in STORED_SUFFIXES:
                info.compress_type = zipfile.ZIP_STORED
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, source.read_bytes(), compresslevel=9 if info.compress_type else None)
    os.replace(partial, output)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course_zip", description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"where to write the zip (default {DEFAULT_OUTPUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    files = build_zip(args.output.resolve())
    size = args.output.stat().st_size / 1e6
    print(f"course_zip: wrote {args.output} ({len(files)} files, {size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
