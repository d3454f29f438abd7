"""Recognise columns by what they hold when their names say nothing Pantau knows.

An export Pantau has never seen names its columns its own way (``tanggal_publikasi``,
``isi_berita``, ``created``). The header guess (:mod:`analysis.ingest.columns`) leaves such
fields unmapped; this module looks at the first :data:`SAMPLE` values of each column still free:

* the **date** is a column whose values mostly read as dates (any shape
  :func:`analysis.ingest.dates.parse_datetime` reads), one named like a date in any language
  first (``tanggal``, ``tgl``, ``waktu``, ``date``, ``time``, ``publish…``, ``created…``), then
  one whose values are not bare numbers, then the one with the most dates;
* the **text** is the free-text column (mostly several words) with the longest values;
* the **title** is a shorter free-text column, distinct on almost every row, beside a text at
  least twice as long (an article's headline, not a user's bio or a place);
* the **url** is a column of web addresses, a link-named one first, then the most distinct;
* the **author** is a column of handles (``@name``, ``user_01``) or a name-like column named
  like a person (``penulis``, ``reporter``, ``creator`` ...).

Each choice is a :class:`Note` that says which column and why, and the analyst's mapping
(``--map``, the page's selectors; ``""`` = none) always wins: a field it names is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from itertools import islice
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from analysis.ingest.columns import FIELDS
from analysis.ingest.dates import DateError, is_excel_serial, parse_datetime
from analysis.ingest.options import Note

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from analysis.ingest.options import FileInfo, IngestOptions
    from analysis.ingest.reader import RawRow

SAMPLE = 500
"""Values looked at per column: enough to judge, little enough to read before the preview."""
MOSTLY = 0.5
"""A column is a date (url, free-text) column when more than this share of its values are."""
GUESSED = ("published_at", "text", "title", "url", "author")
_DATE_WORDS = ("tanggal", "tgl", "waktu", "date", "time", "publi", "creat", "posted",
               "terbit", "dibuat", "diunggah", "upload", "jam", "hari", "pukul")  # fmt: skip
_LATER_WORDS = ("scrap", "crawl", "fetch", "extract", "retriev", "download", "update", "edit",
                "modif", "diambil", "birth", "lahir", "joined", "bergabung")  # fmt: skip
_URL_WORDS = ("url", "link", "tautan", "permalink", "href", "alamat")
_AUTHOR_WORDS = ("author", "penulis", "user", "akun", "pengguna", "nama", "name", "handle",
                 "reporter", "wartawan", "creator", "owner", "profil", "profile", "by", "oleh",
                 "editor", "pewarta")  # fmt: skip
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_HANDLE = re.compile(r"^@?[\w.]{2,40}$")
_PERSON = re.compile(r"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,4}$")
_SITE = re.compile(r"^(?:https?://)?([^/:?#\s]+)", re.IGNORECASE)
_SOCIAL_SITES = ("twitter.com", "x.com", "facebook.com", "fb.com", "instagram.com",
                 "tiktok.com", "youtube.com", "youtu.be", "threads.net")  # fmt: skip
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_WORD = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"^[\d.,:+-]+$")
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")
_EPOCH = re.compile(r"^\d{9,13}(?:\.\d+)?$")


@dataclass(frozen=True)
class Profile:
    """What a column's first values look like."""

    column: str
    values: list[str]
    dates: int = 0
    numeric: int = 0
    urls: int = 0
    wordy: int = 0
    handles: int = 0
    people: int = 0
    at_signs: int = 0
    timed: int = 0
    serials: int = 0
    days: frozenset[date] = frozenset()
    distinct: int = 0
    mean_length: float = 0.0

    def share(self, count: int) -> float:
        return count / len(self.values) if self.values else 0.0


def recognise_by_content(info: FileInfo, options: IngestOptions,
                         open_rows: Callable[[], AbstractContextManager[Iterable[RawRow]]],
                         ) -> FileInfo:
    """``info`` with each of :data:`GUESSED` that neither the header nor the analyst mapped
    chosen from the first rows' values when one column fits, and a note saying why; and a date
    column the header named replaced when it lacks the time another date column has."""
    missing = [name for name in GUESSED if name not in info.mapping and name not in options.mapping]
    recheck = info.preset is None and "published_at" not in options.mapping and (
        info.mapping.get("published_at") in info.columns)
    free = [column for column in info.columns if column not in info.mapping.values()]
    if not (missing or recheck) or not free or len(info.columns) < 2:
        return info  # one column cannot hold a text and its date: read with the wrong delimiter?
    with open_rows() as rows:
        sample = [row for row in islice(rows, SAMPLE) if row.error is None]
    tz = ZoneInfo(options.timezone)
    profiles: dict[str, Profile] = {}

    def look(columns: Iterable[str]) -> list[Profile]:
        for column in columns:
            if column not in profiles:
                profiles[column] = profile(column, _values(info.columns, column, sample), tz)
        return [profiles[column] for column in columns]

    mapping, notes = dict(info.mapping), list(info.notes)
    if recheck:
        [current] = look([mapping["published_at"]])
        doubtful = current.share(current.timed) <= MOSTLY or 4 * current.distinct <= len(sample)
        choice = better_date(current, look(free)) if doubtful else None  # else: no work
        if choice is not None:
            mapping["published_at"] = choice[0].column
            notes.append(choice[1])
    if missing:
        look([*free, *(info.mapping[n] for n in ("text", "url")
                       if info.mapping.get(n) in info.columns)])
    for name in missing:
        open_columns = [p for column, p in profiles.items()
                        if column not in mapping.values() and p.values]  # fmt: skip
        choice = _CHOOSERS[name](open_columns, mapping, profiles)
        if choice is not None:
            mapping[name] = choice[0].column
            notes.append(choice[1])
    if mapping == info.mapping:
        return info
    ordered = {name: mapping[name] for name in FIELDS if name in mapping}
    return replace(info, mapping=ordered, notes=tuple(notes))


