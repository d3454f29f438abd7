"""The sidebar filters every page shares: what they change, the default period, and the
filters kept across pages and in a shareable address."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store.documents import insert_documents
from dashboard import filters
from tests.dashboard.apptest import kpis, run, start
from tests.dashboard_fixtures import (
    EXPECTED,
    HOAX_ORDER,
    build_store,
)


def test_platform_filter_changes_the_volume(app: AppTest) -> None:
    run(app)
    assert app.sidebar.multiselect[0].options == ["X / Twitter", "Instagram", "YouTube"]
    app.sidebar.multiselect[0].select("twitter")
    run(app)
    assert kpis(app)["Volume teks"][0] == str(EXPECTED["twitter_volume"])
    app.sidebar.multiselect[0].select("instagram")
    run(app)
    volume = EXPECTED["twitter_volume"] + EXPECTED["instagram_volume"]
    assert kpis(app)["Volume teks"][0] == str(volume)
    assert not app.main.warning, "the only unscored text is on youtube"


def test_filters_are_kept_in_the_address_and_read_from_a_shared_link(app: AppTest) -> None:
    run(app)
    app.sidebar.date_input[0].set_value((date(2025, 5, 2), date(2025, 5, 3)))
    app.sidebar.multiselect[0].select("twitter")
    app.sidebar.text_input[0].input("sepeda")
    run(app)
    params = {k: v if isinstance(v := app.query_params[k], list) else [v]
              for k in app.query_params}
    assert params == {"dari": ["2025-05-02"], "sampai": ["2025-05-03"],
                      "platform": ["twitter"], "q": ["sepeda"]}


def test_a_shared_link_opens_with_its_filters(app: AppTest) -> None:
    app.query_params["platform"] = ["twitter", "instagram"]
    app.query_params["q"] = "-sepeda"
    app.query_params["dari"] = "2025-05-01"
    app.query_params["sampai"] = "2025-05-02"
    run(app)
    assert app.sidebar.multiselect[0].value == ["twitter", "instagram"]
    # twitter + instagram on 1–2 May: t1 t2 t3 i1 i2; "-sepeda" leaves out t2 and i2
    assert kpis(app)["Volume teks"][0] == "3"


def test_period_filter_changes_the_volume(app: AppTest) -> None:
    run(app)
    assert app.sidebar.date_input[0].value == (date(2025, 5, 1), date(2025, 5, 5))
    app.sidebar.date_input[0].set_value((date(2025, 5, 1), date(2025, 5, 1)))
    run(app)
    assert kpis(app)["Volume teks"][0] == "3"


def _with_an_old_post(path: Path) -> None:
    from tests.store_fixtures import documents

    store = build_store(path)
    insert_documents(store, "lama", documents([{
        "id": "old", "text": "unggahan lama", "published_at": "2024-01-10T03:00:00Z"}]))


def test_the_first_view_is_the_last_30_days_with_data(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert filters.default_period(date(2024, 1, 10), date(2025, 5, 5)) == (date(2025, 4, 6),
                                                                          date(2025, 5, 5))
    assert filters.default_period(date(2025, 5, 1), date(2025, 5, 5)) == (date(2025, 5, 1),
                                                                        date(2025, 5, 5))
    at = next(start(tmp_path, monkeypatch, _with_an_old_post))
    run(at)
    assert at.sidebar.date_input[0].value == (date(2025, 4, 6), date(2025, 5, 5))
    assert "dari" not in at.query_params  # the default needs no address
    assert kpis(at)["Volume teks"][0] == "9"
    at.sidebar.date_input[0].set_value((date(2024, 1, 10), date(2025, 5, 5)))
    run(at)
    assert at.query_params["dari"] == "2024-01-10"
    assert kpis(at)["Volume teks"][0] == "10"


def test_filters_survive_a_page_switch(app: AppTest) -> None:
    run(app)
    app.sidebar.multiselect[0].select("twitter")
    run(app)
    run(app, "halaman/hoaks.py")
    assert app.sidebar.multiselect[0].value == ["twitter"]
    twitter_scored = [doc_id for doc_id in HOAX_ORDER if doc_id.startswith("t")]
    assert len(app.metric) == len(twitter_scored)
    run(app, "halaman/ringkasan.py")
    assert kpis(app)["Volume teks"][0] == str(EXPECTED["twitter_volume"])
