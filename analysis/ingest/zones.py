"""The time zone written after a date, in any of the spellings exports use.

``WIB`` / ``WITA`` / ``WIT`` (Indonesia's three zones), ``UTC`` / ``GMT`` / ``Z``, offsets
(``+07:00``, ``+0700``, ``+07``, ``GMT+7``, ``UTC+07:00``, ``(GMT+07:00)``), IANA names
(``Asia/Jakarta``, any case), Windows names (``SE Asia Standard Time``, see
:mod:`analysis.ingest.zone_names`) and the common unambiguous abbreviations (``SGT``, ``JST``,
``CET``, ``EST`` ...). Abbreviations that mean two zones (``CST``, ``IST``) are not guessed: such
a value is rejected with its reason rather than put in the wrong hours.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from analysis.ingest.zone_names import WINDOWS_ZONES

ABBREVIATIONS: dict[str, float] = {
    "wib": 7, "wita": 8, "wit": 9, "utc": 0, "gmt": 0, "z": 0, "ut": 0,
    "ict": 7, "sgt": 8, "myt": 8, "pht": 8, "hkt": 8, "awst": 8, "jst": 9, "kst": 9,
    "acst": 9.5, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
    "wet": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3,
    "est": -5, "edt": -4, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
}  # fmt: skip
"""Abbreviation -> hours east of UTC; only those that name one offset."""
_OFFSET = re.compile(r"^([+-])(\d{1,2})(?::?(\d{2}))?$")
_NAMED_OFFSET = re.compile(r"^([a-z]+)\s*([+-].*)$")
_LARGEST = timedelta(hours=14)


class ZoneError(ValueError):
    """What follows a date's time is not a zone; the message says what was found."""


def read_zone(text: str) -> tzinfo | None:
    """The zone ``text`` (lower case, what is left after a date's time) names; None when blank.

    Raises :class:`ZoneError` when it names none, or an offset no zone has.
    """
    spelled = " ".join(text.split()).strip(" ,")
    if spelled in WINDOWS_ZONES:  # "pacific standard time (mexico)" keeps its brackets
        return ZoneInfo(WINDOWS_ZONES[spelled])
    words = " ".join(text.replace("(", " ").replace(")", " ").split()).strip(" ,")
    if not words:
        return None
    if words in ABBREVIATIONS:
        return _fixed(timedelta(hours=ABBREVIATIONS[words]))
    named = _NAMED_OFFSET.match(words)
    if named and named.group(1) in ("utc", "gmt", "ut"):
        return _offset(named.group(2).replace(" ", ""), words)
    if named and named.group(1) in ABBREVIATIONS:  # "wib +0700": the offset says the same
        return _offset(named.group(2).replace(" ", ""), words)
    if words[0] in "+-":
        return _offset(words.replace(" ", ""), words)
    zone = WINDOWS_ZONES.get(words) or _iana().get(words)
    if zone is not None:
        return ZoneInfo(zone)
    raise ZoneError(f"'{words}' is not a time zone Pantau knows")


def _offset(text: str, words: str) -> tzinfo:
    match = _OFFSET.match(text)
    if match is None:
        raise ZoneError(f"'{words}' is not a time zone Pantau knows")
    sign, hours, minutes = match.groups()
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset > _LARGEST or int(minutes or 0) >= 60:
        raise ZoneError(f"offset {sign}{hours}:{minutes or '00'} is not a time zone")
    return _fixed(-offset if sign == "-" else offset)


def _fixed(offset: timedelta) -> tzinfo:
    return timezone(offset)


@cache
def _iana() -> dict[str, str]:
    """Lower-case IANA name -> its proper spelling (``asia/jakarta`` -> ``Asia/Jakarta``)."""
    return {name.lower(): name for name in available_timezones()}
