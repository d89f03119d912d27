"""Porch against Streamlit 1.67: every name Porch shares with Streamlit takes Streamlit's parameters, and
``docs/compat.md`` says truthfully what Porch does with each of Streamlit's names.

The reference is ``../shared/reference/streamlit-1.67-api.json`` (beside the clone, in CI as here): each public name of
Streamlit 1.67 (``st.*``, ``st.column_config.*``, ``st.components.v1.*``) with its parameters as
``inspect.signature`` read them from the installed package: name, kind (``either``: positional or keyword,
``keyword``: keyword-only, ``*args``, ``**kwargs``) and default as text (its ``repr``; no default: null).

A script moves over by changing one import, so a parameter Porch lacks is a TypeError in someone's app, and one in a
different place or of another kind silently binds the wrong argument. Parameters Porch does not honour yet are
accepted all the same; docs/compat.md names them ("accepted, no effect: ...").
"""

from __future__ import annotations

import inspect
import json
import re
from types import ModuleType
from typing import Any

import pytest

import porch
from support import REPO

STREAMLIT: dict[str, dict[str, Any]] = json.loads(
    (REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text(encoding="utf-8")
)["names"]
COMPAT = REPO / "docs" / "compat.md"

KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "either",
    inspect.Parameter.VAR_POSITIONAL: "*args",
    inspect.Parameter.KEYWORD_ONLY: "keyword",
    inspect.Parameter.VAR_KEYWORD: "**kwargs",
}

#: Defaults whose text in the reference is not the repr of the equivalent Porch default: Streamlit's own objects.
#: ``st.help(obj=streamlit)`` shows the module itself; ``st.connection(ttl=<unset>)`` is a private sentinel.
EQUIVALENT_DEFAULTS = {
    "<module 'streamlit'>": lambda default: isinstance(default, ModuleType) and default.__name__ == "porch",
    "<unset>": lambda default: repr(default) == "<unset>",
}

STATUS = re.compile(r"^(yes|no|partial: .+|accepted, no effect: .+)$")
ROW = re.compile(r"^\| `(st\.[\w.]+)` \| (.*?) \|$", re.M)


def resolve(name: str) -> Any:
    """What ``st.a.b`` is in Porch (``porch.a.b``, ``a`` one of ``porch.__all__``: not an internal module such as
    ``porch.context``), or None when Porch has no such name."""
    first, *rest = name.split(".")[1:]
    found: Any
    if first == "components":  # only ``import streamlit`` has it: porch.streamlit.components
        from porch.streamlit import components

        found = components
    elif first not in porch.__all__:
        return None
    else:
        found = getattr(porch, first)
    for part in rest:
        try:
            found = getattr(found, part)
        except AttributeError:
            return None
    return found


