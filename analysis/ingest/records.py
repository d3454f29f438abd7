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
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pandas as pd

from analysis.ingest.dates import DateError, RelativeDateError, parse_datetime
from analysis.ingest.options import Rejection
from analysis.ingest.reader import RawRow
from analysis.text import normalize_text, text_hash

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
_COUNT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(k|rb|ribu|m|jt|juta|b|miliar|mlyr)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
_MULTIPLIERS: dict[str, int] = {
    "k": 10**3, "rb": 10**3, "ribu": 10**3, "m": 10**6, "jt": 10**6, "juta": 10**6,
    "b": 10**9, "miliar": 10**9, "mlyr": 10**9,
}  # fmt: skip


@dataclass(frozen=True)
class RecordPlan:
    """Everything the row builder needs, decided once per file."""

    columns: list[str]
    mapping: dict[str, str]
    tz: ZoneInfo
    platform: str | None = None
    header_platform: str | None = None
    reference_time: datetime | None = None
    dayfirst: bool = True
    extra_columns: list[str] = field(init=False)

    def __post_init__(self) -> None:
        kept = {column for name, column in self.mapping.items() if name in _KEPT_FIELDS}
        object.__setattr__(self, "extra_columns", [c for c in self.columns if c not in kept])


def normalize_platform(value: str | None) -> str | None:
    """``"Twitter "`` -> ``"twitter"``, ``"X"`` -> ``"twitter"``; blank -> None."""
    key = (value or "").strip().lower()
    return _PLATFORM_ALIASES.get(key, key) or None


def build_records(plan: RecordPlan, rows: list[RawRow]) -> tuple[pd.DataFrame, list[Rejection]]:
    """Canonical records for the rows that can be read, a :class:`Rejection` for each other."""
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
        reason = f"the row has {len(row.values)} fields but the header has {width} columns"
        return _reject(plan, row, None, "bad_row", reason)
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
    url, author, native, parent, source = (
        _value(plan, cells, name) for name in ("url", "author", "id", "parent_id", "source")
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
        "extra": json.dumps({c: cells[c] for c in plan.extra_columns}, ensure_ascii=False),
        "row_number": number,
    }
    for name in COUNT_FIELDS:
        record[name] = parse_count(cells.get(plan.mapping.get(name, ""), ""))
    return record


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
    shown = raw if len(raw) <= 100 else raw[:100] + "..."
    try:
        return _parse_cached(raw, plan.tz, _reference(plan, cells), plan.dayfirst)
    except RelativeDateError:
        reason = (
            f"date '{shown}' in column '{column}' is relative and there is no reference time to "
            "count back from; add an extracted_at column or give the time the export was made"
        )
        return _reject(plan, row, column, "relative_date_no_reference", reason)
    except DateError as error:
        detail = f" ({error.detail})" if error.detail else ""
        reason = f"date '{shown}' in column '{column}' is not a date Pantau can read{detail}"
        return _reject(plan, row, column, "bad_date", reason)


def _reference(plan: RecordPlan, cells: dict[str, str]) -> datetime | None:
    """When the export was made: the row's reference-time column, else the option."""
    column = plan.mapping.get("reference_time")
    raw = cells.get(column, "").strip() if column else ""
    if raw:
        try:
            return _parse_cached(raw, plan.tz, None, plan.dayfirst)[0]
        except DateError:
            pass  # an unreadable extracted_at only matters if a relative date needs it
    return plan.reference_time


@lru_cache(maxsize=4096)
def _parse_cached(
    value: str, tz: ZoneInfo, reference: datetime | None, dayfirst: bool
) -> tuple[datetime, bool]:
    """Exports repeat the same dates ("4 minggu yang lalu", one extracted_at) thousands of times."""
    return parse_datetime(value, tz=tz, reference=reference, dayfirst=dayfirst)


def _platform(plan: RecordPlan, column_value: str | None, url: str | None) -> str:
    """Forced option, else the row's platform column, else the url's site, else the header."""
    chosen = normalize_platform(plan.platform) or normalize_platform(column_value)
    if chosen:
        return chosen
    host = _host(url)
    if host:
        for domain, platform in _DOMAINS.items():
            if host == domain or host.endswith("." + domain):
                return platform
        if "title" in plan.mapping:
            return "news"
    return plan.header_platform or "unknown"


def _host(url: str | None) -> str | None:
    """``https://www.detik.com/x`` -> ``detik.com``; None when there is no host."""
    if not url:
        return None
    host = urlsplit(url if "://" in url else "//" + url).hostname or ""
    return host.removeprefix("www.") or None


def _kind(plan: RecordPlan, platform: str, parent: str | None) -> str:
    if parent:
        return "comment"
    if "title" in plan.mapping or platform == "news":
        return "article"
    return "post"


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


def parse_count(value: str | None) -> int | None:
    """``"1.234"`` / ``"1,234"`` -> 1234, ``"1,2 rb"`` -> 1200, ``"3K"`` -> 3000; else None.

    A count Pantau cannot read is left empty rather than rejecting the row: the text still counts.
    """
    text = (value or "").strip().lower().replace("\u00a0", " ")
    if not text:
        return None
    if _GROUPED.match(text):
        return int(re.sub(r"[.,]", "", text))
    match = _COUNT.match(text)
    if match is None:
        return None
    number = float(match.group(1).replace(",", "."))
    number *= _MULTIPLIERS.get(match.group(2) or "", 1)
    if match.group(2) is None and not number.is_integer():
        return None
    return round(number)


def _reject(plan: RecordPlan, row: RawRow, column: str | None, code: str, reason: str) -> Rejection:
    raw = {name: value[:RAW_LIMIT] for name, value in zip(plan.columns, row.values, strict=False)}
    for index in range(len(plan.columns), len(row.values)):
        raw[f"field_{index + 1}"] = row.values[index][:RAW_LIMIT]
    return Rejection(row=row.number, column=column, code=code, reason=reason, raw=raw)
