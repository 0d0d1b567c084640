"""Ingest: raw pages become articles (new, updated or unchanged), one page at a time or as a batch.

``pages_ingest`` is the one batch loop: the ``ingest_articles`` command, the admin upload and ``load_sample_archive``
hand it their pages and read the results as they come; it keeps the per-page error policy and the index batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import islice
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from ..ingest import ParsedArticle, ParseError, parse_article
from ..ingest.entities import EntityExtractor
from ..ingest.fingerprint import Fingerprint, fingerprint
from ..ingest.inputs import page_text
from ..ingest.types import OutletInfo, Page
from ..ingest.urls import canonical_url
from ..models import URL_MAX_LENGTH, Article, ArticleRevision, Outlet, text_sha256
from ..search.ahead import AnalysedText, text_analysed
from ..search.documents import article_document
from ..search.backends import backend
from ..search.indexing import IndexBatch, schedule_index, texts_analysed_ahead
from ..selectors import page_stored
from .clusters import article_cluster_update, articles_cluster_join
from .entities import article_set_entities, articles_replace_entities, articles_set_entities, entity_extractor_build
from .index import index_batch, index_write_ahead

logger = logging.getLogger(__name__)

# Two pages without a URL are one story when their outlet and headline match and their dates lie this close: an
# outlet that corrects a story often stamps it again, hours or a day later; a headline used again after days is
# more likely a new story on the same subject (a running column, a yearly event).
SAME_STORY_WINDOW = timedelta(days=3)
# Pages per index write in a batch ingest (see IngestRun): a write of this many new articles goes through the bulk
# writer into one segment that no save merges (indexing.BULK_FROM), 5,000 documents as the saves' merges of 500-page
# writes used to make them, so a crawl leaves as many segments as before (200 per million pages). Its memory: the
# bulk writer's postings (~100 MB) and the texts analysed ahead (~10 kB each, pickled).
INDEX_EVERY = 5_000


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
        "title_source": parsed.title_source[:20],
        "date_source": parsed.date_source[:20],
        "sources": dict(parsed.sources),
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


def _storable_url(url: str) -> str:
    """Return the canonical URL as the article keeps it: "" for one over URL_MAX_LENGTH bytes (it could not be
    indexed; cut short it could name another page)."""
    if len(url.encode("utf-8")) > URL_MAX_LENGTH:
        logger.warning("URL of %d bytes not kept (over %d): %.100s…", len(url.encode("utf-8")), URL_MAX_LENGTH, url)
        return ""
    return url


def _same_story(*, outlet: Outlet, parsed: ParsedArticle, title: str, url: str) -> Article | None:
    """Return the stored article this page is a copy or a version of, or None for a new story.

    With a URL: the article at that URL. Otherwise (or when no article has it yet) the same outlet and headline
    published within SAME_STORY_WINDOW, the nearest first; an article kept under another URL is another story.
    Undated: one title could be two stories (a column's name), so the text decides, as before issue 13.
    """
    if url:
        by_url = Article.objects.filter(url=url).first()
        if by_url is not None:
            return by_url
    candidates = Article.objects.filter(outlet=outlet, title=title)
    if url:
        candidates = candidates.filter(url="")
    if parsed.published is None:
        return candidates.filter(body=parsed.body).order_by("pk").first()
    near = candidates.filter(published__range=(parsed.published - SAME_STORY_WINDOW,
                                               parsed.published + SAME_STORY_WINDOW))
    # Bounded: a headline repeated more often than this within a week is a column's name, not a story.
    return min(near.order_by("pk")[:20], key=lambda article: (abs(article.published - parsed.published), article.pk),
               default=None)


def _revision_of_article(article: Article) -> ArticleRevision:
    return ArticleRevision(
        article=article, archived_at=article.version_archived_at, fetched_at=article.fetched_at, title=article.title,
        summary=article.summary, published=article.published, body=article.body, source_name=article.source_name,
        source_sha256=article.source_sha256, raw_text=article.raw_text)


def _revision_of_page(article: Article, parsed: ParsedArticle, fields: dict, raw_text: str, sha: str,
                      source_name: str) -> ArticleRevision:
    return ArticleRevision(
        article=article, archived_at=timezone.now(), fetched_at=parsed.fetched_at, title=fields["title"],
        summary=fields["summary"], published=parsed.published, body=fields["body"], source_name=source_name[:300],
        source_sha256=sha, raw_text=raw_text)


def article_save_parsed(*, parsed: ParsedArticle, raw_text: str, source_name: str, print_: Fingerprint | None = None
                        ) -> tuple[Article, IngestStatus]:
    """Save a parsed page: unchanged when this exact text is stored, updated when the same story is, else new.

    The same story (see _same_story) is the article at the page's URL or, without one, the same outlet and headline
    within a few days. What happens then is decided by the clean story (title and body), never by the raw page:

    - The same story text: a copy with other boilerplate. Without URLs the archive keeps the fuller copy (see
      _copy_rank), whichever came first, so ingesting both again, in any order, changes nothing. A page with a URL
      changes nothing, except that an article kept without one learns its URL and fetch time.
    - Another story text: the outlet changed the story. The newer version becomes the article and the other one an
      ArticleRevision, so nothing is lost. Newer is the later ``fetched_at`` when both pages have one, else the one
      that arrives later. An older fetch that arrives after a newer one (a crawl ingested out of order) takes its
      place in the story's history as a revision and the article stays as it is; its status is still "updated".
    A page whose text is stored already, as an article or a revision, is unchanged. ``print_`` is the fingerprint
    of ``parsed.body`` when the caller made it already (a batch's workers do), so it is not made again here.
    """
    return _parsed_save(parsed=parsed, raw_text=raw_text, source_name=source_name, print_=print_)


def _parsed_save(*, parsed: ParsedArticle, raw_text: str, source_name: str, print_: Fingerprint | None = None,
                 outlet: Outlet | None = None, text_new: bool = False, links: list | None = None
                 ) -> tuple[Article, IngestStatus]:
    """article_save_parsed, with what a batch knows already (_Saver._save_batch): the page's ``outlet``, and
    ``text_new`` when no article or revision holds its text (its look-up, two queries a page, is then skipped).
    With ``links`` (a list), the article whose entity links the page changes is appended to it with its parse, for
    the caller to set with the batch's (articles_replace_entities), instead of being set here."""
    sha = text_sha256(raw_text)
    existing = None
    if not text_new:
        existing = Article.objects.filter(source_sha256=sha).first()
        if existing is None:
            revision = ArticleRevision.objects.filter(source_sha256=sha).select_related("article").first()
            existing = revision.article if revision is not None else None
    url = _storable_url(parsed.url)
    if existing is not None:
        if url and not existing.url and not Article.objects.filter(url=url).exists():
            return _article_url_learn(existing, url=url, fetched_at=parsed.fetched_at), IngestStatus.UPDATED
        return existing, IngestStatus.UNCHANGED
    if outlet is None:
        outlet = outlet_get_or_create(info=parsed.outlet)
    fields = _article_fields(parsed)
    story = _same_story(outlet=outlet, parsed=parsed, title=fields["title"], url=url)
    if story is None:
        with transaction.atomic():
            article = Article.objects.create(
                outlet=outlet, source_sha256=sha, raw_text=raw_text, source_name=source_name[:300], url=url,
                fetched_at=parsed.fetched_at, **fields,
            )  # undated: published null and the archive's zone, the model's defaults
            _entities_set(links, article, parsed)
            article_cluster_update(article=article, print_=print_)
        return article, IngestStatus.INGESTED
    if parsed.published is None:
        # A copy of a story an editor has dated since is still that story, and keeps the editor's date.
        for key in ("published", "published_utc_offset", "date_only"):
            del fields[key]
    if (story.title, story.body) == (fields["title"], fields["body"]):
        return _story_copy_save(story=story, parsed=parsed, fields=fields, url=url, raw_text=raw_text, sha=sha,
                                source_name=source_name, print_=print_, links=links)
    if parsed.fetched_at and story.fetched_at and parsed.fetched_at < story.fetched_at:
        if story.revisions.filter(title=fields["title"], body=fields["body"]).exists():
            return story, IngestStatus.UNCHANGED  # this older version is in the story's history already
        _revision_of_page(story, parsed, fields, raw_text, sha, source_name).save()
        return story, IngestStatus.UPDATED
    with transaction.atomic():
        _revision_of_article(story).save()
        _article_replace(story, fields=fields, url=url or story.url, fetched_at=parsed.fetched_at, raw_text=raw_text,
                         sha=sha, source_name=source_name)
        story.archived_at = timezone.now()
        story.save()
        _entities_set(links, story, parsed)
        article_cluster_update(article=story, print_=print_)  # a new version: it may leave its cluster or join another
    return story, IngestStatus.UPDATED


def _entities_set(links: list | None, article: Article, parsed: ParsedArticle) -> None:
    """Set the article's entity links now, or leave them to the batch (see _parsed_save)."""
    if links is None:
        article_set_entities(article=article, people=parsed.people, countries=parsed.countries)
    else:
        links.append((article, parsed))


def _story_copy_save(*, story: Article, parsed: ParsedArticle, fields: dict, url: str, raw_text: str, sha: str,
                     source_name: str, print_: Fingerprint | None, links: list | None) -> tuple[Article, IngestStatus]:
    """Save a page whose story text the article holds already (see article_save_parsed)."""
    if not url and not story.url:
        if _copy_rank(parsed.body, raw_text, sha) <= _copy_rank(story.body, story.raw_text, story.source_sha256):
            return story, IngestStatus.UNCHANGED  # the archive keeps a fuller copy of this story
        with transaction.atomic():
            _article_replace(story, fields=fields, url="", fetched_at=parsed.fetched_at, raw_text=raw_text, sha=sha,
                             source_name=source_name)
            story.save()
            _entities_set(links, story, parsed)
            article_cluster_update(article=story, print_=print_)
        return story, IngestStatus.UPDATED
    if url and not story.url:
        return _article_url_learn(story, url=url, fetched_at=parsed.fetched_at), IngestStatus.UPDATED
    return story, IngestStatus.UNCHANGED


def _article_url_learn(article: Article, *, url: str, fetched_at) -> Article:
    """Give an article kept without a URL the one a copy of its page came with (no other article has it)."""
    article.url, article.fetched_at = url, fetched_at
    article.save(update_fields=["url", "fetched_at", "updated_at"])
    return article


def _article_replace(article: Article, *, fields: dict, url: str, fetched_at, raw_text: str, sha: str,
                     source_name: str) -> None:
    """Set an article's fields to a new copy or version of its story (the caller saves it)."""
    for key, value in fields.items():
        setattr(article, key, value)
    article.url = url
    article.fetched_at = fetched_at
    article.source_sha256 = sha
    article.raw_text = raw_text
    article.source_name = source_name[:300]


def page_ingest(
    *, page: Page, extractor: EntityExtractor, dry_run: bool = False, resume: bool = False
) -> IngestResult:
    """Read one page (raw text, a JSON line's text or HTML, with what its container says), parse it and, unless
    ``dry_run``, save it. Never raises for a bad page: it reports it.

    ``resume``: a page the archive holds already (the same canonical URL and text, as the article or a revision) is
    reported unchanged without being parsed, so a rerun over a crawl that stopped half-way costs a look-up per page
    until it reaches the pages it has not read.
    """
    name = _printable_name(page.source_name or page.name)
    try:
        text, hints = page_text(page)
        if resume and not dry_run:
            stored = page_stored(url=canonical_url(hints.url) if hints else "", sha256=text_sha256(text))
            if stored is not None:
                return IngestResult(name=name, status=IngestStatus.UNCHANGED, article=stored)
        parsed = parse_article(text, source_name=name, entities=extractor, hints=hints)
    except ParseError as error:
        return IngestResult(name=name, status=IngestStatus.FAILED, error=error.reason)
    if dry_run:
        return IngestResult(name=name, status=IngestStatus.INGESTED, parsed=parsed)
    article, status = article_save_parsed(parsed=parsed, raw_text=text, source_name=name)
    return IngestResult(name=name, status=status, parsed=parsed, article=article)


def unexpected_reason(page: Page, error: Exception) -> str:
    """Return the reason a report gives for a page whose ingest raised (for operators: the error as Python has it)."""
    logger.debug("Ingesting %s failed", page.name, exc_info=True)
    return f"unexpected {type(error).__name__}: {error}"


# Pages read and parsed in worker processes when a run has this many or more: fewer are parsed here (forking the
# workers and sending them the pages costs more than parsing a few dozen pages, ~2.5 ms each).
PARALLEL_FROM = 50
# Pages sent to the workers at a time, and windows in flight at most (the next ones are parsed while this one is
# saved, and while the index batch's segment is written out and committed: ~15 s for 5,000 articles, in which the
# workers parse about 2,000 pages): memory holds WINDOWS_AHEAD windows of parsed pages (~25 kB each and ~10 kB of
# analysed texts: ~70 MB), whatever the crawl.
WINDOW = 256
WINDOWS_AHEAD = 8
WORKER_CHUNK = 16
# How long a window of pages may take its workers: far beyond any window's parse (256 pages of at most 5 MB), so only a
# worker that died leaves it waiting that long.
WINDOW_SECONDS = 600
# Pages saved per transaction: new stories with a handful of queries for the batch (not ~18 per page). Under
# clusters.IN_MAX, so a batch's ids fit in one IN (...).
SAVE_EVERY = 250


@dataclass
class _Prepared:
    """What can be known of a page without the database: its text, digest and container URL (``read``), its parse
    with entities and its fingerprint, or why it failed (``error``; ``unexpected`` when the reader or parser raised
    something else than ParseError). Sent back from the workers, so it carries no Page (its bytes)."""

    name: str
    read: bool = False
    text: str = ""
    sha: str = ""
    container_url: str = ""
    parsed: ParsedArticle | None = None
    print_: Fingerprint | None = None
    error: str = ""
    unexpected: bool = False
    stored: Article | None = None  # a resumed run: the article that holds this page already (found before parsing)
    analysis: AnalysedText | None = None  # its document's texts analysed for the index (search/ahead.py)


@dataclass
class _Preparer:
    """Read, parse and fingerprint one page (pure: runs in a worker process as well as here)."""

    extractor: EntityExtractor
    unexpected: Callable[[Page, Exception], str]
    fingerprinted: bool = True
    analysed: bool = False

    def __call__(self, page: Page) -> _Prepared:
        prepared = _Prepared(name=_printable_name(page.source_name or page.name))
        if page.error:
            return prepared
        try:
            text, hints = page_text(page)
            prepared.container_url = canonical_url(hints.url) if hints else ""
            prepared.text, prepared.sha, prepared.read = text, text_sha256(text), True
            prepared.parsed = parse_article(text, source_name=prepared.name, entities=self.extractor, hints=hints)
            if self.fingerprinted:
                prepared.print_ = fingerprint(prepared.parsed.body)
            if self.analysed:
                prepared.analysis = _analysis(prepared)
        except ParseError as error:
            prepared.error = error.reason
        except Exception as error:  # One broken page must not stop the batch: report it, keep the rest.
            prepared.parsed, prepared.error, prepared.unexpected = None, self.unexpected(page, error), True
        return prepared


def _analysis(prepared: _Prepared) -> AnalysedText | None:
    """Return the page's texts analysed for the index, or None when that fails: the analysis ahead only saves the index
    write some time (it analyses the article's row itself), so it never costs a page that parsed."""
    try:
        return text_analysed(*_document_texts(prepared.parsed))
    except Exception as error:  # noqa: BLE001 - see above
        logger.warning("%s: the index analysis ahead failed (%s: %s); the index write analyses it",
                       prepared.name, type(error).__name__, error)
        return None


def _document_texts(parsed: ParsedArticle) -> tuple[str, str]:
    """Return the title and content text of the index document of the article this parse is saved as (new, or the
    new version of a story): article_document's, over the fields the article takes (_article_fields)."""
    fields = _article_fields(parsed)
    article = SimpleNamespace(pk=0, updated_at=None, outlet=SimpleNamespace(slug=""), cluster=0, published=None,
                              title=fields["title"], summary=fields["summary"], body=fields["body"],
                              captions=fields["captions"])
    document = article_document(article, people=(), countries=())
    return document["title"], document["content"]


# The preparer the worker processes inherit when they fork (sent once, not with every page).
_worker_preparer: _Preparer | None = None


def _worker_prepare(page: Page) -> _Prepared:
    return _worker_preparer(page)


def _prepared_pages(pages: Iterable[Page], preparer: _Preparer, *, resume: bool = False
                    ) -> Generator[tuple[Page, _Prepared], None, None]:
    """Yield (page, its preparation) in the pages' order. From PARALLEL_FROM pages on, in os.cpu_count() worker
    processes (fork: they inherit the extractor built from the database), a WINDOW of pages at a time, up to
    WINDOWS_AHEAD of them in flight while the caller saves and indexes the previous ones. ``resume``: pages the
    archive holds already are found first and not parsed (see _already_stored)."""
    global _worker_preparer
    pages = iter(pages)
    first = list(islice(pages, PARALLEL_FROM))
    workers = os.cpu_count() or 1
    if len(first) < PARALLEL_FROM or workers < 2:
        while window := first or list(islice(pages, WINDOW)):
            first = []
            known = _already_stored(window) if resume else {}
            for number, page in enumerate(window):
                yield page, known[number] if number in known else preparer(page)
        return
    _worker_preparer = preparer
    # The children never touch the database: the parent's connection they inherit stays unused (they end with
    # os._exit, closing nothing).
    with multiprocessing.get_context("fork").Pool(workers) as pool:

        def sent(window: list[Page]):
            known = _already_stored(window) if resume else {}
            parsing = [page for number, page in enumerate(window) if number not in known]
            return known, pool.map_async(_worker_prepare, parsing, chunksize=WORKER_CHUNK)

        window = first + list(islice(pages, WINDOW - len(first)))
        in_flight = deque([(window, sent(window))])
        while in_flight:
            while len(in_flight) < WINDOWS_AHEAD and (following := list(islice(pages, WINDOW))):
                in_flight.append((following, sent(following)))
            window, (known, parsing) = in_flight.popleft()
            try:
                parsed = iter(parsing.get(timeout=WINDOW_SECONDS))
            except multiprocessing.TimeoutError:
                # A worker killed mid-page (out of memory, a crash in C code) never answers, and the pool waits for
                # ever (CPython's bpo-22393): the rest is parsed here instead, the windows in hand first.
                logger.warning("The parse workers gave no answer in %d s (one died?); parsing in this process",
                               WINDOW_SECONDS)
                pool.terminate()
                for number, page in enumerate(window):
                    yield page, known[number] if number in known else preparer(page)
                for following, (known, _parsing) in in_flight:
                    for number, page in enumerate(following):
                        yield page, known[number] if number in known else preparer(page)
                while following := list(islice(pages, WINDOW)):
                    known = _already_stored(following) if resume else {}
                    for number, page in enumerate(following):
                        yield page, known[number] if number in known else preparer(page)
                return
            for number, page in enumerate(window):
                yield page, known[number] if number in known else next(parsed)


def _already_stored(window: list[Page]) -> dict[int, _Prepared]:
    """Return {position: preparation} for the pages of a resumed run the archive holds already (the same canonical
    URL and text, as the article or a revision): read here (decoding raw text costs little) and never parsed, so a
    rerun over a crawl that stopped half-way costs a few queries per batch until it reaches the pages it has not
    read. HTML pages, and pages that cannot be read, are left to the parse (it reads them)."""
    read: dict[int, _Prepared] = {}
    for number, page in enumerate(window):
        if page.error or page.html is not None:
            continue
        try:
            text, hints = page_text(page)
            url = canonical_url(hints.url) if hints else ""
        except Exception:  # reported by the parse, which reads it again
            continue
        read[number] = _Prepared(name=_printable_name(page.source_name or page.name), read=True, text=text,
                                 sha=text_sha256(text), container_url=url)
    stored = _stored_find(read)
    for number, article in stored.items():
        read[number].stored = article
    return {number: read[number] for number in stored}


def _stored_find(prepared: dict[int, _Prepared]) -> dict[int, Article]:
    """Return {position: article} for the read pages the archive holds already (see selectors.page_stored): two
    queries for a batch."""
    shas = list({item.sha for item in prepared.values()})
    if not shas:
        return {}
    articles = {article.source_sha256: article
                for article in Article.objects.filter(source_sha256__in=shas).select_related("outlet")}
    revisions = list(ArticleRevision.objects.filter(source_sha256__in=shas).select_related("article__outlet"))
    stored = {}
    for number, item in prepared.items():
        url, article = item.container_url, articles.get(item.sha)
        if article is None or (url and article.url != url):
            article = next((revision.article for revision in revisions if revision.source_sha256 == item.sha
                            and (not url or revision.article.url == url)), None)
        if article is not None:
            stored[number] = article
    return stored


class _Saver:
    """Save a batch of prepared pages (see IngestRun): each result as page-by-page ingest would give it.

    New stories (no stored article or revision with their text, URL or outlet and headline, and none earlier in the
    batch) are inserted together: the batch's outlets, the stored texts, URLs and headlines it could match are read
    with a query each, and the articles, their links, bands and index queue entries are bulk inserted. Every other
    page goes through article_save_parsed, in its place in the order (the new pages before it are inserted first),
    in a savepoint of its own. If a bulk write fails, the batch is saved again page by page, so only a bad page
    fails.
    """

    def __init__(self, *, dry_run: bool, resume: bool, unexpected: Callable[[Page, Exception], str]) -> None:
        self.dry_run, self.resume, self.unexpected = dry_run, resume, unexpected
        self.bulk_saved = self.one_by_one = 0  # pages saved each way, for a measure of the run

    def save(self, chunk: list[tuple[Page, _Prepared]]) -> list[IngestResult]:
        results: list[IngestResult | None] = [None] * len(chunk)
        stored = self._stored(chunk) if self.resume and not self.dry_run else {}
        for number, (page, prepared) in enumerate(chunk):
            name = page.name if page.source_name or prepared.unexpected else prepared.name
            if page.error:
                results[number] = IngestResult(name=page.name, status=IngestStatus.FAILED, error=page.error)
            elif number in stored:
                results[number] = IngestResult(name=name, status=IngestStatus.UNCHANGED, article=stored[number])
            elif prepared.parsed is None:
                results[number] = IngestResult(name=name, status=IngestStatus.FAILED, error=prepared.error)
            elif self.dry_run:
                results[number] = IngestResult(name=name, status=IngestStatus.INGESTED, parsed=prepared.parsed)
        todo = [number for number, result in enumerate(results) if result is None]
        if todo:
            try:
                with transaction.atomic():
                    self._save_batch(chunk, todo, results)
            except Exception:
                logger.warning("A batch write of %d pages failed; saving them one by one", len(todo), exc_info=True)
                for number in todo:
                    results[number] = self._save_one(*chunk[number])
        return results

    def _stored(self, chunk: list[tuple[Page, _Prepared]]) -> dict[int, Article]:
        """Return {position: article} for the pages of a resumed run the archive holds already: found before the
        parse (_already_stored), or, for HTML pages, now."""
        found = {number: prepared.stored for number, (_, prepared) in enumerate(chunk) if prepared.stored is not None}
        return found | _stored_find({number: prepared for number, (page, prepared) in enumerate(chunk)
                                     if prepared.read and not page.error and number not in found})

    def _save_one(self, page: Page, prepared: _Prepared, *, outlet: Outlet | None = None,
                  text_new: bool = False, links: list | None = None) -> IngestResult:
        """Save one page as article_save_parsed does, in a savepoint of its own (see _parsed_save for the rest;
        ``links`` gets its entity links to set only when its savepoint commits)."""
        name = page.name if page.source_name else prepared.name
        own_links = None if links is None else []
        try:
            with transaction.atomic():
                article, status = _parsed_save(parsed=prepared.parsed, raw_text=prepared.text,
                                               source_name=prepared.name, print_=prepared.print_, outlet=outlet,
                                               text_new=text_new, links=own_links)
        except Exception as error:  # One broken page must not stop the batch: report it, keep the rest.
            return IngestResult(name=page.name, status=IngestStatus.FAILED, error=self.unexpected(page, error))
        if links is not None:
            links += own_links
        self.one_by_one += 1
        return IngestResult(name=name, status=status, parsed=prepared.parsed, article=article)

    def _save_batch(self, chunk: list[tuple[Page, _Prepared]], todo: list[int],
                    results: list[IngestResult | None]) -> None:
        parsed = {number: chunk[number][1].parsed for number in todo}
        outlets = _outlets_get_or_create([info for info in {item.outlet.slug: item.outlet
                                                            for item in parsed.values()}.values()])
        urls = {number: _storable_url(item.url) for number, item in parsed.items()}
        stories = {number: (outlets[item.outlet.slug].pk, item.title[:500]) for number, item in parsed.items()}
        known_shas, known_urls, known_stories = _stored_keys(
            shas=[chunk[number][1].sha for number in todo], urls=[url for url in urls.values() if url],
            stories=list(stories.values()))
        new: list[int] = []
        # The entity links of the pages saved one by one, set together (articles_replace_entities) before the next
        # new pages' (people are created in the same order as page by page) and at the end: 5-6 queries a page less.
        links: list[tuple[Article, ParsedArticle]] = []
        for number in todo:
            prepared, url, story = chunk[number][1], urls[number], stories[number]
            published = prepared.parsed.published
            if prepared.sha in known_shas or (url and url in known_urls) or \
                    _may_be_same_story(known_stories.get(story, ()), url=url, published=published):
                if new:
                    articles_replace_entities(articles=links)
                    links = []
                self._create(chunk, new, outlets, urls, results)
                new = []
                # Its text is none the archive held before the batch (_stored_keys) nor one of the pages before.
                result = results[number] = self._save_one(*chunk[number], outlet=outlets[prepared.parsed.outlet.slug],
                                                          text_new=prepared.sha not in known_shas, links=links)
                article = result.article
                if article is not None:  # what it is now may be what a later page of the batch matches
                    known_urls.add(article.url)
                    known_stories.setdefault((article.outlet_id, article.title), []).append(
                        (article.url, article.published))
            else:
                new.append(number)
            known_shas.add(prepared.sha)
            if url:
                known_urls.add(url)
            known_stories.setdefault(story, []).append((url, published))
        articles_replace_entities(articles=links)
        self._create(chunk, new, outlets, urls, results)

    def _create(self, chunk: list[tuple[Page, _Prepared]], numbers: list[int], outlets: dict[str, Outlet],
                urls: dict[int, str], results: list[IngestResult | None]) -> None:
        """Insert these new stories (see article_save_parsed: a story it finds no article for)."""
        if not numbers:
            return
        articles = []
        for number in numbers:
            prepared = chunk[number][1]
            parsed = prepared.parsed
            articles.append(Article(
                outlet=outlets[parsed.outlet.slug], source_sha256=prepared.sha, raw_text=prepared.text,
                source_name=prepared.name[:300], url=urls[number], fetched_at=parsed.fetched_at,
                **_article_fields(parsed)))
        Article.objects.bulk_create(articles)
        articles_set_entities(articles=[(article, chunk[number][1].parsed) for article, number
                                        in zip(articles, numbers, strict=True)])
        articles_cluster_join(prints=[(article, chunk[number][1].print_ or fingerprint(article.body))
                                      for article, number in zip(articles, numbers, strict=True)])
        for article, number in zip(articles, numbers, strict=True):
            page, prepared = chunk[number]
            results[number] = IngestResult(name=page.name if page.source_name else prepared.name,
                                           status=IngestStatus.INGESTED, parsed=prepared.parsed, article=article)
        self.bulk_saved += len(articles)


def _outlets_get_or_create(infos: list[OutletInfo]) -> dict[str, Outlet]:
    """Return {slug: outlet} for these outlets, creating the missing ones (one query when all exist)."""
    found = {outlet.slug: outlet for outlet in Outlet.objects.filter(slug__in=[info.slug for info in infos])}
    for info in infos:
        if info.slug not in found:
            found[info.slug] = outlet_get_or_create(info=info)
    return found


def _stored_keys(*, shas: list[str], urls: list[str], stories: list[tuple[int, str]]
                 ) -> tuple[set[str], set[str], dict[tuple[int, str], list[tuple[str, datetime | None]]]]:
    """Return which of these page texts (as an article or a revision) and URLs the archive holds, and the URL and
    date of its articles under these (outlet id, headline) pairs: a page that may match one (_may_be_same_story) may
    be a copy or a version of a stored story, and article_save_parsed decides. Four queries for a batch
    (SAVE_EVERY is under IN_MAX)."""
    known_shas = set(Article.objects.filter(source_sha256__in=shas).values_list("source_sha256", flat=True))
    known_shas |= set(ArticleRevision.objects.filter(source_sha256__in=shas).values_list("source_sha256", flat=True))
    known_urls = set(Article.objects.filter(url__in=urls).values_list("url", flat=True)) if urls else set()
    wanted = set(stories)
    known_stories: dict[tuple[int, str], list[tuple[str, datetime | None]]] = {}
    for outlet, title, url, published in Article.objects.filter(
        outlet_id__in={outlet for outlet, _ in stories}, title__in={title for _, title in stories}
    ).values_list("outlet_id", "title", "url", "published"):
        if (outlet, title) in wanted:
            known_stories.setdefault((outlet, title), []).append((url, published))
    return known_shas, known_urls, known_stories


def _may_be_same_story(stored: Iterable[tuple[str, datetime | None]], *, url: str, published: datetime | None
                       ) -> bool:
    """Return whether _same_story could find one of these articles (URL and date, same outlet and headline) for a
    page: an article under another URL is another story, and a dated page looks within SAME_STORY_WINDOW (an undated
    one compares texts: any may be it)."""
    return any((not url or not other_url) and (
        published is None or (other is not None and abs(other - published) <= SAME_STORY_WINDOW))
        for other_url, other in stored)


class IngestRun:
    """A batch ingest: iterate it for one ``IngestResult`` per page, in order, as their batch of pages is saved.

    Pages are read and parsed (entities, digest and fingerprint too: pure work) in worker processes when there are
    PARALLEL_FROM pages or more (see _prepared_pages), and saved SAVE_EVERY at a time: new stories with a handful of
    queries per batch (bulk inserts of articles, links, bands and index queue), the rest (copies, updates, pages the
    archive holds) one by one as before (see _Saver). A page that cannot be read or parsed, or whose save raises, is
    reported with its name and reason and the rest of the batch is kept. The search index is written with one writer
    per INDEX_EVERY pages and after the last (a commit per article costs ~50 ms each), from the texts the workers
    analysed (search/ahead.py) and, for that many pages, with the bulk writer: each saved chunk's documents are added
    to the batch's segment as the workers parse on, and the batch's end commits it (indexing.write_ahead). Until then
    the index queue holds their articles: a run killed before a commit leaves them owed, and the next run writes them
    first.

    After the loop ``counts`` holds the results per status and ``index`` the index writes (``index.problem`` is ""
    when they succeeded, else the articles stay queued for ``rebuild_index --repair``).
    """

    def __init__(self, *, pages: Iterable[Page], dry_run: bool, reindex_unchanged: bool, resume: bool,
                 unexpected: Callable[[Page, Exception], str]) -> None:
        self.pages = pages
        self.dry_run = dry_run
        self.resume = resume
        self.reindex_unchanged = reindex_unchanged
        self.unexpected = unexpected
        self.counts = {status: 0 for status in IngestStatus}
        self._batches: list[IndexBatch] = []

    @property
    def index(self) -> IndexBatch:
        """The run's index writes as one: every article written, and the first failure ("" when none failed)."""
        ids = sorted({pk for batch in self._batches for pk in batch.ids})
        return IndexBatch(ids=ids, problem=next((batch.problem for batch in self._batches if batch.problem), ""))

    def __iter__(self) -> Iterator[IngestResult]:
        extractor = entity_extractor_build()  # before the workers fork: they inherit it
        # Not a dry run: the workers also analyse each page's texts for the Whoosh index (search/ahead.py), in
        # parallel, which its write takes instead of analysing them in this process. The PostgreSQL engine writes its
        # rows in the saves' transactions from their own analysis, so none is made ahead for it.
        ahead = not self.dry_run and not backend().writes_in_transaction
        preparer = _Preparer(extractor, self.unexpected, fingerprinted=not self.dry_run, analysed=ahead)
        prepared = _prepared_pages(self.pages, preparer, resume=self.resume and not self.dry_run)
        saver = _Saver(dry_run=self.dry_run, resume=self.resume, unexpected=self.unexpected)
        try:
            while True:
                # A batch of pages per index write: a crawl of a million pages is searchable as it goes, and the
                # writer's memory (Whoosh pools a batch's postings) stays that of one batch.
                with index_batch(streamed=True) as batch:
                    if not any(seen is batch for seen in self._batches):  # inside a caller's batch: the caller's
                        self._batches.append(batch)
                    done = yield from self._batch(islice(prepared, INDEX_EVERY), saver)
                if done < INDEX_EVERY:
                    return
        finally:
            prepared.close()  # stops the worker processes when the caller stops early

    def _batch(self, pages: Iterator[_Prepared], saver: _Saver) -> Generator[IngestResult, None, int]:
        unchanged: list[int] = []
        done = 0
        while chunk := list(islice(pages, SAVE_EVERY)):
            results = saver.save(chunk)
            texts_analysed_ahead({result.article.pk: prepared.analysis
                                  for (_page, prepared), result in zip(chunk, results, strict=True)
                                  if prepared.analysis is not None and result.article is not None
                                  and result.status in (IngestStatus.INGESTED, IngestStatus.UPDATED)})
            # The saved articles' documents go to the batch's index write now, while the workers parse the next
            # windows, rather than all at the batch's end with the workers idle.
            index_write_ahead()
            for result in results:
                self.counts[result.status] += 1
                if result.status == IngestStatus.UNCHANGED and result.article is not None:
                    unchanged.append(result.article.pk)
                done += 1
                yield result
        if self.reindex_unchanged:
            # Pages stored before, whose documents the index lacks or holds older (an index restored from a
            # backup, a run killed before this version queued its articles): a re-run brings them level too.
            schedule_index(backend().drifted(unchanged))
        return done


def pages_ingest(
    *, pages: Iterable[Page], dry_run: bool = False, reindex_unchanged: bool = False, resume: bool = False,
    unexpected: Callable[[Page, Exception], str] = unexpected_reason,
) -> IngestRun:
    """Return the batch ingest of these pages (see IngestRun); nothing happens until it is iterated.

    ``dry_run`` parses and saves nothing. ``reindex_unchanged`` also writes the documents of unchanged pages that
    the index lacks or holds older. ``resume`` reports pages the archive holds already unchanged without parsing
    them (see page_ingest). ``unexpected`` logs a page whose ingest raised and returns its reason.
    """
    return IngestRun(pages=pages, dry_run=dry_run, reindex_unchanged=reindex_unchanged, resume=resume,
                     unexpected=unexpected)
