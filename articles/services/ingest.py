"""Ingest: raw pages become articles (new, updated or unchanged), one page at a time or as a batch.

``pages_ingest`` is the one batch loop: the ``ingest_articles`` command, the admin upload and ``load_sample_archive``
hand it their pages and read the results as they come; it keeps the per-page error policy and the index batch.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.db import transaction

from ..ingest import ParsedArticle, ParseError, decode_page, parse_article
from ..ingest.entities import EntityExtractor
from ..ingest.text import MAX_BYTES
from ..ingest.types import OutletInfo, Page
from ..models import Article, Outlet
from ..search.indexing import IndexBatch, index_drifted, schedule_index
from .entities import article_set_entities, entity_extractor_build
from .index import index_batch

logger = logging.getLogger(__name__)


class IngestStatus(StrEnum):
    INGESTED = "ingested"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    FAILED = "failed"


@dataclass
class IngestResult:
    """What happened to one file: its status, the article (when saved) or the parse (dry run), or the reason."""

    name: str
    status: IngestStatus
    parsed: ParsedArticle | None = None
    article: Article | None = None
    error: str = ""


def outlet_get_or_create(*, info: OutletInfo) -> Outlet:
    outlet, _ = Outlet.objects.get_or_create(slug=info.slug, defaults={"name": info.name, "domain": info.domain})
    return outlet


def _article_fields(parsed: ParsedArticle) -> dict:
    return {
        "title": parsed.title[:500],
        "summary": parsed.summary,
        "published": parsed.published,
        "published_utc_offset": (
            int(parsed.published.utcoffset().total_seconds() // 60) if parsed.published
            else Article._meta.get_field("published_utc_offset").get_default()  # the archive's zone, WIB
        ),
        "date_only": parsed.date_only,
        "author": parsed.author[:300],
        "editor": parsed.editor[:300],
        "dateline": parsed.dateline[:100],
        "body": parsed.body,
        "captions": parsed.captions,
    }


def _copy_rank(body: str, raw_text: str, sha: str) -> tuple[int, int, str]:
    """Order the copies of one story: the longer story text, then the longer page, then the digest (any order of
    its own will do: it makes the choice independent of the order the copies arrive in)."""
    return len(body), len(raw_text), sha


def _printable_name(name: str) -> str:
    """Return a file name that can be stored and printed: bytes that were not UTF-8 (kept by the file system's
    decoding as lone surrogates) become U+FFFD."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def article_save_parsed(*, parsed: ParsedArticle, raw_text: str, source_name: str) -> tuple[Article, IngestStatus]:
    """Save a parsed page: unchanged when this exact text is stored, updated when the same story is, else new.

    The same story is the same outlet, title and publication time (undated: the same text): a page saved again with
    other boilerplate. Of two copies the archive keeps the one with the longer text, then the longer page (see
    _copy_rank), whichever came first: ingesting both again, in any order, changes nothing.
    """
    sha = hashlib.sha256(raw_text.encode("utf-8")).hexdigest()
    existing = Article.objects.filter(source_sha256=sha).first()
    if existing is not None:
        return existing, IngestStatus.UNCHANGED
    outlet = outlet_get_or_create(info=parsed.outlet)
    fields = _article_fields(parsed)
    same_story = Article.objects.filter(outlet=outlet, title=fields["title"])
    if parsed.published is None:
        # Undated: one title could be two stories (a column's name), so the text decides; a copy of a story an
        # editor has dated since is still that story, and keeps the editor's date.
        same_story = same_story.filter(body=parsed.body)
        for key in ("published", "published_utc_offset", "date_only"):
            del fields[key]
    else:
        same_story = same_story.filter(published=parsed.published)
    same_story = same_story.first()
    if same_story is not None and _copy_rank(parsed.body, raw_text, sha) <= _copy_rank(
        same_story.body, same_story.raw_text, same_story.source_sha256
    ):
        return same_story, IngestStatus.UNCHANGED  # the archive keeps a fuller copy of this story
    with transaction.atomic():
        if same_story is not None:
            for key, value in fields.items():
                setattr(same_story, key, value)
            same_story.source_sha256 = sha
            same_story.raw_text = raw_text
            same_story.source_name = source_name[:300]
            same_story.save()
            article, status = same_story, IngestStatus.UPDATED
        else:
            article = Article.objects.create(
                outlet=outlet, source_sha256=sha, raw_text=raw_text, source_name=source_name[:300], **fields
            )  # undated: published null and the archive's zone, the model's defaults
            status = IngestStatus.INGESTED
        article_set_entities(article=article, people=parsed.people, countries=parsed.countries)
    return article, status


