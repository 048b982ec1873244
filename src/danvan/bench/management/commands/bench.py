"""`danvan bench <name>`: builds the national scale of DESIGN §7 in a scratch database and times the operations.

The user's database is never touched. The command creates a scratch database next to it (SQLite: a fresh file
under DANVAN_DATA_DIR/bench/; PostgreSQL: a database `<name>_bench_<pid>` on the same server), then runs itself
again in a child process whose settings point at the scratch database, so the code being measured (selectors,
querysets on the default connection) runs exactly as it does in production. The child migrates the scratch
database and calls the benchmark's `run(options, stdout)`; the parent streams its output and drops the scratch
database at the end, unless --keep.
"""

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.module_loading import import_string

# name → dotted path of `run(options, stdout)`.
BENCHMARKS = {
    "units": "danvan.bench.units.run",
    "practices": "danvan.bench.practices.run",
    "reporting": "danvan.bench.reporting.run",
    "load": "danvan.bench.load.run",
    "activities": "danvan.bench.activities.run",
    "citizens": "danvan.bench.citizens.run",
    "portal": "danvan.bench.portal.run",
}

SCRATCH_ENV = "DANVAN_BENCH_SCRATCH"
POSTGRES_MAX_NAME = 63
WORK_MEM = "64MB"
# Connection OPTIONS that libpq understands (the rest, such as "pool", are Django's own).
LIBPQ_OPTIONS = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "options", "connect_timeout",
    "application_name", "target_session_attrs", "service", "passfile", "gssencmode", "channel_binding",
}  # fmt: skip


class Command(BaseCommand):
    help = (
        "Đo hiệu năng ở quy mô toàn quốc (DESIGN §7) trên một cơ sở dữ liệu tạm, so với truy vấn SQL thuần."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(BENCHMARKS), help="Benchmark to run.")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the national scale (default 1.0)."
        )
        parser.add_argument(
            "--repeat", type=int, default=15, help="Timed runs per operation; the median is shown."
        )
        parser.add_argument(
            "--users",
            type=int,
            default=50,
            help="load: virtual users, each with its own session (default 50).",
        )
        parser.add_argument(
            "--think",
            type=float,
            default=1.0,
            help="load: mean think time between requests in seconds; 0 saturates.",
        )
        parser.add_argument(
            "--duration", type=float, default=60.0, help="load: seconds of traffic (default 60)."
        )
        parser.add_argument(
            "--keep", action="store_true", help="Keep the scratch database and say where it is."
        )
        # Set by the parent when it re-runs the command inside the scratch database.
        parser.add_argument("--in-scratch", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["scale"] <= 0:
            raise CommandError("--scale must be positive.")
        if options["repeat"] < 1:
            raise CommandError("--repeat must be at least 1.")
        if not 1 <= options["users"] <= 1000 or options["think"] < 0 or not 0 < options["duration"] <= 3600:
            raise CommandError("--users must be 1–1000, --think at least 0, --duration 0–3600 seconds.")
        if options["in_scratch"]:
            self._run_in_scratch(options)
            return
        scratch = ScratchDatabase.next_to_default()
        scratch.create()
        try:
            self._run_child(scratch, options)
        finally:
            if options["keep"]:
                self.stdout.write(f"Scratch database kept: {scratch.describe()}")
            else:
                scratch.drop()

    def _run_child(self, scratch: "ScratchDatabase", options) -> None:
        # Production settings: with DEBUG on, every query would also be logged in connection.queries. Production
        # refuses to start without a secret key: the scratch child gets this process's.
        env = {**os.environ, SCRATCH_ENV: scratch.name, "PYTHONUNBUFFERED": "1", "DANVAN_DEBUG": "0"}
        env["DANVAN_SECRET_KEY"] = settings.SECRET_KEY
        env.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
        for key, value in scratch.child_env().items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        command = [
            sys.executable, "-m", "danvan.cli", "bench", options["name"],
            "--scale", repr(options["scale"]), "--repeat", str(options["repeat"]), "--users", str(options["users"]),
            "--think", repr(options["think"]), "--duration", repr(options["duration"]), "--in-scratch",
        ]  # fmt: skip
        with subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
        ) as child:
            for line in child.stdout:
                self.stdout.write(line.rstrip("\n"))
        if child.returncode:
            raise CommandError(f"The benchmark '{options['name']}' failed (exit status {child.returncode}).")

    def _run_in_scratch(self, options) -> None:
        expected = os.environ.get(SCRATCH_ENV)
        actual = str(connection.settings_dict["NAME"])
        if not expected or actual != expected:
            raise CommandError(f"Refusing to benchmark outside a scratch database (database: {actual}).")
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(
            f"Scratch database ({connection.vendor}, {connection.settings_dict['NAME']}) migrated in "
            f"{time.perf_counter() - started:.1f} s."
        )
        import_string(BENCHMARKS[options["name"]])(options, self.stdout)


