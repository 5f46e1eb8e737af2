"""Shared fixtures: the real bundled models (loaded once per test session) and AppTest helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

import embedding_core as ec

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def minilm() -> ec.SentenceEmbedder:
    return ec.load_model("minilm")  # type: ignore[return-value]


@pytest.fixture(scope="session")
def glove() -> ec.WordEmbedder:
    return ec.load_model("glove-50d")  # type: ignore[return-value]
