"""The screenshot comparison of tests/support/screens.py, on small images made here (no browser)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests.support import screens


def _png(path, pixels: np.ndarray):
    Image.fromarray(pixels.astype(np.uint8), "RGB").save(path)
    return path


def test_every_page_file_gets_a_shot_and_maps_also_in_presenter_mode():
    names = [s.name for s in screens.shots()]
    pages = sorted(p.stem for p in (screens.ROOT / "pages").glob("*.py"))
    assert sorted(n for n in names if n != "projections-presenter") == pages
    home = next(s for s in screens.shots() if s.name == "home")
    presenter = next(s for s in screens.shots() if s.name == "projections-presenter")
    assert home.path == "" and home.viewport == {"width": 1440, "height": 900}
    assert presenter.path == "projections?present=1" and presenter.viewport == {"width": 1920, "height": 1080}


def test_share_counts_pixels_over_the_tolerance(tmp_path):
    white = np.full((10, 20, 3), 255)
    changed = white.copy()
    changed[:2, :5] = 0  # 10 of 200 pixels black
    changed[5, 5] = 250  # within the tolerance
    a, b = _png(tmp_path / "a.png", white), _png(tmp_path / "b.png", changed)
    assert screens.differing_share(a, a) == (0.0, "")
    assert screens.differing_share(a, b, tolerance=16) == (pytest.approx(10 / 200), "")
    assert screens.differing_share(a, b, tolerance=0)[0] == pytest.approx(11 / 200)


def test_a_taller_page_counts_the_extra_rows_as_different(tmp_path):
    a = _png(tmp_path / "a.png", np.full((10, 20, 3), 255))
    b = _png(tmp_path / "b.png", np.full((15, 20, 3), 255))
    share, size = screens.differing_share(a, b)
    assert share == pytest.approx(5 / 15) and size == " (size 20x10 -> 20x15)"


def test_compare_fails_on_a_missing_or_changed_page(tmp_path, capsys):
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    white = np.full((10, 10, 3), 255)
    for folder in (before, after):
        _png(folder / "home.png", white)
    _png(before / "search.png", white)
    assert screens.main(["--compare", str(before), str(after)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["home", "0.00%", "of", "pixels", "differ"]
    assert lines[1].split() == ["search", "missing", "in", "AFTER"]
    _png(after / "search.png", white)
    assert screens.main(["--compare", str(before), str(after)]) == 0
    _png(after / "search.png", np.zeros((10, 10, 3)))
    assert screens.main(["--compare", str(before), str(after), "--max-share", "0.5"]) == 1
    assert "100.00% of pixels differ  <- over the limit" in capsys.readouterr().out
