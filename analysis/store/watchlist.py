"""SQL of watched entities: the ``watchlist`` table and the texts that match its queries.

A query tree (:mod:`analysis.text.boolquery`) becomes a WHERE condition made only of fixed SQL
(``regexp_matches(text, $w0_1, 'i')``, ``AND``, ``OR``, ``NOT``, parentheses) and parameter
names Pantau generates; every word the user typed travels as a bound parameter holding an
escaped regular expression, so no user text is ever part of the SQL.

Matching a query means reading every text, about 0.3 s a million texts on this machine, too
slow to do again for every chart. So the texts each entity matches are kept in
``entity_hits`` (entity, upload, document), tagged one upload at a time: ``entity_tagged``
notes per entity the query it was tagged with and, per upload, how many documents the upload
had then. Before a query, :func:`tag` (re)tags the uploads whose document count has changed
since (a new import, one still running, one resumed after a crash) and every upload of an
entity whose query has changed; the pages then join the filtered documents to their hits. A
text naming two entities is counted once for each.

On PostgreSQL, triggers keep that join as a table, ``entity_documents``: each hit with its
document's time, platform, kind, source, author, engagement and current sentiment
(:data:`analysis.store.pg_revisions.ENTITY_DOCUMENTS`); the reads count it instead of joining
a million texts to their hits, unless a keyword filter needs the texts (:func:`mirrored`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from analysis.store import rollups
from analysis.store.audit import Action, write
from analysis.store.db import Store
from analysis.store.filters import (
    Filters,
    filtered_query,
    fixed_offset,
    literal,
    pg_conditions,
    pg_local_time,
    query_terms,
)
from analysis.text.boolquery import And, Node, Not, Word, evaluate, words
from analysis.vocabulary import Sentiment

BUCKETS = ("hour", "day", "week", "month")
ENGAGEMENT = "coalesce(likes, 0) + coalesce(shares, 0) + coalesce(replies, 0)"


_DIALECT = {
    "duckdb": {"in": "list_contains(${list}, {value})", "flavour": "re2",
               "word": "(contains(lowered, ${key}_lit) AND regexp_matches(text, ${key}, 'i'))",
               "any": "regexp_matches(text, $any_word)"},
    "postgres": {"in": "{value} = ANY(CAST(${list} AS TEXT[]))", "flavour": "posix",
                 "word": "(strpos(lowered, CAST(${key}_lit AS TEXT)) > 0 "
                         "AND text ~* CAST(${key} AS TEXT))",
                 "any": "text ~ CAST($any_word AS TEXT)"},
}
"""Per dialect: a value in a list parameter, the regular expressions' flavour, a word's test
(a plain substring test first spares most texts the regular expression), and the test for
any word of the entities."""


def _in(dialect: str, values: str, value: str) -> str:
    return _DIALECT[dialect]["in"].format(list=values, value=value)


_UPLOAD_COUNTS = {"duckdb": "SELECT upload_id, count(*) FROM documents GROUP BY 1",
                  "postgres": "SELECT upload_id, n FROM document_uploads WHERE n > 0"}
"""Per dialect: documents per upload (PostgreSQL's kept by triggers,
:data:`analysis.store.pg_revisions.ENTITY_DOCUMENTS`: counting a million documents on every
Entitas run took hundreds of milliseconds)."""


def _stale(con: duckdb.DuckDBPyConnection, entities: list[tuple[str, Node]],
           dialect: str = "duckdb") -> dict[str, list[str]]:
    """Per entity, the uploads to (re)tag; an entity whose query has changed loses its tags."""
    counts = dict(con.execute(_UPLOAD_COUNTS[dialect]).fetchall())
    tagged: dict[str, dict[str, tuple[str, int]]] = {}
    for entity, query, upload, documents in con.execute(
            "SELECT entity, query, upload_id, documents FROM entity_tagged").fetchall():
        tagged.setdefault(entity, {})[upload] = (query, documents)
    stale = {}
    for name, node in entities:
        done = tagged.get(name, {})
        wanted = [upload for upload, n in counts.items()
                  if done.get(upload) != (repr(node), n)]
        if wanted or set(done) - set(counts):
            stale[name] = wanted
    return stale


def tag(store: Store, entities: list[tuple[str, Node]]) -> None:
    """Bring ``entity_hits`` up to date for ``entities`` (see the module doc)."""
    with store.connect() as con:
        if not _stale(con, entities, store.dialect):
            return
    with store.transaction(exclusive=True) as con:
        stale = _stale(con, entities, store.dialect)  # again: another run may have tagged meanwhile
        for name, node in entities:
            if name in stale:
                _retag(con, name, node, stale[name], store.dialect)
        if store.dialect == "postgres":
            # Fresh statistics, or the planner guesses a few hundred hits where there are
            # tens of thousands and joins them to the documents one by one (4x slower).
            con.execute("ANALYZE entity_hits, entity_tagged, entity_documents")


def _retag(con: duckdb.DuckDBPyConnection, name: str, node: Node, uploads: list[str],
           dialect: str = "duckdb") -> None:
    """Drop the entity's hits and tags that are out of date (its query changed, an upload to
    tag again, an upload whose documents are gone), then tag ``uploads``."""
    query = repr(node)
    listed = _in(dialect, "u", "upload_id")
    con.execute("DELETE FROM entity_hits WHERE entity = $e AND (upload_id IN "
                "(SELECT upload_id FROM entity_tagged WHERE entity = $e AND "
                f"query <> $q) OR {listed} OR upload_id NOT IN "
                "(SELECT DISTINCT upload_id FROM documents))",
                {"e": name, "q": query, "u": uploads})
    con.execute("DELETE FROM entity_tagged WHERE entity = $e AND (query <> $q OR "
                f"{listed} OR upload_id NOT IN "
                "(SELECT DISTINCT upload_id FROM documents))",
                {"e": name, "q": query, "u": uploads})
    if not uploads:
        return
    condition, params = compile_query(node, "w", dialect)
    con.execute(f"""
        INSERT INTO entity_hits
        SELECT $e, upload_id, id FROM (
            SELECT id, upload_id, text, lower(text) AS lowered FROM documents
            WHERE {listed}
              AND (CAST($any_word AS VARCHAR) IS NULL OR {_DIALECT[dialect]["any"]})) texts
        WHERE {condition}""",
                {"e": name, "u": uploads, "any_word": _any_word([(name, node)]), **params})
    con.execute(f"""
        INSERT INTO entity_tagged
        SELECT $e, $q, upload_id, count(*) FROM documents
        WHERE {listed} GROUP BY upload_id""",
                {"e": name, "q": query, "u": uploads})


def read_watchlist(store: Store) -> pd.DataFrame:
    """Every watched entity: ``name``, ``query``, ``created_by``, ``created_at``; by name."""
    with store.connect() as con:
        return con.execute("SELECT name, query, created_by, created_at FROM watchlist "
                           "ORDER BY lower(name)").df()


def insert_entity(store: Store, name: str, query: str, created_by: str | None) -> bool:
    """Add one entity; False when the name is taken."""
    with store.transaction(exclusive=True) as con:
        if con.execute("SELECT 1 FROM watchlist WHERE lower(name) = lower(?)",
                       [name]).fetchone():
            return False
        con.execute("INSERT INTO watchlist (name, query, created_by) VALUES (?, ?, ?)",
                    [name, query, created_by])
        write(con, created_by, Action.WATCH_ADD, "watchlist", name, {"query": query})
        return True


def delete_entity(store: Store, name: str, actor: str | None = None) -> bool:
    """Remove one entity by name; False when there was none."""
    with store.transaction(exclusive=True) as con:
        row = con.execute("SELECT query FROM watchlist WHERE name = ?", [name]).fetchone()
        con.execute("DELETE FROM watchlist WHERE name = ?", [name])
        if row is not None:
            write(con, actor, Action.WATCH_REMOVE, "watchlist", name, {"query": row[0]})
    return row is not None


def compile_query(node: Node, prefix: str,
                  dialect: str = "duckdb") -> tuple[str, dict[str, str]]:
    """A WHERE condition for ``node`` and its parameters (named ``prefix<i>``), over a row with
    ``text`` and ``lowered`` (the text in lower case)."""
    params: dict[str, str] = {}
    spoken = _DIALECT[dialect]

    def walk(part: Node) -> str:
        if isinstance(part, Word):
            key = f"{prefix}{len(params)}"
            params[key] = part.pattern(spoken["flavour"])
            params[key + "_lit"] = part.words[0].lower()
            return spoken["word"].format(key=key)
        if isinstance(part, Not):
            return f"(NOT {walk(part.child)})"
        joiner = " AND " if isinstance(part, And) else " OR "
        return "(" + joiner.join(walk(child) for child in part.children) + ")"

    return walk(node), params


def _any_word(entities: list[tuple[str, Node]]) -> str | None:
    """One RE2 pattern that finds a text holding any word of any entity (a superset of the
    texts they match), or None when some entity can match a text without any of its words
    (:func:`analysis.text.boolquery.parse` refuses such queries; this stays correct without)."""
    if any(evaluate(node, frozenset()) for _, node in entities):
        return None
    literals = sorted({w.words[0].lower() for _, node in entities for w in words(node)})
    return "(?i)" + "|".join(literal(word) for word in literals)


def mirrored(store: Store, f: Filters) -> bool:
    """Whether :func:`_matched` reads PostgreSQL's ``entity_documents`` (the hits beside
    their documents' columns) for ``f``: on PostgreSQL, without keyword terms (they test the
    texts, which only ``documents`` holds)."""
    include, exclude = query_terms(f.query)
    return store.dialect == "postgres" and not include and not exclude


def _matched(store: Store, entities: list[tuple[str, Node]],
             f: Filters) -> tuple[str, dict[str, Any]]:
    """``matched``: per entity, the filtered texts its query matches, as tagged in
    ``entity_hits`` (the caller tags first: :func:`tag`), with the ``docs`` view's columns.

    Where :func:`mirrored`, the same rows from ``entity_documents``: its triggers keep it the
    join of ``entity_hits`` and ``documents``, so filtering its own copy of the documents'
    columns gives the rows the join would; text, link and hoax score, which it does not copy,
    come from ``documents`` (a join PostgreSQL leaves out where a query reads none of them)."""
    names = {"entities": [name for name, _ in entities]}
    if not mirrored(store, f):
        return f""", matched AS (
        SELECT h.entity, docs.* FROM docs JOIN entity_hits h ON h.doc_id = docs.id
        WHERE {_in(store.dialect, "entities", "h.entity")})""", names
    local = pg_local_time(fixed_offset(f.timezone) is not None, "e")
    return f""", matched AS (
        SELECT e.entity, e.doc_id AS id, e.published_at, e.platform, e.kind, e.source,
               e.author, e.likes, e.shares, e.replies, d.text, d.url, d.hoax_score,
               {local} AS local_time,
               e.sentiment_label AS sentiment_model, e.sentiment_conf AS sentiment_score,
               CASE WHEN e.sentiment_conf >= CAST($min_confidence AS DOUBLE PRECISION)
                    THEN e.sentiment_label END AS sentiment
        FROM entity_documents e LEFT JOIN documents d ON d.id = e.doc_id
        WHERE e.entity = ANY(CAST($entities AS TEXT[]))
          AND {pg_conditions("e")})""", names


_SENTIMENT_COUNTS = f"""count(*) AS n,
               count(*) FILTER (WHERE sentiment = '{Sentiment.POSITIVE}') AS positive,
               count(*) FILTER (WHERE sentiment = '{Sentiment.NEUTRAL}') AS neutral,
               count(*) FILTER (WHERE sentiment = '{Sentiment.NEGATIVE}') AS negative"""


def counts_over_time(store: Store, f: Filters, entities: list[tuple[str, Node]],
                     bucket: str) -> pd.DataFrame:
    """Per bucket and entity: texts and sentiment counts, with ``all_texts`` of the bucket."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
    matched, params = _matched(store, entities, f)
    totals = ("""totals AS (SELECT date_trunc(CAST($bucket AS TEXT), local_time) AS bucket,
                          count(*) AS all_texts
                   FROM docs GROUP BY 1)""")
    if rollups.usable(store, f):
        totals = rollups.HOURLY + """, totals AS (
            SELECT date_trunc(CAST($bucket AS TEXT), local_time) AS bucket,
                   CAST(sum(n) AS BIGINT) AS all_texts
            FROM hourly GROUP BY 1)"""
    return filtered_query(store, f"""{matched},
        per AS (SELECT date_trunc(CAST($bucket AS TEXT), local_time) AS bucket, entity,
                       {_SENTIMENT_COUNTS}
                FROM matched GROUP BY 1, 2),
        {totals}
        SELECT per.*, totals.all_texts FROM per JOIN totals USING (bucket)
        ORDER BY bucket, entity""", f, inline=True, bucket=bucket, **params)


