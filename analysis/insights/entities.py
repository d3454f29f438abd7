"""Watched entities and their share of voice.

Analysts keep a watchlist of names (an institution, an officer's title, a programme, a topic),
each with a boolean query (:mod:`analysis.text.boolquery`: words, "phrases", AND, OR, NOT,
``-word``, parentheses, ``word*``; whole words, any case; ``#polri`` in a text matches
``polri``). For the texts within the dashboard's filters Pantau then reports, per entity and
over time:

* **volume**: texts the query matches;
* **sentiment**: positive, neutral and negative shares of the entity's *scored* texts (texts
  below the filters' confidence threshold count in the volume only, as on the overview page)
  and **net sentiment** = (positive - negative) / scored, from -1 to +1;
* **share of voice** = the entity's texts / the sum of all watched entities' texts in the
  same bucket, so the shares of the watched entities add up to 1 (a text naming two entities
  counts for both). This is the usual PR meaning: how much of the conversation *among the
  things we watch* is about this one. **Share of texts** = the entity's texts / every text
  within the filters in the bucket, for how much of all monitored talk it is;
* **accounts**: who writes most about it, by number of posts or by engagement
  (likes + shares + replies, where the export has them).

The watchlist starts empty. :data:`DEFAULT_WATCHLIST` is a starting set for a regional police
PR unit that the Entitas page offers to add with one click; only the demo (``pantau demo`` on an
empty store) adds it by itself, with the demo's own topics.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import pandas as pd

from analysis.errors import PantauError
from analysis.store import watchlist
from analysis.store.db import Store
from analysis.store.trends import Filters
from analysis.text.boolquery import Node, QueryError, evaluate, parse, words
from analysis.vocabulary import SENTIMENTS, Sentiment

DEFAULT_WATCHLIST: list[tuple[str, str]] = [
    ("Polri", 'polri OR polripresisi OR "kepolisian republik indonesia" OR "kepolisian negara"'),
    ("Polda", "polda"),
    ("Kapolda", "kapolda"),
    ("Bidhumas", 'bidhumas OR "humas polda" OR humaspolri'),
    ("Tilang", "tilang* OR ditilang OR menilang OR penilangan OR etle"),
]
"""A starting watchlist for a Bidhumas Polda; edit it to the unit's own region and names."""
MAX_NAME = 60
SENTIMENT_COLUMNS = tuple(label.value for label in reversed(SENTIMENTS))
"""The sentiment columns of the tables made here, positive first."""
__all__ = ["DEFAULT_WATCHLIST", "EntityError", "QueryError", "add_entity", "entity_posts",
           "entity_summary", "entity_trends", "list_entities", "remove_entity", "seed_defaults",
           "text_matches", "top_accounts"]


