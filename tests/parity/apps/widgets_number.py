# Sliders and number inputs: ints, floats, ranges, dates, formats, None; set_value, set_range, increment, decrement.
# step: at.slider[0].set_value(7)
# step: at.slider[1].set_range(0.5, 2.5)
# step: at.slider[2].set_value(datetime.date(2024, 3, 10))
# step: at.number_input[0].increment()
# step: at.number_input[0].increment().increment()
# step: at.number_input[1].decrement()
# step: at.number_input[2].set_value(12.5)
# step: at.number_input[3].set_value(4)
# step: at.number_input[0].set_value(None)
# step: at.slider[0].set_value(None)
import datetime

import streamlit as st

level = st.slider("Level", 0, 10, 3, step=1, help="how loud")
band = st.slider("Band", 0.0, 5.0, (1.0, 2.0), step=0.25, format="%.2f")
day = st.slider("Day", datetime.date(2024, 3, 1), datetime.date(2024, 3, 31), datetime.date(2024, 3, 5))
beans = st.number_input("Beans", 0, 10, 4)
ratio = st.number_input("Ratio", min_value=0.0, max_value=1.0, value=0.5, step=0.1, format="%.1f")
weight = st.number_input("Weight", value=None, placeholder="kg")
boxes = st.number_input("Boxes", min_value=1, max_value=5, value=2, key="boxes")
st.write(repr((level, band, day, beans, ratio, weight, boxes)))
