"""The filtered documents: what the viewer asked for (:class:`Filters`), and the ``docs`` view
every dashboard query reads through :func:`filtered_query` (trends, spikes, entities, narratives'
sample, exports), so each page counts exactly the same texts.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from analysis.store.db import Store


@dataclass(frozen=True)
class Filters:
    """What the viewer asked for: local dates (inclusive), platforms, kinds, sources and
    sentiment labels (each empty = all), a keyword query (every word must occur, ``-word``
    must not), the time zone, and the least sentiment confidence to count a text's label
    (below it the text is *uncertain*: it still counts in the volume, not in the sentiment
    shares)."""

    start: date | None = None
    end: date | None = None
    platforms: tuple[str, ...] = ()
    timezone: str = "Asia/Jakarta"
    min_confidence: float = 0.0
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    sentiments: tuple[str, ...] = ()
    query: str = ""

    def shifted(self, days: int) -> Filters:
        """The same filters over the period moved ``days`` days (negative: earlier)."""
        if self.start is None or self.end is None:
            return self
        step = timedelta(days=days)
        return replace(self, start=self.start + step, end=self.end + step)

    def previous(self) -> Filters:
        """The same filters over the period of equal length just before this one."""
        if self.start is None or self.end is None:
            return self
        return self.shifted(-((self.end - self.start).days + 1))


MAX_TERMS = 8
"""At most this many words to include and this many to exclude in a keyword query."""
MAX_QUERY_LENGTH = 200
"""Characters of a keyword query that are read (the keyword box takes no more)."""
MAX_TERM_LENGTH = 60


def _docs_cte(fixed_offset: bool) -> str:
    """The ``docs`` view: the documents inside the filters with their current scores.

    ``documents`` keeps the latest sentiment label and confidence and hoax score and label of
    each text next to it (:func:`analysis.store.current.sync_current`), so no query joins the
    score history. The period is turned into UTC bounds on ``published_at`` so DuckDB skips the
    row groups outside it; for a time zone with a fixed offset (all of Indonesia's) local time
    is UTC plus the offset, integer arithmetic that is about fifteen times faster than a time
    zone conversion per row. Keyword terms are case-insensitive RE2 tests of a literal, one per
    slot (about twice as fast as ``ILIKE``, which lower-cases every text first).
    """
    local = ("make_timestamp(epoch_us(d.published_at) + $offset_us)" if fixed_offset
             else "(d.published_at AT TIME ZONE $tz)")
    terms = "".join(
        f"\n      AND ($inc{i} IS NULL OR regexp_matches(d.text, $inc{i}))"
        f"\n      AND ($exc{i} IS NULL OR NOT regexp_matches(d.text, $exc{i}))"
        for i in range(MAX_TERMS))
    return f"""
docs AS (
    SELECT d.* EXCLUDE (sentiment_label, sentiment_conf),
           {local} AS local_time,
           d.sentiment_label AS sentiment_model, d.sentiment_conf AS sentiment_score,
           CASE WHEN d.sentiment_conf >= $min_confidence THEN d.sentiment_label END AS sentiment
    FROM documents d
    WHERE ($start_at IS NULL OR d.published_at >= $start_at)
      AND ($end_at IS NULL OR d.published_at < $end_at)
      AND (len($platforms) = 0 OR list_contains($platforms, d.platform))
      AND (len($kinds) = 0 OR list_contains($kinds, d.kind))
      AND (len($sources) = 0 OR list_contains($sources, d.source))
      AND (len($sentiments) = 0 OR list_contains($sentiments, d.sentiment_label)){terms}
)
"""


_PG_COLUMNS = ("id, upload_id, kind, platform, source, author, published_at, published_approx, "
               "text, text_hash, url, parent_id, likes, shares, replies, views, extra, "
               "row_number, ingested_at, hoax_score, hoax_label, hoax_claim, hoax_claim_match, "
               "hoax_denied")
"""Every ``documents`` column but the current sentiment's (PostgreSQL has no ``EXCLUDE``)."""


def pg_local_time(fixed_offset: bool, alias: str = "d") -> str:
    """PostgreSQL's local time of ``alias.published_at`` in the filters' zone (a fixed
    offset added, else the zone's rules)."""
    return (f"({alias}.published_at AT TIME ZONE 'UTC') + "
            "CAST($offset_us AS BIGINT) * INTERVAL '1 microsecond'" if fixed_offset
            else f"({alias}.published_at AT TIME ZONE CAST($tz AS TEXT))")


def pg_conditions(alias: str = "d") -> str:
    """The filters but the keyword terms as PostgreSQL conditions on a row ``alias`` with the
    documents' ``published_at``, ``platform``, ``kind``, ``source`` and ``sentiment_label``
    (the ``docs`` view's, and :mod:`analysis.store.watchlist`'s on the entities' hits)."""
    lists = "".join(
        f"\n      AND (cardinality(CAST(${name} AS TEXT[])) = 0 "
        f"OR {alias}.{column} = ANY(CAST(${name} AS TEXT[])))"
        for name, column in (("platforms", "platform"), ("kinds", "kind"),
                             ("sources", "source"), ("sentiments", "sentiment_label")))
    return f"""(CAST($start_at AS TIMESTAMPTZ) IS NULL
           OR {alias}.published_at >= CAST($start_at AS TIMESTAMPTZ))
      AND (CAST($end_at AS TIMESTAMPTZ) IS NULL
           OR {alias}.published_at < CAST($end_at AS TIMESTAMPTZ)){lists}"""


def _pg_docs_cte(fixed_offset: bool) -> str:
    """The ``docs`` view in PostgreSQL's SQL: the same rows and columns as :func:`_docs_cte`.

    Each parameter is cast to its type (PostgreSQL cannot type a NULL that is only tested
    with ``IS NULL``); lists are arrays; the keyword terms are PostgreSQL regular expressions,
    which read RE2's ``(?i)`` prefix and escaped punctuation the same way."""
    terms = "".join(
        f"\n      AND (CAST($inc{i} AS TEXT) IS NULL OR d.text ~ CAST($inc{i} AS TEXT))"
        f"\n      AND (CAST($exc{i} AS TEXT) IS NULL OR d.text !~ CAST($exc{i} AS TEXT))"
        for i in range(MAX_TERMS))
    return f"""
docs AS (
    SELECT {", ".join("d." + c for c in _PG_COLUMNS.split(", "))},
           {pg_local_time(fixed_offset)} AS local_time,
           d.sentiment_label AS sentiment_model, d.sentiment_conf AS sentiment_score,
           CASE WHEN d.sentiment_conf >= CAST($min_confidence AS DOUBLE PRECISION)
                THEN d.sentiment_label END AS sentiment
    FROM documents d
    WHERE {pg_conditions()}{terms}
)
"""


_CTE = {("duckdb", fixed): _docs_cte(fixed) for fixed in (True, False)} | {
    ("postgres", fixed): _pg_docs_cte(fixed) for fixed in (True, False)}
"""Per dialect and whether the zone's offset is fixed: the ``docs`` view."""


@functools.lru_cache(maxsize=32)
def fixed_offset(timezone: str) -> timedelta | None:
    """The zone's UTC offset if it has been the same since 1970 (no daylight saving); every
    query asks, so the answer is kept per zone."""
    zone = ZoneInfo(timezone)
    offsets = {zone.utcoffset(datetime(year, month, 15)) for year in range(1970, 2040)
               for month in (1, 7)}
    return offsets.pop() if len(offsets) == 1 else None


def literal(word: str) -> str:
    """``word`` as an RE2 literal (every ASCII punctuation character escaped)."""
    return "".join("\\" + c if c in string.punctuation else c for c in word)


def term_patterns(words: list[str]) -> list[str]:
    """RE2 patterns that find each word anywhere in a text, ignoring case."""
    return ["(?i)" + literal(w) for w in words]


def query_terms(query: str) -> tuple[list[str], list[str]]:
    """A keyword query's words that must occur and ``-words`` that must not (lower-cased,
    eight of each at most, from the first :data:`MAX_QUERY_LENGTH` characters, each word cut
    at :data:`MAX_TERM_LENGTH`: a pasted book must not make every page run for seconds)."""
    words = [w[:MAX_TERM_LENGTH] for w in query[:MAX_QUERY_LENGTH].lower().split()]
    include = [w for w in words if not w.startswith("-")][:MAX_TERMS]
    exclude = [w[1:] for w in words if w.startswith("-") and len(w) > 1][:MAX_TERMS]
    return include, exclude


def _params(f: Filters, **extra: Any) -> dict[str, Any]:
    include, exclude = query_terms(f.query)
    zone = ZoneInfo(f.timezone)
    offset = fixed_offset(f.timezone)
    terms: dict[str, str | None] = {f"{kind}{i}": None for kind in ("inc", "exc")
                                    for i in range(MAX_TERMS)}
    terms.update({f"inc{i}": p for i, p in enumerate(term_patterns(include))})
    terms.update({f"exc{i}": p for i, p in enumerate(term_patterns(exclude))})
    return {
        **({"offset_us": offset // timedelta(microseconds=1)} if offset is not None
           else {"tz": f.timezone}),
        "start_at": None if f.start is None else datetime.combine(f.start, time(), zone),
        "end_at": None if f.end is None else datetime.combine(f.end + timedelta(days=1), time(),
                                                              zone),
        "platforms": list(f.platforms),
        "kinds": list(f.kinds),
        "sources": list(f.sources),
        "sentiments": list(f.sentiments),
        **terms,
        "min_confidence": f.min_confidence,
        **extra,
    }


def filtered_query(store: Store, body: str, f: Filters, inline: bool = False,
                   **extra: Any) -> pd.DataFrame:
    """``body`` (starting ``SELECT`` or ``, name AS (...)``) over the ``docs`` view of ``f``:
    the one way every page's query reads the filtered documents (trends, spikes, entities,
    narratives' sample, exports).

    DuckDB materialises a CTE that a query reads more than once, which for ``docs`` means
    copying every filtered row with its text; ``inline`` has each reader scan the documents
    itself instead, cheaper where one reader only counts."""
    cte = _CTE[store.dialect, fixed_offset(f.timezone) is not None]
    if inline:
        cte = cte.replace("docs AS (", "docs AS NOT MATERIALIZED (", 1)
    return store.query("WITH " + cte + body, _params(f, **extra))
