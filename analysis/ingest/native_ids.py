"""Whether the column guessed as the export's own id really names each row.

A row's stable id is its export's id when it has one (:func:`analysis.ingest.records._record_id`),
so two rows with one id are one text: the second is counted a duplicate and not stored. That is
right for a real post id, and silently loses rows when the column is something else:

* a spreadsheet rewrote long ids in scientific notation (``1.94212E+18``): Excel keeps 15
  digits, so the tweets of one hour share an id;
* the column names what the rows belong to, not each row (``post_id`` in a page's comment
  export, or ids an XLSX stored as numbers and rounded): one id, different texts;
* the column counts the rows (1, 2, 3, ...): the next export numbered the same way would have
  its rows taken for this one's.

Before anything is read, the first :data:`SAMPLE` rows are checked. A column that fails is not
used as the id (records get content ids: text, author, time); one named like a parent
(``post_id``) becomes each row's parent when no parent column was found. The analyst's own
``--map id=COLUMN`` is kept as given. Each decision is a note in the import report.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from analysis.ingest.columns import FIELD_ALIASES, normalize_header
from analysis.text import normalize_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from analysis.ingest.options import FileInfo, IngestOptions
    from analysis.ingest.reader import RawRow

SAMPLE = 5_000
"""Rows read to judge the id column (the same rows on every path, before any is built)."""
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_DIGITS = re.compile(r"^\d+$")
_COUNTED = 20
"""A run of consecutive integers this long counts rows wherever it starts; a shorter one only
when it starts at 0 or 1."""
_PARENT_NAMES = {normalize_header(name) for name in FIELD_ALIASES["parent_id"]}


def vet_native_ids(info: FileInfo, options: IngestOptions, rows: Iterable[RawRow]) -> FileInfo:
    """``info`` with the id column dropped (or moved to the parent) when ``rows``, the file's
    first rows, show it does not name each row; the reason is added to ``info.notes``."""
    column = info.mapping.get("id")
    if column is None or "id" in options.mapping or column not in info.columns:
        return info
    index = info.columns.index(column)
    content = [info.columns.index(info.mapping[name]) for name in ("title", "text", "author")
               if info.mapping.get(name) in info.columns]  # fmt: skip
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for row in islice(rows, SAMPLE):
        if row.error is None and index < len(row.values) and row.values[index].strip():
            cells = tuple(normalize_text(row.values[i]) if i < len(row.values) else ""
                          for i in content)  # fmt: skip
            found.append((row.number, row.values[index].strip(), cells))
    reason = _scientific(found) or _shared(found, info.format) or _counted(found)
    if reason is None:
        return info
    mapping = {name: source for name, source in info.mapping.items() if name != "id"}
    if normalize_header(column) in _PARENT_NAMES and "parent_id" not in mapping:
        mapping["parent_id"] = column
        fate = "it is kept as the post each row belongs to"
    else:
        fate = "it is kept with the row's other columns"
    note = (f"Column '{column}' is not used as the rows' id: {reason}. Each row's id is made "
            f"from its text, author and time instead; {fate}.")  # fmt: skip
    return replace(info, mapping=mapping, notes=(*info.notes, note))


def _scientific(found: list[tuple[int, str, tuple[str, ...]]]) -> str | None:
    for number, value, _ in found:
        if _SCIENTIFIC.match(value):
            return (f"a spreadsheet rewrote its values in scientific notation ('{value}' on row "
                    f"{number}), which keeps only the first digits, so different posts share "
                    "one")  # fmt: skip
    return None


def _shared(found: list[tuple[int, str, tuple[str, ...]]], file_format: str) -> str | None:
    first: dict[str, tuple[int, tuple[str, ...]]] = {}
    for number, value, cells in found:
        seen = first.setdefault(value, (number, cells))
        if seen[1] == cells:
            continue
        both = f"rows {seen[0]} and {number} both have '{value}' but different texts or authors"
        if file_format == "xlsx" and _DIGITS.match(value) and len(value) > 15:
            return (f"{both}: the workbook holds the ids as numbers, which keep only 15 "
                    "significant digits")  # fmt: skip
        return f"{both}, so it names what the rows belong to, not each row"
    return None


def _counted(found: list[tuple[int, str, tuple[str, ...]]]) -> str | None:
    values = [value for _, value, _ in found]
    if len(values) < 2 or not all(_DIGITS.match(value) for value in values):
        return None
    start = int(values[0])
    if any(int(value) != start + step for step, value in enumerate(values)):
        return None
    if start > 1 and len(values) < _COUNTED:
        return None
    return (f"it counts the rows ({', '.join(values[:3])}, …), so another export numbered "
            "the same way would have its rows taken for these")
