"""The spikes section of Ringkasan: the chart marks each spike, and a picked spike is explained."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.store import Store
from analysis.store.filters import Filters
from analysis.store.spikes import detect_spikes, spike_series
from tests.spike_fixtures import build


def test_the_chart_marks_each_spike_above_its_bar(store: Store) -> None:
    from dashboard.charts_analytics import spike_chart

    build(store)
    series = spike_series(store, Filters(), "day")
    spikes = detect_spikes(store, Filters(), "day")
    fig = spike_chart(series, spikes, "Lonjakan", "Waktu", "Teks", str.upper, "day", ",.")
    bars, baseline, volume, negative = fig.data
    assert list(bars.y) == series["n"].tolist() and baseline.line.dash == "dash"
    assert [pd.Timestamp(x) for x in volume.x] == [pd.Timestamp(2025, 3, 21)]
    assert [pd.Timestamp(x) for x in negative.x] == [pd.Timestamp(2025, 3, 21)]
    assert volume.y[0] > series["n"].max() and volume.name == "VOLUME_SPIKE"
    assert fig.layout.separators == ",."
    assert fig.layout.xaxis.dtick is None  # many days: Plotly's own ticks
    few = spike_chart(series.head(5), spikes.head(0), "", "", "", str, "day")
    assert few.layout.xaxis.dtick == 86_400_000  # a few days: one tick each, none between
    assert pd.Timestamp(few.layout.xaxis.tick0) == pd.Timestamp(series["bucket"].iloc[0])
    with pytest.raises(ValueError, match="coarser bucket"):
        spike_chart(pd.concat([series] * 200), spikes, "", "", "", str, "day")


def _section() -> None:
    """A page holding only the spikes section, over the whole store."""
    from datetime import date

    from analysis.store.trends import Filters
    from dashboard.spikes_view import show_spikes

    show_spikes(Filters(start=date(2025, 3, 1), end=date(2025, 3, 30)))


def test_the_spikes_section_shows_the_chart_and_explains_the_strongest_spike(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    build(store)
    monkeypatch.setenv("PANTAU_DB", str(store.path))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(_section, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["title"]["text"] == "Volume per hari dan lonjakan"
    assert at.selectbox[0].label == "2 lonjakan ditemukan. Pilih satu untuk melihat penyebabnya."
    assert at.selectbox[0].value == 1  # the volume spike has the larger z
    assert at.selectbox[0].options[1].startswith("21/03/2025: 78 teks, 3,")
    assert at.selectbox[0].options[1].endswith("× biasanya (20)")
    words, accounts = (frame.value for frame in at.dataframe)
    assert "etle" in words["Kata"].tolist()
    assert accounts["Akun"].iloc[0] == "akun_viral"
    assert any("ETLE" in m.value for m in at.markdown)
    assert any("20 teks serupa" in c.value for c in at.caption)
    at.selectbox[0].set_value(0).run()
    assert at.selectbox[0].options[0] == "21/03/2025: 82% negatif (biasanya 22%, +60 poin)"
    st.cache_data.clear()
    st.cache_resource.clear()


def test_a_spike_from_next_to_nothing_reads_without_a_giant_z() -> None:
    from types import SimpleNamespace

    from dashboard.spikes_view import describe

    def spike(observed: float, baseline: float) -> SimpleNamespace:
        return SimpleNamespace(bucket="2025-03-21", metric="volume", observed=observed,
                               baseline=baseline, z=observed)

    assert describe(spike(5709, 0), "day") == "21/03/2025: 5.709 teks (biasanya hampir tidak ada)"
    assert describe(spike(240, 20), "day") == "21/03/2025: 240 teks, 12× biasanya (20)"
    assert describe(spike(30, 12), "day") == "21/03/2025: 30 teks, 2,5× biasanya (12)"
