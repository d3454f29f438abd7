"""Turn raw rows into canonical records, or into rejections that say why not.

Every input row ends up in exactly one place: the records table or the reject list, so an
analyst can always account for a file (``rows_in == accepted + rejected``). Ids are derived
from the content alone, so importing the same export twice gives the same ids and the store
can drop the duplicates.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pandas as pd

from analysis.ingest.counts import count_cached
from analysis.ingest.date_columns import ColumnDates, decide_column
from analysis.ingest.dates import DateError, DateOrderError, RelativeDateError, parse_datetime
from analysis.ingest.options import Note, Rejection
from analysis.ingest.reader import RawRow
from analysis.text.keys import normalize_text, text_hash
from analysis.vocabulary import Kind

CANONICAL_COLUMNS: list[str] = [
    "id", "kind", "platform", "source", "author", "published_at", "published_approx", "text",
    "text_hash", "url", "parent_id", "likes", "shares", "replies", "views", "extra", "row_number",
]  # fmt: skip
COUNT_FIELDS = ("likes", "shares", "replies", "views")
_DTYPES: dict[str, str] = {
    **{name: "str" for name in CANONICAL_COLUMNS},
    "published_at": "datetime64[us, UTC]",
    "published_approx": "bool",
    **{name: "Int64" for name in COUNT_FIELDS},
    "row_number": "int64",
}
_KEPT_FIELDS = {
    "text",
    "title",
    "published_at",
    "author",
    "platform",
    "source",
    "url",
    "parent_id",
}
_KEPT_FIELDS |= set(COUNT_FIELDS)
"""Fields whose column lands in a record column as is; the columns of the others (``id``,
``reference_time``) stay in ``extra`` as well, so nothing the export said is lost."""
RAW_LIMIT = 500

_DOMAINS: dict[str, str] = {
    "twitter.com": "twitter", "x.com": "twitter", "t.co": "twitter",
    "youtube.com": "youtube", "youtu.be": "youtube",
    "instagram.com": "instagram", "tiktok.com": "tiktok",
    "facebook.com": "facebook", "fb.com": "facebook", "fb.watch": "facebook",
}  # fmt: skip
_PLATFORM_ALIASES: dict[str, str] = {
    "x": "twitter", "twitter/x": "twitter", "x/twitter": "twitter", "x (twitter)": "twitter",
    "yt": "youtube", "ig": "instagram", "fb": "facebook", "berita": "news",
    "online news": "news", "media online": "news",
}  # fmt: skip
_SIMPLE_URL = re.compile(r"^https?://([a-zA-Z0-9.-]+)(?:[:/?#]|$)")
_JSON = json.JSONEncoder(ensure_ascii=False)


@dataclass(frozen=True)
class RecordPlan:
    """Everything the row builder needs, decided once per file.

    ``dayfirst`` is the order for numeric dates in a column whose data does not settle it;
    ``date_columns`` holds each date column's decision (see :mod:`analysis.ingest.date_columns`),
    made by :func:`decide_dates` from the first batch unless a caller made it before.
    """

    columns: list[str]
    mapping: dict[str, str]
    tz: ZoneInfo
    platform: str | None = None
    header_platform: str | None = None
    reference_time: datetime | None = None
    dayfirst: bool = True
    forced_dayfirst: bool | None = None
    extra_columns: list[str] = field(init=False)
    date_columns: dict[str, ColumnDates] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        kept = {column for name, column in self.mapping.items() if name in _KEPT_FIELDS}
        object.__setattr__(self, "extra_columns", [c for c in self.columns if c not in kept])


def normalize_platform(value: str | None) -> str | None:
    """``"Twitter "`` -> ``"twitter"``, ``"X"`` -> ``"twitter"``; blank -> None."""
    key = (value or "").strip().lower()
    return _PLATFORM_ALIASES.get(key, key) or None


def decide_dates(plan: RecordPlan, rows: list[RawRow]) -> None:
    """Decide from ``rows`` (a sample from the file's start) how each date column is read.

    Done once per plan: later calls keep the first decision, so every batch of a file, and
    every read of it, takes its dates the same way.
    """
    decide_dates_from(plan, lambda index: (
        (row.number, row.values[index])
        for row in rows
        if row.error is None and index < len(row.values)
    ))  # fmt: skip


def decide_dates_from(
    plan: RecordPlan, cells: Callable[[int], Iterable[tuple[int, str]]]
) -> None:
    """:func:`decide_dates`, given the ``(row number, value)`` pairs of the column at an index."""
    if plan.date_columns:
        return
    for name in ("published_at", "reference_time"):
        column = plan.mapping.get(name)
        if column is None or column not in plan.columns:
            continue
        decided = decide_column(column, cells(plan.columns.index(column)), plan.dayfirst)
        if plan.forced_dayfirst is not None:
            decided = replace(decided, dayfirst=plan.forced_dayfirst,
                              because="the analyst chose this order for the import")
        plan.date_columns[column] = decided


def build_records(plan: RecordPlan, rows: list[RawRow]) -> tuple[pd.DataFrame, list[Rejection]]:
    """Canonical records for the rows that can be read, a :class:`Rejection` for each other.

    The first call decides how the date columns are read (:func:`decide_dates`) from its rows.
    """
    decide_dates(plan, rows)
    records: list[dict[str, object]] = []
    rejects: list[Rejection] = []
    for row in rows:
        outcome = _record(plan, row)
        if isinstance(outcome, Rejection):
            rejects.append(outcome)
        else:
            records.append(outcome)
    return records_frame(records), rejects


def records_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """A DataFrame with the canonical columns, in order and with their dtypes (even when empty)."""
    return pd.DataFrame(
        {
            name: pd.Series([record[name] for record in records], dtype=_DTYPES[name])
            for name in CANONICAL_COLUMNS
        }
    )


def _record(plan: RecordPlan, row: RawRow) -> dict[str, object] | Rejection:
    """One canonical record, or the reason the row cannot be one."""
    width = len(plan.columns)
    if row.error is not None:
        return _reject(plan, row, None, "bad_row", row.error)
    if len(row.values) > width and any(value.strip() for value in row.values[width:]):
        return _reject(plan, row, None, "bad_row", width_reason(len(row.values), width))
    cells = dict(zip(plan.columns, row.values + [""] * (width - len(row.values)), strict=False))
    text = _text(plan, cells)
    if not text:
        return _reject(plan, row, _text_column(plan), "empty_text", _empty_text_reason(plan))
    dated = _published(plan, row, cells)
    if isinstance(dated, Rejection):
        return dated
    return _assemble(plan, cells, text, dated, row.number)


def _assemble(
    plan: RecordPlan,
    cells: dict[str, str],
    text: str,
    dated: tuple[datetime, bool],
    number: int,
) -> dict[str, object]:
    """The record's columns from an accepted row's cells."""
    mapping = plan.mapping
    url, author, native, parent, source = (
        (cells[mapping[name]].strip() or None) if name in mapping else None
        for name in ("url", "author", "id", "parent_id", "source")
    )
    platform = _platform(plan, _value(plan, cells, "platform"), url)
    parent = None if parent == native else parent  # a thread's root names itself
    source = source or (_host(url) if platform == "news" else None)
    record: dict[str, object] = {
        "id": _record_id(platform, native, text, author, dated[0]),
        "kind": _kind(plan, platform, parent),
        "platform": platform,
        "source": source,
        "author": author,
        "published_at": dated[0],
        "published_approx": dated[1],
        "text": text,
        "text_hash": text_hash(text),
        "url": url,
        "parent_id": parent,
        "extra": _JSON.encode({c: cells[c] for c in plan.extra_columns}),
        "row_number": number,
    }
    for name in COUNT_FIELDS:
        record[name] = count_cached(cells[mapping[name]]) if name in mapping else None
    return record


def width_reason(fields: int, columns: int) -> Note:
    """Why a row wider than its header is rejected."""
    return Note(f"the row has {fields} fields but the header has {columns} columns", "row_width",
                fields=fields, columns=columns)


def _value(plan: RecordPlan, cells: dict[str, str], name: str) -> str | None:
    """A field's stripped value in this row; None when the field is unmapped or blank."""
    column = plan.mapping.get(name)
    return (cells[column].strip() or None) if column else None


def _text(plan: RecordPlan, cells: dict[str, str]) -> str:
    """The row's text; for articles the title, a blank line, then the body."""
    parts = [
        cells[plan.mapping[name]].strip() for name in ("title", "text") if name in plan.mapping
    ]
    return "\n\n".join(part for part in parts if part)


def _text_column(plan: RecordPlan) -> str:
    return plan.mapping.get("text") or plan.mapping["title"]


def _empty_text_reason(plan: RecordPlan) -> str:
    names = [plan.mapping[name] for name in ("title", "text") if name in plan.mapping]
    where = " and ".join(f"'{name}'" for name in names)
    return f"text in column{'s' if len(names) > 1 else ''} {where} is empty"


def _published(
    plan: RecordPlan, row: RawRow, cells: dict[str, str]
) -> tuple[datetime, bool] | Rejection:
    """The row's publication time, or the rejection that explains why it has none."""
    column = plan.mapping["published_at"]
    raw = cells[column].strip()
    if not raw:
        return _reject(plan, row, column, "empty_date", f"date in column '{column}' is empty")
    style = _style(plan, column)
    try:
        return _parse_cached(
            raw, plan.tz, _reference(plan, cells), style.dayfirst, style.excel_serial
        )
    except RelativeDateError:
        reason = (
            f"date '{_shown(raw)}' in column '{column}' is relative and there is no reference "
            "time to count back from; add an extracted_at column or give the time the export "
            "was made"
        )
        return _reject(plan, row, column, "relative_date_no_reference", reason)
    except DateOrderError as error:
        other = "day-first (DD/MM/YYYY)" if not error.dayfirst else "month-first (MM/DD/YYYY)"
        reason = (
            f"date '{_shown(raw)}' in column '{column}' reads only {other}, but the column is "
            f"read {style.order} because {style.because}; correct the row, or choose the "
            "date order when importing (--date-order dmy|mdy)"
        )
        return _reject(plan, row, column, "date_order_conflict", reason)
    except DateError as error:
        if _repeats_header(plan, row):
            reason = ("the row repeats the header (exports glued together?); it holds no text "
                      "to import")  # fmt: skip
            return _reject(plan, row, column, "repeated_header", reason)
        detail = f" ({error.detail})" if error.detail else ""
        reason = f"date '{_shown(raw)}' in column '{column}' is not a date Pantau can read{detail}"
        return _reject(plan, row, column, "bad_date", reason)


def _repeats_header(plan: RecordPlan, row: RawRow) -> bool:
    """Whether the row is the header again (a second export, BOM and all, glued on): each cell
    the column's name, or what ``unique_header`` named ``column_N`` / ``name.N`` after it."""
    cells = [value.replace("\ufeff", "").strip() for value in row.values]
    if len(cells) < len(plan.columns):
        return False
    for number, (cell, column) in enumerate(zip(cells, plan.columns, strict=False), start=1):
        base, _, suffix = column.rpartition(".")
        if cell != column and not (cell == "" and column == f"column_{number}") and not (
            cell == base and suffix.isdigit()
        ):
            return False
    return True


def _shown(raw: str) -> str:
    return raw if len(raw) <= 100 else raw[:100] + "..."


def _style(plan: RecordPlan, column: str) -> ColumnDates:
    """The column's decided reading; the plan's default when nothing was decided for it."""
    style = plan.date_columns.get(column)
    return style if style is not None else ColumnDates(column, dayfirst=plan.dayfirst)


def _reference(plan: RecordPlan, cells: dict[str, str]) -> datetime | None:
    """When the export was made: the row's reference-time column, else the option.

    The row's own column wins: scrapers run for hours, and each row knows when it was taken.
    """
    column = plan.mapping.get("reference_time")
    raw = cells.get(column, "").strip() if column else ""
    if raw and column:
        try:
            style = _style(plan, column)
            return _parse_cached(raw, plan.tz, None, style.dayfirst, style.excel_serial)[0]
        except DateError:
            pass  # an unreadable extracted_at only matters if a relative date needs it
    return plan.reference_time


@lru_cache(maxsize=4096)
def _parse_cached(
    value: str, tz: ZoneInfo, reference: datetime | None, dayfirst: bool, excel_serial: bool
) -> tuple[datetime, bool]:
    """Exports repeat the same dates ("4 minggu yang lalu", one extracted_at) thousands of times.

    The column's order is strict: it was decided from the data, so a value that reads only
    the other way is a :class:`DateOrderError`, not silently swapped. (The key holds plain
    values, not the column's :class:`ColumnDates`: hashing a dataclass costs a row ~1 us.)
    """
    return parse_datetime(
        value,
        tz=tz,
        reference=reference,
        dayfirst=dayfirst,
        strict_order=True,
        excel_serial=excel_serial,
    )


def _platform(plan: RecordPlan, column_value: str | None, url: str | None) -> str:
    """Forced option, else the row's platform column, else the url's site, else the header."""
    chosen = normalize_platform(plan.platform) or normalize_platform(column_value)
    return chosen or platform_of(plan, None, _host(url))


def platform_of(plan: RecordPlan, column_value: str | None, host: str | None) -> str:
    """:func:`_platform` given the url's host (:func:`_host`) instead of the url."""
    chosen = normalize_platform(plan.platform) or normalize_platform(column_value)
    if chosen:
        return chosen
    if host:
        platform = _site_platform(host)
        if platform:
            return platform
        if "title" in plan.mapping:
            return "news"
    return plan.header_platform or "unknown"


@lru_cache(maxsize=4096)
def _site_platform(host: str) -> str | None:
    """The platform of a known social site's host (``m.youtube.com`` -> youtube), else None."""
    for domain, platform in _DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return platform
    return None


def _host(url: str | None) -> str | None:
    """``https://www.detik.com/x`` -> ``detik.com``; None when there is no host.

    A plain ``http(s)://host/...`` is cut with a regex (``urlsplit`` costs ~5 us, on every row of
    an export with a url column); anything unusual (user info, IPv6, no scheme) goes to
    ``urlsplit``.
    """
    if not url:
        return None
    simple = _SIMPLE_URL.match(url)
    if simple:
        host = simple.group(1).lower()
    else:
        host = urlsplit(url if "://" in url else "//" + url).hostname or ""
    return host.removeprefix("www.") or None


def _kind(plan: RecordPlan, platform: str, parent: str | None) -> str:
    if parent:
        return Kind.COMMENT
    if "title" in plan.mapping or platform == "news":
        return Kind.ARTICLE
    return Kind.POST


def _record_id(
    platform: str,
    native: str | None,
    text: str,
    author: str | None,
    published: datetime,
) -> str:
    """Stable id: the export's own id when it has one, else the content that identifies a text."""
    if native:
        key = f"{platform}|id|{native}"
    else:
        key = f"{platform}|{normalize_text(text)}|{author or ''}|{published.isoformat()}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _reject(plan: RecordPlan, row: RawRow, column: str | None, code: str, reason: str) -> Rejection:
    raw = {name: value[:RAW_LIMIT] for name, value in zip(plan.columns, row.values, strict=False)}
    for index in range(len(plan.columns), len(row.values)):
        raw[f"field_{index + 1}"] = row.values[index][:RAW_LIMIT]
    return Rejection(row=row.number, column=column, code=code, reason=reason, raw=raw)
