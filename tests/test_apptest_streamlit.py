"""A test suite written for Streamlit 1.67's AppTest passes on Porch, as a Streamlit user writes it.

Each test imports ``AppTest`` from ``streamlit.testing.v1`` and its scripts say ``import streamlit as st``: in this
process both are Porch's (the pytest plugin takes over where Streamlit is not installed). The tests follow
Streamlit's documentation of app testing: the "Get started" bean counter, the login page of its example, the
mutable attributes of "Beyond the basics", and the element classes of ``streamlit.testing.v1.element_tree`` with
the values, properties and actions Streamlit documents for each (a text element's ``value`` is its source).
"""

from __future__ import annotations

import json
import datetime
from datetime import date, time
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.errors import AppTestError

# -- Streamlit's "Get started with app testing": tests/apps/streamlit_apptest/beans.py -------------------------------


def test_increment_and_add() -> None:
    """A relative path is read from this file's folder, as in Streamlit."""
    at = AppTest.from_file("apps/streamlit_apptest/beans.py").run()
    at.number_input[0].increment().run()
    at.button[0].click().run()
    assert at.markdown[0].value == "Beans counted: 1"


def test_the_title_is_its_source_and_the_counter_keeps_counting() -> None:
    at = AppTest.from_file("apps/streamlit_apptest/beans.py").run()
    assert at.title[0].value == "Bean counter :paw_prints:"
    at.number_input[0].set_value(5).run()
    at.button[0].click().run()
    at.button[0].click().run()
    assert at.session_state.beans == 10
    assert at.markdown[0].value == "Beans counted: 10"
    assert not at.exception


def test_from_file_needs_a_file() -> None:
    with pytest.raises(FileNotFoundError, match="relative path"):
        AppTest.from_file("apps/streamlit_apptest/missing.py")


# -- Streamlit's "App testing example": a login page, tests/apps/streamlit_apptest/login.py -------------------------

LOGIN = "apps/streamlit_apptest/login.py"


def test_no_interaction() -> None:
    at = AppTest.from_file(LOGIN)
    at.secrets["password"] = "streamlit"
    at.run()
    assert at.session_state["status"] == "unverified"
    assert len(at.text_input) == 1
    assert len(at.warning) == 0
    assert len(at.success) == 0
    assert len(at.button) == 0
    assert at.text_input[0].value == ""


def test_incorrect_password() -> None:
    at = AppTest.from_file(LOGIN)
    at.secrets["password"] = "streamlit"
    at.run()
    at.text_input[0].input("balloon").run()
    assert at.session_state["status"] == "incorrect"
    assert len(at.text_input) == 1
    assert len(at.warning) == 1
    assert len(at.success) == 0
    assert len(at.button) == 0
    assert at.text_input[0].value == ""
    assert "Incorrect password" in at.warning[0].value


def test_correct_password() -> None:
    at = AppTest.from_file(LOGIN)
    at.secrets["password"] = "streamlit"
    at.run()
    at.text_input[0].input("streamlit").run()
    assert at.session_state["status"] == "verified"
    assert len(at.text_input) == 0
    assert len(at.warning) == 0
    assert len(at.success) == 1
    assert len(at.button) == 1
    assert "Login successful" in at.success[0].value
    assert at.button[0].label == "Log out"


def test_log_out() -> None:
    at = AppTest.from_file(LOGIN)
    at.secrets["password"] = "streamlit"
    at.session_state["status"] = "verified"
    at.run()
    at.button[0].click().run()
    assert at.session_state["status"] == "unverified"
    assert len(at.text_input) == 1
    assert len(at.warning) == 0
    assert len(at.success) == 0
    assert len(at.button) == 0
    assert at.text_input[0].value == ""


# -- "Beyond the basics": secrets, Session State, from_string, from_function ------------------------------------------


