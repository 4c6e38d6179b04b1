"""A field's label depends on the record it belongs to: the change log of a request names its
受理日期, not a funds entry's 到位日期."""

from __future__ import annotations

from typing import Any

from ui.field_labels import field_label


def test_a_field_is_labelled_as_its_record_names_it(qapp: Any) -> None:
    assert field_label("received_on", "enterprise_request") == "受理日期"
    assert field_label("received_on", "funds_entry") == "到位日期"
    assert field_label("name") == "项目名称"
    assert field_label("name", "team") == "名称"
    assert field_label("company_id", "enterprise_request") == "企业"
    assert field_label("planned_investment", "project") == "协议投资额"
    assert field_label("no_such_field", "enterprise_request") == "no_such_field"
