import time

import porch as st

# The reliability benchmark's app (benchmarks/reliability.py): a counter of clicks, a slider, and runs that take a
# moment, so that clicks sent together queue behind a run and a slider's moves merge.
st.title("Clicks")
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
size = st.slider("Size", 0, 100, 10)
if st.button("Click"):
    st.session_state.clicks += 1
    time.sleep(0.002)
st.text(f"clicks={st.session_state.clicks}")
for i in range(10):
    st.text(f"Line {i + 1}: {size * (i + 1)}")