def test_secrets_and_session_state_set_before_the_first_run() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.write(st.secrets["db_username"], st.secrets.my_other_secrets.things_i_like[0])
        st.write(st.session_state.animal, st.session_state["favorite_color"])
        """
    )
    at.secrets["db_username"] = "Jane"
    at.secrets["my_other_secrets"] = {"things_i_like": ["Streamlit", "Python"]}
    at.session_state["animal"] = "Bird"
    at.session_state.favorite_color = "Pink"
    at.run()
    assert at.markdown.values == ["Jane Streamlit", "Bird Pink"]


def test_session_state_item_attribute_and_in() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        if "count" not in st.session_state:
            st.session_state.count = 0
        st.session_state.count += 1
        st.text_input("Name", key="name")
        """
    ).run()
    assert "count" in at.session_state and "missing" not in at.session_state
    assert at.session_state.count == at.session_state["count"] == 1
    assert at.session_state["name"] == "" and "name" in at.session_state
    at.session_state.count = 10
    at.session_state["name"] = "Ada"  # a widget's key, set from the test: the widget takes the value
    at.run()
    assert at.session_state.count == 11
    assert at.text_input(key="name").value == "Ada"
    assert at.session_state.get("missing", "default") == "default"
    with pytest.raises(AttributeError):
        at.session_state.missing


def test_from_string_removes_the_common_indentation() -> None:
    at = AppTest.from_string(
        """
            import streamlit as st
            st.write("indented")
        """
    ).run()
    assert at.markdown[0].value == "indented"


def test_from_function_with_args_and_kwargs() -> None:
    class Pet:
        def __init__(self, name: str) -> None:
            self.name = name

    def script(pet: "Pet", times: int = 1, *, greeting: str = "Hello") -> None:  # (a name the script has not)
        import streamlit as st

        for _ in range(times):
            st.text(f"{greeting}, {pet.name}")

    # The objects themselves reach the script, not copies of their repr.
    at = AppTest.from_function(script, args=(Pet("Rex"),), kwargs={"times": 2, "greeting": "Hi"}).run()
    assert at.text.values == ["Hi, Rex", "Hi, Rex"]


def test_from_function_without_arguments_and_default_timeout() -> None:
    def script() -> None:
        import time

        import streamlit as st

        time.sleep(0.3)
        st.text("slow")

    at = AppTest.from_function(script, default_timeout=5).run()
    assert at.text[0].value == "slow"
    with pytest.raises(RuntimeError, match="timed out"):
        AppTest.from_function(script).run(timeout=0.05)


def test_an_exception_in_the_script() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.write("before")
        raise ValueError("Something went wrong")
        """
    ).run()
    assert len(at.exception) == 1
    error = at.exception[0]
    assert error.value == error.message == "Something went wrong"
    assert error.is_markdown is False
    assert any("raise ValueError" in line for line in error.stack_trace)
    assert at.markdown[0].value == "before"


# -- text elements: ``value`` is the source the script gave ----------------------------------------------------------


def test_markdown_caption_and_write_give_their_markdown_source() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.markdown("Some *emphasis* and a [link](https://streamlit.io)")
        st.markdown('''
            # Indented

            body
        ''')
        st.caption("A caption with _italics_ :blue[colors] and emojis :sunglasses:")
        st.markdown("<b>bold</b>", unsafe_allow_html=True)
        st.write("Total:", 5, "units")
        st.write(3.5)
        """
    ).run()
    assert at.markdown.values == [
        "Some *emphasis* and a [link](https://streamlit.io)",
        "# Indented\n\nbody",
        "<b>bold</b>",
        "Total: `5` units",
        "`3.5`",
    ]
    assert at.caption[0].value == "A caption with _italics_ :blue[colors] and emojis :sunglasses:"
    assert at.caption[0].is_caption and not at.markdown[0].is_caption
    assert [m.allow_html for m in at.markdown] == [False, False, True, False, False]
    assert at.markdown[0].type == "markdown" and at.caption[0].type == "caption"


