"""Prove that stem()'s root filter never changes a stem, and print what it saves (issue 17).

Sastrawi takes ~0.5 ms for a word outside its dictionary and returns it unchanged; articles.search.roots tells such
words apart in a few µs. For every word the filter lets pass without asking Sastrawi, this script asks Sastrawi anyway
and counts the words where it would have stemmed (a mismatch: must be 0), over
  1. every word of Sastrawi's dictionary;
  2. the dictionary under affixes: every prefix form (as written, and with the root's first letter dropped as nasal
     prefixes do: "menulis", "memukul", "menyapu", "mengirim") under suffix combinations (--combos per root and
     prefix, rotating through all of them; --root-step takes every n-th root);
  3. the synthetic words of scripts/gen_corpus.py (--synthetic ranks);
  4. every lower-case alphabetic word of the real pages (var/real_pages of the main checkout, or --pages) and fixtures/.
Then it prints the share of words Sastrawi is still called for, and µs per word before (Sastrawi alone, uncached) and
after (filter, then Sastrawi when needed) on a sample of the synthetic and real vocabularies.

Usage: .venv/bin/python scripts/bench_stem.py [--synthetic 200000] [--root-step 1] [--combos 3] [--time-sample 5000]
Exit status 1 if any mismatch.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_search import machine  # noqa: E402 (scripts/ is on the path)
from gen_corpus import synthetic_word  # noqa: E402

from articles.search.roots import root_filter  # noqa: E402
from articles.search.schema import STEM_OVERRIDES, _sastrawi, words  # noqa: E402

# Prefixes as written before a root, alone and stacked; each is tried before the root and before the root without its
# first letter (the nasal forms).
PREFIX_FORMS = (
    "",
    *"me mem men meng menge meny di ber be bel ter te pe pen pem peng penge peny per pel ke se ku kau".split(),
    *"memper diper mempe keber seper diber terper berke menye pember kesepe".split(),
)
SUFFIX_COMBOS = (
    "",
    *"i kan an nya lah kah tah pun ku mu is isme isasi kannya annya inya kanlah nyalah kankah ilah anku".split(),
    *"kanmu annyalah kupun isasinya imu ankah".split(),
)
# Confixes, as the brief of issue 17 lists them: always tried whole.
CONFIXES = (("ke", "an"), ("pe", "an"), ("pen", "an"), ("peng", "an"), ("per", "an"), ("ber", "an"), ("se", "nya"))
REAL_PAGES = Path("/work/main/var/real_pages")
ALPHA = re.compile(r"[^\W\d_]+")


def dictionary() -> list[str]:
    return sorted(_sastrawi.dictionary.words)


def affixed(roots: list[str], *, root_step: int = 1, combos: int = 3) -> Iterator[str]:
    """Yield the roots under prefixes and suffixes (see the module's docstring)."""
    for index, root in enumerate(roots[::root_step]):
        bodies = (root, root[1:])
        for number, prefix in enumerate(PREFIX_FORMS):
            for body in bodies:
                for k in range(combos):
                    yield prefix + body + SUFFIX_COMBOS[(index + number + k * 7) % len(SUFFIX_COMBOS)]
        for prefix, suffix in CONFIXES:
            for body in bodies:
                yield prefix + body + suffix


def synthetic(count: int) -> list[str]:
    return [synthetic_word(rank) for rank in range(count)]


def page_words(folders: Iterable[Path]) -> list[str]:
    """Return the distinct lower-case alphabetic words of every text file under the folders."""
    found: set[str] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".txt", ".json", ".html", ".htm"):
                text = path.read_text(encoding="utf-8", errors="replace")
                found.update(word for word in words(text) if ALPHA.fullmatch(word))
    return sorted(found)


def asked(word: str) -> bool:
    """Whether stem() reaches the filter at all (not an override, alphabetic, longer than three letters)."""
    return word not in STEM_OVERRIDES and word.isalpha() and len(word) > 3


def mismatches(candidates: Iterable[str]) -> tuple[int, int, list[str]]:
    """Return (words stem() asks about, words the filter skips, skipped words Sastrawi would have stemmed)."""
    filter_ = root_filter(_sastrawi)
    sastrawi = _sastrawi
    total = skipped = 0
    wrong = []
    for word in dict.fromkeys(candidates):
        if not asked(word):
            continue
        total += 1
        if not filter_.may_have_root(word):
            skipped += 1
            if (sastrawi.stem(word) or word) != word:
                wrong.append(word)
    return total, skipped, wrong


def per_word_us(sample: list[str]) -> tuple[float, float]:
    """Return µs per word: Sastrawi alone (uncached), and the filter with Sastrawi only when it says so."""
    filter_ = root_filter(_sastrawi)
    sastrawi = _sastrawi
    started = time.perf_counter()
    for word in sample:
        sastrawi.stem(word)
    before = time.perf_counter() - started
    started = time.perf_counter()
    for word in sample:
        if filter_.may_have_root(word):
            sastrawi.stem(word)
    after = time.perf_counter() - started
    return before / len(sample) * 1e6, after / len(sample) * 1e6


def report(name: str, candidates: list[str]) -> int:
    started = time.perf_counter()
    total, skipped, wrong = mismatches(candidates)
    called = total - skipped
    print(
        f"{name}: {total} words stem() asks about, {skipped} skipped ({skipped / max(total, 1):.1%}), "
        f"Sastrawi called for {called}; mismatches {len(wrong)} {wrong[:10]} ({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    return len(wrong)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=200_000, help="synthetic word ranks to compare")
    parser.add_argument("--root-step", type=int, default=1, help="take every n-th dictionary root under affixes")
    parser.add_argument("--combos", type=int, default=3, help="suffix combinations per root and prefix")
    parser.add_argument("--time-sample", type=int, default=5000, help="words timed per vocabulary")
    parser.add_argument("--pages", type=Path, default=REAL_PAGES, help="folder of real pages")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    print(machine())
    started = time.perf_counter()
    root_filter(_sastrawi)
    print(f"filter built in {time.perf_counter() - started:.2f} s")
    roots = dictionary()
    vocabularies = {
        "synthetic": synthetic(args.synthetic),
        "real pages and fixtures": page_words([args.pages, ROOT / "fixtures"]),
    }
    wrong = report("dictionary", roots)
    wrong += report("dictionary under affixes", list(affixed(roots, root_step=args.root_step, combos=args.combos)))
    for name, vocabulary in vocabularies.items():
        wrong += report(name, vocabulary)
    rng = random.Random(args.seed)
    for name, vocabulary in vocabularies.items():
        pool = [word for word in dict.fromkeys(vocabulary) if asked(word)]
        sample = rng.sample(pool, min(args.time_sample, len(pool)))
        before, after = per_word_us(sample)
        print(f"{name}: {before:.0f} µs/word before, {after:.0f} µs/word after ({len(sample)} distinct words timed)")
    print(f"mismatches in all: {wrong}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
