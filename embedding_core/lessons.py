"""The lesson's content, read from data files: presets, example texts, explanations, the workshop, talks.

Everything a page teaches with lives in ``data/``, so the whole lesson can be read, reviewed and
tested in one place, and a notebook gets the same presets as the app:

- ``data/lessons.toml``: one section per page (``[search]``, ``[inside]``, ...) with its presets,
  first texts and explanation paragraphs;
- ``data/workshop.toml``: the workshop's steps (``[[step]]``);
- ``data/scenes/*.toml``: the talks for presenter mode (``[[scene]]``).

Example:
    >>> import embedding_core as ec
    >>> [p["query"] for p in ec.lesson("search")["preset"]][:2]
    ['someone who writes computer programs', 'caring for elderly people']
"""

from __future__ import annotations

import copy
import functools
import tomllib
from pathlib import Path
from typing import Any

from .errors import EmbeddingCoreError, InvalidParameterError

__all__ = [
    "LESSONS_FILE",
    "SCENES_DIR",
    "WORKSHOP_FILE",
    "LessonFileError",
    "lesson",
    "lesson_pages",
    "lesson_text",
    "read_scenes",
    "read_workshop",
    "talks",
]

_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LESSONS_FILE = _DATA_DIR / "lessons.toml"
WORKSHOP_FILE = _DATA_DIR / "workshop.toml"
SCENES_DIR = _DATA_DIR / "scenes"


class LessonFileError(EmbeddingCoreError):
    """A lesson file is missing, is not valid TOML, or lacks an entry the app needs."""


@functools.lru_cache(maxsize=16)
def _read(path: Path) -> dict[str, Any]:
    """The parsed TOML file at `path` (read once per process; treat the result as read-only)."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise LessonFileError(f"`{path.name}` must exist in {path.parent}. Got no such file. Restore it.") from None
    except tomllib.TOMLDecodeError as err:
        raise LessonFileError(f"`{path.name}` must be valid TOML. Got: {err}. Fix the file.") from None


def lesson_pages() -> tuple[str, ...]:
    """The pages that have a section in ``data/lessons.toml``, in file order."""
    return tuple(_read(LESSONS_FILE))


def lesson(page: str) -> dict[str, Any]:
    """The lesson content of one page: its section of ``data/lessons.toml`` (a fresh copy).

    Args:
        page: the page's section name, e.g. ``"search"``, ``"analogies"``, ``"inside"``.

    Returns:
        The section as a dict: strings (first texts, explanation paragraphs), tables and
        arrays of tables (``preset``, ``context``) exactly as written in the file.

    Raises:
        InvalidParameterError: `page` has no section.
    """
    sections = _read(LESSONS_FILE)
    if page not in sections:
        valid = ", ".join(repr(p) for p in sections)
        raise InvalidParameterError(f"`page` must be one of {valid}. Got {page!r}. Pick one of {valid}.")
    return copy.deepcopy(sections[page])


def lesson_text(page: str, key: str) -> str:
    """One text of a page's lesson (an example or an explanation paragraph), as written in the file.

    Raises:
        InvalidParameterError: `page` has no section.
        LessonFileError: the section has no text under `key`.
    """
    sections = _read(LESSONS_FILE)
    value = (sections[page] if page in sections else lesson(page)).get(key)
    if not isinstance(value, str):
        raise LessonFileError(
            f"`[{page}] {key}` must be a text in {LESSONS_FILE.name}. Got {value!r}. Add it to the file."
        )
    return value


def read_workshop(path: Path = WORKSHOP_FILE) -> list[dict[str, Any]]:
    """The workshop's steps (the ``[[step]]`` tables of `path`), in order, as fresh copies."""
    return copy.deepcopy(_read(Path(path)).get("step", []))


def talks() -> dict[str, Path]:
    """The talks in ``data/scenes/``: title (the file name, ``_`` as spaces) -> file."""
    return {p.stem.replace("_", " "): p for p in sorted(SCENES_DIR.glob("*.toml"))}


def read_scenes(path: Path) -> list[dict[str, Any]]:
    """A talk's scenes (the ``[[scene]]`` tables of `path`): ``title``, ``page`` and ``params`` each."""
    return [
        {"title": str(s["title"]), "page": str(s["page"]), "params": dict(s.get("params", {}))}
        for s in _read(Path(path)).get("scene", [])
    ]
