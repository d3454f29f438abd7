"""The wording of alerts, in Bahasa Indonesia (default) and English: each alert says why it was
raised, shows example posts (one line each), the debunk's link where there is one and a link
into the dashboard; a digest lists the alerts held during quiet hours.

Alerts leave Pantau as messages (chat, e-mail, webhooks), so their words live here with the
other documents Pantau writes, not in the dashboard's interface text.
"""

from __future__ import annotations

from typing import Any

from analysis.text.keys import one_line

EXAMPLE_CHARS = 160

WORDS: dict[str, dict[str, str]] = {
    "claim_match_title": {
        "id": "Hoaks terbantah muncul lagi: {title}",
        "en": "Debunked hoax seen again: {title}",
    },
    "claim_match_why": {
        "id": "{texts} teks baru cocok dengan klaim yang sudah dibantah: \"{title}\".",
        "en": "{texts} new texts match a claim that has been debunked: \"{title}\".",
    },
    "claim_spreading_title": {
        "id": "Hoaks terbantah menyebar: {title}",
        "en": "Debunked hoax spreading: {title}",
    },
    "claim_spreading_why": {
        "id": "Klaim yang sudah dibantah \"{title}\" diulang {texts} teks dari {accounts} akun "
              "dalam {hours} jam terakhir (batas: {min_texts} teks atau {min_accounts} akun).",
        "en": "The debunked claim \"{title}\" was repeated by {texts} texts from {accounts} "
              "accounts in the last {hours} hours (threshold: {min_texts} texts or "
              "{min_accounts} accounts).",
    },
    "entity_spike_title": {
        "id": "Lonjakan {metric_name}: {entity} ({bucket})",
        "en": "Spike in {metric_name}: {entity} ({bucket})",
    },
    "volume_name": {"id": "volume", "en": "volume"},
    "negative_name": {"id": "sentimen negatif", "en": "negative sentiment"},
    "entity_spike_volume": {
        "id": "{entity} disebut {observed} teks pada {bucket}, biasanya sekitar {baseline} "
              "(skor-z {z}).",
        "en": "{entity} was named in {observed} texts on {bucket}, usually about {baseline} "
              "(z-score {z}).",
    },
    "entity_spike_negative": {
        "id": "Porsi negatif tentang {entity} {observed} pada {bucket} ({count} teks negatif), "
              "biasanya sekitar {baseline} (skor-z {z}).",
        "en": "The negative share about {entity} was {observed} on {bucket} ({count} negative "
              "texts), usually about {baseline} (z-score {z}).",
    },
    "coordinated_cluster_title": {
        "id": "Unggahan terkoordinasi: {n_accounts} akun, {n_posts} unggahan",
        "en": "Coordinated posting: {n_accounts} accounts, {n_posts} posts",
    },
    "coordinated_cluster_why": {
        "id": "{n_accounts} akun ({accounts}) mengunggah teks yang hampir sama {n_posts} kali "
              "dalam {minutes} menit.",
        "en": "{n_accounts} accounts ({accounts}) posted nearly the same text {n_posts} times "
              "within {minutes} minutes.",
    },
    "examples": {"id": "Contoh unggahan:", "en": "Example posts:"},
    "debunk": {"id": "Bantahan: {url}", "en": "Debunk: {url}"},
    "open": {"id": "Buka di Pantau: {url}", "en": "Open in Pantau: {url}"},
    "digest_title": {
        "id": "Pantau: {n} peringatan selama jam tenang",
        "en": "Pantau: {n} alerts during quiet hours",
    },
    "digest_intro": {
        "id": "Peringatan yang ditahan selama jam tenang ({quiet}):",
        "en": "Alerts held during quiet hours ({quiet}):",
    },
    "test_title": {"id": "Pantau: pesan uji", "en": "Pantau: test message"},
    "test_body": {
        "id": "Ini pesan uji dari Pantau. Jika pesan ini sampai, peringatan akan sampai ke "
              "tujuan ini.",
        "en": "This is a test message from Pantau. If it arrived, alerts will reach this "
              "destination.",
    },
}


def word(key: str, lang: str, **values: object) -> str:
    """The wording for ``key`` in ``lang`` (Indonesian when missing), filled with ``values``."""
    entry = WORDS[key]
    return (entry.get(lang) or entry["id"]).format(**values)


def _number(value: float, lang: str, digits: int = 0) -> str:
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def _share(value: float, lang: str) -> str:
    return _number(100 * value, lang) + " %"


def _why(kind: str, p: dict[str, Any], lang: str) -> str:
    if kind == "entity_spike":
        negative = p["metric"] == "negative"
        shown = _share if negative else (lambda v, lg: _number(v, lg))
        return word(f"entity_spike_{p['metric']}", lang, entity=p["entity"],
                    bucket=p["bucket"], observed=shown(p["observed"], lang),
                    baseline=shown(p["baseline"], lang), z=_number(p["z"], lang, 1),
                    count=p.get("count", 0))
    if kind == "coordinated_cluster":
        names = ", ".join(str(a) for a in p["accounts"][:5])
        more = len(p["accounts"]) - 5
        return word("coordinated_cluster_why", lang, n_accounts=p["n_accounts"],
                    accounts=names + (f" +{more}" if more > 0 else ""), n_posts=p["n_posts"],
                    minutes=_number(p.get("span_minutes") or 0, lang))
    return word(f"{kind}_why", lang, **p)


def title_of(kind: str, payload: dict[str, Any], lang: str = "id") -> str:
    """An alert's title: what happened, in a few words."""
    values = dict(payload)
    if kind == "entity_spike":
        values["metric_name"] = word(f"{payload['metric']}_name", lang)
    return one_line(word(f"{kind}_title", lang, **values), 200)


def alert_message(kind: str, payload: dict[str, Any], link: str | None,
                  lang: str = "id") -> tuple[str, str]:
    """An alert's title and body: why it was raised, example posts (one line each), the
    debunk's link where there is one and the dashboard's link."""
    lines = [_why(kind, payload, lang)]
    examples = payload.get("examples") or []
    if examples:
        lines += ["", word("examples", lang)]
        for example in examples:
            who = f"@{example['author']}" if example.get("author") else ""
            where = f" ({example['platform']})" if example.get("platform") else ""
            said = one_line(example["text"], EXAMPLE_CHARS)
            lines.append(f"- {who}{where}: {said}" if who or where else f"- {said}")
    if payload.get("claim_url"):
        lines += ["", word("debunk", lang, url=payload["claim_url"])]
    if link:
        lines += ["", word("open", lang, url=link)]
    return title_of(kind, payload, lang), "\n".join(lines)


def digest_message(events: list[dict[str, Any]], quiet: str,
                   lang: str = "id") -> tuple[str, str]:
    """One message for the alerts held during quiet hours: each one's title and body."""
    parts = [word("digest_intro", lang, quiet=quiet)]
    for number, event in enumerate(events, 1):
        parts += ["", f"{number}. {event['title']}", str(event["body"])]
    return word("digest_title", lang, n=len(events)), "\n".join(parts)


def test_message(lang: str = "id") -> tuple[str, str]:
    """The title and body of a test message."""
    return word("test_title", lang), word("test_body", lang)
