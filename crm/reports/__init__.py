"""Printable briefs: the PDF (reportlab) and the xlsx of the same tables (openpyxl).

Importing this package loads neither library; crm.reports.build does.
"""
