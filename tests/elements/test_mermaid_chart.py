"""``mermaid_chart``: a diagram in Mermaid's text language, carried as its text and drawn in the browser.

AppTest tests read what the element carries (``body``, ``width``, ``alt``) and the checks on arguments. Chromium tests
draw diagrams under the page's policy with the vendored Mermaid (loaded only when a diagram is shown): a flowchart's
node labels in an SVG, no request off the page's origin, no policy violation, a diagram type named for screen readers,
a diagram Mermaid cannot read showing its error in place while the rest of the page draws, every diagram type of the
build drawn without `eval`, the page's light and dark colours, and a diagram the script changes drawn again.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from browser_checks import off_origin, shown_on_click, violations, watched_page
from engine_harness import running_engine
from support import app

FLOW = "graph LR\n    A[Start] --> B{Decision}\n    B -->|Yes| C[OK]\n    B -->|No| D[Cancel]\n"


def test_the_diagram_text_is_carried_as_it_is() -> None:
    at = app("st.mermaid_chart(body)", body=FLOW)
    chart = at.mermaid_chart[0]
    assert chart.type == "mermaid_chart" and at.get("mermaid_chart") == [chart]
    assert chart.body == FLOW and chart.value == FLOW
    assert chart.props == {"body": FLOW, "width": "stretch", "alt": None}


def test_width_and_alt() -> None:
    at = app(
        "st.mermaid_chart(body, width='content', alt='  Decision\\n flow ')\n"
        "st.mermaid_chart(body=body, width=320, alt='   ')\n"
        "st.sidebar.mermaid_chart('pie\\n  \"a\" : 1', alt=None)\n",
        body=FLOW,
    )
    first, second = at.main.mermaid_chart
    assert (first.width, first.alt) == ("content", "Decision flow"), "alt is one line of plain text"
    assert (second.width, second.alt) == (320, None), "blank alt is no alt, as in Streamlit"
    assert at.sidebar.mermaid_chart[0].body == 'pie\n  "a" : 1'


def test_an_empty_or_bad_diagram_is_still_shown_for_the_browser_to_report() -> None:
    at = app("st.mermaid_chart('')\nst.mermaid_chart('graph LR\\n  A -->')")
    assert [c.body for c in at.mermaid_chart] == ["", "graph LR\n  A -->"]
    assert not at.exception, "Mermaid reads the diagram in the browser, which shows its error in the diagram's place"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.mermaid_chart(5)", "mermaid_chart(): body must be the diagram's text in Mermaid's language, not int"),
        ("st.mermaid_chart(None)", "mermaid_chart(): body must be the diagram's text in Mermaid's language, not "),
        ("st.mermaid_chart(body, width=0)", "mermaid_chart(): width must be a positive number of pixels"),
        ("st.mermaid_chart(body, width='auto')", "mermaid_chart(): width must be a positive number of pixels"),
        ("st.mermaid_chart(body, alt=1)", "mermaid_chart(): alt must be a string or None, not int"),
        ("st.mermaid_chart(body, 'content')", "mermaid_chart() takes 2 positional arguments"),
    ],
)
def test_bad_arguments_are_a_clear_error_naming_the_call(call: str, message: str) -> None:
    at = app(call, body=FLOW)
    assert at.exception[0].message.startswith(message), at.exception[0].message


SHOW = f"""
if st.button("Show the diagrams"):
    st.mermaid_chart({FLOW!r}, alt="Decision flow")
    st.mermaid_chart("sequenceDiagram\\n    Alice->>John: Hello John\\n    John-->>Alice: Hi", width="content")
    st.mermaid_chart("graph TD\\n  accTitle: Steps\\n  accDescr: From one to two\\n  one --> two", width=300)