def test_headings_text_code_and_latex() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.title("This is a **title**", help="The page's title")
        st.header("Header", divider="rainbow")
        st.subheader("Subheader _italic_", anchor="sub")
        st.text("  plain **text**  ")
        st.code('''
        def hello():
            print("Hello, Streamlit!")
        ''', language="python", line_numbers=True)
        st.code("SELECT 1", language=None)
        st.latex(r"a + ar + a r^2 + a r^3 + \\cdots")
        """
    ).run()
    assert at.title[0].value == "This is a **title**" and at.title[0].tag == "h1"
    assert at.title[0].help == "The page's title"
    assert (at.header[0].value, at.header[0].tag) == ("Header", "h2")
    assert (at.subheader[0].value, at.subheader[0].tag, at.subheader[0].anchor) == ("Subheader _italic_", "h3", "sub")
    assert [h.type for h in (at.title[0], at.header[0], at.subheader[0])] == ["title", "header", "subheader"]
    assert at.text[0].value == "plain **text**"
    assert at.code[0].value == 'def hello():\n    print("Hello, Streamlit!")'
    assert (at.code[0].language, at.code[0].show_line_numbers) == ("python", True)
    assert at.code[1].language == "plaintext"
    assert at.latex[0].value == "$$\na + ar + a r^2 + a r^3 + \\cdots\n$$"


def test_alerts_give_their_body_and_icon() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.error("This is an **error**", icon="🚨")
        st.warning("This is a warning")
        st.info("This is a purely informational message", icon="ℹ️")
        st.success("This is a success message!", icon="✅")
        """
    ).run()
    assert at.error[0].value == "This is an **error**"
    assert at.error[0].icon == "🚨"
    assert at.warning[0].value == "This is a warning" and at.warning[0].icon == ""
    assert at.info[0].icon == "ℹ️"
    assert at.success.values == ["This is a success message!"]
    assert [a.type for a in at.get("error") + at.get("success")] == ["error", "success"]


def test_json_value_is_the_json_text() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.json({"foo": "bar", "stuff": ["stuff 1", "stuff 2"], "level1": {"level2": {"a": "b"}}}, expanded=2)
        st.json([1, 2, 3], expanded=False)
        """
    ).run()
    assert json.loads(at.json[0].value) == {"foo": "bar", "stuff": ["stuff 1", "stuff 2"], "level1": {"level2": {"a": "b"}}}
    assert at.json[1].value == "[1, 2, 3]"
    assert at.json[0].expanded == 2 and at.json[1].expanded is False


def test_table_and_dataframe_values_keep_their_column_labels_as_streamlits() -> None:
    # Streamlit 1.67's AppTest (the same script): each value is the Arrow table it sent, read back by pandas, so the
    # labels keep their type (0 stays an integer, a MultiIndex its tuples); None among text comes back NaN and mixed
    # labels as text, as pyarrow restores them.
    at = AppTest.from_string(
        """
        import numpy as np
        import pandas as pd
        import streamlit as st

        for data in [pd.DataFrame([[1, 2]], columns=[0, 1]), pd.DataFrame([[1, 2]], columns=[0.5, 1.5]),
                     pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)])),
                     pd.DataFrame([[1, 2]], columns=[None, "x"]), np.array([[1, 2]]), {"a": [1], 3: [2]},
                     pd.DataFrame([[1]], columns=[None])]:
            st.table(data)
            st.dataframe(data)
        """
    ).run()
    expected = [
        ([0, 1], "int64"), ([0.5, 1.5], "float64"), ([("a", 1), ("b", 2)], "object"), (["nan", "x"], "str"),
        ([0, 1], "int64"), (["a", "3"], "str"), ([None], "object"),
    ]

    def labels(element: Any) -> tuple[list[Any], str]:
        columns = element.value.columns
        shown = ["nan" if isinstance(label, float) and label != label else label for label in columns]
        return shown, str(columns.dtype)

    assert [labels(table) for table in at.table] == expected
    assert [labels(frame) for frame in at.dataframe] == expected
    assert at.table[0].value.values.tolist() == [[1, 2]]


def test_a_dataframe_keeps_its_value_when_an_editor_shows_the_same_frame() -> None:
    # Streamlit 1.67's AppTest gives the dataframe's data, whatever else shows the same object.
    at = AppTest.from_string(
        """
        import pandas as pd
        import streamlit as st

        df = pd.DataFrame({"n": [1, 2]})
        st.dataframe(df)
        st.data_editor(df)
        """
    ).run()
    assert at.dataframe[0].value.to_dict("list") == {"n": [1, 2]}
    assert at.dataframe[0].rows(0, 2, sort=[(0, "desc")])["cells"] == [[1, 2], [0, 1]]  # (index, n)


def test_divider_metric_toast_and_progress() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.divider()
        st.metric(label="Temperature", value="70 °F", delta="1.2 °F", help="Outside")
        st.metric("Wind", 9, -8)
        st.toast("Your edited image was **saved**!", icon="😍")
        st.progress(25, text="Operation in progress")
        st.progress(0.5)
        """
    ).run()
    assert at.divider[0].value == "---"
    temperature, wind = at.metric
    assert (temperature.value, temperature.label, temperature.delta, temperature.help) == ("70 °F", "Temperature", "1.2 °F", "Outside")
    assert (wind.value, wind.delta, wind.color) == ("9", "-8", "red")
    assert (at.toast[0].value, at.toast[0].icon) == ("Your edited image was **saved**!", "😍")
    assert [(p.value, p.text) for p in at.progress] == [(25, "Operation in progress"), (50, "")]


