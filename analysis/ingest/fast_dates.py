"""Read a whole column of dates at once, for the shapes most exports write.

A vectorised front for :func:`analysis.ingest.dates.parse_datetime`: each shape below is matched
exactly (ASCII digits, fixed separators) by Arrow, then built with pandas or numpy. A value that
matches no shape, or that cannot be built (a day 31 in June, an hour 24, a local time that a clock
change skips or repeats), is left as NaT for the caller to hand to the Python parser, which then
gives its own answer or its own rejection. So the fast shapes only ever take values the parser
reads the same way, and everything else (Indonesian relative times, weekday forms, Excel serials,
the strict day/month order) stays the parser's.

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
import pyarrow.compute as pc

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
_CLOCK = rf"(?P<hour>{_D}{{1,2}})[.:](?P<minute>{_D}{{2}})(?:[.:](?P<second>{_D}{{2}}))?"
_NUMERIC = rf"(?P<first>{_D}{{1,2}})/(?P<second_part>{_D}{{1,2}})/(?P<year>{_D}{{4}})(?: {_CLOCK})?"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WORDY = (
    r"(?i)(?:(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu), )?"
    rf"(?P<day>{_D}{{1,2}}) (?P<month>{_MONTH_NAMES}) (?P<year>{_D}{{4}})(?: {_CLOCK})?"
    r"(?: (?P<zone>wib|wita|wit))?"
)
_MONTH_KEYS = pa.array(list(MONTHS), pa.string())
_MONTH_NUMBERS = np.array(list(MONTHS.values()), dtype=np.int64)
_ZONE_KEYS = pa.array(["wib", "wita", "wit"], pa.string())
_ZONE_HOURS = np.array([7, 8, 9], dtype=np.int64)
_NAT = np.datetime64("NaT", "us")
_CLOCK_PARTS = [(23, 3_600_000_000), (59, 60_000_000), (59, 1_000_000)]
"""Hours, minutes, seconds: the highest value each may take, and its length in microseconds."""
Reader = Callable[[pa.Array, ZoneInfo, bool], np.ndarray]


def fast_dates(values: pd.Series | pa.Array, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    """UTC instants (``datetime64[us]``, naive) for ``values`` (stripped, non-empty strings);
    NaT where no fast shape reads the value.

    Each shape's pattern runs only on the values that can hold it by their length and a few
    characters (:func:`_could_be`), so most values meet one pattern instead of half a dozen.
    """
    strings = values if isinstance(values, pa.Array) else pa.array(values.tolist(), pa.string())
    out = np.full(len(strings), _NAT, dtype="datetime64[us]")
    todo = np.ones(len(strings), dtype=bool)
    shapes = _could_be(strings)
    for (shape, reader), possible in zip(_READERS, shapes, strict=True):
        index = np.flatnonzero(todo & possible)
        if not len(index):
            continue
        subset = strings if len(index) == len(strings) else strings.take(pa.array(index))
        matched = _flags(pc.match_substring_regex(subset, f"^(?:{shape})$"))
        if not matched.any():
            continue
        picked = index[matched]
        parsed = reader(subset.filter(pa.array(matched)), tz, dayfirst)
        good = ~np.isnat(parsed)
        out[picked[good]] = parsed[good]
        todo[picked] = False
    return out


def _could_be(strings: pa.Array) -> list[np.ndarray]:
    """For each shape of :data:`_READERS`, the values its pattern could match, judged from their
    byte length and the bytes at a few positions."""
    values = _Bytes(strings)
    first, second, third, fifth = (values.at(position) for position in (0, 1, 2, 4))
    digit_first = (first >= ord("0")) & (first <= ord("9"))
    iso = (fifth == ord("-")) & (values.length >= 10)
    epoch = digit_first & (values.length >= 9) & (values.length <= 13)
    numeric = (second == ord("/")) | (third == ord("/"))
    return [iso, iso, epoch, epoch, values.length == 30, numeric, ~(iso | numeric)]


class _Bytes:
    """The UTF-8 bytes of a string array, read straight from its Arrow buffers."""

    def __init__(self, strings: pa.Array) -> None:
        offsets = np.frombuffer(strings.buffers()[1], dtype=np.int32)
        offsets = offsets[strings.offset : strings.offset + len(strings) + 1]
        data = strings.buffers()[2]
        self.text = np.frombuffer(data, dtype=np.uint8) if data else np.zeros(1, np.uint8)
        self.start = offsets[:-1]
        self.length = np.diff(offsets)

    def at(self, position: int | np.ndarray) -> np.ndarray:
        """The byte at ``position`` of each string (0 past its end)."""
        inside = self.length > position
        index = np.minimum(self.start + np.where(inside, position, 0), len(self.text) - 1)
        return np.where(inside, self.text[index], 0)

    def number(self, position: int | np.ndarray, width: int | np.ndarray) -> np.ndarray:
        """The ``width`` ASCII digits from ``position`` as an integer, for each string."""
        widths = np.broadcast_to(width, self.length.shape)
        value = np.zeros(len(self.length), dtype=np.int64)
        for offset in range(int(widths.max(initial=0))):
            digit = self.at(position + offset).astype(np.int64) - ord("0")
            value = np.where(offset < widths, value * 10 + digit, value)
        return value


def _flags(mask: pa.Array) -> np.ndarray:
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


def _utc(series: pd.Series) -> np.ndarray:
    """A tz-aware or UTC series as naive UTC microseconds."""
    return np.array(series.dt.tz_convert("UTC").dt.tz_localize(None), dtype="datetime64[us]")


def _local(naive: np.ndarray, tz: ZoneInfo) -> np.ndarray:
    """Naive local times in ``tz`` as UTC; NaT for times a clock change skips or repeats."""
    aware = pd.Series(naive).dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
    return _utc(aware)


def _objects(values: pa.Array) -> pd.Series:
    return pd.Series(values.to_numpy(zero_copy_only=False), dtype=object)


def _zoned_iso(values: pa.Array, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    return _utc(pd.to_datetime(_objects(values), format="ISO8601", utc=True, errors="coerce"))


def _naive_iso(values: pa.Array, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    parsed = pd.to_datetime(_objects(values), format="ISO8601", errors="coerce")
    return _local(np.asarray(parsed, dtype="datetime64[us]"), tz)


def _twitter(values: pa.Array, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    parsed = pd.to_datetime(
        _objects(values), format="%a %b %d %H:%M:%S %z %Y", utc=True, errors="coerce"
    )
    return _utc(parsed)


def _epoch(unit: str) -> Reader:
    def read(values: pa.Array, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
        numbers = _integers(values)
        return np.asarray(numbers, dtype=f"datetime64[{unit}]").astype("datetime64[us]")

    return read


def _integers(values: pa.Array) -> np.ndarray:
    """Digit strings as int64; an empty string (an optional part left out) as 0."""
    filled = pc.if_else(pc.equal(values, ""), "0", values)
    return np.asarray(pc.cast(filled, pa.int64()).to_numpy(zero_copy_only=False))


def _numeric(values: pa.Array, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    """Every value matched :data:`_NUMERIC`, so its separators say where each part is: the
    parts are read byte by byte instead of through the pattern's groups."""
    text = _Bytes(values)
    first_width = np.where(text.at(1) == ord("/"), 1, 2)
    second_width = np.where(text.at(first_width + 2) == ord("/"), 1, 2)
    year_at = first_width + second_width + 2
    first, second = text.number(0, first_width), text.number(first_width + 1, second_width)
    hour_at = year_at + 5
    hour_width = np.where(np.isin(text.at(hour_at + 1), (ord("."), ord(":"))), 1, 2)
    minute_at = hour_at + hour_width + 1
    clock = text.length > year_at + 4
    seconds = clock & (text.length > minute_at + 2)
    hms = (np.where(clock, text.number(hour_at, hour_width), 0),
           np.where(clock, text.number(minute_at, 2), 0),
           np.where(seconds, text.number(minute_at + 3, 2), 0))  # fmt: skip
    day, month = (first, second) if dayfirst else (second, first)
    return _local(_build(text.number(year_at, 4), month, day, hms), tz)


