"""Print the parse's speed on one core: what an ingest worker does per page (articles.services.ingest._Preparer:
decode, parse_article with the entity extractor, the text's SHA-256, the body's fingerprint), over a folder of pages.

Goal of issue 17: parse + extract + fingerprint <= 2.5 ms per page on one core (400 pages/s), on real pages and on
generated ones. The first WARM_UP pages are parsed once and not timed (caches, first-call costs); then every page is
timed once, in the folder's order.

    .venv/bin/python scripts/bench_parse.py DIR [--limit N] [--with-url] [--profile [N]]

DIR holds ``*.txt`` pages, each with an optional ``.url``/``.json`` sidecar (as ``ingest_articles DIR`` reads them),
or ``manifest*.jsonl`` files naming the pages and their URLs (var/real_pages, see scripts/eval_real_pages.py:
``--with-url`` gives the parser those URLs). ``--profile`` prints the N costliest functions (cProfile, cumulative
and own time) instead of timings. Numbers are printed, never asserted: the machine decides them.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest import EntityExtractor, ParseError, parse_article  # noqa: E402
from articles.ingest.countries import BLOCKED_PHRASES  # noqa: E402
from articles.ingest.fingerprint import fingerprint  # noqa: E402
from articles.ingest.gazetteer import countries_from_registry, people_from_fixture, rejected_from_fixture  # noqa: E402
from articles.ingest.inputs import page_text  # noqa: E402
from articles.ingest.sources.sidecars import hints_from_sidecar, sidecar_stems  # noqa: E402
from articles.ingest.types import Page, PageHints  # noqa: E402

# Pages parsed before the clock starts.
WARM_UP = 20


def fixture_extractor() -> EntityExtractor:
    """Return an EntityExtractor over the fixtures' gazetteer (what ingest builds for an archive not yet curated)."""
    return EntityExtractor(
        people=people_from_fixture(ROOT / "fixtures" / "people.json"),
        countries=countries_from_registry(),
        rejected=rejected_from_fixture(ROOT / "fixtures" / "rejected_names.json"),
        blocked_country_phrases=BLOCKED_PHRASES,
    )


def folder_pages(folder: Path, *, with_url: bool = False, limit: int | None = None) -> list[Page]:
    """Return the folder's pages in a stable order, read into memory: the manifest's when it has one, else every
    ``*.txt`` below it with its sidecar's hints."""
    pages: list[Page] = []
    manifests = sorted(folder.glob("manifest*.jsonl"))
    if manifests:
        for manifest in manifests:
            for line in manifest.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    entry = json.loads(line)
                    url = entry.get("url") if with_url else ""
                    hints = PageHints(url=url, source="url") if url else PageHints()
                    pages.append(Page(name=entry["file"], data=(folder / entry["file"]).read_bytes(), hints=hints))
    else:
        for path in sorted(folder.rglob("*.txt")):
            name = path.relative_to(folder).as_posix()
            hints = PageHints()
            for sidecar in sidecar_stems(str(path)):
                if os.path.exists(sidecar):
                    hints = hints_from_sidecar(sidecar, Path(sidecar).read_bytes())
                    break
            pages.append(Page(name=name, data=path.read_bytes(), hints=hints))
    return pages[:limit] if limit is not None else pages


def prepare(page: Page, extractor: EntityExtractor):
    """Do what an ingest worker does for one page; return (parsed or None, fingerprint or None, error)."""
    try:
        text, hints = page_text(page)
        hashlib.sha256(text.encode("utf-8")).hexdigest()
        parsed = parse_article(text, source_name=page.name, entities=extractor, hints=hints)
        return parsed, fingerprint(parsed.body), ""
    except ParseError as error:
        return None, None, error.reason


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--with-url", action="store_true", help="a manifest's URLs as the pages' hints")
    parser.add_argument("--profile", type=int, nargs="?", const=30, metavar="N", help="print the N costliest calls")
    options = parser.parse_args()
    pages = folder_pages(Path(options.folder), with_url=options.with_url, limit=options.limit)
    extractor = fixture_extractor()
    for page in pages[:WARM_UP]:
        prepare(page, extractor)
    if options.profile:
        profile = cProfile.Profile()
        profile.enable()
        for page in pages:
            prepare(page, extractor)
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(options.profile)
        stats.sort_stats("tottime").print_stats(options.profile)
        return 0
    times = []
    for page in pages:
        started = time.perf_counter()
        prepare(page, extractor)
        times.append(time.perf_counter() - started)
    times.sort()
    total = sum(times)
    print(f"{options.folder}: {len(pages)} pages on one core, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"  {len(pages) / total:.0f} pages/s, {total / len(pages) * 1000:.2f} ms/page "
          f"(median {times[len(times) // 2] * 1000:.2f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.2f} ms, "
          f"max {times[-1] * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
