"""Exports of the filtered posts to CSV and XLSX, safe to open in a spreadsheet.

- **Formula injection** (OWASP "CSV Injection"): a text cell that starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return (seen through leading invisible characters: a BOM,
  zero-width spaces and joiners, direction marks) is prefixed with a single quote, so a
  spreadsheet shows it as text instead of running it. The same cells are neutralised in CSV
  and XLSX, and in the reject reports (:func:`table_csv`). A CSV field holding ``;`` is quoted,
  so Excel set to the Indonesian list separator (``;``) does not split it into a live cell.
- **Pseudonymised authors** (optional, for personal-data protection): each author becomes
  ``akun-`` and the first 10 hex digits of HMAC-SHA256(installation key, name), so one author
  gets one pseudonym in every export of this installation, and nobody without the key can
  undo it by hashing guessed names. @mentions in the text and sources that are the author's
  own account are replaced the same way; links are left out (they carry account names). The
  key is 32 random bytes created on first use in a file only its owner can read
  (:attr:`Settings.secret_file`, beside the store).
- **Row cap**: at most :data:`MAX_ROWS` rows, the newest first; :class:`Export` says how many
  posts the filters held so the caller can say what was left out.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import ConfigError
from analysis.reports.wording import HEADERS, label, zone_name
from analysis.store.db import Store
from analysis.store.exports import EXPORT_COLUMNS, export_rows
from analysis.store.trends import Filters

MAX_ROWS = 100_000
"""Rows one export holds: XLSX of this size takes seconds to write and opens in any
spreadsheet; narrow the period or platforms for more."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_INVISIBLE_START = re.compile("^[\ufeff\u200b-\u200f\u2060-\u2064\u202a-\u202e\u2066-\u2069"
                              "\u00ad\u180e\u034f]+")
"""Characters a spreadsheet may skip or show as nothing before a formula start."""
_CSV_QUOTE = re.compile(r'[,;"\r\n\t]')
_FORMULA_AFTER_SEMICOLON = re.compile(
    ";(?=[\ufeff\u200b-\u200f\u2060-\u2064\u202a-\u202e\u2066-\u2069\u00ad\u180e\u034f]*"
    "[=+\\-@\t\r])")
"""A ``;`` inside a cell followed by a formula start: Excel set to the Indonesian list
separator splits the line there, whatever the quotes, and would run what follows."""
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.]{1,30}[A-Za-z0-9_])")
XLSX_CELL_MAX = 32_767
PSEUDONYM_DIGITS = 10
"""40 bits: two of a million authors share a pseudonym with odds of about 1 in 2,000."""


def neutralise(value: Any) -> Any:
    """A text cell made inert for spreadsheets (OWASP: prefix a formula start with ``'``);
    anything else unchanged."""
    if isinstance(value, str) and _INVISIBLE_START.sub("", value).startswith(FORMULA_START):
        return "'" + value
    return value


def csv_line(fields: list[Any]) -> str:
    """One CSV record: every text neutralised, a field quoted whenever it holds a comma, a
    semicolon (Excel's list separator in Indonesian), a quote, a tab or a line break; a
    formula start right after a ``;`` gets the same ``'`` as one at the start of the cell."""
    cells = []
    for value in fields:
        text = "" if value is None or _missing(value) else str(neutralise(value))
        text = _FORMULA_AFTER_SEMICOLON.sub(";'", text)
        cells.append('"' + text.replace('"', '""') + '"' if _CSV_QUOTE.search(text) else text)
    return ",".join(cells) + "\r\n"


def table_csv(frame: pd.DataFrame) -> bytes:
    """Any table (the reject reports among them) as formula-safe CSV, UTF-8 with a BOM."""
    lines = [csv_line(list(frame.columns))]
    lines += [csv_line(list(row)) for row in frame.itertuples(index=False)]
    return "".join(lines).encode("utf-8-sig")


