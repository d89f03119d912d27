"""``import streamlit`` runs on Porch under ``porch run`` and AppTest, with the submodules apps import."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from porch.testing import AppTest
from shell_harness import Porch, clean_env


def run(source: str) -> AppTest:
    return AppTest.from_string(source).run()


def test_a_streamlit_script_runs_with_no_edit() -> None:
    at = run(
        """
        import streamlit as st
        st.title("Hello")
        n = st.slider("n", 0, 10, 3)
        st.write("double:", n * 2)
        """
    )
    assert at.title[0].value == "Hello"
    at.slider[0].set_value(4).run()
    assert at.markdown[0].value == "double: `8`"  # the markdown source, as Streamlit's AppTest gives it


def test_the_submodules_apps_import_are_porchs() -> None:
    at = run(
        """
        import streamlit as st
        from streamlit.errors import StreamlitAPIException
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        from streamlit.delta_generator import DeltaGenerator
        import porch
        st.write(f"exists={st.runtime.exists()}")
        st.write(f"ctx={get_script_run_ctx() is not None}")
        st.write(f"dg={isinstance(st.sidebar, DeltaGenerator)}")
        try:
            st.progress(500)
        except StreamlitAPIException:
            st.write("caught")
        st.write(f"same={st.slider is porch.slider}")
        """
    )
    assert at.markdown.values == ["exists=True", "ctx=True", "dg=True", "caught", "same=True"]


def test_streamlit_config_sets_and_reads_options_as_apps_call_it(caplog: pytest.LogCaptureFixture) -> None:
    # Apps written for older Streamlit set options through the module: ``from streamlit import config``.
    at = run(
        """
        import streamlit as st
        from streamlit import config
        import streamlit.config as same
        config.set_option("client.showSidebarNavigation", False)
        key = "client.showSidebarNavigation"
        st.write(f"nav={config.get_option(key)} st={st.get_option(key)}")
        st.write(f"same={same is config is st.config}")
        config.set_option("theme.primaryColor", "#ff0000")
        config.set_option("theme.primaryColor", "#00ff00")
        st.write("after")
        """
    )
    assert not at.exception
    assert at.markdown.values == ["nav=False st=False", "same=True", "after"]
    # A launch setting cannot change while the app runs: said once in the log, with where to set it.
    warned = [r.getMessage() for r in caplog.records if "theme.primaryColor" in r.getMessage()]
    assert len(warned) == 1 and "config.toml" in warned[0]


#: ``streamlit/typing.py``'s ``__all__`` in Streamlit 1.67.
STREAMLIT_TYPING = [
    "ButtonColumnClickState", "ChatInputValue", "DataEditorState", "DataframeState", "EChartsState", "PlotlyState",
    "PydeckState", "UploadedFile", "VegaLiteState",
]


def test_streamlit_typing_names_the_classes_porch_s_commands_return() -> None:
    import porch.typing
    import streamlit.typing
    from porch.upload_store import UploadedFile

    assert sorted(streamlit.typing.__all__) == sorted(porch.typing.__all__) == STREAMLIT_TYPING
    assert all(getattr(streamlit.typing, name) is getattr(porch.typing, name) for name in STREAMLIT_TYPING)
    assert streamlit.typing.UploadedFile is UploadedFile
    at = run(
        """
        import pandas as pd
        import streamlit as st
        from streamlit.typing import DataEditorState, DataframeState
        frame = pd.DataFrame({"a": [1, 2]})
        event = st.dataframe(frame, on_select="rerun", key="df")
        st.data_editor(frame, key="ed")
        st.write(f"frame={isinstance(event, DataframeState)} {isinstance(event.selection, DataframeState)}")
        st.write(f"editor={isinstance(st.session_state.ed, DataEditorState)} {st.session_state.ed.deleted_rows}")
        st.write(f"module={st.typing is __import__('streamlit.typing').typing}")
        try:
            st.session_state.ed["deleted_rows"] = [0]
        except TypeError:
            st.write("read-only")
        """
    )
    assert at.markdown.values == ["frame=True False", "editor=True []", "module=True", "read-only"]


def test_outside_a_run_the_runtime_does_not_exist() -> None:
    import streamlit
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    assert streamlit.__name__ == "porch.streamlit"
    assert streamlit.runtime.exists() is False and get_script_run_ctx() is None


def test_a_thread_given_the_run_context_writes_into_the_page() -> None:
    at = run(
        """
        import threading
        import streamlit as st
        from streamlit.runtime.scriptrunner import add_script_run_ctx

        def work():
            st.write("from a thread")

        thread = add_script_run_ctx(threading.Thread(target=work))
        thread.start()
        thread.join()
        """
    )
    assert at.markdown.values == ["from a thread"]


def test_a_thread_without_the_context_gets_a_clear_error() -> None:
    at = run(
        """
        import threading
        import streamlit as st
        errors = []

        def work():
            try:
                st.write("lost")
            except Exception as exc:
                errors.append(type(exc).__name__)

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        st.write(errors[0])
        """
    )
    assert at.markdown.values == ["NoRunContextError"]


def test_streamlit_testing_gives_porchs_apptest() -> None:
    from streamlit.testing.v1 import AppTest as StreamlitAppTest

    assert issubclass(StreamlitAppTest, AppTest) and StreamlitAppTest.whole_app_reruns  # as Streamlit's reruns
    at = StreamlitAppTest.from_string('import streamlit as st\nst.button("go")').run()
    assert at.button[0].label == "go"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # An old app's call of a name Streamlit retired: which name took its place, as Streamlit 1.67 says.
        (
            "st.experimental_rerun()",
            "module 'streamlit' has no attribute 'experimental_rerun'. st.experimental_rerun has been removed. "
            "Use st.rerun instead.",
        ),
        ("@st.cache\ndef f(): pass", "st.cache has been removed. Use st.cache_data or st.cache_resource instead."),
        ("st.experimental_get_query_params()", "Use st.query_params instead."),
        ("st.bokeh_chart(None)", "st.bokeh_chart has been removed. Use the streamlit-bokeh component instead."),
        # A typo: the names it may have meant.
        ("st.titel('x')", "module 'streamlit' has no attribute 'titel'. Did you mean st.title?"),
        ("st.input('x')", "Use a specific input command such as st.audio_input,"),
        # Neither: the plain error, no promise of a name to come.
        ("st.no_such_thing_here()", "module 'streamlit' has no attribute 'no_such_thing_here'"),
    ],
    ids=["experimental_rerun", "cache", "experimental_get_query_params", "bokeh_chart", "typo", "input", "unknown"],
)
def test_a_name_streamlit_removed_or_a_typo_says_what_to_use(line: str, message: str) -> None:
    at = run(f"import streamlit as st\n{line}\n")
    assert message in at.exception[0].message
    assert "(yet)" not in at.exception[0].message


def test_a_name_porch_lacks_fails_clearly_and_never_reaches_a_real_streamlit(tmp_path: Path) -> None:
    fake = tmp_path / "streamlit" / "nothing_here.py"
    fake.parent.mkdir()
    (fake.parent / "__init__.py").write_text("raise RuntimeError('the real Streamlit was imported')\n")
    fake.write_text("")
    sys.path.insert(0, str(tmp_path))
    try:
        at = run("import streamlit as st\nimport streamlit.nothing_here\n")
        assert "No module named 'streamlit.nothing_here' in Porch's streamlit" in at.exception[0].message
        at = run("import streamlit as st\nst.text('porch wins')\n")
        assert at.text[0].value == "porch wins"
    finally:
        sys.path.remove(str(tmp_path))


@pytest.mark.slow
def test_porch_run_serves_a_streamlit_script(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("import streamlit as st\nst.title('from streamlit')\nst.write(st.runtime.exists())\n")
    from urllib.request import urlopen

    from engine_harness import ProtocolClient

    with Porch("run", str(app), "--headless", "--host", "127.0.0.1", "--port", "0", env=clean_env(tmp_path)) as porch:
        port = porch.wait_for(r"http://127\.0\.0\.1:(\d+)").group(1)
        client = ProtocolClient(f"ws://127.0.0.1:{port}/_porch/ws")
        client.until_finished(status="ok")
        assert client.texts() == ["from streamlit", "True"]
        with urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert "<title>app</title>" in page.read().decode(), "the tab is named after the script, as Streamlit's"


def test_streamlit_config_and_flags_mean_what_they_mean_in_streamlit(tmp_path: Path) -> None:
    from porch.shell import settings as launch_settings
    from porch.shell.cli import _cli_settings, build_parser
    from porch.shell.streamlit_config import split_flags

    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text(
        '[server]\nport = 8600\nbaseUrlPath = "apps/x"\nmaxUploadSize = 50\nheadless = true\n'
        '[theme]\nbase = "dark"\n[browser]\ngatherUsageStats = false\n'
    )
    loaded = launch_settings.load(tmp_path, {}, environ={})
    assert (loaded.port, loaded.base_path, loaded.max_upload_mb, loaded.shell) == (8600, "/apps/x", 50.0, "headless")
    assert loaded.source("port") == str(tmp_path / ".streamlit" / "config.toml")
    assert loaded.theme == {"base": "dark"}  # the theme is Porch's too (core/theme.py)
    assert "theme.base" not in loaded.notices[0] and "browser.gatherUsageStats" in loaded.notices[0]

    argv, flags = split_flags(["run", "app.py", "--server.port", "8700", "--server.address=127.0.0.1",
                               "--theme.base", "light"])
    args = build_parser().parse_args(argv)
    args.streamlit_flags = flags
    cli = _cli_settings(args)
    assert cli == {"port": 8700, "host": "127.0.0.1", "theme": {"base": "light"}}
    assert launch_settings.load(tmp_path, cli, environ={}).port == 8700

    (tmp_path / ".porch").mkdir()
    (tmp_path / ".porch" / "config.toml").write_text("port = 9000\n")
    assert launch_settings.load(tmp_path, {}, environ={}).port == 9000, ".porch/ wins: .streamlit/ is not read"


def test_a_bad_streamlit_value_is_a_clear_launch_error(tmp_path: Path) -> None:
    from porch.shell import settings as launch_settings
    from porch.shell.errors import LaunchError

    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text('[server]\nport = "eighty"\n')
    with pytest.raises(LaunchError, match=r"server.port = 'eighty' is not a valid value"):
        launch_settings.load(tmp_path, {}, environ={})


def test_a_test_suite_written_for_streamlits_apptest_passes(tmp_path: Path) -> None:
    """pytest loads Porch's plugin (entry point pytest11): with no real Streamlit installed, it takes over."""
    import subprocess

    (tmp_path / "app.py").write_text(
        "import streamlit as st\n"
        "st.title('Counter')\n"
        "if 'count' not in st.session_state:\n"
        "    st.session_state.count = 0\n"
        "if st.button('Increment'):\n"
        "    st.session_state.count += 1\n"
        "st.markdown(f'Count: {st.session_state.count}')\n"
    )
    (tmp_path / "test_app.py").write_text(
        "from streamlit.testing.v1 import AppTest\n\n"
        "def test_counter():\n"
        "    at = AppTest.from_file('app.py').run()\n"
        "    assert at.title[0].value == 'Counter'\n"
        "    at.button[0].click().run()\n"
        "    at.button[0].click().run()\n"
        "    assert at.session_state.count == 2\n"
        "    assert at.markdown[0].value == 'Count: 2'\n"
        "    assert not at.exception\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_app.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
