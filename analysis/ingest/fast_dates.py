"""Read a whole column of dates at once, for the shapes most exports write.

A vectorised front for :func:`analysis.ingest.dates.parse_datetime`: each shape below is matched
exactly (ASCII digits, fixed separators), then built with pandas. A value that matches no shape,
or that pandas cannot build (a day 31 in June, an hour 24, a local time that a clock change skips
or repeats), is left as NaT for the caller to hand to the Python parser, which then gives its own
answer or its own rejection. So the fast shapes only ever take values the parser reads the same
way, and everything else (Indonesian relative times, weekday forms, Excel serials, the strict
day/month order) stays the parser's.

Shapes: ISO 8601 with or without a zone (``2025-07-08T10:00:00+07:00``, ``2025-07-08``),
Twitter's ``Wed Jul 09 03:12:45 +0000 2025``, epoch seconds and milliseconds (whole numbers),
numeric ``08/07/2025 14:30`` in the column's decided order, and ``Selasa, 8 Juli 2025 10.00 WIB``.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.ingest.dates import MONTHS

_D = "[0-9]"
_ZONED_ISO = (
    rf"{_D}{{4}}-{_D}{{2}}-{_D}{{2}}[Tt ]{_D}{{2}}:{_D}{{2}}(?::{_D}{{2}}(?:\.{_D}{{1,6}})?)?"
    rf"(?:[Zz]|[+-](?:[01]{_D}|2[0-3]):{_D}{{2}})"
)
_NAIVE_ISO = (
    rf"{_D}{{4}}-{_D}{{2}}-{_D}{{2}}(?:[Tt ]{_D}{{2}}:{_D}{{2}}(?::{_D}{{2}}(?:\.{_D}{{1,6}})?)?)?"
)
_TWITTER = (
    rf"[A-Za-z]{{3}} [A-Za-z]{{3}} {_D}{{2}} {_D}{{2}}:{_D}{{2}}:{_D}{{2}} "
    rf"[+-](?:0{_D}|1[0-4]){_D}{{2}} {_D}{{4}}"
)
_EPOCH_SECONDS = rf"[1-9]{_D}{{8,9}}"
_EPOCH_MILLIS = rf"[1-9]{_D}{{11}}|[1-3]{_D}{{12}}"
"""Up to year 2096: beyond it ``fromtimestamp(ms / 1000)`` can round a microsecond off."""
_CLOCK = rf"({_D}{{1,2}})[.:]({_D}{{2}})(?:[.:]({_D}{{2}}))?"
_NUMERIC = rf"({_D}{{1,2}})/({_D}{{1,2}})/({_D}{{4}})(?: {_CLOCK})?"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WORDY = (
    r"(?i)(?:(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu), )?"
    rf"({_D}{{1,2}}) ({_MONTH_NAMES}) ({_D}{{4}})(?: {_CLOCK})?(?: (wib|wita|wit))?"
)
_ZONE_HOURS = {"wib": 7, "wita": 8, "wit": 9}
_NAT = np.datetime64("NaT", "us")
_ARROW_STR = pd.ArrowDtype(pa.string())
Reader = Callable[[pd.Series, ZoneInfo, bool], np.ndarray]


def fast_dates(values: pd.Series, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    """UTC instants (``datetime64[us]``, naive) for ``values`` (stripped, non-empty strings);
    NaT where no fast shape reads the value."""
    out = np.full(len(values), _NAT, dtype="datetime64[us]")
    strings = pd.Series(values.to_numpy(dtype=object), dtype=_ARROW_STR).reset_index(drop=True)
    todo = np.ones(len(strings), dtype=bool)
    for shape, reader in _READERS:
        if not todo.any():
            break
        index = np.flatnonzero(todo)
        subset = strings.iloc[index]
        matched = subset.str.fullmatch(shape).fillna(False).to_numpy(dtype=bool)
        if not matched.any():
            continue
        picked = index[matched]
        parsed = reader(strings.iloc[picked], tz, dayfirst)
        good = ~np.isnat(parsed)
        out[picked[good]] = parsed[good]
        todo[picked] = False
    return out


def _utc(series: pd.Series) -> np.ndarray:
    """A tz-aware or UTC series as naive UTC microseconds."""
    return np.array(series.dt.tz_convert("UTC").dt.tz_localize(None), dtype="datetime64[us]")


def _local(naive: pd.Series, tz: ZoneInfo) -> np.ndarray:
    """Naive local times in ``tz`` as UTC; NaT for times a clock change skips or repeats."""
    aware = naive.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
    return _utc(aware)


def _zoned_iso(values: pd.Series, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    return _utc(pd.to_datetime(values, format="ISO8601", utc=True, errors="coerce"))


def _naive_iso(values: pd.Series, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    return _local(pd.to_datetime(values, format="ISO8601", errors="coerce"), tz)


def _twitter(values: pd.Series, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    parsed = pd.to_datetime(values, format="%a %b %d %H:%M:%S %z %Y", utc=True, errors="coerce")
    return _utc(parsed)


def _epoch(unit: str) -> Reader:
    def read(values: pd.Series, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
        numbers = values.astype("int64").to_numpy()
        return np.asarray(numbers, dtype=f"datetime64[{unit}]").astype("datetime64[us]")

    return read


def _numeric(values: pd.Series, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    parts = values.str.extract(_NUMERIC)
    day, month = (parts[0], parts[1]) if dayfirst else (parts[1], parts[0])
    return _local(_build(parts[2], month, day, parts.iloc[:, 3:6]), tz)


def _wordy(values: pd.Series, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    parts = values.str.extract(_WORDY)
    months = parts[1].str.lower().map(lambda name: str(MONTHS[name]), na_action="ignore")
    naive = _build(parts[2], months, parts[0], parts.iloc[:, 3:6])
    zones = parts[6].str.lower().map(_ZONE_HOURS).to_numpy(dtype="float64", na_value=np.nan)
    local = _local(naive, tz)
    zoned = ~np.isnan(zones)
    if zoned.any():
        shift = (zones[zoned] * 3600).astype("int64").astype("timedelta64[s]")
        local[zoned] = np.asarray(naive.to_numpy()[zoned], dtype="datetime64[us]") - shift
    return local


def _build(year: pd.Series, month: pd.Series, day: pd.Series, clock: pd.DataFrame) -> pd.Series:
    """Naive datetimes from string parts; NaT for any part out of range (pandas checks dates,
    the clock's ranges are checked here)."""
    hour, minute, second = (clock.iloc[:, n].fillna("0").astype("int64") for n in range(3))
    valid = (hour <= 23) & (minute <= 59) & (second <= 59)
    text = (
        year + "-" + month.str.zfill(2) + "-" + day.str.zfill(2) + " "
        + hour.astype("str").str.zfill(2) + ":" + minute.astype("str").str.zfill(2) + ":"
        + second.astype("str").str.zfill(2)
    )  # fmt: skip
    built = pd.to_datetime(text, format="%Y-%m-%d %H:%M:%S", errors="coerce")
    return built.where(valid.to_numpy())


_READERS: list[tuple[str, Reader]] = [
    (_ZONED_ISO, _zoned_iso),
    (_NAIVE_ISO, _naive_iso),
    (_EPOCH_SECONDS, _epoch("s")),
    (_EPOCH_MILLIS, _epoch("ms")),
    (_TWITTER, _twitter),
    (_NUMERIC, _numeric),
    (_WORDY, _wordy),
]
