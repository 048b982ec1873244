"""Backup and restore of a whole installation: the database and the files under MEDIA_ROOT, in one archive.

The archive (`.tar.gz`) holds `manifest.json` first, then `database/danvan.sqlite3` (SQLite's online backup, a
consistent copy while the server runs) or `database/danvan.pgdump` (`pg_dump --format=custom`), then `media/…`.
The manifest records the format, the product's version, the date, the database vendor, the applied migrations, the
row count of every table and the SHA-256 of every file in the archive. The counts are taken from the same snapshot as
the copy (SQLite: from the copy itself; PostgreSQL: pg_dump runs on a snapshot exported by the transaction that
counts), so a restore can check that nothing was lost.

`danvan backup` and `danvan restore` (core/management/commands) are thin wrappers around `create_backup` and
`restore_backup`; docs/backup.md is the administrator's side.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/danvan.sqlite3"
POSTGRES_MEMBER = "database/danvan.pgdump"
MEDIA_PREFIX = "media/"
ARCHIVE_PREFIX = "danvan-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the administrator."""


@dataclass
class Verification:
    """What a restore found compared with the manifest."""

    tables: int = 0
    rows: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def backups_dir() -> Path:
    return Path(settings.DATA_DIR) / "backups"


def default_output() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return backups_dir() / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"


def media_files(root: Path) -> list[Path]:
    """Every regular file under `root`, sorted (symbolic links are not followed)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _row_counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _product_version() -> str:
    try:
        return metadata.version("danvan")
    except metadata.PackageNotFoundError:
        return "unknown"


# --- the database ----------------------------------------------------------------------------------------------


def _sqlite_copy(target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Copies the live SQLite database with the online backup API, then counts the copy's rows."""
    connection.ensure_connection()
    source = connection.connection
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
        cursor = destination.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = [row[0] for row in cursor.fetchall()]
        return _row_counts(cursor, tables), _migrations(cursor)
    finally:
        destination.close()


def _libpq_env() -> dict[str, str]:
    """The connection of the default database as libpq's variables: the password never reaches a command line."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("NAME", "PGDATABASE")):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = db.get("OPTIONS") or {}
    for key, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("passfile", "PGPASSFILE"),
    ):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def _run_tool(command: list[str], what: str) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            _("Không tìm thấy lệnh %(cmd)s: hãy cài gói postgresql-client.") % {"cmd": command[0]}
        )
    result = subprocess.run(command, env=_libpq_env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s thất bại (mã %(code)s): %(err)s")
            % {"what": what, "code": result.returncode, "err": result.stderr.strip()[-2000:]}
        )


def _postgres_dump(target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """pg_dump on a snapshot exported by a REPEATABLE READ transaction that also counts the rows: the counts are
    those of the dump, whatever is written meanwhile."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run_tool(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "-f",
                str(target),
            ],
            "pg_dump",
        )
        tables = connection.introspection.table_names(cursor)
        return _row_counts(cursor, tables), _migrations(cursor)


def database_tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


# --- backup ----------------------------------------------------------------------------------------------------


def create_backup(output: Path | None = None) -> tuple[Path, dict]:
    """Writes the archive and returns its path and manifest. Nothing is left behind on failure: the archive is
    written under a temporary name in the same folder and renamed only when complete."""
    output = Path(output) if output else default_output()
    if output.exists():
        raise BackupError(_("Tệp %(path)s đã có: hãy chọn tên khác.") % {"path": output})
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            _("Không tạo được thư mục %(path)s: %(err)s") % {"path": output.parent, "err": error}
        ) from error
    media_root = Path(settings.MEDIA_ROOT)
    work = Path(tempfile.mkdtemp(prefix=".danvan-backup-", dir=output.parent))
    partial = output.with_name(f".{output.name}.partial")
    try:
        if connection.vendor == "sqlite":
            member, dump = SQLITE_MEMBER, work / "danvan.sqlite3"
            counts, migrations = _sqlite_copy(dump)
        elif connection.vendor == "postgresql":
            member, dump = POSTGRES_MEMBER, work / "danvan.pgdump"
            counts, migrations = _postgres_dump(dump)
        else:
            raise BackupError(
                _("Chưa hỗ trợ sao lưu cơ sở dữ liệu %(vendor)s.") % {"vendor": connection.vendor}
            )
        # Files written after the snapshot may come along; those in the snapshot are all there.
        files = [(member, dump)] + [
            (MEDIA_PREFIX + path.relative_to(media_root).as_posix(), path) for path in media_files(media_root)
        ]
        manifest = {
            "format": FORMAT,
            "version": _product_version(),
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": connection.vendor, "file": member},
            "migrations": migrations,
            "tables": counts,
            "files": {name: {"sha256": sha256_of(path), "size": path.stat().st_size} for name, path in files},
        }
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
            archive.addfile(info, io.BytesIO(data))
            for name, path in files:
                archive.add(path, arcname=name, recursive=False)
        os.replace(partial, output)
    except BackupError:
        raise
    except (OSError, sqlite3.Error, tarfile.TarError) as error:
        raise BackupError(_("Sao lưu thất bại: %(err)s") % {"err": error}) from error
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    return output, manifest


