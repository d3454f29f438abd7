"""Interface text of the newer pages, one module per area (``TEXT`` dict in each), merged into
:data:`dashboard.i18n.TEXT`. A key may be defined once only."""

from __future__ import annotations

import importlib
import pkgutil


def extra_texts() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, entry in getattr(module, "TEXT", {}).items():
            if key in merged:
                raise KeyError(f"interface text {key!r} defined twice ({info.name})")
            merged[key] = entry
    return merged
