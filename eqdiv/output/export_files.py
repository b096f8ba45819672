"""Writing an export as files: one per table (CSV, JSON Lines or Parquet) and
``tables.json``, the data dictionary. Each file is written whole or not at all.

Parquet is written by DuckDB (the ``export`` extra): the same engine the documented
regional queries read it with, so the types written are the types read back.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from eqdiv.export.table import ColumnType, Export, ExportTable, Value
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.escaping import csv_cell
from eqdiv.store.atomic_write import write_atomic

DICTIONARY = "tables.json"
_SQL_TYPES: Mapping[ColumnType, str] = {
    "text": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "date": "DATE",
    "boolean": "BOOLEAN",
}


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    # Text through the CSV family's one escaping function (formulas and controls).
    return str(csv_cell(value))


def _csv(table: ExportTable, folder: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
    target = folder / f"{table.name}.csv"
    write_atomic(target, buffer.getvalue().encode("utf-8"))
    return target


def _json_value(value: Value) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _jsonl(table: ExportTable, folder: Path) -> Path:
    names = [c.name for c in table.columns]
    lines = (
        json.dumps(dict(zip(names, map(_json_value, row), strict=True)), ensure_ascii=False)
        for row in table.rows
    )
    target = folder / f"{table.name}.jsonl"
    write_atomic(target, "".join(f"{line}\n" for line in lines).encode("utf-8"))
    return target


def _parquet(table: ExportTable, folder: Path) -> Path:
    # Lazy imports: DuckDB is an optional extra, loaded only to write Parquet.
    try:
        import duckdb
    except ImportError:
        raise UsageError(
            "Parquet needs DuckDB, which is not installed.",
            "Install it with `pip install 'eqdiv[export]'`, or export --format csv or jsonl.",
        ) from None
    target = folder / f"{table.name}.parquet"
    spec = ", ".join(f'"{c.name}" {_SQL_TYPES[c.type]}' for c in table.columns)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".export-") as scratch:
        written = Path(scratch) / target.name
        connection = duckdb.connect(":memory:")
        try:
            connection.execute(f"CREATE TABLE t ({spec})")
            if table.rows:
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(f"INSERT INTO t VALUES ({marks})", list(table.rows))
            # DuckDB before 1.2 takes no parameter for COPY's file: a quoted literal.
            quoted = str(written).replace("'", "''")
            connection.execute(f"COPY t TO '{quoted}' (FORMAT PARQUET)")
        finally:
            connection.close()
        write_atomic(target, written.read_bytes())
    return target


WRITERS: Mapping[str, Callable[[ExportTable, Path], Path]] = {
    "csv": _csv,
    "jsonl": _jsonl,
    "parquet": _parquet,
}


def write_export(export: Export, folder: Path, format: str) -> tuple[Path, ...]:
    """Every table of ``export`` in ``format``, and the data dictionary, in ``folder``."""
    writer = WRITERS[format]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise EqdivError(f"{folder} cannot be created: {err.strerror}.") from err
    written = [writer(table, folder) for table in export.tables]
    dictionary = {**export.dictionary(), "file_format": format}
    text = json.dumps(dictionary, indent=2, ensure_ascii=False) + "\n"
    write_atomic(folder / DICTIONARY, text.encode("utf-8"))
    return (*written, folder / DICTIONARY)