def page_ingest(
    *, data: bytes, source_name: str, extractor: EntityExtractor, dry_run: bool = False, size: int | None = None
) -> IngestResult:
    """Parse one raw page file and, unless ``dry_run``, save it. Never raises for a bad page: it reports it.

    ``size`` is the file's size when ``data`` holds only its start (a file over the limit is not read whole).
    """
    source_name = _printable_name(source_name)
    try:
        text = decode_page(data, size=size)
        parsed = parse_article(text, source_name=source_name, entities=extractor)
    except ParseError as error:
        return IngestResult(name=source_name, status=IngestStatus.FAILED, error=error.reason)
    if dry_run:
        return IngestResult(name=source_name, status=IngestStatus.INGESTED, parsed=parsed)
    article, status = article_save_parsed(parsed=parsed, raw_text=text, source_name=source_name)
    return IngestResult(name=source_name, status=status, parsed=parsed, article=article)


def file_pages(paths: Iterable[Path]) -> Iterator[Page]:
    """Yield the page of each file in turn, read only when the batch reaches it; the article keeps the file's name.

    A file over the limit is refused by decode_page; reading only its first bytes spares the memory.
    """
    for path in paths:
        try:
            size = path.stat().st_size
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            yield Page(str(path), error=f"cannot read: {error.strerror}")
            continue
        yield Page(str(path), data=data, size=size, source_name=path.name)


def unexpected_reason(page: Page, error: Exception) -> str:
    """Return the reason a report gives for a page whose ingest raised (for operators: the error as Python has it)."""
    logger.debug("Ingesting %s failed", page.name, exc_info=True)
    return f"unexpected {type(error).__name__}: {error}"


class IngestRun:
    """A batch ingest: iterate it for one ``IngestResult`` per page, in order, each as soon as its page is done.

    Each page is saved in its own transaction; a page that cannot be read or parsed, or whose ingest raises, is
    reported with its name and reason and the rest of the batch is kept. The search index is written once, with one
    writer, after the last page (a commit per article costs ~50 ms each). Until then the index queue holds the
    batch's articles: a run killed before the write leaves them owed, and the next run writes them first.

    After the loop ``counts`` holds the results per status and ``index`` the index write (``index.problem`` is ""
    when it succeeded, else the articles stay queued for ``rebuild_index --repair``).
    """

    def __init__(self, *, pages: Iterable[Page], dry_run: bool, reindex_unchanged: bool,
                 unexpected: Callable[[Page, Exception], str]) -> None:
        self.pages = pages
        self.dry_run = dry_run
        self.reindex_unchanged = reindex_unchanged
        self.unexpected = unexpected
        self.counts = {status: 0 for status in IngestStatus}
        self.index = IndexBatch()

    def __iter__(self) -> Iterator[IngestResult]:
        extractor = entity_extractor_build()
        unchanged: list[int] = []
        with index_batch() as self.index:
            for page in self.pages:
                result = self._ingest(page, extractor)
                self.counts[result.status] += 1
                if result.status == IngestStatus.UNCHANGED and result.article is not None:
                    unchanged.append(result.article.pk)
                yield result
            if self.reindex_unchanged:
                # Pages stored before, whose documents the index lacks or holds older (an index restored from a
                # backup, a run killed before this version queued its articles): a re-run brings them level too.
                schedule_index(index_drifted(unchanged))

    def _ingest(self, page: Page, extractor: EntityExtractor) -> IngestResult:
        if page.error:
            return IngestResult(name=page.name, status=IngestStatus.FAILED, error=page.error)
        try:
            result = page_ingest(data=page.data, source_name=page.source_name or page.name, extractor=extractor,
                                 dry_run=self.dry_run, size=page.size)
        except Exception as error:  # One broken page must not stop the batch: report it, keep the rest.
            return IngestResult(name=page.name, status=IngestStatus.FAILED, error=self.unexpected(page, error))
        if page.source_name:
            result.name = page.name
        return result


def pages_ingest(
    *, pages: Iterable[Page], dry_run: bool = False, reindex_unchanged: bool = False,
    unexpected: Callable[[Page, Exception], str] = unexpected_reason,
) -> IngestRun:
    """Return the batch ingest of these pages (see IngestRun); nothing happens until it is iterated.

    ``dry_run`` parses and saves nothing. ``reindex_unchanged`` also writes the documents of unchanged pages that
    the index lacks or holds older. ``unexpected`` logs a page whose ingest raised and returns its reason.
    """
    return IngestRun(pages=pages, dry_run=dry_run, reindex_unchanged=reindex_unchanged, unexpected=unexpected)
