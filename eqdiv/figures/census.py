"""The categories in force for a records repository: the built-in Census 2021 set
(shipped as ``categories/census-2021.yaml``) with the changes in ``eqdiv.yaml``."""

from __future__ import annotations

from functools import cache

import yaml

from eqdiv.model.categories import CategoryScheme, parse_dimensions
from eqdiv.model.config import Config
from eqdiv.model.errors import EqdivError
from eqdiv.model.resources import category_dir

CENSUS_2021 = "census-2021"
NO_BASE = "none"


@cache
def builtin_scheme(name: str = CENSUS_2021) -> CategoryScheme:
    """A built-in category set by name (``census-2021``), read once per run."""
    path = category_dir() / f"{name}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        return CategoryScheme().extended(parse_dimensions(data["dimensions"]))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError) as err:
        raise EqdivError(
            f"eqdiv's built-in categories ({path}) cannot be read: {err}.",
            "Reinstall eqdiv: the categories ship with the package.",
        ) from err


def category_scheme(config: Config) -> CategoryScheme:
    """The categories ``config`` works with: its base set plus its own changes."""
    settings = config.categories
    base = CategoryScheme() if settings.base == NO_BASE else builtin_scheme(settings.base)
    return base.extended(settings.changes)
