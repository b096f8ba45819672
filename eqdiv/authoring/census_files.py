"""Reading one ONS Census 2021 download (a CSV) into counts in eqdiv's categories.

Both layouts people download are read: a Nomis bulk CSV (wide: one column per category)
and an ONS "create a custom dataset" CSV (long: one row per area and category). Only the
rows of the areas asked for are kept, so a national file costs time in proportion to its
size but memory in proportion to the areas. Every problem is a finding on the CSV's own
line and column, so a user can open the file at the cell that is wrong.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eqdiv.authoring.census_mapping import (
    AREA_TYPES,
    DOES_NOT_APPLY,
    OUTSIDE,
    CensusDimension,
    CustomClassification,
    NomisTable,
    custom_classification,
    nomis_dimension,
)
from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location, Severity

NOMIS = "Nomis bulk CSV"
CUSTOM = "ONS custom dataset CSV"
_VALUE_MEASURE = "measures: value"
_TABLE_IN_NAME = re.compile(r"(?i)(?:^|[^a-z0-9])(ts\d{3}[a-z]?)(?=[^a-z0-9]|$)")
_CLASSIFICATION = re.compile(r"^(?P<var>.+?) \((?P<n>\d+) categories\)(?P<code> code)?$", re.I)
_COUNT = re.compile(r"-?\d{1,12}")
# A census CSV field is a label or a count; a field larger than this is not a census file,
# and csv's own limit (128 KiB) would otherwise be the only bound.
_FIELD_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class AreaCounts:
    """One area's counts in eqdiv's categories, and the people outside the universe."""

    code: str
    name: str
    counts: Mapping[str, int]
    outside: int


@dataclass(frozen=True, slots=True)
class CensusTable:
    """What one file said: its layout, dimension and table, the requested areas' counts,
    and every problem found on the way."""

    source: str
    layout: str
    dimension: CensusDimension | None
    table: str | None
    area_type: str | None
    areas: Mapping[str, AreaCounts]
    findings: tuple[Finding, ...]

    @property
    def described(self) -> str:
        """'TS021 (Ethnic group), Nomis bulk CSV nomis-ts021.csv' for the record."""
        what = self.table or (self.dimension.label if self.dimension else "?")
        label = f" ({self.dimension.label})" if self.dimension and self.table else ""
        return f"{what}{label}, {self.layout} {Path(self.source).name}"


@dataclass
class _Reading:
    """The findings of one file as it is read; findings carry its line and column."""

    source: str
    findings: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: codes.Code,
        message: str,
        line: int = 1,
        column: int = 1,
        *,
        severity: Severity | None = None,
        hint: str | None = None,
    ) -> None:
        where = Location(self.source, line, column)
        self.findings.append(Finding(code.id, severity or code.severity, message, where, hint))


def read_census_file(lines: Iterator[str], source: str, areas: Collection[str]) -> CensusTable:
    """Read a census CSV given as text lines; keep the rows of ``areas`` (area codes)."""
    reading = _Reading(source)
    rows = _rows(lines, reading)
    header = next(rows, None)
    if header is None:
        reading.add(codes.CENSUS_LAYOUT, "The file is empty.")
        return _empty(reading, "CSV")
    header = [h.strip().lstrip("\ufeff") for h in header]
    lowered = [h.casefold() for h in header]
    if "geography code" in lowered:
        return _NomisReader(reading, header, areas).read(rows)
    if "observation" in lowered:
        return _CustomReader(reading, header, areas).read(rows)
    reading.add(
        codes.CENSUS_LAYOUT,
        "This is neither a Nomis bulk CSV (it has no 'geography code' column) nor an ONS "
        "custom dataset (it has no 'Observation' column).",
        hint="Download the table as CSV from Nomis (bulk data) or from the ONS 'create a "
        "custom dataset' service, and give eqdiv the file as downloaded.",
    )
    return _empty(reading, "CSV")


def _rows(lines: Iterator[str], reading: _Reading) -> Iterator[list[str]]:
    """csv rows, each field bounded; a broken row ends the file with a finding."""
    reader = csv.reader(lines)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            reading.add(
                codes.CENSUS_LAYOUT, f"Line {reader.line_num} cannot be read as CSV: {err}."
            )
            return
        if any(len(cell) > _FIELD_LIMIT for cell in row):
            reading.add(
                codes.CENSUS_LAYOUT,
                f"Line {reader.line_num} has a field longer than {_FIELD_LIMIT} characters, "
                "which no census table has.",
                reader.line_num,
            )
            return
        if row:
            yield row


def _empty(reading: _Reading, layout: str) -> CensusTable:
    return CensusTable(reading.source, layout, None, None, None, {}, tuple(reading.findings))


def _count(text: str) -> int | None:
    cleaned = text.strip().replace(",", "")
    return int(cleaned) if _COUNT.fullmatch(cleaned) else None


def table_in_name(source: str) -> str | None:
    """The table id in a download's file name (``census2021-ts021-ltla.csv`` → TS021):
    the only place a Nomis file says which table it is (TS020 has TS008's header)."""
    match = _TABLE_IN_NAME.search(Path(source).name)
    return match.group(1).upper() if match else None


class _NomisReader:
    """A wide file: ``date``, ``geography``, ``geography code``, then the categories."""

    def __init__(self, reading: _Reading, header: list[str], areas: Collection[str]) -> None:
        self.reading = reading
        self.header = header
        self.areas = areas
        index = {h.casefold(): i for i, h in enumerate(header)}
        self.code_at = index["geography code"]
        self.name_at = index.get("geography")
        self.columns: dict[str, int] = {}  # bare ONS label -> column index
        self.variable = ""

    def read(self, rows: Iterator[list[str]]) -> CensusTable:
        dimension = self._dimension()
        if dimension is None:
            return _empty(self.reading, NOMIS)
        table = self._table(dimension)
        self._check_columns(dimension, table)
        found: dict[str, AreaCounts] = {}
        for line, row in enumerate(rows, start=2):
            code = _cell(row, self.code_at)
            if code in self.areas:
                name = _cell(row, self.name_at) if self.name_at is not None else code
                found[code] = self._area(dimension, table, code, name, row, line)
        return CensusTable(
            self.reading.source,
            NOMIS,
            dimension,
            table.table,
            None,
            found,
            tuple(self.reading.findings),
        )

    def _dimension(self) -> CensusDimension | None:
        variables: set[str] = set()
        for i, name in enumerate(self.header):
            if name.casefold() in ("date", "geography", "geography code"):
                continue
            bare, _, measure = name.partition(";")
            if measure.strip() and measure.strip().casefold() != _VALUE_MEASURE:
                continue  # a percentage or other measure beside the counts: not a count
            variable, sep, label = bare.partition(": ")
            if not sep:
                self.reading.add(
                    codes.CENSUS_UNKNOWN_CATEGORY,
                    f"Column '{name}' is not named '<Variable>: <category>' as Nomis names "
                    "its columns; its counts are not used.",
                    1,
                    i + 1,
                )
                continue
            variables.add(variable.strip())
            self.columns[label.strip()] = i
        if len(variables) != 1:
            said = ", ".join(sorted(variables)) or "none"
            self.reading.add(
                codes.CENSUS_LAYOUT,
                f"A Nomis table holds one variable; this file has {said}.",
                hint="Give eqdiv one table per file, as Nomis publishes them.",
            )
            return None
        self.variable = variables.pop()
        dimension = nomis_dimension(self.variable)
        if dimension is None:
            self.reading.add(
                codes.CENSUS_LAYOUT,
                f"'{self.variable}' is not a variable eqdiv keeps a profile of.",
                hint="eqdiv imports age (TS007), sex (TS008), ethnic group (TS021), religion "
                "(TS030), disability (TS038), sexual orientation (TS077) and gender identity "
                "(TS078).",
            )
        return dimension

    def _table(self, dimension: CensusDimension) -> NomisTable:
        named = table_in_name(self.reading.source)
        for table in dimension.nomis:
            if table.table == named:
                return table
        # The file was renamed: the table whose categories the columns match best.
        return max(dimension.nomis, key=lambda t: len(set(t.leaves) & set(self.columns)))

    def _check_columns(self, dimension: CensusDimension, table: NomisTable) -> None:
        known = {table.total, *table.leaves, *table.subtotals}
        for parts in table.subtotals.values():
            known.update(parts)
        for label, at in self.columns.items():
            if label not in known:
                self.reading.add(
                    codes.CENSUS_UNKNOWN_CATEGORY,
                    f"'{self.variable}: {label}' is not a category of {table.table} that eqdiv "
                    "knows, so its people are not in the profile.",
                    1,
                    at + 1,
                    hint="Check that this is the table as ONS published it.",
                )
        for label in (table.total, *table.leaves):
            if label not in self.columns:
                self.reading.add(
                    codes.CENSUS_MISSING_CATEGORY,
                    f"The column '{self.variable}: {label}' is missing.",
                    hint=f"Download {table.table} again: every category is needed for the "
                    "profile to add up.",
                )
        for label, why in (*dimension.approximate.items(), *dimension.incomplete.items()):
            if label in self.columns and label in table.leaves:
                self._note(dimension, label, why, 1, self.columns[label] + 1)

    def _note(self, dimension: CensusDimension, label: str, why: str, line: int, col: int) -> None:
        incomplete = label in dimension.incomplete
        self.reading.add(
            codes.CENSUS_INCOMPLETE if incomplete else codes.CENSUS_APPROXIMATE,
            why,
            line,
            col,
            severity=Severity.WARNING if incomplete else Severity.INFO,
        )

    def _area(
        self,
        dimension: CensusDimension,
        table: NomisTable,
        code: str,
        name: str,
        row: list[str],
        line: int,
    ) -> AreaCounts:
        values: dict[str, int] = {}
        for label, at in self.columns.items():
            value = _count(_cell(row, at))
            if value is None or value < 0:
                self.reading.add(
                    codes.CENSUS_BAD_COUNT,
                    f"{code}'s '{self.variable}: {label}' is not a count of people.",
                    line,
                    at + 1,
                )
            else:
                values[label] = value
        self._check_sums(table, code, values, line)
        counts: dict[str, int] = {}
        outside = 0
        for label, category in table.leaves.items():
            if label not in values:
                continue
            if category == OUTSIDE:
                outside += values[label]
            else:
                counts[category] = counts.get(category, 0) + values[label]
        return AreaCounts(code, name, counts, outside)

    def _check_sums(
        self, table: NomisTable, code: str, values: Mapping[str, int], line: int
    ) -> None:
        aggregates = set(table.subtotals) | {p for ps in table.subtotals.values() for p in ps}
        parts = sum(
            n
            for label, n in values.items()
            if label != table.total and (label in table.leaves or label not in aggregates)
        )
        total = values.get(table.total)
        if total is not None and total != parts:
            self.reading.add(
                codes.CENSUS_SUM_MISMATCH,
                f"In {code}, the categories add up to {parts:,} but "
                f"'{self.variable}: {table.total}' is {total:,} (a difference of "
                f"{total - parts:+,}).",
                line,
                self.columns[table.total] + 1,
                hint="A category is missing or a count was changed: download the table again.",
            )
        for subtotal, members in table.subtotals.items():
            if subtotal in values and all(m in values for m in members):
                added = sum(values[m] for m in members)
                if added != values[subtotal]:
                    self.reading.add(
                        codes.CENSUS_SUBTOTAL_MISMATCH,
                        f"In {code}, '{self.variable}: {subtotal}' is {values[subtotal]:,} but "
                        f"its categories add up to {added:,}.",
                        line,
                        self.columns[subtotal] + 1,
                    )


class _CustomReader:
    """A long file: area code and name, category code and label, ``Observation``."""

    def __init__(self, reading: _Reading, header: list[str], areas: Collection[str]) -> None:
        self.reading = reading
        self.header = header
        self.areas = areas
        self.observation_at = [h.casefold() for h in header].index("observation")
        self.category_code_at: int | None = None
        self.category_label_at: int | None = None
        self.area_code_at: int | None = None
        self.area_name_at: int | None = None
        self.area_type: str | None = None
        self.variable = ""
        self.size = 0

    def read(self, rows: Iterator[list[str]]) -> CensusTable:
        self._columns()
        found = custom_classification(self.variable, self.size) if self.variable else None
        if self.category_code_at is None or self.area_code_at is None or found is None:
            self._unreadable()
            return _empty(self.reading, CUSTOM)
        dimension, classification = found
        counts: dict[str, dict[str, int]] = {}
        outside: dict[str, int] = {}
        names: dict[str, str] = {}
        seen: dict[str, set[int]] = {}
        for line, row in enumerate(rows, start=2):
            code = _cell(row, self.area_code_at)
            if code not in self.areas:
                continue
            names.setdefault(code, _cell(row, self.area_name_at) if self.area_name_at else code)
            into = counts.setdefault(code, {})
            category = self._row(dimension, classification, code, row, line, seen)
            if category is None:
                continue
            label, value = category
            if label == OUTSIDE:
                outside[code] = outside.get(code, 0) + value
            else:
                into[label] = into.get(label, 0) + value
        self._after(dimension, classification, seen, outside)
        table = table_in_name(self.reading.source) or dimension.default_table
        areas = {
            code: AreaCounts(code, names[code], counts[code], outside.get(code, 0))
            for code in counts
        }
        return CensusTable(
            self.reading.source,
            CUSTOM,
            dimension,
            table,
            self.area_type,
            areas,
            tuple(self.reading.findings),
        )

    def _columns(self) -> None:
        for i, name in enumerate(self.header):
            match = _CLASSIFICATION.match(name)
            if match:
                self.variable, self.size = match["var"], int(match["n"])
                if match["code"]:
                    self.category_code_at = i
                else:
                    self.category_label_at = i
        for i, name in enumerate(self.header):
            if i in (self.category_code_at, self.category_label_at, self.observation_at):
                continue
            if name.casefold().endswith(" code"):
                # Newer downloads put a year in front: "2023 Upper tier local authorities".
                kind = re.sub(r"^\d{4} ", "", name[: -len(" code")]).casefold()
                self.area_code_at, self.area_type = i, AREA_TYPES.get(kind, kind)
            else:
                self.area_name_at = i

    def _unreadable(self) -> None:
        if self.category_code_at is None or self.area_code_at is None:
            message = (
                "An ONS custom dataset has an area code column and a '<Variable> (N "
                "categories) Code' column; this file lacks one of them."
            )
        else:
            message = (
                f"'{self.variable} ({self.size} categories)' is not a classification eqdiv imports."
            )
        self.reading.add(
            codes.CENSUS_LAYOUT,
            message,
            hint="Choose the default classification of each variable in the ONS service "
            "(for example 'Ethnic group (20 categories)') and download as CSV.",
        )

    def _row(
        self,
        dimension: CensusDimension,
        classification: CustomClassification,
        area: str,
        row: list[str],
        line: int,
        seen: dict[str, set[int]],
    ) -> tuple[str, int] | None:
        assert self.category_code_at is not None  # checked by read()
        code = _count(_cell(row, self.category_code_at))
        value = _count(_cell(row, self.observation_at))
        label = _cell(row, self.category_label_at) if self.category_label_at is not None else ""
        if value is None or value < 0:
            self.reading.add(
                codes.CENSUS_BAD_COUNT,
                f"{area}'s observation for '{label}' is not a count of people.",
                line,
                self.observation_at + 1,
            )
            return None
        if code is None or code not in classification.codes:
            self.reading.add(
                codes.CENSUS_UNKNOWN_CATEGORY,
                f"'{label}' is not a category of {classification.name}, so its {value:,} "
                f"people in {area} are not in the profile.",
                line,
                self.category_code_at + 1,
                hint="Check that this is the download as ONS published it.",
            )
            return None
        expected, category = classification.codes[code]
        if label and label != expected:
            self.reading.add(
                codes.CENSUS_LABEL_MISMATCH,
                f"Category code {code} is labelled '{label}' where ONS says '{expected}'.",
                line,
                (self.category_label_at or 0) + 1,
                severity=Severity.WARNING,
                hint="Check the codes: eqdiv reads the code, not the label.",
            )
        if code in seen.setdefault(area, set()):
            self.reading.add(
                codes.CENSUS_DUPLICATE,
                f"{area} has a second row for '{expected}' (code {code}); both are counted.",
                line,
                self.category_code_at + 1,
            )
        seen[area].add(code)
        reason = dimension.incomplete.get(expected) or dimension.approximate.get(expected)
        if reason:
            self._note_once(dimension, expected, reason, line)
        return category, value

    def _note_once(self, dimension: CensusDimension, label: str, why: str, line: int) -> None:
        code = (
            codes.CENSUS_INCOMPLETE if label in dimension.incomplete else codes.CENSUS_APPROXIMATE
        )
        if not any(f.code == code.id and f.message == why for f in self.reading.findings):
            severity = Severity.WARNING if label in dimension.incomplete else Severity.INFO
            self.reading.add(code, why, line, 1, severity=severity)

    def _after(
        self,
        dimension: CensusDimension,
        classification: CustomClassification,
        seen: Mapping[str, set[int]],
        outside: Mapping[str, int],
    ) -> None:
        for area, found_codes in seen.items():
            for code, (label, _category) in classification.codes.items():
                if code not in found_codes and code != DOES_NOT_APPLY:
                    self.reading.add(
                        codes.CENSUS_MISSING_CATEGORY,
                        f"{area} has no row for '{label}' (code {code}).",
                        hint="Download the dataset again: every category is needed for the "
                        "profile to add up.",
                    )
            held = outside.get(area, 0)
            if held and not dimension.outside_expected and DOES_NOT_APPLY in found_codes:
                self.reading.add(
                    codes.CENSUS_OUTSIDE_UNIVERSE,
                    f"In {area}, 'Does not apply' holds {held:,} people, who are left out of "
                    f"the {dimension.label.lower()} profile.",
                    severity=Severity.INFO,
                )


def _cell(row: list[str], at: int | None) -> str:
    return row[at].strip() if at is not None and at < len(row) else ""


def read_census_path(path: Path, source: str, areas: Collection[str]) -> CensusTable:
    """Read the download at ``path`` (named ``source`` in findings). Only a regular file
    is read: a pipe or a device would never end."""
    reading = _Reading(source)
    try:
        if not path.is_file():
            reading.add(
                codes.CENSUS_LAYOUT, "This is not a file eqdiv can read (a folder, pipe or device)."
            )
            return _empty(reading, "CSV")
        # ONS files are UTF-8, sometimes with a byte-order mark; Excel may have added one.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return read_census_file(iter(handle), source, areas)
    except UnicodeDecodeError:
        reading.add(
            codes.CENSUS_LAYOUT,
            "The file is not UTF-8 text, as ONS downloads are.",
            hint="Download the table again rather than re-saving it from a spreadsheet.",
        )
    except OSError as err:
        reading.add(codes.CENSUS_LAYOUT, f"The file cannot be read: {err.strerror or err}.")
    return _empty(reading, "CSV")
