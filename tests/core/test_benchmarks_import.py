"""The benchmark runner's modules import: moving a function inside crm must not leave a
benchmark broken until someone runs it (the bench_briefs import of format_cell did)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_benchmark_module_imports() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        import benchmarks

        names = [m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name != "__main__"]
        assert "bench_briefs" in names and "runner" in names
        for name in names:
            importlib.import_module(f"benchmarks.{name}")
    finally:
        sys.path.remove(str(ROOT))
