# set_value(None) as Streamlit's AppTest takes it: widgets with a value go back to it, dates go empty, others keep.
# step: at.number_input[0].set_value(8); at.selectbox[0].set_value("c"); at.text_input[0].input("typed")
# step: at.number_input[0].set_value(None); at.selectbox[0].set_value(None); at.text_input[0].set_value(None)
# step: at.time_input[0].set_value(datetime.time(9, 30)); at.date_input[0].set_value(datetime.date(2024, 6, 1))
# step: at.time_input[0].set_value(None); at.date_input[0].set_value(None)
# step: at.pills[0].set_value("b"); at.checkbox[0].set_value(False); at.multiselect[0].set_value(["b"])
# step: at.pills[0].set_value(None); at.checkbox[0].set_value(None); at.multiselect[0].set_value(None)
# step: at.radio[0].set_value("c"); at.slider[0].set_value(8); at.color_picker[0].set_value("#00ff00")
# step: at.radio[0].set_value(None); at.slider[0].set_value(None); at.color_picker[0].set_value(None)
import datetime

import streamlit as st

values = (
    st.number_input("n", value=5),
    st.selectbox("s", ["a", "b", "c"], index=1),
    st.text_input("t", "start"),
    st.time_input("time", datetime.time(8, 45)),
    st.date_input("d", datetime.date(2024, 5, 17)),
    st.pills("p", ["a", "b"], default="a"),
    st.checkbox("c", True),
    st.multiselect("m", ["a", "b"], ["a"]),
    st.radio("r", ["a", "b", "c"], index=1),
    st.slider("sl", 0, 10, 5),
    st.color_picker("cp", "#ff0000"),
)
st.write(repr(values))