def prune(keep: int, folder: Path | None = None) -> list[Path]:
    """Deletes all but the `keep` newest archives of the default folder (named by `danvan backup`); returns them."""
    folder = folder or backups_dir()
    archives = sorted(folder.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"), key=lambda p: p.name, reverse=True)
    removed = archives[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


# --- restore ---------------------------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, AttributeError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(_("Tệp không phải bản sao lưu của Dân vận số (thiếu manifest.json).")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Định dạng bản sao lưu %(f)s không được hỗ trợ.") % {"f": manifest.get("format")})
    return manifest


def _check_empty_target(manifest: dict) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            _("Bản sao lưu là của %(a)s, cơ sở dữ liệu đích là %(b)s.")
            % {"a": vendor, "b": connection.vendor}
        )
    tables = database_tables()
    if tables:
        raise BackupError(
            _("Cơ sở dữ liệu đích đã có %(n)s bảng (%(db)s): chỉ khôi phục vào cơ sở dữ liệu trống.")
            % {"n": len(tables), "db": settings.DATABASES["default"]["NAME"]}
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_files(media_root):
        raise BackupError(
            _("Thư mục tệp %(path)s đã có tệp: chỉ khôi phục vào thư mục trống.") % {"path": media_root}
        )


def _extract(archive: tarfile.TarFile, manifest: dict, work: Path) -> None:
    """Extracts the archive's files into `work` and checks each against its checksum before anything is loaded."""
    archive.extractall(work, filter="data")
    for name, expected in manifest["files"].items():
        path = work / name
        if not path.is_file():
            raise BackupError(_("Bản sao lưu thiếu tệp %(name)s.") % {"name": name})
        if sha256_of(path) != expected["sha256"]:
            raise BackupError(_("Tệp %(name)s trong bản sao lưu bị hỏng (sai SHA-256).") % {"name": name})


def _load_sqlite(dump: Path) -> None:
    target = Path(settings.DATABASES["default"]["NAME"])
    connection.close()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dump, target)


def _load_postgres(dump: Path) -> None:
    connection.close()
    _run_tool(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            str(settings.DATABASES["default"]["NAME"]),
            str(dump),
        ],
        "pg_restore",
    )


def verify(manifest: dict) -> Verification:
    """Compares the database's row counts and the media files' checksums with the manifest."""
    result = Verification()
    tables = set(database_tables())
    with connection.cursor() as cursor:
        for table, expected in sorted(manifest["tables"].items()):
            if table not in tables:
                result.problems.append(_("Thiếu bảng %(t)s.") % {"t": table})
                continue
            found = _row_counts(cursor, [table])[table]
            result.tables += 1
            result.rows += found
            if found != expected:
                result.problems.append(
                    _("Bảng %(t)s có %(found)s dòng, bản sao lưu có %(expected)s.")
                    % {"t": table, "found": found, "expected": expected}
                )
    media_root = Path(settings.MEDIA_ROOT)
    for name, expected in sorted(manifest["files"].items()):
        if not name.startswith(MEDIA_PREFIX):
            continue
        path = media_root / name[len(MEDIA_PREFIX) :]
        if not path.is_file():
            result.problems.append(_("Thiếu tệp %(name)s.") % {"name": name})
        elif sha256_of(path) != expected["sha256"]:
            result.problems.append(_("Tệp %(name)s khác bản sao lưu (SHA-256).") % {"name": name})
        else:
            result.files += 1
    return result


def restore_backup(path: Path) -> tuple[dict, Verification]:
    """Restores the archive into the empty database and media folder, then verifies them against its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Không có tệp %(path)s.") % {"path": path})
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".danvan-restore-", dir=data_dir))
    try:
        with tarfile.open(path, "r:*") as archive:
            manifest = read_manifest(archive)
            _check_empty_target(manifest)
            _extract(archive, manifest, work)
        dump = work / manifest["database"]["file"]
        if connection.vendor == "sqlite":
            _load_sqlite(dump)
        else:
            _load_postgres(dump)
        extracted_media = work / MEDIA_PREFIX.rstrip("/")
        if extracted_media.is_dir():
            media_root = Path(settings.MEDIA_ROOT)
            media_root.mkdir(parents=True, exist_ok=True)
            for item in extracted_media.iterdir():
                shutil.move(str(item), media_root / item.name)
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(
            _("Không đọc được bản sao lưu %(path)s: %(err)s") % {"path": path, "err": error}
        ) from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest, verify(manifest)


def created_local(manifest: dict) -> str:
    created = datetime.datetime.fromisoformat(manifest["created_at"])
    return timezone.localtime(created).strftime("%d/%m/%Y %H:%M:%S")
