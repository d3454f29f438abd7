"""The app as a whole: navigation over an empty store, the language switch, and page scripts
that Streamlit's magic would print from."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest import charts, kpis, run
from tests.dashboard_fixtures import (
    EXPECTED,
)


def test_empty_store_points_to_the_upload_page(empty_app: AppTest) -> None:
    run(empty_app)
    assert [i.value for i in empty_app.info][0].startswith("Belum ada data")
    assert not empty_app.metric
    assert not empty_app.get("plotly_chart")
    run(empty_app, "halaman/hoaks.py")
    assert [i.value for i in empty_app.info][0].startswith("Belum ada data")
    run(empty_app, "halaman/unggah.py")
    assert [u.label for u in empty_app.get("file_uploader")] == ["Pilih berkas"]
    assert not empty_app.dataframe


def test_english_changes_the_interface(app: AppTest) -> None:
    run(app)
    app.selectbox(key="lang").set_value("en")
    run(app)
    assert app.title[0].value == "Pantau — Public Opinion Monitor"
    assert kpis(app)["Text volume"] == (str(EXPECTED["volume"]), "")
    assert {m.label: m.proto.help for m in app.metric}["Positive"] == (
        f"{EXPECTED['positive']} texts")
    assert kpis(app)["Net sentiment"][0] == "+0.25", "English decimals use a point"
    assert charts(app)[0]["layout"]["title"]["text"] == "Volume per day"


def test_pages_have_no_stray_strings_streamlit_would_print() -> None:
    """Streamlit's "magic" writes a page script's bare expressions on the page: a string after
    a constant, meant as its docstring, appeared under the Hoaks page's tables once."""
    import ast

    pages = sorted((Path(__file__).parents[2] / "dashboard").rglob("*.py"))
    scripts = [p for p in pages if p.parent.name == "halaman" or p.name == "app.py"]
    assert len(scripts) >= 9
    for script in scripts:
        body = ast.parse(script.read_text(encoding="utf-8")).body
        stray = [node.lineno for node in body[1:]
                 if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)]
        assert not stray, f"{script.name}: a bare value on lines {stray} is printed on the page"