# -- widgets: Streamlit's element classes and their actions -----------------------------------------------------------


def test_button_click_and_form_submit_button() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        if st.button("Say hello", key="hello", help="Greets you"):
            st.write("Why hello there")
        with st.form("my_form"):
            name = st.text_input("Name")
            submitted = st.form_submit_button("Submit")
        if submitted:
            st.write(f"Submitted {name}")
        """
    ).run()
    hello = at.button(key="hello")
    assert (hello.label, hello.help, hello.value, hello.disabled) == ("Say hello", "Greets you", False, False)
    hello.click()
    assert hello.value is True  # clicked, until the run it causes
    at.run()
    assert at.markdown.values == ["Why hello there"] and at.button(key="hello").value is True
    at.run()
    assert at.markdown.values == [] and at.button[0].value is False
    assert len(at.button) == 2 and len(at.form_submit_button) == 1
    at.text_input[0].input("Ada")
    at.run()
    assert at.markdown.values == []  # a form's values wait for its submit button
    at.form_submit_button[0].click().run()
    assert at.markdown.values == ["Submitted Ada"]
    assert at.form[0].key == "my_form" and at.text_input[0].form_id == "my_form" and at.button[0].form_id == ""


def test_checkbox_and_toggle() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        agree = st.checkbox("I agree", key="agree")
        on = st.toggle("Activate feature")
        st.write(f"agree={agree} on={on}")
        """
    ).run()
    assert at.checkbox[0].value is False and at.toggle[0].value is False
    at.checkbox[0].check().run()
    assert at.markdown[0].value == "agree=True on=False"
    at.toggle[0].set_value(True).run()
    assert at.markdown[0].value == "agree=True on=True"
    at.checkbox(key="agree").uncheck().run()
    assert at.markdown[0].value == "agree=False on=True"
    assert (at.checkbox[0].type, at.toggle[0].type) == ("checkbox", "toggle")


def test_radio_and_selectbox() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        genre = st.radio("What's your favorite movie genre", ["Comedy", "Drama", "Documentary"], horizontal=True)
        option = st.selectbox(
            "How would you like to be contacted?", ("Email", "Home phone", "Mobile phone"), index=None,
            placeholder="Select contact method...",
        )
        st.write(f"{genre} / {option}")
        """
    ).run()
    radio, select = at.radio[0], at.selectbox[0]
    assert (radio.value, radio.index, radio.options, radio.horizontal) == ("Comedy", 0, ["Comedy", "Drama", "Documentary"], True)
    assert (select.value, select.index, select.placeholder) == (None, None, "Select contact method...")
    radio.set_value("Drama")
    select.select("Mobile phone")
    at.run()
    assert at.markdown[0].value == "Drama / Mobile phone"
    assert (at.radio[0].index, at.selectbox[0].index) == (1, 2)
    at.selectbox[0].select_index(0).run()
    assert at.selectbox[0].value == "Email"
    at.selectbox[0].select_index(None).run()
    assert at.markdown[0].value == "Drama / None"


def test_options_shown_by_format_func_keep_their_values() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        size = st.radio("Size", [1, 2, 3], format_func=lambda n: ["S", "M", "L"][n - 1])
        st.write(size * 10)
        """
    ).run()
    assert at.radio[0].options == ["S", "M", "L"] and at.radio[0].value == 1
    at.radio[0].set_value(3).run()
    assert at.markdown[0].value == "`30`"


