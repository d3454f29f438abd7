"""Generate the CLI reference (docs/cli.md) from the commands' own ``--help`` text."""

from __future__ import annotations

import sys

import click

from analysis.cli.app import main


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found += _walk(command.commands[name], [*path, name])
    return found


def render() -> str:
    """Markdown with one section per command, holding its ``--help`` output."""
    parts = ["# pantau command reference", "",
             "Generated from `--help` by `python -m analysis.cli.docs > docs/cli.md`; "
             "a test keeps it in sync.", ""]
    for path, command in _walk(main, ["pantau"]):
        with click.Context(command, info_name=" ".join(path), terminal_width=100,
                           max_content_width=100) as ctx:
            text = command.get_help(ctx)
        parts += [f"## {' '.join(path)}", "", "```text", text, "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(render())
