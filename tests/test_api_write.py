"""st.write and magic: the element each kind of argument becomes, by Streamlit 1.67's rules in Streamlit's order
(``WriteMixin.write``), the arguments one after another, and the same elements as Streamlit's own AppTest gives for
one script of every rule (``test_the_same_elements_as_streamlit``)."""

from __future__ import annotations

import json
import sys

from porch.testing import AppTest
from support import app, kinds, printed_by


def with_libraries(source: str) -> AppTest:
    """Run a script given as the lines after ``import porch as st`` that imports data and chart libraries: its first
    run may take a while on a loaded machine."""
    return AppTest.from_string("import porch as st\n" + source).run(timeout=60)

# -- text ---------------------------------------------------------------------------------------------------------


def test_write_string_is_markdown() -> None:
    at = app('st.write("Hello **there**")')
    assert at.markdown.values == ["Hello **there**"]
    assert at.markdown.rendered_texts == ["Hello there"]
    assert "<strong>there</strong>" in at.markdown[0].props["html"]


def test_write_numbers() -> None:
    at = app("st.write(42)\nst.write(3.5)\nst.write(True)")
    assert at.markdown.values == ["`42`", "`3.5`", "`True`"]  # the markdown source, as in Streamlit
    assert at.markdown.rendered_texts == ["42", "3.5", "True"]


def test_plain_values_tuples_and_sets_are_inline_code() -> None:
    """A plain tuple or set is not JSON in Streamlit: it is its text, as any value with no element of its own."""
    at = app("import datetime\nst.write(datetime.date(2024, 5, 6))\nst.write((1, 2))\nst.write({3})")
    assert at.markdown.values == ["`2024-05-06`", "`(1, 2)`", "`{3}`"]
    assert len(at.json) == 0


def test_a_value_of_several_lines_is_a_code_block() -> None:
    """Alone, a fenced block; among other arguments, joined to them by spaces as every part is (Streamlit 1.67's
    source, where the fence follows the text on its line)."""
    at = app('class Lines:\n    def __str__(self):\n        return "first\\nsecond"\nst.write(Lines())\n'
             'st.write("Before", Lines(), "after")')
    assert at.markdown.values == ["```\nfirst\nsecond\n```", "Before ```\nfirst\nsecond\n``` after"]
    assert "<pre" in at.markdown[0].props["html"]


def test_a_value_starting_or_ending_with_a_backtick_is_wrapped_as_streamlit_wraps_it() -> None:
    """In backticks one longer than its longest run, with no padding: Streamlit 1.67's markdown source."""
    at = app('class Text:\n    def __init__(self, text):\n        self.text = text\n'
             '    def __str__(self):\n        return self.text\n'
             'st.write(Text("`a"))\nst.write(Text("b`"))\nst.write("x", Text("`a"), "y")\nst.write(Text("c``d"))')
    assert at.markdown.values == ["```a``", "``b```", "x ```a`` y", "```c``d```"]


def test_markdown_methods_do_not_count_only_the_text_does() -> None:
    """Streamlit 1.67 reads no ``_repr_markdown_``: the value's text is shown."""
    at = app('class Note:\n    def _repr_markdown_(self):\n        return "**bold**"\n'
             '    def __str__(self):\n        return "note"\nst.write(Note())')
    assert at.markdown.values == ["`note`"]


def test_write_escapes_html_unless_allowed() -> None:
    at = app('st.write("<b>x</b>")\nst.write("<b>y</b>", unsafe_allow_html=True)')
    assert "<b>" not in at.markdown[0].props["html"]
    assert "<b>y</b>" in at.markdown[1].props["html"]


def test_a_string_io_is_markdown() -> None:
    at = app('import io\nst.write(io.StringIO("*from a buffer*"))')
    assert at.markdown.values == ["*from a buffer*"]


# -- several arguments --------------------------------------------------------------------------------------------


def test_write_several_strings_and_numbers_make_one_line() -> None:
    at = app('x = 5\nst.write("The value is", x, "units")')
    assert at.markdown.values == ["The value is `5` units"]
    assert at.markdown.rendered_texts == ["The value is 5 units"]


