"""Scoring on Ray: the local engine's scorers run by a pool of Ray actors through Ray Data.

The driver (this process) alone touches the store, as the local engine does: it gives
identical texts their scores, reads what is pending in windows, writes the scores and
embeddings that stream back through the same functions, and refreshes coordination at the
end. Each actor loads the models once (``load_models``) and gets the claim bank as data (the
claims and their embedding matrix, put once into Ray's object store), never the store: the
store is a single-writer file on the driver's machine. An actor checks that its models have
the driver's versions, so a worker node with other model files fails loudly instead of
writing scores under the wrong version.

Ray is an optional extra (``pip install '.[scale]'``) and is imported only here, inside
functions: Pantau works without it.
"""

from __future__ import annotations

import logging
import socket
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import EngineError
from analysis.pipeline.imports import Progress
from analysis.pipeline.scoring import (
    ScoreReport,
    finish_report,
    hoax_scorer,
    load_models,
    pending_total,
    start_report,
    store_chunk_scores,
)
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.scores import pending_documents

if TYPE_CHECKING:
    from analysis.models.registry import Scorer

INSTALL_HINT = "pip install 'pantau[scale]' (in a checkout: pip install -e '.[scale]')"
SCORE_FIELDS = ["label", "score", "p_negative", "p_neutral", "p_positive", "evidence"]
CONNECT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to score: ``address`` None starts a local Ray on this machine's
    CPUs, ``auto`` joins the cluster running here, ``ray://HOST:PORT`` a remote one through
    Ray Client; ``workers`` actors (one model each); ``batch_size`` texts per actor call;
    ``window`` pending documents per task read from the store per round."""

    address: str | None = None
    workers: int = 1
    batch_size: int = 128
    window: int = 100_000


def import_ray() -> Any:
    """The ``ray`` module with Ray Data, or an error naming the extra to install."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as error:
        raise EngineError(f"The Ray engine needs Ray, which is not installed ({error}): "
                          f"{INSTALL_HINT}") from None
    return ray


@contextmanager
def ray_session(address: str | None) -> Iterator[Any]:
    """Ray connected for the duration: a session already open in this process is used as it
    is (and left open); else one is started or joined here and shut down afterwards."""
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    _check_reachable(address)
    try:
        ray.init(address=address, **_quiet(address))
    except (ConnectionError, RuntimeError, ValueError) as error:
        raise EngineError(f"Ray at {address or 'a new local instance'} could not be reached "
                          f"or started: {error}") from None
    try:
        yield ray
    finally:
        ray.shutdown()


def _quiet(address: str | None) -> dict[str, Any]:
    """ray.init's arguments that keep Ray offline and out of the terminal."""
    logging.getLogger("ray").setLevel(logging.WARNING)
    if address and address.startswith("ray://"):
        return {"log_to_driver": False, "logging_level": logging.WARNING}
    return {"include_dashboard": False, "log_to_driver": False,
            "logging_level": logging.WARNING, "configure_logging": True}


def _check_reachable(address: str | None) -> None:
    """A HOST:PORT (or ray://HOST:PORT) that does not accept a connection is said at once,
    instead of after Ray's own retries."""
    if address in (None, "", "auto", "local"):
        return
    assert address is not None
    target = address.removeprefix("ray://")
    host, _, port = target.rpartition(":")
    host = host.strip("[]")  # [::1]:10001
    if not host or not port.isdigit():
        raise EngineError(f"--address {address!r}: use auto, HOST:PORT or ray://HOST:PORT")
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as error:
        raise EngineError(f"No Ray cluster answers at {address} ({error}); start one with "
                          "`ray start --head` there, or check the address and port") from None


def score_pending_ray(store: Store, scorers: Sequence[Scorer], settings: Settings,
                      options: RayOptions, progress: Progress | None = None,
                      since: datetime | None = None) -> ScoreReport:
    """:func:`~analysis.pipeline.scoring.score_pending` on Ray: the same scores, versions,
    embeddings and coordination, computed by ``options.workers`` actors. ``scorers`` are the
    driver's own (:func:`~analysis.pipeline.scoring.scorers_over_bank`): their versions say
    what is pending, and the hoax scorer's bank is what the actors match against."""
    report = start_report(store, scorers)
    total, done = pending_total(store, scorers, since), 0
    with ray_session(options.address) as ray:
        pool = _actor_pool(ray, scorers, settings, options)
        while True:
            windows = {s.task: pending_documents(store, s.task, s.model_id, s.model_version,
                                                 options.window, since) for s in scorers}
            windows = {task: docs for task, docs in windows.items() if not docs.empty}
            if not windows:
                break
            written = _score_window(store, scorers, windows, pool, options, progress,
                                    (done, total))
            for task, count in written.items():
                report.scored[task] += count
            if not sum(written.values()):
                raise EngineError("The Ray workers returned no scores for pending texts")
            done += sum(written.values())
    return finish_report(store, scorers, report)


@dataclass(frozen=True)
class _Pool:
    """What every window's map_batches is given: the actor's arguments and resources."""

    args: tuple[Any, ...]
    num_cpus: float
    num_gpus: float


