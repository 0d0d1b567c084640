"""Print what the near-word index costs at a realistic vocabulary, and how its suggestions compare with Whoosh's.

Goal (issue 17): a suggestion within a few ms at 400k distinct words, where Whoosh's corrector took 5-7 s a word.
Usage: .venv/bin/python scripts/bench_spelling.py [--words 400000] [--compare 10000] [--typos 200] [--seed S]

The vocabulary is synthetic and Indonesian-looking (prefixes, two or three consonant-vowel syllables, suffixes), with
Zipf document frequencies. Printed: build time, bytes in memory and on disk, the time a fresh process takes to map
the files and answer, lookup p50/p95 over typos of words drawn by frequency, and, on a smaller vocabulary in a Whoosh
index of its own, where the old corrector (as suggest.py asked it: one edit, then two, first letter kept, ten
candidates) and the new index pick different words. Numbers are printed, never asserted (the machine is printed too).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import machine  # noqa: E402 (scripts/ is on the path)

from articles.search import spelling  # noqa: E402
from articles.search.suggest import edit_distance  # noqa: E402

PREFIXES = ["", "", "", "me", "mem", "men", "meng", "meny", "ber", "di", "ter", "pe", "pem", "pen", "peng", "ke", "se"]
SUFFIXES = ["", "", "", "kan", "an", "i", "nya", "lah", "kah", "annya", "kannya"]
ONSETS = "bcdfghjklmnprstwy"
VOWELS = "aiueo"
CODAS = ["", "", "", "n", "ng", "r", "t", "k", "s", "h", "l", "m"]
ZIPF = 1.07
LETTERS = "abcdefghijklmnoprstuwy"


def vocabulary(count: int, rng: random.Random) -> tuple[list[str], list[int]]:
    """Return ``count`` distinct Indonesian-looking words, most frequent first, with Zipf document frequencies."""
    words: dict[str, None] = {}
    while len(words) < count:
        syllables = rng.choice((2, 2, 3))
        root = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
        words[rng.choice(PREFIXES) + root + rng.choice(SUFFIXES)] = None
    top = 50_000
    return list(words), [max(1, int(top / rank ** ZIPF)) for rank in range(1, count + 1)]


def typo(word: str, rng: random.Random) -> str:
    """Return ``word`` with one edit (sometimes two) after its first letter: a swap, a change, a letter more or less."""
    for _ in range(rng.choice((1, 1, 1, 2))):
        at = rng.randrange(1, len(word))
        edit = rng.choice("scad")
        if edit == "s" and at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        elif edit == "c":
            word = word[:at] + rng.choice(LETTERS) + word[at + 1:]
        elif edit == "a":
            word = word[:at] + rng.choice(LETTERS) + word[at:]
        elif len(word) > 3:
            word = word[:at] + word[at + 1:]
    return word


def typos(words: list[str], freqs: list[int], count: int, rng: random.Random) -> list[str]:
    """Return typos of words drawn by frequency, of the lengths suggest corrects, not themselves words."""
    known = set(words)
    drawn = []
    while len(drawn) < count:
        word = typo(rng.choices(words, weights=freqs)[0], rng)
        if 3 <= len(word) <= 24 and word not in known:
            drawn.append(word)
    return drawn


def nearest(near: dict[str, tuple[int, int]], word: str) -> str:
    return min(near, key=lambda c: (near[c][0], c[0] != word[0], -near[c][1], c)) if near else ""


def bench_index(count: int, typo_count: int, rng: random.Random) -> None:
    words, freqs = vocabulary(count, rng)
    began = time.perf_counter()
    arrays = spelling.build(words, freqs)
    built = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as folder:
        path = spelling.write(Path(folder), "BENCH", arrays)
        disk = sum(f.stat().st_size for f in path.iterdir())
        memory = sum(a.nbytes for a in arrays.values())
        print(f"{count:,} words: built in {built:.2f} s; {memory / 2**20:.1f} MiB of arrays, "
              f"{disk / 2**20:.1f} MiB on disk ({arrays['ids'].size:,} (trigram, length, word) entries)")
        probe = typos(words, freqs, 1, rng)[0]
        fresh = subprocess.run(
            [sys.executable, "-c", "import sys, time; began = time.perf_counter(); "
             "from articles.search import spelling; from pathlib import Path; imported = time.perf_counter(); "
             "words = spelling.read(Path(sys.argv[1])); words.near(sys.argv[2]); "
             "print(f'{(imported - began) * 1000:.0f} {(time.perf_counter() - imported) * 1000:.0f}')",
             str(path), probe],
            capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
        imports, answers = fresh.stdout.split()
        print(f"  a fresh process maps the files and answers one word in {answers} ms (after {imports} ms of imports)")
        index = spelling.read(path)
        asked = typos(words, freqs, typo_count, rng)
        times, examined, found, cut_at_one = [], [], 0, 0
        for word in asked:
            began = time.perf_counter()
            lookup = index.near(word, distance=1)  # as spelling.near_words asks: one edit, then two
            cut_at_one += lookup.examined >= spelling.MAX_CANDIDATES
            if not lookup.near:
                lookup = index.near(word)
            times.append((time.perf_counter() - began) * 1000)
            examined.append(lookup.examined)
            found += bool(lookup.near)
        cut = sum(e >= spelling.MAX_CANDIDATES for e in examined)
        print(f"  lookup of {len(asked)} typos: p50 {statistics.median(times):.2f} ms, "
              f"p95 {statistics.quantiles(times, n=20)[18]:.2f} ms, max {max(times):.2f} ms; words examined p50 "
              f"{statistics.median(examined):.0f}, max {max(examined)} ({cut} at the limit {spelling.MAX_CANDIDATES}, "
              f"{cut_at_one} of them one edit away); "
              f"{found} with a near word")


def compare_with_whoosh(count: int, typo_count: int, rng: random.Random) -> None:
    """Compare the picks of Whoosh's corrector (as suggest.py asked it before) and of the near-word index."""
    from whoosh.fields import TEXT, Schema
    from whoosh.filedb.filestore import RamStorage

    from articles.search.schema import exact_analyzer

    words, freqs = vocabulary(count, rng)
    ix = RamStorage().create_index(Schema(exact=TEXT(analyzer=exact_analyzer(), spelling=True)))
    writer = ix.writer()
    documents = 5  # a word with frequency f is in min(f, 5) documents: doc frequencies 1..5
    for doc in range(documents):
        writer.add_document(exact=" ".join(w for w, f in zip(words, freqs, strict=True) if f > doc))
    writer.commit()
    asked = typos(words, freqs, typo_count, rng)
    differ, old_ms, new_ms = [], [], []
    with ix.reader() as reader:
        corrector = reader.corrector("exact")
        for word in asked:
            began = time.perf_counter()
            old = ""
            for maxdist in (1, 2):
                candidates = corrector.suggest(word, limit=10, maxdist=maxdist, prefix=1)
                if candidates:
                    old = min(candidates, key=lambda c: (
                        edit_distance(word, c), c[0] != word[0], -reader.doc_frequency("exact", c), c))
                    break
            old_ms.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            new = nearest(spelling.near_words(reader, word), word)
            new_ms.append((time.perf_counter() - began) * 1000)
            if old != new:
                differ.append((word, old, new))
    print(f"{count:,} words, {len(asked)} typos: Whoosh's corrector p50 {statistics.median(old_ms):.1f} ms, "
          f"the index p50 {statistics.median(new_ms):.2f} ms (first one includes building it); "
          f"{len(differ)} pick a different word")
    for word, old, new in differ[:15]:
        print(f"  {word}: Whoosh {old or '-'} (distance {edit_distance(word, old) if old else '-'}), "
              f"index {new or '-'} (distance {edit_distance(word, new) if new else '-'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=400_000)
    parser.add_argument("--compare", type=int, default=10_000, help="vocabulary of the comparison with Whoosh")
    parser.add_argument("--typos", type=int, default=200)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    print(f"Machine: {machine()}, load {os.getloadavg()[0]:.2f}")
    bench_index(args.words, args.typos, random.Random(args.seed))
    compare_with_whoosh(args.compare, args.typos, random.Random(args.seed + 1))


if __name__ == "__main__":
    main()
