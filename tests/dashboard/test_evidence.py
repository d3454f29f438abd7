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


def test_a_denial_card_links_one_claim_and_does_not_also_say_no_claim_is_close() -> None:
    from streamlit.testing.v1 import AppTest

    def card() -> None:
        from types import SimpleNamespace

        from dashboard.evidence import show_claims

        show_claims(SimpleNamespace(id="d1", claim_similarity=0.91, claims=[
            {"title": "Vaksin mengandung microchip", "relation": "denies", "verdict": "",
             "p": {"denies": 0.9}},
            {"title": "Vaksin picu kanker turbo", "relation": "denies", "verdict": "",
             "p": {"denies": 0.8}},
            {"title": "Kabar lain", "relation": "same_topic", "verdict": "",
             "p": {"same_topic": 0.9}}]))

    app = AppTest.from_function(card).run()
    assert not app.exception
    badges = [m.value for m in app.markdown if "green-badge" in m.value]
    assert badges == [":green-badge[Membantah klaim terbantah] Vaksin mengandung microchip"]
    assert not [c.value for c in app.caption if c.value.startswith(("Tidak mengulang", "Setopik"))]


def test_a_card_without_a_match_names_the_claim_it_only_shares_the_topic_of() -> None:
    """Same-topic news is shown as such (not flagged); a post read as unrelated to every
    claim says it repeats none; neither shows a similarity figure."""
    from streamlit.testing.v1 import AppTest

    def cards() -> None:
        from types import SimpleNamespace

        from dashboard.evidence import show_claims

        show_claims(SimpleNamespace(id="s1", claim_similarity=0.9, claims=[
            {"title": "Vaksin mengandung *microchip*", "relation": "same_topic", "verdict": "",
             "p": {"same_topic": 0.9}},
            {"title": "Vaksin picu kanker", "relation": "unrelated", "verdict": ""}]))
        show_claims(SimpleNamespace(id="u1", claim_similarity=0.85, claims=[
            {"title": "Vaksin picu kanker", "relation": "unrelated", "verdict": ""},
            {"title": "Banjir Jakarta", "relation": "", "verdict": ""}]))

    app = AppTest.from_function(cards).run()
    assert not app.exception
    same, none = (c.value for c in app.caption)
    assert same.startswith("Setopik dengan klaim terbantah «Vaksin mengandung \\*microchip\\*»")
    assert "tidak menaikkan skor hoaks" in same
    assert none == "Tidak mengulang klaim terbantah mana pun."
    assert "0,9" not in same + none
