"""``latex``: st.latex, a display formula made into MathML on the server."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.elements.latex import latex_source
from support import app

FORMULAS = r'''
st.latex(r"\frac{a}{b} = \sqrt{x^2 + 1}", help="The identity")
st.latex(r"\frac{a}{")
'''


def test_latex_is_mathml_made_on_the_server() -> None:
    at = app(FORMULAS)
    formula, broken = at.latex
    assert formula.body == r"\frac{a}{b} = \sqrt{x^2 + 1}"
    html = formula.props["html"]
    assert html.startswith('<math display="block">') and html.endswith("</math>")
    assert "<mfrac>" in html and "<msqrt>" in html and "<msup>" in html
    assert formula.props["help"] == "The identity"
    assert formula.props["width"] == "stretch"


def test_latex_that_does_not_parse_shows_its_source_as_an_error() -> None:
    at = app(FORMULAS)
    assert not at.exception
    html = at.latex[1].props["html"]
    assert html.startswith('<pre class="porch-math-error" title="This LaTeX could not be read')
    assert html.endswith(r">\frac{a}{</pre>")


def test_an_indented_triple_quoted_formula_is_dedented() -> None:
    at = app('if True:\n    st.latex(r"""\n        a + b\n        """)')
    assert at.latex[0].body == "a + b"
    assert at.latex[0].value == "$$\na + b\n$$"  # as Streamlit's AppTest gives it


def test_an_object_with_repr_latex_is_shown_through_it() -> None:
    source = """
class Fraction:
    def _repr_latex_(self):
        return r"$\\frac{1}{2}$"

class Plain:
    def __str__(self):
        return "x_1"

st.latex(Fraction())
st.latex(Plain())
"""
    at = app(source)
    assert [f.body for f in at.latex] == [r"\frac{1}{2}", "x_1"]
    assert "<mfrac>" in at.latex[0].props["html"] and "<msub>" in at.latex[1].props["html"]


def test_an_object_from_sympy_goes_through_sympy_latex_and_nothing_else_imports_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[object] = []

    def fake_latex(obj: object) -> str:
        calls.append(obj)
        return r"\sqrt{x}"

    fake = types.ModuleType("sympy")
    fake.latex = fake_latex  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sympy", fake)
    expression = type("Pow", (), {"__module__": "sympy.core.power", "_repr_latex_": lambda self: "$wrong$"})()
    assert latex_source(expression) == r"\sqrt{x}" and calls == [expression]
    monkeypatch.delitem(sys.modules, "sympy")
    assert latex_source(type("Fraction", (), {"_repr_latex_": lambda self: "$$a/b$$"})()) == "a/b"
    assert latex_source(3.5) == "3.5"
    assert "sympy" not in sys.modules


def test_a_sympy_expression_is_shown_through_sympy_latex() -> None:
    import sympy  # noqa: F401  (installed with the test extra)
    at = app("import sympy\nx = sympy.Symbol('x')\nst.latex(sympy.sqrt(x) / 2)")
    assert at.latex[0].body == r"\frac{\sqrt{x}}{2}"
    assert "<msqrt>" in at.latex[0].props["html"]


def test_script_text_cannot_make_tags_through_latex() -> None:
    at = app(r'st.latex(r"\text{<script>alert(1)</script>} \href{javascript:alert(1)}{x} \style{color:red}{y}")')
    html = at.latex[0].props["html"]
    assert "<script" not in html and "href" not in html and "style" not in html
    assert "&lt;script&gt;" in html


def test_width_is_checked_and_sent() -> None:
    at = app('st.latex("x", width="content")\nst.latex("y", width=300)')
    assert [f.props["width"] for f in at.latex] == ["content", 300]
    at = app('st.latex("x", width="wide")')
    assert "latex(): width must be" in at.exception[0].message


def test_a_formula_can_be_replaced_in_place() -> None:
    at = app('slot = st.latex("a")\nslot.latex("b")')
    assert [f.body for f in at.latex] == ["b"]


@pytest.mark.browser
def test_the_browser_draws_the_formula_as_mathml(context: Any) -> None:
    with running_engine("import porch as st\n" + FORMULAS) as server:
        page = context.new_page()
        page.goto(server.url)
        formula = page.locator(".latex math").first
        expect(formula).to_be_visible()
        assert formula.evaluate("m => m.namespaceURI") == "http://www.w3.org/1998/Math/MathML"
        box = formula.locator("mfrac").bounding_box()
        assert box is not None and box["width"] > 5 and box["height"] > 15, box  # a fraction stacks two rows
        error = page.locator(".latex .porch-math-error")
        expect(error).to_have_text(r"\frac{a}{")
        colour = error.evaluate("e => getComputedStyle(e).color")
        red, green, blue = (int(c) for c in colour.removeprefix("rgb(").rstrip(")").split(", ")[:3])
        assert red > 150 and green < 100 and blue < 100, colour
        expect(page.locator(".latex").first.locator(".help-button")).to_be_visible()
