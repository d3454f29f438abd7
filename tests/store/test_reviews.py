"""The hoax workflow (status with audit trail) and the claim bank's imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.errors import DatasetError, StoreError
from analysis.signals.claim_bank import add_claim
from analysis.signals.claim_files import claim_kind, read_claim_file, read_claimreview
from analysis.store import Store
from analysis.store.claims import upsert_claims
from analysis.store.reviews import (
    allowed,
    current_status,
    review_history,
    set_status,
    statuses,
)
from tests.store_fixtures import small_store


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here on DuckDB and on PostgreSQL (the command-line ones: DuckDB's file)."""
    return any_store


def test_an_item_moves_forward_and_keeps_its_trail(store: Store) -> None:
    small_store(store)
    assert current_status(store, "doc", "d") == "baru"
    assert set_status(store, "doc", "d", "diverifikasi", "Ani") == "baru"
    assert set_status(store, "doc", "d", "diklarifikasi", "Budi", "rilis humas 10.00") \
        == "diverifikasi"
    with pytest.raises(StoreError, match="cannot go from diklarifikasi to diverifikasi"):
        set_status(store, "doc", "d", "diverifikasi", "Ani")
    set_status(store, "doc", "d", "dilaporkan", "Ani")
    history = review_history(store, "doc", "d")
    assert history["status"].tolist() == ["diverifikasi", "diklarifikasi", "dilaporkan"]
    assert history["analyst"].tolist() == ["Ani", "Budi", "Ani"]
    assert history["note"].tolist()[1] == "rilis humas 10.00"
    assert statuses(store, "doc").set_index("target_id")["status"].to_dict() == {
        "d": "dilaporkan"}


def test_a_closed_item_can_only_be_reopened_for_verification() -> None:
    assert allowed("baru", "bukan_hoaks") and allowed("diklarifikasi", "bukan_hoaks")
    assert allowed("bukan_hoaks", "diverifikasi")
    assert not allowed("bukan_hoaks", "dilaporkan") and not allowed("diverifikasi", "baru")
    assert allowed("baru", "diklarifikasi")  # skipping forward is fine


@pytest.mark.parametrize("args,message", [
    (("doc", "zzz", "diverifikasi", "Ani"), "No document"),
    (("doc", "d", "selesai", "Ani"), "Unknown status"),
    (("post", "d", "diverifikasi", "Ani"), "Unknown item kind"),
    (("claim", "zzz", "diverifikasi", "Ani"), "No bank claim"),
    (("doc", "d", "diverifikasi", " "), "analyst"),
])
def test_bad_status_changes_are_refused(store: Store, args: tuple[str, ...],
                                        message: str) -> None:
    small_store(store)
    with pytest.raises(StoreError, match=message):
        set_status(store, *args)


def test_clusters_have_a_status_too(store: Store) -> None:
    set_status(store, "cluster", "c-123", "diverifikasi", "Ani")
    assert current_status(store, "cluster", "c-123") == "diverifikasi"


def test_a_spreading_claim_has_a_status_shown_with_it(tmp_path: Path) -> None:
    from analysis.store.trends import Filters, spreading_claims
    from tests.dashboard_fixtures import build_store

    store = build_store(tmp_path / "pantau.duckdb")
    set_status(store, "claim", "c1", "diklarifikasi", "Ani", "rilis humas 10.00")
    spread = spreading_claims(store, Filters()).set_index("claim_id")["status"].to_dict()
    assert spread == {"c1": "diklarifikasi", "c2": "baru"}


def test_claimreview_json_and_fact_check_tools_layouts(tmp_path: Path) -> None:
    review = {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": "https://cekfakta.example/vaksin-chip",
        "claimReviewed": "Vaksin COVID-19 berisi microchip pelacak",
        "datePublished": "2021-05-03",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "Salah"},
        "author": {"@type": "Organization", "name": "Cek Fakta"},
        "reviewBody": "Tidak ada microchip dalam vaksin; ukuran jarum tidak memungkinkan.",
    }
    graph = tmp_path / "graph.json"
    graph.write_text(json.dumps({"@graph": [review, {"@type": "WebPage"}]}), encoding="utf-8")
    frame = read_claimreview(graph)
    assert frame[["title", "status", "url", "published"]].values.tolist() == [[
        "Vaksin COVID-19 berisi microchip pelacak", "Salah",
        "https://cekfakta.example/vaksin-chip", "2021-05-03"]]
    assert frame["fact"].iloc[0].startswith("Tidak ada microchip")
    assert frame["source"].iloc[0] == "ClaimReview (Cek Fakta)"
    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps({"claims": [{"text": "Polisi razia HP di jalan", "claimReview": [
        {"publisher": {"name": "Mafindo"}, "url": "https://x.example/1", "title": "Hoaks razia",
         "reviewDate": "2024-02-01T00:00:00Z", "textualRating": "Salah"}]}]}), encoding="utf-8")
    frame = read_claim_file(tools)
    assert frame["title"].tolist() == ["Polisi razia HP di jalan"]
    assert frame["published"].tolist() == ["2024-02-01"]


