"""What an article's URL says: its canonical form, its registered domain, the date in its path, its slug's words.

An archive keeps each story once, whatever copy of it was fetched: the AMP or mobile page, with a newsletter's
tracking parameters, over http. ``canonical_url`` folds those copies into one address (issue 13), so that the
address can be unique in the database and cited. The domain is read with the Public Suffix List bundled in the
``publicsuffixlist`` package (no network at run time), which knows that ``bps.go.id`` and ``republika.co.id`` are
registered as a whole.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import date, datetime
from functools import cache, lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList

from .dates import DEFAULT_ZONE, MAX_YEAR_AHEAD, MIN_YEAR

# URLs longer than this are not a page's address (browsers and servers stop near 8 KB): refused, never parsed.
MAX_URL_CHARS = 8192

# Host labels that name a copy of the site, not a part of it: "www.", "m.", "mobile.", "amp." (and "www2.").
# A section's sub-domain ("news.detik.com", "nasional.kompas.com") is part of the address and stays.
_COPY_LABEL = re.compile(r"^(?:www\d{0,2}|m|mobile|amp)$")
# Query parameters that say who sent the reader, never which page: analytics, ad clicks, newsletters, share buttons.
_TRACKING_KEYS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "ttclid", "_ga", "_gl",
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ocid", "cmpid", "spm", "share", "tag_from", "lgn_method",
    "_gid", "s_cid", "rss", "utm",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ga_")
# detik appends "?nd771104bcj=" (a campaign stamp with no value) to links from its own pages.
_DETIK_STAMP = re.compile(r"^nd\d{6}[a-z]{3}$")
# "ref", "src", "source", "from", "medium" are tracking when their value is a channel's name ("fb", "whatsapp",
# "newsletter", "terpopuler"); a value with digits or a path may pick a page and stays.
_MAYBE_TRACKING_KEYS = frozenset({"ref", "src", "source", "from", "medium", "campaign", "via"})
_CHANNEL_VALUE = re.compile(r"^[a-z][a-z_.-]{0,39}$", re.IGNORECASE)
# Parameters that ask for another view of the same story: AMP, the whole story on one page, the print view.
_VIEW_PARAMS = {"amp": None, "outputtype": {"amp"}, "_amp": None, "page": {"all", "1"}, "single": None,
                "showall": None, "view": {"all", "amp", "print"}, "mode": {"amp"}}
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters a path keeps as they are; the rest are written with %XX in upper case, once.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"



@cache
def _psl() -> PublicSuffixList:
    """The bundled Public Suffix List, parsed on first use (70 ms): not at every start of the web process."""
    return PublicSuffixList()


def canonical_url(url: str) -> str:
    """Return one address for every copy of a page; "" when ``url`` is not an http(s) URL.

    >>> canonical_url("http://m.antaranews.com/amp/berita/540039/contoh-judul?utm_source=fb#top")
    'https://antaranews.com/berita/540039/contoh-judul'
    >>> canonical_url("https://news.detik.com/berita/d-1234567/contoh/?utm_medium=x&b=2&a=1")
    'https://news.detik.com/berita/d-1234567/contoh?a=1&b=2'
    """
    parts = _split(url)
    if parts is None:
        return ""
    host = _site_host(parts.hostname or "")
    if not host:
        return ""
    port = _port(parts)
    if port is None:
        return ""
    netloc = host if port is True or port in _DEFAULT_PORTS.values() else f"{host}:{port}"
    return urlunsplit(("https", netloc, _path(parts.path), _query(parts.query), ""))


def _split(url: str):
    """Return the parts of an http(s) URL, or None: "javascript:", "mailto:", a bare word, an overlong string."""
    url = (url or "").strip()
    if not url or len(url) > MAX_URL_CHARS or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1" and other malformed netlocs
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return parts


def _port(parts) -> int | bool | None:
    """Return the URL's explicit port, True when it has none, None when the port is not a number in range."""
    try:
        port = parts.port
    except ValueError:
        return None
    return True if port is None else port


def _site_host(host: str) -> str:
    """Return a host in lower case without its copy labels ("www.", "m.", "amp."), as long as a registered domain
    remains: "m.antaranews.com" -> "antaranews.com", but "m.co.id" stays whole (it is the registered name)."""
    host = host.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return ""
    if not re.fullmatch(r"[a-z0-9.:_-]{1,253}", host) or ".." in host:
        return ""
    if _is_ip(host):
        return host
    registered = registrable_domain(host)
    labels = host.split(".")
    while registered and len(labels) > registered.count(".") + 1 and _COPY_LABEL.match(labels[0]):
        labels = labels[1:]
    return ".".join(labels)


def _path(path: str) -> str:
    """Return a path without AMP segments, empty segments and its trailing slash: "/amp/berita/1/x/" -> "/berita/1/x".
    """
    segments = [quote(unquote(seg), safe=_PATH_SAFE) for seg in path.split("/") if seg]
    segments = [seg for seg in segments if seg.lower() != "amp"]
    return "/" + "/".join(segments)


