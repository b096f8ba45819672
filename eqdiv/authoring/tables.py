"""Reading a spreadsheet (CSV or tab-separated text, Excel's .xlsx through openpyxl, or
a table in a Word .docx through python-docx) into a grid of cells that remember their
row and column, so every problem can be pointed at the way a spreadsheet user finds it:
"row 4, column D".
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.limits import MAX_TABLE_BYTES, MAX_TABLE_ROWS
from eqdiv.store.regular_files import read_regular

# Lazy imports: openpyxl and python-docx are loaded only when a workbook or a Word
# document is read (they are slow to import, and only `eqdiv import plan` reads them).

MAX_BYTES = MAX_TABLE_BYTES
MAX_ROWS = MAX_TABLE_ROWS
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
WORD_SUFFIXES = (".docx",)
CellValue = str | int | float | date | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell. A date from Excel knows whether its format shows the day
    (``d-mmm-yy``) or only the month (``mmm-yy``): "Sep-07" means the month."""

    row: int
    column: int
    value: CellValue
    precision: Literal["day", "month"] | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.column)

    @property
    def text(self) -> str:
        """The value as text, whitespace kept (line breaks separate entries)."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, date):
            return value.isoformat()[:7] if self.precision == "month" else value.isoformat()
        return str(value)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Table:
    """A sheet's cells, row by row (every row as wide as the widest). ``notes`` says
    what eqdiv assumed in reading it (an encoding, a sheet)."""

    source: str
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()


def column_letter(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: how spreadsheets name columns."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int | None:
    """A -> 1, AA -> 27; None when ``letters`` is not a column name."""
    if not letters.isalpha() or not letters.isascii() or len(letters) > 3:
        return None
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The cells of a CSV file or of one sheet of an .xlsx workbook (the first, unless
    ``sheet`` names another)."""
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + EXCEL_SUFFIXES + WORD_SUFFIXES:
        hint = (
            "Save it as .xlsx or CSV from a spreadsheet, or as .docx from a word processor "
            "(File > Save As)."
        )
        if suffix in (".xls", ".ods", ".numbers", ".doc", ".odt", ".rtf"):
            raise UsageError(f"eqdiv cannot read {suffix} files: {path.name}.", hint)
        raise UsageError(
            f"{path.name} is not a file eqdiv reads a plan from (.csv, .tsv, .txt, .xlsx "
            "or .docx).",
            hint,
        )
    if sheet is not None and suffix not in EXCEL_SUFFIXES + WORD_SUFFIXES:
        raise UsageError("--sheet is for .xlsx workbooks; a CSV file has one sheet.")
    # Only a regular file, and no more than MAX_BYTES of it: a FIFO or a device named
    # plan.csv is refused before it is opened.
    raw = read_regular(path, MAX_BYTES)
    if not isinstance(raw, bytes):
        if raw.reason == "oversize":
            raise EqdivError(
                f"{path.name} is {raw.size / 1_048_576:.0f} MiB; an action plan is far smaller.",
                "Check that this is the right file, or save just the plan's sheet.",
            )
        raise EqdivError(f"{path}: {raw.message}")
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, raw, sheet)
    if suffix in WORD_SUFFIXES:
        return _read_word(path, raw, sheet)
    return _read_csv(path, raw)


def _read_csv(path: Path, raw: bytes) -> Table:
    notes: list[str] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV (Comma delimited)" on Windows saves Windows-1252.
        text = raw.decode("cp1252", errors="replace")
        notes.append(
            f"{path.name} is not UTF-8; eqdiv read it as Windows-1252, the encoding "
            "Excel uses for CSV on Windows. Check any accented letters or curly quotes."
        )
    delimiter = "\t" if path.suffix.lower() == ".tsv" or _tab_separated(text) else _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        raw_rows = [row for _, row in zip(range(MAX_ROWS + 1), reader, strict=False)]
    except csv.Error as err:
        raise EqdivError(
            f"{path.name} is not a well-formed CSV file (line {reader.line_num}): {err}.",
            "Open it in a spreadsheet and save it again as CSV.",
        ) from err
    _check_rows(path, len(raw_rows))
    rows = [
        [Cell(r, c, value if value.strip() else None) for c, value in enumerate(row, 1)]
        for r, row in enumerate(raw_rows, 1)
    ]
    return Table(path.name, _padded(rows), tuple(notes))


def _tab_separated(text: str) -> bool:
    """Most lines hold a tab: text saved from Word or Excel as "Text (Tab delimited)",
    whose cells hold commas the CSV sniffer would take for separators."""
    lines = [line for line in text[:65536].splitlines() if line.strip()]
    return bool(lines) and sum("\t" in line for line in lines) * 2 >= len(lines)