def test_a_file_without_claimreviews_says_what_it_expected(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('[{"@type": "NewsArticle", "headline": "Berita"}]', encoding="utf-8")
    with pytest.raises(DatasetError, match="no ClaimReview"):
        read_claimreview(path)


def test_reimporting_a_bank_is_idempotent_and_analysts_can_add_facts(store: Store,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    path.write_text(json.dumps([{"@type": "ClaimReview", "claimReviewed": "Klaim A",
                                 "datePublished": "2024-01-01",
                                 "reviewRating": {"alternateName": "Salah"}}]), "utf-8")
    assert upsert_claims(store, read_claim_file(path)) == 1
    assert upsert_claims(store, read_claim_file(path)) == 0
    claim_id = add_claim(store, "Jalan tol ditutup saat mudik", "Benar, ditutup 2 jam.",
                         status="Benar", published="2025-04-01")
    assert add_claim(store, "Jalan tol ditutup saat mudik", "Benar, ditutup 2 jam.",
                     status="Benar", published="2025-04-01") == claim_id
    assert store.scalar("SELECT count(*) FROM claims") == 2
    assert claim_kind("Benar") == "fakta" and claim_kind("Salah") == "hoaks"
    with pytest.raises(DatasetError, match="needs the claim"):
        add_claim(store, " ", "x")


def test_cli_claims_and_review(duckdb_store: Store, tmp_path: Path) -> None:
    store = duckdb_store
    from click.testing import CliRunner

    from analysis.cli.app import main

    small_store(store)
    db = ["--db", str(store.path)]
    bank = tmp_path / "bank.csv"
    bank.write_text("status,title,content,fact,references,tanggal,conclusion\n"
                    "Salah,Vaksin berisi chip,isi,Tidak ada chip,"
                    "https://t.example/1.htmlhttps://k.example/2,2021-05-01,Hoaks\n",
                    encoding="utf-8")  # references run together, as some in TurnBackHoax's
    runner = CliRunner()
    first = runner.invoke(main, ["claims", "import", str(bank), *db])
    again = runner.invoke(main, ["claims", "import", str(bank), *db])
    assert first.exit_code == 0 and "1 claims read, 1 new" in first.output
    assert "1 claims read, 0 new" in again.output
    added = runner.invoke(main, ["claims", "add", "--title", "Tol ditutup", "--fact",
                                 "Benar", "--status", "Benar", *db])
    assert added.exit_code == 0 and "(fakta) added" in added.output
    listed = json.loads(runner.invoke(main, ["claims", "list", "--json", *db]).output)
    assert listed["total"] == 2
    assert store.scalar("SELECT url FROM claims WHERE title = 'Vaksin berisi chip'") == \
        "https://t.example/1.html"
    moved = runner.invoke(main, ["review", "d", "--status", "diverifikasi", "--analyst", "Ani",
                                 *db])
    assert moved.exit_code == 0 and "d: baru → diverifikasi by Ani" in moved.output
    back = runner.invoke(main, ["review", "d", "--status", "diverifikasi", "--analyst", "Ani",
                                *db])
    assert back.exit_code == 1 and "cannot go from diverifikasi" in back.output
    both = runner.invoke(main, ["review", "c1", "--status", "diverifikasi", "--analyst", "Ani",
                                "--claim", "--cluster", *db])
    assert both.exit_code == 2 and "a cluster or a claim, not both" in both.output
    wrong = runner.invoke(main, ["review", "d", "--status", "dilaporkan", "--analyst", "Ani",
                                 "--as-fact", *db])
    assert wrong.exit_code == 2 and "--as-fact is for a text closed" in wrong.output
    closed = runner.invoke(main, ["review", "d", "--status", "bukan_hoaks", "--analyst", "Ani",
                                  "--note", "Sudah dicek", "--as-fact", *db])
    assert closed.exit_code == 0 and "added to the claim bank as a fact" in closed.output
    listed = json.loads(runner.invoke(main, ["claims", "list", "--json", *db]).output)
    assert listed["total"] == 3


def test_the_bank_is_listed_newest_first_and_searched_by_every_word(store: Store) -> None:
    from analysis.signals.claim_bank import list_claims

    add_claim(store, "Vaksin berisi chip magnetis", "Salah: tidak ada chip.",
              published="2021-05-01")
    add_claim(store, "Jalan tol ditutup saat mudik", "Benar, ditutup 2 jam.", status="Benar",
              published="2025-04-01")
    add_claim(store, "Chip di KTP baru melacak warga", "Salah: chip KTP-el hanya menyimpan "
              "data identitas.", published="Mei 2023")  # a date DuckDB cannot read: last
    entries, total = list_claims(store)
    assert total == 3
    assert entries["title"].tolist()[:2] == ["Jalan tol ditutup saat mudik",
                                             "Vaksin berisi chip magnetis"]
    assert entries["kind"].tolist() == ["fakta", "hoaks", "hoaks"]
    chips, n = list_claims(store, "CHIP salah")
    assert n == 2 and set(chips["title"]) == {"Vaksin berisi chip magnetis",
                                              "Chip di KTP baru melacak warga"}
    assert list_claims(store, "chip mudik")[1] == 0
    assert len(list_claims(store, limit=1)[0]) == 1 and list_claims(store, limit=1)[1] == 3
    with pytest.raises(DatasetError, match="web address"):
        add_claim(store, "Klaim", "Fakta", url="javascript:alert(1)")


def test_a_text_confirmed_as_no_hoax_becomes_a_fact_entry(store: Store) -> None:
    from analysis.signals.claim_bank import fact_from_text, list_claims
    from analysis.signals.claim_files import claim_passage

    small_store(store)
    doc = store.query("SELECT id, text, url FROM documents ORDER BY id LIMIT 1").iloc[0]
    claim_id = fact_from_text(store, doc["id"], "Bripka Ani")
    assert fact_from_text(store, doc["id"], "Bripka Ani") == claim_id  # once, however often
    entries, total = list_claims(store)
    assert total == 1
    entry = entries.iloc[0]
    assert entry["kind"] == "fakta" and entry["status"] == "Benar"
    assert entry["fact"] == "Diperiksa oleh Bripka Ani: bukan hoaks."
    assert entry["source"] == "Analis Pantau (Bripka Ani)"
    content = store.scalar("SELECT content FROM claims WHERE id = ?", [claim_id])
    assert content == " ".join(doc["text"].split())
    assert claim_passage(entry["title"], content).startswith(entry["title"])
    with pytest.raises(DatasetError, match="No text with id"):
        fact_from_text(store, "nope", "Bripka Ani")


def test_a_long_text_is_cut_for_the_entry_title(store: Store) -> None:
    from analysis.signals.claim_bank import FACT_TITLE, fact_from_text, list_claims
    from analysis.store.documents import insert_documents
    from tests.store_fixtures import documents

    insert_documents(store, "u1", documents([{"id": "long", "text": "kata " * 200,
                                              "published_at": "2025-05-01T03:00:00Z"}]))
    fact_from_text(store, "long", "Ani", note="  Sudah dicek ke Polres.  ")
    entry = list_claims(store)[0].iloc[0]
    assert len(entry["title"]) == FACT_TITLE and entry["title"].endswith("…")
    assert entry["fact"] == "Sudah dicek ke Polres."


def test_cli_lists_the_debunked_claims_spreading(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from analysis.cli.app import main
    from tests.dashboard_fixtures import CLAIMS, build_store

    db = ["--db", str(build_store(tmp_path / "pantau.duckdb").path)]
    runner = CliRunner()
    result = runner.invoke(main, ["claims", "spreading", "--json", *db])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["now"] == "2025-05-05 19:00:00"  # the newest text, in WIB
    assert [c["claim_id"] for c in summary["claims"]] == ["c1", "c2"]
    first = summary["claims"][0]
    assert (first["posts"], first["confirmed"], first["accounts"]) == (2, 1, 2)
    assert first["url"] == CLAIMS["c1"]["url"] and len(first["daily"]) == 14
    narrowed = json.loads(runner.invoke(main, ["claims", "spreading", "--json", "--platform",
                                               "instagram", *db]).output)
    assert [c["claim_id"] for c in narrowed["claims"]] == ["c1"]
    moved = runner.invoke(main, ["review", "c1", "--claim", "--status", "diklarifikasi",
                                 "--analyst", "Ani", *db])
    assert moved.exit_code == 0 and "c1: baru → diklarifikasi by Ani" in moved.output
    listed = json.loads(runner.invoke(main, ["claims", "spreading", "--json", *db]).output)
    assert [c["status"] for c in listed["claims"]] == ["diklarifikasi", "baru"]
    early = runner.invoke(main, ["claims", "spreading", "--to", "2025-05-01", *db])
    assert early.exit_code == 0 and "1 texts (1 cocok), 1 accounts" in early.output
    none = runner.invoke(main, ["claims", "spreading", "--from", "2025-06-01", *db])
    assert "no text in this period repeats a debunked claim" in none.output
    with Store(db[1]).connect() as con:
        con.execute("DELETE FROM claims WHERE id = 'c2'")  # texts still repeat it
    gone = runner.invoke(main, ["claims", "spreading", "--json", *db]).output
    assert "NaN" not in gone  # valid JSON: a missing link is null, the title the claim's id
    second = json.loads(gone)["claims"][1]
    assert (second["claim_id"], second["title"], second["url"]) == ("c2", "c2", None)