def _values(columns: list[str], column: str, sample: list[RawRow]) -> list[str]:
    index = columns.index(column)
    return [value for row in sample
            if index < len(row.values) and (value := row.values[index].strip())]  # fmt: skip


def profile(column: str, values: list[str], tz: ZoneInfo) -> Profile:
    """Count what ``values`` (non-empty, stripped) look like."""
    now = datetime.now(UTC)
    counts = dict.fromkeys(("dates", "numeric", "urls", "wordy", "handles", "people",
                            "at_signs", "timed", "serials"), 0)  # fmt: skip
    days: set[date] = set()
    for value in values:
        day = _day(value, tz, now)
        dated = day is not None
        if day is not None:
            days.add(day)
        counts["dates"] += dated
        counts["timed"] += dated and bool(_CLOCK.search(value) or _EPOCH.match(value))
        counts["serials"] += is_excel_serial(value)
        counts["numeric"] += bool(_NUMBER.match(value))
        counts["urls"] += bool(_URL.match(value))
        counts["wordy"] += len(value.split()) >= 3 and not _URL.match(value)
        counts["handles"] += bool(_HANDLE.match(value)) and not _NUMBER.match(value)
        counts["people"] += bool(_PERSON.match(value)) and len(value) <= 60
        counts["at_signs"] += value.startswith("@")
    mean = sum(map(len, values)) / len(values) if values else 0.0
    return Profile(column, values, distinct=len(set(values)), mean_length=mean,
                   days=frozenset(days), **counts)


def _day(value: str, tz: ZoneInfo, now: datetime) -> date | None:
    """The local day ``value`` reads as, or None when it is no date."""
    if len(value) > 80 or is_excel_serial(value):
        return None
    try:
        return parse_datetime(value, tz=tz, reference=now)[0].astimezone(tz).date()
    except DateError:
        return None


def _named(column: str, words: Iterable[str]) -> bool:
    """Whether a word of the column's name (``post_created``, ``createTime``, ``Tanggal
    Publikasi``) starts or ends with one of ``words``: ``sentiment_analysis_at`` has no
    ``time`` in it, ``nickname`` has a ``name``."""
    tokens = _WORD.split(_CAMEL.sub(r"\1 \2", column).lower())
    return any(token.startswith(word) or token.endswith(word)
               for token in tokens if token for word in words)  # fmt: skip


Choice = tuple[Profile, Note]
Chooser = Callable[[list[Profile], dict[str, str], dict[str, Profile]], Choice | None]


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def choose_date(profiles: list[Profile], mapping: dict[str, str],
                everything: dict[str, Profile]) -> Choice | None:
    """The date column: mostly dates; date-named, then not bare numbers, then most dates."""
    found = [p for p in profiles if p.share(_dates(p)) > MOSTLY]
    if not found:
        return None
    best = max(found, key=_date_rank)
    share, count = _percent(best.share(_dates(best))), len(best.values)
    text = (f"'{best.column}': {share} of the first {count} values are dates, so it is the date "
            "column (choose another with --map published_at=COLUMN)")
    return best, Note(text, "content_published_at", column=best.column, share=share, count=count)


def _dates(profile: Profile) -> int:
    """Values that read as dates; Excel serial numbers count in a column named like a date."""
    serials = profile.serials if _named(profile.column, _DATE_WORDS) else 0
    return profile.dates + serials


def _date_rank(p: Profile) -> tuple[bool, bool, bool, float, float, int]:
    """Named like a publication date, not like another time (scraped, edited, born), not bare
    numbers, most dates, most with a time of day, most distinct."""
    later = _named(p.column, _LATER_WORDS)
    return (_named(p.column, _DATE_WORDS) and not later, not later,
            p.share(p.numeric) <= MOSTLY, p.share(_dates(p)), p.share(p.timed), p.distinct)


