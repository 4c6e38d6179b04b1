"""The paged table model over the projects query passes Qt's model tester; pages are cached."""

from __future__ import annotations

from typing import Any

from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from ui.projects.columns import project_columns
from ui.widgets.paged_model import PagedTableModel


def test_model_passes_qt_model_tester(
    qtmodeltester: Any, sqlite_db: Any, sample_projects: Any
) -> None:
    model = PagedTableModel(sqlite_db, ProjectQuery(), project_columns("zh"))
    model.reload(sync=True)
    assert model.rowCount() == 3
    qtmodeltester.check(model, force_py=True)
    model.set_query(ProjectQuery(ProjectFilter(text="gfzj")), sync=True)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 1


def test_sorting_and_display(qapp: Any, sqlite_db: Any, sample_projects: Any) -> None:
    model = PagedTableModel(sqlite_db, ProjectQuery(), project_columns("zh"))
    model.set_sort("planned_investment", descending=False)
    model.reload(sync=True)
    name_col = model.column_index("name")
    amount_col = model.column_index("planned_investment")
    names = [model.index(r, name_col).data() for r in range(model.rowCount())]
    assert names == ["光伏组件项目", "南宁数据中心", "中石化新材料项目"]
    assert model.index(2, amount_col).data() == "120,000"
    model.sort(name_col)
    assert model.rowCount() == 3


def test_async_reload_emits_loaded(qtbot: Any, sqlite_db: Any, sample_projects: Any) -> None:
    model = PagedTableModel(sqlite_db, ProjectQuery(), project_columns("zh"))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload(sync=False)
    assert model.rowCount() == 3
    assert model.id_at(0) in sample_projects.values()
    assert model.row_of(model.id_at(1)) == 1


def test_first_screenful_then_the_rest_from_a_worker(
    qtbot: Any, qtmodeltester: Any, sqlite_db: Any, sample_projects: Any, monkeypatch: Any
) -> None:
    from ui.widgets import paged_model

    monkeypatch.setattr(paged_model, "FIRST_SCREEN", 2)
    model = PagedTableModel(sqlite_db, ProjectQuery(), project_columns("zh"))
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
        assert model.rowCount() == 2 and not model.complete
    assert model.rowCount() == 3 and model.complete
    everything = PagedTableModel(sqlite_db, ProjectQuery(), project_columns("zh"))
    everything.reload(sync=True)
    assert model.ids == everything.ids
