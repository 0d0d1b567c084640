"""An HTML page -> the text our parser reads, and the metadata the page declares about itself (issue 13).

The main text comes from trafilatura, which removes navigation, footers and related-story lists by the page's
structure and falls back to readability and jusText where that fails; it is maintained, fast on lxml, and scored
among the best extractors on news pages. It never fetches here: it is given the bytes, and the URL only as a name.
The metadata is read first and by us, from the places outlets put it (Open Graph and ``article:`` meta, JSON-LD
``NewsArticle``, ``<link rel=canonical>``), with trafilatura's own reading (htmldate for the date) as the fallback.

The text is laid out as a saved page is: the headline, the date as a date line, then the paragraphs, so that
``read_page`` finds each where it looks for it:

    Warga Bergotong Royong Bersihkan Irigasi
    Senin, 4 Maret 2024 09:15 WIB

    KUDUS - Ratusan warga ...
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urljoin

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import use_config

from articles.calendar import DAYS_ID, MONTHS_ID

from .dates import DEFAULT_ZONE, MAX_YEAR_AHEAD, MIN_YEAR
from .outlets import is_outlet_name
from .text import MAX_BYTES
from .types import PageHints, ParseError
from .urls import canonical_url, registrable_domain

# JSON-LD blocks read per page, and the largest read: a news page has one to three, a few KB each.
_MAX_JSON_LD_BLOCKS = 20
_MAX_JSON_LD_CHARS = 500_000
_ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                            "opinionnewsarticle", "reportage", "webpage"})
# Fewer words than this is a menu or a cookie notice the extractor fell back to: the shortest briefs have more.
_MIN_WORDS = 20
# A headline's site suffix: "Judul Berita - Kompas.com", "Judul | Tempo.co", "Judul – Harian Contoh".
_TITLE_SUFFIX = re.compile(r"^(?P<title>.{8,}?)\s+[-|–—:·•]\s+(?P<site>[^-|–—]{2,60})$")


def _extractor_config():
    """Return trafilatura's settings for a server: no alarm-based timeout (signals only work in the main thread,
    and a web worker is not it: our own size limit bounds the work), and short stories kept (a brief of three
    paragraphs is still an article; trafilatura's default asks for 250 characters)."""
    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "120")
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_BYTES))
    return config


_CONFIG = _extractor_config()


def read_html(html: bytes, *, url: str = "") -> tuple[str, PageHints]:
    """Return the page text of an HTML page for ``read_page`` and the metadata it declares, as PageHints with
    source "html"; raise ParseError when the HTML is too large or holds no article text.

    ``url`` is where the page was fetched from; the page's own canonical URL replaces it when both name the same
    site (an AMP copy names its original).
    """
    if len(html) > MAX_BYTES:
        raise ParseError(f"HTML too large: {len(html) / 1_048_576:.1f} MB, the limit is {MAX_BYTES // 1_048_576} MB")
    tree = _tree(html)
    meta = _metadata(tree, url=url)
    document = trafilatura.bare_extraction(
        lxml_html.tostring(tree), url=canonical_url(url) or None, with_metadata=True, include_comments=False,
        include_tables=True, include_images=False, include_links=False, config=_CONFIG,
    )
    body = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if len(body.split()) < _MIN_WORDS:
        raise ParseError(f"no article text in the HTML: {len(body.split())} words after removing navigation and "
                         f"boilerplate, an article has at least {_MIN_WORDS}")
    title = meta["title"] or _strip_site(getattr(document, "title", None) or "", meta["site"])
    # htmldate's day, found in the page's visible text or its URL when no meta tag gives a time, goes into the date
    # line only: read_page then reads it as a date without a time (date_only), as the page shows it.
    day = _date_only(getattr(document, "date", None) or "")
    hints = PageHints(
        url=_page_url(meta["canonical"], url),
        title=title,
        published=meta["published"],
        author=meta["author"] or _author(getattr(document, "author", None) or ""),
        outlet_name=meta["site"] or (getattr(document, "sitename", None) or "").strip(),
        source="html",
    )
    return _page_text(title, meta["published"] or day, body), hints


def _tree(html: bytes):
    """Return the parsed page; raise ParseError for bytes that are no HTML at all."""
    if not html.strip():
        raise ParseError("empty HTML page")
    tree = trafilatura.utils.load_html(html)
    if tree is None:
        raise ParseError("not an HTML page: the parser found no document in it")
    return tree


def _metadata(tree, *, url: str) -> dict:
    """Return what the page's meta tags and JSON-LD declare: title, published, author, site, canonical."""
    metas = _meta_tags(tree)
    article = _json_ld_article(tree)
    site = metas.get("og:site_name") or _name(article.get("publisher")) or ""
    title = metas.get("og:title") or _text(article.get("headline")) or metas.get("twitter:title") or ""
    if not title:
        title = " ".join(" ".join(tree.xpath("//title//text()")[:1]).split())
    published = None
    for value in (metas.get("article:published_time"), _text(article.get("datePublished")),
                  metas.get("pubdate"), metas.get("publishdate"), metas.get("dc.date.issued"),
                  metas.get("content_publishedtime")):
        published = published or _timestamp(value or "")
    author = _author(_name(article.get("author")) or metas.get("author") or metas.get("article:author") or "")
    canonical = ""
    for link in tree.xpath("//link[@rel]")[:50]:
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = urljoin(url, (link.get("href") or "").strip())
            break
    canonical = canonical or urljoin(url, metas.get("og:url", "")) or _text(article.get("url"))
    return {"title": _strip_site(title, site), "published": published, "author": author, "site": site,
            "canonical": canonical}


