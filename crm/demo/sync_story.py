"""A sync story for screenshots and demonstrations: a bureau and a team laptop, paired, each
edit the same project, delete against edit, and make the same company twice; the team's
package (returned) then waits to be imported at the bureau."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from crm.db import Database, open_database
from crm.services import companies, projects, stages
from crm.services.settings import set_setting
from crm.sync.exchange import export_package, import_package
from crm.sync.peers import local_identity, pair


def sync_sites(home: Path) -> list[Database]:
    """A bureau, a team laptop and a hub server: three fresh databases in `home`."""
    template = home / "template.sqlite"
    db = open_database(template)
    with db.session() as s:
        set_setting(s, "bureau_name", "南宁市投资促进局")
        set_setting(s, "bureau_region_code", "450100")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    sites = []
    for name in ("bureau", "team", "hub"):
        shutil.copy(template, home / f"{name}.sqlite")
        sites.append(open_database(home / f"{name}.sqlite"))
    with sites[1].session() as s:
        set_setting(s, "bureau_name", "驻深圳招商工作队")
    with sites[2].session() as s:
        set_setting(s, "bureau_name", "局机关服务器")
    return sites


def conflict_story(home: Path, bureau: Database, team: Database) -> Path:
    """Edits on both sides that meet; returns the team's package for the bureau."""
    for site, other in ((bureau, team), (team, bureau)):
        with other.session() as s:
            identity = local_identity(s.connection(), other.site_id)[1]
        with site.session() as s:
            pair(s.connection(), identity, own_site_id=site.site_id)
    with team.session(actor="李明") as s:
        ids = {}
        for name, company in (
            ("锂电池正极材料项目", "湖南裕能新能源电池材料股份有限公司"),
            ("冷链物流园项目", "广西冷链物流集团有限公司"),
            ("新能源汽车零部件项目", "比亚迪股份有限公司"),
        ):
            cid = companies.create_company(s, name=company).id
            ids[name] = projects.create_project(s, name=name, company_id=cid).id
    first = export_package(team, bureau.site_id, home / "first.zspkg")
    import_package(bureau, first.path)
    with team.session(actor="李明") as s:
        projects.update_project(s, ids["锂电池正极材料项目"], responsible_person="李明")
        projects.update_project(s, ids["冷链物流园项目"], notes="已约下周二再次洽谈")
        stages.move_stage(
            s, ids["锂电池正极材料项目"], to_stage="negotiating", on=date(2026, 11, 3)
        )
        companies.create_company(s, name="深圳市汇川技术股份有限公司")
    with bureau.session(actor="王芳") as s:
        projects.update_project(s, ids["锂电池正极材料项目"], responsible_person="王芳")
        projects.delete_project(s, ids["冷链物流园项目"])
        companies.create_company(s, name="深圳市汇川技术股份有限公司")
    return export_package(team, bureau.site_id, home / "队.zspkg").path
