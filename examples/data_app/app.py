"""A small data app, as most Streamlit apps are: a pandas frame from a CSV, a table, a built-in chart and an
Altair chart, filtered by a widget. `porch package examples/data_app/app.py` makes a bundle of it that works offline
(its charts included); tests/test_packaging_data_app.py builds and runs one."""

from pathlib import Path

import altair as alt
import pandas as pd

import porch as st

st.set_page_config(page_title="Harvest", layout="wide")
st.title("Harvest")


@st.cache_data
def load() -> pd.DataFrame:
    return pd.read_csv(Path(__file__).with_name("harvest.csv"), parse_dates=["month"])


harvest = load()
crops = st.multiselect("Crops", sorted(harvest["crop"].unique()), default=["apples", "pears"])
shown = harvest[harvest["crop"].isin(crops)]

st.metric("Tonnes picked", f"{shown['tonnes'].sum():,.0f}")
st.line_chart(shown, x="month", y="tonnes", color="crop")
st.altair_chart(
    alt.Chart(shown).mark_bar().encode(x="crop:N", y="sum(tonnes):Q", color="crop:N"),
    use_container_width=True,
)
st.dataframe(shown, hide_index=True)
st.caption(f"{len(shown)} rows of {len(harvest)}, read from harvest.csv with pandas {pd.__version__}")
