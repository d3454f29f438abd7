"""Which claims a Hoaks card shows, and with which score."""

from __future__ import annotations

from dashboard.evidence import claim_score, shown_claims


def test_a_read_post_shows_its_first_claim_and_only_sure_others() -> None:
    claims = [{"title": "A", "verdict": "cocok", "p": {"repeats": 0.99}},
              {"title": "B", "verdict": "mirip", "p": {"repeats": 0.97}},
              {"title": "C", "verdict": "cocok", "p": {"repeats": 0.995}},
              {"title": "D", "verdict": "", "p": {"repeats": 0.1}}]
    assert [c["title"] for c in shown_claims(claims)] == ["A", "C"]
    assert [c["title"] for c in shown_claims(claims[1:2] + claims[3:])] == ["B"]


def test_evidence_from_before_the_reader_shows_every_flagged_claim() -> None:
    claims = [{"title": "A", "verdict": "cocok", "score": 0.9, "counted": 0.5},
              {"title": "B", "verdict": "mirip", "score": 0.4}, {"title": "C", "verdict": ""}]
    assert [c["title"] for c in shown_claims(claims)] == ["A", "B"]
    assert claim_score(claims[0]) == 0.5  # what the match signal took, as "Mengapa" says
    assert claim_score(claims[1]) == 0.4
    assert claim_score({"p": {"repeats": 0.87}, "score": 0.3}) == 0.87
