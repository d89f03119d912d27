"""``json``: st.json of JSON values, JSON strings and objects that are not JSON."""

from __future__ import annotations

from support import app


def test_json_of_dict_list_and_json_string() -> None:
    at = app('st.json({"a": [1, 2], "b": None})\nst.json([1, "two"], expanded=False)\nst.json(\'{"x": 1}\')')
    assert [j.parsed for j in at.json] == [{"a": [1, 2], "b": None}, [1, "two"], {"x": 1}]
    assert at.json[1].props["expanded"] is False


def test_json_of_objects_that_are_not_json() -> None:
    at = app('import datetime\nst.json({"when": datetime.date(2024, 1, 2), "n": float("nan")})')
    assert at.json[0].value == '{"when": "datetime.date(2024, 1, 2)", "n": null}'  # JSON text, as Streamlit gives it
    value = at.json[0].parsed
    assert "2024" in value["when"]
    assert value["n"] is None


def test_json_expanded_may_be_a_number_of_levels() -> None:
    at = app('st.json({"a": {"b": 1}}, expanded=1)\nst.json([], expanded=False)')
    assert [j.props["expanded"] for j in at.json] == [1, False]


def test_apptest_reads_json_text_as_the_script_gave_it_as_streamlit_does() -> None:
    at = app('st.json(\'{"a":1,  "b":[true]}\')\nst.json("not json")\nst.json({"a": 1})')
    assert [j.value for j in at.json] == ['{"a":1,  "b":[true]}', "not json", '{"a": 1}']
    assert at.json[0].parsed == {"a": 1, "b": [True]}
