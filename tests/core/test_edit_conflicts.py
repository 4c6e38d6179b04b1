"""Two people edit the same project in two windows: the second save of a field the first one
changed meanwhile is refused with what was written, not saved over it unseen; edits of other
fields still merge."""

from __future__ import annotations

import pytest

from crm.errors import EditConflict
from crm.queries.project_detail import project_values
from crm.services import projects


def test_the_second_save_of_the_same_field_is_told_what_the_first_wrote(db) -> None:
    with db.session("王芳") as s:
        pid = projects.create_project(s, name="伺服电机项目", responsible_person="王五").id
    with db.read() as s:  # both forms open on the project as it is now
        seen = project_values(s, pid)["seen_through"]
    with db.session("甲") as s:
        projects.update_project(s, pid, seen_through=seen, responsible_person="甲一")
    with pytest.raises(EditConflict) as refused, db.session("乙") as s:
        projects.update_project(s, pid, seen_through=seen, responsible_person="乙二")
    assert "责任人：王五 → 甲一（甲）" in refused.value.message_zh
    with db.session("乙") as s:  # another field of the same form merges
        projects.update_project(s, pid, seen_through=seen, expected_jobs=15)
    with db.read() as s:
        now = project_values(s, pid)
    assert (now["responsible_person"], now["expected_jobs"]) == ("甲一", 15)
    assert now["seen_through"] > seen
    with db.session("乙") as s:  # read again: the person may now write over it knowingly
        projects.update_project(s, pid, seen_through=now["seen_through"], responsible_person="乙二")


def test_a_refused_date_names_the_field_as_people_call_it(db) -> None:
    """「到位日期不能是将来的日期」, not 「received_on 不能是将来的日期」."""
    from datetime import date, timedelta

    from crm.errors import ValidationError
    from crm.services import funds

    with db.session() as s:
        pid = projects.create_project(s, name="伺服电机项目").id
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused, db.session() as s:
        funds.record_funds(s, project_id=pid, received_on=tomorrow, amount="100")
    assert refused.value.message_zh == f"到位日期不能是将来的日期：{tomorrow}"
