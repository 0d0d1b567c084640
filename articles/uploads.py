"""Uploads of pages from the admin: .txt, .html, WARC and JSON Lines files and .zip archives of them, ingested like
``ingest_articles``.

Plain values in and out: the admin view hands over names and bytes and gets one ``IngestResult`` per page back (the
batch itself is ``services.ingest.pages_ingest``, the one ``ingest_articles`` runs). Each file is read by the ingest
readers (``ingest.sources``: ``single_page`` for a .txt or .html, ``stream_pages`` for a WARC or JSONL) from an
in-memory handle; this module adds only the upload's limits and their messages for the editor.
Every zip is checked from its directory before a member is read, so a zip bomb (a small archive of countless or huge
members) costs nothing but the directory read. Each record of a WARC or line of a JSONL counts as a page: when the
upload reaches MAX_PAGES the rest of the file is refused with one entry, not read.

>>> from io import BytesIO
>>> from zipfile import ZipFile
>>> buffer = BytesIO()
>>> with ZipFile(buffer, "w") as archive:
...     archive.writestr("berita/a.txt", "...")
...     archive.writestr("berita/b.html", "<p>...</p>")
...     archive.writestr("berita/b.url", "https://www.tempo.co/read/1")
...     archive.writestr("__MACOSX/berita/._a.txt", "...")
>>> [(page.name, page.hints.url) for page in upload_pages_expand(files=[("kiriman.zip", buffer.getvalue())])]
[('kiriman.zip/berita/a.txt', ''), ('kiriman.zip/berita/b.html', 'https://www.tempo.co/read/1')]
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from .ingest.sources import is_member_candidate, is_unsafe_member_name, kind_of
from .ingest.sources.sidecars import (
    SIDECAR_SUFFIXES,
    SidecarError,
    sidecar_stems,
)
from .ingest.sources.streams import SINGLE_PAGE_KINDS, SUFFIX_KINDS, single_page, stream_pages
from .ingest.sources.zips import member_hints
from .ingest.text import MAX_BYTES
from .ingest.types import PageHints
from .models import Article
from .services import IngestResult, IngestStatus
from .services.ingest import Page, pages_ingest

logger = logging.getLogger(__name__)

# At most this many pages in one upload, counting every file inside a zip and every record of a WARC or line of a
# JSONL. An upload is one web request: a page takes about 7 ms to parse and save and the batch ~1 s to index (528
# sample pages: 3.7 s + 1.1 s on 2 cores), so 500 pages answer well within the 30-60 s a proxy waits. Bigger batches
# belong to "manage.py ingest_articles".
# settings.DATA_UPLOAD_MAX_NUMBER_FILES must stay above this, or Django answers a bare 400 before our message.
MAX_PAGES = 500
# A page at most as large as ingest accepts (decode_page refuses bigger files; real pages are a few hundred KB).
MAX_PAGE_BYTES = MAX_BYTES
# At most this many bytes in one upload: the files as sent, and again the files of its zips once unpacked (a WARC or
# JSONL counted by its size in the zip). It bounds the memory of a request (the view reads the files whole) and the
# unpacked size of a zip bomb.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

ZIP_SUFFIX = ".zip"
GZIP_SUFFIX = ".gz"
_UNPACK_BLOCK = 1024 * 1024
# The page formats an upload takes (a zip may hold them too), as the editor reads them: ".txt, .htm, .html, ...".
PAGE_SUFFIXES = ", ".join(sorted(
    (suffix for suffix, kind in SUFFIX_KINDS.items() if kind != "zip"),
    key=lambda suffix: (("text", "html", "warc", "jsonl").index(SUFFIX_KINDS[suffix]), len(suffix)),
))


@dataclass
class UploadIngest:
    """What an upload did: one result per page, in order, and why the search index could not follow ("" if it did)."""

    results: list[IngestResult]
    index_problem: str = ""


def _megabytes(size: int) -> str:
    return filesizeformat(size).replace("\xa0", " ")


def upload_size_problem(*, count: int, size: int) -> str:
    """Return why an upload of ``count`` files and ``size`` bytes (as sent) is refused, or "" when it is not."""
    if count > MAX_PAGES:
        return _(
            "Terlalu banyak berkas: %(count)s, paling banyak %(max)s per unggahan. Bagi menjadi beberapa unggahan "
            "atau muat dengan “manage.py ingest_articles”."
        ) % {"count": count, "max": MAX_PAGES}
    if size > MAX_UPLOAD_BYTES:
        return _(
            "Unggahan terlalu besar: %(size)s, paling besar %(max)s. Bagi menjadi beberapa unggahan "
            "atau muat dengan “manage.py ingest_articles”."
        ) % {"size": _megabytes(size), "max": _megabytes(MAX_UPLOAD_BYTES)}
    return ""


def _too_large(size: int) -> str:
    return _("halaman terlalu besar: %(size)s, paling besar %(max)s per halaman") % {
        "size": _megabytes(size), "max": _megabytes(MAX_PAGE_BYTES)}


def _over_budget() -> str:
    return _("tidak dimuat: unggahan ini sudah mencapai batas %(pages)s halaman atau %(size)s") % {
        "pages": MAX_PAGES, "size": _megabytes(MAX_UPLOAD_BYTES)}


def _unsupported() -> str:
    return _("jenis berkas tidak didukung: unggah berkas %(formats)s atau .zip") % {"formats": PAGE_SUFFIXES}


def _unreadable_member() -> str:
    return _("tidak bisa dibaca dari zip: berkas rusak atau pemampatan tidak dikenal")


class _Budget:
    """What is left of an upload's limits while its files are expanded."""

    def __init__(self) -> None:
        self.pages = MAX_PAGES
        self.bytes = MAX_UPLOAD_BYTES

    def take(self, *, pages: int, size: int) -> bool:
        if pages > self.pages or size > self.bytes:
            return False
        self.pages -= pages
        self.bytes -= size
        return True


