"""Cutting a long document into chunks for retrieval: by sentences, by paragraphs or by a token budget.

A retriever can only return what it stored, so the chunk is the unit of an answer: too small and a
chunk lacks the context that says what it is about; too large and one vector blurs several topics
(and a sentence model reads only its first 256 word pieces). Every `Chunk` keeps its character
offsets into the original text, so ``text[chunk.start:chunk.end] == chunk.text`` and a page can mark
the chunks in the document.

Example:
    >>> [c.text for c in chunk_text("One. Two. Three.", by="sentences", size=2, overlap=1)]
    ['One. Two.', 'Two. Three.']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ._validate import Interval, Options, check, message
from .errors import EmptyInputError, InvalidParameterError

__all__ = [
    "CHUNK_CONSTRAINTS",
    "CHUNK_DEFAULTS",
    "CHUNK_UNITS",
    "Chunk",
    "ChunkStats",
    "ChunkUnit",
    "Segment",
    "chunk_stats",
    "mark_chunks",
    "chunk_text",
    "regex_token_spans",
    "sentence_spans",
    "paragraph_spans",
]

ChunkUnit = Literal["sentences", "paragraphs", "tokens"]
CHUNK_UNITS: tuple[ChunkUnit, ...] = ("sentences", "paragraphs", "tokens")

#: Default ``(size, overlap)`` for each unit: three sentences sharing one, one paragraph, 128 tokens sharing 16.
CHUNK_DEFAULTS: dict[ChunkUnit, tuple[int, int]] = {"sentences": (3, 1), "paragraphs": (1, 0), "tokens": (128, 16)}

#: The valid `size` and `overlap` of each unit (the app draws its sliders from these).
CHUNK_CONSTRAINTS: dict[ChunkUnit, dict[str, Interval]] = {
    "sentences": {
        "size": Interval(1, 50, integer=True, slider=(1, 12)),
        "overlap": Interval(0, 49, integer=True, slider=(0, 6)),
    },
    "paragraphs": {
        "size": Interval(1, 20, integer=True, slider=(1, 6)),
        "overlap": Interval(0, 19, integer=True, slider=(0, 3)),
    },
    "tokens": {
        "size": Interval(8, 2048, integer=True, slider=(16, 512)),
        "overlap": Interval(0, 2047, integer=True, slider=(0, 128)),
    },
}

Span = tuple[int, int]
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+|$)""")
#: Words after which a full stop does not end a sentence ("e.g. the", "Dr. Okafor", "No. 4").
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs mr mrs ms dr prof st no nos approx dept fig jan feb mar apr jun jul aug sep sept oct nov dec"
    " inc ltd co mt a.m p.m".split()
)
_LIST_ITEM = re.compile(r"\s*(?:[#>*•-]|\d+[.)]\s|\|)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_WORD_PIECE = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Chunk:
    """One piece of a document.

    Attributes:
        index: the chunk's position in document order (0, 1, ...).
        text: ``document[start:end]``, exactly.
        start, end: character offsets into the document (``end`` excluded).
    """

    index: int
    text: str
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs: text between blank lines. A Markdown heading line joins the paragraph after it.

    Returns:
        ``(start, end)`` character offsets, whitespace trimmed, in document order.
    """
    spans: list[Span] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        span = _strip(text, pos, m.start())
        if span:
            spans.append(span)
        pos = m.end()
    span = _strip(text, pos, len(text))
    if span:
        spans.append(span)
    merged: list[Span] = []
    carry: int | None = None
    for start, end in spans:
        is_heading = text[start] == "#" and "\n" not in text[start:end]
        if carry is None:
            carry = start
        if is_heading:
            continue
        merged.append((carry, end))
        carry = None
    if carry is not None:  # a heading at the very end stands alone
        merged.append((carry, spans[-1][1]))
    return merged


def _line_breaks_sentence(text: str, newline: int) -> bool:
    """Whether the line break at `newline` ends a sentence: after a heading, list item or full stop, or
    before a list item. Other single line breaks are hard wraps inside a sentence."""
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].rstrip()
    if not line:
        return True
    if _LIST_ITEM.match(line) or line[-1] in ".!?:…" or len(line) < 60:
        return True
    return bool(_LIST_ITEM.match(text, newline + 1))


def sentence_spans(text: str) -> list[Span]:
    """Sentences: ends at ``.``, ``!``, ``?`` before a space (not after "e.g.", "Dr.", initials or
    numbers like "3.5"), at paragraph breaks, and at the ends of headings and list items.

    Returns:
        ``(start, end)`` character offsets, whitespace trimmed, in document order.
    """
    spans: list[Span] = []
    for p_start, p_end in paragraph_spans(text):
        cuts: list[int] = []
        for m in _SENTENCE_END.finditer(text, p_start, p_end):
            word = re.search(r"(\S+)$", text[p_start : m.start()])
            last = word.group(1).lower().rstrip(".") if word else ""
            if text[m.start()] == "." and m.end() - m.start() == 1 and word:
                if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                    continue
                line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
                if last.isdigit() and not line.strip(" #>*-").rstrip("0123456789"):  # "## 6. Inductions"
                    continue
            cuts.append(m.end())
        pos = p_start
        newline = text.find("\n", p_start, p_end)
        while newline != -1:
            if _line_breaks_sentence(text, newline):
                cuts.append(newline)
            newline = text.find("\n", newline + 1, p_end)
        for cut in sorted(set(cuts)):
            span = _strip(text, pos, cut)
            if span:
                spans.append(span)
            pos = cut
        span = _strip(text, pos, p_end)
        if span:
            spans.append(span)
    return spans


def regex_token_spans(text: str) -> list[Span]:
    """Tokens as words and single punctuation marks (``"don't!"`` is ``don ' t !``).

    A sentence model's word pieces are at least as many (it splits rare words further), so a chunk
    of `n` of these tokens is about `n` to `1.3 n` MiniLM word pieces on ordinary English.
    """
    return [m.span() for m in _WORD_PIECE.finditer(text)]


def _model_token_spans(model: object) -> Callable[[str], list[Span]]:
    tokenizer = getattr(getattr(model, "model", None), "tokenizer", None)
    if tokenizer is None or not getattr(tokenizer, "is_fast", False):
        raise InvalidParameterError(
            message(
                "model",
                "a sentence model with a fast tokenizer (for example 'minilm')",
                getattr(model, "name", type(model).__name__),
                "Leave `model` out to count tokens as words and punctuation.",
            )
        )

    def spans(text: str) -> list[Span]:
        enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False)
        return [(int(a), int(b)) for a, b in enc["offset_mapping"] if b > a]

    return spans


def _windows(spans: list[Span], size: int, overlap: int) -> list[Span]:
    """Groups of `size` consecutive spans, each sharing `overlap` with the previous, covering all spans."""
    step = size - overlap
    out: list[Span] = []
    first = 0
    while True:
        last = min(first + size, len(spans)) - 1
        out.append((spans[first][0], spans[last][1]))
        if last == len(spans) - 1:
            return out
        first += step


def chunk_text(
    text: str,
    *,
    by: ChunkUnit = "sentences",
    size: int | None = None,
    overlap: int | None = None,
    model: object | None = None,
) -> list[Chunk]:
    """Cut `text` into overlapping chunks of `size` sentences, paragraphs or tokens.

    Chunk ``i`` starts at unit ``i * (size - overlap)`` and holds `size` units (the last may hold
    fewer); together they cover every unit, and neighbours share `overlap` units.

    Args:
        text: the document.
        by: ``"sentences"``, ``"paragraphs"`` (text between blank lines; a Markdown heading stays with
            its paragraph) or ``"tokens"`` (a fixed budget that cuts anywhere, even mid-sentence).
        size: units per chunk. Default: 3 sentences, 1 paragraph or 128 tokens (`CHUNK_DEFAULTS`).
        overlap: units shared by neighbouring chunks, less than `size`. Default: 1 sentence, 0
            paragraphs or 16 tokens.
        model: for ``by="tokens"``, a sentence model whose word pieces are counted instead of
            words and punctuation (so 256 means exactly what MiniLM reads).

    Returns:
        The chunks in document order, with ``text[c.start:c.end] == c.text``.

    Raises:
        EmptyInputError: the text is empty or only whitespace.
        InvalidParameterError: an unknown unit, or `size` / `overlap` out of range (`CHUNK_CONSTRAINTS`).
    """
    by = check("by", by, Options(CHUNK_UNITS))
    if not isinstance(text, str):
        raise InvalidParameterError(message("text", "a string", type(text).__name__, "Pass the document's text."))
    if not text.strip():
        raise EmptyInputError(message("text", "a document with some text", text[:20], "Paste or upload a document."))
    default_size, default_overlap = CHUNK_DEFAULTS[by]
    size = check("size", default_size if size is None else size, CHUNK_CONSTRAINTS[by]["size"])
    overlap = check("overlap", default_overlap if overlap is None else overlap, CHUNK_CONSTRAINTS[by]["overlap"])
    if overlap >= size:
        raise InvalidParameterError(
            message("overlap", f"less than `size` ({size})", overlap, f"Use at most {size - 1}, or a larger size.")
        )
    if by == "sentences":
        spans = sentence_spans(text)
    elif by == "paragraphs":
        spans = paragraph_spans(text)
    else:
        spans = (regex_token_spans if model is None else _model_token_spans(model))(text)
    if not spans:  # only punctuation-free symbols a token pattern skips, e.g. emoji alone
        spans = [_strip(text, 0, len(text)) or (0, len(text))]
    return [Chunk(i, text[a:b], a, b) for i, (a, b) in enumerate(_windows(spans, size, overlap))]


@dataclass(frozen=True)
class Segment:
    """A stretch of the document covered by the same chunks (for marking boundaries on a page).

    Attributes:
        text: ``document[start:end]``.
        start, end: character offsets.
        chunks: positions of the chunks covering it (two or more where chunks overlap; none between chunks).
        highlighted: whether one of the `highlight` chunks covers it.
    """

    text: str
    start: int
    end: int
    chunks: tuple[int, ...]
    highlighted: bool


def mark_chunks(text: str, chunks: Sequence[Chunk], *, highlight: Sequence[int] = ()) -> list[Segment]:
    """Cut `text` at every chunk boundary into segments, each knowing which chunks cover it.

    Joining the segments' texts gives `text` back exactly.

    Example:
        >>> text = "One. Two. Three."
        >>> [(s.text, s.chunks) for s in mark_chunks(text, chunk_text(text, size=2, overlap=1))]
        [('One. ', (0,)), ('Two.', (0, 1)), (' Three.', (1,))]
    """
    cuts = sorted({0, len(text), *(c.start for c in chunks), *(c.end for c in chunks)})
    marked = set(highlight)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = tuple(c.index for c in chunks if c.start <= a and b <= c.end)
        out.append(Segment(text[a:b], a, b, covering, any(i in marked for i in covering)))
    return out


@dataclass(frozen=True)
class ChunkStats:
    """What a chunking gives: how many chunks, how long, and how many a model would cut.

    Attributes:
        count: number of chunks.
        mean_chars, min_chars, max_chars: chunk lengths in characters.
        max_tokens: the longest chunk in the model's word pieces (None without a sentence model).
        cut_by_model: chunks longer than the model reads (their ends are ignored when embedded).
        limit: the model's limit in word pieces (None without a sentence model).
    """

    count: int
    mean_chars: float
    min_chars: int
    max_chars: int
    max_tokens: int | None
    cut_by_model: int
    limit: int | None


def chunk_stats(chunks: Sequence[Chunk], model: object | None = None) -> ChunkStats:
    """Counts and lengths of `chunks`, and with a sentence model how many exceed what it reads."""
    if not chunks:
        raise EmptyInputError(message("chunks", "at least one chunk", 0, "Chunk a document first."))
    lengths = [len(c) for c in chunks]
    limit = getattr(model, "max_tokens", None)
    count_tokens = getattr(model, "count_tokens", None)
    tokens = [int(count_tokens(c.text)) for c in chunks] if limit is not None and count_tokens else None
    return ChunkStats(
        len(chunks),
        sum(lengths) / len(lengths),
        min(lengths),
        max(lengths),
        max(tokens) if tokens else None,
        sum(t > limit for t in tokens) if tokens else 0,
        limit if tokens else None,
    )
