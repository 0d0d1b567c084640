"""Print ingest speed: parse + extract pages/s on one core, and a full ingest into a fresh SQLite archive.

Goals: parse+extract >= 400 pages/s on one core (issue #11; #3 asked 500); full ingest into SQLite >= 150 pages/s.
Parse speed is measured twice: warm (the sample pages over and over, every cache filled, as the goal was first
measured) and cold (every distinct page in the repository's samples and golden pages once, caches emptied first,
as a first ingest of new stories meets them: names never seen must be looked up in the dictionary).
Usage: .venv/bin/python scripts/bench_ingest.py [--pages N]
Numbers are printed, never asserted: the machine decides them (its size is printed with them).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fixture_extractor():
    """Return an EntityExtractor over the fixtures' gazetteer, as ingest builds it for an archive not yet loaded."""
    from articles.ingest import EntityExtractor
    from articles.ingest.countries import BLOCKED_PHRASES
    from articles.ingest.gazetteer import countries_from_registry, people_from_fixture, rejected_from_fixture

    return EntityExtractor(
        people=people_from_fixture(ROOT / "fixtures" / "people.json"),
        countries=countries_from_registry(),
        rejected=rejected_from_fixture(ROOT / "fixtures" / "rejected_names.json"),
        blocked_country_phrases=BLOCKED_PHRASES,
    )


def machine() -> str:
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return f"{os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.machine()}"


def sample_pages() -> list[tuple[str, str]]:
    folder = ROOT / "fixtures" / "sample_articles"
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]


def bench_parse(pages, total: int) -> float:
    from articles.ingest import parse_article
    from articles.ingest.lexicon import is_common_word

    extractor = fixture_extractor()
    is_common_word("warmup")
    # Each page a little different, so that no cache of a previous page's words makes the run faster than life.
    variants = [(name, text + f"\n\nSumber {index}.") for index, (name, text) in enumerate(pages * (total // len(pages) + 1))][:total]
    started = time.perf_counter()
    for name, text in variants:
        parse_article(text, source_name=name, entities=extractor)
    return total / (time.perf_counter() - started)


def golden_pages() -> list[tuple[str, str]]:
    folder = ROOT / "articles" / "tests" / "pages"
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*/*.txt"))]


def bench_parse_cold(pages) -> float:
    """Return pages/s over ``pages`` parsed once each, after emptying the ingest's caches."""
    import functools
    import gc

    from articles.ingest import parse_article
    from articles.ingest.lexicon import _dictionary, is_common_word
    from articles.ingest.types import ParseError

    extractor = fixture_extractor()
    is_common_word("warmup")  # the dictionary is loaded once per process, not per page
    for cached in gc.get_objects():
        if isinstance(cached, functools._lru_cache_wrapper) and cached.__module__.startswith("articles.") \
                and cached is not _dictionary:
            cached.cache_clear()
    started = time.perf_counter()
    for name, text in pages:
        try:
            parse_article(text, source_name=name, entities=extractor)
        except ParseError:
            pass  # golden pages include refused ones: refusing is work too
    return len(pages) / (time.perf_counter() - started)


def bench_ingest(pages, total: int, workdir: Path) -> float:
    os.environ["ARSIP_DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["ARSIP_INDEX_DIR"] = str(workdir / "index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from articles.services.ingest import Page, pages_ingest

    call_command("migrate", verbosity=0)
    call_command("load_sample_archive", "--reference-only", verbosity=0)
    call_command("rebuild_index", verbosity=0)  # the empty index a fresh archive starts with (saves never make one)
    variants = [(name, text + f"\n\nSumber {index}.") for index, (name, text) in enumerate(pages * (total // len(pages) + 1))][:total]
    started = time.perf_counter()
    # The batch ingest_articles runs: the search index is written once, for the batch, inside the timing.
    for _result in pages_ingest(pages=(Page(name, data=text.encode("utf-8")) for name, text in variants)):
        pass
    return total / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per measurement (default 1000)")
    args = parser.parse_args()
    pages = sample_pages()
    print(f"Machine: {machine()}")
    distinct = pages + golden_pages()
    rate = bench_parse_cold(distinct)
    print(f"parse + extract, cold: {len(distinct)} distinct pages once (one core): {rate:7.1f} pages/s   goal >= 400")
    print(f"Corpus: {len(pages)} sample pages, repeated to {args.pages} texts")
    rate = bench_parse(pages, args.pages)
    print(f"parse + extract, warm (one core): {rate:7.1f} pages/s   goal >= 400")
    with tempfile.TemporaryDirectory(prefix="arsip-bench-") as workdir:
        rate = bench_ingest(pages, args.pages, Path(workdir))
    print(f"full ingest into SQLite and the index: {rate:7.1f} pages/s   goal >= 150")


if __name__ == "__main__":
    main()