def _records(pages: Iterator[Page], budget: _Budget) -> Iterator[Page]:
    """Yield the pages of a WARC or JSONL while the upload has room, each taking one page of the budget.

    The first record past the limit is refused with the reason, and the rest of the file is not read.
    """
    with contextlib.closing(pages):
        for page in pages:
            if not budget.take(pages=1, size=0):
                yield Page(page.name, error=_(
                    "tidak dimuat, begitu pula sisa berkas ini (tidak dibaca): unggahan ini sudah mencapai batas "
                    "%(pages)s halaman. Muat berkas sebesar ini dengan “manage.py ingest_articles”."
                ) % {"pages": MAX_PAGES})
                return
            yield page


def _gzip_unpacks_over_limit(open_handle: Callable[[], BinaryIO]) -> bool:
    """Return whether a gzip stream unpacks to more than MAX_UPLOAD_BYTES, reading it up to the limit and no further.

    A .warc.gz or .jsonl.gz is a zip bomb the zip directory cannot see: 50 MB of gzip unpack to some 50 GB of
    records that are skipped (WARC requests) or blank lines, which cost minutes to read though none is a page. A
    stream the gzip reader cannot follow is left to the ingest reader, which reports where it breaks.
    """
    unpacked = 0
    try:
        with open_handle() as handle, gzip.GzipFile(fileobj=handle, mode="rb") as stream:
            while block := stream.read(_UNPACK_BLOCK):
                unpacked += len(block)
                if unpacked > MAX_UPLOAD_BYTES:
                    return True
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile):
        return False
    return False


def _gzip_over_limit() -> str:
    return _("isi gzip lebih dari %(max)s setelah dibuka, batas per unggahan; tidak ada yang dimuat") % {
        "max": _megabytes(MAX_UPLOAD_BYTES)}


