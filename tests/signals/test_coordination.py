"""Coordinated posting: near-duplicate texts from many accounts within a short time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.settings import DATA_DIR
from analysis.signals.coordination import (
    CLUSTER_COLUMNS,
    canonicalize,
    find_clusters,
    near_duplicate_groups,
    signatures,
)

T0 = pd.Timestamp("2025-07-08 10:00", tz="UTC")
HOAX = (
    "Waspada! Vaksin booster mengandung chip pelacak, pemerintah menyembunyikan fakta ini "
    "dari rakyat. Sebarkan sebelum dihapus, jangan mau disuntik di puskesmas manapun"
)
OTHER = (
    "Polres Bogor membuka layanan SIM keliling di alun-alun setiap Sabtu pagi, warga cukup "
    "membawa KTP dan SIM lama untuk perpanjangan"
)
EDITS = [
    lambda t: t,
    lambda t: t + " 😡😡",
    lambda t: t.replace("pelacak", "pelcak"),
    lambda t: t + " 🙏",
    lambda t: t.replace("rakyat", "rakyta").replace("Sebarkan", "Sebarkn") + " !!!",
    lambda t: t.upper(),
]


def posts(rows: list[tuple[str, str | None, str, float]]) -> pd.DataFrame:
    """(id, author, text, minutes after T0) rows as the frame find_clusters reads."""
    return pd.DataFrame({
        "id": [r[0] for r in rows],
        "author": [r[1] for r in rows],
        "text": [r[2] for r in rows],
        "published_at": [T0 + pd.Timedelta(minutes=r[3]) for r in rows],
    })  # fmt: skip


def burst(text: str, accounts: int, minutes: float, prefix: str = "b") -> list:
    """``accounts`` accounts post lightly edited copies of ``text``, evenly over ``minutes``."""
    return [
        (f"{prefix}{k}", f"akun_{prefix}{k}", f"@target{k} {EDITS[k % len(EDITS)](text)}",
         minutes * k / (accounts - 1))
        for k in range(accounts)
    ]  # fmt: skip


def demo_tweets() -> pd.DataFrame:
    raw = pd.read_csv(DATA_DIR / "demo" / "vaccine_tweets_2021.csv")
    return pd.DataFrame({"id": raw["url"], "author": raw["user"], "text": raw["content"],
                         "published_at": pd.to_datetime(raw["date"], utc=True)})  # fmt: skip


def background(n: int = 60) -> list:
    """Unrelated demo tweets, all within the same hour, from distinct accounts."""
    tweets = demo_tweets().head(n)
    return [(f"bg{k}", f"warga{k}", text, k % 60) for k, text in enumerate(tweets["text"])]


def test_canonical_text_drops_what_campaigns_vary() -> None:
    texts = ["@Budi_1 LIHAT https://t.co/xYz #PolriPresisi!!! 😂😂 𝐕𝐚𝐤𝐬𝐢𝐧  aman", None]
    assert canonicalize(texts).to_pylist() == ["lihat polripresisi vaksin aman", ""]
    assert canonicalize(["@a @b teks, sama  saja 🔥 www.x.id/y"]).to_pylist() == ["teks sama saja"]


def test_signatures_estimate_jaccard_of_shingles() -> None:
    texts = demo_tweets()["text"].head(300).tolist()
    edited = [t.replace("a", "e", 3) for t in texts]
    a, b = canonicalize(texts).to_pylist(), canonicalize(edited).to_pylist()

    def shingles(t: str) -> set[bytes]:
        data = t.encode()
        return {data[i : i + 5] for i in range(len(data) - 4)}

    exact = np.array([len(shingles(x) & shingles(y)) / len(shingles(x) | shingles(y))
                      for x, y in zip(a, b, strict=True)])  # fmt: skip
    estimate = (signatures(canonicalize(texts)) == signatures(canonicalize(edited))).mean(axis=1)
    assert abs(float((estimate - exact).mean())) < 0.02
    assert float(np.abs(estimate - exact).mean()) < 0.06


def test_burst_of_14_accounts_in_9_minutes_is_one_cluster() -> None:
    found = find_clusters(posts(burst(HOAX, 14, 9) + background()))
    assert len(found.clusters) == 1
    cluster = found.clusters.iloc[0]
    assert (cluster["n_posts"], cluster["n_accounts"], cluster["span_minutes"]) == (14, 14, 9.0)
    assert cluster["explanation"] == "14 accounts posted the same text within 9 minutes"
    assert cluster["accounts"] == [f"akun_b{k}" for k in range(14)]
    assert cluster["first_at"] == T0 and cluster["last_at"] == T0 + pd.Timedelta(minutes=9)
    assert list(found.clusters.columns) == CLUSTER_COLUMNS
    assert set(found.membership["id"]) == {f"b{k}" for k in range(14)}
    signal = found.signal(["b0", "b13", "bg0", "unknown"])
    assert signal["b0"] == signal["b13"] == pytest.approx(0.77, abs=0.01)
    assert signal["bg0"] == signal["unknown"] == 0.0
    timeline = found.timeline(cluster["cluster_id"])
    assert list(timeline["author"]) == [f"akun_b{k}" for k in range(14)]
    assert timeline["minute"].iloc[0] == 0.0 and timeline["minute"].iloc[-1] == 9.0
    assert timeline["published_at"].is_monotonic_increasing


def test_same_text_over_three_days_needs_a_window_that_long() -> None:
    spread = posts(burst(HOAX, 14, 3 * 1440))
    assert find_clusters(spread, window_minutes=60).clusters.empty
    found = find_clusters(spread, window_minutes=3 * 1440)
    assert found.clusters["n_accounts"].tolist() == [14]
    assert found.clusters["span_minutes"].tolist() == [3 * 1440.0]
    assert found.clusters["explanation"].iloc[0].endswith("within 3 days")
    assert found.clusters["coordination"].iloc[0] < 0.01


def test_one_account_posting_many_times_is_not_coordination() -> None:
    alone = [(f"s{k}", "spammer", HOAX, k * 0.2) for k in range(20)]
    assert find_clusters(posts(alone)).clusters.empty
    spellings = ["@Spammer", "spammer ", "SPAMMER"]
    with_friend = alone + [(f"v{k}", name, HOAX, 1) for k, name in enumerate(spellings)]
    assert find_clusters(posts(with_friend + [("f", "friend", HOAX, 2)])).clusters.empty
    found = find_clusters(posts(alone + [("f", "friend", HOAX, 2), ("g", "other", HOAX, 3)]))
    assert found.clusters[["n_posts", "n_accounts"]].values.tolist() == [[22, 3]]
    assert found.clusters["explanation"].iloc[0].endswith("(22 posts)")


def test_short_texts_are_never_clustered() -> None:
    for text in ["mantap pak", "setuju banget sama bapak", "@polri 👍👍 mantap pak!!! #presisi"]:
        assert find_clusters(posts(burst(text, 20, 1))).clusters.empty
    five_words = "tolong usut tuntas kasus ini"
    assert len(find_clusters(posts(burst(five_words, 20, 1))).clusters) == 1


def test_unrelated_texts_do_not_merge() -> None:
    tweets = demo_tweets()["text"].head(500).tolist()
    groups = near_duplicate_groups(tweets)
    eligible = groups[groups >= 0]
    assert len(np.unique(eligible)) >= len(eligible) - 5
    two = posts(burst(HOAX, 5, 3, "h") + burst(OTHER, 4, 3, "o") + background())
    found = find_clusters(two)
    members = found.membership.groupby("cluster_id")["id"].agg(lambda s: sorted(s)[0][0])
    assert sorted(members) == ["h", "o"]
    assert sorted(found.clusters["n_accounts"]) == [4, 5]


def test_accounts_and_window_limits_are_inclusive() -> None:
    three = [("a", "ani", HOAX, 0), ("b", "budi", HOAX + " 🔥", 30), ("c", "citra", HOAX, 60)]
    found = find_clusters(posts(three), min_accounts=3, window_minutes=60)
    assert found.clusters["span_minutes"].tolist() == [60.0]
    assert find_clusters(posts(three), min_accounts=4, window_minutes=60).clusters.empty
    assert find_clusters(posts(three), min_accounts=3, window_minutes=59.99).clusters.empty
    late = three[:2] + [("c", "citra", HOAX, 60 + 1 / 60)]
    assert find_clusters(posts(late), min_accounts=3, window_minutes=60).clusters.empty
    assert len(find_clusters(posts(three[:2]), min_accounts=2, window_minutes=30).clusters) == 1
    with pytest.raises(ConfigError):
        find_clusters(posts(three), min_accounts=1)


def test_pushed_twice_a_day_gives_two_clusters_and_chained_windows_one() -> None:
    morning = burst(HOAX, 5, 10, "m")
    evening = [(f"e{k}", author, text, minute + 600) for k, (_, author, text, minute)
               in enumerate(burst(HOAX, 4, 10, "e"))]  # fmt: skip
    found = find_clusters(posts(morning + evening))
    assert sorted(found.clusters["n_posts"]) == [4, 5]
    chained = [(f"c{k}", f"akun{k}", HOAX, 25 * k) for k in range(8)]  # every 25 minutes
    found = find_clusters(posts(chained), min_accounts=3, window_minutes=60)
    assert found.clusters[["n_accounts", "span_minutes"]].values.tolist() == [[8, 175.0]]


def test_cluster_ids_are_stable_across_runs_and_order() -> None:
    frame = posts(burst(HOAX, 14, 9) + burst(OTHER, 6, 20, "o") + background())
    first = find_clusters(frame)
    shuffled = frame.sample(frac=1.0, random_state=3).set_index(np.arange(len(frame)) * 7)
    second = find_clusters(shuffled)
    assert first.clusters["cluster_id"].tolist() == second.clusters["cluster_id"].tolist()
    pd.testing.assert_frame_equal(
        first.membership.sort_values("id", ignore_index=True),
        second.membership.sort_values("id", ignore_index=True),
    )
    assert find_clusters(frame).clusters.equals(first.clusters)


def test_empty_input_and_missing_authors() -> None:
    empty = find_clusters(posts([]))
    assert empty.clusters.empty and list(empty.clusters.columns) == CLUSTER_COLUMNS
    assert empty.membership.empty and empty.signal(["x"]).tolist() == [0.0]
    with pytest.raises(KeyError):
        empty.timeline("nope")
    rows = burst(HOAX, 14, 9)
    for k, missing in zip(range(4), [None, "", "  ", np.nan], strict=True):
        rows[k] = (rows[k][0], missing, rows[k][2], rows[k][3])
    found = find_clusters(posts(rows))
    assert found.clusters[["n_posts", "n_accounts"]].values.tolist() == [[14, 10]]
    assert find_clusters(posts(rows), min_accounts=11).clusters.empty
    anonymous = posts(rows).assign(author=None)
    assert find_clusters(anonymous).clusters.empty
    assert find_clusters(anonymous.drop(columns="author")).clusters.empty


def test_demo_tweets_give_few_real_clusters() -> None:
    tweets = demo_tweets()
    found = find_clusters(tweets, min_accounts=3, window_minutes=60)
    assert 1 <= len(found.clusters) <= 20
    for cluster in found.clusters.itertuples():
        timeline = found.timeline(cluster.cluster_id)
        users = timeline.set_index("published_at")["author"]
        assert any(
            users[start : start + pd.Timedelta(minutes=60)].nunique() >= 3 for start in users.index
        )
        assert cluster.n_accounts == timeline["author"].nunique() >= 3
    top = found.clusters.iloc[0]
    assert "Presiden RI Jadi Orang Pertama" in top["text"]
    wider = find_clusters(tweets, min_accounts=3, window_minutes=1440)
    assert set(found.membership["id"]) <= set(wider.membership["id"])


def test_a_burst_official_accounts_take_part_in_stays_a_cluster_but_adds_nothing() -> None:
    rows = burst(OTHER, 6, 20)
    rows[0] = (rows[0][0], "@PolresBogor", *rows[0][2:])
    rows[3] = (rows[3][0], "humas_polda_jabar", *rows[3][2:])
    found = find_clusters(posts(rows + burst(HOAX, 5, 10, prefix="h") + background()))
    assert len(found.clusters) == 2
    first, second = found.clusters.itertuples()
    assert first.official == [] and first.coordination > 0.3  # the campaign ranks first
    assert second.official == ["@PolresBogor", "humas_polda_jabar"]
    assert second.coordination == 0.0 and second.n_accounts == 6
    assert second.explanation.endswith("official accounts among them (@PolresBogor, "
                                       "humas_polda_jabar): an official post amplified, "
                                       "not hoax evidence")
    assert found.signal([rows[1][0]]).iloc[0] == 0.0


def test_accounts_named_official_by_the_operator_count_as_official() -> None:
    rows = burst(OTHER, 4, 20)
    plain = find_clusters(posts(rows))
    named = find_clusters(posts(rows), official=["@AKUN_B2"])
    assert plain.clusters["official"].iloc[0] == [] and plain.clusters["coordination"].iloc[0] > 0
    assert named.clusters["official"].iloc[0] == ["akun_b2"]
    assert named.clusters["coordination"].iloc[0] == 0.0


def test_the_demo_bursts_are_police_units_amplifying_their_posts() -> None:
    found = find_clusters(demo_tweets(), min_accounts=3, window_minutes=60)
    assert all(found.clusters["official"].map(len) > 0)
    assert (found.membership["coordination"] == 0).all()
