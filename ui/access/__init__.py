"""Accounts in the window: signing in, the change log view, account administration, and
hiding what the signed-in person may not do (the rules themselves are crm.access)."""
