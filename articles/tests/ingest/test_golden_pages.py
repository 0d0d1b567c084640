"""Golden pages: real-looking pages of every supported outlet, each with the answer a careful editor gives.

Each page is checked field by field, so a failure names the page and the field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles.ingest import parse_article
from conftest import fixture_extractor

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"
PAGES = sorted(PAGES_DIR.glob("*/*.txt"))
EXACT_FIELDS = (
    "outlet", "outlet_domain", "title", "summary", "published", "date_only", "author", "editor", "dateline",
)
FIELDS = (*EXACT_FIELDS, "people", "countries", "captions", "body")


def _case_id(page: Path) -> str:
    return f"{page.parent.name}/{page.stem}"


_parsed_cache: dict[Path, dict] = {}


def _parsed(page: Path) -> dict:
    if page not in _parsed_cache:
        text = page.read_text(encoding="utf-8")
        _parsed_cache[page] = parse_article(text, source_name=page.name, entities=fixture_extractor()).as_dict()
    return _parsed_cache[page]


def _expected(page: Path) -> dict:
    return json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))


def test_every_outlet_has_a_golden_page():
    from articles.ingest.outlets import OUTLETS

    folders = {page.parent.name for page in PAGES}
    assert {cues.info.slug for cues in OUTLETS} <= folders
    assert "unknown" in folders


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("page", PAGES, ids=_case_id)
def test_golden_page_field(page, field):
    got = _parsed(page)
    expected = _expected(page)
    if field in EXACT_FIELDS:
        assert got[field] == expected[field]
    elif field in ("people", "countries"):
        assert sorted(got[field]) == sorted(expected[field])
    elif field == "captions":
        assert got["captions"] == expected["captions"]
    else:
        body = got["body"]
        assert body.startswith(expected["body_starts_with"])
        assert body.endswith(expected["body_ends_with"])
        for fragment in expected["body_contains"]:
            assert fragment in body
        for junk in expected["body_excludes"]:
            assert junk not in body
