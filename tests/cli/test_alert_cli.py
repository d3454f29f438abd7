"""``pantau alert``: destinations added and listed masked, rules shown and changed, a test
message to a JSON receiver on 127.0.0.1 (and one that is down), and the log."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analysis.cli.app import main
from tests.monitor.receivers import free_port, json_receiver

SECRET = "AAHsecretBotToken"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["alert", *args])
    return result.exit_code, result.output


def test_add_list_and_remove_destinations_without_showing_secrets(tmp_path: Path) -> None:
    db = str(tmp_path / "a.duckdb")
    code, out = invoke("add", f"tgram://123456:{SECRET}/-1001", "--label", "Grup humas",
                       "--db", db)
    assert code == 0 and "Added destination 1: Grup humas (tgram://…/)" in out
    code, out = invoke("add", "mailto://humas:rahasia123@mail.example.org", "--db", db, "--json")
    assert json.loads(out) == {"id": "2", "label": "mailto://humas@mail.example.org",
                               "shown": "mailto://humas@mail.example.org"}
    code, out = invoke("list", "--db", db)
    assert out.splitlines() == ["1: Grup humas (tgram://…/)",
                                "2: mailto://humas@mail.example.org "
                                "(mailto://humas@mail.example.org)"]
    code, out = invoke("list", "--db", db, "--json")
    assert SECRET not in out and "rahasia123" not in out
    assert [d["id"] for d in json.loads(out)["destinations"]] == ["1", "2"]
    assert invoke("remove", "1", "--db", db) == (0, "Removed destination 1\n")
    code, out = invoke("remove", "1", "--db", db)
    assert code == 1 and "No alert destination '1'" in out


def test_a_url_read_from_standard_input(tmp_path: Path) -> None:
    db = str(tmp_path / "a.duckdb")
    result = CliRunner().invoke(main, ["alert", "add", "-", "--db", db],
                                input=f"tgram://1:{SECRET}/2\n")
    assert result.exit_code == 0 and "Added destination 1: tgram://…/" in result.output


def test_an_unknown_url_is_refused_without_echoing_it(tmp_path: Path) -> None:
    code, out = invoke("add", "bogus://token-xyz@host", "--db", str(tmp_path / "a.duckdb"))
    assert code == 1 and "not an Apprise URL" in out and "token-xyz" not in out


def test_rules_are_shown_and_changed(tmp_path: Path) -> None:
    db = str(tmp_path / "a.duckdb")
    code, out = invoke("rules", "--db", db)
    assert code == 0
    assert "claim_spreading: on min_texts=5 min_accounts=3 hours=24 examples=3" in out
    code, out = invoke("rule", "claim_spreading", "--off", "--param", "min_texts=8",
                       "--db", db, "--json")
    row = json.loads(out)
    assert code == 0 and row["active"] is False and row["params"]["min_texts"] == 8
    code, out = invoke("rule", "claim_spreading", "--param", "warna=merah", "--db", db)
    assert code == 1 and "has no param 'warna'" in out
    code, out = invoke("rule", "claim_spreading", "--param", "oops", "--db", db)
    assert code == 2 and "KEY=VALUE" in out


def test_a_test_message_reports_each_destination(tmp_path: Path) -> None:
    db = str(tmp_path / "a.duckdb")
    down = free_port()
    with json_receiver() as (box, port):
        invoke("add", f"json://127.0.0.1:{port}/up", "--label", "naik", "--db", db)
        invoke("add", f"json://user:pw-secret@127.0.0.1:{down}/down", "--label", "mati",
               "--db", db)
        code, out = invoke("test", "--db", db, "--json")
        assert code == 1
        results = json.loads(out)["results"]
        assert [(r["label"], r["ok"]) for r in results] == [("naik", True), ("mati", False)]
        assert "pw-secret" not in out
        code, out = invoke("test", "1", "--db", db, "--lang", "en")
    assert code == 0 and out == "1 naik: sent\n"
    assert [m["title"] for m in box.received] == ["Pantau: pesan uji", "Pantau: test message"]


def test_the_log_lists_deliveries(tmp_path: Path) -> None:
    db = str(tmp_path / "a.duckdb")
    assert invoke("log", "--db", db) == (0, "No alerts raised yet.\n")
    from datetime import UTC, datetime

    from analysis.store import Store
    from analysis.store.alerts import raise_events

    invoke("add", "json://127.0.0.1:9/x", "--label", "hook", "--db", db)
    raise_events(Store(db), [{"event_key": "k", "kind": "claim_match", "title": "Hoaks X",
                              "body": "b", "link": None}], ["1"],
                 datetime(2025, 7, 10, 5, tzinfo=UTC))
    code, out = invoke("log", "--db", db, "--json")
    [row] = json.loads(out)["log"]
    assert (row["title"], row["destination"], row["status"]) == ("Hoaks X", "hook", "pending")
    code, out = invoke("log", "--db", db, "--limit", "5")
    assert '"Hoaks X" -> hook: pending, 0 attempt(s)' in out