def _query(query: str) -> str:
    """Return the query's page-picking parameters, sorted; tracking and view parameters go."""
    kept = [(key, value) for key, value in parse_qsl(query, keep_blank_values=True)[:100]
            if not _is_tracking(key, value) and not _is_view(key, value)]
    return urlencode(sorted(kept))


def _is_tracking(key: str, value: str) -> bool:
    lowered = key.lower()
    if lowered in _TRACKING_KEYS or lowered.startswith(_TRACKING_PREFIXES) or _DETIK_STAMP.match(lowered):
        return True
    return lowered in _MAYBE_TRACKING_KEYS and _CHANNEL_VALUE.match(value) is not None


def _is_view(key: str, value: str) -> bool:
    lowered = key.lower()
    if lowered not in _VIEW_PARAMS:
        return False
    values = _VIEW_PARAMS[lowered]
    if values is None:  # "?amp", "?amp=1", "?single=1", "?showall=true"
        return value.lower() in ("", "1", "true", "yes", "all")
    return value.lower() in values


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _host_of(url_or_host: str) -> str:
    """Return the host of a URL, or the host itself: "https://Nasional.Kompas.com:443/x" -> "nasional.kompas.com"."""
    text = (url_or_host or "").strip()
    if "/" in text:
        parts = _split(text if "//" in text else f"https://{text}")
        return (parts.hostname or "") if parts else ""
    return text.split(":")[0].lower().rstrip(".")


@lru_cache(maxsize=4096)
def registrable_domain(url_or_host: str) -> str:
    """Return the domain a URL's host (or a host) is registered as, by the Public Suffix List; "" when none.

    >>> registrable_domain("https://nasional.tempo.co/read/1"), registrable_domain("www.bps.go.id")
    ('tempo.co', 'bps.go.id')
    >>> registrable_domain("kabar24.bisnis.com"), registrable_domain("co.id")
    ('bisnis.com', '')
    """
    host = _host_of(url_or_host)
    if not host or len(host) > 253:
        return ""
    if _is_ip(host):
        return host
    return _psl().privatesuffix(host) or ""


# A date in a path: "/2017/02/08/", "/2017-02-08/", or the compact stamp of CNN and CNBC Indonesia, a date and a
# time before an id: "/20171121105308-20-256908/". An 8-digit number alone is an id as often as a date: not read.
_SLASHED_DATE = re.compile(r"/(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?=/|$|[-_])")
_COMPACT_DATE = re.compile(
    r"/(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?(?=[-_/]|$)"
)


def url_date(url: str) -> date | None:
    """Return the day a URL's path gives, or None: no date, an impossible one, or a year out of the news's range.

    >>> url_date("https://nasional.kompas.com/read/2022/12/06/12155851/contoh"), url_date("https://x.id/2017/02/30/y")
    (datetime.date(2022, 12, 6), None)
    >>> url_date("https://www.cnnindonesia.com/nasional/20171121105308-20-256908/contoh")
    datetime.date(2017, 11, 21)
    """
    parts = _split(url)
    if parts is None:
        return None
    path = parts.path[:2000]
    for pattern in (_SLASHED_DATE, _COMPACT_DATE):
        for found in pattern.finditer(path):
            day = _valid_day(int(found["y"]), int(found["m"]), int(found["d"]))
            if day is not None:
                return day
    return None


def _valid_day(year: int, month: int, day: int) -> date | None:
    """Return the day when it exists and lies in the years a publication date may have (dates.MIN_YEAR ...)."""
    if not MIN_YEAR <= year <= datetime.now(DEFAULT_ZONE).year + MAX_YEAR_AHEAD:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A slug's words are lower-case letters and digits between hyphens; these are the site's, not the headline's.
_SLUG_NOISE = frozenset({"amp", "html", "htm", "php", "aspx", "read", "berita", "news"})
_SLUG_EXTENSION = re.compile(r"\.(?:html?|php|aspx?)$", re.IGNORECASE)


def url_slug_words(url: str) -> list[str]:
    """Return the headline words of a URL's slug (the path segment with the most hyphens), [] without one.

    >>> url_slug_words("https://news.detik.com/berita/d-1234567/warga-bogor-tanam-1000-pohon.html")
    ['warga', 'bogor', 'tanam', '1000', 'pohon']
    """
    parts = _split(url)
    if parts is None:
        return []
    segments = [_SLUG_EXTENSION.sub("", unquote(seg)) for seg in parts.path[:2000].split("/") if seg]
    slug = max(segments, key=lambda seg: seg.count("-") + seg.count("_"), default="")
    words = [word for word in re.split(r"[-_+.]+", slug.lower()) if word]
    # A trailing number is the article's id ("...-pohon-1558412345"), as is a "d-1234567" or "a123" token.
    while words and (words[-1].isdigit() and len(words[-1]) >= 5):
        words.pop()
    words = [word for word in words if word not in _SLUG_NOISE and re.fullmatch(r"[a-z0-9]+", word)]
    return words if len(words) >= 3 else []
