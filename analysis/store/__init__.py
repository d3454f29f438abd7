"""The store: the one place that owns the DuckDB connection, the schema and all SQL.

Callers get DataFrames and plain values, never cursors. Every function opens a short-lived
connection, so a terminal ``pantau ingest`` and the dashboard can take turns on one file.

``db`` is the DuckDB connection (:class:`Store`: opening, the lock, sessions, transactions) and
``schema`` the tables and migrations; ``pg`` and ``pg_schema`` are the same for PostgreSQL
(``PANTAU_DB=postgresql://...``); every other module is one concept's SQL as named
functions that take a Store: ``documents``, ``scores`` (with ``current``, each text's latest
scores), ``claims``, ``clusters``, ``reviews``, ``corrections``, ``presets``, ``watchlist``,
``embeddings``, ``alerts``, ``audit`` (who changed what and when), ``transfer`` (copying a
whole store into another, e.g. DuckDB to PostgreSQL), and the dashboard's reads
through ``filters``: ``trends``, ``spikes``, ``exports``.
"""

from analysis.store.db import Store, open_store
from analysis.store.pg import PgStore

__all__ = ["PgStore", "Store", "open_store"]
