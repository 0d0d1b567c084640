"""Print ingest speed: 10,000 new, distinct pages through the real ingest path, then a batch of updated pages, apart.

Goal of issue 17: ingest of 10,000 new pages >= 300 articles/s end to end on 2 cores (parse, extract, database,
index). The pages are distinct stories written by scripts/gen_corpus.py's realistic vocabulary (seed BENCH_SEED, not
the search benchmark's), laid out as the sample pages of fixtures/sample_articles are (breadcrumb, headline, date line,
photo caption with credit, byline, dateline "JAKARTA, Outlet -" or "Palu (ANTARA News) -"); no sentence of a real page
is copied. They are written as files and ingested by ``manage.py ingest_articles DIR`` (call_command, in this process)
into a fresh SQLite archive holding only the reference data. Then UPDATE_SHARE of them come again with their body
changed (the outlet edited the story: same outlet, headline and date, another text) and are ingested as updates,
reported apart. Also printed, as before: parse + extract pages/s on one core, cold (every distinct sample and golden
page once, caches emptied) and warm (the sample pages repeated), goal >= 400 pages/s.

Usage: .venv/bin/python scripts/bench_ingest.py [--pages N] [--workdir DIR] [--stems-from FILE]
Numbers are printed, never asserted: the machine decides them (its size and load are printed with them).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

# The pages' corpus seed: other stories than the search benchmark's archive (seed 1).
BENCH_SEED = 17
# Of the new pages, the share that comes again with its body changed.
UPDATE_SHARE = 0.2
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


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
    repeated = pages * (total // len(pages) + 1)
    variants = [(name, text + f"\n\nSumber {index}.") for index, (name, text) in enumerate(repeated)][:total]
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


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min)"


def _indonesian_date(when) -> str:
    from gen_corpus import WEEKDAYS

    return f"{WEEKDAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]} {when.year} {when:%H:%M} WIB"


def page_text(draft, layout: int, *, body: str | None = None) -> str:
    """Return the page of a generated article in one of three layouts of the sample pages (see the module's doc)."""
    fields = draft.fields
    body = fields["body"] if body is None else body
    captions = fields["captions"]
    outlet = draft.outlet_name
    if layout == 0:  # gen_corpus's own page: "Home / Section", "Outlet - dd/mm/yyyy, HH:MM WIB", "Penulis | Editor"
        return fields["raw_text"] if body is fields["body"] else fields["raw_text"].replace(fields["body"], body)
    first, _, rest = body.partition(" - ")
    city = first.split(",", 1)[0].title()
    if layout == 1:  # a wire agency's page: "Beranda > Berita", the date with its weekday, "City (Outlet) - "
        return "\n\n".join([
            "Beranda > Berita > Nasional", fields["title"], _indonesian_date(fields["published"]),
            *(f"{caption.rsplit('. ', 1)[0]}. ({outlet.upper()} FOTO)" for caption in captions),
            f"{city} ({outlet}) - {rest}", f"Pewarta: {fields['author']}\nEditor: {fields['editor']}",
        ])
    # A business daily's page: section path, headline, summary, "Author - Outlet date | time", "Outlet, CITY - ".
    return "\n\n".join([
        "Ekonomi > Makro", fields["title"], *([fields["summary"]] if fields["summary"] else []),
        f"{fields['author']} - {outlet} {fields['published']:%d} {MONTHS[fields['published'].month - 1]} "
        f"{fields['published']:%Y | %H:%M} WIB",
        *captions, f"{outlet}, {city.upper()} - {rest}",
    ])


def pages_write(folder: Path, count: int) -> list:
    """Write ``count`` new pages into ``folder``; return their drafts (Django set up, reference data loaded)."""
    from gen_corpus import Reference, article_draft

    reference = Reference.load()
    drafts = []
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        draft = article_draft(number, seed=BENCH_SEED, reference=reference)
        (folder / f"{number:06d}.txt").write_text(page_text(draft, number % 3), encoding="utf-8")
        drafts.append(draft)
    return drafts


def updates_write(folder: Path, drafts: list) -> int:
    """Write UPDATE_SHARE of the pages again, each with a changed body (a paragraph added, a word replaced)."""
    from gen_corpus import synthetic_word

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"bench-updates:{BENCH_SEED}")
    chosen = sorted(rng.sample(range(len(drafts)), max(1, int(len(drafts) * UPDATE_SHARE))))
    for number in chosen:
        body = drafts[number].fields["body"]
        words = body.split(" ")
        words[rng.randrange(len(words) // 2, len(words))] = synthetic_word(rng.randrange(50_000))
        changed = " ".join(words) + f"\n\nPembaruan: {synthetic_word(rng.randrange(50_000))} pukul " \
                                    f"{rng.randint(10, 23)}.{rng.randint(10, 59)} WIB."
        (folder / f"{number:06d}.txt").write_text(page_text(drafts[number], number % 3, body=changed),
                                                   encoding="utf-8")
    return len(chosen)


class Phases:
    """Wall and CPU seconds of the parent's phases of an ingest (``--phases``): the functions below wrapped for the
    run, each call timed (a nested phase's time is also its caller's), and the workers' CPU from getrusage of the
    reaped children. What the parent does not spend in a phase nor in CPU, it waits; what 2 cores x wall the parent
    and the workers do not spend, the machine sits idle (or runs someone else's work: see the load average)."""

    # (module, attribute, label): the parent's phases, outermost first.
    WRAPPED = (
        ("multiprocessing.pool", "ApplyResult.get", "wait for parsed window"),
        ("articles.services.ingest", "_Saver.save", "save (DB)"),
        ("articles.services.ingest", "articles_cluster_join", "  clusters join"),
        ("articles.services.ingest", "articles_set_entities", "  entities set"),
        ("articles.services.ingest", "_stored_keys", "  stored keys"),
        ("django.db.backends.base.base", "BaseDatabaseWrapper.commit", "DB commit"),
        ("articles.search.indexing", "_write", "index write"),
        ("articles.search.indexing", "_Stream.add", "index write ahead"),
        ("articles.search.indexing", "_Stream.commit", "index commit of the ahead"),
        ("articles.search.indexing", "article_documents", "  documents read"),
        ("articles.search.indexing", "_analysed", "  analysed (ahead taken)"),
        ("articles.search.bulkwriter", "BulkSegmentWriter.add_document", "  bulk add"),
        ("articles.search.bulkwriter", "BulkSegmentWriter.commit", "  bulk commit"),
        ("articles.search.indexing", "_bulk_tidy", "  merge + spelling"),
        ("articles.search.spelling", "prepare", "    spelling prepare"),
        ("articles.search.indexing", "queue_remove", "queue remove"),
        ("articles.search.indexing", "index_drifted", "index drifted"),
        ("articles.search.indexing", "schedule_index", "schedule index"),
    )

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = {}
        self.undo: list = []

    def __enter__(self):
        import importlib
        import resource

        for module_name, attribute, label in self.WRAPPED:
            owner = importlib.import_module(module_name)
            *path, name = attribute.split(".")
            for part in path:
                owner = getattr(owner, part, None)
            if not hasattr(owner, name):
                continue  # not in this version of the code
            original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
            setattr(owner, name, self._timed(original, label))
            self.undo.append((owner, name, original))
        self.rusage = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
        self.started = time.perf_counter()
        return self

    def _timed(self, function, label: str):
        import functools

        totals = self.totals.setdefault(label, [0.0, 0.0, 0])

        @functools.wraps(function)
        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                totals[0] += time.perf_counter() - wall
                totals[1] += time.thread_time() - cpu
                totals[2] += 1
                if label == "wait for parsed window":  # the last window's arrival: the workers' work is done
                    self.last_window = (time.perf_counter(), time.process_time())
        return timed

    def __exit__(self, *exc) -> None:
        import resource

        ended = (time.perf_counter(), time.process_time())
        self.wall = ended[0] - self.started
        last = getattr(self, "last_window", None)
        self.tail = (ended[0] - last[0], ended[1] - last[1]) if last else (0.0, 0.0)
        this, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        self.parent_cpu = this.ru_utime + this.ru_stime - self.rusage[0].ru_utime - self.rusage[0].ru_stime
        self.children_cpu = (children.ru_utime + children.ru_stime - self.rusage[1].ru_utime
                             - self.rusage[1].ru_stime)
        for owner, name, original in reversed(self.undo):
            setattr(owner, name, original)

    def print(self, articles: int) -> None:
        parent, workers, wall = self.parent_cpu, self.children_cpu, self.wall
        print(f"  wall {wall:.1f} s; CPU parent {parent:.1f} s (idle {wall - parent:.1f} s), workers {workers:.1f} s; "
              f"cores idle {2 * wall - parent - workers:.1f} core-s of {2 * wall:.1f}; CPU-ms per article: "
              f"parent {1000 * parent / max(articles, 1):.2f}, workers {1000 * workers / max(articles, 1):.2f}")
        print(f"  after the last parsed window (the workers done, one core idle): wall {self.tail[0]:.1f} s, "
              f"parent CPU {self.tail[1]:.1f} s")
        for label, (wall, cpu, calls) in self.totals.items():
            if calls:
                print(f"  {label:<28} wall {wall:7.2f} s  CPU {cpu:7.2f} s  calls {calls}")


def ingest_timed(folder: Path, phases: bool = False) -> tuple[float, dict[str, int]]:
    """Run ``manage.py ingest_articles folder``; return the seconds and the articles by status. ``phases``: print
    where the parent's time went and the workers' CPU (Phases)."""
    import contextlib
    import io

    from django.core.management import CommandError, call_command

    from articles.models import Article, ArticleRevision

    before = (Article.objects.count(), ArticleRevision.objects.count())
    started = time.perf_counter()
    out = io.StringIO()
    timing = Phases() if phases else contextlib.nullcontext()
    with timing:
        try:
            call_command("ingest_articles", str(folder), verbosity=0, stdout=out, stderr=io.StringIO())
        except CommandError as error:  # a page the parser refuses fails alone; the run is still timed and counted
            print(f"  ({error})")
    seconds = time.perf_counter() - started
    counts = {"articles added": Article.objects.count() - before[0],
              "revisions added": ArticleRevision.objects.count() - before[1]}
    if phases:
        timing.print(sum(counts.values()))
    return seconds, counts


def bench_ingest(total: int, workdir: Path, stems_from: Path | None = None, phases: bool = False) -> None:
    """Print the ingest of ``total`` new pages and of the updates, each with articles/s and the load.

    ``stems_from`` is a stem table to start from (articles/search/stems.py): the archive then knows the stems of the
    words it has seen, as a running archive does; without it every word of the pages is new to it, as in a fresh one.
    """
    os.environ["ARSIP_DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["ARSIP_INDEX_DIR"] = str(workdir / "index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_sample_archive", "--reference-only", verbosity=0)
    call_command("rebuild_index", verbosity=0)  # the empty index a fresh archive starts with (saves never make one)
    from articles.search.stems import stem_table

    if stems_from:
        shutil.copy(stems_from, stem_table().path)
    print(f"Stem table: {len(stem_table())} words known before the ingest"
          f"{f' (from {stems_from})' if stems_from else ' (a fresh archive)'}")
    started = time.perf_counter()
    drafts = pages_write(workdir / "new", total)
    updated = updates_write(workdir / "updated", drafts)
    print(f"Pages: {total} new distinct stories in 3 sample layouts, {updated} of them changed "
          f"(written in {time.perf_counter() - started:.1f} s)")
    print(f"before ingest: {load()}")
    seconds, counts = ingest_timed(workdir / "new", phases)
    print(f"ingest of {total} new pages (ingest_articles, end to end): {total / seconds:7.1f} articles/s "
          f"in {seconds:.1f} s, {counts}   goal >= 300 new articles/s")
    print(f"after: {load()}")
    seconds, counts = ingest_timed(workdir / "updated", phases)
    print(f"ingest of {updated} changed versions (updates): {updated / seconds:7.1f} articles/s in {seconds:.1f} s, "
          f"{counts}")
    print(f"after: {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="new pages to ingest (default 10000)")
    parser.add_argument("--parse-pages", type=int, default=1000, help="pages of the warm parse measure (default 1000)")
    parser.add_argument("--workdir", type=Path, help="where the archive and the pages go (default: a temporary "
                                                          "directory, removed at the end)")
    parser.add_argument("--stems-from", type=Path, help="a stem table (index/stems-*.sqlite3 of another archive, e.g. "
                        "var/bench/100000's) the archive starts with: the daily case of an archive that has seen "
                        "most words; by default it starts empty, as a fresh archive's")
    parser.add_argument("--phases", action="store_true", help="print where the ingest's time went: the parent's "
                        "phases (wall and CPU), the workers' CPU, and the cores' idle time")
    parser.add_argument("--ingest-only", action="store_true", help="skip the parse measures (one core)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    pages = sample_pages()
    print(f"Machine: {machine()}; {load()}")
    if not args.ingest_only:
        distinct = pages + golden_pages()
        rate = bench_parse_cold(distinct)
        print(f"parse + extract, cold: {len(distinct)} distinct pages once (one core): {rate:7.1f} pages/s   "
              f"goal >= 400")
        rate = bench_parse(pages, args.parse_pages)
        print(f"parse + extract, warm: {len(pages)} sample pages repeated to {args.parse_pages} (one core): "
              f"{rate:7.1f} pages/s   goal >= 400")
    if args.workdir:
        shutil.rmtree(args.workdir, ignore_errors=True)
        args.workdir.mkdir(parents=True)
        bench_ingest(args.pages, args.workdir.resolve(), args.stems_from, args.phases)
    else:
        with tempfile.TemporaryDirectory(prefix="arsip-bench-") as workdir:
            bench_ingest(args.pages, Path(workdir), args.stems_from, args.phases)


if __name__ == "__main__":
    main()
