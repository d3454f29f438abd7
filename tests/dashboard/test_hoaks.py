"""Hoaks: scored texts with their evidence, the follow-up workflow, spreading claims,
coordinated clusters and the claim bank, through AppTest on the fixture store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.formatting import escape
from tests.dashboard.apptest import open_follow_up, run, start, texts
from tests.dashboard_fixtures import (
    CLAIMS,
    DOCS,
    EXPECTED,
    HOAX_ORDER,
    MALICIOUS_TEXT,
    build_store,
)

TEXTS = {doc[0]: doc[4] for doc in DOCS}


def test_hoax_page_lists_texts_by_score_with_their_evidence(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    assert app.title[0].value == "Teks paling mirip hoaks"
    scores = [float(m.value.replace(",", ".")) for m in app.metric]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == len(HOAX_ORDER)
    marked = ":orange-background[Katanya]" + escape(TEXTS["i2"][len("Katanya"):])
    expected = {doc_id: marked if doc_id == "i2" else escape(TEXTS[doc_id])
                for doc_id in HOAX_ORDER}
    in_items_tab = [m.value for m in app.tabs[0].markdown]
    shown = [value for value in in_items_tab if value in set(expected.values())]
    assert shown == [expected[doc_id] for doc_id in HOAX_ORDER]
    evidence = [value for value in texts(app) if value.startswith("**Klaim terbantah terdekat**")]
    assert any(" · X / Twitter · " in value for value in texts(app)), "platform display name"
    lead = "**Klaim terbantah terdekat** ({} · peluang mengulang klaim 0,90): {}"
    assert evidence == [
        lead.format("cocok", escape(CLAIMS["c1"]["title"])),
        lead.format("cocok", escape(CLAIMS["c2"]["title"])),
        lead.format("mirip, perlu dicek", escape(CLAIMS["c1"]["title"])),
    ]
    coordinated = [v for v in texts(app) if v.startswith(":violet-badge[Terkoordinasi]")]
    assert coordinated == [":violet-badge[Terkoordinasi] 3 akun memposting teks yang hampir "
                           "sama dalam 9 menit \\(3 unggahan\\)"] * 3  # two cards, the cluster
    assert [e.label for e in app.expander if e.label == "Fakta"] == ["Fakta"] * 3
    follow_ups = [e.label for e in app.tabs[0].expander if e.label.startswith("Tindak lanjut")]
    assert follow_ups == ["Tindak lanjut: baru"] * len(HOAX_ORDER)
    badges = [value for value in texts(app) if value.startswith(":red-badge[")]
    assert len(badges) == EXPECTED["hoax_flagged"]
    assert all(value.endswith("Terindikasi hoaks]") for value in badges)
    assert escape(CLAIMS["c1"]["fact"]) in texts(app)


def test_hoax_page_shows_nothing_for_missing_evidence(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    for value in texts(app) + [c.value for c in app.caption]:
        assert "nan" not in value.split(), value
        assert "None" not in value, value


def test_hoax_page_escapes_markup_from_the_data(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    [shown] = [value for value in texts(app) if "alert" in value]
    assert shown == escape(MALICIOUS_TEXT)
    assert "<script>" not in shown
    assert "[klik](" not in shown
    assert "**tebal**" not in shown
    assert r"\*\*tebal\*\*" in shown


def test_hoax_page_links_only_to_web_addresses(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    urls = [button.proto.url for button in app.get("link_button")]
    post = "https://example.org/{}/{}".format
    debunk = {claim: CLAIMS[claim]["url"] for claim in CLAIMS}
    # in the order of HOAX_ORDER: each post's link (not t5's javascript: one), then the
    # fact-check of the claim it repeats
    assert urls == [post("twitter", "t2"), debunk["c1"], debunk["c2"],
                    post("instagram", "i2"), debunk["c1"], post("twitter", "t3"),
                    post("instagram", "i1"), post("twitter", "t4"), post("twitter", "t1")]
    assert all(url.startswith("https://") for url in urls), urls
    assert "https://turnbackhoax.id/x" in urls
    assert "https://example.org/twitter/t2" in urls


def test_hoax_status_changes_need_a_name_and_keep_the_trail(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    first = HOAX_ORDER[0]
    closed = [b for b in app.button if b.key == f"FormSubmitter:wf-{first}-Simpan status"]
    assert not closed, "a closed follow-up draws no form"
    open_follow_up(app, first)
    assert not [b for b in app.button if b.key == f"FormSubmitter:wf-{HOAX_ORDER[1]}-Simpan status"]
    form_button = app.button(key=f"FormSubmitter:wf-{first}-Simpan status")
    form_button.click().run()
    assert "Isi nama analis dulu" in " ".join(e.value for e in app.error)
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    app.button(key=f"FormSubmitter:wf-{first}-Simpan status").click().run()
    assert not app.exception
    labels = [e.label for e in app.expander if e.label.startswith("Tindak lanjut")]
    assert labels[0] == "Tindak lanjut: diverifikasi"
    assert any("Bripka Ani → diverifikasi" in c.value for c in app.caption)


def test_hoax_page_explains_each_score_and_lists_clusters(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    why = [e for e in app.expander if e.label == "Mengapa skor ini?"]
    assert len(why) == len(HOAX_ORDER)
    table = why[0].dataframe[0].value
    assert table["Sinyal"].tolist() == ["Titik awal", "Pengklasifikasi narasi hoaks",
                                        "Kecocokan dengan klaim terbantah",
                                        "Kata pemicu provokasi", "Unggahan terkoordinasi",
                                        "Skor hoaks"]
    assert table["Sumbangan (log-odds)"].tolist()[2] == "+5,40"  # 6.0 × 0.9
    parts = [float(v.replace(",", ".")) for v in table["Sumbangan (log-odds)"]]
    assert parts[-1] == pytest.approx(sum(parts[:-1]), abs=0.02)  # the rows add up
    scores = [float(m.value.replace(",", ".")) for m in app.metric]
    assert table["Nilai (0–1)"].iloc[-1] == f"{scores[0]:.2f}".replace(".", ",")  # the card's
    clusters = app.tabs[2]
    assert any("3 akun memposting teks yang hampir sama dalam 9 menit" in m.value
               for m in clusters.markdown)
    assert any("akun\\_b" in c.value and "ig\\_g" in c.value for c in clusters.caption)


def test_the_claims_spreading_tab_lists_repeated_debunks_with_their_texts(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    spreading = app.tabs[1]
    assert spreading.label == "Klaim yang beredar"
    table = spreading.dataframe[0].value
    # c1 is repeated by t2 (cocok) and i2 (mirip), c2 by t5; none in the 24 h before the
    # newest text (y1, 5 May 19:00 WIB), so the most repeated comes first
    assert table["Klaim (dibantah)"].tolist() == [CLAIMS["c1"]["title"], CLAIMS["c2"]["title"]]
    assert table["Teks"].tolist() == [2, 1] and table["Akun"].tolist() == [2, 1]
    assert table["Cocok"].tolist() == [1, 1]  # i2 repeats c1 "mirip" only
    assert table["24 jam terakhir"].tolist() == [0, 0]
    assert table["Platform"].tolist() == ["Instagram, X / Twitter", "X / Twitter"]  # ties: a-z
    assert table["Klarifikasi"].tolist() == [CLAIMS["c1"]["url"], CLAIMS["c2"]["url"]]
    assert any("05/05/2025 19:00 WIB" in c.value for c in spreading.caption)
    assert len(spreading.dataframe) == 1  # nothing picked yet: no texts below
    app.session_state["spread-table"] = {"selection": {"rows": [0], "columns": []}}
    run(app)
    spreading = app.tabs[1]
    assert escape(CLAIMS["c1"]["fact"]) in " ".join(m.value for m in spreading.markdown)
    posts = spreading.dataframe[1].value
    assert posts["Akun / penulis"].tolist() == ["ig_g", "akun_b"]  # newest first
    assert posts["Kecocokan dengan klaim"].tolist() == ["mirip, perlu dicek", "cocok"]
    assert any(c.value.startswith("2 dari 2 teks") for c in spreading.caption)
    assert "Tindak lanjut: baru" in [e.label for e in spreading.expander]
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    open_follow_up(app, "claim-c1")
    app.selectbox(key="wf-next-claim-c1").set_value("diklarifikasi")
    app.text_input(key="wf-note-claim-c1").set_value("Rilis Humas pukul 10")
    app.button(key="FormSubmitter:wf-claim-c1-Simpan status").click().run()
    assert not app.exception, [e.value for e in app.exception]
    spreading = app.tabs[1]
    assert spreading.dataframe[0].value["Tindak lanjut"].tolist() == ["diklarifikasi", "baru"]
    assert "Tindak lanjut: diklarifikasi" in [e.label for e in spreading.expander]
    assert any("Bripka Ani → diklarifikasi — Rilis Humas pukul 10" in c.value
               for c in spreading.caption)
    app.session_state["spread-table"] = {"selection": {"rows": [5], "columns": []}}
    run(app)  # a pick from a longer table (before the filters changed) is no pick
    assert len(app.tabs[1].dataframe) == 1


def test_a_text_closed_as_not_a_hoax_can_become_a_fact_in_the_bank(app: AppTest,
                                                                   tmp_path: Path) -> None:
    from analysis.signals.claim_bank import list_claims
    from analysis.store import Store

    run(app)
    run(app, "halaman/hoaks.py")
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    first = HOAX_ORDER[0]
    open_follow_up(app, first)
    app.selectbox(key=f"wf-next-{first}").set_value("bukan_hoaks")
    app.text_input(key=f"wf-note-{first}").set_value("Dicek ke Polres: kejadian benar")
    app.checkbox(key=f"wf-fact-{first}").check()
    app.button(key=f"FormSubmitter:wf-{first}-Simpan status").click().run()
    assert not app.exception, [e.value for e in app.exception]
    entries, total = list_claims(Store(tmp_path / "pantau.duckdb"))
    assert total == len(CLAIMS) + 1
    entry = entries.iloc[0]  # newest first: today's entry before the fixture's debunks
    assert (entry["kind"], entry["fact"]) == ("fakta", "Dicek ke Polres: kejadian benar")
    assert entry["source"] == "Analis Pantau (Bripka Ani)"
    assert app.tabs[3].dataframe[0].value["Jenis"].tolist()[0] == "fakta"


def test_the_claim_bank_tab_searches_and_takes_an_analyst_s_entry(app: AppTest) -> None:
    run(app)
    run(app, "halaman/hoaks.py")
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    assert app.tabs[3].label == "Bank klaim"
    assert app.tabs[3].caption[0].value.startswith("2 entri cocok")  # the fixture's debunks

    def fill(link: str) -> None:
        app.text_area(key="bank-claim").set_value("Jembatan Suramadu ditutup total hari ini")
        app.text_area(key="bank-fact").set_value(
            "Salah: jembatan hanya ditutup satu lajur untuk perbaikan.")
        app.text_input(key="bank-link").set_value(link)
        app.button(key="FormSubmitter:bank-add-Simpan entri").click().run()

    app.button(key="FormSubmitter:bank-add-Simpan entri").click().run()
    assert [e.value for e in app.error] == ["Isi klaimnya dan faktanya."]
    fill("javascript:alert(1)")
    assert [e.value for e in app.error] == ["Tautan harus alamat web (https://...)."]
    fill("https://humas.polri.go.id/suramadu")
    assert any(s.value.startswith("Entri disimpan di bank") for s in app.success)
    app.text_input(key="bank-search").set_value("suramadu LAJUR").run()
    bank = app.tabs[3]
    assert bank.caption[0].value.startswith("1 entri cocok")
    table = bank.dataframe[0].value
    assert table["Jenis"].tolist() == ["hoaks (dibantah)"]
    assert table["Tautan"].tolist() == ["https://humas.polri.go.id/suramadu"]
    app.text_input(key="bank-search").set_value("suramadu banjir").run()
    assert app.tabs[3].caption[0].value.startswith("0 entri cocok")


def test_a_coordinated_cluster_has_its_own_follow_up(app: AppTest, tmp_path: Path) -> None:
    from analysis.store import Store
    from analysis.store.reviews import current_status

    run(app)
    run(app, "halaman/hoaks.py")
    app.sidebar.text_input(key="analyst").set_value("Bripka Ani").run()
    clusters = app.tabs[2]
    assert [e.label for e in clusters.expander if e.label.startswith("Tindak lanjut")] == [
        "Tindak lanjut: baru"]
    open_follow_up(app, "cluster-k1")
    assert not [c for c in app.checkbox if c.key == "wf-fact-cluster-k1"]  # texts only
    app.selectbox(key="wf-next-cluster-k1").set_value("diverifikasi")
    app.text_input(key="wf-note-cluster-k1").set_value("14 akun baru dibuat pekan ini")
    app.button(key="FormSubmitter:wf-cluster-k1-Simpan status").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert current_status(Store(tmp_path / "pantau.duckdb"), "cluster", "k1") == "diverifikasi"
    labels = [e.label for e in app.tabs[2].expander if e.label.startswith("Tindak lanjut")]
    assert labels == ["Tindak lanjut: diverifikasi"]
    assert any("Bripka Ani → diverifikasi — 14 akun baru" in c.value for c in app.tabs[2].caption)


def test_a_cluster_official_accounts_took_part_in_reads_as_official_amplification(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_OFFICIAL_ACCOUNTS", "@Akun_B")
    for app in start(tmp_path, monkeypatch, build_store):
        run(app)
        run(app, "halaman/hoaks.py")
        shown = texts(app)
        assert not [v for v in shown if v.startswith(":violet-badge[Terkoordinasi]")]
        official = [v for v in shown if v.startswith(":blue-badge[Amplifikasi akun resmi]")]
        assert len(official) == 3  # the two cards and the cluster
        notes = [c.value for c in app.caption if c.value.startswith("Akun resmi ikut")]
        assert notes and all("akun\\_b" in n and "ig\\_g" not in n for n in notes)
