"""Read the dates found in Indonesian social-media and news exports, and return them in UTC.

Exports mix many styles: ISO 8601 from APIs, Twitter's ``Wed Jul 09 03:12:45 +0000 2025``,
epoch seconds or milliseconds, Indonesian news dates (``Selasa, 8 Juli 2025 10.00 WIB``) and
YouTube's and Facebook's relative times (``4 minggu yang lalu``, ``kemarin pukul 14.05``) and
Excel serial days (``45846.5``). One strict parser covers them all: a value is either read
completely or rejected with a message that names it, never half-guessed, so a wrong row lands in
the reject report instead of the wrong week of a trend chart. What one value cannot tell (is
``08/07/2025`` day or month first? is ``45846`` a date?) is decided per column, from the data,
in :mod:`analysis.ingest.date_columns`; this module reads a value the way it is told.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from analysis.ingest.zones import ZoneError, read_zone

MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3, "mrt": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip

_WEEKDAY = re.compile(
    r"^(?:senin|selasa|rabu|kamis|jum['’]?at|sabtu|minggu|ahad|"
    r"sen|sel|rab|kam|jum|sab|min|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?,?\s*"
)
_NUMERIC_DATE = re.compile(r"^(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})(?!\d)")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s./-]*([a-z]+)\.?[\s./,-]*(\d{4})(?!\d)")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SEPARATOR = re.compile(r"^\s*(?:,|t|pukul|pkl\.?|jam|at|-|\|)?\s*")
_TIME = re.compile(
    r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,6})\d*)?)?\s*"
    r"(?:(am|pm|a\.m\.|p\.m\.|pagi|siang|sore|petang|malam|dini hari)(?![a-z]))?"
)
_TWITTER = re.compile(
    r"^[a-z]{3} ([a-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$"
)
_EPOCH_SECONDS = re.compile(r"^\d{9,10}(?:\.\d+)?$")
_EPOCH_MILLIS = re.compile(r"^\d{12,13}$")
_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:[.,](\d+))?$")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EDITED = re.compile(r"\s*\((?:diedit|edited)\)\s*$")
_RELATIVE = re.compile(
    r"^(?:(\d+)\s*|(se)|(?:a|an|one)\s+)"
    r"(detik|dtk|menit|mnt|jam|hari|minggu|mgg|pekan|bulan|bln|tahun|thn|"
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
    r"\s+(?:yang\s+)?(?:lalu|ago)$"
)
_UNIT_SECONDS: dict[str, int] = {
    "detik": 1, "dtk": 1, "second": 1, "sec": 1,
    "menit": 60, "mnt": 60, "minute": 60, "min": 60,
    "jam": 3600, "hour": 3600, "hr": 3600,
    "hari": 86400, "day": 86400,
    "minggu": 604800, "mgg": 604800, "pekan": 604800, "week": 604800,
}  # fmt: skip
_UNIT_MONTHS: dict[str, int] = {
    "bulan": 1, "bln": 1, "month": 1, "tahun": 12, "thn": 12, "year": 12,
}  # fmt: skip
_FIXED_DAYS: dict[str, int] = {
    "kemarin": 1, "yesterday": 1, "hari ini": 0, "today": 0,
    "baru saja": 0, "just now": 0, "sekarang": 0, "now": 0,
}  # fmt: skip
_RELATIVE_ENDS = ("lalu", "ago", ")")
_RELATIVE_STARTS = tuple(_FIXED_DAYS)
_DAY_AT_TIME = re.compile(
    r"^(kemarin|yesterday|hari ini|today),?\s*(?:pukul|pkl\.?|jam|at)?\s*"
    r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$"
)


class DateError(ValueError):
    """A value that is not a date Pantau can read; ``value`` and ``detail`` say which and why."""

    def __init__(self, value: str, detail: str = "") -> None:
        self.value = value
        self.detail = detail
        suffix = f": {detail}" if detail else ""
        super().__init__(f"'{value}' is not a date Pantau can read{suffix}")


class RelativeDateError(DateError):
    """A relative time ("2 jam yang lalu") with no reference time to count back from."""

    def __init__(self, value: str) -> None:
        super().__init__(value, "it is relative and there is no reference time to count back from")


class DateOrderError(DateError):
    """A numeric date that reads only in the order its column does not use.

    ``25/07/2025`` in a column read month-first, or ``07/25/2025`` in one read day-first: the
    column's order was decided from its data (see :mod:`analysis.ingest.date_columns`), and a
    row that contradicts it is more likely a mistake than a reason to read the others otherwise.
    """

    def __init__(self, value: str, dayfirst: bool) -> None:
        self.dayfirst = dayfirst
        reads = "month-first (MM/DD)" if dayfirst else "day-first (DD/MM)"
        column = "day-first (DD/MM)" if dayfirst else "month-first (MM/DD)"
        super().__init__(value, f"it reads only {reads}, but its column is read {column}")


def parse_datetime(
    value: str,
    *,
    tz: ZoneInfo,
    reference: datetime | None = None,
    dayfirst: bool = True,
    strict_order: bool = False,
    excel_serial: bool = False,
) -> tuple[datetime, bool]:
    """Read one date value; return it as a UTC-aware datetime and whether it is approximate.

    Naive values are taken to be in ``tz``. Relative values ("4 minggu yang lalu", "kemarin",
    "2 hours ago") are counted back from ``reference`` and flagged approximate, because the
    export only kept their rounded age. ``dayfirst`` orders numeric dates like ``08/07/2025``;
    alone it is a preference (``25/07/2025`` still reads as 25 July), with ``strict_order`` a
    value that reads only the other way raises :class:`DateOrderError`. ``excel_serial`` reads
    5-digit numbers (``45846.5``) as Excel serial days, for columns known to hold them.
    Raises :class:`DateError` (a ``ValueError``) naming the value, or
    :class:`RelativeDateError` when a relative value has no ``reference``.
    """
    text = " ".join(str(value).split()).lower()
    if not text:
        raise DateError(str(value), "it is empty")
    relative = _parse_relative(text, value, reference, tz)
    if relative is not None:
        return relative, True
    if excel_serial and _EXCEL_SERIAL.match(text):
        parsed = _from_excel_serial(text)
    else:
        parsed = _parse_absolute(text, value, (dayfirst, strict_order))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(UTC), False


def numeric_order(value: str) -> str | None:
    """Which order a numeric date allows: ``"dayfirst"`` for ``25/07/2025``, ``"monthfirst"``
    for ``07/25/2025``, None when either order reads (``08/07/2025``) or it is no such date."""
    text = _WEEKDAY.sub("", " ".join(value.split()).lower(), count=1)
    match = _NUMERIC_DATE.match(text)
    if match is None or len(match.group(1)) > 2 or len(match.group(4)) == 3:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 and 1 <= second <= 12:
        return "dayfirst"
    if second > 12 and 1 <= first <= 12:
        return "monthfirst"
    return None


def is_excel_serial(value: str) -> bool:
    """Whether ``value`` has the shape of an Excel serial date (``45846``, ``45846.5``)."""
    return _EXCEL_SERIAL.match(value.strip()) is not None


def _from_excel_serial(text: str) -> datetime:
    """Excel's day count from 1899-12-30 (its 1900 leap-year bug included), naive local time,
    rounded to the millisecond so that ``.604166666664`` is 14:30:00 and not 14:29:59.999."""
    match = _EXCEL_SERIAL.match(text)
    assert match is not None
    fraction = float("0." + (match.group(2) or "0"))
    millis = round(fraction * 86_400_000)
    return _EXCEL_EPOCH + timedelta(days=int(match.group(1)), milliseconds=millis)


def _parse_relative(
    text: str, value: str, reference: datetime | None, tz: ZoneInfo
) -> datetime | None:
    """Resolve a relative time against ``reference``; None when ``text`` is not relative."""
    if not text.endswith(_RELATIVE_ENDS) and not text.startswith(_RELATIVE_STARTS):
        return None  # most values are absolute: skip the regexes below
    text = _EDITED.sub("", text)
    match = _RELATIVE.match(text)
    day_at = _DAY_AT_TIME.match(text) if match is None else None
    if match is None and day_at is None and text not in _FIXED_DAYS:
        return None
    if reference is None:
        raise RelativeDateError(value)
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=tz)
    reference = reference.astimezone(UTC)
    if day_at is not None:
        return _day_at_time(day_at, value, reference, tz)
    if match is None:
        return reference - timedelta(days=_FIXED_DAYS[text])
    count = int(match.group(1)) if match.group(1) else 1
    unit = match.group(3)
    unit = unit if unit in _UNIT_SECONDS or unit in _UNIT_MONTHS else unit.rstrip("s")
    if unit in _UNIT_MONTHS:
        return _months_before(reference, count * _UNIT_MONTHS[unit])
    return reference - timedelta(seconds=count * _UNIT_SECONDS[unit])


def _day_at_time(match: re.Match[str], value: str, reference: datetime, tz: ZoneInfo) -> datetime:
    """``kemarin pukul 14.05`` / ``hari ini 08:00``: that clock time on the reference's day
    (or the day before) in ``tz``."""
    day = reference.astimezone(tz).date() - timedelta(days=_FIXED_DAYS[match.group(1)])
    hour, minute, second = int(match.group(2)), int(match.group(3)), int(match.group(4) or 0)
    try:
        local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)
    except ValueError as error:
        raise DateError(value, str(error)) from None
    return local.astimezone(UTC)


def _months_before(moment: datetime, months: int) -> datetime:
    """``moment`` moved back by whole calendar months, the day clamped to the month's length."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _parse_absolute(text: str, value: str, order: tuple[bool, bool]) -> datetime:
    """Read a non-relative date; the result is naive when the value names no zone."""
    if _EPOCH_SECONDS.match(text):
        return datetime.fromtimestamp(float(text), tz=UTC)
    if _EPOCH_MILLIS.match(text):
        return datetime.fromtimestamp(int(text) / 1000, tz=UTC)
    if _ISO_DATE.match(text):
        try:
            return datetime.fromisoformat(text.upper())
        except ValueError:
            pass  # e.g. "2025-07-08 10.00 WIB": the general reader below takes it
    twitter = _TWITTER.match(text)
    if twitter:
        return _from_twitter(twitter, value)
    return _parse_general(text, value, order)