def _actor_pool(ray: Any, scorers: Sequence[Scorer], settings: Settings,
                options: RayOptions) -> _Pool:
    """The actors' constructor arguments (the bank put once into the object store) and
    resources: a GPU each where the cluster has GPUs, else an equal share of a node's CPUs."""
    from ray.data import DataContext

    logging.getLogger("ray.data").setLevel(logging.ERROR)  # "progress bars disabled", ...
    context = DataContext.get_current()
    context.enable_progress_bars = False
    context.verbose_progress = False
    if hasattr(context, "print_on_execution_start"):
        context.print_on_execution_start = False
    matcher = next((getattr(s, "matcher", None) for s in scorers if hasattr(s, "matcher")),
                   None)
    # in a list, so that Ray hands the reference itself to each actor, which fetches the
    # bank once (a top-level reference would be pinned for actor restarts, and warned about)
    bank = None if matcher is None else [ray.put((matcher.claims, matcher.embeddings))]
    versions = {s.task: (s.model_id, s.model_version) for s in scorers}
    resources = ray.cluster_resources()
    node_cpus = max((n["Resources"].get("CPU", 0) for n in ray.nodes() if n.get("Alive")),
                    default=1)
    share = max(1, min(int(node_cpus), int(resources.get("CPU", 1)) // max(options.workers, 1)))
    gpus = 1.0 if resources.get("GPU", 0) >= 1 else 0.0
    return _Pool(args=(settings, bank, versions, share), num_cpus=float(share), num_gpus=gpus)


def _score_window(store: Store, scorers: Sequence[Scorer], windows: dict[str, pd.DataFrame],
                  pool: _Pool, options: RayOptions, progress: Progress | None,
                  so_far: tuple[int, int]) -> dict[str, int]:
    """Score one window's distinct texts on the actors; write each batch as it comes back."""
    import ray.data

    rows = pd.concat([docs.drop_duplicates("text_hash")[["text_hash", "text"]]
                      .assign(task=task) for task, docs in windows.items()], ignore_index=True)
    # one block per batch, so that every actor of the pool gets work
    blocks = [rows.iloc[i:i + options.batch_size] for i in range(0, len(rows),
                                                                 options.batch_size)]
    with warnings.catch_warnings():  # max_restarts: a named parameter from Ray 2.64 on
        warnings.filterwarnings("ignore", message=".*ray_remote_args.*")
        # no restarts: a failed actor fails the run, and what it had not written stays
        # pending for the next one
        results = ray.data.from_pandas(blocks).map_batches(
            ScorerActor, fn_constructor_args=pool.args,
            compute=ray.data.ActorPoolStrategy(size=max(options.workers, 1)),
            batch_size=options.batch_size, batch_format="pandas", num_cpus=pool.num_cpus,
            num_gpus=pool.num_gpus, max_restarts=0)
    by_task = {s.task: s for s in scorers}
    written = dict.fromkeys(windows, 0)
    done, total = so_far
    for batch in results.iter_batches(batch_size=None, batch_format="pandas"):
        assert isinstance(batch, pd.DataFrame)
        for task, part in batch.groupby("task", sort=False):
            docs = windows[str(task)]
            docs = docs[docs["text_hash"].isin(part["text_hash"])]
            scores, vectors = _from_actor(part)
            store_chunk_scores(store, by_task[str(task)], docs, scores, vectors)
            written[str(task)] += len(docs)
            done += len(docs)
        if progress:
            progress(min(done, total), total)
    return written


def _from_actor(part: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray | None]:
    """An actor's rows back into the local engine's shapes: scores indexed by text hash
    (missing values None, as the scorers give them) and the embeddings when there are any."""
    scores = part[SCORE_FIELDS].copy()
    for column in ("p_negative", "p_neutral", "p_positive", "evidence"):
        values = scores[column].astype(object)
        scores[column] = values.where(values.notna(), None)
    scores.index = pd.Index(part["text_hash"].to_numpy())
    blobs = part["embedding"].tolist()
    if not blobs or not all(blobs):
        return scores, None
    return scores, np.stack([np.frombuffer(b, dtype=np.float32) for b in blobs])


class ScorerActor:
    """One Ray actor: the models loaded once, the hoax scorer over the bank it was given."""

    def __init__(self, settings: Settings, bank: Any, versions: dict[str, tuple[str, str]],
                 threads: int) -> None:
        import torch

        from analysis.signals.matching import ClaimMatcher

        models = load_models(settings)
        # after loading: the encoder sets every core of the machine, which N actors share
        torch.set_num_threads(max(int(threads), 1))
        matcher = None if bank is None else ClaimMatcher(*_get(bank[0]))
        self.scorers = {s.task: s for s in (models.sentiment,
                                            hoax_scorer(models, settings, matcher))}
        for task, expected in versions.items():
            found = self.scorers[task]
            if (found.model_id, found.model_version) != expected:
                raise EngineError(f"A Ray worker's {task} model is {found.model_id}@"
                                  f"{found.model_version}, the driver's {expected[0]}@"
                                  f"{expected[1]}: install the same models on every node")

    def __call__(self, batch: pd.DataFrame) -> pd.DataFrame:
        parts = []
        for task, rows in batch.groupby("task", sort=False):
            scores = self.scorers[str(task)].predict(rows["text"].tolist())
            vectors = scores.attrs.get("embeddings")
            out = scores[SCORE_FIELDS].reset_index(drop=True)
            for column in ("p_negative", "p_neutral", "p_positive", "score"):
                out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64")
            out["evidence"] = out["evidence"].astype(object)
            out.insert(0, "text_hash", rows["text_hash"].to_numpy())
            out["task"] = str(task)
            blobs = [b""] * len(rows)
            if vectors is not None and len(vectors) == len(rows):
                blobs = [np.asarray(v, dtype=np.float32).tobytes() for v in vectors]
            out["embedding"] = blobs
            parts.append(out)
        return pd.concat(parts, ignore_index=True)


def _get(reference: Any) -> Any:
    """The object behind a Ray reference (the bank as given, when it is not one)."""
    import ray

    return ray.get(reference) if isinstance(reference, ray.ObjectRef) else reference
