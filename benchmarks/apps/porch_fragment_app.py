import porch as st

# The fragment benchmark's app (issue 11; Porch only): a page of 1,000 elements, one slider outside the fragment, one
# inside. Moving the outside slider reruns the whole page; moving the inside one reruns only the fragment.
outside = st.slider("Outside", 0, 100, 10)
st.text(f"Outside is {outside}")
for i in range(995):
    st.text(f"Row {i + 1}")


@st.fragment
def panel():
    inside = st.slider("Inside", 0, 100, 10)
    st.text(f"Inside is {inside}")


panel()
