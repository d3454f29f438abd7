"""Load test: concurrent dashboard sessions while the store is written.

Builds a store of ``--rows`` scored posts (``benchmarks/dashboard.py``'s generator) and serves
the dashboard with ``streamlit run`` on 127.0.0.1 (login off). Each session opens Ringkasan,
narrows the period, types a keyword, opens Hoaks and then Jelajah:

* ``--sessions`` viewers speak Streamlit's own websocket protocol
  (``benchmarks/streamlit_client.py``): the server does for them what it does for a browser
  tab (same page runs, same widgets, same live-fragment reruns), without twenty Chromium tabs
  drawing charts on the server's own two cores. A step's time runs from the request to the
  server's ``script_finished``.
* ``--browsers`` viewers (default 1) do the same in a real headless Chromium at the same time:
  what a person sees, the drawing included. A step's time runs from the action to the moment
  the page has finished running (Streamlit's status widget gone, the step's element shown).

An error is a step that fails, times out (60 s) or shows an exception. Phases, one after the
other on the same server:

* **alone**: one protocol session and one browser, nothing else;
* **idle**: all sessions at once, nothing writing;
* **worker**: all sessions while the worker collects a drop folder of 2,000 texts into the
  store (and scores them), as ``make run`` runs it;
* **busy**: all sessions while a ``--import-rows`` CSV import (``pantau ingest --no-score``),
  a scoring run (``pantau score``) and the worker run as their own processes.

With ``--store postgres`` the store lives on a PostgreSQL server instead of a DuckDB file: a
test server (``tests/pg_server.py``) is started, the built store copied into it with
:func:`analysis.store.transfer.copy_store` (``pantau store copy``), and the dashboard, the
worker, the import and the scoring run all get ``PANTAU_DB=postgresql://...``.

Every session walks its steps ``--rounds`` times. Prints p50/p95 step times and errors per
phase and the ratio of each phase's p95 to the alone p95. Loopback only; the whole run is
bounded by ``--limit`` seconds.

Run: ``.venv/bin/python benchmarks/load.py [--sessions 20] [--rows 100000]
[--store duckdb|postgres] [--json]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.monitor.sources import add_source  # noqa: E402
from analysis.store import Store, open_store  # noqa: E402
from benchmarks.dashboard import PG_SETTINGS, build  # noqa: E402
from benchmarks.report import print_result  # noqa: E402
from benchmarks.streamlit_client import Run, StreamlitSession  # noqa: E402
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


async def browser_session(browser: Any, url: str, times: list[tuple[str, float]],
                          errors: list[str]) -> None:
    """One walk through the pages in a fresh Chromium tab."""
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


async def protocol_session(url: str, times: list[tuple[str, float]], errors: list[str]) -> None:
    """The same walk over Streamlit's websocket protocol (a new connection: a new tab)."""
    period = "Periode (WIB)"

    async def narrow(viewer: StreamlitSession) -> Run:
        start, end = viewer.dates(period)
        return await viewer.set_dates(period, start[:8] + "01", end)

    walk: list[tuple[str, Any]] = [
        ("ringkasan", lambda viewer: viewer.open()),
        ("period", narrow),
        ("keyword", lambda viewer: viewer.set_text("Kata kunci", "polisi")),
        ("hoaks", lambda viewer: viewer.goto("hoaks")),
        ("jelajah", lambda viewer: viewer.goto("jelajah")),
    ]
    try:
        async with StreamlitSession(url, timeout_s=STEP_MS / 1000) as viewer:
            for name, action in walk:
                start = time.monotonic()
                try:
                    run = await action(viewer)
                except Exception as error:  # a missing widget or a dropped connection
                    errors.append(f"{name}: {type(error).__name__}: {str(error)[:120]}")
                    times.append((name, time.monotonic() - start))
                    return
                times.append((name, run.seconds))
                if run.status != "FINISHED_SUCCESSFULLY" or run.exceptions:
                    errors.append(f"{name}: {run.status} {run.exceptions[:1]}")
    except OSError as error:  # the server refused the connection
        errors.append(f"connect: {type(error).__name__}: {error}")


async def phase(url: str, viewers: int, browsers: int, rounds: int) -> dict[str, Any]:
    """``viewers`` protocol sessions and ``browsers`` Chromium tabs at once, each walking the
    pages ``rounds`` times; their figures apart."""
    from playwright.async_api import async_playwright

    light: tuple[list[tuple[str, float]], list[str]] = ([], [])
    real: tuple[list[tuple[str, float]], list[str]] = ([], [])

    async def viewer() -> None:
        for _ in range(rounds):
            await protocol_session(url, *light)

    async def tab(browser: Any) -> None:
        for _ in range(rounds):
            await browser_session(browser, url, *real)

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        await asyncio.gather(*(viewer() for _ in range(viewers)),
                             *(tab(browser) for _ in range(browsers)))
        await browser.close()
    result = {"protocol": summary(*light)}
    if browsers:
        result["browser"] = summary(*real)
    return result


