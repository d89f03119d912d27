import streamlit as st

# The benchmark app. streamlit_app.py is this file with only the import changed; keep them identical.
if "count" not in st.session_state:
    st.session_state.count = 0

st.title("Counter benchmark")
size = st.slider("Size", 0, 100, 10)
if st.button("Click me"):
    st.session_state.count += 1
st.write(f"Size is {size} and the button was clicked {st.session_state.count} times.")
for i in range(20):
    st.text(f"Line {i + 1}: {size} x {i + 1} = {size * (i + 1)}")
