"""Shared widgets: paged table model, debounced search box, filters, money and date editors."""