def summary(times: list[tuple[str, float]], errors: list[str]) -> dict[str, Any]:
    frame = pd.DataFrame(times, columns=["step", "s"])
    per_step = {name: round(float(np.percentile(group["s"], 95)), 2)
                for name, group in frame.groupby("step")}
    return {"p50_s": round(float(frame["s"].median()), 2),
            "p95_s": round(float(np.percentile(frame["s"], 95)), 2),
            "p95_by_step_s": per_step, "steps": len(frame), "errors": len(errors),
            "first_errors": errors[:3]}


def background(db: Path | str, folder: Path, name: str, import_rows: int = 0
               ) -> list[subprocess.Popen[bytes]]:
    """The worker collecting a drop folder of 2,000 new texts (and scoring them), and with
    ``import_rows`` also a CSV import and a scoring run, each as its own process."""
    drop = folder / f"drop-{name}"  # what the worker collects: a crawler's export
    drop.mkdir()
    pd.DataFrame({"tanggal": ["07/12/2026 08:00"] * 2000,
                  "isi": [f"Komentar crawler {name} {i} tentang pelayanan SIM"
                          for i in range(2000)],
                  "akun": [f"akun{i}" for i in range(2000)]}).to_csv(drop / "crawl.csv",
                                                                     index=False)
    os.utime(drop / "crawl.csv", (time.time() - 60, time.time() - 60))
    add_source(open_store(db=db), "folder", str(drop), name=f"Crawler {name}", every_minutes=1)
    commands = {"worker": ["worker"]}
    if import_rows:
        csv = folder / "import.csv"
        pd.DataFrame({"tanggal": pd.date_range("2025-01-01", periods=import_rows, freq="min")
                      .strftime("%d/%m/%Y %H:%M"),
                      "isi": [f"Laporan warga nomor {i} soal lalu lintas"
                              for i in range(import_rows)],
                      "akun": [f"warga{i % 5000}" for i in range(import_rows)]}
                     ).to_csv(csv, index=False)
        commands.update({"ingest": ["ingest", str(csv), "--no-score"], "score": ["score"]})
    env = {**os.environ, "PANTAU_DB": str(db)}
    pantau = [sys.executable, "-m", "analysis.cli.app"]
    started = []
    for command_name, command in commands.items():
        log = folder / f"{name}-{command_name}.log"
        with log.open("wb") as out:  # the child keeps its own handle
            started.append(subprocess.Popen([*pantau, *command], env=env, stdout=out,
                                            stderr=subprocess.STDOUT))
    return started


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def measure(db: Path | str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    with serve(db, folder / "cache", logs=folder) as url:
        asyncio.run(phase(url, 1, 1, 1))  # warm the server's caches and Chromium
        result = {"alone": asyncio.run(phase(url, 1, 1, args.rounds))}
        result["idle"] = asyncio.run(phase(url, args.sessions, args.browsers, args.rounds))
        for name, import_rows in (("worker", 0), ("busy", args.import_rows)):
            running = background(db, folder, name, import_rows)
            try:
                time.sleep(5)  # the processes start and open the store
                result[name] = asyncio.run(asyncio.wait_for(
                    phase(url, args.sessions, args.browsers, args.rounds), args.limit))
            finally:
                stop(running)
    return result


@contextmanager
def stored(db: Path, backend: str) -> Iterator[Path | str]:
    """Where the dashboard and the batch processes find the store: the DuckDB file ``db``, or
    with ``postgres`` a PostgreSQL test server's database that ``db`` was copied into."""
    if backend == "duckdb":
        yield db
        return
    from analysis.store import PgStore
    from analysis.store.transfer import copy_store
    from tests.pg_server import fresh_database, pg_bin, start_server

    folder = pg_bin()
    if folder is None:
        raise SystemExit("--store postgres needs PostgreSQL's initdb and pg_ctl "
                         "(PANTAU_PG_BIN, PATH or /usr/lib/postgresql/*/bin)")
    server = start_server(folder, PG_SETTINGS)
    try:
        with fresh_database(server) as url:
            copy_store(Store(db), PgStore(url))
            yield url
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="protocol sessions")
    parser.add_argument("--browsers", type=int, default=1, help="Chromium sessions besides")
    parser.add_argument("--rounds", type=int, default=3, help="walks per session")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--limit", type=float, default=600, help="seconds per phase at most")
    parser.add_argument("--store", choices=["duckdb", "postgres"], default="duckdb",
                        help="where the store lives: a DuckDB file, or a PostgreSQL server "
                             "started here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pantau-load-") as tmp:
        folder = Path(tmp)
        db = folder / "pantau.duckdb"
        build(Store(db), args.rows)
        with stored(db, args.store) as where:
            result = measure(where, folder, args)
    alone = result["alone"]["protocol"]["p95_s"]
    ratios = {name: round(result[name]["protocol"]["p95_s"] / alone, 2)
              for name in ("idle", "worker", "busy")}
    print_result({"store": args.store, "rows": args.rows, "sessions": args.sessions,
                  "browsers": args.browsers,
                  **result, "ratio_p95_vs_alone": ratios, "target_p95_s": 3.0}, args.json)


if __name__ == "__main__":
    main()
