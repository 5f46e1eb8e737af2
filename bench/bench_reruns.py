"""Server time of one interaction: a control inside a part of a page (a fragment) against the whole script.

Each case opens a page in Streamlit's AppTest (from app.py, as tests/app does), then alternates two
values of one control. "ours" is the run the interaction causes: with the control in a part
(`ui.parts.part`), Streamlit reruns only that part and the page's link. "whole script" is a full run
of the same page in the same state, which is what the interaction cost before the control was in a
part. Both are the best of several runs, measured alternately (the machine is shared), with every
model and cached result warm, so the figure is the rerun itself.

    python -m bench reruns                                    # this tree
    python -m bench.bench_reruns --app /path/to/other/app.py   # another checkout (e.g. before parts)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Row, print_table


@dataclass(frozen=True)
class Case:
    name: str
    page: str
    kind: str  # the AppTest element type: slider, radio, selectbox, text_input
    key: str
    values: tuple[object, object]
    setup: tuple[tuple[str, str, object], ...] = ()  # (kind, key, value) set once before timing


CASES = (
    Case("Similarity: turn arrow b", "pages/similarity.py", "slider", "similarity_b_angle", (120, 75)),
    Case("Similarity: measure of the heatmap", "pages/similarity.py", "radio", "similarity_metric", ("dot", "cosine")),
    Case("Similarity: hubs k", "pages/similarity.py", "slider", "similarity_hub_k", (5, 10)),
    Case("Similarity: raw GloVe word", "pages/similarity.py", "text_input", "similarity_raw_word", ("queen", "king")),
    Case("Embed: barcode order", "pages/embed.py", "selectbox", "embed_order", ("variance", "index")),
    Case("Embed: bar layout", "pages/embed.py", "radio", "embed_bar_mode", ("stacked", "overlay")),
    Case(
        "Inside: attention layer",
        "pages/inside.py",
        "slider",
        "inside_layer",
        (2, 1),
        setup=(("segmented_control", "inside_view", "Attention"),),
    ),
    Case(
        "Inside: cloud word",
        "pages/inside.py",
        "selectbox",
        "inside_cloud_word",
        ("plant", "bank"),
        setup=(("segmented_control", "inside_view", "Contextual vs static"),),
    ),
    Case("Analogies: arithmetic expression", "pages/analogies.py", "text_input", "analogies_expr", ("cat", "dog")),
)


def _set(at, kind: str, key: str, value: object):  # noqa: ANN001, ANN202 - AppTest objects
    widget = getattr(at, kind)(key=key)
    return widget.input(value) if kind == "text_input" else widget.set_value(value)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(case: Case, app: Path, *, repeat: int = 5) -> tuple[float, float]:
    """Best seconds of (the interaction's run, a whole-script run), measured alternately."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app), default_timeout=600).run()
    at.switch_page(case.page).run()
    for kind, key, value in case.setup:
        _set(at, kind, key, value).run()
    for value in case.values:  # warm: every model loaded, both values' results cached
        _set(at, case.kind, case.key, value).run()
        at.run()
    part = whole = float("inf")
    for i in range(repeat):
        value = case.values[i % 2]
        part = min(part, _timed(lambda value=value: _set(at, case.kind, case.key, value).run()))
        whole = min(whole, _timed(at.run))
        if at.exception:
            raise RuntimeError(f"{case.name}: {[e.value for e in at.exception]}")
    return part, whole


def run(app: Path | None = None, repeat: int = 5) -> list[Row]:
    app = app or ROOT / "app.py"
    sys.path.insert(0, str(app.parent))
    rows = []
    for case in CASES:
        part, whole = measure(case, app, repeat=repeat)
        rows.append(
            Row(
                f"{case.name} (one interaction)",
                part * 1000,
                "ms",
                reference=whole * 1000,
                reference_name="whole script",
                goal="ratio well below 1",
            )
        )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=None, help="app.py of the tree to measure (default: this one)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print_table(run(args.app.resolve() if args.app else None, args.repeat))