def _wordy(values: pa.Array, tz: ZoneInfo, dayfirst: bool) -> np.ndarray:
    parts = pc.extract_regex(values, _WORDY)
    found = pc.index_in(pc.utf8_lower(parts.field("month")), value_set=_MONTH_KEYS)
    known = _flags(pc.is_valid(found))
    months = np.where(known, _MONTH_NUMBERS[_filled(found)], 0)
    hms = tuple(_integers(parts.field(name)) for name in ("hour", "minute", "second"))
    naive = _build(_integers(parts.field("year")), months, _integers(parts.field("day")), hms)
    local = _local(naive, tz)
    zone = pc.index_in(pc.utf8_lower(parts.field("zone")), value_set=_ZONE_KEYS)
    zoned = _flags(pc.is_valid(zone))
    if zoned.any():
        shift = (_ZONE_HOURS[_filled(zone)][zoned] * 3600).astype("timedelta64[s]")
        local[zoned] = naive[zoned] - shift
    return local


def _filled(indices: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(indices, 0).to_numpy(zero_copy_only=False), dtype=np.int64)


def _build(year: np.ndarray, month: np.ndarray, day: np.ndarray,
           hms: tuple[np.ndarray, ...]) -> np.ndarray:
    """Naive datetimes from integer parts; NaT for any part out of range (a day 31 in June,
    month 13, hour 24, year 0)."""
    valid = (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    months = np.where(valid, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    dates = months.astype("datetime64[D]") + np.where(valid, day - 1, 0).astype("timedelta64[D]")
    valid &= dates.astype("datetime64[M]") == months
    naive = dates.astype("datetime64[us]")
    for amount, (top, micros) in zip(hms, _CLOCK_PARTS, strict=True):
        valid &= amount <= top
        naive = naive + (amount * micros).astype("timedelta64[us]")
    return np.where(valid, naive, _NAT)


_READERS: list[tuple[str, Reader]] = [
    (_ZONED_ISO, _zoned_iso),
    (_NAIVE_ISO, _naive_iso),
    (_EPOCH_SECONDS, _epoch("s")),
    (_EPOCH_MILLIS, _epoch("ms")),
    (_TWITTER, _twitter),
    (_NUMERIC, _numeric),
    (_WORDY, _wordy),
]
