"""Shipped reference data (regions, countries, industries, tag kinds, chains)."""
