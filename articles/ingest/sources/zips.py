"""Zip archives of pages: each member read by its suffix, after the archive's directory has been checked.

A zip bomb (countless members, or huge ones) costs only the directory read: the member count and the unpacked sizes
are checked from the directory before any member is opened, and zipfile never reads a member past the size its
directory gives. Members that climb out of the archive ("../x.txt"), encrypted members and zips inside zips are
refused by name. ``zip_member_problem`` and ``is_member_candidate`` are the checks the admin upload can share.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..text import MAX_BYTES
from ..types import Page, PageHints
from .sidecars import MAX_SIDECAR_BYTES, SIDECAR_SUFFIXES, SidecarError, hints_from_sidecar, sidecar_stems
from .streams import SINGLE_PAGE_KINDS, SUPPORTED, kind_of, single_page, stream_pages, unsupported_page


@dataclass(frozen=True)
class ZipLimits:
    """How much one zip may hold. The defaults suit ``ingest_articles`` on an operator's own files; the admin upload
    passes its request-sized limits (uploads.MAX_PAGES, MAX_UPLOAD_BYTES)."""

    # Members counted from the directory; 100,000 pages is a few days of every Indonesian outlet together.
    max_members: int = 100_000
    # The members' unpacked sizes added up, as the directory gives them (WARC and JSONL members included: they are
    # streamed, so this bounds time and disk, not memory).
    max_unpacked_bytes: int = 64 * 1024**3


def _member_parts(filename: str) -> list[str]:
    """Return the folders and name of a zip entry, with either slash ("a/b.txt", "a\\b.txt")."""
    return [part for part in re.split(r"[\\/]", filename) if part not in ("", ".")]


def is_member_candidate(info: zipfile.ZipInfo) -> bool:
    """Return whether a zip entry is a file its maker meant: not a folder, macOS metadata or a hidden file.

    A name that climbs out of the zip ("../../x.txt") is meant, and refused by zip_member_problem.
    """
    parts = _member_parts(info.filename)
    return not info.is_dir() and "__MACOSX" not in parts and not any(
        part.startswith(".") and part != ".." for part in parts
    )


def is_unsafe_member_name(filename: str) -> bool:
    """Return whether a zip entry's name points outside the zip: absolute, a drive letter, or climbing with '..'.

    >>> is_unsafe_member_name("../../x.txt"), is_unsafe_member_name("C:x.txt"), is_unsafe_member_name("a/x.txt")
    (True, True, False)
    """
    return bool(filename.startswith(("/", "\\")) or ".." in _member_parts(filename)
                or re.match(r"^[A-Za-z]:", filename))


def zip_member_problem(info: zipfile.ZipInfo) -> str:
    """Return why a member is not read ("" when it is): a name outside the zip, a password, a nested zip, a type."""
    filename = info.filename
    if is_unsafe_member_name(filename):
        return "name points outside the zip (e.g. '../'); skipped"
    if info.flag_bits & 0x1:
        return "password-protected; skipped"
    kind = kind_of(filename)
    if kind == "zip":
        return "a zip inside a zip is not read; unpack it first"
    if not kind:
        return unsupported_page(filename).error
    if kind in SINGLE_PAGE_KINDS and info.file_size > MAX_BYTES:
        return f"file too large: {info.file_size / 1_048_576:.1f} MB, the limit is {MAX_BYTES // 1_048_576} MB"
    return ""


def _size(size: int) -> str:
    """Return a size as an operator reads it: '1.0 MB', '64.0 GB'."""
    return f"{size / 1024**3:.1f} GB" if size >= 1024**3 else f"{size / 1024**2:.1f} MB"


def _directory_problem(members: list[zipfile.ZipInfo], limits: ZipLimits) -> str:
    if len(members) > limits.max_members:
        return f"zip holds {len(members)} files, over the limit of {limits.max_members}; nothing read"
    unpacked = sum(info.file_size for info in members)
    if unpacked > limits.max_unpacked_bytes:
        return (f"zip unpacks to {_size(unpacked)}, over the limit of {_size(limits.max_unpacked_bytes)}; "
                "nothing read")
    if not members:
        return f"zip holds no file to read: give {SUPPORTED} (.json and .url sidecars alone are not pages)"
    return ""


def member_hints(archive: zipfile.ZipFile, names: set[str], filename: str) -> PageHints:
    """Return the hints of a member's sidecar inside the zip (``a.json`` before ``a.url``; an empty PageHints when it
    has none). The admin upload reads its zips' sidecars with it too."""
    for sidecar in sidecar_stems(filename):
        if sidecar in names:
            with archive.open(sidecar) as handle:
                return hints_from_sidecar(sidecar, handle.read(MAX_SIDECAR_BYTES + 1))
    return PageHints()


def zip_pages(archive: zipfile.ZipFile, *, name: str, source_name: str, limits: ZipLimits,
              counts: Counter) -> Iterator[Page]:
    """Yield the pages of an open zip's members, sorted by name; each named ``kiriman.zip/folder/page.txt``."""
    infos = [info for info in archive.infolist() if is_member_candidate(info)]
    names = {info.filename for info in infos}
    members = sorted((info for info in infos if not info.filename.lower().endswith(SIDECAR_SUFFIXES)),
                     key=lambda info: info.filename)
    counts["zip sidecar"] += len(infos) - len(members)
    problem = _directory_problem(members, limits)
    if problem:
        yield Page(name, source_name=source_name, error=problem)
        return
    for info in members:
        yield from _member_pages(archive, info, names=names, name=f"{name}/{info.filename}",
                                 source_name=f"{source_name}/{info.filename}", counts=counts)


def _member_pages(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, names: set[str], name: str, source_name: str,
                  counts: Counter) -> Iterator[Page]:
    problem = zip_member_problem(info)
    if problem:
        yield Page(name, source_name=source_name, error=problem)
        return
    kind = kind_of(info.filename)
    try:
        if kind in SINGLE_PAGE_KINDS:
            try:
                hints = member_hints(archive, names, info.filename)
            except SidecarError as error:
                yield Page(name, source_name=source_name, error=str(error))
                return
            with archive.open(info) as handle:
                yield single_page(handle, kind=kind, name=name, source_name=source_name, size=info.file_size,
                                  hints=hints)
        else:
            with archive.open(info) as handle:
                yield from stream_pages(handle, kind=kind, name=name, source_name=source_name, counts=counts)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error) as error:
        yield Page(name, source_name=source_name,
                   error=f"unreadable in the zip: damaged or an unknown compression ({type(error).__name__})")
