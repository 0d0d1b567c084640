"""Print how long the first view of a result page takes to mark its snippets, with and without the stem table.

Goal (issue 17): the 20 snippets of a page in a cold process <= 80 ms with a realistic vocabulary (about 400k distinct
words at 100k articles).
Usage: .venv/bin/python scripts/bench_highlight.py [--words 200000] [--texts 20] [--text-words 500] [--queries 10]
       [--seed S]

A synthetic vocabulary of Indonesian-looking affixed words (a root, a prefix such as "meng-" or "di-", a suffix such as
"-kan" or "-nya") is written to a stem table in a temporary folder with each word's root as its stem (``put_many``:
Sastrawi over 200k words would take minutes, and the table's reader does not care how its stems were made). Each
query is 2-3 real roots (``QUERY_ROOTS``); its 20 texts of about 500 words are drawn from the vocabulary by a Zipf
law, with some of the query's forms among them. Every query is timed cold both ways: a fresh Highlighter and table
connection, and an empty stem cache (``schema.stem.cache_clear()``). "before" stems the words that hold a searched
stem's letters (Sastrawi, as before the table); "after" reads the forms from the table and looks the other candidates
up. The queries' forms are given their real stems, so both mark the same words (the marks are printed). Numbers are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.search import schema  # noqa: E402 (the repository is put on the path above)
from articles.search.budget import Work  # noqa: E402
from articles.search.highlight import snippets  # noqa: E402
from articles.search.stems import StemTable  # noqa: E402
from articles.search.terms import HighlightTerms  # noqa: E402

PREFIXES = ("", "", "", "me", "mem", "men", "meng", "di", "ber", "ter", "pe", "pem", "pen", "peng", "ke", "se",
            "memper", "diper")
SUFFIXES = ("", "", "", "kan", "an", "i", "nya", "lah", "kannya", "annya")
ONSETS = "b c d g h j k l m n p r s t w y ng ny".split()
VOWELS = "a a a i i u u e o".split()
CODAS = ["", "", "", "n", "ng", "r", "k", "t", "s", "l", "m", "h"]
# Real roots searched for: their letters after the first ("alan", "akan", "sia") are in many other words, which the
# highlighter without the table stems one by one.
QUERY_ROOTS = ("tangkap", "periksa", "jalan", "makan", "bangun", "rusia", "harga", "tanam", "kirim", "pilih", "bantu",
               "laku", "usaha", "rumah", "kerja", "ajar")
FUNCTION_WORDS = "yang dan di dari ini itu dengan untuk pada dalam akan tidak juga kata para".split()


def root_make(rng: random.Random) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(rng.choice((2, 2, 3))))


def vocabulary_make(size: int, rng: random.Random) -> dict[str, str]:
    """Return {word: root} of ``size`` distinct affixed words."""
    roots = [root_make(rng) for _ in range(max(1, size // 12))] + list(QUERY_ROOTS)
    words: dict[str, str] = {}
    while len(words) < size:
        root = rng.choice(roots)
        words.setdefault(rng.choice(PREFIXES) + root + rng.choice(SUFFIXES), root)
    return words


def texts_make(vocabulary: list[str], forms: list[str], count: int, length: int, rng: random.Random) -> list[str]:
    """Return ``count`` texts of ``length`` words: Zipf-drawn words, function words and a few of the query's forms."""
    weights = list(accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
    texts = []
    for _ in range(count):
        words = rng.choices(vocabulary, cum_weights=weights, k=length)
        for index in rng.sample(range(length), length // 4):
            words[index] = rng.choice(FUNCTION_WORDS)
        for index in rng.sample(range(length), 3):
            words[index] = rng.choice(forms)
        texts.append(" ".join(words).capitalize() + ".")
    return texts


def timed_page(texts: list[str], terms: HighlightTerms, table_path: Path | None) -> tuple[float, str]:
    """Return the milliseconds of marking one page cold, how many words were stemmed and how many marked."""
    schema.stem.cache_clear()
    table = StemTable(table_path) if table_path else None  # a fresh connection, as a new worker has
    start = time.perf_counter()
    page = snippets(texts, terms, Work(seconds=60), table=table)
    milliseconds = (time.perf_counter() - start) * 1000
    return milliseconds, f"{milliseconds:6.1f} ms, {schema.stem.cache_info().misses:3} stemmed, " \
                         f"{sum(item.count('<mark>') for item in page):2} marks"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="distinct words in the archive")
    parser.add_argument("--texts", type=int, default=20, help="snippets on a page")
    parser.add_argument("--text-words", type=int, default=500, help="words in each text")
    parser.add_argument("--queries", type=int, default=10, help="queries timed (each cold)")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
          f"Python {platform.python_version()}")

    start = time.perf_counter()
    stems = vocabulary_make(args.words, rng)
    vocabulary = list(stems)
    rng.shuffle(vocabulary)
    by_root: dict[str, list[str]] = {}
    for word, root in stems.items():
        by_root.setdefault(root, []).append(word)
    # The queries' forms get their real stems (Sastrawi), so that both ways mark the same words.
    queries = [rng.sample(QUERY_ROOTS, rng.choice((2, 3))) for _ in range(args.queries)]
    for roots in queries:
        stems.update((form, schema.stem(form)) for root in roots for form in by_root[root])
    with tempfile.TemporaryDirectory() as folder:
        table_path = Path(folder) / "stems.sqlite3"
        StemTable(table_path).put_many(stems)
        print(f"vocabulary: {len(stems):,} words, {len(by_root):,} stems; table written in "
              f"{time.perf_counter() - start:.1f} s")

        before, after = [], []
        for number, roots in enumerate(queries):
            forms = [form for root in roots for form in by_root[root]]
            texts = texts_make(vocabulary, forms, args.texts, args.text_words, rng)
            terms = HighlightTerms(stems={schema.stem(root) for root in roots})
            old_ms, old = timed_page(texts, terms, None)
            new_ms, new = timed_page(texts, terms, table_path)
            before.append(old_ms)
            after.append(new_ms)
            print(f"query {number + 1:2} {' '.join(sorted(roots)):22} before {old}; after {new}")
    for name, values in (("before", before), ("after", after)):
        print(f"{name}: median {statistics.median(values):.1f} ms, max {max(values):.1f} ms "
              f"({args.texts} texts of {args.text_words} words, cold)")


if __name__ == "__main__":
    main()
