# Layout blocks: columns, tabs, expander, container, popover, sidebar, chat messages, empty, status.
# step: at.sidebar.button[0].click()
# step: at.columns[1].checkbox[0].check()
# step: at.tabs[1].text_input[0].input("inside")
import streamlit as st

left, right = st.columns([2, 1], gap="large")
left.write("left side")
with right:
    shown = st.checkbox("Show")
tab_a, tab_b = st.tabs(["Alpha", "Beta"])
tab_a.markdown("in alpha")
with tab_b:
    typed = st.text_input("Typed")
with st.expander("More", expanded=True, icon=":material/info:"):
    st.write("hidden", shown)
with st.container(border=True, key="box"):
    st.markdown("boxed")
with st.popover("Menu"):
    st.write("popped")
with st.sidebar:
    st.header("Side")
    side = st.button("Side button")
with st.chat_message("user"):
    st.write("hi from user")
with st.chat_message("assistant", avatar="🤖"):
    st.write("hi back")
slot = st.empty()
slot.write("filled")
with st.status("Working", state="complete", expanded=False):
    st.write("done")
st.write(repr((shown, typed, side)))
