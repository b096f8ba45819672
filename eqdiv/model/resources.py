"""Where eqdiv's shipped data lives: the JSON Schemas, the built-in templates and the
built-in equality monitoring categories.

In a wheel they are copied into ``eqdiv/_data/`` (see pyproject.toml); in a source
checkout, including an editable install, they are the top-level ``schemas/``,
``templates/``, ``categories/`` and ``frameworks/`` folders beside the package.
"""

from __future__ import annotations

from pathlib import Path

# This module is eqdiv/model/resources.py: the package is two folders up.
_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """The folder of shipped data called ``name`` (``schemas``, ``templates`` or
    ``categories``)."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def schema_dir() -> Path:
    return data_dir("schemas")


def template_dir() -> Path:
    return data_dir("templates")


def category_dir() -> Path:
    return data_dir("categories")


def framework_dir() -> Path:
    """The equality frameworks (ESLG 2007, EFLG 2021) and the crosswalk between them."""
    return data_dir("frameworks")