def _file_pages(name: str, data: bytes, budget: _Budget) -> Iterator[Page]:
    """Yield the pages of one uploaded file that is not a zip: a .txt or .html page, or a WARC's or JSONL's records."""
    kind = kind_of(name)
    if not kind:
        yield Page(name, error=_unsupported())
    elif kind in SINGLE_PAGE_KINDS:
        if len(data) > MAX_PAGE_BYTES:
            yield Page(name, error=_too_large(len(data)))
        elif not budget.take(pages=1, size=len(data)):
            yield Page(name, error=_over_budget())
        else:
            yield single_page(io.BytesIO(data), kind=kind, name=name, source_name=name, size=len(data),
                              hints=PageHints())
    elif budget.pages == 0 or not budget.take(pages=0, size=len(data)):
        yield Page(name, error=_over_budget())
    elif name.lower().endswith(GZIP_SUFFIX) and _gzip_unpacks_over_limit(lambda: io.BytesIO(data)):
        yield Page(name, error=_gzip_over_limit())
    else:
        # Records that are not pages (a WARC request, an image) are skipped by design, as by ingest_articles.
        yield from _records(stream_pages(io.BytesIO(data), kind=kind, name=name, source_name=name, counts=Counter()),
                            budget)


def _sidecars(infos: list[zipfile.ZipInfo]) -> set[str]:
    """Return the names of the zip entries that are a page's sidecar (``a.url`` or ``a.json`` beside ``a.html``)."""
    names = {info.filename for info in infos}
    return {sidecar for info in infos if kind_of(info.filename) in SINGLE_PAGE_KINDS
            for sidecar in sidecar_stems(info.filename) if sidecar in names}


