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


def test_figures_get_the_white_template_whether_or_not_it_is_plotlys_default(monkeypatch):
    import plotly.io as pio

    from embedding_core.figures.style import TEMPLATE

    white = pio.templates[TEMPLATE].to_plotly_json()
    monkeypatch.setattr(pio.templates, "default", "plotly")
    own = apply_style(projection_figure(np.eye(3, 2), ["a", "b", "c"]))
    assert own.to_dict()["layout"]["template"] == white  # set on the figure itself
    monkeypatch.setattr(pio.templates, "default", TEMPLATE)
    lazy = apply_style(projection_figure(np.eye(3, 2), ["a", "b", "c"]))
    assert lazy.to_dict()["layout"]["template"] == white  # plotly's default, taken without a copy


def test_the_fourteen_word_set_categories_get_fourteen_distinct_colours():
    """The map of the word sets colours each category by the palette: none shares a colour with another."""
    import embedding_core as ec

    data = ec.load_dataset("word_sets")
    groups = sorted(set(data.labels))
    assert len(groups) == 14
    fig = projection_figure(np.random.default_rng(0).standard_normal((len(data.texts), 2)), data.texts, data.labels)
    colorway = list(fig.layout.colorway)
    assert len(fig.data) == 14 and len(set(colorway[: len(fig.data)])) == 14
    # the traces' own colours are told apart: no two closer than Okabe-Ito's blue and sky blue (CIELAB ΔE 26)
    explicit = [t.marker.color for t in fig.data]
    assert len(set(explicit)) == 14
    closest = min(_delta_e(a, b) for i, a in enumerate(explicit) for b in explicit[i + 1 :])
    assert closest >= 26, closest


def _delta_e(a: str, b: str) -> float:
    """CIE76 colour difference of two ``#rrggbb`` colours (sRGB, D65)."""

    def lab(hex_colour: str) -> np.ndarray:
        rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
        rgb = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
        xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb
        t = xyz / np.array([0.95047, 1.0, 1.08883])
        f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
        return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])

    return float(np.linalg.norm(lab(a) - lab(b)))
