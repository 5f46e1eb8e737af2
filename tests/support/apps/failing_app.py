"""A one-page app that fails on request (``?fail=exception`` or ``?fail=box``), for the load client's test."""

import streamlit as st

fail = st.query_params.get("fail")
if fail == "exception":
    raise ValueError("asked to fail")
if fail == "box":
    st.error("The page's own message about bad input.")
st.write("Nothing went wrong.")
