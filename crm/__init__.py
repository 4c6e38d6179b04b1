"""招商引资 CRM core: models, services, statistics, reports, ledger I/O. Never imports Qt."""

__version__ = "0.1.0"
