"""Show embedding_core's errors as messages, never as tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from embedding_core import EmbeddingCoreError


@contextmanager
def core_errors(stop: bool = True) -> Iterator[None]:
    """Catch `EmbeddingCoreError` in the block and show it with `st.error`.

    With ``stop=True`` the rest of the page is skipped (the inputs above stay as typed).
    """
    try:
        yield
    except EmbeddingCoreError as err:
        st.error(str(err), icon=":material/error:")
        if stop:
            st.stop()
