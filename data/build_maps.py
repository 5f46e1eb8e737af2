"""Rebuild the shipped maps of the built-in datasets: every method, 2D and 3D, every bundled model.

Run from the repository root::

    python -m data.build_maps

Writes ``data/maps/<dataset>__<model>__<method>_<d>d.npy`` (float64 coordinates, one row per CSV
row) and ``data/maps/maps.json`` with each map's fingerprint (`embedding_core.map_fingerprint`:
model, texts, vectors, method, settings, seed, library versions). The maps use the Maps page's
defaults (`embedding_core.DEFAULT_PARAMS`, seed 0). The app uses a shipped map only when its
fingerprint matches the request; otherwise it computes the map as before. Rebuild after changing a
dataset, a model, a default or a library version (the app keeps working meanwhile, only slower).
"""

from __future__ import annotations

import json
import time

import numpy as np

import embedding_core as ec
from embedding_core.shipped_maps import MAPS_DIR, MAPS_MANIFEST, map_file, map_fingerprint

#: The seed the Maps page starts from (its "Seed 0" button).
SEED = 0


def main() -> None:
    MAPS_DIR.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict] = {}
    for model_name in ec.BUNDLED_MODELS:
        model = ec.load_model(model_name)
        for name in ec.list_datasets():
            dataset = ec.load_dataset(name)
            vectors = ec.dataset_vectors(dataset, model)
            for method in ec.PROJECTION_METHODS:
                for dims in ec.N_COMPONENTS.values:
                    start = time.perf_counter()
                    proj = ec.project(vectors, method, n_components=dims, random_state=SEED)
                    used = {k: proj.params[k] for k in ec.DEFAULT_PARAMS[method]}
                    file = map_file(name, model.name, method, dims)
                    np.save(MAPS_DIR / file, np.asarray(proj.coords, dtype=np.float64))
                    ratio = proj.explained_variance_ratio
                    manifest[file] = {
                        "dataset": name,
                        "model": model.name,
                        "method": method,
                        "n_components": dims,
                        "random_state": SEED,
                        "rows": len(vectors),
                        "fingerprint": map_fingerprint(
                            name,
                            dataset.texts,
                            model.name,
                            vectors,
                            method,
                            n_components=dims,
                            random_state=SEED,
                            params=used,
                        ),
                        "params": proj.params,
                        "adjustments": proj.adjustments,
                        "explained_variance_ratio": None if ratio is None else [float(v) for v in ratio],
                        "seconds": round(time.perf_counter() - start, 2),
                    }
                    print(f"{file}: {proj.coords.shape} in {time.perf_counter() - start:.1f} s", flush=True)
    MAPS_MANIFEST.write_text(json.dumps(manifest, indent=1, default=_plain) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in MAPS_DIR.iterdir())
    print(f"{len(manifest)} maps, {size / 1024:.0f} KB in {MAPS_DIR}")


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON")


if __name__ == "__main__":
    main()
