"""Documents' texts analysed ahead of their index write: in a batch ingest's parse workers, in parallel, before the
articles are saved and have ids.

The analysis of a document's text fields (documents.analyse_documents: tokenising, stemming, counting) depends on
its title and content text alone, and those are known once a page is parsed. A parse worker analyses them
(``text_analysed``) and sends back the result, pickled, with a key of the texts it came from; the index write
(indexing._write) takes it for an article whose document has exactly these texts, and analyses any other itself. So
what is indexed is what the write would have made of the article's row, and the parent process, which writes the
index for every worker, no longer tokenises nor stems (in a fresh archive, stemming was a quarter of its time).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .documents import analyse_documents
from .stems import StemTable, stem_table

# Words a process keeps the stems of in memory (see _CachedStems): about 100 bytes each, 10 MB at most, also in a web
# process that ingests an upload in place. An archive of 100k articles holds about 400k distinct words; a page's words
# are mostly common ones, which a cache of 100k keeps, and the stem table answers the rest.
CACHED_STEMS = 100_000


@dataclass(frozen=True)
class AnalysedText:
    """A document's title and content analysed: ``key`` names the texts (text_key), ``fields`` is the pickled
    (title, content, exact) values analyse_documents gives for them."""

    key: bytes
    fields: bytes

    def document(self, document: dict) -> dict:
        """Return ``document`` (whose texts this is the analysis of) analysed, as analyse_documents returns it."""
        title, content, exact = pickle.loads(self.fields)
        return {**document, "title": title, "_stored_title": document["title"], "content": content, "exact": exact}


def text_key(title: str, content: str) -> bytes:
    """Return a digest of a document's title and content: equal for equal texts, and (16 bytes of BLAKE2) for no
    two different ones in practice."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{len(title)}:".encode())
    digest.update(title.encode("utf-8", "surrogatepass"))
    digest.update(content.encode("utf-8", "surrogatepass"))
    return digest.digest()


def document_key(document: dict) -> bytes:
    return text_key(document["title"] or "", document["content"] or "")


class _CachedStems:
    """The stem table with the stems this process has read or made kept in memory: a worker analyses one page at a
    time, and a page's ~300 distinct words would otherwise be one table query per page. A stem depends only on its
    word (stems.py), so a kept one never goes stale."""

    def __init__(self, table: StemTable):
        self.table = table
        self.path = table.path
        self.known: dict[str, str] = {}

    def get_many(self, words: Collection[str]) -> dict[str, str]:
        known = self.known
        found = {word: known[word] for word in words if word in known}
        if len(found) < len(words):
            read = self.table.get_many([word for word in words if word not in found])
            self._keep(read)
            found.update(read)
        return found

    def put_many(self, stems: Mapping[str, str]) -> None:
        self.table.put_many(stems)
        self._keep(stems)

    def _keep(self, stems: Mapping[str, str]) -> None:
        if len(self.known) + len(stems) > CACHED_STEMS:
            self.known.clear()
        self.known.update(stems)


_cached: dict[str, _CachedStems] = {}


def _stems() -> _CachedStems:
    table = stem_table()
    cached = _cached.get(str(table.path))
    if cached is None or cached.table is not table:
        cached = _cached[str(table.path)] = _CachedStems(table)
    return cached


def text_analysed(title: str, content: str) -> AnalysedText:
    """Return the analysis of a document's title and content (a document's "title" and "content" fields)."""
    (analysed,) = analyse_documents([{"title": title, "content": content}], table=_stems())
    fields = (dict(analysed["title"]), dict(analysed["content"]), dict(analysed["exact"]))
    return AnalysedText(key=text_key(title, content), fields=pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL))
