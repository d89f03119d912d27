import numpy as np
import pandas as pd

import porch as st

# The dataframe benchmark's app (issue 10; Porch only): a frame of 1,000,000 rows by 10 float columns (the first the
# row's number), shown by st.dataframe. The frame stays on the server; the page asks for the rows it shows.


@st.cache_resource
def load() -> pd.DataFrame:
    data = np.random.default_rng(0).random((1_000_000, 10))
    data[:, 0] = np.arange(1_000_000)
    return pd.DataFrame(data, columns=[f"c{i}" for i in range(10)])


st.dataframe(load(), height=600)
