"""JSON and JSON Lines exports as rows of strings, like a spreadsheet.

Each record becomes one row; nested objects are flattened to dotted column names
(``{"user": {"screen_name": "budi"}}`` -> column ``user.screen_name``) so the usual column
mapping works; lists stay as JSON text in their cell. The header is every field name met in the
file, in first-seen order (one scan before reading, so a field that only appears in record 9,000
is still kept).

Row numbers follow a spreadsheet with a header: in a JSON list the first record is row 2 (its
1-based index + 1); in JSON Lines the record on line N is row N + 1 (blank lines count too), and a
rejection names the line itself.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from analysis.errors import IngestError
from analysis.ingest.encoding import text_codec
from analysis.ingest.jsonstream import JsonStream, json_int, json_records
from analysis.ingest.options import Note
from analysis.ingest.reader import Closing, RawRow

MAX_COLUMNS = 10_000
_MAX_DEPTH = 16


def json_flavour(path: Path, encoding: str, by_extension: str) -> str:
    """``jsonl`` when the file holds one object per line, else ``json``.

    A file that starts with ``[`` is a JSON list whatever its name; a ``.json`` file whose first
    line is a complete object followed by more lines is JSON Lines under the wrong name.
    """
    with _open_text(path, encoding) as handle:
        lines = (line for line in handle if line.strip())
        first = next(lines, "")
        if first.lstrip().startswith("["):
            return "json"
        if by_extension == "jsonl":
            return "jsonl"
        if first.lstrip().startswith("{") and _is_object(first) and next(lines, None):
            return "jsonl"
    return "json"


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line, parse_int=json_int), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def json_columns(path: Path, encoding: str, flavour: str) -> list[str]:
    """Every flattened field name in the file, in first-seen order (one streaming pass).

    A damaged JSON list is an :class:`IngestError` here, before anything is stored; a damaged
    JSON Lines line is left to be rejected with its line number.
    """
    seen: dict[str, None] = {}
    with JsonRows(path, encoding, flavour, columns=[]) as rows:
        for record in rows.records():
            if isinstance(record, dict):
                seen.update(dict.fromkeys(flatten(record)))
                if len(seen) > MAX_COLUMNS:
                    raise IngestError(
                        f"'{path.name}' has more than {MAX_COLUMNS:,} different field names; "
                        "this does not look like an export of posts or comments"
                    )
    return list(seen)


class JsonRows(Closing):
    """Rows of a JSON list or a JSON Lines file, aligned to ``columns``; iterate once."""

    def __init__(self, path: Path, encoding: str, flavour: str, columns: list[str]) -> None:
        self.columns = columns
        self._name = path.name
        self._lines = flavour == "jsonl"
        self._raw: IO[bytes] = path.open("rb")
        codec, errors = text_codec(encoding)
        self._text = io.TextIOWrapper(self._raw, encoding=codec, errors=errors)

    @property
    def bytes_read(self) -> int:
        return self._raw.tell()

    def records(self) -> Iterator[Any]:
        """The decoded records; a broken JSON Lines line comes as a :class:`_BrokenLine`."""
        if not self._lines:
            yield from json_records(JsonStream(self._text, self._name))
            return
        for number, line in enumerate(self._text, start=1):
            if not line.strip():
                yield None
                continue
            try:
                yield json.loads(line, parse_int=json_int)
            except json.JSONDecodeError as error:
                yield _BrokenLine(Note(f"line {number} is not valid JSON ({error.msg}, column "
                                       f"{error.colno})", "bad_json_line", line=number))
            except RecursionError:
                yield _BrokenLine(f"line {number} is nested too deeply to read")

    def __iter__(self) -> Iterator[RawRow]:
        what = "line" if self._lines else "record"
        for index, record in enumerate(self.records(), start=1):
            if record is None and self._lines:
                continue
            number = index + 1
            if isinstance(record, _BrokenLine):
                yield RawRow(number, [], record.reason)
            elif not isinstance(record, dict):
                yield RawRow(number, [], Note(f"{what} {index} is {_describe(record)}, not an "
                                              "object with fields", "not_an_object",
                                              index=index))
            else:
                cells = flatten(record)
                values = [cells.get(column, "") for column in self.columns]
                if any(value.strip() for value in values):
                    yield RawRow(number, values)

    def close(self) -> None:
        self._text.close()


class _BrokenLine:
    """A JSON Lines line that does not parse, and why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def flatten(record: dict[str, Any], prefix: str = "", depth: int = 0) -> dict[str, str]:
    """A record's fields as ``dotted.name -> text``; nested objects become dotted names."""
    cells: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and depth < _MAX_DEPTH:
            cells.update(flatten(value, name + ".", depth + 1))
        else:
            cells[name] = json_cell(value)
    return cells


def json_cell(value: Any) -> str:
    """A JSON value as the text a CSV export would have held (``12``, ``true``, ``""`` for null
    and for the ``NaN`` that pandas writes for a missing value)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _describe(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 60 else shown[:60] + "..."
    kinds = {str: "a string", int: "a number", float: "a number", bool: "true/false",
             list: "a list", type(None): "null"}  # fmt: skip
    return f"{kinds.get(type(value), 'a value')} ({shown})"


def _open_text(path: Path, encoding: str) -> IO[str]:
    codec, errors = text_codec(encoding)
    return path.open("r", encoding=codec, errors=errors)
