"""When two projects are the same project: one rule for the entry form, the importer and sync.

Two projects are duplicates when they have the same investor and the same normalised name,
and *possible* duplicates when, with the same investor, their names are close enough
(rapidfuzz token-set ratio at or above `SIMILAR_PROJECT_SCORE`). Projects of different
investors are never duplicates: 年产10万吨铝材项目 is a common name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from crm.names import normalize_project_name

#: Score (0–100) from which two names of the same investor are flagged as possibly the same.
SIMILAR_PROJECT_SCORE = 85.0


@dataclass(frozen=True)
class SimilarProject:
    id: str
    name: str
    score: float  # 100 = same normalised name
    exact: bool


def name_score(name: str, other: str) -> float:
    """How alike two project names are, 0–100; 100 for the same normalised name."""
    a, b = _key(name), _key(other)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    return float(fuzz.token_set_ratio(a, b))


def _key(name: str) -> str:
    # "项目" ends most names and says nothing about which project it is.
    return normalize_project_name(name).removesuffix("项目")


def similar_projects(
    name: str, candidates: Iterable[tuple[str, str]], *, exclude_id: str | None = None
) -> list[SimilarProject]:
    """The candidates `(id, name)` of the same investor that look like `name`, best first."""
    found = []
    for candidate_id, candidate_name in candidates:
        if candidate_id == exclude_id:
            continue
        score = name_score(name, candidate_name)
        if score >= SIMILAR_PROJECT_SCORE:
            found.append(SimilarProject(candidate_id, candidate_name, score, score == 100.0))
    return sorted(found, key=lambda s: (-s.score, s.name))
