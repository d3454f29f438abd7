"""Settings in one frozen, validated object, read from ``PANTAU_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from analysis.errors import ConfigError
from analysis.oidc import OidcConfig, load_oidc

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
BUILTIN_MODEL = "builtin:e5-small"


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pantau"


@dataclass(frozen=True)
class Settings:
    """What an operator can configure. Build it with :func:`load_settings`."""

    db_path: Path = field(default_factory=lambda: PROJECT_ROOT / "pantau.duckdb")
    db_url: str | None = field(default=None, repr=False)
    """A PostgreSQL store (``PANTAU_DB=postgresql://user:pass@host:port/db``), kept as written
    (a URL read as a path would lose its ``//``); None for the embedded DuckDB file
    ``db_path``. Left out of the repr: it may hold a password."""
    cache_dir: Path = field(default_factory=_default_cache)
    sentiment_model: str = BUILTIN_MODEL
    sentiment_revision: str | None = None
    sentiment_labels: tuple[str, ...] | None = None
    timezone: str = "Asia/Jakarta"
    batch_size: int = 32
    max_length: int = 256
    lock_timeout_s: float = 30.0
    hoax_threshold: float = 0.5
    device: str = "auto"
    max_upload_mb: int = 500
    max_rows: int = 5_000_000
    quantize: str = "none"
    claim_reader: str = "full"
    """Which claim reader scores read (``PANTAU_CLAIM_READER``): ``full`` (all 12 layers, the
    default), ``fast`` (the first 8: under 2× the cost of scoring without a reader, fewer
    "cocok" verdicts and denial links; figures in the README) or ``off`` (retrieval and the
    similarity gate only)."""
    coord_accounts: int = 3
    coord_minutes: int = 60
    official_accounts: tuple[str, ...] = ()
    users_path: Path | None = None
    auth: bool = True
    oidc: OidcConfig | None = field(default=None, repr=False)
    """With ``PANTAU_AUTH=oidc``: the organisation's identity provider signs people in and
    their groups give the role (:mod:`analysis.oidc`); None: local accounts. Left out of the
    repr: it holds the client secret."""
    dashboard_url: str = "http://localhost:8501"
    """Where people open the dashboard: alerts link to its pages (``PANTAU_DASHBOARD_URL``)."""
    youtube_api_url: str = "https://www.googleapis.com/youtube/v3"
    youtube_key: str | None = field(default=None, repr=False)  # a secret: never in a log
    fetch_timeout_s: float = 20.0
    fetch_host_interval_s: float = 0.2
    """Seconds between two requests to one host (the polite per-host rate limit)."""
    alert_quiet: str = ""
    batch_nice: int = 10
    """How far the long batch commands (``pantau worker``, ``ingest``, ``score``) lower their
    own CPU priority (Unix ``nice``, 0-19; ``PANTAU_BATCH_NICE``), so that people reading the
    dashboard on the same machine come first; 0 keeps the normal priority."""
    alert_lang: str = "id"
    """The language of alerts: ``id`` (Bahasa Indonesia) or ``en`` (``PANTAU_ALERT_LANG``)."""
    """Quiet hours for alerts, ``HH-HH`` local time (``22-06``), or empty for none."""

    @property
    def users_file(self) -> Path:
        """The dashboard's local accounts (``PANTAU_USERS``; default: beside the store)."""
        return self.users_path or self.db_path.parent / "pantau-users.json"

    @property
    def secret_file(self) -> Path:
        """This installation's key for pseudonymising authors in exports (beside the store)."""
        return self.db_path.parent / "pantau-secret.key"

    @property
    def max_upload_bytes(self) -> int:
        """``max_upload_mb`` in bytes (1 MB = 1024 * 1024 bytes), the unit ingest checks."""
        return self.max_upload_mb * 1024 * 1024

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def encoder_dir(self) -> Path:
        """Where the converted built-in encoder lives (built by ``pantau setup``)."""
        return self.cache_dir / "models" / "multilingual-e5-small"

    def with_db(self, path: str | Path | None) -> Settings:
        if path is None:
            return self
        if is_db_url(str(path)):
            return replace(self, db_url=str(path))
        return replace(self, db_path=Path(path), db_url=None)


def is_db_url(value: str) -> bool:
    """Whether ``PANTAU_DB`` (or ``--db``) names a PostgreSQL server rather than a file."""
    return value.startswith(("postgresql://", "postgres://"))


def _number(env: dict[str, str], key: str, default: float, low: float, high: float) -> float:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    kind = int if isinstance(default, int) else float
    try:
        value = kind(raw)
    except ValueError:
        noun = "a whole number" if kind is int else "a number"
        raise ConfigError(f"{key}={raw!r} is not {noun}") from None
    if not low <= value <= high:
        raise ConfigError(f"{key}={value} is outside {low}..{high}")
    return value


def _labels(raw: str) -> tuple[str, ...] | None:
    parts = tuple(part.strip() for part in raw.split(",") if part.strip())
    return parts or None


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read and validate ``PANTAU_*`` variables; raise :class:`ConfigError` naming the bad one."""
    env = dict(os.environ if env is None else env)
    base = Settings()
    timezone = env.get("PANTAU_TIMEZONE") or base.timezone
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"PANTAU_TIMEZONE={timezone!r} is not a known time zone (e.g. Asia/Jakarta)"
        ) from None
    device = env.get("PANTAU_DEVICE") or "auto"
    if device not in {"auto", "cpu", "cuda"}:
        raise ConfigError(f"PANTAU_DEVICE={device!r}: use auto, cpu or cuda")
    quantize = env.get("PANTAU_QUANTIZE") or "none"
    if quantize not in {"auto", "none", "int8"}:
        raise ConfigError(f"PANTAU_QUANTIZE={quantize!r}: use auto, none or int8")
    claim_reader = (env.get("PANTAU_CLAIM_READER") or "full").strip().lower()
    if claim_reader not in {"full", "fast", "off"}:
        raise ConfigError(f"PANTAU_CLAIM_READER={claim_reader!r}: use full (the default), fast "
                          "(8 of 12 layers: cheaper, fewer confident verdicts) or off")
    auth = (env.get("PANTAU_AUTH") or "on").strip().lower()
    if auth not in {"on", "off", "oidc"}:
        raise ConfigError(f"PANTAU_AUTH={auth!r}: use on (log in with an account), oidc (the "
                          "organisation's accounts) or off")
    return Settings(
        db_path=_db_path(env.get("PANTAU_DB", ""), base.db_path),
        db_url=env["PANTAU_DB"] if is_db_url(env.get("PANTAU_DB", "")) else None,
        cache_dir=Path(env["PANTAU_CACHE"]) if env.get("PANTAU_CACHE") else base.cache_dir,
        sentiment_model=env.get("PANTAU_SENTIMENT_MODEL") or BUILTIN_MODEL,
        sentiment_revision=env.get("PANTAU_SENTIMENT_REVISION") or None,
        sentiment_labels=_labels(env.get("PANTAU_SENTIMENT_LABELS", "")),
        timezone=timezone,
        batch_size=int(_number(env, "PANTAU_BATCH_SIZE", base.batch_size, 1, 4096)),
        max_length=int(_number(env, "PANTAU_MAX_LENGTH", base.max_length, 16, 512)),
        lock_timeout_s=_number(env, "PANTAU_LOCK_TIMEOUT", base.lock_timeout_s, 0.0, 3600.0),
        hoax_threshold=_number(env, "PANTAU_HOAX_THRESHOLD", base.hoax_threshold, 0.0, 1.0),
        device=device,
        max_upload_mb=int(_number(env, "PANTAU_MAX_UPLOAD_MB", base.max_upload_mb, 1, 1_000_000)),
        max_rows=int(_number(env, "PANTAU_MAX_ROWS", base.max_rows, 1, 2_000_000_000)),
        quantize=quantize,
        claim_reader=claim_reader,
        coord_accounts=int(_number(env, "PANTAU_COORD_ACCOUNTS", base.coord_accounts, 2, 10_000)),
        coord_minutes=int(_number(env, "PANTAU_COORD_MINUTES", base.coord_minutes, 1, 100_000)),
        official_accounts=tuple(a.strip() for a in env.get("PANTAU_OFFICIAL_ACCOUNTS", "")
                                .split(",") if a.strip()),
        users_path=Path(env["PANTAU_USERS"]) if env.get("PANTAU_USERS") else None,
        auth=auth != "off",
        oidc=load_oidc(env) if auth == "oidc" else None,
        dashboard_url=(env.get("PANTAU_DASHBOARD_URL") or base.dashboard_url).rstrip("/"),
        youtube_api_url=(env.get("PANTAU_YOUTUBE_API") or base.youtube_api_url).rstrip("/"),
        youtube_key=env.get("PANTAU_YOUTUBE_KEY") or None,
        fetch_timeout_s=_number(env, "PANTAU_FETCH_TIMEOUT", base.fetch_timeout_s, 1.0, 600.0),
        fetch_host_interval_s=_number(env, "PANTAU_FETCH_INTERVAL", base.fetch_host_interval_s,
                                      0.0, 600.0),
        alert_quiet=_quiet_hours(env.get("PANTAU_ALERT_QUIET", "")),
        batch_nice=int(_number(env, "PANTAU_BATCH_NICE", base.batch_nice, 0, 19)),
        alert_lang=_alert_lang(env.get("PANTAU_ALERT_LANG", "")),
    )


def _db_path(raw: str, default: Path) -> Path:
    """``PANTAU_DB`` as the store file; the default file when it is empty or a server URL."""
    return default if not raw or is_db_url(raw) else Path(raw)


def _quiet_hours(raw: str) -> str:
    """``PANTAU_ALERT_QUIET`` checked: empty, or two hours ``HH-HH`` (``22-06``)."""
    raw = raw.strip()
    if not raw:
        return ""
    parts = raw.split("-")
    if len(parts) != 2 or not all(p.strip().isdigit() and 0 <= int(p) <= 23 for p in parts):
        raise ConfigError(f"PANTAU_ALERT_QUIET={raw!r}: use two hours like 22-06, or leave empty")
    return f"{int(parts[0]):02d}-{int(parts[1]):02d}"


def _alert_lang(raw: str) -> str:
    lang = raw.strip().lower() or "id"
    if lang not in ("id", "en"):
        raise ConfigError(f"PANTAU_ALERT_LANG={raw!r}: use id (Bahasa Indonesia) or en")
    return lang
