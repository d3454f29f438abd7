"""Why a text scored as hoax-like, as the Hoaks page shows it: the debunked claims it repeats,
the words that fired a cue, each signal's share of the score, and its coordinated cluster."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis.signals.claim_files import claim_kind
from analysis.signals.official import official_accounts
from analysis.vocabulary import ClaimKind, Relation, Verdict
from dashboard.formatting import decimal, escape, present, safe_url
from dashboard.texts import t, t_or

SIGNAL_NAMES = ("p_head", "match", "cues", "coordination")
SHOWN_CHARS = 600  # of a text on its card


def strength(verdict: str | None) -> str:
    """The claim matcher's verdict in words (thresholds in data/models/matching.json)."""
    return t("evidence_cocok" if verdict == Verdict.COCOK else "evidence_mirip")


def highlighted(text: str, cues: list[dict[str, Any]]) -> str:
    """The text made inert, with the words that fired a cue marked."""
    text = text[:SHOWN_CHARS]
    out, at = [], 0
    for cue in sorted(cues, key=lambda c: c.get("start", 0)):
        start, end = int(cue.get("start", -1)), int(cue.get("end", -1))
        if start < at or end > len(text) or start >= end:
            continue
        out += [escape(text[at:start]), f":orange-background[{escape(text[start:end])}]"]
        at = end
    out.append(escape(text[at:]))
    return "".join(out) + ("…" if len(text) == SHOWN_CHARS else "")


def show_claims(row: Any) -> None:
    """The bank entries the text repeats as evidence, those it denies (it helps correct them),
    or a plain statement that none is close."""
    claims = shown_claims(row.claims or [])
    denied = show_denials(row)
    if not claims:
        if not denied and present(row.claim_similarity) is not None:
            st.caption(no_match_note(row.claims or []))
        return
    for rank, claim in enumerate(claims):
        if claim_kind(claim.get("status")) == ClaimKind.FACT:
            lead = t("evidence_fact_entry")  # a confirmed fact: shown, does not raise the score
        else:
            lead = t("evidence_claim") if rank == 0 else t("evidence_other")
        st.markdown(f"**{lead}** ({strength(claim.get('verdict'))} · {t('evidence_score')} "
                    f"{decimal(claim_score(claim))}): {escape(claim.get('title'))}")
        with st.expander(t("evidence_fact")):
            st.markdown(escape(present(claim.get("fact")) or "—"))
            if claim_url := safe_url(claim.get("url")):
                st.link_button(t("evidence_link"), claim_url, key=f"claim-{row.id}-{rank}")


def no_match_note(claims: list[dict[str, Any]]) -> str:
    """What a card says when the text repeats no claim: the claim the reader read it as only
    sharing the topic of, when there is one (same-topic news is shown as such, not flagged),
    else that it repeats none. No similarity figure: e5 cosines are compressed (unrelated
    Indonesian texts reach 0.8), and "0,85" under a football report read as a near match."""
    topical = [c for c in claims if c.get("relation") == Relation.SAME_TOPIC]
    if topical:
        return t("evidence_same_topic", title=escape(topical[0].get("title")))
    return t("evidence_none")


def shown_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims a card shows as evidence: those with a verdict; where the claim reader read
    them, its first and any other it is sure of ("cocok"), since a post repeats one claim
    and a second "mirip" beside the first is noise."""
    flagged = [c for c in claims if c.get("verdict")]
    if not flagged or "p" not in flagged[0]:
        return flagged
    return flagged[:1] + [c for c in flagged[1:] if c.get("verdict") == Verdict.COCOK]


def claim_score(claim: dict[str, Any]) -> float:
    """How surely the text repeats the claim, as the match signal in "Mengapa skor ini?" took
    it: the claim reader's probability when it read the pair, else the retrieval score as the
    similarity gate let it count (``counted``; older evidence has only ``score``)."""
    read = (claim.get("p") or {}).get(Relation.REPEATS)
    if read is not None:
        return float(read)
    return float(claim.get("counted", claim.get("score")) or 0)


def show_denials(row: Any) -> bool:
    """The debunked claim the text denies, if any: it helps correct it, and nothing raises its
    score for it. Only the first read as denied, the one the store links the text to
    (``hoax_denied``) and whose links the reader's evaluation measures; returns whether one
    was shown."""
    denied = [c for c in (row.claims or []) if c.get("relation") == Relation.DENIES][:1]
    for claim in denied:
        st.markdown(f":green-badge[{t('evidence_denies')}] {escape(claim.get('title'))}")
        st.caption(t("evidence_denies_note"))
    return bool(denied)


def show_why(row: Any) -> None:
    """Mengapa skor ini? The starting point, each signal's value and what it added to the
    log-odds, and the total: the score on the card is the sigmoid of the last row."""
    parts = row.contributions or {}
    if not parts:
        return
    with st.expander(t("why_title")):
        values = {"p_head": row.p_head, "match": row.match, "cues": row.cue_score,
                  "coordination": row.coordination}
        start = float(row.intercept or 0)
        total = start + sum(float(parts.get(name, 0)) for name in SIGNAL_NAMES)
        table = pd.DataFrame({
            t("why_signal"): [t("why_start")] + [t(f"why_{name}") for name in SIGNAL_NAMES]
            + [t("why_total")],
            t("why_value"): ["—"] + [decimal(float(values[name] or 0)) for name in SIGNAL_NAMES]
            + [decimal(float(row.hoax_score))],
            t("why_part"): [decimal(start, signed=True)]
            + [decimal(float(parts.get(name, 0)), signed=True) for name in SIGNAL_NAMES]
            + [decimal(total, signed=True)],
        })
        st.dataframe(table, hide_index=True)
        st.caption(t("why_note", b=decimal(float(row.intercept or 0), signed=True)))
        if row.cues:
            st.markdown(t("why_cue_list") + " " + ", ".join(
                f"{escape(c.get('matched', ''))} ({escape(cue_category(c.get('category')))})"
                for c in row.cues))


def cue_category(category: str | None) -> str:
    """A cue's category in the viewer's language (as stored when the interface has no words)."""
    return t_or(f"cue_{category}", str(category or ""))


def cluster_text(row: Any) -> str:
    """"14 akun memposting teks yang sama dalam 9 menit", in the viewer's language, for a
    scored text in a cluster (``cluster_*`` columns) or a cluster itself (``n_*`` columns)."""
    accounts = int(_either(row, "cluster_accounts", "n_accounts"))
    minutes = float(_either(row, "cluster_span", "span_minutes") or 0)
    posts = int(_either(row, "cluster_posts", "n_posts"))
    return t("coord_text", a=accounts, m=round(minutes), p=posts)


def show_cluster_badge(row: Any, names: list[str], extra: tuple[str, ...]) -> None:
    """The card's or cluster's coordination badge: "Terkoordinasi", or, when official accounts
    took part (their burst adds nothing to the hoax score), "Amplifikasi akun resmi" with
    their names."""
    units = official_accounts(names, extra)
    if not units:
        st.markdown(f":violet-badge[{t('coord_badge')}] {escape(cluster_text(row))}")
        return
    st.markdown(f":blue-badge[{t('coord_official_badge')}] {escape(cluster_text(row))}")
    st.caption(t("coord_official_note", a=", ".join(escape(u) for u in units[:8])))


def _either(row: Any, first: str, second: str) -> Any:
    """``row.first`` when set, else ``row.second`` (0 when neither is there)."""
    return getattr(row, first, None) or getattr(row, second, 0)
