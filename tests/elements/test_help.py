"""``help``: st.help, a panel that describes an object; write and magic show functions, classes and modules so."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, kinds
from test_browser import open_app

DOG = '''
class Dog:
    """A typical dog."""

    legs = 4

    def __init__(self, breed, color="white"):
        self.breed = breed
        self.color = color

    def bark(self):
        """Say woof.

        Loudly."""
        return "Woof!"

    @property
    def loud(self):
        """Whether it barks a lot."""
        raise AssertionError("a property is never run to describe it")

    class Collar:
        """What it wears."""
'''


def test_an_instance_shows_its_class_docs_and_members_without_running_properties() -> None:
    at = app(DOG + 'fido = Dog("poodle")\nst.help(fido)')
    (panel,) = at.help
    assert (panel.name, panel.object_type, panel.props["value"]) == ("fido", "Dog", "__main__.Dog(breed, color='white')")
    assert panel.doc_string == "A typical dog."
    assert panel.value == "fido" and panel.type == "help_info"  # as Streamlit's AppTest gives them
    assert [(m["name"], m["type"]) for m in panel.members] == [
        ("breed", "str"), ("color", "str"), ("legs", "int"), ("loud", "property"), ("bark", "method"),
        ("Collar", "class"),
    ]
    members = {m["name"]: m for m in panel.members}
    assert members["breed"]["value"] == "'poodle'" and members["legs"]["value"] == "4"
    assert members["bark"]["doc"] == "Say woof." and members["loud"]["doc"] == "Whether it barks a lot."
    assert members["Collar"]["doc"] == "What it wears."


def test_a_class_a_function_and_a_value() -> None:
    at = app(DOG + "def area(r: float) -> float:\n    return 3.14 * r * r\nst.help(Dog)\nst.help(area)\nst.help(x := [1, 2])")
    dog, area, value = at.help
    assert (dog.name, dog.object_type, dog.props["value"]) == ("Dog", "class", "__main__.Dog(breed, color='white')")
    assert (area.name, area.object_type, area.props["value"]) == ("area", "function", "__main__.area(r: float) -> float")
    assert area.props["doc"] is None
    assert (value.name, value.object_type, value.props["value"]) == ("x", "list", "[1, 2]")
    assert value.props["doc"].startswith("Built-in mutable sequence")


def test_names_come_from_the_script_expression() -> None:
    at = app(
        'import json\nst.help(json.dumps)\nst.help("text")\nst.help(\n    json.loads,\n)\nst.write(json.JSONDecoder)\n'
        "json.JSONEncoder\n"
    )
    assert [panel.name for panel in at.help] == ["json.dumps", None, "json.loads", "json.JSONDecoder", "json.JSONEncoder"]
    assert at.help[1].props["value"] == "'text'"


def test_without_an_object_it_describes_porch() -> None:
    at = app("st.help()")
    (panel,) = at.help
    assert (panel.name, panel.object_type, panel.props["value"]) == (None, "module", "porch")
    names = [m["name"] for m in panel.members]
    assert {"button", "help", "html", "slider", "session_state"} <= set(names)
    assert "annotations" not in names and "TYPE_CHECKING" not in names  # only its __all__
    button = next(m for m in panel.members if m["name"] == "button")
    assert button["type"] == "method" and button["doc"]


def test_write_and_magic_show_functions_classes_and_modules_as_help() -> None:
    at = app(
        DOG
        + 'import json, dataclasses\n@dataclasses.dataclass\nclass Point:\n    x: int = 0\n'
        + "json\nst.write(json.dumps)\nDog\nst.write(Point())\nst.write(object())\nst\nst.write('text', 5)"
    )
    assert [panel.name for panel in at.help] == ["json", "json.dumps", "Dog", "Point()", "object()", "st"]
    assert at.help[-1].props["value"] == "porch"
    assert kinds(at.main)[-1] == "markdown"  # plain values stay text


def test_width_and_bad_width() -> None:
    assert app("st.help(len, width=400)").help[0].props["width"] == 400
    assert "width must be" in app('st.help(len, width="wide")').exception[0].message


@pytest.mark.browser
def test_the_panel_shows_name_type_docs_and_members(context: Any) -> None:
    with running_engine("import porch as st\n" + DOG + "st.help(Dog)\n") as server:
        page = open_app(context, server.url)
        panel = page.get_by_role("region", name="Help: Dog")
        expect(panel.locator(".doc-name")).to_have_text("Dog")
        expect(panel.locator(".doc-type").first).to_have_text("class")
        expect(panel.locator(".doc-text")).to_have_text("A typical dog.")
        members = panel.get_by_role("definition")
        expect(panel.get_by_role("term").filter(has_text="bark")).to_be_visible()
        expect(members.filter(has_text="Say woof.")).to_be_visible()
        expect(members.filter(has_text="What it wears.")).to_be_visible()
        panel.locator(".doc-members").focus()
        expect(panel.locator(".doc-members")).to_be_focused()


def test_apptest_value_is_a_readable_repr_and_the_name_for_a_signature_as_in_streamlit() -> None:
    at = app(
        "import dataclasses\n\n@dataclasses.dataclass\nclass Point:\n    x: int = 1\n\n"
        "class Plain:\n    pass\n\n"
        "def area(width, height=2):\n    return width\n\n"
        "st.write(Point())\nst.help(Plain())\nst.help(area)\nst.help(Point)\nst.help('(1)')"
    )
    assert [h.value for h in at.get("help_info")] == ["Point(x=1)", "Plain()", "area", "Point", "'(1)'"]
