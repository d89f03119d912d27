import os

import numpy as np
import pandas as pd

import porch as st

# The cache hit benchmark's app (issue 10): every run asks st.cache_data for a frame of 1,000,000 rows by 10 float
# columns; after the first run each call is a hit (Streamlit and Porch hand back a copy of the cached frame). The
# slider and the button are what the protocol clients find and move, as in the rerun benchmark.
# streamlit_cache_app.py is this file with only the import changed; keep them identical. The harness may set
# BENCH_ROWS (the quick configuration's smaller frame).


@st.cache_data
def load(rows: int) -> pd.DataFrame:
    data = np.random.default_rng(0).random((rows, 10))
    data[:, 0] = np.arange(rows)
    return pd.DataFrame(data, columns=[f"c{i}" for i in range(10)])


frame = load(int(os.environ.get("BENCH_ROWS", 1_000_000)))
size = st.slider("Size", 0, 100, 10)
st.button("Click me")
st.text(f"{len(frame):,} rows; the slider is at {size}")