def _from_twitter(match: re.Match[str], value: str) -> datetime:
    """Build the datetime of Twitter's ``created_at`` style (``Wed Jul 09 03:12:45 +0000 2025``)."""
    month = _month(match.group(1), value)
    sign = -1 if match.group(6) == "-" else 1
    offset = timedelta(hours=int(match.group(7)), minutes=int(match.group(8))) * sign
    return _build(
        value,
        (int(match.group(9)), month, int(match.group(2))),
        (int(match.group(3)), int(match.group(4)), int(match.group(5)), 0),
        timezone(offset),
    )


def _parse_general(text: str, value: str, order: tuple[bool, bool]) -> datetime:
    """Read ``[weekday,] date [sep] [time] [zone]`` left to right; leftovers are an error."""
    rest = text if text[:1].isdigit() else _WEEKDAY.sub("", text, count=1)
    ymd, rest = _read_date(rest, value, order)
    clock = (0, 0, 0, 0)
    if rest.strip():
        after_sep = _SEPARATOR.sub("", rest, count=1)
        time_match = _TIME.match(after_sep)
        if time_match:
            clock = _clock(time_match, value)
            rest = after_sep[time_match.end() :]
    zone = _read_zone(rest, value)
    return _build(value, ymd, clock, zone)


def _read_date(text: str, value: str, order: tuple[bool, bool]) -> tuple[tuple[int, int, int], str]:
    """The (year, month, day) at the start of ``text`` and what follows it; ``order`` is
    (dayfirst, strict) for numeric dates."""
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        first, _, second, third = numeric.groups()
        if len(first) == 4:
            return (int(first), int(second), int(third)), text[numeric.end() :]
        if len(first) > 2 or len(third) == 3:
            raise DateError(value)
        day, month = _order_day_month(int(first), int(second), order, value)
        return (_full_year(third), month, day), text[numeric.end() :]
    dmy = _DAY_MONTH_YEAR.match(text)
    if dmy:
        ymd = (int(dmy.group(3)), _month(dmy.group(2), value), int(dmy.group(1)))
        return ymd, text[dmy.end() :]
    mdy = _MONTH_DAY_YEAR.match(text)
    if mdy:
        ymd = (int(mdy.group(3)), _month(mdy.group(1), value), int(mdy.group(2)))
        return ymd, text[mdy.end() :]
    compact = _COMPACT_DATE.match(text)
    if compact:
        return (int(compact.group(1)), int(compact.group(2)), int(compact.group(3))), ""
    raise DateError(value)