def _meta_tags(tree) -> dict[str, str]:
    """Return the page's ``<meta>`` contents by lower-cased property or name, the first of each."""
    found: dict[str, str] = {}
    for meta in tree.xpath("//meta")[:500]:
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if key and content and key not in found:
            found[key] = content
    return found


def _json_ld_article(tree) -> dict:
    """Return the page's JSON-LD article object (NewsArticle, Article, ...), {} when it has none or it is broken."""
    for script in tree.xpath("//script[@type='application/ld+json']")[:_MAX_JSON_LD_BLOCKS]:
        text = (script.text or "").strip()
        if not text or len(text) > _MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:  # outlets' JSON-LD is often hand-written, with trailing commas or raw newlines
            continue
        for item in _json_ld_items(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(kind, str) and kind.lower() in _ARTICLE_TYPES for kind in types) and (
                    item.get("headline") or item.get("datePublished")):
                return item
    return {}


def _json_ld_items(data, depth: int = 0):
    """Yield the objects of a JSON-LD block: the block, a list's items, an ``@graph``'s (two levels at most)."""
    if depth > 2:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _json_ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _json_ld_items(data["@graph"], depth + 1)


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _name(value) -> str:
    """Return the name(s) of a JSON-LD person or organisation: a string, {"name": ...} or a list of them."""
    if isinstance(value, list):
        return ", ".join(name for name in (_name(item) for item in value[:10]) if name)
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _author(value: str) -> str:
    """Return an author's name, or "" for what is not one (a profile URL, the desk)."""
    value = " ".join(value.split())
    if not value or value.startswith(("http://", "https://", "/")) or "@" in value or len(value) > 200:
        return ""
    return value


def _strip_site(title: str, site: str) -> str:
    """Return a headline without the site's name after it.

    >>> _strip_site("Warga Bersihkan Irigasi - Kompas.com", "")
    'Warga Bersihkan Irigasi'
    >>> _strip_site("Harga Cabai Naik | Portal Warga", "Portal Warga"), _strip_site("Tarif Naik - Lagi", "")
    ('Harga Cabai Naik', 'Tarif Naik - Lagi')
    """
    title = " ".join(title.split())
    found = _TITLE_SUFFIX.match(title)
    if found is None:
        return title
    suffix = found["site"].strip()
    if (site and suffix.casefold() == site.casefold()) or is_outlet_name(suffix) or _is_domain(suffix):
        return found["title"].strip()
    return title


def _is_domain(text: str) -> bool:
    """Return True for a site's address as a name: "Contoh.co.id", not "Rp 1.5" nor "Bagian Dua"."""
    return re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", text.lower()) is not None and bool(registrable_domain(text))


def _timestamp(value: str) -> datetime | None:
    """Return an ISO 8601 timestamp as an aware datetime (WIB when it names no zone), None when it is not one or
    lies outside the years news is published in."""
    value = value.strip()
    if not re.match(r"\d{4}-\d\d-\d\d", value):
        return None
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if not MIN_YEAR <= found.year <= datetime.now(DEFAULT_ZONE).year + MAX_YEAR_AHEAD:
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=DEFAULT_ZONE)


def _date_only(value: str) -> datetime | None:
    """Return htmldate's day ("2024-03-04") as midnight WIB, None when it gave none."""
    return _timestamp(value[:10]) if value else None


def _page_url(canonical: str, fetched: str) -> str:
    """Return the page's own canonical URL when it names the site it was fetched from (or none was given)."""
    if canonical_url(canonical) and (not fetched or registrable_domain(canonical) == registrable_domain(fetched)):
        return canonical
    return fetched


def _page_text(title: str, published: datetime | None, body: str) -> str:
    """Return the text ``read_page`` reads: headline, date line, then the paragraphs one to a block."""
    paragraphs = [" ".join(line.split()) for line in body.split("\n")]
    paragraphs = [line for line in paragraphs if line]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the extractor kept the headline: printed once
    head = [line for line in (title, _date_line(published)) if line]
    return "\n".join(head) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _date_line(published: datetime | None) -> str:
    """Return a date as Indonesian pages print it: "Senin, 4 Maret 2024 09:15 WIB" ("Senin, 4 Maret 2024" at
    midnight, which is what a date without its time becomes)."""
    if published is None:
        return ""
    local = published.astimezone(DEFAULT_ZONE)
    day = f"{DAYS_ID[local.weekday()]}, {local.day} {MONTHS_ID[local.month - 1]} {local.year}"
    if (local.hour, local.minute) == (0, 0):
        return day
    return f"{day} {local:%H:%M} WIB"