def test_multiselect() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        options = st.multiselect(
            "What are your favorite colors?", ["Green", "Yellow", "Red", "Blue"], default=["Yellow", "Red"],
            max_selections=3,
        )
        st.write("You selected:", ", ".join(options))
        """
    ).run()
    colors = at.multiselect[0]
    assert (colors.value, colors.indices, colors.values, colors.max_selections) == (
        ["Yellow", "Red"], [1, 2], ["Yellow", "Red"], 3
    )
    colors.select("Blue").unselect("Yellow").run()
    assert at.multiselect[0].value == ["Red", "Blue"]
    assert at.markdown[0].value == "You selected: Red, Blue"
    at.multiselect[0].set_value([]).run()
    assert at.markdown[0].value == "You selected:"


def test_sliders() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        age = st.slider("How old are you?", 0, 130, 25)
        values = st.slider("Select a range of values", 0.0, 100.0, (25.0, 75.0), step=0.5)
        color = st.select_slider("Select a color", options=["red", "orange", "yellow", "green"], value="orange")
        start, end = st.select_slider("Select a range", options=["red", "orange", "yellow", "green"], value=("red", "green"))
        st.write(f"{age} {values} {color} {start}-{end}")
        """
    ).run()
    age = at.slider[0]
    assert (age.value, age.min, age.max, age.step) == (25, 0, 130, 1)
    assert at.slider[1].value == (25.0, 75.0)
    assert at.select_slider[0].options == ["red", "orange", "yellow", "green"]
    age.set_value(40)
    at.slider[1].set_range(10.5, 20.0)
    at.select_slider[0].set_value("green")
    at.select_slider[1].set_range("orange", "yellow")
    at.run()
    assert at.markdown[0].value == "40 (10.5, 20.0) green orange-yellow"


def test_number_input_increment_decrement() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        number = st.number_input("Insert a number", min_value=0.0, max_value=1.0, value=0.5, step=0.25, format="%0.2f")
        empty = st.number_input("Optional", value=None, placeholder="Type a number...")
        st.write(f"{number} {empty}")
        """
    ).run()
    number = at.number_input[0]
    assert (number.value, number.min, number.max, number.step, number.format) == (0.5, 0.0, 1.0, 0.25, "%0.2f")
    number.increment().run()
    at.number_input[0].increment().run()
    assert at.number_input[0].value == 1.0  # held at max
    at.number_input[0].decrement().run()
    assert at.markdown[0].value == "0.75 None"
    assert at.number_input[1].placeholder == "Type a number..."
    at.number_input[1].increment()  # nothing to step from, as in Streamlit
    assert at.number_input[1].value is None
    at.number_input[1].set_value(3).run()
    assert at.markdown[0].value == "0.75 3.0"


def test_text_input_and_text_area() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        title = st.text_input("Movie title", "Life of Brian", max_chars=20, placeholder="Title")
        txt = st.text_area("Text to analyze", "It was the best of times")
        st.write(f"{title} | {len(txt)}")
        """
    ).run()
    title = at.text_input[0]
    assert (title.value, title.max_chars, title.placeholder, title.label) == ("Life of Brian", 20, "Title", "Movie title")
    title.input("x" * 21)  # longer than max_chars: ignored, as in Streamlit
    assert at.text_input[0].value == "Life of Brian"
    title.input("Brazil")
    at.text_area[0].input("It was the age of wisdom")
    at.run()
    assert at.markdown[0].value == "Brazil | 24"


def test_date_and_time_inputs() -> None:
    at = AppTest.from_string(
        """
        import datetime
        import streamlit as st

        d = st.date_input("When's your birthday", datetime.date(2019, 7, 6), min_value=datetime.date(2000, 1, 1),
                          max_value=datetime.date(2030, 12, 31))
        trip = st.date_input("Trip", (datetime.date(2024, 1, 1), datetime.date(2024, 1, 7)))
        t = st.time_input("Set an alarm for", datetime.time(8, 45), step=900)
        st.write(f"{d} {trip[0]}..{trip[-1]} {t}")
        """
    ).run()
    birthday, trip = at.date_input
    assert (birthday.value, birthday.min, birthday.max, birthday.is_range) == (
        date(2019, 7, 6), date(2000, 1, 1), date(2030, 12, 31), False
    )
    assert trip.is_range and trip.value == (date(2024, 1, 1), date(2024, 1, 7))
    alarm = at.time_input[0]
    assert (alarm.value, alarm.step) == (time(8, 45), 900)
    birthday.set_value(date(2020, 2, 29))
    trip.set_value((date(2024, 2, 1), date(2024, 2, 3)))
    alarm.increment()
    at.run()
    assert at.markdown[0].value == "2020-02-29 2024-02-01..2024-02-03 09:00:00"
    at.time_input[0].decrement().decrement().run()
    assert at.time_input[0].value == time(8, 30)


