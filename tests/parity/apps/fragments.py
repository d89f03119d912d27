# Fragments: a widget inside a fragment (Streamlit's AppTest reruns the whole script on each run()), rerun scopes.
# step: at.button[0].click()
# step: at.button[2].click()
# step: at.button[1].click()
import streamlit as st

st.session_state.runs = st.session_state.get("runs", 0) + 1


def count_clicks() -> None:
    st.session_state.clicks = st.session_state.get("clicks", 0)
    if st.button("Count"):
        st.session_state.clicks += 1
    st.write(f"clicks={st.session_state.clicks}")
    if st.button("Fragment rerun"):
        st.rerun(scope="fragment")


counter = st.fragment(count_clicks)  # as @st.fragment does (the call form keeps the type checker's types)
counter()
if st.button("App rerun"):
    st.rerun()
st.write(f"runs={st.session_state.runs}")
