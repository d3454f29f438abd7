"""Alerts end to end: rules over a hand-built store, delivery through Apprise to receivers on
127.0.0.1 (a JSON webhook and a real SMTP server), one alert per event, retries of a
destination that is down, quiet hours and their digest, and no secret in the logs; the
store-facing ones on DuckDB and on PostgreSQL."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from analysis.monitor.alerts import (
    add_destination,
    alert_log,
    evaluate_and_deliver,
    in_quiet_hours,
    set_rule,
)
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.alerts import list_destinations, set_destination_active
from analysis.store.claims import CLAIM_COLUMNS, upsert_claims
from analysis.store.documents import insert_documents
from tests.monitor.backends import BOTH, db_of
from tests.monitor.receivers import free_port, json_receiver, mail_text, smtp_receiver
from tests.store_fixtures import documents

NOW = datetime(2025, 7, 10, 5, 0, tzinfo=UTC)  # 12:00 WIB
DEBUNK = "https://turnbackhoax.id/artikel/jembatan-ditutup"


def settings_for(store: Store, quiet: str = "") -> Settings:
    return replace(Settings().with_db(db_of(store)), dashboard_url="http://pantau.polda.local",
                   alert_quiet=quiet)


def bank(store: Store) -> None:
    upsert_claims(store, pd.DataFrame([{
        "id": "h1", "status": "Salah", "title": "Jembatan Suramadu ditutup permanen",
        "content": "", "fact": "Hoaks", "url": DEBUNK, "published": "2025-06-01",
        "conclusion": "Salah", "source": "TurnBackHoax"}])[CLAIM_COLUMNS])


def repeat(store: Store, posts: list[tuple[str, str, datetime]], claim: str = "h1",
           match: str = "cocok", upload: str = "u1") -> None:
    """Texts (id, author, UTC time) that repeat ``claim``, rated ``match``."""
    insert_documents(store, upload, documents([
        {"id": i, "author": a, "text": f"Jembatan Suramadu ditutup! kata {a} ({i})",
         "published_at": when.replace(tzinfo=None)} for i, a, when in posts]))
    ids = [p[0] for p in posts]
    with store.connect() as con:  # SQL both stores speak
        con.execute("UPDATE documents SET hoax_claim = ?, hoax_claim_match = ?, "
                    "ingested_at = published_at + INTERVAL '5 minutes' "  # collected just after
                    f"WHERE id IN ({', '.join('?' * len(ids))})", [claim, match, *ids])


def only(store: Store, kind: str) -> None:
    """Every rule off but ``kind``."""
    for other in ("claim_match", "claim_spreading", "entity_spike", "coordinated_cluster"):
        set_rule(store, other, active=other == kind)


@BOTH
def test_a_json_webhook_gets_the_claim_its_debunk_and_the_dashboard_link(store: Store) -> None:
    bank(store)
    repeat(store, [("a", "akun1", NOW - timedelta(hours=2)),
                   ("b", "akun2", NOW - timedelta(hours=1))])
    with json_receiver() as (box, port):
        add_destination(store, f"json://127.0.0.1:{port}/pantau", label="Webhook humas")
        only(store, "claim_match")
        counts = evaluate_and_deliver(store, settings_for(store), now=NOW)
    assert counts == {"raised": 1, "sent": 1, "failed": 0, "held": 0}
    [message] = box.received
    assert box.paths == ["/pantau"]
    assert "Jembatan Suramadu ditutup permanen" in message["title"]
    body = message["message"]
    assert "2 teks baru cocok" in body and DEBUNK in body
    assert "http://pantau.polda.local/hoaks" in body
    assert "@akun1" in body and "@akun2" in body  # example posts, one line each
    log = alert_log(store)
    assert log[["destination", "status", "attempts"]].values.tolist() == [
        ["Webhook humas", "sent", 1]]


def test_english_wording_when_asked(store: Store) -> None:
    bank(store)
    repeat(store, [("a", "akun1", NOW - timedelta(hours=2))])
    with json_receiver() as (box, port):
        add_destination(store, f"json://127.0.0.1:{port}/x")
        only(store, "claim_match")
        evaluate_and_deliver(store, settings_for(store), now=NOW, lang="en")
    assert box.received[0]["title"].startswith("Debunked hoax seen again")
    assert f"Debunk: {DEBUNK}" in box.received[0]["message"]


def test_a_mail_reaches_a_real_smtp_server(store: Store) -> None:
    bank(store)
    repeat(store, [("a", "akun1", NOW - timedelta(hours=2))])
    with smtp_receiver() as (mailbox, port):
        add_destination(store, f"mailto://127.0.0.1:{port}?from=pantau@example.org"
                               "&to=humas@example.org&mode=insecure")
        only(store, "claim_match")
        counts = evaluate_and_deliver(store, settings_for(store), now=NOW)
    assert counts["sent"] == 1, alert_log(store).to_dict("records")
    [mail] = mailbox.mails
    assert mailbox.recipients == [["humas@example.org"]]
    assert "Jembatan Suramadu ditutup permanen" in str(mail["Subject"])
    assert DEBUNK in mail_text(mail)


@BOTH
def test_one_alert_per_event_however_many_texts_follow(store: Store) -> None:
    bank(store)
    repeat(store, [("a", "akun1", NOW - timedelta(hours=2))])
    settings = settings_for(store)
    with json_receiver() as (box, port):
        add_destination(store, f"json://127.0.0.1:{port}/x")
        only(store, "claim_match")
        assert evaluate_and_deliver(store, settings, now=NOW)["raised"] == 1
        repeat(store, [("b", "akun2", NOW), ("c", "akun3", NOW)], upload="u2")
        later = NOW + timedelta(hours=2)
        assert evaluate_and_deliver(store, settings, now=later) == {
            "raised": 0, "sent": 0, "failed": 0, "held": 0}
        # the next local day, the claim still repeated: a new event
        tomorrow = NOW + timedelta(days=1)
        repeat(store, [("d", "akun4", tomorrow - timedelta(hours=1))], upload="u3")
        assert evaluate_and_deliver(store, settings, now=tomorrow)["raised"] == 1
    assert len(box.received) == 2


@BOTH
def test_a_claim_spreading_over_the_threshold(store: Store) -> None:
    bank(store)
    # three accounts within 24 h: over the three-account threshold; a "mirip" does not count
    repeat(store, [("a", "akun1", NOW - timedelta(hours=3)),
                   ("b", "akun2", NOW - timedelta(hours=2)),
                   ("c", "akun3", NOW - timedelta(hours=1))])
    repeat(store, [("m", "akun4", NOW - timedelta(hours=1))], match="mirip", upload="u2")
    repeat(store, [("z", "akun9", NOW - timedelta(days=3))], claim="h2", upload="u3")
    with json_receiver() as (box, port):
        add_destination(store, f"json://127.0.0.1:{port}/x")
        only(store, "claim_spreading")
        assert evaluate_and_deliver(store, settings_for(store), now=NOW)["raised"] == 1
        set_rule(store, "claim_spreading", params={"min_accounts": 4})
        assert evaluate_and_deliver(store, settings_for(store),
                                    now=NOW + timedelta(days=1))["raised"] == 0
    body = box.received[0]["message"]
    assert "diulang 3 teks dari 3 akun dalam 24 jam terakhir" in body
    assert DEBUNK in body


@BOTH
def test_a_destination_that_is_down_is_retried_until_it_answers(store: Store) -> None:
    bank(store)
    repeat(store, [("a", "akun1", NOW - timedelta(hours=2))])
    port = free_port()
    add_destination(store, f"json://127.0.0.1:{port}/hook")
    only(store, "claim_match")
    settings = settings_for(store)
    assert evaluate_and_deliver(store, settings, now=NOW) == {
        "raised": 1, "sent": 0, "failed": 1, "held": 0}
    [row] = alert_log(store).to_dict("records")
    assert row["status"] == "failed" and row["attempts"] == 1 and row["last_error"]
    # not due yet: the first wait is a minute
    assert evaluate_and_deliver(store, settings, now=NOW + timedelta(seconds=30))["failed"] == 0
    with json_receiver(port) as (box, _):
        counts = evaluate_and_deliver(store, settings, now=NOW + timedelta(minutes=2))
    assert counts == {"raised": 0, "sent": 1, "failed": 0, "held": 0}
    assert len(box.received) == 1
    [row] = alert_log(store).to_dict("records")
    assert (row["status"], row["attempts"], row["last_error"]) == ("sent", 2, None)


@BOTH
def test_quiet_hours_hold_alerts_and_send_one_digest_after(store: Store) -> None:
    bank(store)
    night = datetime(2025, 7, 9, 16, 0, tzinfo=UTC)  # 23:00 WIB
    repeat(store, [("a", "akun1", night - timedelta(hours=1))])
    repeat(store, [("b", "akun2", night - timedelta(minutes=30))], claim="h2", upload="u2")
    settings = settings_for(store, quiet="22-06")
    with json_receiver() as (box, port):
        add_destination(store, f"json://127.0.0.1:{port}/x")
        only(store, "claim_match")
        assert evaluate_and_deliver(store, settings, now=night) == {
            "raised": 2, "sent": 0, "failed": 0, "held": 2}
        assert box.received == []
        assert set(alert_log(store)["status"]) == {"held"}
        morning = datetime(2025, 7, 9, 23, 30, tzinfo=UTC)  # 06:30 WIB on the 10th
        counts = evaluate_and_deliver(store, settings, now=morning)
    assert counts == {"raised": 0, "sent": 1, "failed": 0, "held": 0}
    [digest] = box.received
    assert "2 peringatan selama jam tenang" in digest["title"]
    assert "Jembatan Suramadu ditutup permanen" in digest["message"]
    assert "h2" in digest["message"]
    assert set(alert_log(store)["status"]) == {"sent"}


@pytest.mark.parametrize(("quiet", "hour", "held"), [
    ("22-06", 23, True), ("22-06", 3, True), ("22-06", 6, False), ("22-06", 12, False),
    ("01-05", 2, True), ("01-05", 5, False), ("", 2, False)])
def test_quiet_hours_span_midnight(quiet: str, hour: int, held: bool) -> None:
    assert in_quiet_hours(quiet, datetime(2025, 7, 10, hour, 0)) is held


@BOTH
def test_no_secret_reaches_the_logs_or_the_listing(store: Store,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    bank(store)
    repeat(store, [("a", "akun1", NOW - timedelta(hours=2))])
    secret = "S3cretPassw0rd"
    token = "123456789:AAHsecretBotTokenXYZ"
    port = free_port()  # nobody listens: the delivery fails and Apprise complains
    add_destination(store, f"json://humas:{secret}@127.0.0.1:{port}/hook")
    telegram = add_destination(store, f"tgram://{token}/-100200300")
    set_destination_active(store, telegram, False)  # no network in tests: listed, not used
    only(store, "claim_match")
    caplog.set_level(logging.DEBUG)
    counts = evaluate_and_deliver(store, settings_for(store), now=NOW)
    assert counts["failed"] >= 1
    shown = list_destinations(store).to_string() + alert_log(store).to_string()
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for text in (shown, logged, str(alert_log(store)["last_error"].tolist())):
        assert secret not in text and "AAHsecretBotTokenXYZ" not in text
    assert list_destinations(store)["shown"].tolist() == ["json://127.0.0.1:" + str(port) + "/…",
                                                          "tgram://…/"]


def test_an_unknown_url_is_refused(store: Store) -> None:
    from analysis.errors import ConfigError

    with pytest.raises(ConfigError, match="not an Apprise URL"):
        add_destination(store, "bogus://secret-token@x")
    assert list_destinations(store).empty


def test_a_token_in_a_webhook_path_stays_out_of_the_logs(store: Store,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    """urllib3 logs each request's path at DEBUG: a webhook whose path is its token."""
    bank(store)
    repeat(store, [("a", "akun1", NOW - timedelta(hours=2))])
    token = "T0kenInThePath9"
    caplog.set_level(logging.DEBUG)
    with json_receiver() as (box, port):
        add_destination(store, f"json://127.0.0.1:{port}/hooks/{token}")
        only(store, "claim_match")
        assert evaluate_and_deliver(store, settings_for(store), now=NOW)["sent"] == 1
    assert box.paths == [f"/hooks/{token}"]
    assert token not in caplog.text
    assert token not in list_destinations(store).to_string()


