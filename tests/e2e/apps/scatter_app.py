"""A small page around the big-map component for its browser test (tests/e2e/test_scatter_e2e.py).

Two blocks of 1,500 points each ("left" and "right") on a grid, and one lonely point above them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, to import ui

from ui.components.scatter import scatter_map  # noqa: E402

gx, gy = np.meshgrid(np.linspace(0, 4, 30), np.linspace(-2, 2, 50))
block = np.column_stack([gx.ravel(), gy.ravel()])
coords = np.vstack([block - [12, 0], block + [8, 0], [[0.0, 6.0]]])
sides = ["left"] * len(block) + ["right"] * len(block) + ["lonely"]
texts = [f"{side} #{i}" for i, side in enumerate(sides[:-1])] + ["the lonely point"]

query = st.text_input("Find a text")
found = [i for i, t in enumerate(texts) if query and query in t]
centre = [(-10.0, 0.0, "left block"), (10.0, 0.0, "right block")]
picked = scatter_map(coords, sides, texts, key="map", height=500, highlight=found, labels=centre)
counts = {side: sum(sides[i] == side for i in picked.ids) for side in ("left", "right", "lonely")}
clicked = f"{picked.clicked}:{texts[picked.clicked]}" if picked.clicked is not None else "none"
st.text(f"selected={len(picked.ids)} left={counts['left']} right={counts['right']} how={picked.how} clicked={clicked}")
