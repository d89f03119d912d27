# An app to package: it imports a module beside it and reads a data file beside it.
#
#     porch run examples/packaged_app/app.py           # while you work on it
#     porch package examples/packaged_app/app.py       # a bundle to hand to someone without Python

import csv
from pathlib import Path

import porch as st

from pricing import describe, with_tax

st.set_page_config(page_title="Price list")
st.title("Price list")

rows = list(csv.DictReader((Path(__file__).parent / "prices.csv").open(encoding="utf-8")))
rate = st.slider("Tax (%)", 0, 30, 20)
for row in rows:
    st.write(describe(row["item"], with_tax(float(row["price"]), rate)))
st.caption(f"{len(rows)} items, read from prices.csv. Running in {st.runtime.mode} mode.")
