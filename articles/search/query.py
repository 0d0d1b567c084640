"""The reader's search string, understood: parse its tokens (``tokens``) into a small tree and restate it.

No Django here (test it with a function call). Nothing the reader types reaches Whoosh's own query parser, so Whoosh's
reserved words and characters (AND, TO, ^, ~, [ ]) are plain text: the escaping lives in this one place, by
construction. Problems are returned as notices (a code and a detail) for the web layer to word in the reader's
language; parsing never fails.

    >>> parse_query('“penarikan pasukan” rusia ATAU ukraina -suriah judul:perang').understood()
    '"penarikan pasukan" DAN (rusia ATAU ukraina) DAN TIDAK suriah DAN judul:perang'
    >>> parse_query('pemilu AND').notices
    [Notice(code='lone_operator', detail='AND')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .registry import BY_KIND
from .schema import STOP_WORDS, TOKEN_PATTERN, stem
from .tokens import MAX_QUERY_CHARS, Notice, clean, tokenize

# Terms beyond this many are dropped: each adds a posting list to read.
MAX_TERMS = 30
# Brackets nested deeper than this are ignored (and the parser's recursion stays shallow).
MAX_DEPTH = 10
# A prefix shorter than this would expand to thousands of index terms ("a*").
MIN_PREFIX = 3

_WORD = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True)
class Word:
    text: str
    field: str = ""


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    field: str = ""


@dataclass(frozen=True)
class Prefix:
    text: str
    field: str = ""


@dataclass(frozen=True)
class Entity:
    """A person, country or outlet named in the query (``orang:jokowi``), resolved to facet values later."""

    kind: str
    text: str


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


# How the restated query spells each field: a facet's first prefix.
_PREFIX_OF_FIELD = {"title": "judul", **{kind: facet.prefixes[0] for kind, facet in BY_KIND.items()}}


def _restate(node, words: tuple[str, str, str], top: bool = True) -> str:
    and_word, or_word, not_word = words
    if isinstance(node, Word):
        text = node.text
    elif isinstance(node, Phrase):
        text = '"' + " ".join(node.words) + '"'
    elif isinstance(node, Prefix):
        text = node.text + "*"
    elif isinstance(node, Entity):
        return f'{_PREFIX_OF_FIELD[node.kind]}:' + (f'"{node.text}"' if " " in node.text else node.text)
    elif isinstance(node, Not):
        return f"{not_word} {_restate(node.child, words, top=False)}"
    else:
        joiner = f" {and_word if isinstance(node, And) else or_word} "
        inner = joiner.join(_restate(child, words, top=False) for child in node.children)
        return inner if top else f"({inner})"
    return f"{_PREFIX_OF_FIELD[node.field]}:{text}" if node.field else text


@dataclass
class ParsedQuery:
    """The tree of a search string (None when nothing searchable is left) and the notices about it."""

    text: str
    tree: object | None
    notices: list[Notice] = field(default_factory=list)

    def understood(self, words: tuple[str, str, str] = ("DAN", "ATAU", "TIDAK")) -> str:
        """Restate the query as it was read, with the given words for AND, OR and NOT."""
        return _restate(self.tree, words) if self.tree is not None else ""

    def plain_words(self) -> list[str]:
        """Return the words searched for as such (not negated, not in a phrase): candidates for "did you mean"."""
        found: list[str] = []

        def walk(node):
            if isinstance(node, Word):
                found.append(node.text)
            elif isinstance(node, And | Or):
                for child in node.children:
                    walk(child)

        walk(self.tree)
        return found


class _Parser:
    """Recursive descent over the tokens, forgiving: a misplaced operator or bracket becomes a notice."""

    def __init__(self, tokens: list[tuple], notices: list[Notice]):
        self.tokens = tokens
        self.position = 0
        self.notices = notices
        self.terms = 0
        self.depth = 0

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.position += 1
        return token

    def parse(self):
        children = []
        while self.peek() is not None:
            node = self.and_expr()
            if node is not None:
                children.append(node)
            if self.peek() == (")",):
                self.notices.append(Notice("unbalanced_paren"))
                self.take()
        return _combine(And, children)

    # OR binds tighter than the implicit AND, as in web search: "a b OR c" is a AND (b OR c).
    def and_expr(self):
        children = []
        while (token := self.peek()) is not None and token != (")",):
            if token[0] == "op" and token[1] in ("AND", "OR"):
                self.take()
                following = self.peek()
                if not children or following is None or following == (")",) or following[0] == "op":
                    self.notices.append(Notice("lone_operator", token[2]))
                continue
            node = self.or_expr()
            if node is not None:
                children.append(node)
        return _combine(And, children)

    def or_expr(self):
        children = [self.unary()]
        while (token := self.peek()) is not None and token[0] == "op" and token[1] == "OR":
            self.take()
            following = self.peek()
            if following is None or following == (")",) or following[0] == "op" and following[1] != "NOT":
                self.notices.append(Notice("lone_operator", token[2]))
                break
            children.append(self.unary())
        return _combine(Or, children)

    def unary(self):
        token = self.take()
        if token[0] == "neg" or (token[0] == "op" and token[1] == "NOT"):
            following = self.peek()
            if following is None or following == (")",) or following[0] == "op":
                if token[0] == "op":
                    self.notices.append(Notice("lone_operator", token[2]))
                return None
            if self.depth >= MAX_DEPTH:
                self.notices.append(Notice("too_deep"))
                return None
            self.depth += 1
            child = self.unary()
            self.depth -= 1
            return Not(child) if child is not None else None
        if token == ("(",):
            if self.depth >= MAX_DEPTH:  # deeper brackets are read as plain grouping of their words
                self.notices.append(Notice("too_deep"))
                return None
            self.depth += 1
            node = self.and_expr()
            self.depth -= 1
            if self.peek() == (")",):
                self.take()
            else:
                self.notices.append(Notice("unbalanced_paren"))
            return node
        if token[0] == "phrase":
            return self.phrase(token[1], token[2])
        return self.bare(token[1], token[2])

    def count(self) -> bool:
        self.terms += 1
        if self.terms == MAX_TERMS + 1:
            self.notices.append(Notice("too_many_terms", str(MAX_TERMS)))
        return self.terms <= MAX_TERMS

    def phrase(self, text: str, kind: str):
        if kind in BY_KIND:
            text = " ".join(text.split())
            return Entity(kind, text) if text and self.count() else None
        words = tuple(_WORD.findall(text.replace("*", " ")))
        if not words or not self.count():
            return None
        if len(words) == 1 and kind:
            if words[0].lower() in STOP_WORDS:
                self.notices.append(Notice("stop_word", words[0]))
                return None
            return Word(words[0], kind)
        if len(words) == 1:
            return Phrase(words, kind)
        return Phrase(words, kind)

    def bare(self, text: str, kind: str):
        if kind in BY_KIND:
            text = text.strip("*,.;")
            return Entity(kind, text) if text and self.count() else None
        wildcard = text.endswith("*")
        if "*" in text.rstrip("*") or "?" in text:
            self.notices.append(Notice("wildcard_position", text))
        words = _WORD.findall(text.replace("*", " ").replace("?", " "))
        if not words:
            self.notices.append(Notice("no_words", text[:40]))
            return None
        if not self.count():
            return None
        if len(words) > 1:  # "U.S." or "covid/corona": the pieces side by side
            return Phrase(tuple(words), kind)
        word = words[0]
        if wildcard:
            if len(word) >= MIN_PREFIX:
                return Prefix(word.lower(), kind)
            self.notices.append(Notice("short_prefix", word + "*"))
        if word.lower() in STOP_WORDS:
            self.notices.append(Notice("stop_word", word))
            return None
        return Word(word, kind)


def _combine(kind, children: list):
    children = [child for child in children if child is not None]
    if not children:
        return None
    if len(children) == 1:
        return children[0]
    flat = []
    for child in children:
        flat.extend(child.children if isinstance(child, kind) else [child])
    return kind(tuple(flat))


def parse_query(text: str) -> ParsedQuery:
    """Parse what a reader typed. Never raises; what could not be used is reported in ``notices``.

    >>> parse_query('"Joko Widodo" ATAU (prabowo TIDAK debat)').tree  # doctest: +NORMALIZE_WHITESPACE
    Or(children=(Phrase(words=('Joko', 'Widodo'), field=''),
                 And(children=(Word(text='prabowo', field=''), Not(child=Word(text='debat', field=''))))))
    >>> parse_query('orang:"Retno Marsudi" negara:ru diplom*').understood()
    'orang:"Retno Marsudi" DAN negara:ru DAN diplom*'
    """
    notices: list[Notice] = []
    cleaned = clean(text or "", notices)
    tokens = tokenize(cleaned, notices)
    tree = _Parser(tokens, notices).parse()
    unique = list(dict.fromkeys(notices))
    return ParsedQuery(text=cleaned.strip(), tree=tree, notices=unique)


def entities_named(tree) -> list[tuple[str, str]]:
    """Return (kind, text) of the people, countries and outlets a query tree names, once each, in reading order.

    >>> entities_named(parse_query('orang:jokowi -negara:rusia orang:Jokowi').tree)
    [('person', 'jokowi'), ('country', 'rusia'), ('person', 'Jokowi')]
    """
    found: dict[tuple[str, str], None] = {}

    def walk(node):
        if isinstance(node, Entity):
            found.setdefault((node.kind, node.text))
        elif isinstance(node, Not):
            walk(node.child)
        elif isinstance(node, And | Or):
            for child in node.children:
                walk(child)

    walk(tree)
    return list(found)


__all__ = [
    "MAX_QUERY_CHARS", "And", "Entity", "Not", "Notice", "Or", "ParsedQuery", "Phrase", "Prefix", "Word",
    "entities_named", "parse_query", "stem",
]
