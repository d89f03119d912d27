# A form's value typed and not submitted: Porch keeps it staged across run(), as a page does (Streamlit's AppTest
# drops it).
# step: at.text_input[0].input("Bob")
# step: at.button[0].click()
import streamlit as st

with st.form("profile"):
    name = st.text_input("Name", "Ada")
    sent = st.form_submit_button("Save")
st.write(f"sent={sent} name={name!r}")