def _order_day_month(
    first: int, second: int, order: tuple[bool, bool], value: str
) -> tuple[int, int]:
    """(day, month) from two numbers in the preferred order; when that gives a month above 12
    the other order is taken, unless the order is strict (then :class:`DateOrderError`)."""
    dayfirst, strict = order
    day, month = (first, second) if dayfirst else (second, first)
    if month > 12 and 1 <= day <= 12:
        if strict:
            raise DateOrderError(value, dayfirst)
        day, month = month, day
    return day, month


def _full_year(text: str) -> int:
    """A four-digit year; two digits mean 19xx from 70 up, else 20xx."""
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 70 else 2000
    return year


def _month(name: str, value: str) -> int:
    month = MONTHS.get(name.rstrip("."))
    if month is None:
        raise DateError(value, f"'{name}' is not a month name")
    return month


def _clock(match: re.Match[str], value: str) -> tuple[int, int, int, int]:
    """(hour, minute, second, microsecond) from a time match, honouring am/pm and the
    Indonesian parts of the day (``08.30 malam`` is 20:30, ``1.15 siang`` 13:15)."""
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    micro = int((match.group(4) or "0").ljust(6, "0"))
    meridiem = (match.group(5) or "").replace(".", "")
    if meridiem and not 1 <= hour <= 12:
        raise DateError(value, f"hour {hour} does not go with {meridiem}")
    return _day_part(hour, meridiem), minute, second, micro


