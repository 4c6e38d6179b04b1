"""The schema revision this code expects (checked against the migrations by a test).

Kept apart from crm.migrate so that opening an up-to-date database never imports Alembic.
"""

SCHEMA_HEAD = "0014_issue_numbers"
