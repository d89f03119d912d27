# Query parameters: read, set, appended to and cleared by the script, and set by the test before a run.
# step: at.query_params["page"] = "2"
# step: at.button[0].click()
# step: at.button[1].click()
# step: at.query_params["tags"] = ["a", "b"]
import streamlit as st

page = st.query_params.get("page", "1")
st.write(f"page={page} tags={st.query_params.get_all('tags')}")
if st.button("Next"):
    st.query_params["page"] = str(int(page) + 1)
    st.query_params.from_dict({"page": str(int(page) + 1), "seen": "yes"})
if st.button("Clear"):
    st.query_params.clear()
st.write(sorted(st.query_params.to_dict().items()))
