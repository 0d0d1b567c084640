"""Print what writing the index costs: per-article CPU of Whoosh's analyzers against the writer's own analysis (with a
cold stem table and a filled one), and the time of a whole rebuild.

Usage:
  .venv/bin/python scripts/bench_writer.py DIR [--articles N] [--rebuild] [--zipf-words W] [--sub-writer N [--profile]]

DIR is an archive of its own (DIR/arsip.sqlite3, its index in DIR/index: ARSIP_VAR_DIR), e.g. a copy of a benchmark
corpus (``cp -r var/bench/10000 /tmp/w-10k``). Never point it at the real var/: --zipf-words W first rewrites every
body of DIR's articles as Zipf draws over W made-up Indonesian-looking words (syllables with me-, di-, ber-, ter-, pe-,
-kan, -an, -i, -nya), so the vocabulary is as large as a real archive's (the generated corpus has 3.8k words).
--sub-writer N does in this process what one of a parallel rebuild's forked sub-writers does with N articles
(rebuild.AnalysingSubWriter: batches unpickled, analysed, added to a BulkSegmentWriter, each segment's spelling index
made), and prints its CPU per article and its collections; --profile adds its cProfile top (a forked sub-writer cannot
be profiled from the parent). Numbers are printed, never asserted: the machine decides them (its load is printed with
them).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gen_corpus import django_setup  # noqa: E402 (scripts/ is on the path of a script run from it)

PREFIXES = ("", "", "", "me", "mem", "men", "meng", "di", "ber", "ter", "pe", "pem", "pen", "ke", "se")
SUFFIXES = ("", "", "", "kan", "an", "i", "nya", "lah")
SYLLABLES = [consonant + vowel for consonant in "bcdfghjklmnprstwy" for vowel in "aiueo"]


def made_up_words(count: int, seed: int = 17) -> list[str]:
    """Return ``count`` distinct made-up words: two or three syllables with an Indonesian prefix and suffix."""
    rng = random.Random(seed)
    words: dict[str, None] = {}
    while len(words) < count:
        root = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        words[rng.choice(PREFIXES) + root + rng.choice(SUFFIXES)] = None
    return list(words)


def zipf_bodies(count: int) -> None:
    """Rewrite every body as Zipf draws over ``count`` made-up words, as many words as it had."""
    import numpy as np
    from django.db import connection, transaction

    vocabulary = np.array(made_up_words(count))
    weights = 1.0 / (np.arange(1, count + 1) + 2.7)
    weights /= weights.sum()
    rng = np.random.default_rng(17)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, body FROM articles_article")
        rows = cursor.fetchall()
    with transaction.atomic(), connection.cursor() as cursor:
        for pk, body in rows:
            drawn = vocabulary[rng.choice(count, size=max(len(body.split()), 1), p=weights)]
            sentences = [" ".join(drawn[start:start + 12]).capitalize() + "." for start in range(0, len(drawn), 12)]
            cursor.execute("UPDATE articles_article SET body = %s WHERE id = %s", [" ".join(sentences), pk])
    print(f"rewrote {len(rows)} bodies over {count} made-up words")


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def writer_costs(articles: int) -> None:
    """Print per-article CPU of writing ``articles`` documents into a fresh index: Whoosh's analyzers (the old
    writer), then the writer's own analysis with a cold and a filled stem table; one writer and one commit each."""
    from whoosh import index as whoosh_index

    from articles.search import schema
    from articles.search.documents import analyse_documents, article_documents
    from articles.search.schema import SCHEMA, words
    from articles.search.stems import StemTable
    from articles.search.store import store

    ids = store().ids()[:articles]
    began = time.perf_counter()
    documents = [document for _pk, document in article_documents(ids)]
    read = time.perf_counter() - began
    distinct = {word for document in documents for word in words(document["content"])}
    print(f"{len(documents)} articles, {len(distinct)} distinct words; reading them: "
          f"{read / len(documents) * 1000:.2f} ms per article")
    scratch = Path(tempfile.mkdtemp(prefix="bench-writer-"))
    try:
        def write(name: str, batch: list[dict]) -> None:
            path = scratch / name
            path.mkdir()
            ix = whoosh_index.create_in(str(path), SCHEMA)
            writer = ix.writer(limitmb=256)
            for document in batch:
                writer.add_document(**document)
            writer.commit()

        schema.stem.cache_clear()
        began = _cpu()
        write("old", documents)  # a string goes through the analyzers, stems through schema.stem's cache
        old = _cpu() - began
        table = StemTable(scratch / "stems.sqlite3")
        for label in ("new, cold stem table", "new, filled stem table"):
            schema.stem.cache_clear()  # cold: the old writer's run left every stem in the cache
            began = _cpu()
            analysed = []
            for start in range(0, len(documents), 500):
                analysed += analyse_documents(documents[start:start + 500], table=table)
            write(label.replace(" ", "-").replace(",", ""), analysed)
            spent = _cpu() - began
            print(f"  {label}: {spent / len(documents) * 1000:.2f} ms CPU per article")
        print(f"  old (Whoosh analyzers, cold stem cache): {old / len(documents) * 1000:.2f} ms CPU per article")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def sub_writer_cost(articles: int, *, profile: bool) -> None:
    """Print the CPU per article of one build sub-writer's work on ``articles`` documents, in this process: what
    rebuild.AnalysingSubWriter does (garbage collection as it has it), into a fresh index beside the stem table."""
    import cProfile
    import gc
    import pickle
    import pstats

    from whoosh import index as whoosh_index

    from articles.search import spelling
    from articles.search.bulkwriter import BulkSegmentWriter
    from articles.search.documents import analyse_documents, article_documents
    from articles.search.rebuild import PARALLEL_BATCH, SEGMENT_LIMIT_MB, _spelling_for
    from articles.search.schema import SCHEMA
    from articles.search.store import store

    documents = [document for _pk, document in article_documents(store().ids()[:articles])]
    # As MpWriter._enqueue hands them over: pickled (0, fields), a batch at a time.
    batches = [pickle.dumps([(0, document) for document in documents[start:start + PARALLEL_BATCH]], -1)
               for start in range(0, len(documents), PARALLEL_BATCH)]
    scratch = Path(tempfile.mkdtemp(prefix="bench-subwriter-"))
    collections = {"cpu": 0.0, "count": 0, "began": 0.0}

    def timed(phase: str, _info: dict) -> None:
        if phase == "start":
            collections["began"] = time.process_time()
        else:
            collections["cpu"] += time.process_time() - collections["began"]
            collections["count"] += 1

    def work() -> None:
        ix = whoosh_index.create_in(str(scratch), SCHEMA)
        writer = BulkSegmentWriter(ix, limitmb=SEGMENT_LIMIT_MB, compound=False,
                                   on_segment=_spelling_for(ix.storage, ix.schema), words_of=spelling.FIELD)
        stems: dict[str, str] = {}
        gc.freeze()
        for batch in batches:
            gc.disable()
            try:
                for document in analyse_documents([fields for _zero, fields in pickle.loads(batch)], known=stems):
                    writer.add_document(**document)
            finally:
                gc.enable()
        writer.commit()

    gc.callbacks.append(timed)
    try:
        began = time.process_time()
        if profile:
            profiler = cProfile.Profile()
            profiler.runcall(work)
        else:
            work()
        spent = time.process_time() - began
    finally:
        gc.callbacks.remove(timed)
        gc.unfreeze()
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"one sub-writer, {len(documents)} articles: {spent / len(documents) * 1000:.2f} ms CPU per article "
          f"({collections['count']} collections, {collections['cpu']:.2f} s){' under cProfile' if profile else ''}")
    if profile:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def rebuild_cost() -> None:
    """Print the wall and CPU time (children included) of one rebuild_index, with its progress."""
    from articles.search.rebuild import rebuild_index

    began, cpu = time.perf_counter(), _cpu()
    report = rebuild_index(progress=lambda done, total: done % 2000 == 0 and print(f"  {done}/{total}", flush=True))
    seconds = time.perf_counter() - began
    print(f"rebuild of {report.indexed} articles: {seconds:.1f} s wall, {_cpu() - cpu:.1f} s CPU; "
          f"at 100k about {seconds / report.indexed * 100_000:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--articles", type=int, default=1000, help="articles written in the per-article measure")
    parser.add_argument("--zipf-words", type=int, default=0, help="first rewrite the bodies over this many words")
    parser.add_argument("--rebuild", action="store_true", help="also time a rebuild_index of the whole archive")
    parser.add_argument("--sub-writer", type=int, default=0, metavar="N",
                        help="also measure one build sub-writer's work on N articles, in this process")
    parser.add_argument("--profile", action="store_true", help="with --sub-writer: print its cProfile top")
    args = parser.parse_args()
    if args.archive.resolve() == (ROOT / "var").resolve():
        parser.error("give a copy of an archive, not the real var/")
    django_setup(args.archive)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a copied corpus may be older than the code
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    if args.zipf_words:
        zipf_bodies(args.zipf_words)
    if args.articles:
        writer_costs(args.articles)
    if args.sub_writer:
        sub_writer_cost(args.sub_writer, profile=args.profile)
    if args.rebuild:
        rebuild_cost()


if __name__ == "__main__":
    main()
