"""In Chromium: the labelled figures' real text boxes neither overlap nor cover a marker at presenter sizes.

Each figure is sized by `ui.charts.for_projector` (labels placed again at those sizes) and drawn by
plotly.js in a page of its own, at the width the app draws it (`WIDTH`; presenter mode at 1920x1080
draws it wider). The boxes are the browser's own (``getBoundingClientRect`` of each text); a text may
touch its own marker by the 1 to 2 px of air the font's line box adds, so a marker counts as covered
from 2 px on.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.support.label_boxes import WIDTH, home_figure, inside_map, labelled_map, the_parallelogram
from ui.charts import for_projector

pytestmark = pytest.mark.e2e

_BOXES = """() => {
  const r = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const texts = [...document.querySelectorAll('.scatterlayer .textpoint text, .annotation-text')]
    .filter(e => e.textContent.trim()).map(e => [e.textContent, r(e)]);
  return {area: r(document.querySelector('.nsewdrag')), texts,
          dots: [...document.querySelectorAll('.scatterlayer path.point')].map(r)};
}"""


def _meet(a, b, air: float) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > air and min(a[3], b[3]) - max(a[1], b[1]) > air


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("home", lambda m, g: home_figure()),
        ("parallelogram", lambda m, g: the_parallelogram(m)),
        ("parallelogram", lambda m, g: the_parallelogram(g)),
        ("inside", lambda m, g: inside_map(m)),
        ("map", lambda m, g: labelled_map(m, "pca")),
        ("map", lambda m, g: labelled_map(m, "umap")),
    ],
    ids=["home", "parallelogram-minilm", "parallelogram-glove", "inside", "map-pca", "map-umap"],
)
def test_projector_labels_are_apart_in_the_browser(page: Page, name, build, minilm, glove):
    fig = for_projector(build(minilm, glove))
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.set_content(fig.to_html(include_plotlyjs=True, default_width=f"{WIDTH[name]}px"))
    page.wait_for_selector(".scatterlayer .textpoint text", state="attached", timeout=30_000)
    page.wait_for_timeout(200)
    got = page.evaluate(_BOXES)
    (ax0, ay0, ax1, ay1), texts = got["area"], got["texts"]
    assert len(texts) >= 10
    found = [t for t, b in texts if b[0] < ax0 - 0.5 or b[1] < ay0 - 0.5 or b[2] > ax1 + 0.5 or b[3] > ay1 + 0.5]
    for i, (t, b) in enumerate(texts):
        found += [f"{t!r} overlaps {u!r}" for u, c in texts[i + 1 :] if _meet(b, c, 0.5)]
        found += [f"{t!r} covers a marker" for d in got["dots"] if _meet(b, d, 2.0)][:1]
    assert found == [], f"{name} at {WIDTH[name]} px"
