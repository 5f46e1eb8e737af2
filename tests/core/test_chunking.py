"""chunk_text: exact offsets, document order, coverage and overlap, and every invalid option refused."""

from __future__ import annotations

import pytest

import embedding_core as ec
from embedding_core.chunking import paragraph_spans, sentence_spans

HANDBOOK = (ec.DATA_DIR / "rag" / "fernhill_handbook.md").read_text(encoding="utf-8")

TEXT = """# Leave

Staff get 25 days, e.g. for travel. Dr. Okafor approves it! Is that all? No.
Carry over is 5 days.

## Sick leave
- Call by 9 a.m. on the first day.
- Bring a note after 3.5 days.

Plain text that is wrapped by an editor at a fairly long column width so that it
continues here and ends."""


def _check_offsets(text: str, chunks: list[ec.Chunk]) -> None:
    assert chunks, "no chunks"
    for i, c in enumerate(chunks):
        assert c.index == i
        assert text[c.start : c.end] == c.text
        assert c.text == c.text.strip() and c.text
    starts = [c.start for c in chunks]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_sentences_split_at_full_stops_but_not_abbreviations_or_decimals():
    got = [TEXT[a:b] for a, b in sentence_spans(TEXT)]
    assert got == [
        "# Leave",
        "Staff get 25 days, e.g. for travel.",
        "Dr. Okafor approves it!",
        "Is that all?",
        "No.",
        "Carry over is 5 days.",
        "## Sick leave",
        "- Call by 9 a.m. on the first day.",
        "- Bring a note after 3.5 days.",
        "Plain text that is wrapped by an editor at a fairly long column width so that it\ncontinues here and ends.",
    ]


def test_paragraphs_keep_a_heading_with_its_text():
    got = [TEXT[a:b] for a, b in paragraph_spans(TEXT)]
    assert len(got) == 3
    assert got[0].startswith("# Leave\n\nStaff get") and got[0].endswith("Carry over is 5 days.")
    assert got[1].startswith("## Sick leave\n- Call")


