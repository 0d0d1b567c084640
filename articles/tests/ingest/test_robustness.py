"""Pages never seen: mutations of real-looking pages give a ParsedArticle or a ParseError, nothing else."""

import random
from pathlib import Path

import pytest

from articles.ingest import ParsedArticle, ParseError, decode_page, parse_article
from conftest import fixture_extractor

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow

SAMPLES = sorted((Path(__file__).resolve().parents[3] / "fixtures" / "sample_articles").glob("*.txt"))


def _mutations(text: str, rng: random.Random):
    lines = text.split("\n")
    yield "\n".join(line for line in lines if rng.random() > 0.3)  # lines lost
    yield text[: rng.randrange(len(text))]  # truncated
    yield "\n".join(rng.sample(lines, len(lines)))  # shuffled
    yield "\n".join(line.upper() for line in lines)  # shouting
    yield text.replace("\n", " ")  # one long line
    yield "\n\n".join(lines[::-1])  # upside down
    yield "".join(ch for ch in text if rng.random() > 0.02)  # characters lost
    yield text + "\n" + text  # saved twice


@pytest.mark.parametrize("page", SAMPLES[::4], ids=lambda p: p.stem)
def test_mutated_pages_parse_or_fail_with_a_reason(page):
    rng = random.Random(page.name)
    for mutated in _mutations(page.read_text(encoding="utf-8"), rng):
        try:
            result = parse_article(mutated, entities=fixture_extractor())
        except ParseError as error:
            assert error.reason
        else:
            assert isinstance(result, ParsedArticle)
            assert result.title and result.body
            assert result.published is None or result.published.tzinfo is not None


def test_random_bytes_fail_with_a_reason():
    rng = random.Random(7)
    for size in (1, 10, 1000, 20000):
        data = bytes(rng.randrange(256) for _ in range(size))
        try:
            parse_article(decode_page(data))
        except ParseError as error:
            assert error.reason


def test_no_line_the_patterns_read_is_longer_than_the_bound():
    from articles.ingest.lines import MAX_LINE_CHARS
    from articles.ingest.lines import page_lines as _lines

    page = "Judul berita\n" + "x" * 50_000 + "\n" + "kata demi kata " * 5_000 + "\nPenutup."
    lines = _lines(page)
    assert max(len(line) for line in lines) <= MAX_LINE_CHARS
    # Nothing is lost: the pieces hold every character but the spaces at the cuts.
    assert sum(line.count("x") for line in lines) == 50_000
    assert sum(line.count("kata") for line in lines) == 10_000


# A page at the size limit in the shapes that once cost gigabytes: one line without a space, one line of one word
# repeated, a hundred thousand short lines. Peak memory of a fresh process, parsing it with people and countries.
_HUGE_PAGE_PEAK = """
import resource, sys
sys.path.insert(0, {root!r})
from articles.ingest import ParseError, parse_article
from conftest import fixture_extractor
extractor = fixture_extractor()
head = "Judul berita panjang tentang sesuatu\\nJakarta, Kompas.com - Selasa, 21 November 2017 10:53 WIB\\n"
page = head + {body}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    parse_article(page, entities=extractor)
except ParseError:
    pass
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@pytest.mark.parametrize("body", [
    '"a" * 5_000_000', '"Rusia " * 800_000', '"Presiden Joko Widodo mengatakan hal itu di Jakarta.\\n" * 95_000',
], ids=["no-space", "one-word-repeated", "short-lines"])
def test_a_page_at_the_size_limit_parses_in_memory_proportional_to_it(body):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    script = _HUGE_PAGE_PEAK.format(root=str(root), body=body)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=root / "articles" / "tests")
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) < 200  # MB above the interpreter and the gazetteer: once 1,300
