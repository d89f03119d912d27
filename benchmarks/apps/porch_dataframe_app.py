import os

import numpy as np
import pandas as pd

import porch as st

# The dataframe benchmark's app (issue 10): a frame of 1,000,000 rows by 10 float columns (the first the row's
# number), shown by st.dataframe. streamlit_dataframe_app.py is this file with only the import changed; keep them
# identical. The harness may set BENCH_ROWS (the quick configuration's smaller frame); `?rows=N` shows N rows instead:
# the memory figure opens a tiny frame first, so its baseline holds the imports, a session and the grid, and the
# difference is what the shown frame costs the server.


@st.cache_resource
def load(rows: int) -> pd.DataFrame:
    data = np.random.default_rng(0).random((rows, 10))
    data[:, 0] = np.arange(rows)
    return pd.DataFrame(data, columns=[f"c{i}" for i in range(10)])


st.dataframe(load(int(st.query_params.get("rows", os.environ.get("BENCH_ROWS", 1_000_000)))), height=600)
