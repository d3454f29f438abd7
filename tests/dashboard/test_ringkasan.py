"""Ringkasan (overview): the six KPIs against the previous period, the trend charts and the
hoax alerts, through AppTest on the fixture store."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest import charts, kpis, numbers, run
from tests.dashboard_fixtures import (
    EXPECTED,
)


def test_summary_shows_the_six_kpis(app: AppTest) -> None:
    run(app)
    assert app.title[0].value == "Pantau — Pemantauan Opini Publik"
    assert kpis(app) == {
        "Volume teks": (str(EXPECTED["volume"]), ""),
        "Positif": (EXPECTED["positive_share"], ""),
        "Negatif": (EXPECTED["negative_share"], ""),
        "Sentimen bersih": (EXPECTED["net"], ""),
        "Terindikasi hoaks": (str(EXPECTED["hoax_flagged"]), ""),
        "Kluster aktif": ("1", ""),
    }
    assert "Tidak ada data pada periode sebelumnya untuk pembanding." in [
        c.value for c in app.caption]
    assert [w.value for w in app.main.warning] == [
        f"{EXPECTED['unscored']} teks belum dinilai model: nilai di halaman Unggah "
        "(tombol Nilai sekarang)."
    ]


def test_summary_draws_volume_and_sentiment_charts(app: AppTest) -> None:
    volume, sentiment, spikes = charts(run(app))
    assert spikes["layout"]["title"]["text"].startswith("Volume per")  # with spikes marked
    assert volume["layout"]["title"]["text"] == "Volume per hari"
    assert sorted(trace["name"] for trace in volume["data"]) == [
        "Instagram",
        "X / Twitter",
        "YouTube",
    ]
    assert sum(sum(numbers(trace["y"])) for trace in volume["data"]) == EXPECTED["volume"]
    assert sentiment["layout"]["title"]["text"] == "Porsi sentimen per hari"
    assert [trace["name"] for trace in sentiment["data"]] == ["Negatif", "Netral", "Positif"]
    for figure in (volume, sentiment):
        assert figure["layout"]["xaxis"]["tickformat"] == "%d/%m/%Y"
        assert figure["layout"]["separators"] == ",.", "Indonesian: decimal comma"
    assert volume["layout"]["xaxis"]["range"] == sentiment["layout"]["xaxis"]["range"], (
        "both charts span the chosen period, even on days without scored texts"
    )
    assert volume["layout"]["yaxis"]["dtick"] == 1, "small counts get whole-number ticks"


def test_kpis_compare_with_the_previous_period(app: AppTest) -> None:
    run(app)
    app.sidebar.date_input[0].set_value((date(2025, 5, 3), date(2025, 5, 4)))
    run(app)
    assert kpis(app) == {
        "Volume teks": ("3", "-2"),
        "Positif": ("67%", "+26,7 poin"),
        "Negatif": ("33%", "+13,3 poin"),
        "Sentimen bersih": ("+0,33", "+0,13"),
        "Terindikasi hoaks": ("1", "-1"),
        "Kluster aktif": ("0", "-1"),
    }
    assert any("01/05/2025–02/05/2025" in c.value for c in app.caption)


def test_an_unchanged_kpi_reads_plus_minus_zero_in_grey(app: AppTest) -> None:
    run(app)
    app.sidebar.date_input[0].set_value((date(2025, 5, 3), date(2025, 5, 4)))
    run(app)
    clusters = next(m for m in app.metric if m.label == "Kluster aktif")
    assert clusters.proto.delta == "-1"
    app.sidebar.date_input[0].set_value((date(2025, 5, 4), date(2025, 5, 4)))
    run(app)
    flat = {m.label: m.proto for m in app.metric}["Kluster aktif"]
    assert (flat.body, flat.delta) == ("0", "±0")
    assert flat.color == 2  # grey: MetricProto.MetricColor.GRAY


def test_the_summary_names_the_debunked_claims_still_repeated(app: AppTest) -> None:
    run(app)
    lines = [m.value for m in app.markdown]
    assert any("2 teks (1 cocok) dari 2 akun, 0 dalam 24 jam terakhir" in line
               and "turnbackhoax.id/x" in line for line in lines)
