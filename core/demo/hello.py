"""The demo ``porch hello`` runs: what Porch can do, in one script."""

import time

import porch as st

st.set_page_config(page_title="Porch hello", layout="centered")

"""# Welcome to Porch

This app is a plain Python script. Every widget you touch reruns it from the top.
"""

with st.sidebar:
    st.header("Settings")
    name = st.text_input("Your name", "friend")
    rows = st.slider("Rows", 1, 20, 5)
    st.caption(f"Running in **{st.runtime.mode}** mode.")

st.title(f"Hello, {name}!")

if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.button("Click me", type="primary"):
    st.session_state.clicks += 1
st.write(f"You clicked **{st.session_state.clicks}** times.")

left, right = st.columns(2)
with left:
    st.subheader("Widgets")
    flavour = st.selectbox("Flavour", ["vanilla", "chocolate", "strawberry"])
    toppings = st.multiselect("Toppings", ["nuts", "sprinkles", "sauce"], default=["sprinkles"])
    st.success(f"A {flavour} cone with {', '.join(toppings) or 'nothing'} on top.")
with right:
    st.subheader("Numbers")
    low, high = st.slider("Range", 0, 100, (20, 80))
    st.progress((high - low) / 100, text=f"{high - low}% of the scale")
    st.json({"low": low, "high": high, "width": high - low})

tab_table, tab_code = st.tabs(["Table", "Code"])
with tab_table:
    st.markdown("| n | n² |\n|---|---|\n" + "\n".join(f"| {n} | {n * n} |" for n in range(1, rows + 1)))
with tab_code:
    st.code("import porch as st\nst.title('Hello')", language="python")

with st.expander("A slow loop, streamed as it runs"):
    if st.checkbox("Run it"):
        for step in range(5):
            st.text(f"step {step + 1} of 5")
            time.sleep(0.2)

with st.form("feedback", clear_on_submit=True):
    note = st.text_area("Feedback")
    if st.form_submit_button("Send"):
        st.info(f"Thanks! You wrote {len(note)} characters.")