def test_several_arguments_are_stacked_one_after_another_as_in_streamlit() -> None:
    """No row: each element follows the last, text between them gathered into one markdown each."""
    at = app('st.write("Data:", {"a": 1}, "and", ValueError("oops"), 3, "end")')
    assert kinds(at.main) == ["markdown", "json", "markdown", "exception", "markdown"]
    assert at.markdown.values == ["Data:", "and", "`3` end"]
    assert [j.parsed for j in at.json] == [{"a": 1}]
    assert at.exception[0].message == "oops"


def test_several_arguments_cannot_replace_one_element() -> None:
    """Streamlit refuses several arguments where one element is to be replaced (an ``empty()``); one is fine."""
    at = app('slot = st.empty()\nslot.write(5)\nother = st.empty()\nother.write("a", "b")')
    assert at.markdown.values == ["`5`"]
    message = at.exception[0].message
    assert "2 values" in message and "empty()" in message and "container()" in message


# -- tables ---------------------------------------------------------------------------------------------------------


def test_a_pandas_dataframe_is_a_dataframe_not_its_html() -> None:
    at = with_libraries('import pandas as pd\nst.write(pd.DataFrame({"a": [1, 2], "b": [3, 4]}))')
    assert kinds(at.main) == ["dataframe"]
    assert at.dataframe[0].value["b"].tolist() == [3, 4]
    assert len(at.html) == 0


def test_everything_dataframe_like_is_a_dataframe() -> None:
    """pandas Series, Index and Styler, NumPy arrays, pyarrow tables and arrays, polars frames, series and lazy
    frames, a dict of Series, a DB-API cursor, and objects with ``to_pandas`` or ``__dataframe__``."""
    at = with_libraries(
        "import sqlite3\nimport numpy as np, pandas as pd, polars as pl, pyarrow as pa\n"
        'df = pd.DataFrame({"a": [1, 2]})\n'
        "class Convertible:\n    def to_pandas(self):\n        return df\n"
        "class Interchange:\n    def __dataframe__(self, nan_as_null=False, allow_copy=True):\n"
        '        return pa.table({"x": [1]}).__dataframe__(nan_as_null, allow_copy)\n'
        'st.write(df["a"])\nst.write(df.index)\nst.write(df.style)\nst.write(np.array([1, 2]))\n'
        'st.write(pa.table({"x": [1]}))\nst.write(pa.array([1, 2]))\nst.write(pl.DataFrame({"a": [1]}))\n'
        'st.write(pl.Series("s", [1]))\nst.write(pl.DataFrame({"a": [1]}).lazy())\nst.write({"s": df["a"]})\n'
        'st.write(sqlite3.connect(":memory:").execute("select 1, 2"))\nst.write(Convertible())\n'
        "st.write(Interchange())"
    )
    assert not at.exception, at.exception[0].message if at.exception else ""
    assert kinds(at.main) == ["dataframe"] * 13


def test_a_database_cursor_is_a_table_of_its_rows_named_by_its_description() -> None:
    at = app('import sqlite3\nst.write(sqlite3.connect(":memory:").execute("select 1 as one, \'x\' as two"))')
    assert at.dataframe[0].value.to_dict("list") == {"one": [1], "two": ["x"]}


def test_a_dataframe_alone_on_a_line_is_a_dataframe() -> None:
    at = with_libraries('import pandas as pd\ndf = pd.DataFrame({"a": [1]})\ndf')
    assert kinds(at.main) == ["dataframe"]


# -- charts, images, formulas ---------------------------------------------------------------------------------------