st.text("after")
"""


@pytest.mark.browser
def test_a_flowchart_draws_an_svg_with_its_labels_and_nothing_leaves_the_origin(context: Any) -> None:
    with running_engine("import porch as st\n" + SHOW) as server:
        page, requests, errors = shown_on_click(context, server.url, "Show the diagrams", "/vendor/")
        flow = page.get_by_role("figure", name="Decision flow")
        expect(flow.locator("svg g.node")).to_have_count(4, timeout=30_000)
        labels = flow.locator("svg g.node").all_text_contents()
        assert sorted(label.strip() for label in labels) == ["Cancel", "Decision", "OK", "Start"]
        assert sorted(t.strip() for t in flow.locator("svg g.edgeLabel").all_text_contents() if t.strip()) == [
            "No", "Yes"]
        assert flow.locator("foreignObject").count() == 0, "labels are SVG text (no HTML in the drawing)"
        sequence = page.get_by_role("figure", name="Mermaid sequence diagram")
        expect(sequence.locator("svg")).to_have_count(1)
        expect(sequence.locator("svg")).to_contain_text("Hello John")
        named = page.get_by_role("figure", name="Steps: From one to two")
        expect(named.locator("svg g.node")).to_have_count(2)
        # "stretch": the drawing at its own size at most, centred in the container's width; pixels: scaled to them.
        width = named.locator("svg").evaluate("(svg) => svg.getBoundingClientRect().width")
        assert width == pytest.approx(300, abs=1)
        box = flow.evaluate("(n) => [n.getBoundingClientRect().width, n.parentElement.clientWidth]")
        assert box[0] == pytest.approx(box[1], abs=2)
        own = sequence.evaluate(
            "(n) => [n.getBoundingClientRect().width, n.querySelector('svg').viewBox.baseVal.width]"
        )
        assert own[0] == pytest.approx(own[1], abs=2), "content: as wide as the drawing"
        assert off_origin(requests, server.url) == []
        vendored = [url for url in requests if "/_porch/static/vendor/mermaid/" in url]
        assert len(vendored) == 2, vendored  # index.js and the one build
        expect(page.get_by_text("after")).to_be_visible()
        assert violations(page) == []
        assert errors == []


BAD = """
st.mermaid_chart("graph LR\\n  A -->", alt="Broken")
st.mermaid_chart("flowchart LR\\n  ok[Fine] --> done[Done]", alt="Fine")
st.text("after")
"""


@pytest.mark.browser
def test_a_bad_diagram_shows_its_error_in_place_and_the_rest_of_the_page_draws(context: Any) -> None:
    with running_engine("import porch as st\n" + BAD) as server:
        page, _requests, errors = watched_page(context, server.url)
        alert = page.get_by_role("figure", name="Broken").get_by_role("alert")
        expect(alert).to_contain_text("Mermaid diagram error: Parse error on line ", timeout=30_000)
        expect(alert).to_contain_text("got 'EOF'")
        assert page.get_by_role("figure", name="Broken").locator("svg").count() == 0
        expect(page.get_by_role("figure", name="Fine").locator("svg g.node")).to_have_count(2)
        expect(page.get_by_text("after")).to_be_visible()
        assert page.locator("body > [id^='dporch-mermaid']").count() == 0, "Mermaid leaves nothing behind"
        assert violations(page) == []
        assert errors == []


#: One diagram of each type the build has, each drawn under the page's policy (no `eval`, no `Function()`).
TYPES = {
    "class": "classDiagram\n  Animal <|-- Duck",
    "state": "stateDiagram-v2\n  [*] --> Still\n  Still --> [*]",
    "er": "erDiagram\n  CUSTOMER ||--o{ ORDER : places",
    "gantt": "gantt\n  dateFormat YYYY-MM-DD\n  section S\n  Task :a1, 2024-01-01, 3d",
    "pie": 'pie title Pets\n  "Dogs" : 386\n  "Cats" : 85',
    "journey": "journey\n  title Day\n  section Go\n    Make tea: 5: Me",
    "git": "gitGraph\n  commit\n  branch dev\n  commit",
    "mindmap": "mindmap\n  root((Root))\n    A\n    B",
    "timeline": "timeline\n  2002 : LinkedIn",
    "quadrant": "quadrantChart\n  x-axis Low --> High\n  y-axis Low --> High\n  A: [0.3, 0.6]",
    "xychart": "xychart-beta\n  x-axis [jan, feb]\n  bar [50, 60]",
    "sankey": "sankey-beta\nA,B,10\nA,C,5",
    "block": "block-beta\n  columns 2\n  a b",
    "packet": 'packet-beta\n  0-15: "Source Port"',
    "architecture": "architecture-beta\n  service db(database)[Database]",
    "kanban": "kanban\n  Todo\n    [Create]",
    "radar": "radar-beta\n  axis A, B, C\n  curve c1{1,2,3}",
    "treemap": 'treemap-beta\n"Root"\n    "A": 10',
    "requirement": "requirementDiagram\n  requirement r {\n  id: 1\n  text: t\n  risk: high\n  verifymethod: test\n  }",
    "c4": 'C4Context\n  Person(c, "Customer")',
    "elk": "---\nconfig:\n  layout: elk\n---\nflowchart LR\n  A --> B",
}


@pytest.mark.browser
def test_every_diagram_type_draws_under_the_page_policy(context: Any) -> None:
    calls = "".join(f"st.mermaid_chart({body!r}, alt={name!r})\n" for name, body in TYPES.items())
    source = "import porch as st\n" + calls
    with running_engine(source) as server:
        page, _requests, errors = watched_page(context, server.url)
        for name in TYPES:
            figure = page.get_by_role("figure", name=name, exact=True)
            expect(figure.locator(".mermaid-chart-view > svg")).to_have_count(1, timeout=30_000)
            assert figure.get_by_role("alert").is_hidden(), name
        assert violations(page) == []
        assert errors == []


@pytest.mark.browser
def test_diagrams_take_the_page_colours_light_and_dark(context: Any) -> None:
    source = "import porch as st\nst.mermaid_chart('graph LR\\n  A[One] --> B[Two]', alt='Two nodes')\n"
    fill = "(figure) => getComputedStyle(figure.querySelector('g.node rect, g.node path')).fill"
    text = "(figure) => getComputedStyle(figure.querySelector('g.node text')).fill"
    with running_engine(source) as server:
        page, _requests, errors = watched_page(context, server.url)
        figure = page.get_by_role("figure", name="Two nodes")
        expect(figure.locator("svg g.node")).to_have_count(2, timeout=30_000)
        light = (figure.evaluate(fill), figure.evaluate(text))
        page.emulate_media(color_scheme="dark")
        page.wait_for_function(f"() => ({fill})(document.querySelector('.mermaid-chart')) !== {light[0]!r}")
        dark = (figure.evaluate(fill), figure.evaluate(text))

        def brightness(colour: str) -> float:
            return sum(int(v) for v in colour.removeprefix("rgb(").rstrip(")").split(",")[:3]) / 3

        assert brightness(light[0]) > 200 and brightness(dark[0]) < 80, (light, dark)
        assert brightness(light[1]) < 80 and brightness(dark[1]) > 200, "text in the page's --fg"
        assert violations(page) == []
        assert errors == []


@pytest.mark.browser
def test_a_diagram_the_script_changes_is_drawn_again(context: Any) -> None:
    source = (
        "import porch as st\n"
        "n = st.number_input('Nodes', 2, 5, 2)\n"
        "st.mermaid_chart('graph LR\\n  ' + ' --> '.join(f'n{i}' for i in range(n)), alt='Chain')\n"
    )
    with running_engine(source) as server:
        page, _requests, errors = watched_page(context, server.url)
        nodes = page.get_by_role("figure", name="Chain").locator("svg g.node")
        expect(nodes).to_have_count(2, timeout=30_000)
        page.get_by_role("spinbutton", name="Nodes").fill("4")
        page.get_by_role("spinbutton", name="Nodes").press("Enter")
        expect(nodes).to_have_count(4)
        assert page.get_by_role("figure", name="Chain").locator("svg").count() == 1
        assert errors == []
