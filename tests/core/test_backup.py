"""`danvan backup` and `danvan restore`, run as an administrator runs them: real commands in child processes against
a real SQLite file or throw-away PostgreSQL databases (the test database's transaction would hide the data), a small
database with a practice, its uploaded photo and a generated report document; the restore must lose nothing."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

PROJECT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = "%PDF-1.7\nBáo cáo sơ kết 6 tháng đầu năm 2026\n".encode()

SEED = f"""
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.models import User
from danvan.orgunits.models import OrgUnit
from danvan.practices.models import Field
from danvan.practices.services import add_attachment, ensure_standard_fields, register_practice
from tests import factories

root = User.objects.create_superuser("root", "root@example.vn", "mat-khau-sao-luu")
province = factories.unit(None, "Tỉnh Thử Nghiệm", OrgUnit.Kind.PROVINCE, code="99")
commune = factories.unit(province, "Xã Sao Lưu", OrgUnit.Kind.COMMUNE, code="99001")
ensure_standard_fields()
practice = register_practice(
    root, owner=commune, fields=list(Field.objects.filter(owner__isnull=True)[:2]), kind="model",
    name="Mô hình “Dân vận khéo” giữ đường hoa", registration_year=2026, summary="Mỗi hộ chăm một đoạn đường.",
)
add_attachment(root, practice, SimpleUploadedFile("ảnh hoạt động.png", {PNG!r}, content_type="image/png"))
default_storage.save("reports/2026/bao-cao-2026H1.pdf", ContentFile({PDF!r}))
"""

# A few rows' content compared between the source and the restored database, beside every table's count.
CONTENT = {
    "accounts_user": "SELECT username, password, is_superuser FROM accounts_user ORDER BY id",
    "orgunits_orgunit": "SELECT id, name, path FROM orgunits_orgunit ORDER BY id",
    "practices_practice": "SELECT id, name, summary, owner_path FROM practices_practice ORDER BY id",
    "practices_attachment": "SELECT original_name, file, size FROM practices_attachment ORDER BY id",
}


def danvan(*args: str, env: dict[str, str | None], check: bool = True) -> subprocess.CompletedProcess:
    """Runs `danvan ARGS` in a child process with these environment changes (None removes a variable)."""
    # Debug settings, whatever the caller's environment: outside debug the child refuses to start without a secret key.
    environment = {
        **os.environ,
        "DANVAN_DEBUG": "1",
        "PYTHONPATH": os.pathsep.join([str(PROJECT / "src"), str(PROJECT)]),
    }
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", *args],
        env=environment,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"danvan {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def sqlite_env(data_dir: Path) -> dict[str, str | None]:
    return {"DANVAN_DATA_DIR": str(data_dir), "DANVAN_DATABASE_URL": None}


def database_state(db, list_tables: str) -> dict:
    """Every table's row count and the CONTENT rows of a DB-API connection."""
    cursor = db.cursor()
    cursor.execute(list_tables)
    tables = sorted(row[0] for row in cursor.fetchall())
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    rows = {}
    for table, sql in CONTENT.items():
        cursor.execute(sql)
        rows[table] = [tuple(row) for row in cursor.fetchall()]
    return {"counts": counts, "rows": rows}


