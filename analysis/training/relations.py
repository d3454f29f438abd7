"""Training the claim reader (:mod:`analysis.signals.relations`): pairs of (post, bank claim)
labelled repeats / denies / same_topic / unrelated, built from the bank itself.

For every bank claim that the hand-written evaluation set does not test
(:mod:`analysis.training.relation_eval`: its test claims never reach training):

* ``repeats``: two social-media variants of the claim (shortened, slang, reordered,
  paraphrased, typos, an excerpt of the claimed content, chain-message wrappers:
  :func:`analysis.training.claim_eval.positives`);
* ``denies``: the fact-check's own conclusion ("… merupakan konten yang dimanipulasi") and the
  claim inside a denial or debunk ("Polda bantah …", "cek fakta: …", "HOAKS! …");
* ``same_topic``: a post repeating one of the claim's nearest *other* claims (e5 cosine of the
  titles, near-duplicates of the claim itself left out) — the same people, places and topic,
  another proposition;
* ``same_topic`` / ``unrelated``: real posts from the demo exports and SmSA (those of the
  ``train`` part: :func:`analysis.training.claim_eval.real_post_part`) with the three claims
  retrieval offers them, as scoring would read them.

The evaluation set's hand-written texts of its ``train`` part are trained on too (a few
hundred, weighted); its ``tune`` part only picks the thresholds and its ``test`` part only
reports, and no claim of either reaches training in any form.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.signals.claim_files import DEFAULT_BANK, read_turnbackhoax
from analysis.signals.relations import pair_text
from analysis.text.keys import normalize_text
from analysis.training.augment import informalize
from analysis.training.claim_eval import core_claim, positives
from analysis.training.finetune import FinetuneConfig, FinetuneResult, finetune_classifier
from analysis.training.real_posts import real_posts
from analysis.training.relation_eval import bank_matcher
from analysis.vocabulary import RELATIONS, Relation

Log = Callable[[str], None]
SEED = 2027
READER_FINETUNE = FinetuneConfig(epochs=2, batch_size=32, lr=6e-4, max_length=96, augment=0.0,
                                 holdout=0.08)
"""Pairs are short (a post and a claim title: 40 tokens at the median), so 96 tokens keep
nearly all whole; the variants are already informal, so no further rewriting."""

DENIALS = (
    "Cek fakta: {c} itu tidak benar.", "HOAKS! {c}. Faktanya tidak seperti itu.",
    "Polisi membantah kabar {c}.", "Jangan percaya, kabar {c} itu hoaks.",
    "Klarifikasi: informasi {c} adalah keliru.", "{c}? Itu editan, jangan disebar.",
    "Pemerintah memastikan {c} tidak benar, masyarakat diimbau tidak terprovokasi.",
    "[SALAH] {c}", "gak bener ya, {c} itu hoax lama", "Faktanya, {c} hanya rekayasa.",
    "Kominfo: {c} merupakan disinformasi.", "tolong jgn disebar, {c} udh dibantah resmi",
)
_CHECKER = re.compile(r"^\s*hasil periksa fakta[^.\n]*[.\n]\s*", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def conclusion_sentence(conclusion: str) -> str | None:
    """The fact-check's verdict sentence, without the checker's name line, at most 40 words."""
    text = _CHECKER.sub("", str(conclusion or ""))
    for sentence in _SENTENCE.split(text):
        words = sentence.split()
        if len(words) >= 6:
            return " ".join(words[:40])
    return None


def denial(title: str, rng: random.Random) -> str:
    """The claim inside a denial or debunk, sometimes written informally."""
    core = core_claim(title) or title
    text = rng.choice(DENIALS).format(c=core if rng.random() < 0.6 else core.lower())
    return informalize(text, rng) if rng.random() < 0.3 else text


SAME_TOPIC_FROM = 0.86
"""The e5 cosine from which two texts are taken to share a topic (unrelated Indonesian texts
stay around 0.80)."""
_NEGATION = re.compile(r"(?i)\b(?:tidak|bukan|tak|salah|hoaks?|keliru|menyesatkan|manipula\w*|"
                       r"bantah\w*|palsu|suntingan|editan|disinformasi|misinformasi|belum)\b")


def neighbours(vectors: np.ndarray, titles: list[str], k: int = 2
               ) -> list[list[tuple[int, float]]]:
    """Per claim, its ``k`` nearest other claims by title embedding with their cosines, leaving
    out copies of the claim itself (same normalised title, or cosine above 0.97)."""
    sims = vectors @ vectors.T
    keys = [normalize_text(t) for t in titles]
    out = []
    for i, row in enumerate(sims):
        order = np.argsort(-row)
        out.append([(int(j), float(row[j])) for j in order
                    if j != i and keys[j] != keys[i] and row[j] < 0.97][:k])
    return out


def claim_pairs(claims: pd.DataFrame, near: list[list[tuple[int, float]]], keep: set[str],
                seed: int = SEED) -> list[tuple[str, str, str]]:
    """(post, claim title, relation) for every claim whose id is in ``keep``."""
    rows: list[tuple[str, str, str]] = []
    columns = [claims[c].astype(str).tolist() for c in ("id", "title", "content", "conclusion")]
    for i, (claim_id, title, content, conclusion) in enumerate(zip(*columns, strict=True)):
        if claim_id not in keep:
            continue
        rng = random.Random(f"{seed}:{claim_id}")
        rows += [(text, title, Relation.REPEATS) for text, _ in positives(title, content, rng)[:2]]
        said = conclusion_sentence(conclusion)
        if said:  # the verdict denies; a sentence of it saying what is true shares the topic
            rows.append((said, title, Relation.DENIES if _NEGATION.search(said)
                         else Relation.SAME_TOPIC))
        rows.append((denial(title, rng), title, Relation.DENIES))
        for j, cosine in near[i]:
            text = positives(columns[1][j], columns[2][j], rng)[0][0]
            rows.append((text, title, Relation.SAME_TOPIC if cosine >= SAME_TOPIC_FROM
                         else Relation.UNRELATED))
    return rows


POST_CLAIMS = 3
"""How many retrieved claims each real post is paired with in training: the committed readers
learnt from three, when scoring read three."""


def post_pairs(matcher: Any, posts: list[str], post_vectors: np.ndarray
               ) -> list[tuple[str, str, str]]:
    """Real posts (none repeats a bank claim) with the claims retrieval offers them, as the
    reader meets them when scoring (the :data:`POST_CLAIMS` best; it reads the
    :data:`~analysis.signals.relations.READ_TOP` best):
    ``same_topic`` when close enough, else ``unrelated``. These are the reader's hardest
    negatives: on the demo comments, a reader trained on a post's nearest title and a random
    claim read "Maju terus Mas Gibran …" as repeating a claim about Gibran."""
    rows: list[tuple[str, str, str]] = []
    titles = matcher.claims["title"].astype(str).tolist()
    for post, found in zip(posts, matcher.match(posts, post_vectors, k=POST_CLAIMS),
                           strict=True):
        rows += [(post, titles[hit.claim], Relation.SAME_TOPIC if hit.cosine >= SAME_TOPIC_FROM
                  else Relation.UNRELATED) for hit in found]
    return rows


HAND_WRITTEN_WEIGHT = 3
"""How many times each hand-written pair of the evaluation set's ``train`` part is trained on:
they are few (about 180) and the only pairs not made by a rewrite function."""


def training_pairs(encoder: Any, test_claims: set[str], bank: Path = DEFAULT_BANK,
                   posts: int = 2000, seed: int = SEED,
                   hand_written: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every training pair as (text, label, post, claim); the claims in ``test_claims`` and
    copies of them (same normalised title) are left out. ``hand_written`` rows (the evaluation
    set's ``train`` part: ``text``, ``relation``, ``claim_title``) are added
    :data:`HAND_WRITTEN_WEIGHT` times, an unrelated one paired with a random claim."""
    claims = read_turnbackhoax(bank)
    tested = {normalize_text(t) for t, i in zip(claims["title"], claims["id"], strict=True)
              if i in test_claims}
    keep = {i for t, i in zip(claims["title"], claims["id"], strict=True)
            if i not in test_claims and normalize_text(t) not in tested}
    titles = claims["title"].tolist()
    title_vectors = encoder.embed(titles, prefix="passage: ")
    rows = claim_pairs(claims, neighbours(title_vectors, titles), keep, seed)
    kept = claims[claims["id"].isin(keep).to_numpy()].reset_index(drop=True)
    texts = [text for text, _ in real_posts("train", posts, seed)]
    rows += post_pairs(bank_matcher(kept, encoder), texts, encoder.embed(texts))
    frame = pd.DataFrame(rows, columns=["post", "claim", "label"]).drop_duplicates(
        subset=["post", "claim"], ignore_index=True)
    if hand_written is not None and len(hand_written):
        frame = pd.concat([frame] + [_hand_pairs(hand_written, kept, seed)] * HAND_WRITTEN_WEIGHT,
                          ignore_index=True)
    frame["label"] = frame["label"].astype(str)
    frame.insert(0, "text", [pair_text(p, c) for p, c in zip(frame["post"], frame["claim"],
                                                             strict=True)])
    return frame


