"""The store's settings on the real ``porch run --headless``: ``--token auto`` replicas with a store share the first
one's token, ``porch config show`` lists the store (its password hidden), and a store that cannot be used is a
one-line launch error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from deploy_harness import COUNTER_APP, Replica, free_port, request
from shell_harness import clean_env
from store_harness import redis_server


def run_porch(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "porch.shell.cli", *args], env={**clean_env(tmp_path), **(env or {})},
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)


def test_auto_tokens_of_replicas_with_a_store_are_one_token(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(COUNTER_APP)
    with redis_server(tmp_path) as store:
        a = Replica(app, "a", tmp_path, "--token", "auto", "--store", store.url)
        b = Replica(app, "b", tmp_path, "--token", "auto", env={"PORCH_STORE": store.url})
        try:
            tokens = {parse_qs(urlsplit(replica.url).query)["token"][0] for replica in (a, b)}
            assert len(tokens) == 1 and len(tokens.pop()) >= 24
            token = parse_qs(urlsplit(a.url).query)["token"][0]
            for replica in (a, b):  # the page's cookie from one replica is good on the other: a failover is no 403
                assert request("127.0.0.1", replica.port, "GET", "/", {"Cookie": f"porch_token={token}"})[0] == 200
                assert request("127.0.0.1", replica.port, "GET", "/")[0] == 403
            assert "--token auto makes a token of this replica's own" not in a.log() + b.log()
        finally:
            a.close()
            b.close()


def test_config_show_lists_the_store_without_its_password(tmp_path: Path) -> None:
    result = run_porch(tmp_path, "config", "show", "--headless", "--handoff-max-upload-mb", "1",
                       env={"PORCH_STORE": "redis://:s3cret@cache.internal:6379/2"})
    lines = {line.split("=")[0].strip(): line for line in result.stdout.splitlines()}
    assert '"redis://:***@cache.internal:6379/2"' in lines["store"] and lines["store"].endswith("# env PORCH_STORE")
    assert "s3cret" not in result.stdout
    assert "1.0" in lines["handoff_max_upload_mb"] and "4.0" in lines["handoff_max_state_mb"]


def test_a_store_that_cannot_be_used_is_a_one_line_launch_error(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(COUNTER_APP)
    cases = {
        "memcached://127.0.0.1:11211": "is not a Redis URL: use redis://host:port/db",
        f"redis://127.0.0.1:{free_port()}/0": "did not answer a ping",
    }
    for url, message in cases.items():
        result = run_porch(tmp_path, "run", str(app), "--headless", "--port", "0", "--store", url)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
        assert "(store, from command line)" in result.stderr
