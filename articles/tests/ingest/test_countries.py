import pytest


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Presiden AS Joe Biden bertemu pemimpin Tiongkok.", ["US", "CN"]),
        ("Orang nomor satu di Negeri Beruang Merah itu tiba di Suriah.", ["RU", "SY"]),
        ("Korsel dan Korut kembali bersitegang.", ["KR", "KP"]),
        ("Hubungan Amerika Serikat dan Rusia-Ukraina memanas.", ["US", "RU", "UA"]),
        ("Indonesia's top diplomat flew to Myanmar.", ["ID", "MM"]),
        ("Ekspor ke Uni Emirat Arab (UEA) naik.", ["AE"]),
        ("Sebagian besar berasal dari Malaysia dan Hongkong.", ["MY", "HK"]),
    ],
)
def test_country_names_and_aliases(extractor, text, codes):
    assert extractor.countries_in(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "Pesan ucapan selamat mengalir dari Asia dan Amerika Latin.",
        "Ia fasih berbahasa Inggris dan bahasa Inggris adalah syaratnya.",
        "AS Roma menang 2-0 atas lawannya.",
        "He was as calm as ever.",
        "Negara wajib hadir, kata dia.",
        "Timnas memakai jersey baru.",
        "Kapal asing masuk Laut China Selatan.",
        "Indonesia Corruption Watch mencatat 26 poin pelemahan.",
    ],
)
def test_blocked_phrases_are_not_countries(extractor, text):
    assert extractor.countries_in(text) == []


def test_longest_match_wins(extractor):
    assert extractor.countries_in("Papua Nugini dan Korea Selatan") == ["PG", "KR"]


def test_every_iso_country_has_an_indonesian_name():
    from articles.ingest.countries import country_names

    table = country_names()
    assert len(table) == 249
    assert table["RU"]["name_id"] == "Rusia"
    assert table["GB"]["name_en"] == "United Kingdom"
    assert "Negeri Beruang Merah" in table["RU"]["aliases"]