def test_charts_are_drawn_by_their_element() -> None:
    """Altair, matplotlib, plotly (a figure, a list of traces, a dict of a figure's parts), graphviz and pydeck."""
    at = with_libraries(
        "import altair as alt, graphviz, pandas as pd, plotly.graph_objects as go, pydeck as pdk\n"
        "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
        'fig, ax = plt.subplots()\n_ = ax.plot([1, 2], [3, 4])\ntrace = go.Scatter(x=[1], y=[2])\n'
        'graph = graphviz.Digraph()\ngraph.edge("a", "b")\n'
        'st.write(alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a"))\nst.write(fig)\n'
        'st.write(go.Figure(trace))\nst.write([trace])\nst.write({"data": [trace]})\nst.write(graph)\n'
        "st.write(pdk.Deck())"
    )
    assert not at.exception, at.exception[0].message if at.exception else ""
    assert kinds(at.main) == [
        "vega_lite_chart", "image", "plotly_chart", "plotly_chart", "plotly_chart", "graphviz_chart", "deck_gl_chart",
    ]


def test_a_pillow_image_is_an_image_and_a_sympy_expression_latex() -> None:
    at = with_libraries('import sympy\nfrom PIL import Image\nst.write(Image.new("RGB", (4, 4)))\n'
             'st.write(sympy.Symbol("x") ** 2)')
    assert kinds(at.main) == ["image", "latex"]
    assert "x^{2}" in at.latex[0].value


def test_a_keras_model_is_drawn_as_the_graph_keras_makes_of_it() -> None:
    """Told by its type's name; Keras' own ``model_to_dot`` makes the graph (here a stand-in: no Keras installed)."""
    at = app(
        "import sys, types\n"
        "class Sequential:\n    pass\n"
        'Sequential.__module__ = "keras.engine.sequential"\n'
        'utils = types.ModuleType("tensorflow.python.keras.utils.vis_utils")\n'
        "class Dot:\n    def to_string(self):\n        return 'digraph { input -> dense }'\n"
        "utils.model_to_dot = lambda model: Dot()\n"
        'sys.modules["tensorflow.python.keras.utils.vis_utils"] = utils\n'
        "try:\n    st.write(Sequential())\nfinally:\n"
        '    del sys.modules["tensorflow.python.keras.utils.vis_utils"]'
    )
    assert kinds(at.main) == ["graphviz_chart"]
    assert "input -> dense" in at.main.children[0].props["spec"]


# -- JSON -----------------------------------------------------------------------------------------------------------


def test_dicts_lists_and_their_kin_are_json_with_streamlits_values() -> None:
    at = app(
        "import collections, types\nPoint = collections.namedtuple('Point', 'x y')\n"
        'st.write({"k": 1})\nst.write([1, 2])\nst.write(Point(1, 2))\nst.write(map(str, [1, 2]))\n'
        'st.write(enumerate("ab"))\nst.write(types.MappingProxyType({"m": 1}))\n'
        'st.write(collections.UserDict({"u": 1}))\nst.write(collections.ChainMap({"c": 1}))\n'
        'st.write(collections.UserList([1]))\nst.write({"k": 1}.keys())\nst.write({"k": 1}.values())\n'
        'st.write({"k": 1}.items())'
    )
    assert kinds(at.main) == ["json"] * 12
    assert at.json.values == [
        '{"k": 1}', "[1, 2]", '{"x": 1, "y": 2}', '["1", "2"]', '[[0, "a"], [1, "b"]]', '{"m": 1}', '{"u": 1}',
        '{"c": 1}', "[1]", '["k"]', "[1]", '[["k", 1]]',
    ]


def test_pydantic_models_are_json() -> None:
    """Told by a base class ``pydantic.main.BaseModel`` (here a stand-in of that name: no pydantic installed); a
    model is read as ``dict(model)``, a list of them by ``model_dump``, as Streamlit does."""
    at = app(
        "class BaseModel:\n    def __iter__(self):\n        return iter(vars(self).items())\n"
        '    def model_dump(self, mode="python"):\n        return {"dumped": True, **vars(self)}\n'
        'BaseModel.__module__ = "pydantic.main"\n'
        "class User(BaseModel):\n    def __init__(self, name):\n        self.name = name\n"
        'st.write(User("Ann"))\nst.write([User("Bo"), User("Cy")])'
    )
    assert [j.parsed for j in at.json] == [
        {"name": "Ann"}, [{"dumped": True, "name": "Bo"}, {"dumped": True, "name": "Cy"}],
    ]


