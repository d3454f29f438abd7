"""Load test: concurrent dashboard sessions in a real Chromium while the store is written.

Builds a store of ``--rows`` scored posts (``benchmarks/dashboard.py``'s generator), serves the
dashboard with ``streamlit run`` on 127.0.0.1 (login off), and drives sessions in one headless
Chromium (Playwright, asyncio): each opens Ringkasan, narrows the period, types a keyword, opens
Hoaks and then Jelajah. A step's time runs from the action to the moment the page has finished
running (Streamlit's status widget gone, the step's element shown); an error is a step that
fails or a page that shows an exception.

* **baseline**: one session alone, same store, same server, measured first.
* **under load**: ``--sessions`` sessions at once, while a ``--import-rows`` CSV import
  (``pantau ingest --no-score``), a scoring run (``pantau score``) and the worker
  (``pantau worker`` collecting a loopback feed) run as their own processes.

Prints p50/p95 step times, errors, and the ratio of the loaded p95 to the baseline p95. Bounded:
every step has a 60 s limit and the whole run ``--limit`` seconds; loopback only.

Run: ``.venv/bin/python benchmarks/load.py [--sessions 20] [--rows 100000] [--json]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.monitor.sources import add_source  # noqa: E402
from analysis.store import Store  # noqa: E402
from benchmarks.dashboard import build  # noqa: E402
from benchmarks.report import print_result  # noqa: E402
from tests.e2e_support import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

STEP_MS = 60_000


async def finished(tab: Any, marker: Any) -> None:
    """Wait for ``marker`` and for Streamlit to stop running the page."""
    await marker.first.wait_for(timeout=STEP_MS)
    await tab.wait_for_timeout(150)
    status = tab.get_by_test_id("stStatusWidget")
    await status.wait_for(state="hidden", timeout=STEP_MS)


async def step(times: list[tuple[str, float]], errors: list[str], name: str, tab: Any,
               action: Any, marker: Any) -> None:
    start = time.monotonic()
    try:
        await action()
        await finished(tab, marker)
        if await tab.get_by_test_id("stException").count():
            errors.append(f"{name}: the page shows an exception")
    except Exception as error:  # a timeout or a missing element is an error of this step
        errors.append(f"{name}: {type(error).__name__}: {str(error)[:120]}")
    times.append((name, time.monotonic() - start))


async def session(browser: Any, url: str, times: list[tuple[str, float]],
                  errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = await context.new_page()
    main = tab.get_by_test_id("stMain")
    sidebar = tab.get_by_test_id("stSidebar")
    metric = tab.get_by_test_id("stMetric")

    async def open_home() -> None:
        await tab.goto(url, timeout=STEP_MS)

    async def narrow() -> None:
        day = tab.get_by_role("spinbutton", name="day, Periode (WIB) start date")
        await day.click()
        await tab.keyboard.type("01")
        await tab.keyboard.press("Enter")
        await main.get_by_role("heading").first.click()

    async def keyword() -> None:
        box = sidebar.get_by_role("textbox", name="Kata kunci").first
        await box.fill("polisi")
        await box.press("Enter")

    async def hoaks() -> None:
        await sidebar.get_by_role("link", name="Hoaks").click()
        await tab.wait_for_url("**/hoaks*", timeout=STEP_MS)

    async def jelajah() -> None:
        await sidebar.get_by_role("link", name="Jelajah").click()
        await tab.wait_for_url("**/jelajah*", timeout=STEP_MS)

    await step(times, errors, "ringkasan", tab, open_home, metric)
    await step(times, errors, "period", tab, narrow, metric)
    await step(times, errors, "keyword", tab, keyword, metric)
    await step(times, errors, "hoaks", tab, hoaks, main.get_by_role("heading"))
    await step(times, errors, "jelajah", tab, jelajah, main.get_by_role("heading"))
    await context.close()


async def sessions(url: str, count: int) -> tuple[list[tuple[str, float]], list[str]]:
    from playwright.async_api import async_playwright

    times: list[tuple[str, float]] = []
    errors: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        await asyncio.gather(*(session(browser, url, times, errors) for _ in range(count)))
        await browser.close()
    return times, errors


def summary(times: list[tuple[str, float]], errors: list[str]) -> dict[str, Any]:
    frame = pd.DataFrame(times, columns=["step", "s"])
    per_step = {name: round(float(np.percentile(group["s"], 95)), 2)
                for name, group in frame.groupby("step")}
    return {"p50_s": round(float(frame["s"].median()), 2),
            "p95_s": round(float(np.percentile(frame["s"], 95)), 2),
            "p95_by_step_s": per_step, "steps": len(frame), "errors": len(errors),
            "first_errors": errors[:3]}


def background(db: Path, folder: Path, rows: int, only_worker: bool = False
               ) -> list[subprocess.Popen[bytes]]:
    """An import, a scoring run and the worker (collecting a drop folder), as their own
    processes."""
    csv = folder / "import.csv"
    pd.DataFrame({"tanggal": pd.date_range("2025-01-01", periods=rows, freq="min")
                  .strftime("%d/%m/%Y %H:%M"),
                  "isi": [f"Laporan warga nomor {i} soal lalu lintas" for i in range(rows)],
                  "akun": [f"warga{i % 5000}" for i in range(rows)]}).to_csv(csv, index=False)
    drop = folder / "drop"  # what the worker collects: a crawler's export dropped in a folder
    drop.mkdir()
    pd.DataFrame({"tanggal": ["07/12/2026 08:00"] * 2000,
                  "isi": [f"Komentar crawler {i} tentang pelayanan SIM" for i in range(2000)],
                  "akun": [f"akun{i}" for i in range(2000)]}).to_csv(drop / "crawl.csv",
                                                                     index=False)
    os.utime(drop / "crawl.csv", (time.time() - 60, time.time() - 60))
    add_source(Store(db), "folder", str(drop), name="Crawler", every_minutes=1)
    env = {**os.environ, "PANTAU_DB": str(db)}
    pantau = [sys.executable, "-m", "analysis.cli.app"]
    commands = {"ingest": ["ingest", str(csv), "--no-score"], "score": ["score"],
                "worker": ["worker"]}
    if only_worker:
        commands = {"worker": ["worker"]}
    started = []
    for name, command in commands.items():
        with (folder / f"{name}.log").open("wb") as log:  # the child keeps its own handle
            started.append(subprocess.Popen([*pantau, *command], env=env, stdout=log,
                                            stderr=subprocess.STDOUT))
    return started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--limit", type=float, default=900)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker-only", action="store_true",
                        help="also measure the sessions idle and with only the worker writing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pantau-load-") as tmp:
        folder = Path(tmp)
        db = folder / "pantau.duckdb"
        build(Store(db), args.rows)
        with serve(db, folder / "cache") as url:
            asyncio.run(sessions(url, 1))  # warm the server's caches and Chromium
            alone = summary(*asyncio.run(sessions(url, 1)))
            extra = {}
            if args.worker_only:
                extra["idle"] = summary(*asyncio.run(sessions(url, args.sessions)))
                running = background(db, folder, args.import_rows, only_worker=True)
                try:
                    extra["worker_writing"] = summary(*asyncio.run(sessions(url, args.sessions)))
                finally:
                    for process in running:
                        process.terminate()
                        process.wait(timeout=30)
                print_result({"sessions": args.sessions, **extra}, args.json)
                return
            workers = background(db, folder, args.import_rows)
            try:
                loaded = summary(*asyncio.run(asyncio.wait_for(
                    sessions(url, args.sessions), timeout=args.limit)))
            finally:
                for process in workers:
                    process.terminate()
                for process in workers:
                    process.wait(timeout=30)
    print_result({"rows": args.rows, "sessions": args.sessions, "baseline_1_session": alone,
                  "under_load": loaded,
                  "ratio_p95_loaded_vs_alone": round(loaded["p95_s"] / alone["p95_s"], 2),
                  "target_p95_s": 3.0}, args.json)


if __name__ == "__main__":
    main()
