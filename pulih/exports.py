"""CSV and XLSX downloads that never execute in a spreadsheet.

Any text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of running it
as a formula (OWASP "CSV injection"). Numbers stay numbers: a negative amount stored as a number
is written as a number; the same characters typed as text are neutralised.

Input: a pandas DataFrame or a list of dicts (columns in first-seen order). CSV is UTF-8 with a
byte-order mark so Excel reads Indonesian names correctly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Rows = pd.DataFrame | Iterable[Mapping[str, Any]]
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: str) -> str:
    """``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``; harmless text unchanged."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def cell_value(value: Any) -> Any:
    """One cell, made safe: numbers, booleans and dates kept; everything else becomes neutralised text."""
    if _is_missing(value):
        return None
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    elif isinstance(value, np.generic):  # numpy numbers and booleans
        return cell_value(value.item())
    if isinstance(value, dt.datetime | dt.date | dt.time):
        if getattr(value, "tzinfo", None) is not None:
            value = value.replace(tzinfo=None)
        return value
    if isinstance(value, dict | list | tuple):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return neutralise(str(value))


def _table(rows: Rows) -> tuple[list[str], list[list[Any]]]:
    if isinstance(rows, pd.DataFrame):
        columns = [str(c) for c in rows.columns]
        return columns, [list(r) for r in rows.itertuples(index=False, name=None)]
    rows = list(rows)
    columns: list[str] = []
    for row in rows:
        columns.extend(str(k) for k in row if str(k) not in columns)
    return columns, [[row.get(c) for c in columns] for row in rows]


def _csv_text(value: Any) -> str:
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def to_csv_bytes(rows: Rows, *, columns: Sequence[str] | None = None) -> bytes:
    """A CSV file (UTF-8 with BOM, comma-separated, header row) with formula cells neutralised."""
    header, data = _table(rows)
    if columns is not None:
        index = [header.index(c) for c in columns]
        header, data = list(columns), [[r[i] for i in index] for r in data]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in data:
        writer.writerow([_csv_text(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _sheet_title(name: str, used: set[str]) -> str:
    title = _SHEET_BAD.sub("_", str(name)).strip("'") or "Sheet"
    title, n = title[:31], 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = title[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _xlsx_value(value: Any) -> Any:
    value = cell_value(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def to_xlsx_bytes(sheets: Mapping[str, Rows]) -> bytes:
    """An XLSX workbook, one sheet per entry (names made valid and unique), bold frozen header row,
    formula cells neutralised. Values are written as typed cells, never as formulas."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for name, rows in (sheets or {"Sheet": []}).items():
        sheet = workbook.create_sheet(_sheet_title(name, used))
        header, data = _table(rows)
        sheet.freeze_panes = "A2"
        heading = []
        for title in header:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(title))
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for row in data:
            sheet.append([_xlsx_value(v) for v in row])
    if not used:
        workbook.create_sheet("Sheet")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
