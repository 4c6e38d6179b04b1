"""Which packages install (the rest of the metadata is in pyproject.toml).

resources/ (reference lists, fonts, translations) installs as the package `crm_resources`,
read through importlib.resources (crm/paths.py): an installed program finds its data
wherever it lives, not only in its source folder. pyproject.toml alone cannot combine
package discovery with this one renamed folder.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["crm", "crm.*", "ui", "ui.*"]), "crm_resources"],
    package_dir={"crm_resources": "resources"},
)