def totals(store: Store, f: Filters, entities: list[tuple[str, Node]]) -> pd.DataFrame:
    """Per entity over the whole period: texts, sentiment counts, accounts, engagement, and
    ``all_texts`` (every text within the filters)."""
    matched, params = _matched(store, entities, f)
    return filtered_query(store, f"""{matched}
        SELECT entity, {_SENTIMENT_COUNTS},
               count(DISTINCT author) AS accounts, sum({ENGAGEMENT}) AS engagement,
               (SELECT count(*) FROM docs) AS all_texts
        FROM matched GROUP BY entity ORDER BY n DESC, entity""", f, inline=True, **params)


def accounts(store: Store, f: Filters, entity: tuple[str, Node], by: str,
             limit: int) -> pd.DataFrame:
    """The accounts that wrote most about one entity: ``author``, ``platform``, ``source``,
    ``posts``, ``engagement``, ``negative``; ranked by posts or by engagement."""
    order = {"posts": "posts DESC, engagement DESC", "engagement": "engagement DESC, posts DESC"}
    if by not in order:
        raise ValueError(f"by must be posts or engagement, not {by!r}")
    matched, params = _matched(store, [entity], f)
    return filtered_query(store, f"""{matched}
        SELECT author, platform, source, count(*) AS posts, sum({ENGAGEMENT}) AS engagement,
               count(*) FILTER (WHERE sentiment = '{Sentiment.NEGATIVE}') AS negative
        FROM matched GROUP BY 1, 2, 3
        ORDER BY {order[by]}, author, platform, source LIMIT $limit""",
        f, limit=limit, **params)


def posts(store: Store, f: Filters, entity: tuple[str, Node], limit: int,
          window: tuple[datetime, datetime] | None = None) -> pd.DataFrame:
    """One entity's texts, most engaged first: id, time, where, who, text, link, labels;
    ``window`` keeps local times in [start, end) (a chart bucket)."""
    matched, params = _matched(store, [entity], f)
    zone = ZoneInfo(f.timezone)
    since, until = ((moment.replace(tzinfo=zone) for moment in window) if window
                    else (None, None))
    return filtered_query(store, f"""{matched}
        SELECT id, local_time, platform, author, text, url, sentiment_model AS sentiment,
               hoax_score, {ENGAGEMENT} AS engagement
        FROM matched
        WHERE (CAST($since AS TIMESTAMPTZ) IS NULL OR published_at >= $since)
          AND (CAST($until AS TIMESTAMPTZ) IS NULL OR published_at < $until)
        ORDER BY engagement DESC, local_time DESC, id LIMIT $limit""",
        f, limit=limit, since=since, until=until, **params)
