"""Plain values that the ingest package takes and returns. No Django here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ParseError(ValueError):
    """A page that cannot become an article; ``reason`` says why, in words an operator can act on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OutletInfo:
    """An outlet the parser recognises: its display name, web domain and slug."""

    name: str
    domain: str
    slug: str


UNKNOWN_OUTLET = OutletInfo(name="unknown", domain="", slug="unknown")


@dataclass(frozen=True)
class PageHints:
    """What a page's container says about it besides its text (issue 13): the URL it was fetched from and when, and
    the fields its HTML metadata, JSON line or sidecar file gives. Empty values say nothing.

    ``source`` names where the fields came from ("html", "jsonl", "warc", "sidecar"), for the JSON ``sources``.
    """

    url: str = ""
    fetched_at: datetime | None = None
    title: str = ""
    published: datetime | None = None
    author: str = ""
    outlet_name: str = ""
    source: str = ""
    # Where a field came from when not from ``source``: ((field, source), ...), e.g. (("title", "jsonl"),) for a JSON
    # line that names its title beside HTML that gives the rest (hints.hints_merge).
    field_sources: tuple[tuple[str, str], ...] = ()

    def source_of(self, name: str) -> str:
        return dict(self.field_sources).get(name, self.source or "hints")


@dataclass
class Page:
    """One page of a batch as its reader found it: the name its report shows, and either its raw bytes (``data``,
    only their start when ``size`` says the file is bigger; decoded by decode_page), its text (``text``, a JSON
    line's) or its HTML (``html``, bytes: the page's own charset decides). ``source_name`` is the name stored with
    the article ("" for the report's); ``error`` says why it cannot be ingested; ``hints`` what its container says.
    """

    name: str
    data: bytes = b""
    size: int | None = None
    source_name: str = ""
    error: str = ""
    text: str | None = None
    html: bytes | None = None
    hints: PageHints = field(default_factory=PageHints)


@dataclass
class Candidate:
    """A value a field could take, with the score and the evidence that decided (``ingest_articles --explain``)."""

    value: str
    score: float
    evidence: list[str] = field(default_factory=list)
    line: int = -1


@dataclass
class PersonMention:
    """A person the story mentions: canonical name, whether the gazetteer knew it, and a sentence of context."""

    name: str
    known: bool
    context: str = ""


@dataclass
class ParsedArticle:
    """Everything parse_article finds in one raw page."""

    outlet: OutletInfo
    title: str
    published: datetime | None  # None: the page gives no date (kept, shown "tanpa tanggal")
    body: str
    summary: str = ""
    date_only: bool = False
    author: str = ""
    editor: str = ""
    dateline: str = ""
    captions: list[str] = field(default_factory=list)
    # Where the title and the date came from: "header" (the page's own headline or stamp), "lead" (the story's first
    # sentence or a date in its opening) or "none".
    title_source: str = "header"
    date_source: str = "header"
    # The canonical URL (issue 13; "" when the page came without one), when it was fetched, and where each field
    # came from ("url", "html", "jsonl", "text", ...): the JSON output's ``sources``.
    url: str = ""
    fetched_at: datetime | None = None
    sources: dict[str, str] = field(default_factory=dict)
    # Each field's candidates, chosen first: what ``--explain`` prints. Not part of the JSON shape.
    evidence: dict[str, list[Candidate]] = field(default_factory=dict, repr=False)
    people: list[PersonMention] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)

    @property
    def person_names(self) -> list[str]:
        return [mention.name for mention in self.people]

    def as_dict(self) -> dict:
        """Return the stable JSON shape of ``ingest_articles --dry-run --json`` (without file/ok/error)."""
        return {
            "outlet": self.outlet.name,
            "outlet_domain": self.outlet.domain,
            "title": self.title,
            "summary": self.summary,
            "published": self.published.isoformat() if self.published else None,
            "date_only": self.date_only,
            "author": self.author,
            "editor": self.editor,
            "dateline": self.dateline,
            "people": self.person_names,
            "countries": list(self.countries),
            "body": self.body,
            "captions": list(self.captions),
            "title_source": self.title_source,
            "date_source": self.date_source,
            "url": self.url or None,
            "fetched_at": self.fetched_at.isoformat() if self.fetched_at else None,
            "sources": dict(self.sources),
        }
