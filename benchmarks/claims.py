"""What the claim reader costs and what it buys, measured in one run.

* **scoring**: the whole hoax scorer (narrative classifier, retrieval, cues; and the reader
  when it is on) on the realistic mix of ``benchmarks/scoring.py`` (tweets, comments, long
  narratives, a third repeats), and the sentiment scorer beside it: seconds per text with and
  without the reader, and the ratio of the two totals (sentiment + hoax), which the issue
  caps at 2.
* **matching**: per text, retrieval alone and retrieval + reading, on the hand-written
  evaluation set's test half (``data/hoax/claim_relations_eval.csv``), with the real bank
  of 1,000 claims and with 50,000 (the real ones plus 49,000 *synthetic* recombinations of
  two real claims, as ``benchmarks/matching.py`` makes them: their embeddings are mixes of the
  real ones, so only speed is realistic there, and recall is a stress test — a synthetic
  entry shares half its words with the right claim). Embedding the texts is timed apart.

Run: ``.venv/bin/python benchmarks/claims.py [--n 300] [--json]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.models.hoax import HoaxScorer, claim_evidence  # noqa: E402
from analysis.models.registry import load_claim_reader  # noqa: E402
from analysis.pipeline.scoring import load_models  # noqa: E402
from analysis.settings import load_settings  # noqa: E402
from analysis.signals.claim_files import DEFAULT_BANK, claim_passage, read_turnbackhoax  # noqa: E402
from analysis.signals.matching import ClaimMatcher  # noqa: E402
from analysis.training.relation_eval import figures, outcomes, read_relation_set  # noqa: E402
from benchmarks.matching import percentiles, synthetic_bank  # noqa: E402
from benchmarks.report import print_result  # noqa: E402
from benchmarks.scoring import sample_texts  # noqa: E402


def timed(work: Any) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def scoring(models: Any, matcher: ClaimMatcher, texts: list[str]) -> dict[str, float]:
    """Seconds per text of sentiment, and of hoax scoring with and without the reader."""
    def hoax(reader: Any) -> HoaxScorer:
        return HoaxScorer(models.encoder, models.head, matcher, models.combiner,
                          classifier=models.classifier, reader=reader)

    models.sentiment.predict(texts[:20])  # warm-up
    sentiment = timed(lambda: models.sentiment.predict(texts))
    models.encoder._cache.clear()
    without = timed(lambda: hoax(None).predict(texts))
    models.encoder._cache.clear()
    with_reader = timed(lambda: hoax(models.reader).predict(texts))
    n = len(texts)
    return {"sentiment_ms_per_text": round(1000 * sentiment / n, 2),
            "hoax_ms_per_text": round(1000 * without / n, 2),
            "hoax_with_reader_ms_per_text": round(1000 * with_reader / n, 2),
            "scoring_ratio": round((sentiment + with_reader) / (sentiment + without), 2)}


def matching(matcher: ClaimMatcher, reader: Any, encoder: Any, rows: pd.DataFrame,
             label: str) -> dict[str, Any]:
    """Per-text latency of retrieval, and of retrieval + reading, and the figures."""
    texts = rows["text"].tolist()
    queries = encoder.embed(texts)
    alone = [timed(lambda i=i: claim_evidence(matcher, None, [texts[i]], queries[i:i + 1]))
             for i in range(len(texts))]
    read = [timed(lambda i=i: claim_evidence(matcher, reader, [texts[i]], queries[i:i + 1]))
            for i in range(len(texts))]
    found = figures(outcomes(rows, matcher, encoder, reader))
    return {f"{label}/retrieval_ms": percentiles(alone),
            f"{label}/with_reader_ms": percentiles(read),
            f"{label}/retrieval_recall_at_5": found["retrieval"]["recall_at_5"],
            f"{label}/recall_at_1": found["recall_at_1"],
            f"{label}/cocok_precision": found["cocok"]["precision"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--bank", type=int, default=50_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    settings = load_settings()
    models = load_models(settings)
    reader = models.reader or load_claim_reader(settings)
    if reader is None:
        sys.exit("No claim reader installed: train one with `pantau train claims`.")
    bank = read_turnbackhoax(DEFAULT_BANK)
    passages = models.encoder.embed([claim_passage(t, c) for t, c in
                                     zip(bank["title"], bank["content"], strict=True)],
                                    prefix="passage: ")
    real = ClaimMatcher(bank, passages)
    result: dict[str, Any] = {"texts": args.n, **scoring(models, real, sample_texts(args.n))}
    rows = read_relation_set()
    rows = rows[rows["split"] == "test"].reset_index(drop=True)
    result.update(matching(real, reader, models.encoder, rows, "bank_1000"))
    big, vectors = synthetic_bank(bank, passages, args.bank)
    big["id"] = list(bank["id"]) + [f"synthetic-{i}" for i in range(len(big) - len(bank))]
    big["status"] = "Salah"
    result.update(matching(ClaimMatcher(big, vectors), reader, models.encoder, rows,
                           f"bank_{args.bank}"))
    result["goal_scoring_ratio"] = 2.0
    print_result(result, args.json)


if __name__ == "__main__":
    main()
