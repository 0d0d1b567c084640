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


# Known gaps of the parser on the third, hardest golden set: each is a (page, field) the parser gets wrong today,
# with the reason. They run as strict xfails: the day one passes, the test fails until the entry is removed.
KNOWN_GAPS = {
    ("antara/protes-china-insiden-natuna-2016", "people"): "Chinese officials named without a role cue",
    ("cnbc-indonesia/rupiah-tembus-16900-tarif-trump-2025", "people"):
        "an analyst's firm name ('Doo Financial Futures') is read as part of his name",
    ("cnbc-indonesia/rupiah-tembus-16900-tarif-trump-2025", "countries"):
        "'ringgit Malaysia' counts as naming Malaysia; the page's editor did not count currencies",
    ("detik/ktt-amazon-belem-lula-2023", "people"): "Portuguese names with 'das' and names without cues",
    ("detik/ktt-amazon-belem-lula-2023", "countries"): "'Kongo' is read as DR Congo (CD), the page means CG",
    ("katadata/adb-pertahankan-proyeksi-ekonomi-2023", "people"):
        "a bank's name before an economist's ('Permata Josua Pardede'); a foreign central banker without cue",
    ("katadata/adb-pertahankan-proyeksi-ekonomi-2023", "countries"): "'bank sentral Jepang' counts as naming Japan",
    ("liputan6/ktt-antar-korea-panmunjom-2018", "people"): "Korean names without cues (spouses, sisters)",
    ("merdeka/bongkar-jaringan-judi-online-2023", "people"): "a police rank before a four-word name cuts the name",
    ("merdeka/bongkar-jaringan-judi-online-2023", "countries"): "a suspect's initials 'AS' without an age read as US",
    ("okezone/arhan-assist-suwon-fc-jeonbuk-2024", "people"): "Korean footballers listed without role cues",
    ("sindonews/perundingan-gencatan-senjata-doha-2024", "outlet"): "no SINDOnews cue in the page's short lines",
    ("sindonews/perundingan-gencatan-senjata-doha-2024", "outlet_domain"): "follows the outlet",
    ("sindonews/perundingan-gencatan-senjata-doha-2024", "people"):
        "an agency's name before a director's ('Mossad David Barnea'); a spokesman's first name lost",
    ("tribunnews/perempat-final-indonesia-masters-2024", "people"): "foreign doubles players listed without cues",
    ("unknown/kabarmuria-tanggul-wulan-jebol-demak-2024", "people"):
        "a place after 'warga' without a comma is read as the first name ('warga Demak Heru Santoso')",
    ("unknown/nusantarawire-bali-tourist-levy-2024", "people"):
        "'Sang' is stripped as an article from a Balinese name; names in English text without cues",
}


def _case_id(page: Path) -> str:
    return f"{page.parent.name}/{page.stem}"


def _cases():
    for page in PAGES:
        for field in FIELDS:
            reason = KNOWN_GAPS.get((_case_id(page), field))
            marks = [pytest.mark.xfail(strict=True, reason=f"known gap: {reason}")] if reason else []
            yield pytest.param(page, field, marks=marks, id=f"{_case_id(page)}-{field}")


_parsed_cache: dict[Path, dict] = {}


def _parsed(page: Path) -> dict:
    if page not in _parsed_cache:
        text = page.read_text(encoding="utf-8")
        _parsed_cache[page] = parse_article(text, source_name=page.name, entities=fixture_extractor()).as_dict()
    return _parsed_cache[page]


def _expected(page: Path) -> dict:
    return json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))


def test_every_outlet_has_a_golden_page_or_a_dateline_case():
    from articles.ingest.outlets import OUTLETS

    from .test_outlets import DATELINES

    folders = {page.parent.name for page in PAGES}
    slugs = {cues.info.slug for cues in OUTLETS}
    assert slugs <= folders | set(DATELINES)
    assert len(slugs & folders) >= 18  # the outlets of the first golden sets; the rest are read from their datelines
    assert "unknown" in folders


@pytest.mark.parametrize(("page", "field"), list(_cases()))
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
