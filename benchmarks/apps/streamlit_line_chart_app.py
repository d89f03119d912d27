import os

import numpy as np
import pandas as pd

import streamlit as st

# The line chart benchmark's app (issue 10): one line of 100,000 points (a random walk, the same on every run) drawn
# by st.line_chart. streamlit_line_chart_app.py is this file with only the import changed; keep them identical. The
# harness may set BENCH_POINTS (the quick configuration's smaller chart).
walk = np.cumsum(np.random.default_rng(0).standard_normal(int(os.environ.get("BENCH_POINTS", 100_000))))
st.line_chart(pd.DataFrame({"value": walk}), height=400)
