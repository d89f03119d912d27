"""The parity suite's dumper: run each script of a corpus under an AppTest and describe the page after each step.

The same code runs on both sides: in Streamlit 1.67's venv as a script (``python dump.py APPS_DIR`` prints the JSON
of :func:`dump_corpus` for Streamlit's AppTest), and in the test process on Porch's AppTest (imported, given the
class). It imports neither Streamlit nor Porch, so it reads the AppTest it is given only through the names both
have (``from_file``, ``run``, ``main``, ``sidebar``, ``exception``, ``query_params``, the widgets' actions).

A corpus script names its steps in comment lines ``# step: <statements on at>``: each is executed with ``at`` (and
``datetime``) in scope and followed by ``at.run()``, and the page is described after the first run and after each
step. A description is one line per node, in page order, indented by depth: its type, its value and the properties
both AppTests read (``label``, ``options``, ``min``...). Values are ``repr``s, cut at 300 characters.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

#: The properties read on every element that has them. Not ``min``, ``max``, ``step`` or ``is_range``: Streamlit's
#: AppTest reads those from its proto as encoded for the page (floats, a date slider's bounds in microseconds, a
#: select_slider's as option indices), Porch's from its wire props (the script's numbers, days): neither is what a
#: test can act on, the values the widget gives are (compared as ``value`` after each step).
PROPS = (
    "label", "key", "help", "disabled", "placeholder", "options", "format", "index", "max_chars", "max_selections",
    "horizontal", "form_id", "icon", "url", "accept_new_options", "state", "expanded", "name", "avatar", "title",
    "anchor", "divider", "language", "delta", "delta_color", "is_expanded", "message", "stack_trace",
    "is_warning", "weight", "gap",
)
#: What a block is described by (its value is its children).
BLOCK_PROPS = ("label", "key")
STEP_PREFIX = "# step:"
TIMEOUT = 60.0


def steps_of(script: Path) -> list[str]:
    """The steps a corpus script names in its ``# step:`` lines, in order."""
    lines = script.read_text(encoding="utf-8").splitlines()
    return [line[len(STEP_PREFIX):].strip() for line in lines if line.startswith(STEP_PREFIX)]


def _text(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 300 else text[:300] + "..."


def _read(node: Any, name: str) -> str | None:
    """``repr`` of a property, or None where this AppTest has no such property for the node."""
    try:
        value = getattr(node, name)
    except AttributeError:
        return None
    except Exception as error:  # noqa: BLE001 - what raises is part of the description
        return f"raises {type(error).__name__}"
    return "<callable>" if callable(value) else _text(value)


def _is_block(node: Any) -> bool:
    return any(cls.__name__ == "Block" for cls in type(node).__mro__)


def _node(node: Any, depth: int) -> dict[str, Any]:
    """One node: its depth, type, value (not for blocks, whose value is their children) and properties."""
    described: dict[str, Any] = {"depth": depth, "type": str(getattr(node, "type", type(node).__name__))}
    props: dict[str, str] = {}
    if not _is_block(node):
        try:
            described["value"] = _text(node.value)
        except Exception as error:  # noqa: BLE001
            described["value"] = f"raises {type(error).__name__}"
    for name in BLOCK_PROPS if _is_block(node) else PROPS:
        read = _read(node, name)
        if read is not None:
            props[name] = read
    described["props"] = props
    return described


def _walk(node: Any, depth: int, out: list[dict[str, Any]]) -> None:
    out.append(_node(node, depth))
    if _is_block(node):
        for index in range(len(node)):
            _walk(node[index], depth + 1, out)


def describe(at: Any) -> list[dict[str, Any]]:
    """The page as nodes in page order: the main area and the sidebar (each node with its depth), then the toasts, the
    exceptions and the query parameters as nodes of their own."""
    out: list[dict[str, Any]] = []
    for root in (at.main, at.sidebar):
        out.append({"depth": 0, "type": f"ROOT {root.type}", "props": {}})
        for index in range(len(root)):
            _walk(root[index], 1, out)
    for toast in at.toast:  # in the page's event root, which neither tree walks from main or sidebar
        out.append({"depth": 0, "type": "AT.TOAST", "value": _text(toast.value), "props": {"icon": _text(toast.icon)}})
    for exception in at.exception:
        out.append({"depth": 0, "type": "AT.EXCEPTION", "value": _text(exception.value), "props": {}})
    params = {key: at.query_params[key] for key in sorted(at.query_params)}
    out.append({"depth": 0, "type": "AT.QUERY_PARAMS", "value": _text(params), "props": {}})
    return out


def dump_script(app_test: Any, script: Path) -> list[dict[str, Any]]:
    """The states of one script: after the first run, then after each step (or where a step failed, why)."""
    states: list[dict[str, Any]] = []
    step = "first run"
    try:
        at = app_test.from_file(str(script), default_timeout=TIMEOUT).run()
        states.append({"step": step, "page": describe(at)})
        for step in steps_of(script):
            exec(step, {"at": at, "datetime": datetime})  # noqa: S102 - the corpus's own steps
            at.run()
            states.append({"step": step, "page": describe(at)})
    except Exception as error:  # noqa: BLE001 - a failing step is a state to compare, not the end of the corpus
        lines = traceback.format_exception_only(type(error), error)
        states.append({"step": step, "error": "".join(lines).strip()[:300]})
    return states


def dump_corpus(app_test: Any, apps: Path) -> dict[str, list[dict[str, Any]]]:
    """Every script of the corpus folder (``*.py``, by name) with its states."""
    return {script.name: dump_script(app_test, script) for script in sorted(apps.glob("*.py"))}


def main() -> None:
    import logging

    logging.disable(logging.CRITICAL)
    os.environ["TZ"] = "UTC"
    from streamlit.testing.v1 import AppTest  # Streamlit 1.67's, in the venv .ci/setup --test makes

    json.dump(dump_corpus(AppTest, Path(sys.argv[1]).resolve()), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