def _day_part(hour: int, part: str) -> int:
    """The 24-hour hour of a 12-hour ``hour`` said with ``part`` (am, pm, pagi, siang ...)."""
    if part in ("am", "pagi", "dini hari"):
        return 0 if hour == 12 else hour
    if part == "siang":
        return hour if hour >= 11 else hour + 12
    if part == "malam":
        return 0 if hour == 12 else hour + 12 if hour >= 6 else hour
    if part in ("pm", "sore", "petang"):
        return hour if hour == 12 else hour + 12
    return hour


def _read_zone(text: str, value: str) -> tzinfo | None:
    """The zone named by what is left after the time (:func:`analysis.ingest.zones.read_zone`)."""
    try:
        return read_zone(text)
    except ZoneError as error:
        raise DateError(value, str(error)) from None


def _build(
    value: str,
    ymd: tuple[int, int, int],
    clock: tuple[int, int, int, int],
    zone: tzinfo | None,
) -> datetime:
    """The datetime, or a :class:`DateError` that says which part is out of range."""
    year, month, day = ymd
    if not 1 <= month <= 12:
        raise DateError(value, f"there is no month {month}")
    try:
        return datetime(year, month, day, *clock, tzinfo=zone)
    except ValueError as error:
        raise DateError(value, str(error)) from None