def _zip_pages(name: str, data: bytes, budget: _Budget) -> Iterator[Page]:
    """Yield the pages of one zip, or one failed entry named after the zip when it cannot be opened or is too big."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        logger.debug("Upload %s is not a readable zip", name, exc_info=True)
        yield Page(name, error=_("zip rusak atau bukan zip: berkas ini tidak bisa dibuka"))
        return
    with archive:
        infos = [info for info in archive.infolist() if is_member_candidate(info)]
        sidecars = _sidecars(infos)
        members = sorted((info for info in infos if info.filename not in sidecars), key=lambda info: info.filename)
        streams = [info for info in members if kind_of(info.filename) in ("warc", "jsonl")]
        unpacked = sum(info.file_size for info in infos
                       if info.filename in sidecars or kind_of(info.filename) not in ("", "zip"))
        if len(members) > MAX_PAGES:
            yield Page(name, error=_(
                "zip berisi %(count)s berkas, lebih dari batas %(max)s per unggahan; tidak ada yang dimuat"
            ) % {"count": len(members), "max": MAX_PAGES})
        elif unpacked > MAX_UPLOAD_BYTES:
            yield Page(name, error=_(
                "isi zip %(size)s setelah dibuka, lebih dari batas %(max)s per unggahan; tidak ada yang dimuat"
            ) % {"size": _megabytes(unpacked), "max": _megabytes(MAX_UPLOAD_BYTES)})
        elif not budget.take(pages=len(members) - len(streams), size=unpacked):
            # A WARC or JSONL member takes a page per record as it is read (_records).
            yield Page(name, error=_over_budget())
        elif not members:
            yield Page(name, error=_("zip tidak berisi berkas yang bisa dimuat: %(formats)s") % {
                "formats": PAGE_SUFFIXES})
        else:
            names = {info.filename for info in infos}
            for info in members:
                yield from _member_pages(archive, info, names=names, name=f"{name}/{info.filename}", budget=budget)


def _member_problem(info: zipfile.ZipInfo) -> str:
    """Return why a zip member is not read, for the editor ("" when it is read)."""
    kind = kind_of(info.filename)
    if is_unsafe_member_name(info.filename):
        return _("nama berkas menunjuk ke luar zip (mis. '../'); dilewati")
    if kind == "zip":
        return _("bukan halaman .txt; dilewati")
    if info.filename.lower().endswith(SIDECAR_SUFFIXES):
        return _("berkas .url atau .json hanya dibaca di samping halaman .txt atau .html bernama sama; dilewati")
    if not kind:
        return _unsupported()
    if kind in SINGLE_PAGE_KINDS and info.file_size > MAX_PAGE_BYTES:
        return _too_large(info.file_size)
    if info.flag_bits & 0x1:
        return _("terkunci kata sandi; dilewati")
    return ""


def _member_pages(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, names: set[str], name: str,
                  budget: _Budget) -> Iterator[Page]:
    problem = _member_problem(info)
    if problem:
        yield Page(name, error=problem)
        return
    kind = kind_of(info.filename)
    try:
        if kind in SINGLE_PAGE_KINDS:
            try:
                hints = member_hints(archive, names, info.filename)
            except SidecarError as error:
                yield Page(name, error=str(error))
                return
            # single_page reads one byte past the limit, never more: the directory's size is checked above, and
            # zipfile stops at it.
            with archive.open(info) as handle:
                yield single_page(handle, kind=kind, name=name, source_name=name, size=info.file_size, hints=hints)
        elif info.filename.lower().endswith(GZIP_SUFFIX) and _gzip_unpacks_over_limit(lambda: archive.open(info)):
            yield Page(name, error=_gzip_over_limit())
        else:
            with archive.open(info) as handle:
                yield from _records(stream_pages(handle, kind=kind, name=name, source_name=name, counts=Counter()),
                                    budget)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error):
        logger.debug("Upload member %s is unreadable", name, exc_info=True)
        yield Page(name, error=_unreadable_member())


def upload_pages_expand(*, files: Iterable[tuple[str, bytes]]) -> Iterator[Page]:
    """Yield the pages of an upload in order, each read when the batch reaches it: each .txt or .html file, each
    record of a WARC or JSONL, and the same of each member of a .zip.

    Folders, ``__MACOSX`` and hidden files inside a zip are skipped silently, and so are the sidecars that give a
    page its URL; any other file becomes an entry with the reason it is not ingested. A zip is named
    ``kiriman.zip/folder/page.txt`` in the result, a JSONL's line ``berita.jsonl:12``, a WARC's record
    ``crawl.warc.gz#7``.
    """
    budget = _Budget()
    for name, data in files:
        if name.lower().endswith(ZIP_SUFFIX):
            yield from _zip_pages(name, data, budget)
        else:
            yield from _file_pages(name, data, budget)


def _unexpected_reason(page: Page, error: Exception) -> str:
    logger.exception("Ingesting the uploaded page %s failed", page.name)
    return _("kesalahan tak terduga: %(error)s") % {"error": type(error).__name__}


def uploaded_pages_ingest(*, files: list[tuple[str, bytes]]) -> UploadIngest:
    """Ingest the pages of an upload (see ``upload_pages_expand``) and return one result per page, in order.

    The pages are saved as by ``ingest_articles`` (in batches): a bad page is reported and the rest kept.
    The search index is written once, after the last page.
    """
    run = pages_ingest(pages=upload_pages_expand(files=files), unexpected=_unexpected_reason)
    results = list(run)
    return UploadIngest(results=results, index_problem=run.index.problem)


def uploaded_pages_log(*, user_id: int, results: list[IngestResult]) -> None:
    """Record the upload in the admin history: an addition per new article, a change per updated one."""
    added = [result.article for result in results if result.status == IngestStatus.INGESTED and result.article]
    changed = [result.article for result in results if result.status == IngestStatus.UPDATED and result.article]
    # Stored untranslated, as the admin stores its own messages: LogEntry translates them when shown.
    with translation.override(None):
        raw_text = str(Article._meta.get_field("raw_text").verbose_name)
    if added:
        LogEntry.objects.log_actions(user_id=user_id, queryset=added, action_flag=ADDITION,
                                     change_message=[{"added": {}}])
    if changed:
        LogEntry.objects.log_actions(user_id=user_id, queryset=changed, action_flag=CHANGE,
                                     change_message=[{"changed": {"fields": [raw_text]}}])
