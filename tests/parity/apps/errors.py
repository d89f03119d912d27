# Errors: st.exception, a widget refused (a duplicate key), and a script that raises after some output.
# step: at.checkbox[0].check()
# step: at.checkbox[0].uncheck()
# step: at.button[0].click()
import streamlit as st

try:
    raise ValueError("shown on purpose")
except ValueError as error:
    st.exception(error)

if st.button("Duplicate"):
    st.text_input("One", key="same")
    st.text_input("Two", key="same")

st.write("before the failure")
if st.checkbox("Fail"):
    raise RuntimeError("the script failed")
st.write("after")
