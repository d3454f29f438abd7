"""The charts the pages draw (dashboard/charts.py, charts_analytics.py): what a click selects."""

from __future__ import annotations


def test_a_clicked_bar_gives_its_bucket_and_series() -> None:
    from datetime import datetime

    from dashboard.charts import clicked
    from dashboard.charts_analytics import clicked_series

    bar = {"x": "2025-05-03 07:00", "customdata": [12, "Polda Jateng"]}
    assert clicked_series([{"y": 3}, bar]) == (datetime(2025, 5, 3, 7), "Polda Jateng")
    assert clicked_series([{"x": "2025-05-03", "customdata": [12]}]) is None
    assert clicked([{"x": "2025-05-03", "customdata": [4, "negative"]}]) == {
        "start": datetime(2025, 5, 3), "label": "negative"}
    assert clicked([{"x": "2025-05-03", "customdata": [4, "youtube"]}]) == {
        "start": datetime(2025, 5, 3), "platform": "youtube"}
    assert clicked([]) is None
