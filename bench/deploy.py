"""What Community Cloud's installer resolves from requirements.txt, with and without `uv.toml`.

    python -m bench.deploy            # needs `uv` on PATH (pip install uv) and PyPI reachable

Community Cloud installs `requirements.txt` with `uv pip install` (falling back to pip), from the
repository's folder, so uv reads the repository's `uv.toml`. PyTorch's CPU index cannot be reached from
the project's machines, so this stands in for it with a local simple index holding the one `+cpu` wheel
lying on disk (``--cpu-wheel``), and resolves for Linux x86_64 / Python 3.11 twice: with the repository's
settings (index URL swapped for the stand-in) and without any (what pip on PyPI alone gives). It prints
torch's version, the CUDA packages pulled in and, for those, the size of their wheels on PyPI.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import urllib.request
from pathlib import Path

from bench.common import ROOT

CUDA = re.compile(r"^(nvidia-[\w-]+|triton)==", re.M)


def _stand_in_index(folder: Path, wheel: Path) -> str:
    """A PEP 503 simple index at ``folder`` offering only ``wheel``; its file:// URL."""
    project = folder / "torch"
    project.mkdir(parents=True)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    href = wheel.resolve().as_uri() + f"#sha256={digest}"
    (project / "index.html").write_text(f'<html><body><a href="{href}">{wheel.name}</a></body></html>')
    return folder.as_uri()


def _compile(uv: str, workdir: Path, *, config: bool) -> str:
    shutil.copy(ROOT / "requirements.txt", workdir / "requirements.txt")
    args = [uv, "pip", "compile", "requirements.txt", "--python-version", "3.11"]
    args += ["--python-platform", "x86_64-manylinux_2_28", "--quiet"] + ([] if config else ["--no-config"])
    return subprocess.run(args, cwd=workdir, check=True, capture_output=True, text=True).stdout


def _wheel_mb(name: str, version: str) -> float:
    request = urllib.request.Request(
        f"https://pypi.org/simple/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    files = json.load(urllib.request.urlopen(request, timeout=30))["files"]
    sizes = [
        f.get("size", 0)
        for f in files
        if f"-{version}-" in f["filename"]
        and "x86_64" in f["filename"]
        and f["filename"].endswith(".whl")
        and ("cp311" in f["filename"] or "py3-none" in f["filename"])
    ]
    return max(sizes, default=0) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cpu-wheel", type=Path, default=next(Path("/opt/wheels").glob("torch-*+cpu-cp311-*.whl"), None)
    )
    args = parser.parse_args()
    uv = shutil.which("uv")
    if uv is None or args.cpu_wheel is None:
        print("needs `uv` on PATH (pip install uv) and a torch +cpu wheel (--cpu-wheel)", file=sys.stderr)
        return 2
    settings = tomllib.loads((ROOT / "uv.toml").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = _stand_in_index(work / "index", args.cpu_wheel)
        settings["pip"]["extra-index-url"] = [url]
        (work / "uv.toml").write_text(
            "[pip]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings["pip"].items())
        )
        for label, config in (("with uv.toml", True), ("PyPI alone", False)):
            lock = _compile(uv, work, config=config)
            torch = re.search(r"^torch==(\S+)", lock, re.M).group(1)
            cuda = [line.split("==") for line in lock.splitlines() if CUDA.match(line)]
            print(f"{label}: {lock.count('==')} packages, torch {torch}, {len(cuda)} CUDA packages")
            if cuda:
                sizes = {f"{n}=={v}": _wheel_mb(n, v) for n, v in cuda + [["torch", torch]]}
                print(f"  their wheels and torch's on PyPI: {sum(sizes.values()):,.0f} MB")
    print(f"  the +cpu wheel: {args.cpu_wheel.stat().st_size / 1e6:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
