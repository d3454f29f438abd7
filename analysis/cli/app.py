"""``pantau``: the command line. It parses options, calls the library and turns errors into
messages; the work itself happens in ``analysis``. Each command group lives in its own module
of this package; this one only declares the group and registers them."""

from __future__ import annotations

import click

from analysis.cli.alerts import alert
from analysis.cli.audit import audit
from analysis.cli.claims import claims, review
from analysis.cli.common import PantauGroup
from analysis.cli.ingest import demo, ingest, score, setup
from analysis.cli.models import correct, evaluate, train
from analysis.cli.presets import presets
from analysis.cli.relations import evaluate_claims_cmd, train_claims_cmd
from analysis.cli.sources import source, worker
from analysis.cli.stores import store_group
from analysis.cli.users import oidc_secrets, user


@click.group(cls=PantauGroup)
@click.version_option(package_name="pantau")
def main() -> None:
    """Pantau: public-sentiment and hoax monitoring for Indonesian texts."""


for _command in (setup, ingest, score, demo, train, evaluate, correct, claims, review, presets,
                 user, oidc_secrets, source, worker, alert, audit, store_group):
    main.add_command(_command)

train.add_command(train_claims_cmd)
evaluate.add_command(evaluate_claims_cmd)

if __name__ == "__main__":
    main()