def _hand_pairs(rows: pd.DataFrame, claims: pd.DataFrame, seed: int) -> pd.DataFrame:
    rng = random.Random(f"{seed}:hand")
    titles = [title or str(claims["title"].iloc[rng.randrange(len(claims))])
              for title in rows["claim_title"]]
    return pd.DataFrame({"post": rows["text"].tolist(), "claim": titles,
                         "label": rows["relation"].tolist()})


def build_reader(encoder: Any, folder: Path, log: Log = print, limit: int = 0,
                 layers: int = 0) -> dict[str, Any]:
    """``pantau train claims``: train the reader (on the encoder's first ``layers`` layers; 0:
    all) on the bank and the evaluation set's ``train`` part (no claim of its ``tune`` or
    ``test`` parts), save it in ``folder``, fit its thresholds on ``tune``; returns the
    thresholds and the figures on ``tune`` and ``test``."""
    from analysis.training.relation_eval import calibrate_reader, read_relation_set

    rows = read_relation_set()
    held_out = set(rows.loc[rows["split"].isin(["tune", "test"]) & (rows["claim_id"] != ""),
                            "claim_id"])
    train_reader(encoder, encoder.path, folder, held_out, rows[rows["split"] == "train"],
                 config=replace(READER_FINETUNE, layers=layers), log=log, limit=limit)
    return calibrate_reader(encoder, folder, read_turnbackhoax(DEFAULT_BANK), rows)


def train_reader(encoder: Any, encoder_dir: Path, out_dir: Path, held_out: set[str],
                 hand_written: pd.DataFrame | None = None,
                 config: FinetuneConfig = READER_FINETUNE, device: str = "auto",
                 log: Log = print, limit: int = 0) -> FinetuneResult:
    """Build the pairs (no claim of ``held_out`` among them), fine-tune the reader on them and
    save it to ``out_dir``; its thresholds are fitted afterwards on the evaluation set's
    ``tune`` part (:func:`analysis.training.relation_eval.calibrate_reader`)."""
    data = training_pairs(encoder, held_out, hand_written=hand_written)
    if limit:
        data = data.sample(n=min(limit, len(data)), random_state=0).reset_index(drop=True)
        config = replace(config, epochs=1)
    log(f"{len(data)} pairs: " + ", ".join(
        f"{label} {int((data['label'] == label).sum())}" for label in RELATIONS))
    return finetune_classifier(encoder_dir, out_dir, data[["text", "label"]],
                               [str(r) for r in RELATIONS], None, config, device, log,
                               name="claim-reader-lora", data_name=DEFAULT_BANK.name)
