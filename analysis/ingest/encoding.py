"""Find out how a text export is encoded and delimited, from its bytes, before reading rows.

Analysts bring whatever their tool wrote: UTF-8 with or without a BOM, Excel's cp1252 CSV,
UTF-16 "Unicode text" (with or without its BOM), files glued together from UTF-8 and cp1252
parts, commas, semicolons (Indonesian Excel), tabs, pipes. Detection reads bytes, never guesses
from the extension, and refuses what is not text instead of importing noise.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import numpy as np
import pyarrow as pa

from analysis.errors import IngestError

DELIMITERS = ",;\t|"
SAMPLE_BYTES = 64 * 1024
MIXED = "utf-8+cp1252"
"""The label of a file that is UTF-8 except for some cp1252 bytes (two exports glued together):
each valid UTF-8 sequence is read as UTF-8, each stray byte as cp1252."""
_CHUNK = 1 << 20
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_FALLBACK_ERRORS = "pantau.cp1252"
_CONTROL = {chr(code) for code in range(32)} - set("\t\n\r\f\v") | {"\x7f"}


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode each byte UTF-8 rejected as cp1252 (as latin-1 for the five bytes cp1252 lacks)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "".join(map(_byte_text, error.object[error.start : error.end])), error.end


def _byte_text(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)


def text_codec(label: str) -> tuple[str, str]:
    """(codec, errors) to open a file whose detected encoding is ``label``."""
    return ("utf-8", _FALLBACK_ERRORS) if label == MIXED else (label, "strict")


def detect_encoding(path: Path, forced: str | None = None) -> str:
    """BOM; else UTF-16 by its zero bytes; else UTF-8; else UTF-8 mixed with cp1252; else cp1252.
    A UTF-8 BOM before bytes that are not all UTF-8 is a glued file too (UTF-8 mixed with cp1252).

    The whole file is checked (one fast pass) so a stray byte at the end cannot break the import
    half way. A BOM or a forced encoding that does not decode is an :class:`IngestError`, and so
    is a file that is not text at all.
    """
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if forced:
        _require_decodes(path, _known_codec(forced), f"as {forced}")
        return forced
    for bom, encoding in _BOMS:
        if head.startswith(bom) and encoding == "utf-8-sig":
            if _first_error(path, encoding) is None:
                return encoding
            # Excel's "CSV UTF-8" always starts with a BOM, so a file glued together from such
            # an export and a cp1252 one does too: read it as any glued file
            _require_text(path, head, MIXED)
            return MIXED
        if head.startswith(bom):
            _require_decodes(path, encoding, f"as {encoding} (it starts with that byte-order mark)")
            return encoding
    utf16 = _utf16_without_bom(head)
    if utf16:
        _require_decodes(path, utf16, f"as {utf16} (every other byte is zero)")
        return utf16
    if b"\x00" in head:
        first = head.index(b"\x00")
        raise IngestError(
            f"'{path.name}' looks binary (it contains NUL bytes, the first at byte {first}), "
            "not a text export. "
            "Save it as CSV UTF-8, or name its encoding with --encoding NAME"
        )
    encoding = _eight_bit_encoding(path)
    _require_text(path, head, encoding)
    return encoding


def _eight_bit_encoding(path: Path) -> str:
    if _first_error(path, "utf-8") is None:
        return "utf-8"
    if _has_utf8_sequences(path):
        return MIXED
    return "cp1252" if _first_error(path, "cp1252") is None else "latin-1"


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when mostly-ASCII text shows a zero in every other byte."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = sum(1 for index in range(0, pairs * 2, 2) if head[index] == 0)
    odd = sum(1 for index in range(1, pairs * 2, 2) if head[index] == 0)
    if odd >= 0.3 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _has_utf8_sequences(path: Path) -> bool:
    """Whether the file holds at least one valid multi-byte UTF-8 character (é, ’, an emoji)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            text = decoder.decode(chunk)
            if any(char > "\x7f" and not "\udc80" <= char <= "\udcff" for char in text):
                return True
    return False


