"""SQL of watched entities: the ``watchlist`` table and the texts that match its queries.

A query tree (:mod:`analysis.boolquery`) becomes a WHERE condition made only of fixed SQL
(``regexp_matches(text, $w0_1, 'i')``, ``AND``, ``OR``, ``NOT``, parentheses) and parameter
names Pantau generates; every word the user typed travels as a bound parameter holding an
escaped regular expression, so no user text is ever part of the SQL.

Several entities are matched in one statement: a ``matched`` CTE stacks, for each entity, the
filtered texts its query matches (a text naming two entities appears once for each).
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from analysis.boolquery import And, Node, Not, Word
from analysis.store.db import Store
from analysis.store.trends import Filters, _run

WATCHLIST_SCHEMA = """
CREATE TABLE IF NOT EXISTS watchlist (
    name VARCHAR PRIMARY KEY,
    query VARCHAR NOT NULL,
    created_by VARCHAR,
    created_at TIMESTAMPTZ DEFAULT current_timestamp
)"""
BUCKETS = ("hour", "day", "week", "month")
ENGAGEMENT = "coalesce(likes, 0) + coalesce(shares, 0) + coalesce(replies, 0)"


def ensure_watchlist(con: duckdb.DuckDBPyConnection) -> None:
    """Create the ``watchlist`` table when the store has none (any schema version)."""
    con.execute(WATCHLIST_SCHEMA)


def read_watchlist(store: Store) -> pd.DataFrame:
    """Every watched entity: ``name``, ``query``, ``created_by``, ``created_at``; by name."""
    with store.connect() as con:
        ensure_watchlist(con)
        return con.execute("SELECT name, query, created_by, created_at FROM watchlist "
                           "ORDER BY lower(name)").df()


def insert_entity(store: Store, name: str, query: str, created_by: str | None) -> bool:
    """Add one entity; False when the name is taken."""
    with store.writing() as con:
        ensure_watchlist(con)
        if con.execute("SELECT 1 FROM watchlist WHERE lower(name) = lower(?)",
                       [name]).fetchone():
            return False
        con.execute("INSERT INTO watchlist (name, query, created_by) VALUES (?, ?, ?)",
                    [name, query, created_by])
        return True


def delete_entity(store: Store, name: str) -> bool:
    """Remove one entity by name; False when there was none."""
    with store.writing() as con:
        ensure_watchlist(con)
        removed = con.execute("DELETE FROM watchlist WHERE name = ?", [name]).fetchall()
    return bool(removed and removed[0][0])


def compile_query(node: Node, prefix: str) -> tuple[str, dict[str, str]]:
    """A WHERE condition on ``text`` for ``node`` and its parameters (named ``prefix<i>``)."""
    params: dict[str, str] = {}

    def walk(part: Node) -> str:
        if isinstance(part, Word):
            key = f"{prefix}{len(params)}"
            params[key] = part.pattern("re2")
            params[key + "_like"] = "%" + _like_escaped(part.words[0]) + "%"
            # ILIKE first: a cheap substring test spares most texts the regular expression.
            return f"(text ILIKE ${key}_like ESCAPE '\\' AND regexp_matches(text, ${key}, 'i'))"
        if isinstance(part, Not):
            return f"(NOT {walk(part.child)})"
        joiner = " AND " if isinstance(part, And) else " OR "
        return "(" + joiner.join(walk(child) for child in part.children) + ")"

    return walk(node), params


def _like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matched(entities: list[tuple[str, Node]]) -> tuple[str, dict[str, Any]]:
    parts, params = [], {}
    for i, (name, node) in enumerate(entities):
        condition, words = compile_query(node, f"w{i}_")
        params.update(words)
        params[f"entity{i}"] = name
        parts.append(f"SELECT $entity{i} AS entity, docs.* FROM docs WHERE {condition}")
    return ", matched AS (" + " UNION ALL ".join(parts) + ")", params


_SENTIMENT_COUNTS = """count(*) AS n,
               count(*) FILTER (sentiment = 'positive') AS positive,
               count(*) FILTER (sentiment = 'neutral') AS neutral,
               count(*) FILTER (sentiment = 'negative') AS negative"""


def counts_over_time(store: Store, f: Filters, entities: list[tuple[str, Node]],
                     bucket: str) -> pd.DataFrame:
    """Per bucket and entity: texts and sentiment counts, with ``all_texts`` of the bucket."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
    matched, params = _matched(entities)
    return _run(store, f"""{matched},
        per AS (SELECT date_trunc($bucket, local_time) AS bucket, entity, {_SENTIMENT_COUNTS}
                FROM matched GROUP BY ALL),
        totals AS (SELECT date_trunc($bucket, local_time) AS bucket, count(*) AS all_texts
                   FROM docs GROUP BY 1)
        SELECT per.*, totals.all_texts FROM per JOIN totals USING (bucket)
        ORDER BY bucket, entity""", f, bucket=bucket, **params)


def totals(store: Store, f: Filters, entities: list[tuple[str, Node]]) -> pd.DataFrame:
    """Per entity over the whole period: texts, sentiment counts, accounts, engagement, and
    ``all_texts`` (every text within the filters)."""
    matched, params = _matched(entities)
    return _run(store, f"""{matched}
        SELECT entity, {_SENTIMENT_COUNTS},
               count(DISTINCT author) AS accounts, sum({ENGAGEMENT}) AS engagement,
               (SELECT count(*) FROM docs) AS all_texts
        FROM matched GROUP BY entity ORDER BY n DESC, entity""", f, **params)


def accounts(store: Store, f: Filters, entity: tuple[str, Node], by: str,
             limit: int) -> pd.DataFrame:
    """The accounts that wrote most about one entity: ``author``, ``platform``, ``source``,
    ``posts``, ``engagement``, ``negative``; ranked by posts or by engagement."""
    order = {"posts": "posts DESC, engagement DESC", "engagement": "engagement DESC, posts DESC"}
    if by not in order:
        raise ValueError(f"by must be posts or engagement, not {by!r}")
    matched, params = _matched([entity])
    return _run(store, f"""{matched}
        SELECT author, platform, source, count(*) AS posts, sum({ENGAGEMENT}) AS engagement,
               count(*) FILTER (sentiment = 'negative') AS negative
        FROM matched GROUP BY ALL ORDER BY {order[by]}, author LIMIT $limit""",
        f, limit=limit, **params)


def posts(store: Store, f: Filters, entity: tuple[str, Node], limit: int) -> pd.DataFrame:
    """One entity's texts, most engaged first: id, time, where, who, text, link, labels."""
    matched, params = _matched([entity])
    return _run(store, f"""{matched}
        SELECT id, local_time, platform, author, text, url, sentiment_model AS sentiment,
               hoax_score, {ENGAGEMENT} AS engagement
        FROM matched ORDER BY engagement DESC, local_time DESC, id LIMIT $limit""",
        f, limit=limit, **params)
