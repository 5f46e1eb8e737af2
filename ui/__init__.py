"""The app side shared by every page: cached models and embeddings, the sidebar, error display.

This is the only place besides the pages that imports streamlit; `embedding_core` never does.
"""