class Pseudonymiser:
    """Stable keyed pseudonyms for account names: ``akun-3f9a2c61d0``."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ConfigError("The pseudonymisation key must be at least 16 bytes")
        self._key = key

    @classmethod
    def from_file(cls, path: Path) -> Pseudonymiser:
        """The installation's key from ``path``, created (owner-only) when missing."""
        return cls(installation_key(path))

    def __call__(self, name: Any) -> Any:
        """The pseudonym of ``name``; blanks and missing values stay as they are. Case and a
        leading ``@`` do not matter: ``@Warga_A`` and ``warga_a`` are one account."""
        if not isinstance(name, str) or not name.strip():
            return name
        canonical = name.strip().lstrip("@").casefold()
        digest = hmac.new(self._key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()
        return f"akun-{digest[:PSEUDONYM_DIGITS]}"

    def mentions(self, text: Any) -> Any:
        """``text`` with every @mention replaced by ``@`` and its account's pseudonym."""
        if not isinstance(text, str):
            return text
        return _MENTION.sub(lambda m: "@" + self(m.group(1)), text)


def installation_key(path: Path) -> bytes:
    """Read the key kept in ``path`` (hex), or create it there, readable by its owner only."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    except OSError as error:
        raise ConfigError(f"Cannot create the pseudonymisation key {path}: {error}") from error
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")
    return key


def _read_key(path: Path) -> bytes:
    fix = "delete it to make a new one (pseudonyms in new exports will then differ)"
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (ValueError, UnicodeDecodeError):
        raise ConfigError(f"{path} does not hold a hex key; {fix}") from None
    if len(key) < 16:
        raise ConfigError(f"{path} holds a key shorter than 16 bytes; {fix}")
    return key


@dataclass(frozen=True)
class Export:
    """The rows of one export (headers in the reader's language) and what was left out."""

    frame: pd.DataFrame
    total: int
    pseudonymised: bool

    @property
    def capped(self) -> bool:
        return self.total > len(self.frame)


def export_table(store: Store, f: Filters, *, lang: str = "id",
                 pseudonymiser: Pseudonymiser | None = None, hoax_threshold: float = 0.5,
                 max_rows: int = MAX_ROWS) -> Export:
    """The posts inside ``f`` ready to write: newest first, labels in words, times in the
    filters' zone, authors pseudonymised when a :class:`Pseudonymiser` is given."""
    rows = export_rows(store, f, max_rows, hoax_threshold)
    total = int(rows["total"].iloc[0]) if len(rows) else 0
    rows = pd.DataFrame({c: [None if _missing(v) else v for v in rows[c]]
                         for c in EXPORT_COLUMNS}, dtype=object)
    for column in ("sentiment", "corrected", "hoax_corrected", "hoax_status"):
        rows[column] = [None if _missing(v) else label(v, lang) for v in rows[column]]
    for column in ("sentiment_score", "hoax_score"):
        rows[column] = [None if _missing(v) else round(float(v), 4) for v in rows[column]]
    rows["local_time"] = [None if _missing(v) else pd.Timestamp(v).to_pydatetime()
                          for v in rows["local_time"]]
    if pseudonymiser is not None:
        rows = _pseudonymise(rows, pseudonymiser)
    zone = zone_name(f.timezone).lower().replace("/", "_")
    headers = {c: HEADERS[c].get(lang, HEADERS[c]["en"]).format(zone=zone)
               for c in map(str, rows.columns)}
    return Export(rows.rename(columns=headers), total, pseudonymiser is not None)


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _pseudonymise(rows: pd.DataFrame, pseudonymiser: Pseudonymiser) -> pd.DataFrame:
    own = [isinstance(s, str) and isinstance(a, str)
           and s.strip().lstrip("@").casefold() == a.strip().lstrip("@").casefold()
           for s, a in zip(rows["source"], rows["author"], strict=True)]
    rows["source"] = [pseudonymiser(s) if mine else s
                      for s, mine in zip(rows["source"], own, strict=True)]
    rows["author"] = rows["author"].map(pseudonymiser)
    rows["text"] = rows["text"].map(pseudonymiser.mentions)
    return rows.drop(columns=["url"])


def to_csv(export: Export) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads Indonesian text right), every text cell
    neutralised, times as ``YYYY-MM-DD HH:MM``."""
    lines = [csv_line(list(export.frame.columns))]
    for row in export.frame.itertuples(index=False):
        lines.append(csv_line([v.strftime("%Y-%m-%d %H:%M") if hasattr(v, "strftime")
                               and not _missing(v) else v for v in row]))
    return "".join(lines).encode("utf-8-sig")


def to_xlsx(export: Export, sheet: str = "Pantau") -> bytes:
    """One sheet, bold frozen header, real date cells, every text cell neutralised (and
    stripped of the control characters XLSX cannot hold, cut at Excel's 32,767 characters)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.freeze_panes = "A2"
    widths = {"text": 80, "teks": 80, "tautan": 40, "url": 40}
    for i, name in enumerate(export.frame.columns):
        ws.column_dimensions[_column_letter(i)].width = widths.get(name, 18)
    header = []
    for name in export.frame.columns:
        cell = WriteOnlyCell(ws, value=_xlsx_value(name))
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in export.frame.itertuples(index=False):
        cells = []
        for value in row:
            cell = WriteOnlyCell(ws, value=_xlsx_value(value))
            if hasattr(value, "strftime"):
                cell.number_format = "dd/mm/yyyy hh:mm"
            cells.append(cell)
        ws.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    if not isinstance(value, str):
        return None if _missing(value) else value
    text = _ILLEGAL_XLSX.sub("", value)
    if len(text) > XLSX_CELL_MAX - 1:
        text = text[: XLSX_CELL_MAX - 2] + "…"
    return neutralise(text)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def file_stem(f: Filters) -> str:
    """``pantau-2025-05-01_2025-05-05``: the period in the name of every exported file."""
    if f.start and f.end:
        return f"pantau-{f.start:%Y-%m-%d}_{f.end:%Y-%m-%d}"
    return "pantau"


AUDIT_COLUMNS = ("at", "actor", "action", "target_kind", "target", "details")
"""The columns of an audit log export, in order (the entry's number is left out)."""


def audit_table(entries: pd.DataFrame, tz: Any) -> pd.DataFrame:
    """Audit entries (:func:`analysis.store.audit.audit_entries`) as they are exported and
    shown: ``at`` as ISO local time in ``tz`` with its offset, the rest as stored."""
    table = entries.loc[:, list(AUDIT_COLUMNS)].copy()
    stamps = pd.to_datetime(table["at"], utc=True).dt.tz_convert(tz)
    table["at"] = [stamp.isoformat(timespec="seconds") for stamp in stamps]
    return table


def audit_csv(entries: pd.DataFrame, tz: Any) -> bytes:
    """The audit entries as formula-safe CSV (:func:`table_csv`): a name, a file name or a
    detail that starts with ``=`` opens in a spreadsheet as text."""
    return table_csv(audit_table(entries, tz))
