# Data elements as AppTest reads them: a dataframe, a table and a data editor's value, charts present in the tree.
# step: at.button[0].click()
import pandas as pd
import streamlit as st

frame = pd.DataFrame({"item": ["nails", "screws"], "count": [40, 25]})
st.dataframe(frame)
st.table(frame)
edited = st.data_editor(frame, key="stock", num_rows="dynamic")
st.write(f"total {int(edited['count'].sum())} in {len(edited)} rows")
if st.button("Chart"):
    st.line_chart(frame, x="item", y="count")
    st.bar_chart(frame, x="item", y="count")
