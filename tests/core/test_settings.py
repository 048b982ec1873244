"""Production settings: each test starts a real `danvan` process with an environment, as an administrator would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ENV_EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "danvan.env"
SECRET = "k3T9-the-administrators-own-long-random-secret-key-xQ2vLp8Zr6Wn4Ys0Bc"


def danvan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A `danvan` process with only this environment of ours (not the test run's DANVAN_/DJANGO_ variables)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "danvan.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def documented_environment() -> dict[str, str]:
    """deploy/danvan.env as an administrator fills it in: the variables it sets, plus the secret key."""
    env = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    env["DANVAN_SECRET_KEY"] = SECRET
    return env


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = danvan("check", env={"DANVAN_DEBUG": "0", "DANVAN_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DANVAN_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    assert "khóa bí mật" in result.stderr and "secret key" in result.stderr


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    result = danvan("serve", "--bind", "127.0.0.1:0", env={"DANVAN_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DANVAN_SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


def test_debug_starts_without_a_key_as_make_run_does(tmp_path):
    result = danvan("check", env={"DANVAN_DEBUG": "1", "DANVAN_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr


def test_a_wrong_trusted_proxy_refuses_to_start_naming_it(tmp_path):
    env = {"DANVAN_DEBUG": "1", "DANVAN_DATA_DIR": str(tmp_path), "DANVAN_TRUSTED_PROXIES": "127.0.0.1,nginx"}
    result = danvan("check", env=env)
    assert result.returncode != 0
    assert "DANVAN_TRUSTED_PROXIES" in result.stderr and "nginx" in result.stderr
    assert "Traceback" not in result.stderr


def test_deploy_checks_are_clean_with_the_documented_production_environment(tmp_path):
    env = {**documented_environment(), "DANVAN_DATA_DIR": str(tmp_path)}
    result = danvan("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_turns_on_hsts_and_the_https_redirect_except_for_the_health_check(tmp_path):
    env = {**documented_environment(), "DANVAN_DATA_DIR": str(tmp_path)}
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SECURE_REDIRECT_EXEMPT, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = danvan("shell", "-v", "0", "-c", script, env=env)
    assert result.stdout.split(" ", 2)[:2] == ["31536000", "True"]
    assert "healthz" in result.stdout and "HTTP_X_FORWARDED_PROTO" in result.stdout


@pytest.mark.parametrize("url", ["sqlite:///{dir}/named.sqlite3", ""])
def test_sqlite_is_tuned_however_it_is_named(tmp_path, url):
    """WAL, IMMEDIATE transactions and a busy timeout, also when DANVAN_DATABASE_URL names the file."""
    env = {"DANVAN_DEBUG": "1", "DANVAN_DATA_DIR": str(tmp_path)}
    if url:
        env["DANVAN_DATABASE_URL"] = url.format(dir=tmp_path)
    script = (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0], "
        "connection.transaction_mode, c.execute('PRAGMA foreign_keys').fetchone()[0])"
    )
    result = danvan("shell", "-v", "0", "-c", script, env=env)
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE", "1"], result.stderr


def test_a_number_setting_that_is_not_a_number_refuses_to_start_naming_it(tmp_path):
    env = {"DANVAN_DEBUG": "1", "DANVAN_DATA_DIR": str(tmp_path), "DANVAN_HEALTH_MIN_FREE_MB": "1GB"}
    result = danvan("check", env=env)
    assert result.returncode != 0
    assert "DANVAN_HEALTH_MIN_FREE_MB" in result.stderr and "1GB" in result.stderr
    assert "Traceback" not in result.stderr
