"""Type-to-search in long choice lists: Chinese, full pinyin or initials narrow the list and
pick the one entry they name, as the projects search does; in the projects filter bar too."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

TEAMS = [
    ("t1", "南宁市驻深圳招商工作队"),
    ("t2", "南宁市驻上海招商工作队"),
    ("t3", "南宁市驻北京招商工作队"),
]


def combo(qtbot: Any) -> Any:
    from ui.widgets.search_combo import SearchableCombo

    box = SearchableCombo("全部工作队")
    qtbot.addWidget(box)
    box.set_choices(TEAMS)
    box.show()
    return box


def shown(box: Any) -> list[str]:
    model = box.filter_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def type_into(qtbot: Any, box: Any, text: str) -> None:
    box.lineEdit().clear()
    if text.isascii():
        qtbot.keyClicks(box.lineEdit(), text)
    else:  # QtTest types ASCII only: what an input method hands over
        box.lineEdit().insert(text)
        box.lineEdit().textEdited.emit(text)


def test_pinyin_initials_and_chinese_narrow_the_list(qtbot: Any) -> None:
    box = combo(qtbot)
    type_into(qtbot, box, "shenzhen")
    assert shown(box) == ["南宁市驻深圳招商工作队"]
    type_into(qtbot, box, "nnsz")  # initials: every team of 南宁市驻…
    assert len(shown(box)) == 3
    type_into(qtbot, box, "上海")
    assert shown(box) == ["南宁市驻上海招商工作队"]


def test_leaving_the_box_picks_the_one_entry_named(qtbot: Any) -> None:
    box = combo(qtbot)
    type_into(qtbot, box, "beijing")
    box.pick_typed()
    assert box.value() == "t3" and box.currentText() == "南宁市驻北京招商工作队"
    type_into(qtbot, box, "nanning")  # names all three: the choice stays
    box.pick_typed()
    assert box.value() == "t3"


def test_the_completer_choice_sets_the_value(qtbot: Any) -> None:
    box = combo(qtbot)
    type_into(qtbot, box, "sh")
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5_000)
    index = box.completer().completionModel().index(0, 0)
    box.completer().activated[type(index)].emit(box.filter_model.index(0, 0))
    assert box.value() in {"t1", "t2"}  # 深圳 (shen) and 上海 (shang) both start with sh


def test_projects_filter_bar_team_by_pinyin(qtbot: Any, qapp: Any) -> None:
    from crm.queries.project_choices import ProjectChoices
    from ui.projects.filter_bar import ProjectFilterBar

    bar = ProjectFilterBar("zh")
    qtbot.addWidget(bar)
    empty: list[tuple[str, str]] = []
    bar.set_choices(ProjectChoices(empty, empty, TEAMS, empty, empty, empty, empty, empty, empty))
    bar.show()
    with qtbot.waitSignal(bar.filter_changed, timeout=5_000) as blocker:
        type_into(qtbot, bar.team, "shanghai")
        qtbot.keyClick(bar.team.lineEdit(), Qt.Key.Key_Return)
    assert blocker.args[0].team_id == "t2"


def test_long_choice_lists_of_the_forms_are_searchable(ctx: Any, qtbot: Any) -> None:
    """The project form's industry, regions, places and team; companies' region and
    industry; a team's station and region group; the activities' team filter."""
    from ui.activities.screen import ActivitiesScreen
    from ui.companies.form import CompanyDialog
    from ui.projects.form import ProjectForm
    from ui.widgets.search_combo import SearchableCombo

    form = ProjectForm(ctx, None)
    qtbot.addWidget(form)
    for combo in (form.industry, form.chain, form.team, form.park):
        assert isinstance(combo, SearchableCombo)
    type_into(qtbot, form.industry, "qiche")  # 36 汽车制造业
    form.industry.pick_typed()
    assert form.industry.value() == "36"
    company = CompanyDialog(ctx)
    qtbot.addWidget(company)
    assert isinstance(company.region, SearchableCombo)
    activities = ActivitiesScreen(ctx)
    qtbot.addWidget(activities)
    assert isinstance(activities.team, SearchableCombo)


def test_unit_fields_offer_the_units_already_written(qtbot: Any, ctx: Any) -> None:
    """承办单位 / 协办单位 of the request dialog: pinyin initials offer the unit already used
    elsewhere (a problem's 责任单位); a unit not yet known can still be typed."""
    from datetime import date

    from crm.services import companies, problems
    from crm.services import projects as project_service
    from crm.services import requests as request_service
    from ui.requests.dialogs import RequestDialog

    with ctx.db.session() as s:
        company = companies.create_company(s, name="南宁某某食品有限公司").id
        project = project_service.create_project(s, name="食品加工项目", company_id=company).id
        problems.raise_problem(
            s, project_id=project, category="land", description="用地", raised_on=date(2026, 1, 5),
            responsible_unit="南宁市自然资源局",
        )  # fmt: skip
        request_service.raise_request(
            s, company_id=company, channel="visit", received_on=date(2026, 1, 6),
            category="land", content="报批", handling_unit="市发展改革委",
        )  # fmt: skip
    dialog = RequestDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    unit = dialog.handling_unit
    qtbot.waitUntil(lambda: unit.count() == 2, timeout=10_000)
    type_into(qtbot, unit, "nnszr")  # 南宁市自然(资源局)
    assert shown(unit) == ["南宁市自然资源局"]
    assert unit.completer().popup().isVisible()
    popup = unit.completer().popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert unit.text() == "南宁市自然资源局"
    # Several units: each part after 、 is completed on its own, the parts before kept.
    co = dialog.co_units
    type_into(qtbot, co, "市发展改革委、nnszr")
    assert shown(co) == ["南宁市自然资源局"]
    qtbot.keyClick(co.completer().popup(), Qt.Key.Key_Down)
    qtbot.keyClick(co.completer().popup(), Qt.Key.Key_Return)
    assert co.text() == "市发展改革委、南宁市自然资源局"
    # Free text: a unit nobody has written yet stays as typed.
    type_into(qtbot, unit, "新成立的服务中心")
    unit.lineEdit().editingFinished.emit()
    assert unit.text() == "新成立的服务中心"


def test_the_all_entry_is_a_hint_not_text_typed_after(qtbot: Any) -> None:
    """Clicking into 全部… and typing finds by what was typed: the hint is not in the text."""
    box = combo(qtbot)
    assert box.value() is None and box.lineEdit().text() == ""
    assert box.lineEdit().placeholderText() == box.itemText(0)
    qtbot.keyClicks(box.lineEdit(), "beijing")  # typed straight in, nothing cleared first
    assert box.lineEdit().text() == "beijing"
    box.pick_typed()
    assert box.value() == "t3" and box.lineEdit().text() == "南宁市驻北京招商工作队"
    box.set_value(None)  # back to all: empty again, the hint shows
    assert box.lineEdit().text() == ""


def test_an_entry_clicked_in_the_popup_is_chosen(qtbot: Any) -> None:
    """The completer hands over an index of its own model; the box maps it to its entry (it
    used to warn 'index from wrong model' and leave the choice to the typed text)."""
    from PySide6.QtCore import QModelIndex

    box = combo(qtbot)
    type_into(qtbot, box, "nnsz")  # three teams listed
    completion = box.completer().completionModel()
    assert completion.rowCount() == 3
    second = completion.index(1, 0)
    label = second.data()
    with qtbot.assertNotEmitted(box.completer().highlighted):
        box.completer().activated[QModelIndex].emit(second)
    assert box.lineEdit().text() == label
    assert box.value() == dict((name, key) for key, name in TEAMS)[label]


def test_a_choice_made_before_the_list_arrives_is_kept(qtbot: Any) -> None:
    """The lists load on a worker after the window's first paint: a drill-down that sets a
    team first keeps it, and a team no longer listed is dropped when the list comes."""
    from ui.widgets.search_combo import SearchableCombo

    box = SearchableCombo("全部工作队")
    qtbot.addWidget(box)
    box.set_value("t3")
    assert box.value() == "t3"  # the filter already narrows to it
    box.set_choices(TEAMS)
    assert box.value() == "t3" and box.lineEdit().text() == "南宁市驻北京招商工作队"
    box.set_value("gone")  # once listed, a value not among them is no value
    assert box.value() is None
    late = SearchableCombo("全部工作队")
    qtbot.addWidget(late)
    late.set_value("gone")
    late.set_choices(TEAMS)
    assert late.value() is None
