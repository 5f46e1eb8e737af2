"""CPU of a rerun (nothing changed) of Clusters, Maps and Search on 200,000 imported 384-dimension vectors.

One AppTest session (from app.py, as tests/app does) imports the vectors into "Your data", opens each
page on them once (the first run fits what the page needs), then reruns it unchanged: the rerun's CPU
is what every click elsewhere on the page costs on top of its own work. The vectors are
`bench_clusters.vectors` (mixes of real MiniLM vectors, so clustering finds real groups) and the texts
are the job listings' sentences with a row number.

    python -m bench.upload_reruns            # 200,000 rows, best of 3 reruns per page
    python -m bench.upload_reruns --rows 50000
"""

from __future__ import annotations

import argparse
import sys
import time

from bench.common import ROOT

PAGES = (
    ("Clusters", "pages/clusters.py", "clusters_source"),
    ("Maps", "pages/projections.py", "projection_source"),
    ("Search", "pages/search.py", "search_source"),
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import pandas as pd

    import embedding_core as ec
    from bench.bench_bigdata import _texts
    from bench.bench_clusters import vectors
    from tests.app.helpers import errors, exceptions, open_page

    x, _ = vectors(args.rows)
    texts = _texts(args.rows)
    data = ec.make_dataset("big.npy", texts, None, pd.DataFrame({"text": texts}), "text", None, vectors=x)
    at = open_page()
    at.session_state["data_uploads"] = {"big.npy": data}
    for name, page, key in PAGES:
        at.switch_page(page).run(timeout=1800)
        start = time.process_time()
        at.selectbox(key=key).set_value("upload:big.npy").run(timeout=1800)
        first = time.process_time() - start
        assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
        reruns = []
        for _ in range(args.repeat):
            start = time.process_time()
            at.run(timeout=1800)
            reruns.append(time.process_time() - start)
        assert not exceptions(at), exceptions(at)
        print(
            f"{name:8s} {args.rows:,} x {x.shape[1]}: first run {first:6.2f} CPU-s, "
            f"rerun best {min(reruns):.2f} CPU-s (all: {', '.join(f'{r:.2f}' for r in reruns)})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
