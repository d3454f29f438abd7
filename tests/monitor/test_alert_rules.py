"""The rules that raise alerts from the store: a watched entity's spike, a coordinated cluster
(not one made only of official accounts), and each rule's switch and params: on DuckDB
and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.insights.entities import add_entity
from analysis.monitor.alert_rules import DEFAULT_RULES, coordinated_cluster, entity_spike
from analysis.monitor.alerts import rules, set_rule
from analysis.reports.alert_wording import alert_message
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.clusters import replace_clusters
from analysis.store.documents import insert_documents
from analysis.store.scores import insert_scores
from tests.monitor.backends import BOTH, db_of
from tests.store_fixtures import documents, sentiment_scores

NOW = datetime(2025, 7, 20, 8, 0, tzinfo=UTC)  # 15:00 WIB


def settings_for(store: Store) -> Settings:
    return replace(Settings().with_db(db_of(store)), dashboard_url="http://pantau.local")


@BOTH
def test_a_watched_entitys_volume_spike_raises_one_event(store: Store) -> None:
    rows = []
    for days_ago in range(1, 15):  # two texts a day about the Kapolda, one other text
        day = NOW - timedelta(days=days_ago)
        rows += [{"id": f"k{days_ago}_{i}", "text": f"Kapolda meninjau pos {i}",
                  "published_at": day.replace(tzinfo=None)} for i in range(2)]
        rows.append({"id": f"o{days_ago}", "text": "Cuaca cerah",
                     "published_at": day.replace(tzinfo=None)})
    rows += [{"id": f"t{i}", "text": f"Kapolda dikritik warga soal antrean {i}",
              "author": f"akun{i}", "published_at": (NOW - timedelta(hours=3)).replace(
                  tzinfo=None)} for i in range(30)]
    insert_documents(store, "u1", documents(rows))
    add_entity(store, "Kapolda", "kapolda")
    found = entity_spike(store, settings_for(store), DEFAULT_RULES["entity_spike"], NOW)
    keys = [event["event_key"] for event in found]
    assert keys == ["entity_spike:Kapolda:volume:2025-07-20"]
    payload = found[0]["payload"]
    assert payload["observed"] == 30 and payload["baseline"] == 2
    assert len(payload["examples"]) == 3
    title, body = alert_message("entity_spike", payload, "http://pantau.local/entitas")
    assert title == "Lonjakan volume: Kapolda (2025-07-20)"
    assert "Kapolda disebut 30 teks pada 2025-07-20, biasanya sekitar 2" in body
    assert "http://pantau.local/entitas" in body and "@akun" in body


@BOTH
def test_a_negative_share_spike_is_its_own_event(store: Store) -> None:
    rows, labels = [], {}
    for days_ago in range(0, 15):
        day = (NOW - timedelta(days=days_ago, hours=1)).replace(tzinfo=None)
        for i in range(12):
            key = f"d{days_ago}_{i}"
            rows.append({"id": key, "text": f"Satlantas Polres {i}", "published_at": day})
            labels[key] = "negative" if days_ago == 0 or i == 0 else "positive"
    insert_documents(store, "u1", documents(rows))
    insert_scores(store, sentiment_scores(labels))
    add_entity(store, "Satlantas", "satlantas")
    found = entity_spike(store, settings_for(store), DEFAULT_RULES["entity_spike"], NOW)
    assert [e["event_key"] for e in found] == ["entity_spike:Satlantas:negative:2025-07-20"]
    _, body = alert_message("entity_spike", found[0]["payload"], None)
    assert "Porsi negatif tentang Satlantas 100 %" in body


@BOTH
def test_no_watchlist_no_spike(store: Store) -> None:
    assert entity_spike(store, settings_for(store), DEFAULT_RULES["entity_spike"], NOW) == []


def _clusters(store: Store, accounts: dict[str, list[str]]) -> None:
    at = pd.Timestamp(NOW - timedelta(hours=2))
    replace_clusters(store, pd.DataFrame([{
        "cluster_id": cid, "n_posts": 2 * len(names), "n_accounts": len(names),
        "accounts": names, "first_at": at - pd.Timedelta(minutes=20), "last_at": at,
        "span_minutes": 20.0, "coordination": 0.9, "text": "Sebarkan! Tolak kebijakan baru",
        "explanation": "x"} for cid, names in accounts.items()]),
        pd.DataFrame(columns=["doc_id", "cluster_id", "coordination"]))


@BOTH
def test_a_coordinated_cluster_raises_once_and_official_ones_not(store: Store) -> None:
    _clusters(store, {"c1": ["akun_a", "akun_b", "akun_c"],
                      "c2": ["polsek_geyer", "polres_grobogan", "humas_polda"],
                      "c3": ["akun_x", "akun_y"]})
    found = coordinated_cluster(store, settings_for(store),
                                DEFAULT_RULES["coordinated_cluster"], NOW)
    assert [e["event_key"] for e in found] == ["coordinated_cluster:c1"]
    title, body = alert_message("coordinated_cluster", found[0]["payload"], None)
    assert title == "Unggahan terkoordinasi: 3 akun, 6 unggahan"
    assert "akun_a, akun_b, akun_c" in body and "- Sebarkan! Tolak kebijakan baru" in body
    later = NOW + timedelta(days=2)
    assert coordinated_cluster(store, settings_for(store),
                               DEFAULT_RULES["coordinated_cluster"], later) == []


@BOTH
def test_rules_are_seeded_on_and_their_params_checked(store: Store) -> None:
    table = rules(store)
    assert table["kind"].tolist() == sorted(DEFAULT_RULES)
    assert table["active"].all()
    set_rule(store, "claim_spreading", active=False, params={"min_texts": "10"},
             updated_by="analis")
    row = rules(store).set_index("kind").loc["claim_spreading"]
    assert not row["active"] and row["params"]["min_texts"] == 10
    assert row["params"]["min_accounts"] == 3 and row["updated_by"] == "analis"
    with pytest.raises(ConfigError, match="no param"):
        set_rule(store, "claim_spreading", params={"colour": 1})
    with pytest.raises(ConfigError, match="not a number"):
        set_rule(store, "claim_spreading", params={"min_texts": "banyak"})
    with pytest.raises(ConfigError, match="No alert rule"):
        set_rule(store, "cuaca", active=True)
