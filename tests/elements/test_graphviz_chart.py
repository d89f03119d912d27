"""``graphviz_chart``: a graph in Graphviz's DOT language, given as text or as a ``graphviz`` object, carried as its
DOT source and laid out in the browser.

AppTest tests read what the element carries (``spec`` and ``engine``, as Streamlit's AppTest reads its proto). Chromium
tests draw graphs under the page's policy with the package's own Graphviz (WebAssembly, loaded only when a graph is
shown): the nodes' labels in an SVG, no request off the page's origin, no policy violation, sizes, and a DOT error in
the graph's place while the rest of the page draws.
"""

from __future__ import annotations

from typing import Any

import graphviz
import pytest
from playwright.sync_api import expect

from browser_checks import off_origin, shown_on_click, violations
from engine_harness import running_engine
from support import app, printed_by

DOT = 'digraph { rankdir=LR; start [label="Start here"]; start -> "Then this" }'


def test_dot_text_is_carried_as_it_is() -> None:
    at = app("st.graphviz_chart(dot)", dot=DOT)
    chart = at.graphviz_chart[0]
    assert chart.type == "graphviz_chart" and at.get("graphviz_chart") == [chart]
    assert chart.spec == DOT and chart.engine == "dot"
    assert chart.props == {"spec": DOT, "engine": "dot", "width": "content", "height": "content", "alt": None}


def test_a_graphviz_object_gives_its_source_and_engine() -> None:
    source = (
        "import graphviz\n"
        "g = graphviz.Digraph(engine='neato')\n"
        "g.edge('run', 'intr')\n"
        "g.edge('intr', 'runbl')\n"
        "st.graphviz_chart(g)\n"
        "st.graphviz_chart(graphviz.Graph(body=['a -- b']))\n"
        "st.graphviz_chart(graphviz.Source('digraph { x -> y }', engine='circo'))\n"
    )
    at = app(source)
    digraph = graphviz.Digraph(engine="neato")
    digraph.edge("run", "intr")
    digraph.edge("intr", "runbl")
    assert [(c.spec, c.engine) for c in at.graphviz_chart] == [
        (digraph.source, "neato"),
        (graphviz.Graph(body=["a -- b"]).source, "dot"),
        (graphviz.Source("digraph { x -> y }").source, "circo"),
    ]


def test_graphviz_is_imported_only_when_the_script_gives_one_of_its_objects() -> None:
    program = (
        "import sys\nfrom porch.testing import AppTest\n"
        "at = AppTest.from_string('import porch as st\\nst.graphviz_chart(\"graph { a -- b }\")').run(timeout=60)\n"
        "assert at.graphviz_chart[0].spec == 'graph { a -- b }'\n"
        "print('graphviz' in sys.modules)\n"
    )
    assert printed_by(program) == "False"


def test_width_height_alt_and_the_deprecated_use_container_width() -> None:
    at = app("st.graphviz_chart(dot, True)\nst.graphviz_chart(dot, width=300, height=200, alt=' A graph ')\n"
             "st.graphviz_chart(dot, False, width='stretch', height='stretch', alt='  ')", dot=DOT)
    assert [(c.width, c.height, c.alt) for c in at.graphviz_chart] == [
        ("stretch", "content", None), (300, 200, "A graph"), ("content", "stretch", None),
    ]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.graphviz_chart(5)", "graphviz_chart(): figure_or_dot must be DOT text or a graphviz.Graph"),
        ("st.graphviz_chart(None)", "graphviz_chart(): figure_or_dot must be DOT text or a graphviz.Graph"),
        ("st.graphviz_chart(dot, width=0)", "graphviz_chart(): width must be a positive number of pixels"),
        ("st.graphviz_chart(dot, height='tall')", "graphviz_chart(): height must be a positive number of pixels"),
        ("st.graphviz_chart(dot, alt=1)", "graphviz_chart(): alt must be a string or None, not int"),
        ("import graphviz\nst.graphviz_chart(graphviz.Digraph(engine='dot'), width=-1)", "graphviz_chart(): width"),
    ],
)
def test_bad_arguments_are_a_clear_error_naming_the_call(call: str, message: str) -> None:
    at = app(call, dot=DOT)
    assert at.exception[0].message.startswith(message), at.exception[0].message


