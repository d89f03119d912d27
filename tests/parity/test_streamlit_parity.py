"""Parity with Streamlit 1.67's AppTest: each script of ``apps/`` runs under Streamlit's AppTest (in the venv that
``.ci/setup --test`` makes, ``.ci/tools/streamlit-venv``, one subprocess for the whole corpus) and under Porch's
(``streamlit.testing.v1.AppTest`` in this process), the same steps act on both, and the pages they describe after
each step (``parity_dump.py``: each element's type, value and the properties Streamlit's AppTest reads) must be
equal, but for the differences :data:`KNOWN` names, each with its reason and where it is written down.

Properties Porch's AppTest reads beyond Streamlit's are not compared: a test written for Streamlit cannot see them.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import parity_dump

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
APPS = HERE / "apps"
STREAMLIT_PYTHON = REPO / ".ci" / "tools" / "streamlit-venv" / "bin" / "python"
SCRIPTS = sorted(path.name for path in APPS.glob("*.py"))


@dataclass(frozen=True)
class Known:
    """A known difference, intended: why, and where users read it (a document of the repository and words in it). A
    difference that is a defect is fixed, not listed."""

    reason: str
    documented_in: str
    words: str


#: Every known difference, in one table. A key ``(script, step)`` (the step as its ``# step:`` line writes it) is a
#: state whose pages differ (each time the script takes that step); a key ``(element type, ".property")`` a property
#: read differently wherever it is shown. There they must differ (when they no longer do, the entry goes: the tests
#: say so); everywhere else the pages must be equal.
KNOWN: dict[tuple[str, str], Known] = {
    ("forms_staged.py", 'at.text_input[0].input("Bob")'): Known(
        "a value typed into a form and not submitted stays staged across run(), as on a page; Streamlit's AppTest "
        "drops it at that run",
        "docs/compat.md",
        "keeps a form's widget values set before a `run()` without its submit button until the",
    ),
    ("forms_staged.py", "at.button[0].click()"): Known(
        "the submit sends the value staged before the previous run() (Streamlit's AppTest dropped it)",
        "docs/compat.md",
        "keeps a form's widget values set before a `run()` without its submit button until the",
    ),
    ("slider", ".options"): Known(
        "Streamlit's AppTest reads its proto's empty options list on a numeric slider; Porch's slider has no such prop",
        "docs/design.md",
        "any other prop reads as an attribute, as Streamlit's elements read their",
    ),
    ("select_slider", ".format"): Known(
        "Streamlit's AppTest reads its proto's '%s' format on a select_slider; Porch's select_slider has no format",
        "docs/design.md",
        "any other prop reads as an attribute, as Streamlit's elements read their",
    ),
    **{
        (kind, ".format"): Known(
            "Streamlit's AppTest reads its proto's enum of the alert's kind (1 to 4) as format; Porch's alerts have no "
            "format, their kind is their type",
            "docs/design.md",
            "any other prop reads as an attribute, as Streamlit's elements read their",
        )
        for kind in ("success", "info", "warning", "error")
    },
    ("download_button", ".url"): Known(
        "a file is served at Porch's media URL, named by Porch's digest (Streamlit's AppTest gives its mock media URL)",
        "docs/protocol.md",
        "`_porch/media/<digest>.<ext>`",
    ),
    ("forms.py", 'at.text_input[1].input("note"); at.button[1].click()'): Known(
        "a clear_on_submit form's field reads empty right after its submit, as on a page; Streamlit's AppTest reads "
        "the submitted value",
        "docs/compat.md",
        "of a `clear_on_submit` form its fields read empty",
    ),
    ("forms.py", "at.checkbox[0].check(); at.sidebar.button[0].click()"): Known(
        "after a clear_on_submit form's submit, its field is empty in the runs that follow, as on a page; Streamlit's "
        "AppTest sends the typed value again",
        "docs/compat.md",
        "of a `clear_on_submit` form its fields read empty",
    ),
    ("forms.py", "at.run()"): Known(
        "the same cleared field as the step before", "docs/compat.md", "of a `clear_on_submit` form its fields read empty"
    ),
}


# -- the two dumps ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def streamlit_dump() -> dict[str, list[dict[str, Any]]]:
    """The corpus under Streamlit 1.67's AppTest: one subprocess in the Streamlit venv for every script."""
    if not STREAMLIT_PYTHON.exists():
        pytest.fail(
            f"{STREAMLIT_PYTHON} is missing: run `.ci/setup --test`, which makes the Streamlit 1.67 venv this parity "
            "suite compares Porch's AppTest with"
        )
    result = subprocess.run(
        [str(STREAMLIT_PYTHON), str(HERE / "parity_dump.py"), str(APPS)],
        cwd=HERE,
        env={**os.environ, "TZ": "UTC", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    dumped: dict[str, list[dict[str, Any]]] = json.loads(result.stdout)
    return dumped


@pytest.fixture(scope="module")
def porch_dump() -> dict[str, list[dict[str, Any]]]:
    """The corpus under Porch's AppTest, in this process."""
    return parity_dump.dump_corpus(AppTest, APPS)


# -- comparing them -----------------------------------------------------------------------------------------------


def _props_compared(dump: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
    """The properties compared on each element type: those Streamlit's AppTest reads on it (from its dump of the whole
    corpus), less those :data:`KNOWN` names."""
    read: dict[str, set[str]] = {}
    for states in dump.values():
        for state in states:
            for node in state.get("page", []):
                read.setdefault(node["type"], set()).update(node["props"])
    for kind, what in KNOWN:
        if what.startswith("."):
            read.get(kind, set()).discard(what[1:])
    return read


def _lines(state: dict[str, Any], props: dict[str, set[str]]) -> list[str]:
    """A state as lines to compare: one per node, indented by depth, with the properties compared."""
    if "error" in state:
        return [f"STEP FAILED {state['error']}"]
    lines = []
    for node in state["page"]:
        parts = [node["type"]]
        if "value" in node:
            parts.append(f"value={node['value']}")
        parts += [f"{name}={read}" for name, read in node["props"].items() if name in props.get(node["type"], ())]
        lines.append("  " * node["depth"] + " | ".join(parts))
    return lines


def _cases() -> list[Any]:
    cases = []
    for script in SCRIPTS:
        steps = ["first run", *parity_dump.steps_of(APPS / script)]
        cases += [pytest.param(script, index, id=f"{script[:-3]}-{index}") for index in range(len(steps))]
    return cases


@pytest.mark.parametrize(("script", "index"), _cases())
def test_porch_reads_the_page_as_streamlits_apptest_does(
    script: str,
    index: int,
    streamlit_dump: dict[str, list[dict[str, Any]]],
    porch_dump: dict[str, list[dict[str, Any]]],
) -> None:
    """After the first run and after each step, the page as Porch's AppTest reads it is the page as Streamlit's reads
    it: the same elements in the same blocks, with the same values and properties."""
    props = _props_compared(streamlit_dump)
    theirs, ours = streamlit_dump[script], porch_dump[script]
    assert index < len(theirs), f"Streamlit's AppTest stopped before this step: {theirs[-1]}"
    assert index < len(ours), f"Porch's AppTest stopped before this step: {ours[-1]}"
    step = theirs[index]["step"]
    assert ours[index]["step"] == step
    expected, got = _lines(theirs[index], props), _lines(ours[index], props)
    known = KNOWN.get((script, step))
    if known is not None:
        assert got != expected, f"{script} after {step!r} is now as in Streamlit: remove its KNOWN entry"
        return
    diff = "\n".join(difflib.unified_diff(expected, got, "streamlit", "porch", n=1, lineterm=""))
    assert got == expected, f"{script} after {step!r}:\n{diff}"


def _property_values(dump: dict[str, list[dict[str, Any]]], kind: str, name: str) -> list[str | None]:
    return [
        node["props"].get(name)
        for states in dump.values()
        for state in states
        for node in state.get("page", [])
        if node["type"] == kind
    ]


@pytest.mark.parametrize("key", [k for k in KNOWN if k[1].startswith(".")], ids=lambda k: f"{k[0]}{k[1]}")
def test_each_known_property_difference_is_still_there(
    key: tuple[str, str],
    streamlit_dump: dict[str, list[dict[str, Any]]],
    porch_dump: dict[str, list[dict[str, Any]]],
) -> None:
    kind, name = key[0], key[1][1:]
    theirs, ours = _property_values(streamlit_dump, kind, name), _property_values(porch_dump, kind, name)
    assert theirs, f"the corpus shows no {kind} whose {name} Streamlit's AppTest reads"
    assert theirs != ours, f"{kind}.{name} now reads as in Streamlit: remove its KNOWN entry"


@pytest.mark.parametrize("key", list(KNOWN), ids=lambda k: f"{k[0]}-{k[1]}")
def test_each_known_difference_is_written_down(key: tuple[str, str]) -> None:
    known = KNOWN[key]
    where, what = key
    if not what.startswith("."):
        assert where in SCRIPTS and what in parity_dump.steps_of(APPS / where), f"no such step: {key}"
    assert known.reason
    assert known.documented_in.startswith(("docs/", "README.md")), "an intended difference is documented for users"
    assert " ".join(known.words.split()) in " ".join((REPO / known.documented_in).read_text(encoding="utf-8").split())
