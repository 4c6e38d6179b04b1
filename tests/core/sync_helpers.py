"""Sites for sync tests: each its own database, all paired with each other."""

from __future__ import annotations

import shutil
from pathlib import Path

from crm.db import Database, open_database
from crm.sync.digest import state_digest
from crm.sync.exchange import export_package, import_package
from crm.sync.peers import local_identity, pair


def make_site(template: Path, folder: Path, name: str) -> Database:
    """A copy of the template: copied files become sites of their own when opened."""
    path = folder / f"{name}.sqlite"
    shutil.copy(template, path)
    return open_database(path)


def pair_all(*sites: Database) -> None:
    identities = {}
    for site in sites:
        with site.session() as session:
            identities[site.site_id] = local_identity(session.connection(), site.site_id)[1]
    for site in sites:
        with site.session() as session:
            for other in sites:
                if other is not site:
                    pair(session.connection(), identities[other.site_id], own_site_id=site.site_id)


def send(sender: Database, receiver: Database, folder: Path) -> int:
    """Export from sender to receiver and import it; returns how many changes travelled."""
    path = folder / f"{sender.site_id[:8]}-to-{receiver.site_id[:8]}.zspkg"
    result = export_package(sender, receiver.site_id, path)
    import_package(receiver, path)
    return result.changes


def digest(site: Database) -> str:
    with site.session() as session:
        return state_digest(session)
