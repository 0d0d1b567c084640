"""Print story-cluster speed: fingerprint ms per article, and rebuild_clusters over an archive of N articles.

Goals (issue 15): fingerprinting at most 2 ms per article of 400-800 words; clustering 100k articles from the
database under 3 minutes on 2 cores. The archive is scripts/gen_corpus.py's (DIR/arsip.sqlite3, made when missing);
pass a COPY of a cached one with --var-dir (the run writes fingerprints, bands and keys into it). The rebuild is timed
twice: from nothing (every article fingerprinted) and again (nothing changes). The index is neither written nor
queued here (the command's re-index of changed keys is rebuild_index's work, timed by bench_search.py).
Usage: .venv/bin/python scripts/bench_clusters.py N [--var-dir DIR]
Numbers are printed, never asserted: the machine decides them (its size and load are printed with them).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_ingest import machine  # noqa: E402
from scripts.gen_corpus import django_setup  # noqa: E402


def bench_fingerprint() -> None:
    from articles.ingest import parse_article
    from articles.ingest.fingerprint import fingerprint

    paths = sorted((ROOT / "fixtures" / "sample_articles").glob("*.txt"))
    bodies = [parse_article(path.read_text(encoding="utf-8")).body for path in paths]
    words = sum(len(body.split()) for body in bodies) / len(bodies)
    started = time.perf_counter()
    rounds = 10
    for _ in range(rounds):
        for body in bodies:
            fingerprint(body)
    elapsed = (time.perf_counter() - started) / (rounds * len(bodies))
    print(f"fingerprint: {elapsed * 1000:.2f} ms per article ({len(bodies)} sample stories, {words:.0f} words mean)")


def bench_rebuild(count: int, var_dir: Path) -> None:
    import subprocess

    if not (var_dir / "arsip.sqlite3").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_corpus.py"), str(count), "--var-dir", str(var_dir)],
                       check=True)
    django_setup(var_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from articles.models import Article, StoryBand
    from articles.services import clusters

    clusters.schedule_index = lambda ids: None

    Article.objects.update(cluster=None, fingerprint=None)
    StoryBand.objects.all().delete()
    for label in ("from nothing", "again"):
        report = clusters.clusters_rebuild()
        print(f"rebuild_clusters {label}: {report.articles} articles, {report.fingerprinted} fingerprinted, "
              f"{report.clusters} clusters of 2+, largest {report.largest}, {report.changed} keys changed, "
              f"{report.seconds:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--var-dir", type=Path)
    args = parser.parse_args()
    print(f"machine: {machine()}; load {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    bench_rebuild(args.count, args.var_dir or ROOT / "var" / "bench" / str(args.count))
    bench_fingerprint()


if __name__ == "__main__":
    main()
