"""Whether the columns guessed from a header hold what their names promise, checked on the
file's first :data:`SAMPLE` rows before any row is built (so both read paths share the decision).

**The id.** A row's stable id is its export's id when it has one
(:func:`analysis.ingest.records._record_id`), so two rows with one id are one text: the second is
counted a duplicate and not stored. That is right for a real post id, and silently loses rows
when the column is something else:

* a spreadsheet rewrote long ids in scientific notation (``1.94212E+18``): Excel keeps 15
  digits, so the tweets of one hour share an id;
* the column names what the rows belong to, not each row (``post_id`` in a page's comment
  export, or ids an XLSX stored as numbers and rounded): one id, different texts;
* the column counts the rows (1, 2, 3, ...): the next export numbered the same way would have
  its rows taken for this one's.

Such a column is not used as the id (records get content ids: text, author, time). One named like
a parent (``post_id``) that repeats over different texts becomes each row's parent when no parent
column was found; mangled or counting ids are only dropped.

**The title.** An article's title is joined to its body as the text that is scored. In a comment
export (one with a parent column) a ``title`` column is the video's or post's title, the same
over comments with different texts: joined, it would colour every comment's sentiment. Such a
column stays with the row's other columns. Exports without a parent are articles and keep their
titles, however often a headline repeats.

The analyst's own ``--map id=COLUMN`` or ``--map title=COLUMN`` is kept as given. Each decision
is a note in the import report.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from analysis.ingest.columns import FIELD_ALIASES, normalize_header
from analysis.ingest.options import Note
from analysis.text.keys import normalize_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from contextlib import AbstractContextManager

    from analysis.ingest.options import FileInfo, IngestOptions
    from analysis.ingest.reader import RawRow

SAMPLE = 5_000
"""Rows read to judge the id column (the same rows on every path, before any is built)."""
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_DIGITS = re.compile(r"^\d+$")
_COUNTED = 20
"""A run of consecutive integers this long counts rows wherever it starts; a shorter one only
when it starts at 0 or 1."""
Reason = tuple[str, str, dict[str, object]]
"""Why a column is no id: the English clause, its kind and the values it names."""
_PARENT_NAMES = {normalize_header(name) for name in FIELD_ALIASES["parent_id"]}


def vet_columns(info: FileInfo, options: IngestOptions,
                open_rows: Callable[[], AbstractContextManager[Iterable[RawRow]]]) -> FileInfo:
    """``info`` with the id and title columns checked on the file's first rows (read through
    ``open_rows`` only when a guessed column needs it): a column that fails is dropped from the
    mapping (an id that groups rows and is named like a parent becomes the parent) and the
    reason added to ``info.notes``."""
    checked = [name for name in ("id", "title")
               if info.mapping.get(name) in info.columns and name not in options.mapping]
    if not checked:
        return info
    with open_rows() as rows:
        sample = [row for row in islice(rows, SAMPLE) if row.error is None]
    for name in checked:
        info = (_vet_id if name == "id" else _vet_title)(info, sample)
    return info


def _cells(row: RawRow, index: int) -> str:
    return row.values[index].strip() if index < len(row.values) else ""


def _vet_id(info: FileInfo, sample: list[RawRow]) -> FileInfo:
    column = info.mapping["id"]
    index = info.columns.index(column)
    content = [info.columns.index(info.mapping[name]) for name in ("title", "text", "author")
               if info.mapping.get(name) in info.columns]  # fmt: skip
    found = [(row.number, _cells(row, index),
              tuple(normalize_text(_cells(row, i)) for i in content))
             for row in sample if _cells(row, index)]  # fmt: skip
    reason, grouping = _scientific(found), False
    if reason is None and (conflict := _conflict(found)) is not None:
        reason, grouping = _conflict_reason(conflict, info.format)
    reason = reason or _counted(found)
    if reason is None:
        return info
    mapping = {name: source for name, source in info.mapping.items() if name != "id"}
    if grouping and normalize_header(column) in _PARENT_NAMES and "parent_id" not in mapping:
        mapping["parent_id"] = column
        fate, kept = "it is kept as the post each row belongs to", "parent"
    else:
        fate, kept = "it is kept with the row's other columns", "kept"
    text, kind, values = reason
    note = Note(f"Column '{column}' is not used as the rows' id: {text}. Each row's id is made "
                f"from its text, author and time instead; {fate}.", "id_not_used",
                column=column, t_why=f"id_why_{kind}", t_fate=f"id_fate_{kept}", **values)
    return replace(info, mapping=mapping, notes=(*info.notes, note))


def _vet_title(info: FileInfo, sample: list[RawRow]) -> FileInfo:
    column, text = info.mapping["title"], info.mapping.get("text")
    if text not in info.columns or info.mapping.get("parent_id") not in info.columns:
        return info  # articles (no parent) keep their titles, repeated headlines included
    title_at, text_at = info.columns.index(column), info.columns.index(text)
    conflict = _conflict([(row.number, title, (body,)) for row in sample
                          if (title := _cells(row, title_at))
                          and (body := normalize_text(_cells(row, text_at)))])  # fmt: skip
    if conflict is None:
        return info
    note = Note(f"Column '{column}' is not joined to the texts as their title: rows "
                f"{conflict[0]} and {conflict[1]} have the same one over different texts, so it "
                "is the title of what they answer (a video, a post). It is kept with the row's "
                "other columns.", "title_not_joined", column=column, first=conflict[0],
                second=conflict[1])
    mapping = {name: source for name, source in info.mapping.items() if name != "title"}
    return replace(info, mapping=mapping, notes=(*info.notes, note))


def _scientific(found: list[tuple[int, str, tuple[str, ...]]]) -> Reason | None:
    for number, value, _ in found:
        if _SCIENTIFIC.match(value):
            return (f"a spreadsheet rewrote its values in scientific notation ('{value}' on row "
                    f"{number}), which keeps only the first digits, so different posts share "
                    "one", "scientific", {"value": value, "row": number})  # fmt: skip
    return None


def _conflict(found: list[tuple[int, str, tuple[str, ...]]]) -> tuple[int, int, str] | None:
    """The first two rows with one id but different texts or authors: (row, row, id)."""
    first: dict[str, tuple[int, tuple[str, ...]]] = {}
    for number, value, cells in found:
        seen = first.setdefault(value, (number, cells))
        if seen[1] != cells:
            return seen[0], number, value
    return None


def _conflict_reason(conflict: tuple[int, int, str], file_format: str) -> tuple[Reason, bool]:
    """Why an id shared by different rows is no id, and whether it groups the rows (rather than
    being numbers a spreadsheet rounded to 15 significant digits)."""
    earlier, later, value = conflict
    both = f"rows {earlier} and {later} both have '{value}' but different texts or authors"
    values: dict[str, object] = {"first": earlier, "second": later, "value": value}
    if _DIGITS.match(value) and len(value) > 15 and (
        file_format == "xlsx" or not value[15:].strip("0")
    ):
        holder = "the workbook holds" if file_format == "xlsx" else "a spreadsheet saved"
        text = f"{both}: {holder} the ids as numbers, which keep only 15 significant digits"
        return (text, "rounded", values), False
    return (f"{both}, so it names what the rows belong to, not each row", "grouping", values), True


def _counted(found: list[tuple[int, str, tuple[str, ...]]]) -> Reason | None:
    values = [value for _, value, _ in found]
    if len(values) < 2 or not all(_DIGITS.match(value) for value in values):
        return None
    start = int(values[0])
    if any(int(value) != start + step for step, value in enumerate(values)):
        return None
    if start > 1 and len(values) < _COUNTED:
        return None
    shown = ", ".join(values[:3])
    return (f"it counts the rows ({shown}, …), so another export numbered the same way would "
            "have its rows taken for these", "counted", {"values": shown})
