# Text fields, chat input, dates, times and colours: input, set_value, chat submit, pick.
# step: at.text_input[0].input("Ada")
# step: at.text_input[1].input("secret")
# step: at.text_area[0].input("line one\nline two")
# step: at.text_input[2].set_value(None)
# step: at.chat_input[0].set_value("hello there")
# step: at.date_input[0].set_value(datetime.date(2024, 6, 1))
# step: at.date_input[1].set_value((datetime.date(2024, 1, 2), datetime.date(2024, 1, 9)))
# step: at.time_input[0].set_value(datetime.time(9, 30))
# step: at.time_input[0].increment()
# step: at.datetime_input[0].set_value(datetime.datetime(2024, 6, 1, 12, 0))
# step: at.color_picker[0].pick("#123456")
# step: at.date_input[0].set_value(None)
import datetime

import streamlit as st

name = st.text_input("Name", placeholder="your name", max_chars=20)
secret = st.text_input("Password", type="password")
note = st.text_input("Note", "start", key="note")
story = st.text_area("Story", "once", height=100)
said = st.chat_input("Say something")
day = st.date_input("Day", datetime.date(2024, 5, 17), min_value=datetime.date(2024, 1, 1))
trip = st.date_input("Trip", (datetime.date(2024, 1, 1), datetime.date(2024, 1, 5)), format="DD.MM.YYYY")
alarm = st.time_input("Alarm", datetime.time(8, 45), step=900)
meeting = st.datetime_input("Meeting", datetime.datetime(2024, 5, 17, 8, 45))
colour = st.color_picker("Colour", "#ff0000")
st.write(repr((name, secret, note, story, said, day, trip, alarm, meeting, colour)))
