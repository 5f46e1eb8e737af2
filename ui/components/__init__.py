"""Streamlit components of the app, each a tiny Python wrapper over built assets served by the app."""
