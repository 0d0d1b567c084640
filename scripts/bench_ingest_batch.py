"""Write N truly new pages in the sample layouts (issue 17, item 2), to measure the batch ingest.

Each page is a sample page whose headline and body paragraphs are replaced by random words from a varied,
Indonesian-looking vocabulary (Zipf-weighted), with its own URL in a .url sidecar: every page is a new story, none a
copy of another. Private measuring aid, not the benchmark (scripts/bench_ingest.py):

    .venv/bin/python scripts/bench_ingest_batch.py /tmp/ingest-pages 2000
    ARSIP_VAR_DIR=/tmp/ingest-var .venv/bin/python manage.py migrate
    ARSIP_VAR_DIR=/tmp/ingest-var .venv/bin/python manage.py load_sample_archive --reference-only
    ARSIP_VAR_DIR=/tmp/ingest-var .venv/bin/python manage.py ingest_articles /tmp/ingest-pages
"""

from __future__ import annotations

import os
import random
import sys
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


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
