# A dialog opened by a button's callback, a widget in it, a submit that closes it; a spinner that leaves no place.
# step: at.button[0].click()
# step: at.text_input[0].input("because")
# step: at.button[1].click()
# step: at.run()
import streamlit as st


def ask_why(item: str) -> None:
    st.write(f"Why {item}?")
    reason = st.text_input("Because...")
    st.write(f"reason so far: {reason!r}")
    if st.button("Submit"):
        st.session_state.vote = {"item": item, "reason": reason}
        st.session_state.asking = False
        st.rerun()


def open_dialog() -> None:
    st.session_state.asking = True


vote = st.dialog("Vote")(ask_why)  # as @st.dialog("Vote") does (the call form keeps the type checker's types)
with st.spinner("Loading"):
    st.write("loaded")
if "vote" in st.session_state:
    st.write(f"You voted for {st.session_state.vote['item']} because {st.session_state.vote['reason']}")
else:
    st.button("A", on_click=open_dialog)
    if st.session_state.get("asking"):
        vote("A")
