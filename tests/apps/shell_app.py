"""Test fixture for the shell tests: shows where it runs, counts clicks, names its page, imports a local module."""

import porch as st
import shell_app_helper

st.set_page_config(page_title="Shell test app")
st.title(shell_app_helper.GREETING)
st.text(f"mode={st.runtime.mode} local={st.runtime.local_client}")
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.button("Count"):
    st.session_state.clicks += 1
st.text(f"clicks={st.session_state.clicks}")
st.markdown("[elsewhere](https://example.invalid/page)")
