"""Narratives: stored embeddings, spherical k-means, labels and shares."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ModelError
from analysis.insights.narratives import (
    MAX_K,
    centred,
    cluster,
    merged_centroids,
    narratives,
    spherical_kmeans,
)
from analysis.store import Store
from analysis.store.documents import insert_documents
from analysis.store.embeddings import load_embeddings, store_embeddings
from analysis.store.scores import insert_scores
from analysis.store.trends import Filters
from tests.store_fixtures import documents, hoax_scores, planted, sentiment_scores

VERSION = "test:planted"

TILANG = ["Tilang ETLE salah kirim, plat nomor saya dipakai orang lain",
          "Surat tilang ETLE datang padahal motor di rumah, kacau",
          "Kena tilang elektronik ETLE di lampu merah, dendanya mahal",
          "ETLE kirim tilang ke alamat lama, tolong diperbaiki sistemnya",
          "Bayar denda tilang ETLE lewat BRI ternyata gampang"]
BANJIR = ["Polisi bantu evakuasi warga korban banjir di Bekasi",
          "Banjir setinggi dada, anggota polres turun bawa perahu karet",
          "Terima kasih bapak polisi sudah bagikan makanan untuk korban banjir",
          "Posko banjir polsek buka dapur umum untuk pengungsi",
          "Tim SAR polisi cari warga hanyut terbawa arus banjir"]


def test_spherical_kmeans_recovers_two_planted_groups() -> None:
    x = centred(planted(40))
    labels, centroids = spherical_kmeans(x, 2)
    assert len(set(labels[:40])) == 1 and len(set(labels[40:])) == 1
    assert labels[0] != labels[40]
    assert np.allclose(np.linalg.norm(centroids, axis=1), 1.0)


@pytest.mark.parametrize("groups", [2, 3, 5])
def test_the_number_of_narratives_comes_from_the_texts(groups: int) -> None:
    labels, _ = cluster(planted(60, seed=groups, groups=groups))
    assert labels.max() + 1 == groups
    for g in range(groups):
        assert len(set(labels[g * 60:(g + 1) * 60])) == 1, "each planted group stays whole"


def test_many_distinct_groups_are_merged_down_to_the_most_shown() -> None:
    x = centred(planted(20, seed=7, groups=MAX_K + 4))
    assert len(merged_centroids(x)) == MAX_K


def test_clusters_are_numbered_by_size_and_few_texts_make_one() -> None:
    vectors = planted(40)[20:]  # 20 of the first group, 40 of the second
    labels, similarity = cluster(vectors, k=2)
    assert (labels[20:] == 0).all() and (labels[:20] == 1).all()
    assert ((similarity > 0) & (similarity <= 1.0001)).all()
    few, _ = cluster(planted(10))
    assert set(few) == {0}, "20 texts are fewer than two clusters' worth"
    assert cluster(np.zeros((0, 384)))[0].size == 0


def test_embeddings_are_stored_once_per_document_and_version(store: Store) -> None:
    vectors = planted(2)
    assert store_embeddings(store, ["a", "b", "c", "d"], vectors, "v1") == 4
    assert store_embeddings(store, ["a", "b", "e", "f"], vectors[::-1], "v1") == 2
    assert store_embeddings(store, ["a"], vectors[:1], "v2") == 1
    loaded = load_embeddings(store, ["a", "b", "zz"], "v1")
    assert sorted(loaded) == ["a", "b"]
    assert np.allclose(loaded["a"], vectors[0], atol=1e-6), "the first vector stays"
    with pytest.raises(ValueError, match="384"):
        store_embeddings(store, ["x"], np.zeros((1, 10)), "v1")


def _topics(store: Store, per_topic: int = 30) -> Store:
    """Two planted topics over six days with their stored vectors: tilang complaints
    (negative, a third hoax-flagged) on the first days, flood help (positive) later."""
    rows, sentiment, hoax = [], {}, {}
    for i in range(per_topic):
        rows.append({"id": f"t{i}", "text": f"{TILANG[i % 5]} ({i})",
                     "published_at": datetime(2025, 5, 1, 3) + timedelta(hours=5 * i),
                     "author": f"pengendara{i % 4}", "url": f"https://x.com/t{i}"})
        sentiment[f"t{i}"], hoax[f"t{i}"] = "negative", 0.9 if i % 3 == 0 else 0.1
        rows.append({"id": f"b{i}", "text": f"{BANJIR[i % 5]} ({i})",
                     "published_at": datetime(2025, 5, 3, 3) + timedelta(hours=4 * i),
                     "author": f"relawan{i % 6}"})
        sentiment[f"b{i}"], hoax[f"b{i}"] = "positive", 0.05
    insert_documents(store, "u1", documents(rows))
    insert_scores(store, sentiment_scores(sentiment))
    insert_scores(store, hoax_scores(hoax))
    vectors = planted(per_topic, seed=3)
    store_embeddings(store, [f"t{i}" for i in range(per_topic)], vectors[:per_topic], VERSION)
    store_embeddings(store, [f"b{i}" for i in range(per_topic)], vectors[per_topic:], VERSION)
    return store


def test_narratives_describe_each_planted_topic(store: Store) -> None:
    _topics(store)
    found = narratives(store, Filters(), None, model_version=VERSION, bucket="day")
    assert (found.k, found.sampled, found.total) == (2, 60, 60)
    clusters = found.clusters.set_index("cluster")
    rows: list[Any] = list(clusters.itertuples())
    by_label = {("etle" in row.terms): row for row in rows}
    tilang, banjir = by_label[True], by_label[False]
    assert "banjir" in banjir.terms and "etle" not in banjir.terms
    assert (tilang.size, banjir.size) == (30, 30)
    assert (tilang.negative, tilang.positive, banjir.positive) == (1.0, 0.0, 1.0)
    assert tilang.hoax_share == pytest.approx(10 / 30) and banjir.hoax_share == 0.0
    assert clusters["share"].sum() == pytest.approx(1.0)
    assert all(ex["id"].startswith("t") for ex in tilang.examples)
    assert len(tilang.examples) == 5
    assignments = found.assignments
    assert {assignments[f"t{i}"] for i in range(30)} == {tilang.Index}
    timeline = found.timeline
    assert timeline["n"].sum() == 60
    first_day = timeline[timeline["bucket"] == pd.Timestamp(2025, 5, 1)]
    assert first_day[["cluster", "share"]].values.tolist() == [[tilang.Index, 1.0]]


def test_a_sample_is_capped_and_the_same_every_time(store: Store) -> None:
    _topics(store)
    first = narratives(store, Filters(), None, k=2, sample=25, model_version=VERSION)
    again = narratives(store, Filters(), None, k=2, sample=25, model_version=VERSION)
    assert (first.sampled, first.total) == (25, 60)
    assert first.posts["id"].tolist() == again.posts["id"].tolist()
    assert first.assignments.equals(again.assignments)
    assert first.clusters["estimated"].sum() == pytest.approx(60, abs=1)


def test_missing_embeddings_need_the_encoder(store: Store) -> None:
    _topics(store)
    insert_documents(store, "u2", documents([{"id": "new", "text": "Teks baru tanpa vektor",
                                              "published_at": datetime(2025, 5, 2)}]))
    with pytest.raises(ModelError, match="1 texts have no stored embedding"):
        narratives(store, Filters(), None, model_version=VERSION)


@pytest.mark.slow
def test_the_real_encoder_separates_two_topics_and_stores_their_vectors(
        store: Store, encoder: Any) -> None:
    rows = [{"id": f"t{i}", "text": text, "published_at": datetime(2025, 5, 1, i)}
            for i, text in enumerate(TILANG * 4)]
    rows += [{"id": f"b{i}", "text": text, "published_at": datetime(2025, 5, 2, i)}
             for i, text in enumerate(BANJIR * 4)]
    for row in rows:
        row["text"] = f"{row['text']} {'!' * (int(str(row['id'])[1:]) // 5)}"
    insert_documents(store, "u1", documents(rows))
    seen: list[tuple[int, int]] = []
    found = narratives(store, Filters(), encoder, progress=lambda d, n: seen.append((d, n)))
    assert seen[-1] == (40, 40) and found.k == 2
    groups = found.assignments
    assert len({groups[f"t{i}"] for i in range(20)}) == 1
    assert len({groups[f"b{i}"] for i in range(20)}) == 1
    assert groups["t0"] != groups["b0"]
    labels = " ".join(found.clusters["label"])
    assert "etle" in labels and "banjir" in labels
    assert store.scalar("SELECT count(*) FROM embeddings") == 40
    again = narratives(store, Filters(), None)  # stored vectors only: no encoder
    assert again.assignments.equals(groups)


def test_words_in_most_texts_name_the_period_not_a_narrative(store: Store) -> None:
    from analysis.insights.narratives import common_terms

    rows = []
    for i in range(30):
        rows.append({"id": f"t{i}", "text": f"Polri: {TILANG[i % 5]} ({i})",
                     "published_at": datetime(2025, 5, 1, 3) + timedelta(hours=5 * i)})
        rows.append({"id": f"b{i}", "text": f"Polri: {BANJIR[i % 5]} ({i})",
                     "published_at": datetime(2025, 5, 3, 3) + timedelta(hours=4 * i)})
    insert_documents(store, "u1", documents(rows))
    vectors = planted(30, seed=3)
    store_embeddings(store, [f"t{i}" for i in range(30)], vectors[:30], VERSION)
    store_embeddings(store, [f"b{i}" for i in range(30)], vectors[30:], VERSION)
    found = narratives(store, Filters(), None, model_version=VERSION, bucket="day")
    assert found.k == 2 and found.common == ["polri"]
    assert all("polri" not in terms for terms in found.clusters["terms"])
    assert {terms[0] for terms in found.clusters["terms"]} <= {"etle", "tilang", "banjir"}
    assert common_terms([Counter({"a": 3, "b": 1}), Counter({"a": 2, "c": 2})], 8) == ["a"]
    assert common_terms([Counter({"a": 2})], 4) == []  # half is not most


def test_laughter_and_chat_fillers_are_no_narrative_words() -> None:
    from analysis.insights.terms import terms

    text = ("Hahahaa lmao iya sih, ngakak wkwkwk hehehe parah, mengakak hihi xixixi huhuhu LOL "
            "tilang ETLE haha")
    assert terms(text) == ["parah", "tilang", "etle"]
    assert terms("Hak warga dihormati, hakim adil") == ["hak", "warga", "dihormati", "hakim",
                                                        "adil"]