def sqlite_state(path: Path) -> dict:
    db = sqlite3.connect(path)
    try:
        return database_state(
            db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    finally:
        db.close()


def sqlite_state_tables(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    finally:
        db.close()


def file_checksums(media: Path) -> dict[str, str]:
    return {
        path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in media.rglob("*")
        if path.is_file()
    }


def assert_nothing_lost(source: dict, restored: dict) -> None:
    assert restored["counts"] == source["counts"]
    assert restored["rows"] == source["rows"]
    for table in ("accounts_user", "practices_practice", "practices_attachment"):
        assert source["counts"][table] == 1, table


def rewrite_archive(source: Path, target: Path, change) -> None:
    """Copies an archive member by member, letting `change(name, data)` alter a member's bytes."""
    with tarfile.open(source) as original, tarfile.open(target, "w:gz") as copy:
        for member in original.getmembers():
            data = change(member.name, original.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


# --- SQLite ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sqlite_backup(tmp_path_factory):
    """A migrated SQLite installation with a practice, its photo and a report document, and its backup."""
    base = tmp_path_factory.mktemp("backup")
    source = base / "source"
    danvan("migrate", "--no-input", "-v", "0", env=sqlite_env(source))
    danvan("shell", "-c", SEED, env=sqlite_env(source))
    archive = base / "backup.tar.gz"
    result = danvan("backup", "--output", str(archive), env=sqlite_env(source))
    return {"source": source, "archive": archive, "output": result.stdout}


def test_sqlite_backup_restores_into_an_empty_data_directory_with_nothing_lost(sqlite_backup, tmp_path):
    target = tmp_path / "restored"
    result = danvan("restore", str(sqlite_backup["archive"]), env=sqlite_env(target))

    assert "khớp với bản sao lưu" in result.stdout
    assert_nothing_lost(
        sqlite_state(sqlite_backup["source"] / "danvan.sqlite3"), sqlite_state(target / "danvan.sqlite3")
    )
    source_files = file_checksums(sqlite_backup["source"] / "media")
    assert len(source_files) == 2 and any(name.startswith("reports/") for name in source_files)
    assert file_checksums(target / "media") == source_files


def test_backup_manifest_lists_row_counts_checksums_and_migrations(sqlite_backup):
    with tarfile.open(sqlite_backup["archive"]) as archive:
        assert archive.getnames()[0] == "manifest.json"
        manifest = json.load(archive.extractfile("manifest.json"))
        for name, described in manifest["files"].items():
            data = archive.extractfile(name).read()
            assert hashlib.sha256(data).hexdigest() == described["sha256"] and len(data) == described["size"]
    assert manifest["database"] == {"vendor": "sqlite", "file": "database/danvan.sqlite3"}
    assert manifest["tables"] == sqlite_state(sqlite_backup["source"] / "danvan.sqlite3")["counts"]
    assert "0001_initial" in manifest["migrations"]["practices"]
    assert {name for name in manifest["files"] if name.startswith("media/")} == {
        "media/" + name for name in file_checksums(sqlite_backup["source"] / "media")
    }
    assert "Đã sao lưu vào" in sqlite_backup["output"]


def test_restore_refuses_a_database_that_has_tables(sqlite_backup):
    result = danvan(
        "restore", str(sqlite_backup["archive"]), env=sqlite_env(sqlite_backup["source"]), check=False
    )

    assert result.returncode != 0
    assert "chỉ khôi phục vào cơ sở dữ liệu trống" in result.stderr


def test_restore_refuses_a_media_folder_that_has_files(sqlite_backup, tmp_path):
    (tmp_path / "media" / "practices").mkdir(parents=True)
    (tmp_path / "media" / "practices" / "old.png").write_bytes(PNG)

    result = danvan("restore", str(sqlite_backup["archive"]), env=sqlite_env(tmp_path), check=False)

    assert result.returncode != 0 and "chỉ khôi phục vào thư mục trống" in result.stderr
    assert not (tmp_path / "danvan.sqlite3").exists() or sqlite_state_tables(tmp_path / "danvan.sqlite3") == 0


def test_restore_refuses_a_damaged_archive_before_loading_anything(sqlite_backup, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    rewrite_archive(
        sqlite_backup["archive"],
        damaged,
        lambda name, data: data[:-1] + b"!" if name.endswith(".png") else data,
    )
    target = tmp_path / "restored"

    result = danvan("restore", str(damaged), env=sqlite_env(target), check=False)

    assert result.returncode != 0 and "bị hỏng (sai SHA-256)" in result.stderr
    assert sqlite_state_tables(target / "danvan.sqlite3") == 0
    assert not (target / "media").exists() or file_checksums(target / "media") == {}


def test_restore_reports_row_counts_that_differ_from_the_manifest(sqlite_backup, tmp_path):
    def claim_one_more_practice(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["tables"]["practices_practice"] += 1
        return json.dumps(manifest).encode()

    altered = tmp_path / "altered.tar.gz"
    rewrite_archive(sqlite_backup["archive"], altered, claim_one_more_practice)

    result = danvan("restore", str(altered), env=sqlite_env(tmp_path / "restored"), check=False)

    assert result.returncode != 0
    assert "Bảng practices_practice có 1 dòng, bản sao lưu có 2." in result.stderr
    assert "KHÔNG khớp" in result.stderr


def test_backup_refuses_to_overwrite_and_keep_prunes_the_oldest_archives(sqlite_backup):
    env = sqlite_env(sqlite_backup["source"])
    refused = danvan("backup", "--output", str(sqlite_backup["archive"]), env=env, check=False)
    assert refused.returncode != 0 and "đã có" in refused.stderr

    folder = sqlite_backup["source"] / "backups"
    folder.mkdir(exist_ok=True)
    old = [folder / f"danvan-backup-2020010{day}-020000.tar.gz" for day in (1, 2, 3)]
    for path in old:
        path.write_bytes(b"old")
    (folder / "notes.txt").write_text("not an archive")

    result = danvan("backup", "--keep", "2", env=env)

    remaining = sorted(path.name for path in folder.iterdir())
    assert len(remaining) == 3 and "notes.txt" in remaining and old[2].name in remaining
    assert str(old[0]) in result.stdout and str(old[1]) in result.stdout
    assert not [path for path in folder.iterdir() if path.name.startswith(".")]


# --- PostgreSQL ------------------------------------------------------------------------------------------------

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: pg_dump and pg_restore"
)


class ThrowAwayDatabases:
    """Databases created on the test server for one test module and dropped at the end."""

    def __init__(self):
        self.server = settings.DATABASES["default"]
        self.names: list[str] = []

    def _admin(self):
        return psycopg.connect(**self.params("postgres"), autocommit=True)

    def params(self, name: str) -> dict:
        keys = {"host": "HOST", "port": "PORT", "user": "USER", "password": "PASSWORD"}
        return {"dbname": name} | {k: self.server[v] for k, v in keys.items() if self.server.get(v)}

    def create(self, label: str) -> str:
        name = f"dv_backup_{label}_{uuid.uuid4().hex[:8]}"
        with self._admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        return name

    def url(self, name: str) -> str:
        user = self.server.get("USER") or "postgres"
        password = f":{self.server['PASSWORD']}" if self.server.get("PASSWORD") else ""
        host, port = self.server.get("HOST") or "127.0.0.1", self.server.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/{name}"

    def state(self, name: str) -> dict:
        with psycopg.connect(**self.params(name)) as db:
            return database_state(
                db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )

    def drop_all(self) -> None:
        with self._admin() as admin:
            for name in self.names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def postgres_backup(tmp_path_factory):
    databases = ThrowAwayDatabases()
    base = tmp_path_factory.mktemp("pg-backup")
    source = databases.create("source")
    env = {"DANVAN_DATA_DIR": str(base / "source"), "DANVAN_DATABASE_URL": databases.url(source)}
    try:
        danvan("migrate", "--no-input", "-v", "0", env=env)
        danvan("shell", "-c", SEED, env=env)
        archive = base / "backup.tar.gz"
        danvan("backup", "--output", str(archive), env=env)
        yield {"databases": databases, "source": source, "env": env, "archive": archive, "base": base}
    finally:
        databases.drop_all()


@postgresql_only
def test_postgresql_backup_restores_into_a_fresh_database_with_nothing_lost(postgres_backup, tmp_path):
    databases = postgres_backup["databases"]
    target = databases.create("restored")
    env = {"DANVAN_DATA_DIR": str(tmp_path / "restored"), "DANVAN_DATABASE_URL": databases.url(target)}

    result = danvan("restore", str(postgres_backup["archive"]), env=env)

    assert "khớp với bản sao lưu" in result.stdout
    assert_nothing_lost(databases.state(postgres_backup["source"]), databases.state(target))
    source_files = file_checksums(postgres_backup["base"] / "source" / "media")
    assert len(source_files) == 2
    assert file_checksums(tmp_path / "restored" / "media") == source_files
    with tarfile.open(postgres_backup["archive"]) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["database"] == {"vendor": "postgresql", "file": "database/danvan.pgdump"}


@postgresql_only
def test_postgresql_backup_that_fails_leaves_no_archive_and_no_password_in_its_message(
    postgres_backup, tmp_path
):
    broken = tmp_path / "bin"
    broken.mkdir()
    fake = broken / "pg_dump"
    fake.write_text(
        '#!/bin/sh\nfor last; do :; done\necho half > "$last"\necho "pg_dump: lỗi: mất kết nối" >&2\nexit 1\n'
    )
    fake.chmod(0o755)
    output = tmp_path / "out" / "backup.tar.gz"
    env = {**postgres_backup["env"], "PATH": f"{broken}{os.pathsep}{os.environ['PATH']}"}
    env["DANVAN_DATABASE_URL"] = env["DANVAN_DATABASE_URL"].replace(
        "postgres://postgres@", "postgres://postgres:s3cret@"
    )

    result = danvan("backup", "--output", str(output), env=env, check=False)

    assert result.returncode != 0 and "pg_dump thất bại" in result.stderr
    assert "s3cret" not in result.stdout + result.stderr
    assert list(output.parent.iterdir()) == []
