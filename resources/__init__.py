"""Package data read through importlib.resources: reference lists, fonts, translations.

Installed as the package `crm_resources` (pyproject: package-dir), so the program finds
them wherever it is installed, not only in its source folder.
"""