def better_date(current: Profile, profiles: list[Profile]) -> Choice | None:
    """A column to use instead of the date column the header named: when that one holds dates
    without a time of day (twint's ``date`` beside its ``created_at``), a date-named column with
    the same days and their times; when it holds one moment for many rows (Phantombuster's
    ``timestamp``: when the export was made), a date-named column with distinct dates."""
    if current.share(current.dates) <= MOSTLY:
        return None
    found = [p for p in profiles if p.share(p.dates) > MOSTLY and p.share(p.timed) > MOSTLY
             and _named(p.column, _DATE_WORDS) and not _named(p.column, _LATER_WORDS)]
    untimed = current.share(current.timed) <= MOSTLY
    same_days = [p for p in found if untimed
                 and len(p.days & current.days) > MOSTLY * len(p.days | current.days)]
    spread = [p for p in found if len(current.values) >= 5 and 4 * current.distinct <= p.distinct]
    if not same_days and not spread:
        return None
    best = max(same_days or spread, key=_date_rank)
    why = ("it holds the same dates with their time of day" if same_days else
           f"'{current.column}' has only {current.distinct} different values, the time of the "
           "export rather than of each text")
    text = (f"'{best.column}' is the date column rather than '{current.column}': {why} (choose "
            "another with --map published_at=COLUMN)")
    code = "content_better_date" if same_days else "content_spread_date"
    return best, Note(text, code, column=best.column, instead=current.column,
                      distinct=current.distinct)


def choose_text(profiles: list[Profile], mapping: dict[str, str],
                everything: dict[str, Profile]) -> Choice | None:
    """The text: the free-text column with the longest values."""
    found = [p for p in profiles if p.share(p.wordy) > MOSTLY and p.share(p.dates) <= MOSTLY]
    if not found:
        return None
    best = max(found, key=lambda p: p.mean_length)
    length = round(best.mean_length)
    text = (f"'{best.column}': free text, {length} characters on average, the longest of the "
            "file's columns, so it is the text (choose another with --map text=COLUMN)")
    return best, Note(text, "content_text", column=best.column, length=length)


def choose_title(profiles: list[Profile], mapping: dict[str, str],
                 everything: dict[str, Profile]) -> Choice | None:
    """An article's headline: short free text, distinct on almost every row, beside a text
    column at least twice as long."""
    body = everything.get(mapping.get("text", ""))
    link = everything.get(mapping.get("url", ""))
    if body is None or "parent_id" in mapping or (link is not None and _social(link)):
        return None  # a post's second text (a shared link's headline) is no title of it
    found = [p for p in profiles if p.share(p.wordy) > MOSTLY and p.share(p.dates) <= MOSTLY
             and 15 <= p.mean_length <= 250 and p.distinct >= 0.9 * len(p.values)
             and 2 * p.mean_length <= body.mean_length]  # fmt: skip
    if not found:
        return None
    best = max(found, key=lambda p: p.mean_length)
    length = round(best.mean_length)
    text = (f"'{best.column}': short free text ({length} characters on average) beside the "
            f"longer '{body.column}', so it is the title (leave it out with --map title=)")
    return best, Note(text, "content_title", column=best.column, length=length, body=body.column)


def _social(profile: Profile) -> bool:
    """Whether most of a url column's addresses are on a social platform."""
    hosts = [_SITE.match(value) for value in profile.values]
    social = sum(1 for host in hosts if host and _platform_site(host.group(1)))
    return social > MOSTLY * len(profile.values)


def _platform_site(host: str) -> bool:
    host = host.lower().removeprefix("www.").removeprefix("m.")
    return any(host == site or host.endswith("." + site) for site in _SOCIAL_SITES)


def choose_url(profiles: list[Profile], mapping: dict[str, str],
               everything: dict[str, Profile]) -> Choice | None:
    """The url: a column of web addresses; link-named first, then the most distinct."""
    found = [p for p in profiles if p.share(p.urls) > MOSTLY]
    if not found:
        return None
    best = max(found, key=lambda p: (_named(p.column, _URL_WORDS), p.distinct))
    share = _percent(best.share(best.urls))
    text = (f"'{best.column}': {share} of its first values are web addresses, so it is the "
            "link (choose another with --map url=COLUMN)")
    return best, Note(text, "content_url", column=best.column, share=share)


def choose_author(profiles: list[Profile], mapping: dict[str, str],
                  everything: dict[str, Profile]) -> Choice | None:
    """The author: a column of handles, or of names in a column named like a person."""
    handles = [p for p in profiles if p.share(p.handles) > 0.8 and p.distinct > 1
               and (p.share(p.at_signs) > MOSTLY or _named(p.column, _AUTHOR_WORDS))]
    people = [p for p in profiles if p.share(p.people) > 0.8 and p.distinct > 1
              and _named(p.column, _AUTHOR_WORDS)]  # fmt: skip
    found = handles or people
    if not found:
        return None
    best = max(found, key=lambda p: (p.share(p.at_signs), _named(p.column, _AUTHOR_WORDS),
                                     p.distinct))  # fmt: skip
    kind = "handles" if best in handles else "names"
    text = (f"'{best.column}': its values are {kind} of people or accounts, so it is the "
            "author (choose another with --map author=COLUMN)")
    return best, Note(text, f"content_author_{kind}", column=best.column)


_CHOOSERS: dict[str, Chooser] = {
    "published_at": choose_date, "text": choose_text, "title": choose_title, "url": choose_url,
    "author": choose_author,
}  # fmt: skip
