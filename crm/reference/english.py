"""English names of the shipped reference codes (GB/T 4754 industries, GB/T 2260 regions),
read from resources/reference: shown in English mode, never stored."""

from __future__ import annotations

import csv
from functools import lru_cache

from crm import paths


@lru_cache(maxsize=1)
def industry_names_en() -> dict[str, str]:
    return _read("industries_en.csv", "name_en")


@lru_cache(maxsize=1)
def region_names_en() -> dict[str, str]:
    return _read("regions_en.csv", "name_en")


@lru_cache(maxsize=1)
def region_short_names_en() -> dict[str, str]:
    return _read("regions_en.csv", "short_name_en")


def _read(name: str, column: str) -> dict[str, str]:
    path = paths.resources_dir() / "reference" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row[column] for row in csv.DictReader(handle) if row[column]}