def test_a_broken_rule_does_not_silence_the_others(store: Store,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis.monitor import alert_rules

    def broken(*_: object) -> list[dict[str, object]]:
        raise RuntimeError("boom")

    monkeypatch.setitem(alert_rules.RULES, "entity_spike", broken)
    bank(store)
    repeat(store, [("a", "akun1", NOW - timedelta(hours=2))])
    with json_receiver() as (box, port):
        add_destination(store, f"json://127.0.0.1:{port}/x")
        counts = evaluate_and_deliver(store, settings_for(store), now=NOW)
    assert counts["raised"] == 1 and len(box.received) == 1


@BOTH
def test_a_claim_match_alerts_on_texts_that_arrived_today_not_on_an_old_upload(
        store: Store) -> None:
    bank(store)
    repeat(store, [("lama", "akun1", NOW - timedelta(days=40))])  # last month's export
    repeat(store, [("baru", "akun2", NOW - timedelta(days=3))], upload="u2")
    with store.connect() as con:  # collected an hour ago, three days after it was published
        con.execute("UPDATE documents SET ingested_at = ? WHERE id IN ('lama', 'baru')",
                    [NOW - timedelta(hours=1)])
    only(store, "claim_match")
    assert evaluate_and_deliver(store, settings_for(store), now=NOW)["raised"] == 1
    [event] = store.query("SELECT payload FROM alert_events")["payload"].tolist()
    assert "akun2" in event and "akun1" not in event
