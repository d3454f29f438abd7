"""``pantau claims`` (the fact-check bank) and ``pantau review`` (the hoax workflow)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from analysis.cli.common import cli_actor, db_option, echo, emit, json_option, settings_for
from analysis.vocabulary import DEBUNKED, STATUSES, Status, Target


@click.group()
def claims() -> None:
    """The fact-check bank that hoax matching compares texts with."""


@claims.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option
@json_option
def import_claims(files: tuple[str, ...], db: str | None, as_json: bool) -> None:
    """Add the claims in FILES: TurnBackHoax-layout CSVs (status,title,content,fact,references,
    tanggal,conclusion) or schema.org ClaimReview JSON. Claims already in the bank are skipped."""
    from analysis.signals.claim_files import read_claim_file
    from analysis.store.claims import upsert_claims
    from analysis.store.db import open_store

    store = open_store(settings_for(db))
    results = []
    for name in files:
        frame = read_claim_file(Path(name))
        added = upsert_claims(store, frame, actor=cli_actor(), origin=Path(name).name)
        results.append({"file": name, "read": len(frame), "added": added})
    emit(as_json, {"files": results}, lambda: "\n".join(
        f"{r['file']}: {r['read']} claims read, {r['added']} new" for r in results))


@claims.command("add")
@click.option("--title", required=True, help="The claim as it circulates.")
@click.option("--fact", required=True, help="What is actually true, in one or two sentences.")
@click.option("--status", default=DEBUNKED, show_default=True,
              help="The verdict: Salah (a hoax) … Benar (a confirmed fact).")
@click.option("--url", default=None, help="Link to the clarification or evidence.")
@db_option
def add_claim_cmd(title: str, fact: str, status: str, url: str | None, db: str | None) -> None:
    """Add one entry to the bank by hand."""
    from analysis.signals.claim_bank import add_claim
    from analysis.signals.claim_files import claim_kind
    from analysis.store.db import open_store

    claim_id = add_claim(open_store(settings_for(db)), title, fact, status=status, url=url,
                         actor=cli_actor())
    echo(f"claim {claim_id} ({claim_kind(status)}) added")


@claims.command("list")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@db_option
@json_option
def list_claims(limit: int, db: str | None, as_json: bool) -> None:
    """Show the newest entries of the bank."""
    from analysis.store.claims import count_claims, newest_claims
    from analysis.store.db import open_store

    store = open_store(settings_for(db))
    frame = newest_claims(store, limit)
    total = count_claims(store)
    emit(as_json, {"total": total, "claims": frame.to_dict("records")}, lambda: "\n".join(
        [f"{total} claims in the bank"] + [
            f"{row['published'] or '?':>10}  {row['status'] or '':<8} {str(row['title'])[:80]}"
            for row in frame.to_dict("records")]))


@claims.command("spreading")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="First day (YYYY-MM-DD, in PANTAU_TIMEZONE; default: the first with data).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last day, included (default: the last with data).")
@click.option("--platform", "platforms", multiple=True,
              help="Only texts from this platform (twitter, youtube, ...); repeatable.")
@click.option("--confirmed-only", is_flag=True,
              help='Only claims at least one text repeats with a "cocok" match.')
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@db_option
@json_option
def spreading(start: datetime | None, end: datetime | None, platforms: tuple[str, ...],
              confirmed_only: bool, limit: int, db: str | None, as_json: bool) -> None:
    """The debunked claims the period's texts repeat, those repeated most in the 24 hours
    before the newest text first: texts ("cocok" among them), accounts, the last 24 hours
    against the 24 before, first and last seen, and the debunk's link."""
    from analysis.store.db import open_store
    from analysis.store.trends import Filters, spreading_claims

    settings = settings_for(db)
    f = Filters(start=start.date() if start else None, end=end.date() if end else None,
                platforms=platforms, timezone=settings.timezone)
    frame = spreading_claims(open_store(settings), f, limit=limit, confirmed_only=confirmed_only)
    keys = ("claim_id", "title", "posts", "confirmed", "accounts", "last_24h", "previous_24h",
            "first_seen", "last_seen", "platforms", "daily", "url", "status")
    rows = [{key: row[key] for key in keys} for row in frame.to_dict("records")]
    now = str(frame["now"].iloc[0]) if len(frame) else None

    def text() -> str:
        if not rows:
            return "no text in this period repeats a debunked claim"
        lines = [f"now (the newest text): {now}"]
        for row in rows:
            change = row["last_24h"] - row["previous_24h"]
            title = str(row["title"])[:70]
            lines.append(f"{row['last_24h']:>4} in 24 h ({change:+d}) {row['posts']:>5} texts "
                         f"({row['confirmed']} cocok), {row['accounts']} accounts  {title}  "
                         f"[{row['status']}]")
            if row["url"]:
                lines.append(f"{'':>6}{row['url']}")
        return "\n".join(lines)

    emit(as_json, {"now": now, "claims": rows}, text)


@click.command("review")
@click.argument("target_id")
@click.option("--status", required=True,
              type=click.Choice([str(s) for s in STATUSES if s != Status.NEW]))
@click.option("--analyst", required=True, help="Who makes the change (kept in the trail).")
@click.option("--note", default=None, help="What was checked, or where the clarification is.")
@click.option("--cluster", is_flag=True, help="TARGET_ID is a coordination cluster, not a text.")
@click.option("--claim", is_flag=True,
              help="TARGET_ID is a debunked bank claim that texts repeat (see claims spreading).")
@click.option("--as-fact", is_flag=True,
              help="With --status bukan_hoaks: also add the text to the claim bank as a "
                   "confirmed fact (the note, if any, as the fact).")
@db_option
def review(target_id: str, status: str, analyst: str, note: str | None, cluster: bool,
           claim: bool, as_fact: bool, db: str | None) -> None:
    """Move a flagged text (or cluster, or spreading claim) along baru → diverifikasi →
    diklarifikasi → dilaporkan, or close it as bukan_hoaks."""
    from analysis.signals.claim_bank import fact_from_text
    from analysis.store.db import open_store
    from analysis.store.reviews import set_status

    if cluster and claim:
        raise click.UsageError("an item is a cluster or a claim, not both")
    if as_fact and (status != Status.NOT_HOAX or cluster or claim):
        raise click.UsageError("--as-fact is for a text closed with --status bukan_hoaks")
    store = open_store(settings_for(db))
    kind = Target.CLUSTER if cluster else Target.CLAIM if claim else Target.DOC
    previous = set_status(store, kind, target_id, status, analyst, note)
    echo(f"{target_id}: {previous} → {status} by {analyst}")
    if as_fact:
        claim_id = fact_from_text(store, target_id, analyst, note)
        echo(f"added to the claim bank as a fact: {claim_id} (used from the next scoring)")