def test_porchs_own_mappings_are_json() -> None:
    at = app('st.session_state.a = 1\nst.write(st.session_state)\nst.query_params["q"] = "x"\n'
             "st.write(st.query_params)")
    assert [j.parsed for j in at.json] == [{"a": 1}, {"q": "x"}]


# -- exceptions, help, HTML ---------------------------------------------------------------------------------------------


def test_write_exception_is_an_exception_box() -> None:
    at = app('st.write(KeyError("missing"))\nst.write(SystemExit(3))')
    assert at.exception[0].props["type"] == "KeyError"
    assert "missing" in at.exception[0].message
    assert at.markdown.values == ["`3`"]  # only an Exception is an error box, as in Streamlit: SystemExit is text


def test_functions_modules_classes_dataclasses_containers_and_bare_objects_are_help() -> None:
    at = app(
        "import dataclasses, json\n@dataclasses.dataclass\nclass Pair:\n    left: int = 1\n"
        "box = st.container()\n"
        "st.write(len)\nst.write(json)\nst.write(Pair)\nst.write(Pair())\nst.write(object())\nst.write(box)"
    )
    assert kinds(at.main) == ["container", "help", "help", "help", "help", "help", "help"]
    assert [panel.name for panel in at.help] == ["len", "json", "Pair", "Pair()", "object()", "box"]


def test_an_object_with_repr_html_is_html_only_when_allowed() -> None:
    """Without ``unsafe_allow_html`` the object is what its text is (here only an address: a help panel)."""
    at = app('class Fancy:\n    def _repr_html_(self):\n        return "<i>fancy</i>"\n'
             "st.write(Fancy())\nst.write(Fancy(), unsafe_allow_html=True)")
    assert kinds(at.main) == ["help", "html"]
    assert at.html[0].props["html"] == "<i>fancy</i>"


def test_text_before_an_object_shown_as_html_follows_it_as_in_streamlit() -> None:
    """Streamlit 1.67 shows an object's ``_repr_html_`` at once, without first showing the text gathered before it:
    the text comes after the HTML, joined with the text after the object."""
    at = app('class Fancy:\n    def _repr_html_(self):\n        return "<i>fancy</i>"\n'
             'st.write("text", Fancy(), "end", unsafe_allow_html=True)\n'
             'st.write("t2", Fancy(), unsafe_allow_html=True)')
    assert kinds(at.main) == ["html", "markdown", "html", "markdown"]
    assert at.markdown.values == ["text end", "t2"]


# -- streams --------------------------------------------------------------------------------------------------------


def test_generators_and_generator_functions_are_streamed() -> None:
    at = app('def words():\n    yield "one "\n    yield {"k": 1}\n    yield "two"\n'
             "st.write(words())\nst.write(words)")
    assert kinds(at.main) == ["markdown", "json", "markdown"] * 2
    assert at.markdown.values == ["one", "two"] * 2  # markdown's source is stripped, as in Streamlit


def test_what_write_stream_returned_is_shown_again_part_by_part() -> None:
    at = app('def words():\n    yield "one"\n    yield [1]\nout = st.write_stream(words)\nst.write(out)')
    assert kinds(at.main) == ["markdown", "json", "markdown", "json"]


# -- magic ----------------------------------------------------------------------------------------------------------


def test_magic_writes_a_tuples_items_and_leaves_calls_alone() -> None:
    """``a, b`` on a line is ``write(a, b)``; a call's value is never shown (``fig.update_layout(...)`` would show
    a plotly figure twice), as in Streamlit 1.67."""
    at = with_libraries(
        'import plotly.graph_objects as go\nfig = go.Figure()\nfig.update_layout(title="t")\n'
        'x = 5\nx, "units"\nfig'
    )
    assert kinds(at.main) == ["markdown", "plotly_chart"]
    assert at.markdown.values == ["`5` units"]


# -- cheap ------------------------------------------------------------------------------------------------------------


