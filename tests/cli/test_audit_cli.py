"""``pantau audit``, and the changes commands make signed with the operating-system user
(or the ``--analyst`` a command takes): accounts, presets, sources, alerts, imports, claims."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

from click.testing import CliRunner

from analysis.cli.app import main
from analysis.store import Store
from analysis.store.audit import Action, record

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "tests" / "data" / "pipeline" / "komentar_polda.csv"
PASSWORD = "sandi-rahasia-789"


def invoke(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def entries(db: str, *filters: str) -> list[dict[str, object]]:
    return list(json.loads(invoke("audit", "--db", db, "--json", *filters))["entries"])


def test_commands_sign_their_changes_with_the_os_user(tmp_path: Path) -> None:
    db, users = str(tmp_path / "p.duckdb"), str(tmp_path / "users.json")
    me = getpass.getuser()
    invoke("user", "add", "ani", "--role", "analyst", "--password-stdin", "--users", users,
           "--db", db, stdin=f"{PASSWORD}\n")
    invoke("user", "passwd", "ani", "--password-stdin", "--users", users, "--db", db,
           stdin=f"{PASSWORD}-2\n")
    invoke("user", "remove", "ani", "--users", users, "--db", db)
    invoke("presets", "save", "tiktok", "--map", "text=isi", "--db", db)
    invoke("source", "add", "rss", "https://warta.example/rss", "--name", "Warta", "--db", db)
    invoke("source", "pause", "Warta", "--db", db)
    invoke("alert", "add", "tgram://123456:AAHsecretBotToken/-1001", "--db", db)
    invoke("alert", "rule", "claim_spreading", "--off", "--db", db)
    invoke("ingest", EXPORT.as_posix(), "--db", db, "--allow-rejects", "--no-score")
    invoke("claims", "add", "--title", "Vaksin berisi chip", "--fact", "Tidak ada chip.",
           "--db", db)
    found = entries(db)[::-1]
    assert [(e["actor"], e["action"], e["target"]) for e in found] == [
        (me, "account.add", "ani"), (me, "account.password", "ani"),
        (me, "account.remove", "ani"), (me, "preset.save", "tiktok"),
        (me, "source.add", "Warta"), (me, "source.pause", "Warta"),
        (me, "alert_destination.add", "1"), (me, "alert_rule.change", "claim_spreading"),
        (me, "upload.import", "komentar_polda.csv"), (me, "claim.add", found[-1]["target"]),
    ]
    assert found[0]["details"] == {"role": "analyst", "email": None, "sso_only": False}
    assert found[8]["details"]["stored"] == 4 and found[8]["details"]["rejected"] == 2
    logged = invoke("audit", "--db", db)
    assert PASSWORD not in logged and "AAHsecretBotToken" not in logged
    assert f"{me}  source.pause  source:Warta" in logged


def test_review_and_correct_are_signed_by_their_analyst(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    invoke("ingest", EXPORT.as_posix(), "--db", db, "--allow-rejects", "--no-score")
    doc = str(Store(db).scalar("SELECT min(id) FROM documents"))
    invoke("correct", doc, "--label", "negatif", "--analyst", "budi", "--db", db)
    invoke("review", doc, "--status", "diverifikasi", "--analyst", "citra", "--db", db)
    assert [(e["actor"], e["action"]) for e in entries(db)[:2]] == [
        ("citra", "review.status"), ("budi", "label.correct")]


def test_filters_and_a_formula_safe_csv(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    store = Store(db)
    record(store, "ani", Action.SOURCE_ADD, "source", "Warta")
    record(store, "=cmd|'/c calc'!A1", Action.SOURCE_PAUSE, "source", "+Warta")
    record(store, "budi", Action.PRESET_SAVE, "preset", "tiktok")
    assert [e["action"] for e in entries(db, "--action", "source")] == [
        "source.pause", "source.add"]
    assert [e["target"] for e in entries(db, "--actor", "BUDI")] == ["tiktok"]
    assert entries(db, "--since", "2001-01-01", "--until", "2001-12-31") == []
    assert len(entries(db, "--limit", "1")) == 1
    out = tmp_path / "audit.csv"
    said = invoke("audit", "--db", db, "--csv", str(out), "--action", "source")
    assert "source.pause" in said
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "at,actor,action,target_kind,target,details"
    assert "'=cmd" in text and "'+Warta" in text and len(text.splitlines()) == 3
    assert "No changes recorded" in invoke("audit", "--db", db, "--actor", "nobody")
