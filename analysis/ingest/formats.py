"""Which kind of file an upload is, from its name and its first bytes, and whether it may be read.

The extension says what the analyst meant; the bytes say what the file is. Containers are told
apart by their bytes (an XLSX saved as ``.csv`` is still read as a workbook, a ZIP named
``.xlsx`` is read as a ZIP), text formats by their extension. The upload limit is checked here,
before a single row is read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from analysis.errors import IngestError

EXTENSIONS: dict[str, str] = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".tab": "csv",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".zip": "zip",
}  # fmt: skip
"""File extension -> format. ``csv`` covers every delimited text (comma, semicolon, tab, pipe)."""
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MB = 1024 * 1024


def check_file(path: Path, max_bytes: int | None = None) -> tuple[str, int]:
    """The file's format (``csv | xlsx | json | jsonl | zip``) and size in bytes.

    Raises :class:`IngestError` naming the fix when the file is missing, empty, of an unsupported
    kind, or bigger than ``max_bytes`` (the ``PANTAU_MAX_UPLOAD_MB`` limit).
    """
    if not path.exists():
        raise IngestError(f"File not found: '{path}'")
    if not path.is_file():
        raise IngestError(f"'{path}' is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise IngestError(
            f"'{path.name}' is an old Excel .xls file; open it in Excel and save it as .xlsx or CSV"
        )
    if suffix not in EXTENSIONS:
        raise IngestError(
            f"'{path.name}' has an unsupported extension '{path.suffix or '(none)'}'. "
            f"Supported: {', '.join(EXTENSIONS)}"
        )
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"'{path.name}': file is empty (0 bytes)")
    check_size(path.name, size, max_bytes)
    return sniff_container(path, EXTENSIONS[suffix]), size


def check_size(name: str, size: int, max_bytes: int | None) -> None:
    """:class:`IngestError` when ``size`` is over the upload limit, naming how to raise it."""
    if max_bytes is None or size <= max_bytes:
        return
    needed = -(-size // _MB)
    raise IngestError(
        f"'{name}' is {format_size(size)}, over the upload limit of {format_size(max_bytes)}. "
        f"Raise the limit with PANTAU_MAX_UPLOAD_MB={needed} (or more), or split the file"
    )


def format_size(size: int) -> str:
    """``612.3 MB`` for big sizes, ``1,234 bytes`` for small ones."""
    return f"{size / _MB:,.1f} MB" if size >= _MB else f"{size:,} bytes"


def sniff_container(path: Path, by_extension: str) -> str:
    """The format the bytes betray for ZIP-based and old Office files; else the extension's."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC):
        raise IngestError(
            f"'{path.name}' is an old Office file (Excel .xls or similar), not a text export; "
            "open it in Excel and save it as .xlsx or CSV"
        )
    if not head.startswith(_ZIP_MAGIC):
        return by_extension
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return by_extension if by_extension in {"xlsx", "zip"} else "zip"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "[Content_Types].xml" in names:
        raise IngestError(
            f"'{path.name}' is an Office document but not an Excel workbook (Word or PowerPoint?); "
            "export the data as .xlsx or CSV"
        )
    return "zip"
