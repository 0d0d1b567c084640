"""Pages never seen: mutations of real-looking pages give a ParsedArticle or a ParseError, nothing else."""

import random
from pathlib import Path

import pytest

from articles.ingest import ParsedArticle, ParseError, decode_page, parse_article
from conftest import fixture_extractor

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
