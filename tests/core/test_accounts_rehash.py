"""A password hash made with outdated argon2 parameters is replaced by a current one when its
owner signs in (on SQLite the program checks the password itself; PostgreSQL's path through
the database is in test_access_pg)."""

from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select, update

from crm.accounts import add_user, sign_in
from crm.models import UserAccount


def _stored(db: Any, login: str) -> str:
    with db.read() as s:
        return str(s.scalar(select(UserAccount.password_hash).where(UserAccount.login == login)))


def test_an_outdated_hash_is_upgraded_at_sign_in(sqlite_db: Any) -> None:
    with sqlite_db.session() as s:
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("boss-pass-1")
    with sqlite_db.session() as s:
        s.execute(update(UserAccount).where(UserAccount.login == "boss").values(password_hash=weak))
    sign_in(sqlite_db, "boss", "boss-pass-1")
    upgraded = _stored(sqlite_db, "boss")
    current = PasswordHasher()
    assert upgraded != weak and not current.check_needs_rehash(upgraded)
    assert current.verify(upgraded, "boss-pass-1")
    sign_in(sqlite_db, "boss", "boss-pass-1")
    assert _stored(sqlite_db, "boss") == upgraded  # current already: left as it is