CHEAP_PROGRAM = '''
import json, sys
from porch.testing import AppTest
SCRIPT = """
import collections, dataclasses, io
import porch as st
@dataclasses.dataclass
class Pair:
    left: int = 1
def numbers():
    yield "one"
st.write("text", 1, 2.5, (1, 2), {3}, None, object())
st.write({"k": 1}, [1], collections.namedtuple("P", "x")(1), map(str, [1]), Pair(), Pair, len, st.session_state)
st.write(ValueError("x"), io.StringIO("s"), numbers())
"""
at = AppTest.from_string(SCRIPT).run(timeout=60)
assert [e.value for e in at.exception] == ["x"], at.exception
libraries = ("pandas", "numpy", "pyarrow", "polars", "altair", "matplotlib", "plotly", "graphviz", "sympy", "PIL",
             "pydeck", "pydantic", "tensorflow")
charts = ("dataframe", "vega_lite_chart", "plotly_chart", "image", "graphviz_chart", "latex", "deck_gl_chart")
print(json.dumps([
    [name for name in libraries if name in sys.modules],
    [name for name in charts if "porch.elements." + name in sys.modules],
]))
'''


def test_write_tells_types_without_importing_their_libraries() -> None:
    """Values of every rule but the libraries' own, in a fresh interpreter: no library is imported to test a type,
    and no chart element's module is loaded."""
    libraries, charts = json.loads(printed_by(CHEAP_PROGRAM).splitlines()[-1])
    assert (libraries, charts) == ([], [])


# -- the same elements as Streamlit ---------------------------------------------------------------------------------

#: One script of every rule Streamlit's and Porch's test environments can both run (plotly, graphviz and SymPy are
#: not in the peers' venv: their rules are tested above).
COMPARED_SCRIPT = '''
import collections, dataclasses, datetime, io, types
import altair as alt
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pyarrow as pa
import pydeck as pdk
from PIL import Image
import streamlit as st

df = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
Point = collections.namedtuple("Point", "x y")


@dataclasses.dataclass
class Pair:
    left: int = 1


class Fancy:
    def _repr_html_(self):
        return "<i>fancy</i>"


class Convertible:
    def to_pandas(self):
        return df


class Lines:
    def __str__(self):
        return "first\\nsecond"


class Tick:
    def __str__(self):
        return "`a"


def numbers():
    yield "one "
    yield "two"


fig, ax = plt.subplots()
ax.plot([1, 2], [3, 4])
st.write("text")
st.write(42)
st.write("The value is", 5, "units")
st.write(df)
st.write(df["a"])
st.write(np.array([[1, 2], [3, 4]]))
st.write(pa.table({"x": [1, 2]}))
st.write(df.style)
st.write({"s": df["a"]})
st.write(Convertible())
st.write(alt.Chart(df).mark_point().encode(x="a", y="b"))
st.write(fig)
st.write(Image.new("RGB", (4, 4)))
st.write(pdk.Deck())
st.write({"k": 1})
st.write([1, 2])
st.write((1, 2))
st.write({1, 2})
st.write(Point(1, 2))
st.write(map(str, [1, 2]))
st.write(enumerate("ab"))
st.write(types.MappingProxyType({"m": 1}))
st.write(collections.UserDict({"u": 1}))
st.write(collections.ChainMap({"c": 1}))
st.write(collections.UserList([1]))
st.write({"k": 1}.keys())
st.write({"k": 1}.values())
st.write({"k": 1}.items())
st.write(st.session_state)
st.write(io.StringIO("*from a StringIO*"))
st.write(numbers())
st.write(numbers)
st.write(len)
st.write(datetime)
st.write(Pair)
st.write(Pair())
st.write(object())
st.write(Fancy())
st.write(Fancy(), unsafe_allow_html=True)
st.write(ValueError("oops"))
st.write(datetime.date(2024, 5, 6))
st.write(Lines())
st.write(Tick())
st.write("x", Tick(), "y")
st.write("Before", Lines(), "after")
st.write("text", Fancy(), "end", unsafe_allow_html=True)
st.write("Data:", {"a": 1}, "and", df, 3)
df
"bare *markdown*"
None
df, "after"
fig.tight_layout()
'''

