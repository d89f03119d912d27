"""The replica settings of the real ``porch run --headless``: a shared access token, the replica id, the drain grace
and how each signal drains."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from deploy_harness import COUNTER_APP, Replica, Visitor, request, wait_until
from shell_harness import clean_env


def test_replicas_share_an_access_token_from_a_file(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(COUNTER_APP)
    token = tmp_path / "token"
    token.write_text("s3cret-shared-token\n")
    a = Replica(app, "a", tmp_path, "--token-file", str(token))
    b = Replica(app, "b", tmp_path, env={"PORCH_TOKEN": "s3cret-shared-token"})
    try:
        status, headers, _ = request("127.0.0.1", a.port, "GET", "/?token=s3cret-shared-token")
        assert status == 303
        cookie = next(h.split(";")[0] for h in headers.get_all("Set-Cookie") or [] if h.startswith("porch_token="))
        for replica in (a, b):  # the cookie one replica gave works on the other: a failover is no 403
            assert request("127.0.0.1", replica.port, "GET", "/", {"Cookie": cookie})[0] == 200
            assert request("127.0.0.1", replica.port, "GET", "/")[0] == 403
    finally:
        a.close()
        b.close()


def run_porch(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "porch.shell.cli", *args], env={**clean_env(tmp_path), **(env or {})},
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)


def test_token_settings_and_replica_ids_that_cannot_work_are_one_line_errors(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(COUNTER_APP)
    (tmp_path / "empty").write_text("  \n")
    cases = {
        ("--token", "x", "--token-file", "tok"): "token (command line) and token_file (command line) are both set",
        ("--token-file", str(tmp_path / "missing")): "cannot read the token file",
        ("--token-file", str(tmp_path / "empty")): "is empty",
        ("--replica-id", "a b"): "replica_id 'a b' (command line) may hold letters, digits",
    }
    for flags, message in cases.items():
        result = run_porch(tmp_path, "run", str(app), "--headless", "--port", "0", *flags)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_config_show_lists_the_replica_settings(tmp_path: Path) -> None:
    result = run_porch(tmp_path, "config", "show", "--headless",
                       env={"PORCH_REPLICA_ID": "pod-7", "PORCH_TOKEN_FILE": "t"})
    lines = {line.split("=")[0].strip(): line for line in result.stdout.splitlines()}
    assert lines["replica_id"].split("#")[1].strip() == "env PORCH_REPLICA_ID" and '"pod-7"' in lines["replica_id"]
    assert '"t"' in lines["token_file"]
    assert "10.0" in lines["drain_grace"] and lines["drain_grace"].endswith("# default")


def test_auto_tokens_on_replicas_are_warned_about(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(COUNTER_APP)
    replica = Replica(app, "a", tmp_path, "--token", "auto")
    try:
        replica.wait_for("--token auto makes a token of this replica's own, which the others refuse")
    finally:
        replica.close()


def test_sigterm_keeps_serving_through_the_grace_and_sigint_skips_it(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(COUNTER_APP)
    draining = Replica(app, "a", tmp_path, "--drain-grace", "2")
    quick = Replica(app, "b", tmp_path, "--drain-grace", "60")
    try:
        visitors = {}
        for replica in (draining, quick):
            visitor = Visitor(replica.port)
            visitor.connect()
            assert visitor.click() == "count=1"
            visitors[replica.id] = visitor

        draining.signal(signal.SIGTERM)
        assert wait_until(lambda: draining.health()[0] == 503, 10, "health to report the drain")
        assert draining.health()[1]["status"] == "draining"
        assert visitors["a"].click() == "count=2"  # its session goes on through the grace
        assert visitors["a"].closed_with() == (1012, "moved")
        assert draining.wait(20) == 0
        assert "engine draining: sessions=1 (health answers 503; they move in 2 s)" in draining.log()

        quick.signal(signal.SIGINT)  # Ctrl-C: no grace (60 s would outlast the waits below)
        assert visitors["b"].closed_with() == (1012, "moved")
        assert quick.wait(20) == 0
        assert "received SIGINT: stopping (without the drain grace, again to quit at once)" in quick.log()
    finally:
        for visitor in visitors.values():
            visitor.close()
        draining.close()
        quick.close()


def test_health_json_names_the_replica_to_anyone_and_sessions_to_admitted_clients(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(COUNTER_APP)
    replica = Replica(app, "a", tmp_path, "--token", "tok")
    try:
        status, _, body = request("127.0.0.1", replica.port, "GET", "/_porch/health")
        assert (status, json.loads(body)) == (200, {"status": "ok", "replica": "a"})
        status, _, body = request("127.0.0.1", replica.port, "GET", "/_porch/health", {"Cookie": "porch_token=tok"})
        assert (status, json.loads(body)) == (200, {"status": "ok", "sessions": 0, "replica": "a"})
    finally:
        replica.close()
