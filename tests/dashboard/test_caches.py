"""The dashboard's caches: every cached query result is forgotten by ``clear_caches`` (the one
function the app calls after it changes the data), and no cached function writes to the store
(on a cache hit the write would silently not happen)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from analysis.insights.entities import add_entity, entity_summary, list_entities
from analysis.store import Store
from analysis.store.documents import insert_documents
from analysis.store.filters import Filters
from dashboard import queries
from dashboard.queries import (
    READS,
    catch_up,
    clear_caches,
    figure,
    query,
    refresh_entity_hits,
)
from tests.dashboard.apptest import clear_streamlit_caches
from tests.dashboard_fixtures import EXPECTED, build_store
from tests.store_fixtures import documents

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
RESOURCES = ["dashboard/auth.py:_throttle", "dashboard/queries.py:settings",
             "dashboard/queries.py:_figure", "dashboard/scoring.py:models"]
"""The ``st.cache_resource`` functions and why each may be one: failed logins per name, the
built charts (shared objects that only ``st.plotly_chart`` reads; cleared by
``clear_caches`` like the queries they are drawn from), the settings, the loaded models. Query
results belong in ``st.cache_data``, cleared by ``clear_caches``; a new resource is added here
only after checking it writes nothing and, if it holds anything drawn from the store, that
``clear_caches`` clears it."""

ALL = Filters()
EXAMPLES: dict[str, tuple[Filters | None, dict[str, Any]]] = {
    "filter_options": (None, {"timezone": "Asia/Jakarta"}),
    "kpis": (ALL, {"hoax_threshold": 0.5}),
    "volume_over_time": (ALL, {"bucket": "day"}),
    "sentiment_over_time": (ALL, {"bucket": "day"}),
    "top_hoaxes": (ALL, {"limit": 5}),
    "texts": (ALL, {"order": "newest", "limit": 10}),
    "spreading_claims": (ALL, {}),
    "active_clusters": (ALL, {}),
    "coordination_clusters": (ALL, {}),
    "cluster_posts": (None, {"cluster_id": "k1"}),
    "spike_series": (ALL, {"bucket": "day"}),
    "detect_spikes": (ALL, {"bucket": "day"}),
    "explain_spike": (ALL, {"bucket_start": pd.Timestamp(2025, 5, 1), "bucket": "day",
                            "metric": "volume"}),
    "review_history": (None, {"target_kind": "doc", "target_id": "t1"}),
    "entity_summary": (ALL, {}),
    "entity_trends": (ALL, {"bucket": "day"}),
    "top_accounts": (ALL, {"name": "Polri", "by": "posts", "limit": 15}),
    "entity_posts": (ALL, {"name": "Polri", "limit": 20}),
}
"""Arguments for every read the pages cache, as a page passes them."""


def decorated(kind: str) -> list[str]:
    """``path:function`` of every function in dashboard/ decorated with ``st.<kind>``, called
    or not (``@st.cache_data``, ``@st.cache_data(ttl=60)``)."""
    found = []
    for path in sorted(DASHBOARD.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = target.attr if isinstance(target, ast.Attribute) else getattr(
                    target, "id", "")
                if name == kind:
                    found.append(f"dashboard/{path.relative_to(DASHBOARD)}:{node.name}")
    return found


def cleared() -> set[str]:
    """The names whose ``.clear()`` :func:`dashboard.queries.clear_caches` calls."""
    tree = ast.parse((DASHBOARD / "queries.py").read_text(encoding="utf-8"))
    body = next(node for node in tree.body
                if isinstance(node, ast.FunctionDef) and node.name == "clear_caches")
    return {node.func.value.id for node in ast.walk(body)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "clear" and isinstance(node.func.value, ast.Name)}


def test_every_cached_query_is_cleared_after_a_change() -> None:
    data = decorated("cache_data")
    # one cache for every query result, and the live box's few-seconds look at the store
    assert data == ["dashboard/queries.py:cached", "dashboard/queries.py:live_snapshot"]
    forgotten = [name for name in data
                 if not name.startswith("dashboard/queries.py:")
                 or name.partition(":")[2] not in cleared()]
    assert forgotten == [], "cached but not cleared by dashboard.queries.clear_caches"


def test_the_checks_see_every_form_of_decorator() -> None:
    assert "dashboard/queries.py:settings" in decorated("cache_resource")
    assert cleared() == {"cached", "_figure", "live_snapshot"}


def test_resources_are_only_models_settings_logins_and_charts() -> None:
    assert decorated("cache_resource") == RESOURCES


def test_every_cached_read_has_an_example() -> None:
    assert sorted(EXAMPLES) == sorted(READS)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The fixture store with one watched entity, as the app's store (PANTAU_DB)."""
    store = build_store(tmp_path / "pantau.duckdb")
    add_entity(store, "Polri", "polri")
    monkeypatch.setenv("PANTAU_DB", str(store.path))
    clear_streamlit_caches()
    yield store
    clear_streamlit_caches()


