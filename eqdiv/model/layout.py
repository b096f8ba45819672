"""The fixed names in a records repository: the configuration file at its top, and the
subfolder a project may keep its records in (as this one does)."""

from __future__ import annotations

CONFIG_FILE = "eqdiv.yaml"
RECORDS_SUBFOLDER = "records"
