"""Monitoring latency: a local news site publishes N new items at once; how long until every
item is stored, scored, visible on Ringkasan, and its alert delivered.

* A threaded HTTP server on 127.0.0.1 serves an RSS feed and one article page per item (menu,
  related articles and footer around the article). A tenth of the items repeat a debunked claim
  of the bundled bank (its narrative as the article), so alerts are raised.
* A second server on 127.0.0.1 is the alert destination (``json://``), stamping each arrival.
* The worker (:class:`analysis.monitor.worker.Worker`, real models, the default fetch settings:
  0.2 s between two requests to one host) is warmed (models loaded, the feed polled once while
  empty); then the items appear and one pass runs (``run_once``: collect, score, alert), while a
  thread asks the Ringkasan KPI query (the one the page runs) every 0.2 s until all are counted.
* Per item: stored (``ingested_at``), scored (its last score), visible (the KPI query counts
  it) and alerted (its claim's alert arrived), each from the moment the poll started; median,
  p95 and the whole batch. The worker's memory when idle is its resident set after the pass.
* Baseline, same run: the same texts imported as one CSV and scored the way an analyst's upload
  is (``import_file`` + ``score_pending``). The ratio is the worker's whole batch over it: what
  collecting (feed, 200 article pages politely, extraction) and alerting add.

Run: ``.venv/bin/python benchmarks/monitoring.py [--items 200] [--json]``
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.monitor.alerts import add_destination  # noqa: E402
from analysis.monitor.sources import add_source  # noqa: E402
from analysis.monitor.worker import Worker  # noqa: E402
from analysis.pipeline.imports import import_file  # noqa: E402
from analysis.pipeline.scoring import load_models, score_pending, scorers_over_bank  # noqa: E402
from analysis.settings import load_settings  # noqa: E402
from analysis.signals.claim_files import DEFAULT_BANK, read_turnbackhoax  # noqa: E402
from analysis.store import Store  # noqa: E402
from analysis.store.filters import Filters  # noqa: E402
from analysis.store.trends import kpis  # noqa: E402
from benchmarks.report import print_result  # noqa: E402
from tests.monitor.pages import STORIES, article_page, rfc822, rss  # noqa: E402


class Site:
    """The news site and the alert receiver, both on loopback."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {"/rss": rss([])}
        self.alerts: list[tuple[float, dict[str, Any]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                body = site.pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def do_POST(self) -> None:
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                site.alerts.append((time.monotonic(), json.loads(data or b"{}")))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def items(n: int) -> list[dict[str, Any]]:
    """``n`` articles: every tenth repeats a bank claim's narrative, the rest local news."""
    bank = read_turnbackhoax(DEFAULT_BANK)
    bank = bank[bank["content"].str.len().between(200, 1500)].reset_index(drop=True)
    out = []
    for i in range(n):
        if i % 10 == 0:
            claim = bank.iloc[(i // 10) % len(bank)]
            title, paragraphs = str(claim["title"]), [str(claim["content"])]
        else:
            title, paragraphs = STORIES[i % len(STORIES)]
            title = f"{title} ({i})"
            paragraphs = [f"{p} Laporan nomor {i}." for p in paragraphs]
        out.append({"i": i, "title": title, "paragraphs": paragraphs})
    return out


def publish(site: Site, news: list[dict[str, Any]]) -> None:
    for item in news:
        site.pages[f"/berita/{item['i']}"] = article_page(item["title"], item["paragraphs"])
    site.pages["/rss"] = rss([{"guid": f"b-{x['i']}", "link": site.url(f"/berita/{x['i']}"),
                               "title": x["title"], "description": x["paragraphs"][0][:80],
                               "pubDate": rfc822(0.5)} for x in news])


def watch_kpis(store: Store, want: int, stop: threading.Event, seen: list[float]) -> None:
    """Ask the Ringkasan KPI query until it counts ``want`` scored texts."""
    while not stop.is_set():
        try:
            numbers = kpis(store, Filters())
            scored = int(numbers["volume"]) - int(numbers.get("unscored", 0))
            if scored >= want:
                seen.append(time.monotonic())
                return
        except Exception:  # the file is busy with a write: ask again
            pass
        time.sleep(0.2)


def per_item(store: Store, t0_wall: datetime) -> pd.DataFrame:
    frame = store.query(
        "SELECT d.id, d.url, d.ingested_at, max(s.scored_at) AS scored_at, d.hoax_claim_match "
        "FROM documents d LEFT JOIN scores s ON s.doc_id = d.id GROUP BY ALL")
    for column in ("ingested_at", "scored_at"):
        frame[column] = (pd.to_datetime(frame[column], utc=True) - t0_wall).dt.total_seconds()
    return frame


def worker_run(n: int, folder: Path) -> dict[str, Any]:
    settings = load_settings().with_db(folder / "worker.duckdb")
    store = Store(settings.db_path)
    site = Site()
    add_source(store, "rss", site.url("/rss"), name="Warta")
    add_destination(store, f"json://127.0.0.1:{site.port}/alert")
    worker = Worker(settings, store)
    worker.run_once()  # warm: models loaded, the bank embedded, the empty feed seen
    publish(site, items(n))
    stop, visible = threading.Event(), []
    t0, t0_wall = time.monotonic(), datetime.now(UTC)
    watcher = threading.Thread(target=watch_kpis, args=(store, n, stop, visible))
    watcher.start()
    summary = worker.run_once()
    done = time.monotonic() - t0
    watcher.join(timeout=30)
    stop.set()
    frame = per_item(store, t0_wall)
    alerts = [at - t0 for at, _body in site.alerts]
    return {"frame": frame, "batch_s": done, "visible_s": visible[0] - t0 if visible else None,
            "alerts": alerts, "summary": summary, "rss_mb": rss_mb()}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def upload_run(n: int, folder: Path) -> float:
    """The same texts as one CSV, imported and scored like an upload (models loaded before)."""
    settings = load_settings().with_db(folder / "upload.duckdb")
    store = Store(settings.db_path)
    models = load_models(settings)
    scorers = scorers_over_bank(models, settings, store)
    rows = [{"tanggal": datetime.now(UTC).isoformat(), "judul": x["title"],
             "isi": "\n".join(x["paragraphs"]), "url": f"https://warta.example/{x['i']}"}
            for x in items(n)]
    path = folder / "upload.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    start = time.monotonic()
    import_file(store, path)
    score_pending(store, scorers)
    return time.monotonic() - start


def stats(values: list[float] | pd.Series) -> dict[str, float | None]:
    array = np.asarray([v for v in values if v == v], dtype=float)
    if not len(array):
        return {"median_s": None, "p95_s": None, "max_s": None}
    return {"median_s": round(float(np.median(array)), 2),
            "p95_s": round(float(np.percentile(array, 95)), 2),
            "max_s": round(float(array.max()), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="pantau-bench-monitor-") as tmp:
        run = worker_run(args.items, Path(tmp))
        baseline = upload_run(args.items, Path(tmp))
    frame = run["frame"]
    result = {
        "items": args.items, "stored": len(frame),
        "cocok": int((frame["hoax_claim_match"] == "cocok").sum()),
        "stored_after": stats(frame["ingested_at"]), "scored_after": stats(frame["scored_at"]),
        "visible_on_ringkasan_s": None if run["visible_s"] is None
        else round(run["visible_s"], 2),
        "alerts_delivered": len(run["alerts"]), "alert_after": stats(run["alerts"]),
        "whole_batch_s": round(run["batch_s"], 2), "target_s": 60,
        "upload_path_s": round(baseline, 2),
        "ratio_worker_vs_upload": round(run["batch_s"] / baseline, 2),
        "worker_rss_idle_mb": run["rss_mb"],
    }
    print_result(result, args.json)


if __name__ == "__main__":
    main()
