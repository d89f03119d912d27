# session_state and callbacks: keys set before widgets, on_change and on_click with args, a rerun in a callback.
# step: at.button[0].click()
# step: at.button[0].click()
# step: at.text_input[0].input("typed")
# step: at.slider[0].set_value(9)
# step: at.button[1].click()
# step: at.session_state["level"] = 2
# step: at.button[2].click()
import streamlit as st

if "count" not in st.session_state:
    st.session_state.count = 0
    st.session_state.level = 4
    st.session_state.log = []


def add(amount: int) -> None:
    st.session_state.count += amount


def changed(what: str) -> None:
    st.session_state.log.append(f"{what}={st.session_state[what]}")


def reset() -> None:
    st.session_state.count = 0
    st.session_state.level = 0
    st.rerun()


st.button("Add two", on_click=add, args=(2,))
st.text_input("Note", key="note", on_change=changed, args=("note",))
st.slider("Level", 0, 10, key="level", on_change=changed, kwargs={"what": "level"})
st.button("Reset", on_click=reset)
if st.button("Rerun"):
    st.session_state.count += 100
    st.rerun()
st.write(f"count={st.session_state.count} level={st.session_state.level} note={st.session_state.note!r}")
st.write(f"log={st.session_state.log}")
st.write(sorted(k for k in st.session_state.keys()))
