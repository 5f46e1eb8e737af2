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
