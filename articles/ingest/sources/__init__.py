"""Input files -> a stream of Page: raw text, HTML, WARC crawls, JSON Lines and zips of them (issue 13). No Django.

    reader = SourceReader(["arsip/", "crawl.warc.gz", "berita.jsonl"])
    for page in reader:          # one Page at a time, read when the batch reaches it
        ...
    reader.counts                # records skipped, by reason: {"warc request record": 1000, ...}

Every input that cannot be read becomes a failed Page with its reason (the batch reports it and goes on); what is
not a page by design (a WARC request record, a sidecar file in a directory) is counted, not reported. A page's name
says where it is: ``arsip/a.txt``, ``crawl.warc.gz#7`` (the 7th record), ``berita.jsonl:12`` (line 12),
``kiriman.zip/folder/b.html``. With ``hints.url`` it is the key a rerun resumes by.

>>> [page.error for page in SourceReader(["catatan.docx"])]
['unsupported file type: give .warc.gz, .jsonl.gz, .warc, .jsonl, .txt, .html, .htm, .zip']
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..types import Page, PageHints
from .sidecars import MAX_SIDECAR_BYTES, SIDECAR_SUFFIXES, SidecarError, hints_from_sidecar, sidecar_stems
from .streams import SINGLE_PAGE_KINDS, SUPPORTED, kind_of, single_page, stream_pages, unsupported_page
from .zips import ZipLimits, is_member_candidate, is_unsafe_member_name, zip_member_problem, zip_pages

__all__ = ["SUPPORTED", "SourceReader", "ZipLimits", "is_member_candidate", "is_unsafe_member_name", "kind_of",
           "pages_from_paths", "zip_member_problem"]


class SourceReader:
    """Iterate the pages of files and directories, in order; ``counts`` holds what was skipped, by reason.

    A directory gives the supported files below it, sorted, skipping hidden ones; its sidecars (``a.url``,
    ``a.json`` beside ``a.txt`` or ``a.html``) lend their hints to their page instead of being pages.
    """

    def __init__(self, paths: Iterable[str | os.PathLike], *, zip_limits: ZipLimits | None = None) -> None:
        self.paths = [Path(path) for path in paths]
        self.zip_limits = zip_limits or ZipLimits()
        self.counts: Counter[str] = Counter()
        # How far the reading is, in the inputs' bytes (a compressed stream's position in its file): with
        # bytes_total(), what a progress line's share and ETA are made of.
        self.bytes_done = 0
        self._finished_bytes = 0
        self._total: int | None = None

    def bytes_total(self) -> int:
        """Return the size of every input file (a directory's supported files), counted once."""
        if self._total is None:
            self._total = sum(_size(path) for path in self._inputs())
        return self._total

    def _inputs(self) -> Iterator[Path]:
        for path in self.paths:
            if path.is_dir():
                yield from (found for found in sorted(path.rglob("*")) if found.is_file() and kind_of(found.name)
                            and not any(part.startswith(".") for part in found.relative_to(path).parts))
            else:
                yield path

    def __iter__(self) -> Iterator[Page]:
        for path in self.paths:
            if path.is_dir():
                yield from self._directory_pages(path)
            else:
                yield from self._file_pages(path)
                self._file_done(path)

    def _directory_pages(self, directory: Path) -> Iterator[Page]:
        for path in sorted(directory.rglob("*")):
            relative = path.relative_to(directory).parts
            if any(part.startswith(".") for part in relative) or not path.is_file():
                continue
            if path.name.lower().endswith(SIDECAR_SUFFIXES):
                self.counts["sidecar file"] += 1
            elif not kind_of(path.name):
                self.counts["unsupported file in a directory"] += 1
            else:
                yield from self._file_pages(path)
                self._file_done(path)

    def _file_done(self, path: Path) -> None:
        self._finished_bytes += _size(path)
        self.bytes_done = self._finished_bytes

    def _file_pages(self, path: Path) -> Iterator[Page]:
        name, source_name = str(path), path.name
        kind = kind_of(path.name)
        if not kind:
            yield unsupported_page(name)
            return
        try:
            if kind == "zip":
                with zipfile.ZipFile(path) as archive:
                    yield from zip_pages(archive, name=name, source_name=source_name, limits=self.zip_limits,
                                         counts=self.counts)
            elif kind in SINGLE_PAGE_KINDS:
                yield self._single_page(path, kind=kind)
            else:
                with path.open("rb") as handle:
                    for page in stream_pages(handle, kind=kind, name=name, source_name=source_name,
                                             counts=self.counts):
                        self.bytes_done = self._finished_bytes + handle.tell()
                        yield page
        except zipfile.BadZipFile:
            yield Page(name, source_name=source_name, error="not a readable zip (damaged, or not a zip)")
        except OSError as error:
            yield Page(name, source_name=source_name, error=f"cannot read: {error.strerror or error}")

    def _single_page(self, path: Path, *, kind: str) -> Page:
        try:
            hints = _sidecar_hints(path)
        except SidecarError as error:
            return Page(str(path), source_name=path.name, error=str(error))
        with path.open("rb") as handle:
            return single_page(handle, kind=kind, name=str(path), source_name=path.name,
                               size=os.fstat(handle.fileno()).st_size, hints=hints)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _sidecar_hints(path: Path) -> PageHints:
    """Return the hints of the sidecar beside a page file (``a.json`` before ``a.url``), or empty ones."""
    for sidecar in sidecar_stems(str(path)):
        try:
            with open(sidecar, "rb") as handle:
                return hints_from_sidecar(Path(sidecar).name, handle.read(MAX_SIDECAR_BYTES + 1))
        except FileNotFoundError:
            continue
    return PageHints()


def pages_from_paths(paths: Iterable[str | os.PathLike], *, zip_limits: ZipLimits | None = None) -> SourceReader:
    """Return a reader of the pages of ``paths`` (files or directories): iterate it, then read its ``counts``."""
    return SourceReader(paths, zip_limits=zip_limits)
