"""The quick tests that spare most lines a pattern's scan give what the pattern gives, on every line of the sample and
golden pages and on the cases each pattern is for."""

from __future__ import annotations

from pathlib import Path

from articles.ingest import boilerplate, cues

ROOT = Path(__file__).resolve().parents[3]
PAGES = sorted((ROOT / "fixtures" / "sample_articles").glob("*.txt")) + sorted(
    (ROOT / "articles" / "tests" / "pages").rglob("*.txt"))
CASES = [
    "kata dia. (rdp/imk)", "kata dia. (rdp/imk) \n", "kata dia. [ant]", "kata dia. (*)", "Harga naik (ab/CD) ",
    "Harga cabai naik tajam. Baca Juga: Harga Beras Turun di Pasar Induk", "Harga naik. (Lihat juga： Beras naik)",
    "Menurut Dr.", "Kata H.", "Ditulis oleh Drs.", "Drs.", "A.", "Bersama Agus D.W.", "Tbk.\n", "selesai.",
]


def _lines() -> list[str]:
    lines = list(CASES)
    for path in PAGES:
        lines += path.read_text(encoding="utf-8").splitlines()
    return lines


def test_trailing_initials_and_inline_links_as_the_patterns_give():
    for line in _lines():
        assert boilerplate.strip_trailing_initials(line) == boilerplate._TRAILING_INITIALS.sub("", line)
        expected = boilerplate._BRACKETED_LINK.sub("", line).strip() if "(" in line else line
        assert boilerplate.strip_inline_link(line) == boilerplate._INLINE_LINK.sub("", expected)
    assert boilerplate.strip_trailing_initials("kata dia. (rdp/imk)") == "kata dia."


def test_sentences_closed_by_an_abbreviation_as_the_whole_search_gives():
    lines = _lines()
    pattern = cues._ABBREVIATION_END
    for line in lines:
        start = max(len(line) - cues._ABBREVIATION_CHARS, 0)
        assert bool(pattern.search(line, start)) == bool(pattern.search(line)), line
    assert sum(bool(pattern.search(line)) for line in lines) >= 8
    assert cues.split_sentences("Menurut Dr. Budi harga naik. Kata dia.") == [(0, "Menurut Dr. Budi harga naik."),
                                                                            (29, "Kata dia.")]
