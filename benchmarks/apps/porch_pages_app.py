import porch as st

# The page switch benchmark's app (issue 11): two pages of st.navigation, each a title and twenty lines.
# streamlit_pages_app.py is this file with only the import changed; keep them identical.


def first() -> None:
    st.title("First page")
    for i in range(20):
        st.text(f"First line {i + 1}")


def second() -> None:
    st.title("Second page")
    for i in range(20):
        st.text(f"Second line {i + 1}")


st.navigation([st.Page(first, title="First", url_path="first", default=True),
               st.Page(second, title="Second", url_path="second")]).run()
