# Forms: values staged until the submit button, clear_on_submit, a submit callback, a form in the sidebar.
# step: at.text_input[0].input("Ada"); at.slider[0].set_value(40); at.button[0].click()
# step: at.text_input[1].input("note"); at.button[1].click()
# step: at.checkbox[0].check(); at.sidebar.button[0].click()
# step: at.run()
import streamlit as st


def submitted() -> None:
    st.session_state.submits = st.session_state.get("submits", 0) + 1


with st.form("profile"):
    name = st.text_input("Name")
    age = st.slider("Age", 0, 100, 30)
    sent = st.form_submit_button("Save", on_click=submitted)
st.write(f"sent={sent} name={name!r} age={age} submits={st.session_state.get('submits', 0)}")

with st.form("notes", clear_on_submit=True):
    note = st.text_input("Note")
    added = st.form_submit_button("Add")
st.write(f"added={added} note={note!r}")

with st.sidebar.form("prefs", border=False):
    email = st.checkbox("Email me")
    kept = st.form_submit_button("Keep")
st.write(f"kept={kept} email={email}")
