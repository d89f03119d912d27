"""The Kubernetes and systemd recipes of docs/deploy.md, which no test here can run (no cluster, no init system):
their Porch command lines are ones ``porch`` accepts, and their time bounds leave room for the drain."""

from __future__ import annotations

import json
import re
import shlex

from deploy_harness import doc_block
from porch.shell.cli import build_parser


def flags(command: list[str]) -> dict[str, object]:
    """The settings a ``porch run ...`` command line gives (argparse's own error ends the test if it has a bad one)."""
    assert command[0].rpartition("/")[2] == "porch" and command[1] == "run", command
    return vars(build_parser().parse_args(command[1:]))


def test_the_kubernetes_recipe_drains_within_its_grace_period() -> None:
    recipe = doc_block("yaml")
    args = re.search(r"args: (\[.*?\])", recipe, re.S)
    assert args is not None
    given = flags(json.loads(args.group(1)))  # a YAML flow list of quoted strings is JSON
    assert given["shell"] == "headless" and given["behind_proxy"] is True
    grace, timeout = float(str(given["drain_grace"])), float(str(given["drain_timeout"]))
    pre_stop = int(re.search(r'preStop:\s+exec: \{command: \["sleep", "(\d+)"\]\}', recipe).group(1))  # type: ignore[union-attr]
    period = int(re.search(r"terminationGracePeriodSeconds: (\d+)", recipe).group(1))  # type: ignore[union-attr]
    assert period > pre_stop + grace + timeout  # else the kubelet kills the pod before its sessions move
    assert "fieldPath: metadata.name" in recipe.split("PORCH_REPLICA_ID", 1)[1].split("- name:", 1)[0]
    assert re.search(r"readinessProbe:\s+httpGet: \{path: /_porch/health, port: 8501\}", recipe)
    assert "livenessProbe" not in recipe  # a draining pod answers 503 and is not broken
    assert "PORCH_TOKEN" in recipe and "secretKeyRef" in recipe


def test_the_systemd_unit_drains_within_its_stop_timeout() -> None:
    unit = doc_block("ini")
    settings = dict(line.split("=", 1) for line in unit.splitlines() if "=" in line and not line.startswith("#"))
    given = flags(shlex.split(settings["ExecStart"]))
    assert given["shell"] == "headless"
    grace, timeout = float(str(given["drain_grace"])), float(str(given["drain_timeout"]))
    assert settings["KillSignal"] == "SIGTERM"  # SIGINT would skip the grace
    assert float(settings["TimeoutStopSec"]) > grace + timeout
    assert "PORCH_REPLICA_ID=%i" in unit and "PORCH_TOKEN_FILE=" in unit
