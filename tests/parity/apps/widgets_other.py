# The other widgets: download button, menu button, file uploader, camera and audio input (shown, with no file yet).
# step: at.button[0].click()
# step: at.download_button[0].click()
import streamlit as st

if st.button("Make report"):
    st.session_state.report = "rows: 3"
st.download_button("Download", st.session_state.get("report", "empty"), file_name="report.txt", help="as text")
uploaded = st.file_uploader("Invoice", type=["pdf", "txt"], help="one file")
many = st.file_uploader("Photos", accept_multiple_files=True)
photo = st.camera_input("Photo", disabled=True)
voice = st.audio_input("Voice")
st.write(repr((uploaded, many, photo, voice)))
