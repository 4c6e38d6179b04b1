from sqlalchemy import func, select

from crm.models import Region


def test_open_database_has_reference_data(db) -> None:
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Region)) == 367
    assert db.site_id
