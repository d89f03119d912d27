"""The README's first app and its test example work as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)


def test_the_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None and README.index("```sh") < README.index("Porch turns")
    demo, tests = [line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert demo == ".ci/setup && .venv/bin/porch hello"
    assert tests == ".ci/setup --test && .venv/bin/python -m pytest"
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert ".ci/setup --test\n" in ci and "exec .venv/bin/python -m pytest" in ci


def test_the_first_app_and_its_test_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, test = BLOCKS[0], BLOCKS[1]
    (tmp_path / "app.py").write_text(app)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(test, "README test", "exec"), namespace)
    test_function = next(value for name, value in namespace.items() if name.startswith("test_"))
    assert callable(test_function)
    test_function()
