"""Uploads of raw pages from the admin: .txt files and .zip archives of them, ingested like ``ingest_articles``.

Plain values in and out: the admin view hands over names and bytes and gets one ``IngestResult`` per page back (the
batch itself is ``services.ingest.pages_ingest``, the one ``ingest_articles`` runs).
Every zip is checked from its directory before a member is read, so a zip bomb (a small archive of countless or huge
members) costs nothing but the directory read.

>>> from io import BytesIO
>>> from zipfile import ZipFile
>>> buffer = BytesIO()
>>> with ZipFile(buffer, "w") as archive:
...     archive.writestr("berita/a.txt", "...")
...     archive.writestr("__MACOSX/berita/._a.txt", "...")
>>> [(page.name, page.error) for page in upload_pages_expand(files=[("kiriman.zip", buffer.getvalue())])]
[('kiriman.zip/berita/a.txt', '')]
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from .ingest.text import MAX_BYTES
from .models import Article
from .services import IngestResult, IngestStatus
from .services.ingest import Page, pages_ingest

logger = logging.getLogger(__name__)

# At most this many pages in one upload, counting every file inside a zip. An upload is one web request: a page takes
# about 7 ms to parse and save and the batch ~1 s to index (528 sample pages: 3.7 s + 1.1 s on 2 cores), so 500
# pages answer well within the 30-60 s a proxy waits. Bigger batches belong to "manage.py ingest_articles".
# settings.DATA_UPLOAD_MAX_NUMBER_FILES must stay above this, or Django answers a bare 400 before our message.
MAX_PAGES = 500
# A page at most as large as ingest accepts (decode_page refuses bigger files; real pages are a few hundred KB).
MAX_PAGE_BYTES = MAX_BYTES
# At most this many bytes in one upload: the files as sent, and again the pages of its zips once unpacked. It bounds
# the memory of a request (the view reads the files whole) and the unpacked size of a zip bomb.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

TXT_SUFFIX = ".txt"
ZIP_SUFFIX = ".zip"


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


def _member_parts(filename: str) -> list[str]:
    """Return the folders and name of a zip entry, with either slash ("a/b.txt", "a\\b.txt")."""
    return [part for part in re.split(r"[\\/]", filename) if part not in ("", ".")]


def _is_member_page_candidate(info: zipfile.ZipInfo) -> bool:
    """Return whether a zip entry is a file the uploader meant: not a folder, macOS metadata or a hidden file.

    A name that climbs out of the zip ("../../x.txt") is meant, and refused by name (see _zip_member).
    """
    parts = _member_parts(info.filename)
    return not info.is_dir() and "__MACOSX" not in parts and not any(
        part.startswith(".") and part != ".." for part in parts
    )


def _is_unsafe_member_name(filename: str) -> bool:
    return filename.startswith(("/", "\\")) or ".." in _member_parts(filename) or re.match(r"^[A-Za-z]:", filename)


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


def _zip_pages(name: str, data: bytes, budget: _Budget) -> list[Page]:
    """Return the pages of one zip, or one failed entry named after the zip when it cannot be opened or is too big."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        logger.debug("Upload %s is not a readable zip", name, exc_info=True)
        return [Page(name, error=_("zip rusak atau bukan zip: berkas ini tidak bisa dibuka"))]
    with archive:
        members = sorted((info for info in archive.infolist() if _is_member_page_candidate(info)),
                         key=lambda info: info.filename)
        pages = [info for info in members if info.filename.lower().endswith(TXT_SUFFIX)]
        unpacked = sum(info.file_size for info in pages)
        if len(members) > MAX_PAGES:
            return [Page(name, error=_(
                "zip berisi %(count)s berkas, lebih dari batas %(max)s per unggahan; tidak ada yang dimuat"
            ) % {"count": len(members), "max": MAX_PAGES})]
        if unpacked > MAX_UPLOAD_BYTES:
            return [Page(name, error=_(
                "isi zip %(size)s setelah dibuka, lebih dari batas %(max)s per unggahan; tidak ada yang dimuat"
            ) % {"size": _megabytes(unpacked), "max": _megabytes(MAX_UPLOAD_BYTES)})]
        if not budget.take(pages=len(members), size=unpacked):
            return [Page(name, error=_over_budget())]
        if not members:
            return [Page(name, error=_("zip tidak berisi berkas .txt"))]
        return [_zip_member(archive, info, f"{name}/{info.filename}") for info in members]


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Page:
    if _is_unsafe_member_name(info.filename):
        return Page(name, error=_("nama berkas menunjuk ke luar zip (mis. '../'); dilewati"))
    if not info.filename.lower().endswith(TXT_SUFFIX):
        return Page(name, error=_("bukan halaman .txt; dilewati"))
    if info.file_size > MAX_PAGE_BYTES:
        return Page(name, error=_too_large(info.file_size))
    if info.flag_bits & 0x1:
        return Page(name, error=_("terkunci kata sandi; dilewati"))
    try:
        # Read one byte past the limit, never more: the directory's size is checked above, and zipfile stops at it.
        with archive.open(info) as member:
            data = member.read(MAX_PAGE_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error):
        logger.debug("Upload member %s is unreadable", name, exc_info=True)
        return Page(name, error=_("tidak bisa dibaca dari zip: berkas rusak atau pemampatan tidak dikenal"))
    if len(data) > MAX_PAGE_BYTES:
        return Page(name, error=_too_large(len(data)))
    return Page(name, data=data)


def upload_pages_expand(*, files: list[tuple[str, bytes]]) -> list[Page]:
    """Return the pages of an upload in order: each .txt file, and the .txt members of each .zip.

    Folders, ``__MACOSX`` and hidden files inside a zip are skipped silently; any other file becomes an entry with
    the reason it is not ingested. A zip is named ``kiriman.zip/folder/page.txt`` in the result.
    """
    budget = _Budget()
    pages: list[Page] = []
    for name, data in files:
        lowered = name.lower()
        if lowered.endswith(ZIP_SUFFIX):
            pages.extend(_zip_pages(name, data, budget))
        elif not lowered.endswith(TXT_SUFFIX):
            pages.append(Page(name, error=_("jenis berkas tidak didukung: unggah berkas .txt atau .zip")))
        elif len(data) > MAX_PAGE_BYTES:
            pages.append(Page(name, error=_too_large(len(data))))
        elif not budget.take(pages=1, size=len(data)):
            pages.append(Page(name, error=_over_budget()))
        else:
            pages.append(Page(name, data=data))
    return pages


def _unexpected_reason(page: Page, error: Exception) -> str:
    logger.exception("Ingesting the uploaded page %s failed", page.name)
    return _("kesalahan tak terduga: %(error)s") % {"error": type(error).__name__}


def uploaded_pages_ingest(*, files: list[tuple[str, bytes]]) -> UploadIngest:
    """Ingest the pages of an upload (see ``upload_pages_expand``) and return one result per page, in order.

    Each page is saved in its own transaction, as by ``ingest_articles``: a bad page is reported and the rest kept.
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