class EntityError(PantauError):
    """A watched entity cannot be added or found; ``code`` names the problem for the page."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name or "")).strip()
    if not name:
        raise EntityError("name_empty", "Give the entity a name, e.g. Polda Metro Jaya.")
    if len(name) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in name):
        raise EntityError("name_invalid", f"An entity's name is at most {MAX_NAME} printable "
                          "characters.")
    return name


def add_entity(store: Store, name: str, query: str, created_by: str | None = None) -> str:
    """Watch ``name`` with ``query``; returns the name as stored.

    Raises :class:`QueryError` for a malformed query and :class:`EntityError` for an empty or
    taken name (names are compared without regard to case).
    """
    name = _clean_name(name)
    parse(query)
    if not watchlist.insert_entity(store, name, query.strip(), (created_by or "").strip() or None):
        raise EntityError("name_taken", f"{name!r} is already watched: remove it first to "
                          "change its query, or pick another name.")
    return name


def remove_entity(store: Store, name: str, actor: str | None = None) -> bool:
    """Stop watching ``name``; False when it was not watched (``actor``: who, for the audit
    log)."""
    return watchlist.delete_entity(store, name, actor)


def list_entities(store: Store) -> pd.DataFrame:
    """The watchlist: ``name``, ``query``, ``created_by``, ``created_at``, by name."""
    return watchlist.read_watchlist(store)


def seed_defaults(store: Store, created_by: str | None = None) -> int:
    """Add :data:`DEFAULT_WATCHLIST` when the watchlist is empty; how many were added."""
    if not list_entities(store).empty:
        return 0
    for name, query in DEFAULT_WATCHLIST:
        add_entity(store, name, query, created_by)
    return len(DEFAULT_WATCHLIST)


def _parsed(store: Store, names: list[str] | None = None) -> list[tuple[str, Node]]:
    """(name, tree) of the chosen watched entities (all when ``names`` is None)."""
    listed = list_entities(store)
    if names is not None:
        unknown = sorted(set(names) - set(listed["name"]))
        if unknown:
            raise EntityError("unknown", f"Not on the watchlist: {', '.join(unknown)}.")
        listed = listed[listed["name"].isin(names)]
    return [(str(name), parse(str(query)))
            for name, query in zip(listed["name"], listed["query"], strict=True)]


def refresh_hits(store: Store, names: list[str] | None = None) -> None:
    """Tag the texts imported since the last look with the watched entities (all, or
    ``names``): a write, which the reads below do first unless told not to (``refresh=False``,
    for a caller that caches reads and has refreshed just before)."""
    watchlist.tag(store, _parsed(store, names))


def _read(store: Store, names: list[str] | None, refresh: bool) -> list[tuple[str, Node]]:
    entities = _parsed(store, names)
    if refresh and entities:
        watchlist.tag(store, entities)
    return entities


def _with_shares(frame: pd.DataFrame, group: list[str]) -> pd.DataFrame:
    """Sentiment shares, net sentiment, share of voice and share of texts (module doc)."""
    frame = frame.copy()
    frame["scored"] = frame[list(SENTIMENT_COLUMNS)].sum(axis=1)
    scored = frame["scored"].where(frame["scored"] > 0)
    for label in SENTIMENT_COLUMNS:
        frame[f"{label}_share"] = (frame[label] / scored).fillna(0.0)
    frame["net_sentiment"] = ((frame[Sentiment.POSITIVE] - frame[Sentiment.NEGATIVE]) / scored
                           ).fillna(0.0)
    voice = frame.groupby(group)["n"].transform("sum") if group else frame["n"].sum()
    frame["share_of_voice"] = frame["n"] / voice
    frame["share_of_texts"] = frame["n"] / frame["all_texts"]
    return frame


def entity_trends(store: Store, f: Filters, bucket: str = "day",
                  names: list[str] | None = None, refresh: bool = True) -> pd.DataFrame:
    """Per bucket and watched entity: ``n``, sentiment counts and shares, ``net_sentiment``,
    ``share_of_voice``, ``share_of_texts`` and ``all_texts``. Buckets where an entity has no
    text are absent (its volume there is 0)."""
    entities = _read(store, names, refresh)
    if not entities:
        return pd.DataFrame(columns=["bucket", "entity", "n", *SENTIMENT_COLUMNS, "all_texts"])
    counts = watchlist.counts_over_time(store, f, entities, bucket)
    return _with_shares(counts, ["bucket"])


def entity_summary(store: Store, f: Filters, names: list[str] | None = None,
                   refresh: bool = True) -> pd.DataFrame:
    """Per watched entity over the whole period: ``n``, sentiment counts and shares,
    ``net_sentiment``, ``share_of_voice``, ``share_of_texts``, ``accounts``, ``engagement``.
    Entities without a matching text are listed with ``n`` = 0."""
    entities = _read(store, names, refresh)
    columns = ["entity", "n", *SENTIMENT_COLUMNS, "accounts", "engagement", "all_texts"]
    if not entities:
        return pd.DataFrame(columns=columns)
    found = watchlist.totals(store, f, entities).set_index("entity")
    everything = int(found["all_texts"].iloc[0]) if not found.empty else 0
    frame = found.reindex([name for name, _ in entities]).rename_axis("entity").reset_index()
    frame[["n", *SENTIMENT_COLUMNS, "accounts", "engagement"]] = frame[
        ["n", *SENTIMENT_COLUMNS, "accounts", "engagement"]].fillna(0).astype(int)
    frame["all_texts"] = everything
    summary = _with_shares(frame[columns], [])
    summary["share_of_texts"] = summary["share_of_texts"].fillna(0.0)
    summary["share_of_voice"] = summary["share_of_voice"].fillna(0.0)
    return summary.sort_values(["n", "entity"], ascending=[False, True], ignore_index=True)


def top_accounts(store: Store, f: Filters, name: str, by: str = "posts",
                 limit: int = 10, refresh: bool = True) -> pd.DataFrame:
    """Who writes most about ``name``: ``author``, ``platform``, ``source``, ``posts``,
    ``engagement`` (likes + shares + replies), ``negative`` (their negative texts); ranked by
    ``by`` = ``posts`` or ``engagement``."""
    return watchlist.accounts(store, f, _read(store, [name], refresh)[0], by, limit)


def entity_posts(store: Store, f: Filters, name: str, limit: int = 50,
                 window: tuple[datetime, datetime] | None = None,
                 refresh: bool = True) -> pd.DataFrame:
    """The texts about ``name``, most engaged first (within local times [start, end) of
    ``window`` when given: a clicked bar)."""
    return watchlist.posts(store, f, _read(store, [name], refresh)[0], limit, window)


def text_matches(query: str, text: str) -> bool:
    """Whether ``query`` matches ``text`` (the same rule as the store's SQL), for checks and
    previews without a store."""
    tree = parse(query)
    return evaluate(tree, frozenset(w for w in words(tree) if w.matches(text)))
