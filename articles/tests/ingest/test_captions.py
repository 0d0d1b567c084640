"""Captions' credits: the quick test that spares most lines the credit pattern never drops a credit it finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.ingest import captions

ROOT = Path(__file__).resolve().parents[3]
PAGES = sorted((ROOT / "fixtures" / "sample_articles").glob("*.txt")) + sorted(
    (ROOT / "articles" / "tests" / "pages").rglob("*.txt"))

CREDITS = [
    "Presiden di Istana (ANTARA FOTO/Nama)", "Foto: Nama/detikcom", "REUTERS/Nama Fotografer", "AP PHOTO",
    "Warga di pasar. DOK. Kemenlu", "ILUSTRASI pasar", "İlustrasi pasar", "Pemandangan via AP", "VİA AFP",
    "Kredit foto： Nama", "Gedung itu (Courtesy Nama)", "Tangkapan layar video", "Sumber: ſhutterstock",
    "Kota tua. Getty Images", "Gambar dari Unsplash", "FILE PHOTO gedung", "KREMLİN POOL", "screenshot",
]


@pytest.mark.parametrize("line", CREDITS)
def test_credits_are_found(line):
    assert captions.has_credit(line)


def test_quick_test_never_drops_a_credit_the_pattern_finds():
    lines = list(CREDITS)
    for path in PAGES:
        lines += path.read_text(encoding="utf-8").splitlines()
    found = [line for line in lines if captions._CREDIT.search(line)]
    assert len(found) > 50
    assert all(captions._may_credit(line) for line in found)
    # and it spares the pattern most lines of a story
    assert sum(not captions._may_credit(line) for line in lines) > len(lines) // 3


def test_story_sentences_have_no_credit():
    assert not captions.has_credit("Harga beras naik lagi di pasar induk pada pekan ini, kata pedagang.")
    assert not captions.has_credit("Menteri mengatakan bahwa program itu berjalan baik di semua daerah.")
