# The login page of Streamlit's "App testing example" (tests/test_apptest_streamlit.py tests it).

import hmac

import streamlit as st

st.session_state.status = st.session_state.get("status", "unverified")
st.title("My login page")


def check_password() -> None:
    if hmac.compare_digest(st.session_state.password, st.secrets.password):
        st.session_state.status = "verified"
    else:
        st.session_state.status = "incorrect"
    st.session_state.password = ""


def login_prompt() -> None:
    st.text_input("Enter password:", key="password", on_change=check_password)
    if st.session_state.status == "incorrect":
        st.warning("Incorrect password. Please try again.")


def logout() -> None:
    st.session_state.status = "unverified"


def welcome() -> None:
    st.success("Login successful.")
    st.button("Log out", on_click=logout)


if st.session_state.status != "verified":
    login_prompt()
    st.stop()
welcome()
