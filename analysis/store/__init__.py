"""The store: the one place that owns the DuckDB connection, the schema and all SQL.

Callers get DataFrames and plain values, never cursors. Every function opens a short-lived
connection, so a terminal ``pantau ingest`` and the dashboard can take turns on one file.
"""

from analysis.store.db import Store, open_store

__all__ = ["Store", "open_store"]
