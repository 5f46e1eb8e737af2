"""Turning what a person typed into a clean list of texts, with notes on what changed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .errors import EmptyInputError, InvalidParameterError

__all__ = ["MAX_TEXT_CHARS", "GroupedTexts", "TextList", "clean_text", "parse_grouped_texts", "parse_texts"]

#: Longest text kept; MiniLM reads only its first 256 word pieces (about 1,000 characters) anyway.
MAX_TEXT_CHARS = 5_000

_INVISIBLE = {"\u200b", "\u200c", "\u2060", "\ufeff"}


def clean_text(text: str) -> str:
    """Remove control characters and invisible zero-width marks; keep everything else.

    Tabs and other whitespace controls become spaces, runs of spaces collapse,
    and the ends are stripped. Emoji, accents and every script are kept.
    """
    out = []
    for ch in text:
        if ch in _INVISIBLE:
            continue
        if unicodedata.category(ch) == "Cc":
            out.append(" " if ch in "\t\n\r\x0b\x0c" else "")
            continue
        out.append(ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


@dataclass(frozen=True)
class TextList:
    """Texts parsed from a text box, one per line.

    Attributes:
        texts: unique, non-blank texts in the order first seen.
        blank_lines: how many blank (or whitespace-only) lines were skipped.
        duplicates: texts that appeared more than once (only the first copy kept).
        cleaned: how many lines had control or zero-width characters removed.
        shortened: how many lines were cut to `MAX_TEXT_CHARS` characters.
        dropped: how many texts were left out because of `max_items`.
    """

    texts: list[str]
    blank_lines: int = 0
    duplicates: list[str] = field(default_factory=list)
    cleaned: int = 0
    shortened: int = 0
    dropped: int = 0

    def notes(self) -> list[str]:
        """Plain-language notes on every change made to the input, for the page to show."""
        notes = []
        if self.blank_lines:
            notes.append(f"Skipped {self.blank_lines} blank line(s).")
        if self.duplicates:
            shown = ", ".join(repr(d[:40]) for d in self.duplicates[:5])
            more = "" if len(self.duplicates) <= 5 else f" and {len(self.duplicates) - 5} more"
            notes.append(f"Kept one copy of each repeated line: {shown}{more}.")
        if self.cleaned:
            notes.append(f"Removed control or invisible characters from {self.cleaned} line(s).")
        if self.shortened:
            notes.append(
                f"Cut {self.shortened} very long line(s) to {MAX_TEXT_CHARS:,} characters "
                "(MiniLM reads only its first 256 word pieces anyway)."
            )
        if self.dropped:
            notes.append(f"Used the first {len(self.texts)} texts; {self.dropped} more were left out.")
        return notes


def parse_texts(raw: str, *, max_items: int = 1_000) -> TextList:
    """Split `raw` into one text per line, cleaned and de-duplicated.

    Args:
        raw: what the user typed; one word or sentence per line.
        max_items: keep at most this many texts (the rest are counted in `dropped`).

    Returns:
        A `TextList`; its `notes()` say what was skipped or changed.

    Raises:
        EmptyInputError: when no line has any text.

    Example:
        >>> parse_texts("king\\n\\nqueen\\nking").texts
        ['king', 'queen']
    """
    _check_raw(raw, max_items)
    items = [(line, None) for line in raw.splitlines()]
    texts, _, blank, duplicates, cleaned, shortened = _clean_items(items)
    dropped = max(0, len(texts) - max_items)
    return TextList(texts[:max_items], blank, duplicates, cleaned, shortened, dropped)


@dataclass(frozen=True)
class GroupedTexts(TextList):
    """Texts parsed from a text box where lines may name a group (see `parse_grouped_texts`).

    Attributes:
        groups: the group of each text (same length as `texts`); ``None`` for a text typed
            outside any group.
    """

    groups: list[str | None] = field(default_factory=list)

    @property
    def has_groups(self) -> bool:
        """True when at least one text belongs to a named group."""
        return any(g is not None for g in self.groups)

    def group_names(self, *, ungrouped: str = "(no group)") -> list[str]:
        """The group of each text as a string, with `ungrouped` for texts outside any group."""
        return [ungrouped if g is None else g for g in self.groups]


# "fruit: apple, banana" -- a short label without commas, a colon, then the items. A colon
# between digits ("10:30") or before "//" (a web address) does not start a group.
_GROUP_LINE = re.compile(r"^\s*([^:,]{1,40}?)\s*:(?!//)\s*(.*)$")


def _group_line(line: str) -> tuple[str, str] | None:
    match = _GROUP_LINE.match(line)
    if not match:
        return None
    label, rest = clean_text(match.group(1)), match.group(2)
    if not label or (label[-1].isdigit() and rest[:1].isdigit()):
        return None
    return label, rest


#: An item of a clearly grouped line is a short phrase: at most this many words, no sentence punctuation.
_MAX_ITEM_WORDS = 4
_SENTENCE_MARK = re.compile(r"[.!?:…]")


def looks_grouped(raw: str) -> bool:
    """True when `raw` is clearly written in groups, so reading it with `parse_grouped_texts` is safe.

    Clearly grouped means: the first line names a group, every ``name: items`` line lists at least
    two short items (at most four words each, no sentence punctuation), at least two groups are named, and a
    plain line only follows a ``name:`` line alone (the block form). Pasted prose such as reviews
    ("Update: the screen cracked after a week.", "Pros: light, cheap. Cons: slow.") is not.

    Example:
        >>> looks_grouped("fruit: apple, pear\nanimal: dog, cat")
        True
        >>> looks_grouped("Update: the screen cracked after a week.\nGreat laptop")
        False
    """
    if not isinstance(raw, str):
        return False
    names: set[str] = set()
    in_block = False
    for line in raw.splitlines():
        if not clean_text(line):
            continue
        parsed = _group_line(line)
        if parsed is None:
            if not in_block:
                return False
            continue
        label, rest = parsed
        names.add(label.lower())
        if not clean_text(rest):
            in_block = True
            continue
        in_block = False
        separator = ";" if ";" in rest else ","
        items = [item for item in (clean_text(p) for p in rest.split(separator)) if item]
        if len(items) < 2:
            return False
        for item in items:
            if len(item.split()) > _MAX_ITEM_WORDS or _SENTENCE_MARK.search(item):
                return False
    return len(names) >= 2


def parse_grouped_texts(raw: str, *, max_items: int = 1_000) -> GroupedTexts:
    """Parse texts that may be written in named groups, e.g. for colouring a map.

    Three kinds of line:

    - ``fruit: apple, banana, cherry`` puts each item in group ``fruit``. Items are split on
      commas, or on semicolons when the line has any (so sentences may contain commas).
    - ``animals:`` alone starts a group for the plain lines that follow, until the next
      ``label:`` line; handy for whole sentences.
    - any other line is one text, in the current group (or in none before the first header).

    A text that appears twice keeps its first group. Blank, control and over-long
    lines are handled as in `parse_texts`.

    Args:
        raw: what the user typed.
        max_items: keep at most this many texts (the rest are counted in `dropped`).

    Returns:
        A `GroupedTexts` with one group per text.

    Raises:
        EmptyInputError: when there is no text at all.

    Example:
        >>> g = parse_grouped_texts("fruit: apple, pear\\ncar")
        >>> list(zip(g.texts, g.groups))
        [('apple', 'fruit'), ('pear', 'fruit'), ('car', None)]
    """
    _check_raw(raw, max_items)
    items: list[tuple[str, str | None]] = []
    current: str | None = None
    for line in raw.splitlines():
        parsed = _group_line(line)
        if parsed is None:
            items.append((line, current))
            continue
        label, rest = parsed
        if not clean_text(rest):
            current = label
            continue
        separator = ";" if ";" in rest else ","
        pieces = [p for p in rest.split(separator) if clean_text(p)]
        items.extend((piece, label) for piece in pieces)
    texts, groups, blank, duplicates, cleaned, shortened = _clean_items(items)
    dropped = max(0, len(texts) - max_items)
    return GroupedTexts(texts[:max_items], blank, duplicates, cleaned, shortened, dropped, groups=groups[:max_items])


def _check_raw(raw: object, max_items: int) -> None:
    if not isinstance(raw, str):
        raise InvalidParameterError(f"The input must be text. Got {type(raw).__name__}. Type one text per line.")
    if max_items < 1:
        raise InvalidParameterError(f"`max_items` must be at least 1. Got {max_items}. Use 1 or more.")


def _clean_items(
    items: list[tuple[str, str | None]],
) -> tuple[list[str], list[str | None], int, list[str], int, int]:
    """Clean, cut and de-duplicate (text, group) items; raise when nothing is left."""
    texts: list[str] = []
    groups: list[str | None] = []
    seen: set[str] = set()
    duplicates: list[str] = []
    blank = cleaned = shortened = 0
    for line, group in items:
        text = clean_text(line)
        if not text:
            blank += 1
            continue
        if any(ch in _INVISIBLE or (unicodedata.category(ch) == "Cc" and ch != "\t") for ch in line):
            cleaned += 1
        if len(text) > MAX_TEXT_CHARS:
            text = text[:MAX_TEXT_CHARS]
            shortened += 1
        if text in seen:
            if text not in duplicates:
                duplicates.append(text)
            continue
        seen.add(text)
        texts.append(text)
        groups.append(group)
    if not texts:
        raise EmptyInputError("There is no text to embed: every line is empty. Type at least one word or sentence.")
    return texts, groups, blank, duplicates, cleaned, shortened
