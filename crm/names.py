"""Normalised names: the keys for matching companies and projects across ledgers."""

from __future__ import annotations

import re
import unicodedata

# Legal-form and decoration words that do not tell two firms apart. Longest first.
_COMPANY_NOISE = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "控股集团", "集团",
    "股份公司", "总公司", "分公司", "公司",
    "(中国)", "(中國)", "(china)", "co.,ltd.", "co.,ltd", "co.ltd", "limited", "ltd.", "ltd",
    "inc.", "inc", "corporation", "corp.", "corp", "group", "holdings",
)  # fmt: skip


def fold(text: str) -> str:
    """NFKC (full-width → half-width), lower case, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def normalize_company_name(name: str) -> str:
    key = fold(name)
    for word in _COMPANY_NOISE:
        key = key.replace(word, "")
    return re.sub(r"[()\[\]【】（）·,.，。、\-]", "", key)


def normalize_project_name(name: str) -> str:
    return re.sub(r"[()\[\]【】（）·,.，。、\-\"'“”]", "", fold(name))