def test_an_engine_graphviz_does_not_have_is_refused() -> None:
    at = app("import graphviz\ng = graphviz.Digraph()\ng.engine = 'dot'\ng._engine = 'webgl'\nst.graphviz_chart(g)")
    assert "the layout engine 'webgl' is not one of Graphviz's" in at.exception[0].message


SHOW = """
import graphviz
if st.button("Show the graphs"):
    st.graphviz_chart('digraph { rankdir=LR; start [label="Start here"]; start -> "Then this" }', alt="Steps")
    g = graphviz.Graph(engine="neato")
    g.edge("left", "right")
    st.graphviz_chart(g, width="stretch", alt="Two ends")
st.text("after")
"""


@pytest.mark.browser
def test_graphs_draw_from_the_package_with_no_request_off_the_origin(context: Any) -> None:
    with running_engine("import porch as st\n" + SHOW) as server:
        page, requests, errors = shown_on_click(context, server.url, "Show the graphs", "/vendor/")
        steps = page.get_by_role("figure", name="Steps")
        expect(steps.locator("svg g.node")).to_have_count(2, timeout=30_000)
        assert steps.locator("svg g.node text").all_text_contents() == ["Start here", "Then this"]
        assert steps.locator("svg g.edge").count() == 1
        ends = page.get_by_role("figure", name="Two ends")
        expect(ends.locator("svg g.node")).to_have_count(2)
        assert ends.locator("svg g.node text").all_text_contents() == ["left", "right"]
        # "content": the drawing's own size (Graphviz's points); "stretch": scaled to the container's width.
        own = steps.locator("svg").evaluate("(svg) => [svg.getBoundingClientRect().width, svg.width.baseVal.value]")
        assert own[0] == pytest.approx(own[1], abs=1)
        width = ends.locator("svg").evaluate("(svg) => svg.getBoundingClientRect().width")
        assert width == pytest.approx(ends.evaluate("(n) => n.parentElement.clientWidth"), abs=2)
        ids = page.locator("svg [id]").evaluate_all("(nodes) => nodes.map((n) => n.id)")
        assert len(ids) == len(set(ids)), "each graph's ids are its own"
        assert off_origin(requests, server.url) == []
        vendored = [url for url in requests if "/_porch/static/vendor/graphviz/" in url]
        assert len(vendored) == 2, vendored  # index.js and the build, its WebAssembly inlined
        assert violations(page) == []
        assert errors == []


BAD = """
st.graphviz_chart("digraph { a -> }")
st.graphviz_chart("digraph { ok [label=Fine] }", alt="Fine")
st.text("after")
"""


@pytest.mark.browser
def test_a_dot_error_shows_in_the_graphs_place_and_the_rest_of_the_page_draws(context: Any) -> None:
    with running_engine("import porch as st\n" + BAD) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_role("alert")).to_have_text(
            "Graphviz could not draw this graph: syntax error in line 1 near '}'", timeout=30_000
        )
        expect(page.get_by_role("figure", name="Fine").locator("svg g.node text")).to_have_text("Fine")
        expect(page.get_by_text("after")).to_be_visible()


@pytest.mark.browser
def test_a_graph_the_script_changes_is_drawn_again(context: Any) -> None:
    source = (
        "import porch as st\n"
        "n = st.number_input('Nodes', 1, 5, 2)\n"
        "st.graphviz_chart('digraph { ' + ' -> '.join(f'n{i}' for i in range(n)) + ' }', alt='Chain')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        nodes = page.get_by_role("figure", name="Chain").locator("svg g.node")
        expect(nodes).to_have_count(2, timeout=30_000)
        page.get_by_role("spinbutton", name="Nodes").fill("4")
        page.get_by_role("spinbutton", name="Nodes").press("Enter")
        expect(nodes).to_have_count(4)
        assert page.get_by_role("figure", name="Chain").locator("svg").count() == 1
