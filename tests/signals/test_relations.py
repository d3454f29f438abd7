"""The claim reader's decisions around the classifier: pair text, verdicts from thresholds,
which candidates are read, and their order. A rule-based pair classifier stands in for the
cross-encoder here (its real figures are in tests/training/test_relation_eval.py)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from analysis.signals.relations import (
    READ_FROM,
    READ_TOP,
    READ_WINDOWS,
    READ_WORDS,
    SEPARATOR,
    WINDOW_WORDS,
    ClaimReader,
    Reading,
    can_state_a_claim,
    pair_text,
    read_candidates,
    strongest,
    windows,
)
from analysis.vocabulary import Relation


class RuleClassifier:
    """Repeats when the post holds the claim's first word, denies when it also says
    "hoaks", else same topic; labels in an order of its own, to check the reordering."""

    labels = ["unrelated", "same_topic", "denies", "repeats"]

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = []
        for text in texts:
            post, claim = text.split(SEPARATOR)
            first = claim.split()[0].lower()
            if first in post.lower() and "hoaks" in post.lower():
                out.append([0.05, 0.05, 0.8, 0.1])
            elif first in post.lower():
                out.append([0.02, 0.08, 0.1, 0.8 if "!!" in post else 0.6])
            else:
                out.append([0.3, 0.6, 0.05, 0.05])
        return np.array(out)


def record(title: str, score: float = 0.5) -> dict[str, object]:
    return {"id": title[:8], "title": title, "score": score}


def test_a_pair_is_one_line_with_the_separator() -> None:
    assert pair_text("vaksin  bikin\nmandul", " Vaksin Sebabkan Mandul ") == (
        "vaksin bikin mandul </s> Vaksin Sebabkan Mandul")


def test_probabilities_come_in_the_vocabulary_order() -> None:
    reader = ClaimReader(RuleClassifier(), cocok=0.7, mirip=0.5)
    probs = reader.probabilities(["Vaksin itu hoaks"], ["Vaksin Sebabkan Mandul"])
    assert probs.tolist() == [[0.1, 0.8, 0.05, 0.05]]  # repeats, denies, same_topic, unrelated


def test_verdicts_follow_the_thresholds() -> None:
    reader = ClaimReader(RuleClassifier(), cocok=0.7, mirip=0.5)
    strong, weak, denial = reader.readings(
        ["Vaksin bikin mandul!!", "vaksin bikin mandul", "vaksin mandul itu hoaks"],
        ["Vaksin Sebabkan Mandul"] * 3)
    assert (strong.relation, strong.verdict, strong.repeats) == (Relation.REPEATS, "cocok", 0.8)
    assert (weak.relation, weak.verdict) == (Relation.REPEATS, "mirip")
    assert (denial.relation, denial.verdict) == (Relation.DENIES, "")


def test_a_classifier_without_the_four_relations_is_refused() -> None:
    class Binary(RuleClassifier):
        labels = ["hoax", "not_hoax"]

    with pytest.raises(ValueError, match="lacks the relations"):
        ClaimReader(Binary(), cocok=0.7, mirip=0.5)


def test_the_read_candidates_come_first_most_repeated_first_in_one_batch() -> None:
    classifier = RuleClassifier()
    reader = ClaimReader(classifier, cocok=0.7, mirip=0.5)
    posts = ["Banjir Jakarta!! air setinggi dada, sebarkan", "obrolan biasa soal cuaca hari ini"]
    records = [[record("Gempa Maluku"), record("Banjir Jakarta Setinggi Monas"),
                record("Banjir Bandung"), record("Banjir Lagi")],
               [record("Gempa Maluku")]]
    found = read_candidates(reader, posts, records, [READ_FROM + 0.01, READ_FROM - 0.01])
    assert READ_TOP == 2  # the two best retrieved claims are read, the others listed after
    assert len(classifier.calls) == 1 and len(classifier.calls[0]) == READ_TOP
    titles = [r["title"] for r in found[0]]
    assert titles == ["Banjir Jakarta Setinggi Monas", "Gempa Maluku", "Banjir Bandung",
                      "Banjir Lagi"]
    first = found[0][0]
    assert (first["relation"], first["verdict"], first["counted"]) == ("repeats", "cocok", 0.8)
    assert found[0][1]["relation"] == "same_topic" and found[0][1]["counted"] == 0.0
    assert all(r["relation"] == "" and "p" not in r for r in found[0][2:])
    assert found[1] == [{**records[1][0], "relation": "", "verdict": "", "counted": 0.0}]


def test_a_denial_counts_nothing_toward_the_hoax_score() -> None:
    reader = ClaimReader(RuleClassifier(), cocok=0.7, mirip=0.5)
    found = read_candidates(reader, ["Cek fakta: banjir jakarta itu hoaks"],
                            [[record("Banjir Jakarta Setinggi Monas")]], [0.95])
    assert found[0][0]["relation"] == "denies"
    assert found[0][0]["verdict"] == "" and found[0][0]["counted"] == 0.0


def test_claims_the_post_repeats_come_first_cocok_first_then_in_retrieval_order(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.signals.relations as relations

    monkeypatch.setattr(relations, "READ_TOP", 3)  # the order among three read claims

    class Sure(RuleClassifier):
        """As RuleClassifier, but only a claim starting with "Banjir" is repeated surely."""

        def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
            probs = super().predict_proba([text.replace("!!", "") for text in texts])
            for row, text in zip(probs, texts, strict=True):
                if text.split(SEPARATOR)[1].startswith("Banjir") and row[3] > 0.5:
                    row[:] = [0.02, 0.08, 0.1, 0.8]
            return probs

    reader = ClaimReader(Sure(), cocok=0.7, mirip=0.5)
    found = read_candidates(reader, ["gempa, vaksin dan banjir melanda kota"],
                            [[record("Kabar Lain"), record("Gempa Maluku"),
                              record("Vaksin Sebabkan Mandul"), record("Banjir Jakarta")]],
                            [0.9])
    assert [(r["title"], r["verdict"]) for r in found[0]] == [
        ("Gempa Maluku", "mirip"), ("Vaksin Sebabkan Mandul", "mirip"), ("Kabar Lain", ""),
        ("Banjir Jakarta", "")]  # the fourth is not read
    found = read_candidates(reader, ["gempa dan banjir melanda kota"],
                            [[record("Gempa Maluku"), record("Banjir Jakarta")]], [0.9])
    assert [(r["title"], r["verdict"]) for r in found[0]] == [
        ("Banjir Jakarta", "cocok"), ("Gempa Maluku", "mirip")]


@pytest.mark.parametrize("post", [
    ":face-blue-smiling::face-blue-smiling::face-blue-smiling:", "RUWEDD RUWEDD RUWEDD RUWEDD",
    "Money politik  Money politik Money politik", "Lapor mas wapres 😂😂", "@budi @ani https://x.co",
])
def test_a_post_without_words_enough_for_a_claim_is_not_read(post: str) -> None:
    classifier = RuleClassifier()
    reader = ClaimReader(classifier, cocok=0.7, mirip=0.5)
    assert not can_state_a_claim(post)
    found = read_candidates(reader, [post], [[record("Money Politik Bayi Katak")]], [0.99])
    assert not any(classifier.calls) and found[0][0]["verdict"] == ""


def test_four_distinct_content_words_are_enough_and_shortcodes_are_no_words() -> None:
    assert READ_WORDS == 4
    assert can_state_a_claim("vaksin bikin mandul, share!")
    assert not can_state_a_claim("vaksin vaksin mandul :thumbs_up: :face-blue-smiling:")
    assert pair_text("kabar :face-blue-smiling: ini", "Klaim") == "kabar ini </s> Klaim"
    assert pair_text("jam 10:30:45 WIB", "Klaim") == "jam 10:30:45 WIB </s> Klaim"


FILLER = " ".join(f"kalimat{i} berita lomba robotika sekolah" for i in range(60))
"""A 360-word report about something else."""


def test_a_long_post_is_read_in_windows_about_the_claim() -> None:
    claim = "Pemerintah siapkan robot untuk vaksinasi paksa warga"
    inside = f"{FILLER} kabarnya pemerintah siapkan robot vaksinasi paksa ke rumah warga {FILLER}"
    parts = windows(inside, claim)
    assert len(parts) == READ_WINDOWS
    assert all(len(part.split()) == WINDOW_WORDS for part in parts)
    assert any("vaksinasi paksa ke rumah warga" in part for part in parts), "where it is said"
    assert windows("postingan pendek", claim) == ["postingan pendek"]
    assert windows(FILLER, claim)[0].startswith("kalimat0 "), "nothing shared: the earliest"


def test_a_long_post_repeats_a_claim_if_one_of_its_windows_does() -> None:
    classifier = RuleClassifier()
    reader = ClaimReader(classifier, cocok=0.7, mirip=0.5)
    claim = "Vaksin sebabkan mandul"
    repeating = f"{FILLER} katanya vaksin bikin mandul!! {FILLER}"
    denying = f"{FILLER} hoaks: vaksin tidak bikin mandul {FILLER}"
    found = read_candidates(reader, [repeating, denying, FILLER],
                            [[record(claim)], [record(claim)], [record(claim)]], [0.9] * 3)
    assert [f[0]["relation"] for f in found] == ["repeats", "denies", "same_topic"]
    assert found[0][0]["verdict"] == "cocok" and found[0][0]["counted"] == 0.8
    read = classifier.calls[0]
    assert len(read) == 3 * READ_WINDOWS, "two windows of each long post, one batch"
    assert all(len(text.split(SEPARATOR)[0].split()) <= WINDOW_WORDS for text in read)


def test_the_strongest_window_decides() -> None:
    def reading(relation: Relation, p: float) -> Reading:
        probs = {str(r): 0.0 for r in Relation}
        probs[relation] = p
        return Reading(relation, probs, "")

    topic, denial, repeat = (reading(Relation.SAME_TOPIC, 0.9), reading(Relation.DENIES, 0.8),
                             reading(Relation.REPEATS, 0.6))
    assert strongest([topic, denial, repeat]) is repeat
    assert strongest([topic, denial]) is denial
    assert strongest([reading(Relation.UNRELATED, 0.9), topic]) is topic