def test_color_picker() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        color = st.color_picker("Pick A Color", "#00f900")
        st.write("The current color is", color)
        """
    ).run()
    assert at.color_picker[0].value == "#00f900"
    at.color_picker[0].pick("ff0000").run()  # the "#" may be left out
    assert at.markdown[0].value == "The current color is #ff0000"


def test_pills_and_segmented_control() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        directions = st.pills("Directions", ["North", "East", "South", "West"], selection_mode="multi")
        mode = st.segmented_control("Mode", ["Walk", "Bike", "Drive"], default="Walk")
        st.write(f"{directions} {mode}")
        """
    ).run()
    pills, segmented = at.pills[0], at.segmented_control[0]
    assert (pills.value, segmented.value, segmented.options) == ([], "Walk", ["Walk", "Bike", "Drive"])
    pills.select("North").select("West")
    segmented.select("Bike")
    at.run()
    assert at.markdown[0].value == "['North', 'West'] Bike"
    assert at.pills[0].indices == [0, 3]
    at.pills[0].unselect("North")
    at.segmented_control[0].unselect("Bike")
    at.run()
    assert at.markdown[0].value == "['West'] None"
    assert len(at.button_group) == 2 and at.pills[0].type == "button_group"


def test_file_uploader() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        uploaded = st.file_uploader("Upload a file")
        if uploaded:
            st.write(f"Uploaded: {uploaded.name}")
        files = st.file_uploader("Upload CSVs", type="csv", accept_multiple_files=True)
        st.write(f"{len(files)} csv: " + ", ".join(f.read().decode() for f in files))
        """
    ).run()
    assert at.file_uploader[1].accept_multiple_files and at.file_uploader[1].allowed_type == [".csv"]
    at.file_uploader[0].set_value(("data.csv", b"col1,col2\n1,2", "text/csv"))
    at.file_uploader[1].upload("a.csv", b"1", "text/csv").upload("b.csv", b"2", "text/csv")
    at.run()
    assert at.markdown.values == ["Uploaded: data.csv", "2 csv: 1, 2"]
    at.file_uploader[0].set_value(None)
    at.file_uploader[1].set_value([("c.csv", b"3", "text/csv")])
    at.run()
    assert at.markdown.values == ["1 csv: 3"]


def test_chat_input_and_chat_message() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        prompt = st.chat_input("Say something")
        if prompt:
            with st.chat_message("user"):
                st.write(prompt)
            with st.chat_message("assistant"):
                st.write(f"Echo: {prompt}")
        """
    ).run()
    assert len(at.chat_message) == 0 and at.chat_input[0].placeholder == "Say something"
    at.chat_input[0].set_value("Hello").run()
    user, assistant = at.chat_message
    assert (user.name, user.avatar, user.markdown[0].value) == ("user", "user", "Hello")
    assert (assistant.name, assistant.markdown[0].value) == ("assistant", "Echo: Hello")
    at.run()
    assert len(at.chat_message) == 0  # a message is sent once


def test_a_disabled_widget_cannot_be_changed() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.checkbox("Locked", disabled=True, key="locked")
        st.button("Go", disabled=True)
        st.markdown("text")
        """
    ).run()
    assert at.checkbox[0].disabled
    with pytest.raises(AppTestError, match="disabled"):
        at.checkbox[0].check()
    with pytest.raises(AppTestError, match="disabled"):
        at.button[0].click()
    with pytest.raises(AppTestError, match="not supported"):
        at.markdown[0].set_value("other")


# -- containers -------------------------------------------------------------------------------------------------------


def test_columns_tabs_expander_sidebar_and_status() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        col1, col2 = st.columns([1, 3], gap="large")
        col1.button("Left")
        with col2:
            st.write("Right")
        tab1, tab2 = st.tabs(["Cat", "Dog"])
        tab1.header("A cat")
        tab2.header("A dog")
        with st.expander("See explanation", icon="ℹ️"):
            st.write("The chart above shows some numbers.")
        st.sidebar.selectbox("Contact", ["Email", "Phone"])
        with st.status("Downloading data...", expanded=True) as status:
            st.write("Searching for data...")
            status.update(label="Download complete!", state="complete")
        with st.container(border=True):
            st.text("inside")
        """
    ).run()
    left, right = at.columns
    assert (left.weight, right.weight, left.gap) == (0.25, 0.75, "large")
    assert left.button[0].label == "Left" and right.markdown[0].value == "Right"
    assert [tab.label for tab in at.tabs] == ["Cat", "Dog"]
    assert at.tabs[1].header[0].value == "A dog"
    assert (at.expander[0].label, at.expander[0].icon) == ("See explanation", "ℹ️")
    assert at.expander[0].markdown[0].value == "The chart above shows some numbers."
    assert len(at.sidebar.selectbox) == 1 and len(at.main.selectbox) == 0
    assert (at.status[0].label, at.status[0].state) == ("Download complete!", "complete")
    assert at.container[0].text[0].value == "inside"
    assert [block.type for block in (left, at.tabs[0], at.expander[0], at.status[0])] == ["column", "tab", "expander", "status"]


