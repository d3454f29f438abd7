"""Why a spike happened: its distinctive terms, accounts and example posts."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from analysis.insights.spikes import explain_spike
from analysis.store import Store
from analysis.store.filters import Filters
from tests.spike_fixtures import BURST_DAY, build, day_counts


def test_a_spike_is_explained_by_its_planted_terms_accounts_and_posts(store: Store) -> None:
    build(store)
    explained = explain_spike(store, Filters(), pd.Timestamp(2025, 3, 21), "day", "volume")
    assert explained["texts"] == day_counts(BURST_DAY) + 60
    top = explained["terms"]["term"].tolist()
    assert {"etle", "tilang", "kacau"} <= set(top[:7])
    assert not {"https", "humas_polda", "co", "ke"} & set(top), "no links, mentions, stopwords"
    assert explained["accounts"].iloc[0][["author", "n"]].tolist() == ["akun_viral", 30]
    assert explained["accounts"].iloc[0]["engagement"] == 30 * 12
    examples = explained["examples"]
    assert len(examples) == 3, "one post per wording: copies are counted, not repeated"
    assert all("ETLE" in text for text in examples["text"])
    assert sorted(examples["copies"]) == [20, 20, 20]
    assert examples["matched"].map(lambda found: "etle" in found).all()


def test_negative_spike_terms_come_from_the_negative_texts(store: Store) -> None:
    build(store, negative_burst=True)
    explained = explain_spike(store, Filters(), datetime(2025, 3, 21), "day", "negative")
    negatives = sum(k % 5 != 3 for k in range(day_counts(BURST_DAY))) + 60
    assert explained["texts"] == negatives
    assert explained["terms"]["term"].iloc[0] in {"etle", "tilang", "kacau", "kirim", "sistemnya"}
