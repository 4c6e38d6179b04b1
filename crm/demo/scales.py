"""How much demo data each scale makes."""

from __future__ import annotations

from dataclasses import dataclass

from crm.errors import ValidationError


@dataclass(frozen=True)
class Scale:
    name: str
    projects: int
    activities: int
    #: Home units that send resident teams, and how many stations each covers (min, max).
    home_units: int = 16
    stations: tuple[int, int] = (8, 13)
    companies_per_project: float = 0.65

    @property
    def estimated_records(self) -> int:
        """Rows the scale writes, roughly (for progress bars)."""
        companies = self.projects * self.companies_per_project
        return int(companies * 2.4 + self.projects * 4.3 + self.activities + 1500)


SCALES: dict[str, Scale] = {
    s.name: s
    for s in (
        Scale("tiny", projects=200, activities=2_000, home_units=3, stations=(4, 6)),
        Scale("small", projects=2_000, activities=20_000),
        Scale("medium", projects=20_000, activities=200_000),
        Scale("large", projects=100_000, activities=1_000_000),
    )
}


def scale_named(name: str) -> Scale:
    try:
        return SCALES[name]
    except KeyError:
        names = " / ".join(SCALES)
        raise ValidationError(
            "scale",
            name,
            f"未知的规模：{name}（可选 {names}）",
            f"Unknown scale: {name} (choose {names})",
            code="unknown_scale",
        ) from None