def _sniff(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_excel(path: Path, raw: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only: a formula's last calculated value, as Excel shows it.
        book = load_workbook(io.BytesIO(raw), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise EqdivError(
            f"{path.name} cannot be read as an Excel workbook ({err}).",
            "Open it in Excel and save it again as .xlsx, or save the sheet as CSV.",
        ) from err
    notes: list[str] = []
    if sheet is None:
        worksheet = book.worksheets[0]
        if len(book.worksheets) > 1:
            notes.append(
                f"{path.name} has {len(book.worksheets)} sheets; eqdiv read the first, "
                f"'{worksheet.title}'. Name another with --sheet."
            )
    else:
        named = [w for w in book.worksheets if w.title == sheet]
        if not named:
            raise UsageError(
                f"{path.name} has no sheet called '{sheet}'.",
                f"Its sheets: {', '.join(w.title for w in book.worksheets)}.",
            )
        worksheet = named[0]
    _check_rows(path, worksheet.max_row)
    rows: list[list[Cell]] = []
    # From A1, so that row and column numbers are the ones Excel shows.
    for r, cells in enumerate(worksheet.iter_rows(min_row=1, min_col=1), start=1):
        row: list[Cell] = []
        for c, cell in enumerate(cells, start=1):
            value = cell.value
            precision: Literal["day", "month"] | None = None
            if isinstance(value, datetime | date):
                value = value.date() if isinstance(value, datetime) else value
                precision = "day" if "d" in str(cell.number_format).lower() else "month"
            elif isinstance(value, str) and not value.strip():
                value = None
            elif not isinstance(value, int | float | str | type(None)):
                value = str(value)  # times, durations: shown as text, read as text
            row.append(Cell(r, c, value, precision))
        rows.append(row)
    return Table(f"{path.name} (sheet '{worksheet.title}')", _padded(rows), tuple(notes))


def _read_word(path: Path, raw: bytes, which: str | None) -> Table:
    """The largest table of a Word document (or the one ``which``, a number from 1,
    names). A merged cell keeps its text in its first row and column only, as a merged
    cell in a spreadsheet does."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise EqdivError(
            f"{path.name} cannot be read as a Word document ({err}).",
            "Open it in Word and save it again as .docx.",
        ) from err
    tables = document.tables
    if not tables:
        raise UsageError(
            f"{path.name} has no table: eqdiv reads the action plan from a table.",
            "Put the plan in a table (Insert > Table), one action a row, or save it as CSV.",
        )
    notes: list[str] = []
    if which is None:
        number = max(range(len(tables)), key=lambda i: len(tables[i].rows)) + 1
        if len(tables) > 1:
            notes.append(
                f"{path.name} has {len(tables)} tables; eqdiv read the largest, table "
                f"{number}. Name another with --sheet NUMBER."
            )
    elif which.isdigit() and 1 <= int(which) <= len(tables):
        number = int(which)
    else:
        raise UsageError(
            f"{path.name} has no table {which}: --sheet names a Word table by its number.",
            f"Its tables are numbered 1 to {len(tables)}.",
        )
    table = tables[number - 1]
    _check_rows(path, len(table.rows))
    rows: list[list[Cell]] = []
    above: list[object] = []
    for r, row in enumerate(table.rows, start=1):
        cells: list[Cell] = []
        seen: list[object] = []
        for c, cell in enumerate(row.cells, start=1):
            # The cell's XML element: python-docx gives the same one for each row and
            # column a merged cell spans.
            element = cell._tc
            merged = any(e is element for e in seen) or (
                c <= len(above) and above[c - 1] is element
            )
            seen.append(element)
            text = "" if merged else cell.text
            cells.append(Cell(r, c, text if text.strip() else None))
        above = seen
        rows.append(cells)
    return Table(f"{path.name} (table {number})", _padded(rows), tuple(notes))


def _check_rows(path: Path, count: int) -> None:
    if count > MAX_ROWS:
        raise EqdivError(
            f"{path.name} has more than {MAX_ROWS:,} rows; an action plan is far smaller.",
            "Check that this is the right file, or save just the plan's rows.",
        )


def _padded(rows: list[list[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    width = max((len(row) for row in rows), default=0)
    return tuple(
        tuple(row)
        + tuple(Cell(row[0].row if row else r, c, None) for c in range(len(row) + 1, width + 1))
        for r, row in enumerate(rows, 1)
    )