def one_more_text(store: Store) -> None:
    """A new text about Polri on 3 May 2025, imported behind the app's back."""
    insert_documents(store, "baru", documents([{
        "id": "baru", "text": "Polri buka posko mudik",
        "published_at": datetime(2025, 5, 3, 3)}]))


def volume(read: str) -> int:
    """The texts the read counts, over the fixture's whole period."""
    if read == "kpis":
        return int(query("kpis", ALL, hoax_threshold=0.5)["volume"])
    if read == "spike_series":
        return int(query("spike_series", ALL, bucket="day")["n"].sum())
    refresh_entity_hits(list_entities(queries.store()))
    summary = query("entity_summary", ALL).set_index("entity")
    return int(summary.loc["Polri", "n"])


@pytest.mark.parametrize("read", ["kpis", "spike_series", "entity_summary"])
def test_a_change_shows_once_the_caches_are_cleared(db: Store, read: str) -> None:
    before = volume(read)
    assert before == (EXPECTED["volume"] if read != "entity_summary" else 1)
    one_more_text(db)
    assert volume(read) == before, "cached for a minute"
    clear_caches()
    assert volume(read) == before + 1


def test_the_live_box_forgets_the_caches_once_for_all_viewers(db: Store) -> None:
    from analysis.store.sources import last_ingested

    before = volume("kpis")
    one_more_text(db)
    newest = last_ingested(db)
    assert newest is not None
    catch_up(newest)  # the first viewer whose live box sees the new text
    assert volume("kpis") == before + 1
    insert_documents(db, "later", documents([{"id": "later", "text": "Satu lagi",
                                              "published_at": datetime(2025, 5, 3, 4)}]))
    catch_up(newest)  # another viewer, same news: the caches, already fresh, are kept
    assert volume("kpis") == before + 1, "not cleared twice for the same text"
    catch_up(last_ingested(db) or newest)
    assert volume("kpis") == before + 2


def test_a_chart_is_built_once_and_forgotten_with_the_queries(db: Store) -> None:
    built: list[int] = []

    def build() -> list[int]:
        built.append(1)
        return [len(built)]

    first = figure("test", (ALL, "day"), build)
    assert figure("test", (ALL, "day"), build) is first and len(built) == 1
    assert figure("test", (ALL, "week"), build) == [2]
    clear_caches()
    assert figure("test", (ALL, "day"), build) == [3]


def forbid_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store connection from here on is read-only: a write raises."""
    connect = duckdb.connect

    def reading(database: str, *args: Any, **kwargs: Any) -> duckdb.DuckDBPyConnection:
        return connect(database, *args, **{**kwargs, "read_only": True})

    monkeypatch.setattr(duckdb, "connect", reading)


def test_no_cached_read_writes_to_the_store(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    one_more_text(db)  # an import the entity hits do not have yet
    refresh_entity_hits(list_entities(db))  # the page's one write, outside the cache
    forbid_writes(monkeypatch)
    for read, (filters, kwargs) in EXAMPLES.items():
        query(read, filters, **kwargs)
    assert int(query("entity_summary", ALL).set_index("entity").loc["Polri", "n"]) == 2


def test_the_cached_entity_reads_never_tag_even_when_texts_are_new(
        db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import in another process lands between the page's refresh and its reads: the cached
    read stays a read (it counts what is tagged), where the library's own read would tag."""
    refresh_entity_hits(list_entities(db))
    one_more_text(db)
    forbid_writes(monkeypatch)
    assert int(query("entity_summary", ALL).set_index("entity").loc["Polri", "n"]) == 1
    with pytest.raises(duckdb.Error, match="read-only"):
        entity_summary(db, ALL)  # refresh=True by default: it tags first, a write


def _narratives_page() -> None:
    import streamlit as st

    from dashboard.queries import NARRATIVES_KEPT, clear_caches

    if st.button("clear"):
        clear_caches()
        st.markdown(f"kept: {NARRATIVES_KEPT in st.session_state}")
    else:
        st.session_state[NARRATIVES_KEPT] = {"key": "a grouping"}


def test_clearing_forgets_the_narratives_this_session_kept() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_narratives_page)
    at.run()
    assert at.session_state["narr-results"] == {"key": "a grouping"}
    at.button[0].click().run()
    assert at.markdown[0].value == "kept: False"