def params(obj: Any) -> list[tuple[str, str, str | None]]:
    """Porch's parameters as the reference writes them: (name, kind, repr of the default or None)."""
    return [
        (p.name, KINDS[p.kind], None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(obj).parameters.values()
    ]


def mismatches(name: str, obj: Any) -> list[str]:
    """How Porch's ``obj`` differs from Streamlit's ``name``: one line per parameter that differs."""
    theirs = STREAMLIT[name]["params"]
    if theirs is None:
        return []  # an object, not a function: st.sidebar, st.session_state...
    ours = params(obj)
    problems = []
    if [p[0] for p in ours] != [p["name"] for p in theirs]:
        problems.append(f"parameters {[p[0] for p in ours]} != Streamlit's {[p['name'] for p in theirs]}")
        return problems
    for (param, kind, default), ref in zip(ours, theirs):
        if kind != ref["kind"]:
            problems.append(f"{param}: kind {kind} != Streamlit's {ref['kind']}")
        expected = ref["default"]
        if expected in EQUIVALENT_DEFAULTS and default is not None:
            if not EQUIVALENT_DEFAULTS[expected](inspect.signature(obj).parameters[param].default):
                problems.append(f"{param}: default {default} is not Streamlit's {expected}")
        elif default != expected:
            problems.append(f"{param}: default {default} != Streamlit's {expected}")
    return problems


def public_streamlit_names() -> list[str]:
    """Porch's public names that Streamlit has too, as ``st.<name>``."""
    return sorted(f"st.{name}" for name in porch.__all__ if f"st.{name}" in STREAMLIT)


def compat_rows() -> dict[str, str]:
    text = COMPAT.read_text(encoding="utf-8")
    rows: dict[str, str] = {}
    for name, status in ROW.findall(text):
        assert name not in rows, f"docs/compat.md lists {name} twice"
        rows[name] = status.strip()
    return rows


@pytest.mark.parametrize("name", public_streamlit_names())
def test_each_shared_name_takes_streamlits_parameters(name: str) -> None:
    assert mismatches(name, resolve(name)) == [], f"porch.{name[3:]} differs from Streamlit 1.67's {name}"


def test_the_main_areas_methods_are_the_module_functions() -> None:
    """``porch.button`` is the main area's bound method; the method of any container has the same signature."""
    from porch.api.container import Container

    for name in porch.__all__:
        if name in vars(Container) and not name.startswith("_"):
            assert params(getattr(porch, name)) == params(getattr(porch.sidebar, name)), name


def test_the_comparison_sees_a_difference() -> None:
    def button(label: str, key: str | None = None, *, help: str | None = None) -> None: ...

    problems = mismatches("st.button", button)
    assert problems and "parameters" in problems[0]

    def divider(width: str = "content") -> None: ...

    assert mismatches("st.divider", divider) == [
        "width: kind either != Streamlit's keyword",
        "width: default 'content' != Streamlit's 'stretch'",
    ]


def test_compat_md_has_one_row_per_streamlit_name_with_a_known_status() -> None:
    rows = compat_rows()
    assert set(STREAMLIT) - set(rows) == set(), "Streamlit names without a row in docs/compat.md"
    assert set(rows) - set(STREAMLIT) == set(), "rows of docs/compat.md that are not Streamlit 1.67 names"
    bad = {name: status for name, status in rows.items() if not STATUS.match(status)}
    assert bad == {}, "statuses must be yes, no, 'partial: what' or 'accepted, no effect: which parameters'"


def test_compat_md_is_true_of_the_code() -> None:
    rows = compat_rows()
    problems = []
    for name, status in sorted(rows.items()):
        obj = resolve(name)
        if status == "no":
            if obj is not None:
                problems.append(f"{name} is marked no, but porch has it")
            continue
        if obj is None:
            problems.append(f"{name} is marked {status!r}, but porch has no such name")
            continue
        problems += [f"{name}: {line}" for line in mismatches(name, obj)]
        if status.startswith("accepted, no effect:"):
            named = set(re.findall(r"`(\w+)`", status))
            known = {p["name"] for p in STREAMLIT[name]["params"] or []}
            assert named, f"{name}: name the parameters that have no effect, in backticks"
            problems += [f"{name}: `{param}` is not one of its parameters" for param in sorted(named - known)]
    assert problems == []


def test_compat_md_counts_are_right() -> None:
    """The summary line at the top of docs/compat.md counts the rows by status."""
    rows = compat_rows()
    counts = {
        "yes": sum(status == "yes" for status in rows.values()),
        "accepted, no effect": sum(status.startswith("accepted, no effect") for status in rows.values()),
        "partial": sum(status.startswith("partial") for status in rows.values()),
        "no": sum(status == "no" for status in rows.values()),
    }
    text = COMPAT.read_text(encoding="utf-8")
    summary = re.search(r"^Of Streamlit 1\.67's (\d+) names: (.+)\.$", text, re.M)
    assert summary, "docs/compat.md starts with 'Of Streamlit 1.67's N names: yes N; partial N; ...'"
    assert int(summary.group(1)) == len(STREAMLIT)
    stated = {label.strip(): int(n) for label, n in (part.rsplit(" ", 1) for part in summary.group(2).split("; "))}
    assert stated == counts
