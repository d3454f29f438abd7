"""Every exception Pantau raises on purpose lives here.

Each carries a message that names what went wrong and, where there is one, the fix
(the option to pass, the command to run). The CLI prints ``str(error)``; pages show it with
``st.error``.
"""

from __future__ import annotations


class PantauError(Exception):
    """Base class: an error the user can act on, with a message that says how."""


class ConfigError(PantauError):
    """A ``PANTAU_*`` setting has a value Pantau cannot use."""


class IngestError(PantauError):
    """A whole file cannot be imported (unreadable, no text column, ...)."""


class StoreError(PantauError):
    """The DuckDB store could not be opened or written."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing and did not let go in time."""


class ModelError(PantauError):
    """A model could not be built, loaded or used."""


class EngineError(PantauError):
    """A scoring engine other than the local one cannot run: Ray not installed, its cluster
    not reachable, or a worker's models not the driver's."""


class DatasetError(PantauError):
    """A labelled file for training or evaluation is unusable."""


class AccountError(PantauError):
    """A dashboard account cannot be added, changed or used (name taken, weak password...)."""


class MostRowsRejectedError(IngestError):
    """More than half of a file's first rows would be rejected for one reason: nothing is
    imported, and the message says it once, with an example value and the fix.

    ``code`` and ``column`` are the shared reason's, ``example`` one value that fails,
    ``count`` of ``rows`` the rows it hits; a page says it again from them in its language.
    """

    def __init__(self, message: str, *, code: str, column: str | None, example: str,
                 count: int, rows: int) -> None:
        super().__init__(message)
        self.code = code
        self.column = column
        self.example = example
        self.count = count
        self.rows = rows


class FetchError(PantauError):
    """A page, feed or API answer could not be fetched from the web (timeout, refused, too
    large, forbidden by robots.txt, an HTTP error...). ``code`` names the kind of failure
    (``timeout``, ``connection``, ``http_404``, ``too_large``, ``robots``, ...), ``url`` the
    address (an API key in it redacted), ``body`` the start of an HTTP error's answer (an API
    says there why it refused)."""

    def __init__(self, message: str, *, code: str, url: str | None = None,
                 body: bytes = b"") -> None:
        super().__init__(message)
        self.code = code
        self.url = url
        self.body = body


class FeedError(PantauError):
    """A fetched answer is not an RSS/Atom/RDF feed (an HTML page, empty, garbage);
    ``code`` is ``not_a_feed``."""

    def __init__(self, message: str, *, code: str = "not_a_feed") -> None:
        super().__init__(message)
        self.code = code


class SourceError(PantauError):
    """A monitoring source cannot be added, changed or collected as asked (unknown kind, a
    target of the wrong form, a name taken or unknown)."""