#: What Streamlit 1.67's AppTest shows for COMPARED_SCRIPT: each element of the main area, its type and, for text,
#: JSON and errors, its value. Made once by hand, as the peers' venv (benchmarks/peers.py) is not part of
#: ``.ci/setup --test``: ``python tests/test_api_write.py`` runs STREAMLIT_PROBE there and prints this list again.
STREAMLIT_SHOWS: list[tuple[str, str | None]] = [
    ("markdown", "text"),
    ("markdown", "`42`"),
    ("markdown", "The value is `5` units"),
    ("dataframe", None),
    ("dataframe", None),
    ("dataframe", None),
    ("dataframe", None),
    ("dataframe", None),
    ("dataframe", None),
    ("dataframe", None),
    ("vega_lite_chart", None),
    ("image", None),
    ("image", None),
    ("deck_gl_json_chart", None),
    ("json", '{"k": 1}'),
    ("json", "[1, 2]"),
    ("markdown", "`(1, 2)`"),
    ("markdown", "`{1, 2}`"),
    ("json", '{"x": 1, "y": 2}'),
    ("json", '["1", "2"]'),
    ("json", '[[0, "a"], [1, "b"]]'),
    ("json", '{"m": 1}'),
    ("json", '{"u": 1}'),
    ("json", '{"c": 1}'),
    ("json", "[1]"),
    ("json", '["k"]'),
    ("json", "[1]"),
    ("json", '[["k", 1]]'),
    ("json", "{}"),
    ("markdown", "*from a StringIO*"),
    ("markdown", "one two"),
    ("markdown", "one two"),
    ("help_info", None),
    ("help_info", None),
    ("help_info", None),
    ("help_info", None),
    ("help_info", None),
    ("help_info", None),
    ("html", None),
    ("exception", "oops"),
    ("markdown", "`2024-05-06`"),
    ("markdown", "```\nfirst\nsecond\n```"),
    ("markdown", "```a``"),
    ("markdown", "x ```a`` y"),
    ("markdown", "Before ```\nfirst\nsecond\n``` after"),
    ("html", None),
    ("markdown", "text end"),
    ("markdown", "Data:"),
    ("json", '{"a": 1}'),
    ("markdown", "and"),
    ("dataframe", None),
    ("markdown", "`3`"),
    ("dataframe", None),
    ("markdown", "bare *markdown*"),
    ("markdown", "`None`"),
    ("dataframe", None),
    ("markdown", "after"),
]

#: Porch's wire kind of each of Streamlit's element types above, where the names differ.
PORCH_KIND = {"deck_gl_json_chart": "deck_gl_chart", "help_info": "help"}

#: Run by the peers' venv with COMPARED_SCRIPT on stdin: prints STREAMLIT_SHOWS as JSON.
STREAMLIT_PROBE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_string(sys.stdin.read(), default_timeout=60).run()
print(json.dumps([[child.type, child.value if child.type in ("markdown", "json", "exception") else None]
                  for child in at.main.children.values()]))
"""


def test_the_same_elements_as_streamlit() -> None:
    at = AppTest.from_string(COMPARED_SCRIPT).run(timeout=60)
    shown = [(child.kind, child.value if child.kind in ("markdown", "json", "exception") else None)
             for child in at.main.children]
    assert shown == [(PORCH_KIND.get(kind, kind), value) for kind, value in STREAMLIT_SHOWS]


if __name__ == "__main__":  # record STREAMLIT_SHOWS again: needs benchmarks/.peers-venv (benchmarks/peers.py)
    import subprocess
    from pathlib import Path

    peers = Path(__file__).resolve().parent.parent / "benchmarks" / ".peers-venv" / "bin" / "python"
    result = subprocess.run([str(peers), "-c", STREAMLIT_PROBE], input=COMPARED_SCRIPT, capture_output=True,
                            text=True, check=True)
    for kind, value in json.loads(result.stdout.splitlines()[-1]):
        print(f"    ({kind!r}, {value!r}),")
    sys.exit(0)
