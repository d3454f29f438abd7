"""Import throughput: Pantau's parse + validate + store against plain ``pandas.read_csv``.

Generates a realistic YouTube-style comments export (id, username, created_at, text, likes, url,
video_id; ~230 bytes a row): texts drawn from the demo exports with emoji and variations so most
are distinct, a few exact repeats, some empty texts and unreadable dates, and ``created_at`` in
the mix of styles Indonesian tools write (ISO with offset, ``08/07/2025 14:30``,
``Selasa, 8 Juli 2025 10.00 WIB``, epoch seconds, ``3 minggu yang lalu``). Then it measures,
each in its own child process so that the peak memory of one does not hide the other's:

- ``pantau``: :func:`analysis.pipeline.import_file` into a fresh DuckDB file (every row parsed,
  validated, given an id, deduplicated and stored; rejects stored with their reasons);
- ``pandas``: ``pandas.read_csv(path, dtype=str)`` of the same file (parsing only).

Each reports wall seconds (rows/s) and CPU seconds over all its threads: Pantau stores on a
thread of its own while it reads, so it can use two cores where pandas uses one, and on a
machine busy with other work the CPU seconds compare more steadily than the wall time.

Run: ``.venv/bin/python benchmarks/ingest.py [--rows 1000000] [--json] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.settings import DATA_DIR  # noqa: E402
from benchmarks.report import print_result  # noqa: E402

REFERENCE = datetime(2025, 7, 20, 10, 0, tzinfo=UTC)
COLUMNS = ["id", "username", "created_at", "text", "likes", "url", "video_id"]
EMOJI = ["😂", "🙏", "👍", "😡", "🤣", "❤️", "🇮🇩", "😭", "🔥", "👏🏻"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]  # fmt: skip


def _texts() -> list[str]:
    comments = pd.read_csv(DATA_DIR / "demo" / "youtube_comments_2025.csv", dtype=str)["text"]
    tweets = pd.read_csv(DATA_DIR / "demo" / "vaccine_tweets_2021.csv", dtype=str)["content"]
    return [t for t in pd.concat([comments, tweets]).dropna().tolist() if len(t) < 400]


def _date(moment: datetime, style: int) -> str:
    """``moment`` written in one of the styles found in Indonesian exports."""
    local = moment + timedelta(hours=7)
    if style == 0:
        return local.strftime("%Y-%m-%dT%H:%M:%S+07:00")
    if style == 1:
        return local.strftime("%d/%m/%Y %H:%M")
    if style == 2:
        day = HARI[local.weekday()]
        return f"{day}, {local.day} {BULAN[local.month - 1]} {local.year} {local:%H.%M} WIB"
    if style == 3:
        return str(int(moment.timestamp()))
    weeks = max(1, (REFERENCE - moment).days // 7)
    return f"{weeks} minggu yang lalu"


def generate(path: Path, rows: int, seed: int = 11) -> None:
    """Write ``rows`` comment rows to ``path`` (UTF-8, comma-separated, quoted where needed)."""
    rng = np.random.default_rng(seed)
    pool = _texts()
    videos = [f"v{n:010d}" for n in range(200)]
    picks = rng.integers(0, len(pool), rows)
    ages = rng.integers(0, 90 * 24 * 60, rows)
    styles = rng.choice(5, rows, p=[0.3, 0.25, 0.2, 0.1, 0.15])
    decorate = rng.random(rows)

    def row(n: int) -> list[str]:
        text = pool[picks[n]]
        if decorate[n] < 0.6:
            text = f"{text} {EMOJI[n % len(EMOJI)]} #{n % 9973}"
        elif decorate[n] < 0.61:
            text = ""
        moment = REFERENCE - timedelta(minutes=int(ages[n]))
        date = "kemarin lusa" if 0.985 < decorate[n] <= 0.99 else _date(moment, int(styles[n]))
        video = videos[n % len(videos)]
        cid = f"Ugz{n:012d}"
        return [cid, f"@warga{n % 50000}", date, text, str(n % 37),
                f"https://www.youtube.com/watch?v={video}&lc={cid}", video]  # fmt: skip

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(rows):
            # 1 % repeat an earlier row whole, as overlapping exports do
            writer.writerow(row(n // 2) if decorate[n] > 0.99 else row(n))


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _cpu_s() -> float:
    """CPU seconds this process used (all threads): steadier than wall time on a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_pantau(path: Path, db: Path) -> dict[str, Any]:
    from analysis.ingest import IngestOptions
    from analysis.pipeline import import_file
    from analysis.store import Store

    start, cpu = time.perf_counter(), _cpu_s()
    report = import_file(Store(db), path, IngestOptions(reference_time=REFERENCE))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_s": _cpu_s() - cpu, "peak_rss_mb": _peak_mb(),
            **report.summary()}  # fmt: skip


def run_pandas(path: Path) -> dict[str, Any]:
    start, cpu = time.perf_counter(), _cpu_s()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_s": _cpu_s() - cpu, "peak_rss_mb": _peak_mb(),
            "rows_in": len(frame)}  # fmt: skip


def _child(phase: str, path: Path, db: Path) -> dict[str, Any]:
    """Run one phase in a fresh interpreter, so ``ru_maxrss`` is that phase's own peak."""
    command = [sys.executable, __file__, "--phase", phase, str(path), str(db)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(rows: int, folder: Path) -> dict[str, Any]:
    path = folder / "comments.csv"
    start = time.perf_counter()
    generate(path, rows)
    generated = time.perf_counter() - start
    pandas_run = _child("pandas", path, folder / "unused.duckdb")
    pantau = _child("pantau", path, folder / "pantau.duckdb")
    return {
        "rows": rows,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "generate_s": round(generated, 1),
        "pantau_rows_per_s": round(rows / pantau["seconds"]),
        "pandas_rows_per_s": round(rows / pandas_run["seconds"]),
        "pandas_over_pantau": round(pantau["seconds"] / pandas_run["seconds"], 1),
        "pantau_s": round(pantau["seconds"], 1),
        "pandas_s": round(pandas_run["seconds"], 1),
        "pantau_cpu_s": round(pantau["cpu_s"], 1),
        "pandas_cpu_s": round(pandas_run["cpu_s"], 1),
        "pantau_peak_rss_mb": pantau["peak_rss_mb"],
        "pandas_peak_rss_mb": pandas_run["peak_rss_mb"],
        "db_mb": round((folder / "pantau.duckdb").stat().st_size / 1e6, 1),
        "stored": pantau["stored"],
        "duplicates": pantau["duplicates"],
        "rejected": pantau["rejected"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows (default 1,000,000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep the files")
    parser.add_argument("--phase", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase, path, db = args.phase
        runner = run_pandas(Path(path)) if phase == "pandas" else run_pantau(Path(path), Path(db))
        print(json.dumps(runner, default=str))
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = measure(args.rows, args.keep)
    else:
        with tempfile.TemporaryDirectory() as folder:
            result = measure(args.rows, Path(folder))
    print_result(result, args.json)


if __name__ == "__main__":
    main()
