"""The label a person reads for a stored code: one rule (crm.codes.Coded.label_of) for the
window, the exports, the briefs and the queries."""

from __future__ import annotations

from crm.codes import ProblemCategory, Stage


def test_a_known_code_reads_as_its_label_in_the_language_asked() -> None:
    assert Stage.label_of("signed") == "签约"
    assert Stage.label_of("signed", "en") == "Signed"


def test_a_code_this_version_does_not_know_is_shown_as_stored() -> None:
    # Written by a newer version (a stage added later): shown, not hidden.
    assert Stage.label_of("commissioning", "en") == "commissioning"
    assert ProblemCategory.label_of("carbon_quota") == "carbon_quota"


def test_nothing_stored_reads_as_nothing() -> None:
    assert Stage.label_of(None) == ""
    assert Stage.label_of("") == ""
