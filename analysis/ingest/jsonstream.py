"""Read the records of a JSON export one at a time, however big the file.

Scrapers and APIs write JSON as a top-level list of records (``[{...}, {...}]``) or as an object
that holds that list next to some metadata (``{"data": [...], "meta": {...}}``). ``json.load``
would hold the whole file in memory; :func:`json_records` holds only the record being read.
Damaged or truncated JSON is an :class:`IngestError` naming the line, because a cut-off export
cannot be resynchronised safely.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from typing import IO, Any

from analysis.errors import IngestError

_WHITESPACE = " \t\n\r"
_CHUNK = 1 << 20
MAX_RECORD_CHARS = 128 * 1024 * 1024
"""A single record longer than this is taken for damage (an unterminated string, say)."""
_INT_DIGITS = 4_000
"""Longer integers stay text: Python refuses to convert ints of more than 4,300 digits."""


def json_int(digits: str) -> int | str:
    """A JSON integer; one of thousands of digits stays its text (Python will not convert it)."""
    return int(digits) if len(digits) <= _INT_DIGITS else digits


_DECODER = json.JSONDecoder(parse_int=json_int)


class JsonStream:
    """JSON values read one after another from a text stream, with a growing read-ahead."""

    def __init__(self, handle: IO[str], filename: str) -> None:
        self._handle = handle
        self.filename = filename
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._line = 1

    def _more(self) -> bool:
        """Read more text (at least as much as is buffered, so re-tries stay linear)."""
        if self._eof:
            return False
        if len(self._buffer) - self._pos > MAX_RECORD_CHARS:
            raise self.error(f"a record is longer than {MAX_RECORD_CHARS:,} characters")
        chunk = self._handle.read(max(_CHUNK, len(self._buffer) - self._pos))
        if not chunk:
            self._eof = True
            return False
        self._line += self._buffer.count("\n", 0, self._pos)
        self._buffer = self._buffer[self._pos :] + chunk
        self._pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not whitespace, without consuming it; ``""`` at the end."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in _WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._more():
                return ""

    def take(self, expected: str) -> str:
        """Consume the next character, which must be one of ``expected``."""
        char = self.peek()
        if not char or char not in expected:
            found = repr(char) if char else "the end of the file"
            wanted = " or ".join(repr(option) for option in expected)
            raise self.error(f"expected {wanted} but found {found}")
        self._pos += 1
        return char

    def value(self) -> Any:
        """The next complete JSON value."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                if self._more():
                    continue
                raise self.error(error.msg, error.pos) from None
            except RecursionError:
                raise self.error("a value is nested too deeply") from None
            if end == len(self._buffer) and self._more():
                continue  # a number cut by the read-ahead may go on
            self._pos = end
            return value

    def error(self, message: str, pos: int | None = None) -> IngestError:
        """An :class:`IngestError` naming the file and the line where reading stopped."""
        where = self._pos if pos is None else pos
        line = self._line + self._buffer.count("\n", 0, where)
        return IngestError(
            f"'{self.filename}' is not valid JSON at line {line}: {message}. It may be cut off "
            "or damaged: export it again (JSON Lines, one record per line, survives better)"
        )


def json_records(stream: JsonStream) -> Iterator[Any]:
    """The records of a JSON export: the items of its top-level list, or of the first list of
    objects inside a top-level object (``{"data": [...]}``). Items need not be objects: the
    caller decides what to do with a stray string or number.
    """
    first = stream.peek()
    if first == "[":
        yield from _array(stream)
    elif first == "{":
        if not (yield from _wrapped(stream)):
            raise IngestError(
                f"'{stream.filename}' holds a JSON object without a "
                'list of records. Expected [{...}, {...}] or {"data": [{...}, {...}]}'
            )
    else:
        found = repr(first) if first else "nothing"
        raise stream.error(f"it starts with {found}, not with a list of records '['")
    if stream.peek():
        raise stream.error(
            "there is more after the first JSON value; if the file holds one record per line, "
            "name it .jsonl"
        )


def _array(stream: JsonStream) -> Iterator[Any]:
    stream.take("[")
    if stream.peek() == "]":
        stream.take("]")
        return
    while True:
        yield stream.value()
        if stream.take(",]") == "]":
            return


def _wrapped(stream: JsonStream) -> Generator[Any, None, bool]:
    """Records of the first list of objects among a top-level object's fields; others skipped."""
    stream.take("{")
    found = False
    if stream.peek() == "}":
        stream.take("}")
        return False
    while True:
        if not isinstance(stream.value(), str):
            raise stream.error("a field name is not a string")
        stream.take(":")
        if not found and stream.peek() == "[":
            found = yield from _records_if_objects(stream)
        else:
            stream.value()
        if stream.take(",}") == "}":
            return found


def _records_if_objects(stream: JsonStream) -> Generator[Any, None, bool]:
    """Yield a list's items when its first item is an object; else skip the list."""
    items = _array(stream)
    first = next(items, None)
    if not isinstance(first, dict):
        for _ in items:
            pass
        return False
    yield first
    yield from items
    return True
