"""Scoring throughput on Ray against the local engine: the same texts, the same models, stores
filled alike, in one run.

Three stores get the same export (``benchmarks/scoring.py``'s mix: tweets, comments, long
narratives, a third repeats) through the import pipeline, and each is scored for sentiment and
hoax likelihood — scores, embeddings and the coordination refresh written to the store:

* **local**: :func:`analysis.pipeline.score_pending` in this process (all cores);
* **ray_1**, **ray_2**: :func:`analysis.pipeline.ray_engine.score_pending_ray` with 1 and 2
  actors on a local Ray started here with this machine's CPUs (each actor gets an equal share
  of them as torch threads).

Texts/s counts stored texts per second of the whole run. For Ray it includes starting the
actors (each loads the models); ``*_steady`` counts the texts written after the first batch
came back, over the time from then on: the rate once the pool runs, which is what a long run
on a cluster approaches. Before any clock the driver's models are loaded and the bank embedded
(into each store: the encoder caches the passages, so only the first store pays).

Run: ``.venv/bin/python benchmarks/ray_scoring.py [--n 400] [--batch-size 128] [--json]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.pipeline import import_file, load_models, score_pending, scorers_over_bank  # noqa: E402
from analysis.pipeline.ray_engine import RayOptions, score_pending_ray  # noqa: E402
from analysis.settings import Settings, load_settings  # noqa: E402
from analysis.store import Store  # noqa: E402
from analysis.store.documents import document_count  # noqa: E402
from benchmarks.report import print_result  # noqa: E402
from benchmarks.scoring import sample_texts  # noqa: E402


def export(texts: list[str], folder: Path) -> Path:
    """The texts as a CSV export, one author and a minute apart each."""
    path = folder / "export.csv"
    pd.DataFrame({
        "text": texts,
        "created_at": pd.date_range("2025-05-01 08:00", periods=len(texts), freq="min",
                                    tz="Asia/Jakarta").strftime("%Y-%m-%dT%H:%M:%S%z"),
        "username": [f"akun{i % 97}" for i in range(len(texts))],
    }).to_csv(path, index=False)
    return path


def prepared(folder: Path, name: str, source: Path, models: Any, settings: Settings
             ) -> tuple[Store, list[Any]]:
    """A store holding the export, and the scorers over its (embedded) bank."""
    store = Store(folder / f"{name}.duckdb")
    report = import_file(store, source)
    if report.stored == 0:
        raise SystemExit(f"nothing imported: {report.rejects[:3]}")
    return store, scorers_over_bank(models, settings, store)


def timed_run(run: Callable[[Callable[[int, int], None]], Any]) -> dict[str, float]:
    """Seconds of the whole run, and from the first progress report to the end with the
    texts written in that time."""
    start = time.perf_counter()
    seen: list[tuple[float, int]] = []
    run(lambda done, total: seen.append((time.perf_counter(), done)))
    end = time.perf_counter()
    first_t, first_done = seen[0] if seen else (start, 0)
    last_done = seen[-1][1] if seen else 0
    return {"seconds": end - start, "steady_seconds": end - first_t,
            "steady_texts": last_done - first_done, "texts": last_done}


def payload(store: Store) -> dict[str, int]:
    """Bytes per distinct text between driver and actors, before Arrow's framing: out, the
    text with its hash and task once per task; back, each task's row (hash, label, four
    numbers, the evidence JSON) and the hoax scorer's 384 float32 embedding."""
    sizes = store.query(
        "SELECT avg(octet_length(encode(d.text))) AS text, "
        "avg(octet_length(encode(coalesce(s.evidence, '')))) AS evidence "
        "FROM documents d JOIN scores s ON s.doc_id = d.id AND s.task = 'hoax'").iloc[0]
    row = 40 + 12 + 8 + 4 * 8  # text hash, label, task, score and probabilities
    return {"bytes_to_workers_per_text": round(2 * (float(sizes["text"]) + 40 + 12)),
            "bytes_back_per_text": round(2 * row + float(sizes["evidence"]) + 384 * 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="texts in the export (default 400)")
    parser.add_argument("--batch-size", type=int, default=128,
                        help="texts per actor call (default 128)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    import ray

    settings = load_settings()
    models = load_models(settings)
    cpus = os.cpu_count() or 1
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # first-use costs out of the local engine's clock, on texts the encoder's cache of
        # embeddings will not serve again
        warm_texts = [f"{text} (pemanasan)" for text in sample_texts(32, seed=1)]
        warm, warm_scorers = prepared(folder, "warm", export(warm_texts, folder), models,
                                      settings)
        score_pending(warm, warm_scorers)
        source = export(sample_texts(args.n), folder)
        local, local_scorers = prepared(folder, "local", source, models, settings)
        stored = document_count(local)
        runs: dict[str, Callable[[Callable[[int, int], None]], Any]] = {
            "local": lambda p: score_pending(local, local_scorers, progress=p)}
        for workers in (1, 2):
            store, scorers = prepared(folder, f"ray{workers}", source, models, settings)
            options = RayOptions(workers=workers, batch_size=args.batch_size)
            runs[f"ray_{workers}"] = (lambda p, s=store, sc=scorers, o=options:
                                      score_pending_ray(s, sc, settings, o, progress=p))
        ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False,
                 logging_level="WARNING")
        try:
            measured = {name: timed_run(run) for name, run in runs.items()}
        finally:
            ray.shutdown()
        results.update(payload(local))
    texts, tasks = stored, len(local_scorers)  # progress counts (text, task) pairs
    results.update({"texts": texts, "distinct": len(set(sample_texts(args.n))), "cpus": cpus,
                    "batch_size": args.batch_size})
    base = texts / measured["local"]["seconds"]
    for name, m in measured.items():
        rate = texts / m["seconds"]
        results[f"{name}_texts_per_s"] = round(rate, 1)
        results[f"{name}_ratio"] = round(rate / base, 2)
        if name != "local" and m["steady_seconds"] > 0:
            results[f"{name}_steady_texts_per_s"] = round(
                m["steady_texts"] / tasks / m["steady_seconds"], 1)
            results[f"{name}_startup_s"] = round(m["seconds"] - m["steady_seconds"], 1)
    results["load_average_1min"] = round(os.getloadavg()[0], 2)
    print_result(results, args.json)


if __name__ == "__main__":
    main()