@pytest.mark.parametrize("by", ec.CHUNK_UNITS)
def test_offsets_are_exact_on_the_handbook(by):
    chunks = ec.chunk_text(HANDBOOK, by=by)
    _check_offsets(HANDBOOK, chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(HANDBOOK.rstrip())


def test_sentence_windows_share_exactly_the_overlap():
    spans = sentence_spans(HANDBOOK)
    chunks = ec.chunk_text(HANDBOOK, by="sentences", size=4, overlap=1)
    # chunk i starts at sentence 3 i and ends at sentence 3 i + 3 (or the last one)
    for i, c in enumerate(chunks):
        assert c.start == spans[3 * i][0]
        assert c.end == spans[min(3 * i + 3, len(spans) - 1)][1]
    assert len(chunks) == -(-(len(spans) - 1) // 3)


def test_no_overlap_partitions_the_units():
    spans = paragraph_spans(HANDBOOK)
    chunks = ec.chunk_text(HANDBOOK, by="paragraphs", size=2, overlap=0)
    assert [(c.start, c.end) for c in chunks] == [
        (spans[i][0], spans[min(i + 1, len(spans) - 1)][1]) for i in range(0, len(spans), 2)
    ]


def test_token_budget_counts_words_and_punctuation():
    chunks = ec.chunk_text(HANDBOOK, by="tokens", size=64, overlap=8)
    tokens = ec.regex_token_spans(HANDBOOK)
    assert [len(ec.regex_token_spans(c.text)) for c in chunks[:-1]] == [64] * (len(chunks) - 1)
    assert chunks[1].start == tokens[56][0]
    assert len(chunks) == -(-(len(tokens) - 8) // 56)


def test_token_budget_with_the_models_word_pieces(minilm):
    chunks = ec.chunk_text(HANDBOOK[:6000], by="tokens", size=100, overlap=10, model=minilm)
    _check_offsets(HANDBOOK[:6000], chunks)
    # 100 word pieces plus [CLS] and [SEP]; a piece cut in the middle of a word may re-tokenise a little
    assert all(abs(minilm.count_tokens(c.text) - 102) <= 3 for c in chunks[:-1])
    assert all(minilm.count_tokens(c.text) <= minilm.max_tokens for c in chunks)


def test_larger_chunks_mean_fewer_chunks():
    counts = [len(ec.chunk_text(HANDBOOK, by="sentences", size=s, overlap=0)) for s in (1, 3, 8)]
    assert counts[0] > counts[1] > counts[2]
    assert counts[0] == len(sentence_spans(HANDBOOK))


def test_defaults_depend_on_the_unit():
    assert ec.CHUNK_DEFAULTS == {"sentences": (3, 1), "paragraphs": (1, 0), "tokens": (128, 16)}
    one = ec.chunk_text(HANDBOOK, by="paragraphs")
    assert len(one) == len(paragraph_spans(HANDBOOK))


def test_text_without_any_sentence_end_is_one_chunk():
    chunks = ec.chunk_text("  just a few words  ")
    assert [(c.text, c.start, c.end) for c in chunks] == [("just a few words", 2, 18)]
    emoji = ec.chunk_text("🙂🙂", by="tokens")
    assert [c.text for c in emoji] == ["🙂🙂"]


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_document_refused(text):
    with pytest.raises(ec.EmptyInputError, match="`text` must be a document with some text"):
        ec.chunk_text(text)


def test_unknown_unit_refused():
    with pytest.raises(ec.InvalidParameterError, match="`by` must be one of 'sentences', 'paragraphs', 'tokens'"):
        ec.chunk_text("a. b.", by="words")


def test_size_out_of_range_refused():
    with pytest.raises(ec.InvalidParameterError, match="`size` must be a whole number between 1 and 50. Got 0"):
        ec.chunk_text("a. b.", size=0)
    with pytest.raises(ec.InvalidParameterError, match="`size` must be a whole number between 8 and 2048"):
        ec.chunk_text("a. b.", by="tokens", size=4, overlap=0)


def test_overlap_not_less_than_size_refused():
    with pytest.raises(
        ec.InvalidParameterError, match=r"`overlap` must be less than `size` \(3\). Got 3. Use at most 2"
    ):
        ec.chunk_text("a. b.", size=3, overlap=3)


def test_non_text_refused():
    with pytest.raises(ec.InvalidParameterError, match="`text` must be a string"):
        ec.chunk_text(b"bytes")  # type: ignore[arg-type]


def test_token_model_must_have_a_tokenizer(glove):
    with pytest.raises(ec.InvalidParameterError, match="`model` must be a sentence model"):
        ec.chunk_text("a b c", by="tokens", size=8, overlap=0, model=glove)


def test_mark_chunks_cuts_at_every_boundary_and_rebuilds_the_text():
    text = "One. Two. Three."
    segments = ec.mark_chunks(text, ec.chunk_text(text, size=2, overlap=1), highlight=[1])
    assert [(s.text, s.chunks, s.highlighted) for s in segments] == [
        ("One. ", (0,), False),
        ("Two.", (0, 1), True),
        (" Three.", (1,), True),
    ]
    chunks = ec.chunk_text(HANDBOOK, by="paragraphs")
    segments = ec.mark_chunks(HANDBOOK, chunks, highlight=[4])
    assert "".join(s.text for s in segments) == HANDBOOK
    assert all(HANDBOOK[s.start : s.end] == s.text for s in segments)
    assert {s.start for s in segments if s.highlighted} == {chunks[4].start}
    gaps = [s for s in segments if not s.chunks]
    assert gaps and all(not s.text.strip() for s in gaps)  # only the blank lines between paragraphs


def test_chunk_stats_count_what_the_model_cuts(minilm):
    chunks = ec.chunk_text(HANDBOOK, by="paragraphs", size=4, overlap=0)
    stats = ec.chunk_stats(chunks, minilm)
    tokens = [minilm.count_tokens(c.text) for c in chunks]
    assert stats.count == len(chunks) and stats.limit == 256
    assert stats.max_tokens == max(tokens)
    assert stats.cut_by_model == sum(t > 256 for t in tokens) > 0
    assert stats.min_chars == min(len(c.text) for c in chunks)
    small = ec.chunk_stats(ec.chunk_text(HANDBOOK, size=1, overlap=0), minilm)
    assert small.cut_by_model == 0 and small.mean_chars < stats.mean_chars
    assert ec.chunk_stats(chunks).max_tokens is None
    with pytest.raises(ec.EmptyInputError, match="`chunks` must be at least one chunk"):
        ec.chunk_stats([])