# -- AppTest's own names: get, get_by_key, lists, iteration, keys -----------------------------------------------------


def test_get_lists_and_keys() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.text("one")
        st.slider("A", key="a")
        st.slider("B", key="b")
        with st.expander("More"):
            st.text("two")
        """
    ).run()
    assert [t.value for t in at.get("text")] == ["one", "two"]
    assert at.get("slider") == at.slider and len(at.get("expander")) == 1
    assert at.slider(key="b").label == "B" and at.slider.values == [0, 0]
    assert at.slider[1:] == [at.slider[1]] and at.slider.len == 2
    assert at.get_by_key("a") == at.slider[0]
    with pytest.raises(KeyError):
        at.slider(key="missing")
    with pytest.raises(KeyError):
        at.get_by_key("missing")
    assert len(at.expander[0]) == 1 and at.expander[0][0].value == "two"
    assert [node.type for node in at.main] == ["main", "text", "slider", "slider", "expander", "text"]
    # As Streamlit's tree: main, sidebar, the event root (toasts, styles, the dialog), and the bottom once used.
    assert len(at) == 3 and [at[i].type for i in range(3)] == ["main", "sidebar", "event"] and at[3].type == "bottom"
    assert "Slider" in repr(at.slider) and "key='a'" in repr(at.slider[0])
    shown: list[Any] = [at.slider[0].key, at.text[0].key]
    assert shown == ["a", None]


def test_a_streamlit_suite_imports_the_element_classes_it_types_with() -> None:
    from streamlit.testing.v1.element_tree import Button, Column, Markdown, Slider, Tab, Title

    at = AppTest.from_string(
        """
        import streamlit as st

        st.title("T")
        st.markdown("m")
        st.button("b")
        st.slider("s")
        a, = st.columns(1)
        t, = st.tabs(["x"])
        """
    ).run()
    assert isinstance(at.title[0], Title) and isinstance(at.markdown[0], Markdown)
    assert isinstance(at.button[0], Button) and isinstance(at.slider[0], Slider)
    assert isinstance(at.columns[0], Column) and isinstance(at.tabs[0], Tab)


def test_an_alert_takes_the_emoji_that_starts_its_body_as_its_icon() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.error("🚨 Error occurred")
        st.warning("⚠️-Caution", icon="🔥")
        st.info("No icon here")
        """
    ).run()
    assert [(a.value, a.icon) for a in at.get("error") + at.get("warning") + at.get("info")] == [
        ("Error occurred", "🚨"),
        ("⚠️-Caution", "🔥"),
        ("No icon here", ""),
    ]


# -- set_value(None), as Streamlit 1.67's AppTest takes it (each row checked against Streamlit's own) ---------------

