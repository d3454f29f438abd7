"""A ZIP of exports: each file inside is imported on its own, as if uploaded alone.

Analysts zip a week of scraper output to upload it in one go. :class:`Archive` unpacks one
member at a time into a private temporary folder and deletes it once read, so the disk holds at
most one member beside the archive. A member that cannot be unpacked (encrypted, damaged, over
the upload limit, packed suspiciously tight, an archive inside the archive) is reported on its
own and does not stop the others. Member names never become paths: only their base name is
used, inside the temporary folder, so a crafted name (``../../etc/passwd``) cannot write elsewhere.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from analysis.errors import IngestError
from analysis.ingest.formats import check_size
from analysis.ingest.reader import Closing

MAX_MEMBERS = 1000
MAX_RATIO = 200
"""Unpacked bytes per packed byte a member may have once it unpacks to more than
:data:`RATIO_FLOOR`: exports pack 5 to 30 times smaller, a "ZIP bomb" a thousand times."""
RATIO_FLOOR = 8 * 1024 * 1024


@dataclass(frozen=True)
class ArchiveMember:
    """One file inside a ZIP: its name there, and the unpacked copy or why there is none."""

    name: str
    path: Path | None
    error: str | None = None


class Archive(Closing):
    """An opened ZIP of exports; iterate :meth:`members`, then close (use ``with``)."""

    def __init__(self, path: Path, max_bytes: int | None = None) -> None:
        self.name = path.name
        self._max_bytes = max_bytes
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise IngestError(
                f"'{path.name}' is not a readable ZIP archive ({error}). "
                "Create the ZIP again, or upload the files inside it one by one"
            ) from None
        self._infos = [info for info in infos if _is_export_member(info)]
        if not self._infos:
            self._zip.close()
            raise IngestError(
                f"'{path.name}' holds no files to import. Put CSV, TSV, XLSX, JSON or JSON Lines "
                "exports in the ZIP"
            )
        if len(self._infos) > MAX_MEMBERS:
            self._zip.close()
            raise IngestError(
                f"'{path.name}' holds {len(self._infos):,} files, more than {MAX_MEMBERS:,}; "
                "split it into smaller ZIPs"
            )
        self._folder = Path(tempfile.mkdtemp(prefix="pantau-zip-"))

    @property
    def names(self) -> list[str]:
        """The members that will be imported, in archive order."""
        return [info.filename for info in self._infos]

    @property
    def total_bytes(self) -> int:
        """The members' unpacked sizes added up (for progress over the whole archive)."""
        return sum(info.file_size for info in self._infos)

    def members(self) -> Iterator[ArchiveMember]:
        """Each member unpacked in turn; its copy is deleted when the next one is asked for."""
        for index, info in enumerate(self._infos):
            try:
                path = self._unpack(index, info)
            except IngestError as error:
                yield ArchiveMember(info.filename, None, str(error))
                continue
            try:
                yield ArchiveMember(info.filename, path)
            finally:
                shutil.rmtree(path.parent, ignore_errors=True)

    def _unpack(self, index: int, info: zipfile.ZipInfo) -> Path:
        where = f"'{info.filename}' in '{self.name}'"
        if PurePosixPath(info.filename).suffix.lower() == ".zip":
            raise IngestError(f"{where} is a ZIP inside the ZIP; unpack it and upload it alone")
        check_size(where, info.file_size, self._max_bytes)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IngestError(
                f"{where} would unpack {info.file_size // max(info.compress_size, 1):,} times "
                f"larger than it is packed (at most {MAX_RATIO} for an export): not unpacked. "
                "Upload the file itself, or zip it again from the original export")
        # zipfile stops a member at its declared size (and fails its checksum): a member that
        # lies about its size cannot unpack more than the limit checked above.
        target = self._folder / str(index) / PurePosixPath(info.filename).name
        target.parent.mkdir(parents=True)
        try:
            with self._zip.open(info) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
        except RuntimeError as error:  # zipfile's word for "encrypted"
            raise IngestError(
                f"{where} cannot be unpacked ({error}); zip it without a password"
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            raise IngestError(
                f"{where} is damaged and cannot be unpacked ({error}); create the ZIP again"
            ) from None
        return target

    def close(self) -> None:
        self._zip.close()
        if hasattr(self, "_folder"):
            shutil.rmtree(self._folder, ignore_errors=True)


def _is_export_member(info: zipfile.ZipInfo) -> bool:
    """Files worth importing: not folders, not macOS/hidden clutter (``__MACOSX/``, ``._x``)."""
    if info.is_dir():
        return False
    parts = [part for part in PurePosixPath(info.filename).parts if part not in {".", ".."}]
    return bool(parts) and not any(part.startswith(".") or part == "__MACOSX" for part in parts)

