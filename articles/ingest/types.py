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
        }
