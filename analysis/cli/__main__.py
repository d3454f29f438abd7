"""``python -m analysis.cli``: the ``pantau`` command."""

from analysis.cli.app import main

main()
