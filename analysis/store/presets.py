"""Named column-mapping presets: an analyst maps an unfamiliar export once and reuses it."""

from __future__ import annotations

import json
import re

import pandas as pd

from analysis.errors import IngestError
from analysis.store.audit import Action, write
from analysis.store.db import Store

_NAME = re.compile(r"^[\w][\w .\-]{0,63}$")


def save_preset(store: Store, name: str, mapping: dict[str, str],
                platform: str | None = None, actor: str | None = None) -> None:
    """Save (or replace) the preset ``name``: canonical field -> source column, and a platform."""
    name = name.strip()
    if not _NAME.match(name):
        raise IngestError(
            f"{name!r} is not a usable preset name: use up to 64 letters, digits, spaces, "
            "dots, dashes or underscores"
        )
    if not mapping:
        raise IngestError(f"Preset {name!r} would be empty: map at least the text column")
    with store.transaction() as con:
        con.execute(
            "INSERT INTO mapping_presets (name, mapping, platform, updated_at) "
            "VALUES (?, ?, ?, current_timestamp) ON CONFLICT (name) DO UPDATE SET "
            "mapping = excluded.mapping, platform = excluded.platform, "
            "updated_at = excluded.updated_at",
            [name, json.dumps(mapping, ensure_ascii=False), platform],
        )
        write(con, actor, Action.PRESET_SAVE, "preset", name,
              {"mapping": mapping, "platform": platform})


def load_preset(store: Store, name: str) -> tuple[dict[str, str], str | None]:
    """The mapping and platform saved as ``name``; an error listing the saved ones if absent."""
    frame = store.query("SELECT mapping, platform FROM mapping_presets WHERE name = ?", [name])
    if frame.empty:
        known = ", ".join(list_presets(store)["name"]) or "none yet"
        raise IngestError(
            f"No mapping preset named {name!r} (saved presets: {known}). Save one with "
            f"`pantau presets save {name} --map text=COLUMN ...` or from the Unggah page."
        )
    mapping, platform = frame.iloc[0].tolist()
    return json.loads(str(mapping)), platform if isinstance(platform, str) else None


def list_presets(store: Store) -> pd.DataFrame:
    """Saved presets, by name: name, mapping (JSON), platform, updated_at."""
    return store.query(
        "SELECT name, mapping, platform, updated_at FROM mapping_presets ORDER BY name"
    )


def delete_preset(store: Store, name: str, actor: str | None = None) -> bool:
    """Remove a preset; False if there was none of that name."""
    with store.transaction() as con:
        deleted = con.execute("DELETE FROM mapping_presets WHERE name = ?", [name]).fetchall()
        if deleted and deleted[0][0]:
            write(con, actor, Action.PRESET_DELETE, "preset", name)
    return bool(deleted and deleted[0][0])
