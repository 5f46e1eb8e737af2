"""Figure builders are size-neutral: no presenter switch, one screen-sized style."""

import inspect

import numpy as np

import embedding_core.figures as figures
from embedding_core.figures import apply_style, projection_figure


def test_no_figure_builder_takes_a_size_switch():
    builders = [getattr(figures, name) for name in figures.__all__ if callable(getattr(figures, name))]
    assert len([b for b in builders if b.__name__.endswith("_figure")]) >= 20
    for builder in builders:
        assert "large" not in inspect.signature(builder).parameters, builder.__name__


def test_apply_style_sets_one_screen_sized_font_and_the_height():
    fig = apply_style(projection_figure(np.eye(3, 2), ["a", "b", "c"]), height=333)
    assert fig.layout.font.size == 13 and fig.layout.legend.font.size == 13
    assert fig.layout.height == 333


def test_the_fourteen_word_set_categories_get_fourteen_distinct_colours():
    """The map of the word sets colours each category by the palette: none shares a colour with another."""
    import embedding_core as ec

    data = ec.load_dataset("word_sets")
    groups = sorted(set(data.labels))
    assert len(groups) == 14
    fig = projection_figure(np.random.default_rng(0).standard_normal((len(data.texts), 2)), data.texts, data.labels)
    colorway = list(fig.layout.colorway)
    assert len(fig.data) == 14 and len(set(colorway[: len(fig.data)])) == 14
    # explicit marker colours, if a trace sets one, are distinct too
    explicit = [t.marker.color for t in fig.data if isinstance(t.marker.color, str)]
    assert len(set(explicit)) == len(explicit)
