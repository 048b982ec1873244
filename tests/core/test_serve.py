"""`danvan serve`: the application under gunicorn with the project's configuration (danvan/gunicorn_conf.py)."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.core.test_settings import SECRET, danvan


def test_serve_runs_the_app_under_gunicorn_with_the_given_address_and_workers(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_"))}
    env.update({"DANVAN_DEBUG": "1", "DANVAN_DATA_DIR": str(tmp_path)})
    server = subprocess.Popen(
        [sys.executable, "-m", "danvan.cli", "serve", "--bind", "127.0.0.1:0", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output = ""
        while not (address := re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", output)):
            line = server.stdout.readline()
            assert line, output
            output += line
        for _ in range(50):
            try:
                answer = urllib.request.urlopen(address.group(1) + "/healthz", timeout=5)
            except urllib.error.HTTPError as error:  # 503: this scratch database has no tables
                answer = error
            except urllib.error.URLError:
                time.sleep(0.2)
                continue
            break
        body = json.loads(answer.read())
        assert body["database"]["status"] == "ok" and body["status"] in {"ok", "degraded"}
        request_id = answer.headers["X-Request-ID"]
        # A 6 KB request line (an API query naming a hundred indicators) reaches the application, as nginx's 8 KB
        # buffers let it through: gunicorn's default 4 KB answered its own plain-text 400.
        try:
            long = urllib.request.urlopen(address.group(1) + "/healthz?indicators=" + "x" * 6000, timeout=5)
        except urllib.error.HTTPError as error:
            long = error
        assert long.headers["Content-Type"] == "application/json", long.read()
    finally:
        server.send_signal(signal.SIGTERM)
        rest, _ = server.communicate(timeout=60)
    output += rest
    assert output.count("Booting worker") == 2
    # The access log line carries our request id.
    assert re.search(rf'"GET /healthz HTTP/1\.1" \d+ .* rid={request_id} ', output), output
    assert server.returncode == 0


def test_serve_refuses_to_start_before_the_static_files_are_collected(tmp_path):
    env = {"DANVAN_DEBUG": "0", "DANVAN_SECRET_KEY": SECRET, "DANVAN_DATA_DIR": str(tmp_path)}
    result = danvan("serve", "--bind", "127.0.0.1:0", env=env)
    assert result.returncode != 0
    assert "danvan collectstatic" in result.stderr and "Traceback" not in result.stderr
