""""Download my work" and "Restore my work": one zip of ``my_work/``, and back.

Why: a Binder session is thrown away when idle, and a trainee may move between Binder, a
workshop hub and a laptop. The zip is checked before anything is restored (a real zip, safe
file names, a valid portfolio, a sane size), the current work is backed up first, and newer
work is never replaced without the trainee saying so.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from exercises.core import clock, store
from exercises.core.i18n import t

MAX_ARCHIVE_BYTES = 50 * 1024 * 1024
BACKUP_DIR = "backups"


class RestoreError(ValueError):
    """The uploaded file cannot be restored; the message says why in plain words."""


def _work_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(".") and BACKUP_DIR not in p.relative_to(root).parts
    )


def archive_name() -> str:
    return f"my_work-{clock.today().isoformat()}.zip"


def build_archive() -> bytes:
    """A zip of everything in the work folder (backups left out), portfolio first."""
    root = store.work_dir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        if not store.portfolio_path().exists():
            zf.writestr(store.PORTFOLIO_NAME, json.dumps(store.empty_portfolio(), indent=2))
        for path in _work_files(root):
            zf.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()


@dataclass(frozen=True)
class ArchiveInfo:
    portfolio: dict[str, Any]
    files: tuple[str, ...]

    @property
    def saved_at(self) -> str | None:
        return self.portfolio.get("saved_at")


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not name.startswith(("/", "\\"))
        and "\\" not in name
        and ".." not in path.parts
        and ":" not in path.parts[0]
    )


def inspect_archive(data: bytes) -> ArchiveInfo:
    """Check an uploaded file; raise ``RestoreError`` with the reason if it is not our zip."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise RestoreError(t("core.restore.too_big", limit_mb=MAX_ARCHIVE_BYTES // (1024 * 1024)))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise RestoreError(t("core.restore.not_zip")) from err
    with zf:
        names = [i.filename for i in zf.infolist() if not i.is_dir()]
        if any(not _safe_name(n) for n in names):
            raise RestoreError(t("core.restore.unsafe_names"))
        if sum(i.file_size for i in zf.infolist()) > MAX_ARCHIVE_BYTES:
            raise RestoreError(t("core.restore.too_big", limit_mb=MAX_ARCHIVE_BYTES // (1024 * 1024)))
        if store.PORTFOLIO_NAME not in names:
            raise RestoreError(t("core.restore.no_portfolio", name=store.PORTFOLIO_NAME))
        try:
            portfolio = json.loads(zf.read(store.PORTFOLIO_NAME).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise RestoreError(t("core.restore.bad_portfolio")) from err
    if not store.is_valid(portfolio):
        raise RestoreError(t("core.restore.bad_portfolio"))
    return ArchiveInfo(portfolio=portfolio, files=tuple(sorted(names)))


def _parse(stamp: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None


def current_is_newer(info: ArchiveInfo) -> bool:
    """True when the work already here was saved after the work in the upload."""
    here = _parse(store.load().get("saved_at"))
    there = _parse(info.saved_at)
    return here is not None and (there is None or here > there)


@dataclass(frozen=True)
class RestoreResult:
    restored: bool
    needs_confirmation: bool
    message: str
    backup: Path | None = None


def restore_archive(data: bytes, *, replace_newer: bool = False) -> RestoreResult:
    """Restore an uploaded zip into the work folder.

    Raises ``RestoreError`` for a file that is not a valid course archive. If the work here is
    newer, nothing changes unless ``replace_newer`` is true. The current work is zipped into
    ``my_work/backups/`` before anything is replaced.
    """
    info = inspect_archive(data)
    if current_is_newer(info) and not replace_newer:
        return RestoreResult(False, True, t("core.restore.newer_here"))
    root = store.work_dir()
    backup = None
    if _work_files(root):
        backup_dir = root / BACKUP_DIR
        backup_dir.mkdir(parents=True, exist_ok=True)
        backup = backup_dir / f"before-restore-{clock.now().strftime('%Y%m%dT%H%M%S')}.zip"
        n = 1
        while backup.exists():
            backup = backup_dir / f"before-restore-{clock.now().strftime('%Y%m%dT%H%M%S')}-{n}.zip"
            n += 1
        backup.write_bytes(build_archive())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in info.files:
            target = root / PurePosixPath(name)
            content = zf.read(name)
            if name == store.PORTFOLIO_NAME:
                continue  # written last, atomically
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    store.write_json_atomic(store.portfolio_path(), info.portfolio)
    return RestoreResult(True, False, t("core.restore.done", count=len(info.files)), backup)
