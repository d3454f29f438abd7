"""Inputs that take the dashboard over: a post dated 2099 (everyone's default period), a
period that starts after it ends, a keyword query the size of a book."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.ingest import IngestOptions, open_export
from analysis.store.filters import MAX_QUERY_LENGTH, MAX_TERM_LENGTH, query_terms
from tests.dashboard.apptest import kpis, run


def _rows(tmp_path: Path, dates: list[str], fast: bool) -> tuple[list[str], list[tuple[int, str]]]:
    path = tmp_path / "masa_depan.csv"
    lines = ["tanggal,komentar"] + [f"{d},komentar nomor {i} yang cukup panjang"
                                     for i, d in enumerate(dates)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    export = open_export(path, IngestOptions(fast=fast))
    kept, rejected = [], []
    for batch in export.batches():
        kept += [str(t) for t in batch.records["published_at"]]
        rejected += [(r.row, r.code) for r in batch.rejects]
    return kept, rejected


@pytest.mark.parametrize("fast", [True, False])
def test_a_post_dated_in_the_future_is_rejected_with_its_reason(tmp_path: Path,
                                                                fast: bool) -> None:
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    kept, rejected = _rows(tmp_path, ["2025-07-08 10:00", "2099-01-01 10:00", tomorrow,
                                      "2025-07-09 10:00"], fast)
    assert rejected == [(3, "future_date")]
    assert len(kept) == 3, "tomorrow is within the tolerance for clocks and zones"


def test_a_period_that_starts_after_it_ends_is_refused(app: AppTest) -> None:
    app.query_params["dari"] = "2025-05-04"
    app.query_params["sampai"] = "2025-05-02"
    run(app)
    assert any("setelah" in e.value for e in app.sidebar.error), "no word on the refused period"
    assert app.sidebar.date_input[0].value == (date(2025, 5, 1), date(2025, 5, 5))
    app.sidebar.date_input[0].set_value((date(2025, 5, 4), date(2025, 5, 2)))
    run(app)
    assert any("setelah" in e.value for e in app.sidebar.error)


def test_the_keyword_query_is_capped_in_the_library() -> None:
    include, exclude = query_terms(("x" * 200_000 + " ") * 8)
    assert sum(map(len, include + exclude)) <= MAX_QUERY_LENGTH
    assert all(len(w) <= MAX_TERM_LENGTH for w in include + exclude)
    include, _ = query_terms(" ".join(f"kata{i}" for i in range(100)))
    assert len(include) <= 8


@pytest.mark.timeout(60)
def test_the_keyword_box_is_capped_and_a_huge_query_stays_fast(app: AppTest) -> None:
    run(app)
    box = app.sidebar.text_input[0]
    assert box.max_chars == MAX_QUERY_LENGTH
    box.input(("polisi" * 33_000 + " ") * 8)  # what a replayed widget message may carry
    began = time.monotonic()
    run(app)
    assert time.monotonic() - began < 10
    assert len(app.query_params.get("q", "")) <= MAX_QUERY_LENGTH


@pytest.mark.timeout(60)
def test_a_huge_query_in_a_link_is_cut_to_the_cap(app: AppTest) -> None:
    app.query_params["q"] = ("polisi" * 800 + " ") * 8  # longer ones do not reach the app
    began = time.monotonic()
    run(app)
    assert time.monotonic() - began < 10
    assert len(app.sidebar.text_input[0].value) <= MAX_QUERY_LENGTH
    assert len(app.query_params["q"]) <= MAX_QUERY_LENGTH
    assert kpis(app)["Volume teks"][0] == "0"
