"""The program finds its data through importlib.resources, never through its source folder
(an installed copy has no source folder: `pip install .`, then `crm` from anywhere)."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import crm
import ui
from crm.paths import resources_dir

ROOT = Path(crm.__file__).resolve().parents[1]


def test_reference_data_fonts_and_translations_are_package_data() -> None:
    data = files("crm_resources")
    for name in ("reference/regions.csv", "fonts/wqy-microhei.ttc", "translations/crm_en.qm"):
        assert data.joinpath(name).is_file(), name
    assert resources_dir() == Path(str(data))


def test_no_module_reads_the_source_tree_for_data() -> None:
    source_relative = re.compile(r"parents\[\d\]\s*/\s*[\"']resources")
    offenders = [
        str(path.relative_to(ROOT))
        for package in (crm, ui)
        for path in Path(package.__file__).parent.rglob("*.py")
        if source_relative.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_pyproject_ships_every_resource_file() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["crm_resources"]
    shipped = {p for pattern in patterns for p in (ROOT / "resources").glob(pattern)}
    everything = {p for p in (ROOT / "resources").rglob("*") if p.is_file()}
    everything = {p for p in everything if p.suffix != ".py" and "__pycache__" not in p.parts}
    assert everything - shipped == set()
