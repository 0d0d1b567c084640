"""Write N truly new pages in the sample layouts (issue 17, item 2), to measure the batch ingest.

Each page is a sample page whose headline and body paragraphs are replaced by random words from a varied,
Indonesian-looking vocabulary (Zipf-weighted), with its own URL in a .url sidecar: every page is a new story, none a
copy of another. Private measuring aid, not the benchmark (scripts/bench_ingest.py):

    .venv/bin/python scripts/bench_ingest_batch.py /tmp/ingest-pages 2000
    ARSIP_VAR_DIR=/tmp/ingest-var .venv/bin/python manage.py migrate
    ARSIP_VAR_DIR=/tmp/ingest-var .venv/bin/python manage.py load_sample_archive --reference-only
    ARSIP_VAR_DIR=/tmp/ingest-var .venv/bin/python manage.py ingest_articles /tmp/ingest-pages

or, to see where the time goes (reading and parsing, saving, clusters, index writes) and the queries per page:

    ARSIP_VAR_DIR=/tmp/ingest-var .venv/bin/python scripts/bench_ingest_batch.py --measure /tmp/ingest-pages
"""

from __future__ import annotations

import os
import random
import resource
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings.dev")

SYLLABLES = ["ba", "ka", "ma", "na", "ra", "sa", "ta", "la", "pa", "da", "ga", "ja", "ha", "wa", "ya", "ngu", "nya",
             "be", "ke", "me", "ne", "re", "se", "te", "le", "pe", "de", "bi", "ki", "mi", "ni", "ri", "si", "ti", "li",
             "bu", "ku", "mu", "nu", "ru", "su", "tu", "lu", "pu", "du", "bo", "ko", "mo", "no", "ro", "so", "to"]
PREFIXES = ["", "", "", "me", "mem", "men", "ber", "di", "ter", "pe", "per", "ke"]
SUFFIXES = ["", "", "", "kan", "an", "nya", "i", "lah"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.add(rng.choice(PREFIXES) + stem + rng.choice(SUFFIXES))
    return sorted(words)


def main(out: Path, count: int, seed: int = 17) -> None:
    import django

    django.setup()
    from articles.ingest import parse_article

    rng = random.Random(seed)
    words = vocabulary(rng, 60_000)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    samples = []
    for path in sorted((BASE / "fixtures" / "sample_articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parsed = parse_article(text, source_name=path.name)
        paragraphs = [p for p in parsed.body.split("\n\n") if len(p) > 40 and p in text]
        if parsed.title in text and paragraphs:
            samples.append((path.stem, text, parsed.title, paragraphs))
    out.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        stem, text, title, paragraphs = samples[number % len(samples)]
        for paragraph in paragraphs:
            sentence = rng.choices(words, weights, k=max(6, len(paragraph.split())))
            text = text.replace(paragraph, " ".join(sentence).capitalize() + ".", 1)
        headline = " ".join(rng.choices(words, weights, k=8)).capitalize()
        text = text.replace(title, headline)
        name = f"{number:06d}_{stem}"
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        (out / f"{name}.url").write_text(f"https://example.com/{stem}/{number}\n", encoding="utf-8")


def measure(directory: Path, *, index: bool = True) -> None:
    """Ingest the pages of ``directory`` as ``ingest_articles`` does and print pages/s, queries per page and where
    the time went (the workers' parsing overlaps the saving: what is left over is the wait for them). Without
    ``index`` nothing is written to the index (the articles stay queued): the rest of the cost, apart."""
    import django

    django.setup()
    from django.db import connection

    from articles.ingest.sources import SourceReader
    from articles.search import indexing
    from articles.services import ingest

    spent = {"save (database, clusters included)": 0.0, "clusters": 0.0, "index writes": 0.0}
    queries = [0]

    def timed(owner, name, label):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - started
        setattr(owner, name, wrapper)

    def counted(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    timed(ingest._Saver, "save", "save (database, clusters included)")
    timed(ingest, "articles_cluster_join", "clusters")
    if not index:
        indexing._flush = lambda batch: None
    timed(indexing, "_flush", "index writes")
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counted):
        run = ingest.pages_ingest(pages=SourceReader([directory]))
        pages = sum(1 for _ in run)
    elapsed = time.perf_counter() - started
    print(f"{pages} pages in {elapsed:.1f} s: {pages / elapsed:.1f} pages/s ({dict(run.counts)}); "
          f"CPU: parent {time.process_time() - cpu:.1f} s, workers "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime:.1f} s; {queries[0] / pages:.2f} queries per page; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, seconds in spent.items():
        print(f"  {label}: {seconds:.1f} s ({1000 * seconds / pages:.2f} ms/page)")
    waited = elapsed - spent["save (database, clusters included)"] - spent["index writes"]
    print(f"  reading and parsing not hidden by the saving: {waited:.1f} s ({1000 * waited / pages:.2f} ms/page)")


if __name__ == "__main__":
    if sys.argv[1] == "--measure":
        measure(Path(sys.argv[2]), index="--no-index" not in sys.argv)
    else:
        main(Path(sys.argv[1]), int(sys.argv[2]))
