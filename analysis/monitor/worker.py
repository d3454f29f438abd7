"""The monitoring worker: each active source collected on its schedule, what arrived scored,
claim matches, coordination and watched-entity tags refreshed, alert rules evaluated.

``pantau worker`` runs :meth:`Worker.serve` (an APScheduler 3 ``BlockingScheduler``: one
interval job per source, and a job that follows the ``sources`` table so that a source added,
paused or removed on the page or in a terminal is picked up within :data:`SYNC_S` seconds);
``pantau worker --once`` runs :meth:`Worker.run_once` (every active source once, then the
processing) and exits, for cron, tests and checks.

How the worker shares the embedded store with the dashboard: it is the one long-running writer,
and it writes in short windows. Fetching and reading pages, and scoring, happen with no
connection open; each write (a batch of new texts, a chunk of scores, a run's record) is one
short transaction on a connection opened for it and closed at once (:class:`analysis.store.Store`),
and a dashboard that keeps the file open lets go within a tenth of a second when the worker asks
for it. A ``kill -9`` at any moment loses nothing: a text counts as seen only once it is stored
(:mod:`analysis.monitor.collecting`), unscored texts are found again by the next pass, and an
alert event is one row keyed by its event, so a restart neither duplicates texts nor alerts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from analysis.collect.fetch import Fetcher
from analysis.monitor.collecting import Collected, Context
from analysis.monitor.kinds import run_source
from analysis.monitor.sources import Source, active_sources
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.sources import mark_worker

log = logging.getLogger(__name__)

SYNC_S = 60
"""Seconds between two looks at the ``sources`` table for sources added, paused or removed,
which also say the worker is alive. Not more often: each look opens the store, and a dashboard
keeping the file open for its cache lets go of it for that."""
PROCESS_MINUTES = 5
"""Minutes between two processing passes when no source brought anything."""
RESCORE_WINDOW = timedelta(days=2)
"""Texts stored or published this recently are (re)scored by each pass: what just arrived, what
an interrupted pass left unscored, and the recent texts re-read against a grown claim bank."""


class Worker:
    """Collects, scores and alerts for one store. Models load once, on the first pass that has
    texts to score; ``score=False`` (tests of collection alone) skips scoring and alerts."""

    def __init__(self, settings: Settings, store: Store, *, score: bool = True,
                 fetcher: Fetcher | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.settings, self.store, self.score, self.now = settings, store, score, now
        self.ctx = Context(store, settings, fetcher or Fetcher.from_settings(settings), now,
                           on_stored=self._kick if score else None)
        self._models: Any = None
        self._processing = threading.Lock()
        self._dirty = threading.Event()
        self._background: threading.Thread | None = None
        self.alert_totals: dict[str, int] = {}
        self.scored_totals: dict[str, int] = {}
        """Alerts raised, sent, failed and held, and texts scored per task, by every pass of
        this worker, added up (a pass in the background included)."""

    def _kick(self) -> None:
        """Start processing in the background while a collection goes on fetching."""
        self._dirty.set()
        if self._background is None or not self._background.is_alive():
            self._background = threading.Thread(target=self.process, daemon=True,
                                                name="pantau-process")
            self._background.start()

    def collect(self, source: Source) -> Collected:
        result = run_source(self.ctx, source)
        log.info("source %s: %s, %d new, %d stored%s", source.name, result.status,
                 result.new_items, result.stored, f" ({result.error})" if result.error else "")
        return result

    def process(self) -> dict[str, Any]:
        """Score what arrived, refresh the tags and evaluate the alerts. Passes that ask while
        one runs are folded into it (it goes round again), so the last arrival is processed."""
        self._dirty.set()
        if not self._processing.acquire(blocking=False):
            return {"deferred": True}
        summary: dict[str, Any] = {}
        try:
            while self._dirty.is_set():
                self._dirty.clear()
                summary = self._process_once()
                log.info("processed: scored %s, alerts %s",
                         summary.get("scored", {}).get("scored", {}), summary.get("alerts", {}))
        except Exception:  # logged, and tried again on the next pass: the worker goes on
            log.exception("processing failed; the next pass tries again")
            if threading.current_thread() is threading.main_thread():
                raise
        finally:
            self._processing.release()
        return summary

    def _process_once(self) -> dict[str, Any]:
        from analysis.insights.entities import refresh_hits
        from analysis.pipeline.scoring import load_models, score_pending, scorers_over_bank

        summary: dict[str, Any] = {}
        if self.score:
            if self._models is None:
                self._models = load_models(self.settings)
            scorers = scorers_over_bank(self._models, self.settings, self.store)
            report = score_pending(self.store, scorers, since=self.now() - RESCORE_WINDOW)
            for task, count in report.scored.items():
                self.scored_totals[task] = self.scored_totals.get(task, 0) + count
            summary["scored"] = {**report.summary(), "scored": dict(self.scored_totals)}
        refresh_hits(self.store)
        if self.score:
            from analysis.monitor.alerts import evaluate_and_deliver

            counts = evaluate_and_deliver(self.store, self.settings, self.now())
            for key, value in counts.items():
                self.alert_totals[key] = self.alert_totals.get(key, 0) + value
            summary["alerts"] = dict(self.alert_totals)
        mark_worker(self.store, self.now())
        return summary

    def run_once(self) -> dict[str, Any]:
        """Every active source collected once, then one processing pass."""
        sources = [self.collect(source).summary(source.name)
                   for source in active_sources(self.store)]
        if self._background is not None:
            self._background.join()
        return {"sources": sources, **self.process()}

    def serve(self) -> None:  # pragma: no cover - runs until stopped; the jobs are tested
        """Run every source on its schedule until the process is stopped."""
        from apscheduler.schedulers.blocking import BlockingScheduler

        scheduler = BlockingScheduler(
            timezone=self.settings.tz,
            executors={"default": {"type": "threadpool", "max_workers": 3}},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})
        scheduler.add_job(self.sync_jobs, "interval", seconds=SYNC_S, args=[scheduler],
                          id="sync", next_run_time=self.now())
        # retries, digests after quiet hours and the worker's heartbeat, without new texts too
        scheduler.add_job(self.process, "interval", minutes=PROCESS_MINUTES, id="process")
        log.info("Pantau worker started on %s", self.store)
        scheduler.start()

    def sync_jobs(self, scheduler: Any) -> None:
        """One interval job per active source, in step with the ``sources`` table."""
        from apscheduler.triggers.interval import IntervalTrigger

        wanted = {source.name: source for source in active_sources(self.store)}
        for job in scheduler.get_jobs():
            if job.id not in ("sync", "process") and job.id not in wanted:
                job.remove()
        for name, source in wanted.items():
            job = scheduler.get_job(name)
            minutes = getattr(getattr(job, "trigger", None), "interval", None)
            if job is not None and minutes == timedelta(minutes=source.every_minutes):
                continue
            if job is not None:
                job.remove()
            scheduler.add_job(self.collect_and_process, IntervalTrigger(
                minutes=source.every_minutes), args=[source], id=name, name=name,
                next_run_time=self.now())
        mark_worker(self.store, self.now())

    def collect_and_process(self, source: Source) -> None:
        fresh = next((s for s in active_sources(self.store) if s.name == source.name), None)
        if fresh is None:  # paused or removed since it was scheduled
            return
        result = self.collect(fresh)
        if result.stored:
            self.process()
