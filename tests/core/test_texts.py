import pytest

import embedding_core as ec


def test_blank_lines_and_duplicates_are_reported():
    parsed = ec.parse_texts("king\n\n   \nqueen\nking\nqueen\nman")
    assert parsed.texts == ["king", "queen", "man"]
    assert parsed.blank_lines == 2
    assert parsed.duplicates == ["king", "queen"]
    notes = " ".join(parsed.notes())
    assert "Skipped 2 blank line(s)" in notes and "'king'" in notes


def test_control_and_zero_width_characters_are_removed_and_counted():
    parsed = ec.parse_texts("bell\x07 ring\nzero\u200bwidth\ntab\there")
    assert parsed.texts == ["bell ring", "zerowidth", "tab here"]
    assert parsed.cleaned == 2


def test_unicode_is_kept():
    texts = ["🙂 emoji", "שלום עולם", "مرحبا", "中文 文本", "<script>alert(1)</script>"]
    assert ec.parse_texts("\n".join(texts)).texts == texts


def test_very_long_line_is_cut_with_a_note():
    parsed = ec.parse_texts("x" * 20_000)
    assert len(parsed.texts[0]) == ec.MAX_TEXT_CHARS
    assert "Cut 1 very long line" in parsed.notes()[0]


def test_max_items_keeps_the_first_and_counts_the_rest():
    parsed = ec.parse_texts("\n".join(f"t{i}" for i in range(10)), max_items=3)
    assert parsed.texts == ["t0", "t1", "t2"] and parsed.dropped == 7
    assert "left out" in parsed.notes()[-1]


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t\n", "\u200b\n\x00"])
def test_empty_input_raises_a_clear_error(raw):
    with pytest.raises(ec.EmptyInputError, match="Type at least one word or sentence"):
        ec.parse_texts(raw)


def test_bad_parameters():
    with pytest.raises(ec.InvalidParameterError, match="must be text"):
        ec.parse_texts(None)  # type: ignore[arg-type]
    with pytest.raises(ec.InvalidParameterError, match="`max_items` must be at least 1"):
        ec.parse_texts("a", max_items=0)


def test_grouped_lines_give_each_item_its_group():
    g = ec.parse_grouped_texts("fruit: apple, banana, cherry\nanimal: dog,cat\nplain text")
    assert g.texts == ["apple", "banana", "cherry", "dog", "cat", "plain text"]
    assert g.groups == ["fruit"] * 3 + ["animal"] * 2 + [None]
    assert g.has_groups and g.group_names()[-1] == "(no group)"


def test_group_header_applies_to_following_lines_and_semicolons_keep_commas():
    g = ec.parse_grouped_texts("cooking:\nPreheat the oven, then wait.\nSlice the bread.\nq: yes, sure; no, never")
    assert g.texts == ["Preheat the oven, then wait.", "Slice the bread.", "yes, sure", "no, never"]
    assert g.groups == ["cooking", "cooking", "q", "q"]


def test_times_and_web_addresses_are_not_groups():
    g = ec.parse_grouped_texts("meet at 10:30\nhttps://example.org\nno group here")
    assert g.texts == ["meet at 10:30", "https://example.org", "no group here"]
    assert not g.has_groups


def test_grouped_duplicates_keep_their_first_group_and_are_reported():
    g = ec.parse_grouped_texts("a: x, y\nb: y, z\n\n")
    assert g.texts == ["x", "y", "z"] and g.groups == ["a", "a", "b"]
    assert "'y'" in " ".join(g.notes()) and g.blank_lines == 1


def test_grouped_limits_and_empty_input():
    g = ec.parse_grouped_texts("n: " + ", ".join(f"w{i}" for i in range(10)), max_items=4)
    assert len(g.texts) == len(g.groups) == 4 and g.dropped == 6
    with pytest.raises(ec.EmptyInputError, match="Type at least one word"):
        ec.parse_grouped_texts("empty:\n \n")


REVIEWS = """Great laptop for the price.
Update: the screen cracked after a week, and support took ten days to answer.
Pros: light, cheap, fast. Cons: the battery dies by noon.
Note: the charger is sold separately, which nobody mentions.
Would buy again, but not for work."""


def test_pasted_reviews_with_colons_do_not_look_grouped():
    assert not ec.looks_grouped(REVIEWS)
    assert not ec.looks_grouped("Update: the screen cracked…\nPros: light, cheap")  # one long item, one ellipsis
    assert not ec.looks_grouped("Pros: light, cheap, fast. Cons: slow\nCons: heavy, loud")  # a sentence inside
    assert not ec.looks_grouped("fruit: apple, pear")  # one group is not a grouping


@pytest.mark.parametrize(
    "raw",
    [
        ec.lesson_text("projections", "example").strip(),
        ec.lesson_text("clusters", "example").strip(),
        "fruit: apple, banana\n\nanimal: dog; cat",
        "cooking:\nPreheat the oven, then wait.\nSlice the bread.\nsport:\nHe ran a marathon.",
    ],
)
def test_group_lists_and_blocks_look_grouped(raw):
    assert ec.looks_grouped(raw)