class ScratchDatabase:
    """A database beside the user's one, created and dropped by the benchmark."""

    def __init__(self, name: str):
        self.name = name

    @staticmethod
    def next_to_default() -> "ScratchDatabase":
        engine = settings.DATABASES["default"]["ENGINE"]
        if engine.endswith("sqlite3"):
            return SQLiteScratch.new()
        if engine.endswith("postgresql"):
            return PostgresScratch.new()
        raise CommandError(f"Benchmarks run on SQLite or PostgreSQL, not {engine}.")

    def create(self) -> None:
        raise NotImplementedError

    def drop(self) -> None:
        raise NotImplementedError

    def child_env(self) -> dict[str, str | None]:
        """Environment for the child process; None removes a variable."""
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


class SQLiteScratch(ScratchDatabase):
    """A fresh DANVAN_DATA_DIR under the real one's bench/ folder: the child uses the project's own SQLite settings
    (WAL, pragmas), only the file differs."""

    def __init__(self, directory: Path):
        self.directory = directory
        super().__init__(str(directory / "danvan.sqlite3"))

    @classmethod
    def new(cls) -> "SQLiteScratch":
        parent = Path(settings.DATA_DIR) / "bench"
        parent.mkdir(parents=True, exist_ok=True)
        return cls(Path(tempfile.mkdtemp(prefix=f"scratch-{os.getpid()}-", dir=parent)))

    def create(self) -> None:
        pass  # migrate creates the file

    def drop(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.directory.parent.rmdir()  # bench/ itself, when no other run is using it

    def child_env(self):
        return {"DANVAN_DATA_DIR": str(self.directory), "DANVAN_DATABASE_URL": None}

    def describe(self) -> str:
        return f"DANVAN_DATA_DIR={self.directory} (file {self.name})"


class PostgresScratch(ScratchDatabase):
    """A database `<name>_bench_<pid>` on the same server, reached with the same credentials."""

    def __init__(self, name: str, source: dict):
        super().__init__(name)
        self.source = source

    @classmethod
    def new(cls) -> "PostgresScratch":
        source = settings.DATABASES["default"]
        base = str(source["NAME"] or "danvan")
        suffix = f"_bench_{os.getpid()}"
        return cls(base[: POSTGRES_MAX_NAME - len(suffix)] + suffix, source)

    def _admin_connection(self):
        import psycopg

        params = {
            "host": self.source.get("HOST") or None,
            "port": self.source.get("PORT") or None,
            "user": self.source.get("USER") or None,
            "password": self.source.get("PASSWORD") or None,
            **{k: v for k, v in (self.source.get("OPTIONS") or {}).items() if k in LIBPQ_OPTIONS},
        }
        params = {k: v for k, v in params.items() if v is not None}
        last_error = None
        # The maintenance database first; the user's own one when "postgres" is not open to this role.
        for dbname in ("postgres", self.source["NAME"]):
            try:
                return psycopg.connect(dbname=dbname, autocommit=True, **params)
            except psycopg.OperationalError as error:
                last_error = error
        raise CommandError(f"Cannot reach the PostgreSQL server to create the scratch database: {last_error}")

    def _execute(self, statement: str) -> None:
        import psycopg
        from psycopg import sql

        query = sql.SQL(statement).format(sql.Identifier(self.name))
        try:
            with self._admin_connection() as conn:
                conn.execute(query)
        except psycopg.Error as error:
            raise CommandError(f"{query.as_string()}: {error}") from error

    def create(self) -> None:
        self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._execute("CREATE DATABASE {}")
        # The memory docs/scaling.md prescribes for production (a search's bitmap stays exact: 0.84 s, not 145 s).
        # A setting of the role, as the docs put it, still wins over this one of the database.
        self._execute(f"ALTER DATABASE {{}} SET work_mem = '{WORK_MEM}'")

    def drop(self) -> None:
        self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    def _url(self, with_password: bool) -> str:
        url = settings.DATABASE_URL
        if not url:
            raise CommandError("PostgreSQL benchmarks need DANVAN_DATABASE_URL.")
        parts = urlsplit(url)
        netloc = parts.netloc
        if not with_password and parts.password:
            netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc, path="/" + self.name))

    def child_env(self):
        return {"DANVAN_DATABASE_URL": self._url(with_password=True)}

    def describe(self) -> str:
        return f"DANVAN_DATABASE_URL={self._url(with_password=False)}"