#: A widget call, a value to move it to first, and what the script gets after ``set_value(None)``: widgets that start
#: with a value go back to it (Streamlit's AppTest sends no value, which its widget reads as its default), a date goes
#: empty, and the widgets whose AppTest reads None as "not set" keep the value they had.
NONE_CASES = [
    ("st.number_input('n', value=5, key='w')", 8, 5),
    ("st.number_input('n', value=None, key='w')", 8, None),
    ("st.selectbox('s', ['a', 'b', 'c'], index=1, key='w')", "c", "b"),
    ("st.selectbox('s', ['a', 'b', 'c'], index=None, key='w')", "c", None),
    ("st.radio('r', ['a', 'b', 'c'], index=1, key='w')", "c", "b"),
    ("st.text_input('t', 'start', key='w')", "typed", "start"),
    ("st.text_input('t', None, key='w')", "typed", None),
    ("st.text_area('t', 'start', key='w')", "typed", "start"),
    ("st.time_input('t', datetime.time(8, 45), key='w')", datetime.time(9, 30), datetime.time(8, 45)),
    ("st.time_input('t', None, key='w')", datetime.time(9, 30), None),
    (
        "st.datetime_input('d', datetime.datetime(2024, 5, 17, 8, 45), key='w')",
        datetime.datetime(2024, 6, 1, 12, 0),
        datetime.datetime(2024, 5, 17, 8, 45),
    ),
    ("st.date_input('d', datetime.date(2024, 5, 17), key='w')", datetime.date(2024, 6, 1), None),
    ("st.date_input('d', None, key='w')", datetime.date(2024, 6, 1), None),
    (
        "st.date_input('d', (datetime.date(2024, 5, 17), datetime.date(2024, 5, 19)), key='w')",
        (datetime.date(2024, 6, 1), datetime.date(2024, 6, 2)),
        (),
    ),
    ("st.pills('p', ['a', 'b'], default='a', key='w')", "b", None),
    ("st.segmented_control('p', ['a', 'b'], default='a', key='w')", "b", None),
    ("st.pills('p', ['a', 'b'], selection_mode='multi', default=['a'], key='w')", ["b"], []),
    ("st.segmented_control('p', ['a', 'b'], selection_mode='multi', key='w')", ["a", "b"], []),
    ("st.feedback('stars', key='w')", 3, None),
    ("st.checkbox('c', True, key='w')", False, False),
    ("st.toggle('c', True, key='w')", False, False),
    ("st.slider('s', 0, 10, 5, key='w')", 8, 8),
    ("st.select_slider('s', ['a', 'b', 'c'], 'b', key='w')", "c", "c"),
    ("st.multiselect('m', ['a', 'b'], ['a'], key='w')", ["b"], ["b"]),
    ("st.color_picker('c', '#ff0000', key='w')", "#00ff00", "#00ff00"),
]


@pytest.mark.parametrize(("call", "moved_to", "after_none"), NONE_CASES, ids=[c[0].split("(")[0] for c in NONE_CASES])
def test_set_value_none_does_what_streamlits_apptest_does(call: str, moved_to: Any, after_none: Any) -> None:
    at = AppTest.from_string(f"import datetime\nimport streamlit as st\n\nst.write(repr({call}))\n").run()
    at.get_by_key("w").set_value(moved_to).run()
    assert at.session_state["w"] == moved_to
    at.get_by_key("w").set_value(None).run()
    assert not at.exception
    assert at.session_state["w"] == after_none
    assert at.get_by_key("w").value == after_none
    assert at.markdown[0].value == repr(after_none)


def test_a_click_whose_run_called_rerun_is_over_in_the_run_that_follows() -> None:
    at = AppTest.from_string(
        """
        import streamlit as st

        st.session_state.runs = st.session_state.get("runs", 0) + 1
        pressed = st.button("Save")
        st.write(f"pressed={pressed} runs={st.session_state.runs}")
        if pressed:
            st.rerun()
        """
    ).run()
    at.button[0].click().run()
    # The click's run ended in st.rerun(): the run that followed, the one shown, had no click (Streamlit's value).
    assert at.markdown.values == ["pressed=False runs=3"]
    assert at.button[0].value is False


def test_choices_are_found_by_their_labels_too_as_streamlits() -> None:
    """Streamlit's AppTest finds an option by the label it shows (``format_func``'s, or ``str``'s): a label, or a value
    that reads as one, picks that option, and the script gets the option itself."""
    at = AppTest.from_string(
        """
        import streamlit as st

        sex = st.radio("Sex", ["male", "female"], format_func=str.capitalize)
        count = st.selectbox("Count", [1, 2, 3])
        tags = st.multiselect("Tags", ["a", "b"], format_func=str.upper)
        span = st.select_slider("Span", [1, 2, 3, 4], value=(1, 2))
        st.write(repr((sex, count, tags, span)))
        """
    ).run()
    at.radio[0].set_value("Female")
    at.selectbox[0].set_value("3")
    at.multiselect[0].set_value(["B"])
    at.select_slider[0].set_range("2", "4")
    at.run()
    assert at.markdown[0].value == "('female', 3, ['b'], (2, 4))"
    assert (at.radio[0].value, at.multiselect[0].value) == ("female", ["b"])
    with pytest.raises(ValueError, match="not one of the options"):
        at.radio[0].set_value("Other")  # no option reads so: refused as before
