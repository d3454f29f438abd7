"""A month of routine posts with one planted burst on day 20: the store the spike tests read."""

from __future__ import annotations

from datetime import datetime, timedelta

from analysis.store import Store
from analysis.store.documents import insert_documents
from analysis.store.scores import insert_scores
from tests.store_fixtures import documents, sentiment_scores

ROUTINE = ["Macet panjang di jalan raya pagi ini", "Pelayanan samsat keliling cepat",
           "Cuaca panas sekali hari ini", "Patroli malam di kampung aman",
           "Harga beras naik lagi di pasar"]
BURSTS = ["Tilang ETLE salah kirim ke warga, sistemnya kacau https://t.co/x @humas_polda",
          "ETLE kacau! Surat tilang nyasar ke rumah warga",
          "Sistem tilang ETLE kacau, salah kirim lagi @humas_polda"]
BURST_DAY = 20
FIRST = datetime(2025, 3, 1, 2, 0)  # 09:00 WIB


def day_counts(day: int) -> int:
    return 18 + (day * 7) % 5  # 18..22 texts a day: a steady, not flat, series


def build(store: Store, burst: int = 60, negative_burst: bool = False,
           burst_hour: int = 0) -> Store:
    """30 days of routine posts (a fifth negative); on day 20 ``burst`` extra posts about ETLE
    by a handful of accounts, or (``negative_burst``) the same volume turned negative."""
    rows: list[dict[str, object]] = []
    labels: dict[str, str] = {}
    for day in range(30):
        for k in range(day_counts(day)):
            doc_id = f"r{day}-{k}"
            rows.append({"id": doc_id, "text": f"{ROUTINE[k % 5]} ({k})",
                         "published_at": FIRST + timedelta(days=day, minutes=10 * k),
                         "author": f"warga{k % 7}", "platform": "twitter"})
            negative = k % 5 == 0 or (negative_burst and day == BURST_DAY and k % 5 != 3)
            labels[doc_id] = "negative" if negative else "neutral"
        if day == BURST_DAY:
            for k in range(burst):
                doc_id = f"b{k}"
                rows.append({"id": doc_id, "text": f"{BURSTS[k % 3]} #{k}",
                             "published_at": FIRST + timedelta(days=day, hours=burst_hour,
                                                               minutes=k % 50),
                             "author": "akun_viral" if k % 2 else f"pendukung{k % 4}",
                             "platform": "twitter", "likes": 10, "shares": 2})
                labels[doc_id] = "negative"
    insert_documents(store, "u1", documents(rows))
    insert_scores(store, sentiment_scores(labels))
    return store
