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


class _Numbers:
    """A list of 200 rows "r0".."r199" that records which ids each page fetch asked for."""

    sort_keys: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.fetched: list[list[str]] = []

    def ids(self, session: Any, *, sort: str | None = None, descending: bool = False) -> list[str]:
        return [f"r{n}" for n in range(200)]

    def fetch_rows(self, session: Any, ids: Any) -> list[tuple[Any, ...]]:
        self.fetched.append(list(ids))
        return [(i, f"名称{i[1:]}") for i in ids]


def _rows(fetched: list[str]) -> tuple[int, int]:
    numbers = [int(i[1:]) for i in fetched]
    assert numbers == list(range(numbers[0], numbers[-1] + 1))
    return numbers[0], numbers[-1]


def test_a_jump_fetches_the_rows_from_where_it_lands_and_scrolling_up_the_rows_above(
    qapp: Any, sqlite_db: Any
) -> None:
    """Wherever a jump lands, one fetch reads the rows it shows and the next screenful
    (never a page boundary inside the window); the row just above then brings the rows above
    it, not one row at a time; at the end of the list only what is left."""
    from ui.widgets.paged_model import PAGE_SIZE, ColumnSpec

    query = _Numbers()
    model = PagedTableModel(sqlite_db, query, [ColumnSpec("name", "名称", 1)])  # type: ignore[arg-type]
    model.reload(sync=True)
    assert model.index(130, 0).data() == "名称130"
    assert _rows(query.fetched[-1]) == (130, 130 + PAGE_SIZE - 1)
    for row in range(130, 130 + PAGE_SIZE):
        model.index(row, 0).data()
    assert len(query.fetched) == 1
    assert model.index(129, 0).data() == "名称129"
    assert _rows(query.fetched[-1]) == (130 - PAGE_SIZE, 129)
    assert model.index(195, 0).data() == "名称195"
    assert _rows(query.fetched[-1]) == (195, 199)
    assert model.index(0, 0).data() == "名称0"
    assert _rows(query.fetched[-1]) == (0, PAGE_SIZE - 1)


def test_a_painted_cell_shows_what_the_model_says_for_each_role(
    qapp: Any, sqlite_db: Any, sample_projects: Any
) -> None:
    """A view's delegate asks every role of a cell in one call (multiData): it answers what
    data() answers, role by role, so a table paints the same texts, alignment and colours."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    model = PagedTableModel(sqlite_db, ProjectQuery(), project_columns("zh"))
    model.reload(sync=True)
    amount = model.index(0, model.column_index("planned_investment"))
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, amount)  # asks through multiData
    assert option.text == amount.data()
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
             Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole]  # fmt: skip
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in roles:
                asked = QModelRoleData(role)
                model.multiData(index, QModelRoleDataSpan(asked))
                expected = model.data(index, role)
                assert asked.data() == expected, (row, column, role)