def _require_text(path: Path, head: bytes, encoding: str) -> None:
    """Refuse a file whose start is mostly control characters: binary data, not an export."""
    codec, errors = text_codec(encoding)
    sample = head.decode(codec, errors="replace" if errors == "strict" else errors)
    controls = sum(char in _CONTROL for char in sample)
    if sample and controls > max(2, len(sample) // 100):
        raise IngestError(
            f"'{path.name}' looks binary ({controls} control characters in its first "
            f"{len(head)} bytes), not a text export. Save it as CSV UTF-8, or as .xlsx"
        )


def _known_codec(name: str) -> str:
    # rot13, base64 and the like are codecs too, but not of text from bytes; idna decodes
    # names, and refuses the error handling a file's reading needs
    try:
        codec = codecs.lookup(name)
        if getattr(codec, "_is_text_encoding", True) and isinstance(
            codecs.decode(b"a,b\n", codec.name, "replace"), str
        ):
            return codec.name
    except (LookupError, UnicodeError, TypeError, ValueError):
        pass
    raise IngestError(f"Unknown encoding '{name}' (try utf-8, cp1252 or utf-16)")


def _require_decodes(path: Path, encoding: str, how: str) -> None:
    offset = _first_error(path, encoding)
    if offset is not None:
        raise IngestError(
            f"'{path.name}' cannot be decoded {how}: byte {offset} is invalid. "
            "Save it again as CSV UTF-8, or name its encoding with --encoding NAME"
        )


def _first_error(path: Path, encoding: str) -> int | None:
    """Byte offset of the first undecodable byte, or None when the whole file decodes."""
    if codecs.lookup(encoding).name == "utf-8" and _valid_utf8(path):
        return None
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return offset + max(error.start, 0)
            except UnicodeError:  # "UTF-16 stream does not start with BOM"
                return offset
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeError:
            return offset
    return None


def _valid_utf8(path: Path) -> bool:
    """Whether the whole file is UTF-8, checked by Arrow's validator: it builds no text, so it is
    several times faster than decoding (the file's bytes are read once more for the import)."""
    carried = b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            data = carried + chunk
            end = _whole_characters(data)
            offsets = pa.py_buffer(np.array([0, end], dtype=np.int64).tobytes())
            try:
                pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(data)).validate(full=True)
            except pa.ArrowInvalid:
                return False
            carried = data[end:]
    return not carried


def _whole_characters(data: bytes) -> int:
    """The length of ``data`` without an incomplete UTF-8 sequence at its end (the next chunk
    holds the rest of it)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # a leading byte (or ASCII): does its sequence fit?
            size = 1 if byte < 0x80 else 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) if size <= back else len(data) - back
    return len(data)


def read_sample(path: Path, encoding: str) -> str:
    """The first ~64 KiB of the file as text (for sniffing)."""
    codec, errors = text_codec(encoding)
    errors = "replace" if errors == "strict" else errors
    with path.open("r", encoding=codec, newline="", errors=errors) as handle:
        return handle.read(SAMPLE_BYTES)


def sniff_delimiter(sample: str, forced: str | None = None) -> str:
    """The delimiter among ``, ; TAB |`` that splits the sample into the most consistent rows.

    ``csv.Sniffer`` gets the first say; its answer is kept unless another delimiter splits the
    rows more consistently (the sniffer is easily fooled by commas inside quoted text).
    """
    if forced:
        delimiter = "\t" if forced in {"\\t", "tab", "TAB"} else forced
        if len(delimiter) != 1:
            raise IngestError(f"The delimiter {forced!r} is not one character: use , ; | or tab")
        return delimiter
    scores = {delimiter: _consistency(sample, delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: scores[delimiter])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = best
    return sniffed if scores.get(sniffed, (0.0, 0)) >= scores[best] else best


def _consistency(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of complete sample rows with the header's field count, that count)."""
    try:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        rows = [row for row in reader if row]
    except csv.Error:
        return (0.0, 1)
    if not rows or len(rows[0]) < 2:
        return (0.0, 1)
    width = len(rows[0])
    body = rows[1:-1] if len(rows) > 2 else rows[1:]
    if not body:
        return (0.5, width)
    return (sum(len(row) == width for row in body) / len(body), width)


_EXCEL_SEP = re.compile(r"\Asep=(.)[ \t]*\r?(?:\n|\Z)")
"""Excel's first line naming the delimiter (``sep=;``)."""
_TITLE_ROWS = 10
"""At most this many title lines above a header are skipped."""


def header_layout(sample: str, forced: str | None = None) -> tuple[str, int]:
    """(delimiter, records before the header) of a delimited text whose start is ``sample``.

    Reports and office exports often put something above the header: Excel's ``sep=;`` line,
    which also names the delimiter, or title lines ("Laporan Monitoring Medsos Polda",
    "Periode: Juli 2025"). A header names at least a text and a date column, so it holds a
    delimiter: blank lines and lines with no delimiter at all at the top (at most
    :data:`_TITLE_ROWS`, and only when a line with one follows) are skipped, and the delimiter
    is sniffed on what follows them.
    """
    excel = _EXCEL_SEP.match(sample)
    if excel and not forced:
        return excel.group(1), 1
    skip = 1 if excel else 0
    lines = (sample[excel.end():] if excel else sample).split("\n")
    marks = forced or DELIMITERS
    titles, limit = 0, min(_TITLE_ROWS, len(lines) - 1)
    while titles < limit and not any(mark in lines[titles] for mark in marks):
        titles += 1
    if titles == limit or '"' in "".join(lines[:titles]):
        titles = 0  # no header near the top, or a quoted field may span these lines
    rest = "\n".join(lines[titles:])
    return sniff_delimiter(rest, forced), skip + titles
