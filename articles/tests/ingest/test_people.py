"""People extraction: the gazetteer, the rules for names it lacks, and the traps."""

import pytest

from articles.ingest.entities import EntityExtractor
from articles.ingest.lexicon import is_common_word


def names(extractor, text, title=""):
    return [mention.name for mention in extractor.people_in(title=title, text=text)]


def test_gazetteer_alias_gives_canonical_name(extractor):
    assert names(extractor, "Presiden Jokowi meresmikan tol baru.") == ["Joko Widodo"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kapolres Bantul AKBP Wachyu Tri Budi Sulistiyono memimpin apel.", ["Wachyu Tri Budi Sulistiyono"]),
        ("Emir Qatar Sheikh Tamim bin Hamad al-Thani menelepon.", ["Tamim bin Hamad al-Thani"]),
        ("\"Kami siap,\" kata Bambang Sutrisno di Jakarta.", ["Bambang Sutrisno"]),
        ("Warga bernama Siti Aminah (45) kehilangan rumahnya.", ["Siti Aminah"]),
        ("Juru bicara BNPB Abdul Muhari mengatakan korban bertambah.", ["Abdul Muhari"]),
        ("Kepala Bidang Mitigasi Gempa Bumi dan Tsunami BMKG Hendra Wiratama mengatakan tidak ada tsunami.",
         ["Hendra Wiratama"]),
        ("Pasangan nomor urut 1 Nurdin Halid-Aziz Qahhar Mudzakkar meraih 29 persen.",
         ["Nurdin Halid", "Aziz Qahhar Mudzakkar"]),
        ("Mereka mengalahkan wakil Malaysia, Chan Peng Soon/Goh Liu Ying, di final.", ["Chan Peng Soon", "Goh Liu Ying"]),
        ("Seorang warga Skouw Mabo, Obet Kogoya, mengapresiasi langkah aparat.", ["Obet Kogoya"]),
        # A word of a work before a speaking name: a film's maker, not the film.
        ("Sutradara film Rangga Wiratmaja mengatakan syuting selesai pekan lalu.", ["Rangga Wiratmaja"]),
        ("Penulis novel Dewi Kartikasari menuturkan bukunya dicetak ulang.", ["Dewi Kartikasari"]),
    ],
)
def test_rules_find_names_the_gazetteer_lacks(extractor, text, expected):
    assert names(extractor, text) == expected


def test_short_mention_links_to_full_name(extractor):
    text = "Presiden Suriah Bashar al-Assad bertemu tamunya. \"Kami menang,\" kata Assad."
    assert names(extractor, text) == ["Bashar al-Assad"]


def test_speech_verb_vouches_for_an_uncued_full_name(extractor):
    text = "Ibunda korban, Rosti Simanjuntak, yang hadir menangis. \"Terima kasih,\" kata Rosti."
    assert "Rosti Simanjuntak" in names(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ribuan warga berkumpul di Gelora Bung Karno, Jakarta.",
        "Banjir merendam Jalan Sudirman dan Bundaran HI.",
        "Kepala Divisi Profesi dan Pengamanan Polri memeriksa anggotanya.",
        "Korban meninggal erupsi Gunung Lewotobi Laki-laki bertambah, kata petugas.",
        "Pasangan Prabowo-Hatta menggugat ke MK, kata kuasa hukumnya.",
        "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan menggelar rapat.",
        "Penerbangan dari Bandar Udara Fransiskus Xaverius Seda ditutup, kata otoritas.",
    ],
)
def test_places_bodies_and_tickets_are_not_people(extractor, text):
    assert names(extractor, text) == []


def test_title_case_headline_only_feeds_gazetteer(extractor):
    assert names(extractor, "Isi berita.", title="Presiden Resmikan Tol Baru Sepanjang Jalur Selatan") == []


def test_rejected_names_are_skipped():
    extractor = EntityExtractor(people={}, countries={}, rejected=["Budi Gunawan Street"])
    assert names(extractor, "Kata Budi Gunawan Street hari ini.") == []


def test_mentions_keep_context_and_known_flag(extractor):
    mentions = extractor.people_in(text="Juru bicara BPBD Bayu Prasetyo mengatakan korban bertambah.")
    assert mentions[0].known is False
    assert "korban bertambah" in mentions[0].context


def test_captions_are_not_entity_sources(extractor):
    from articles.ingest import parse_article

    page = (
        "Gempa Guncang Cianjur, Ratusan Rumah Rusak\n\nSenin, 21 November 2022 15:10 WIB\n\n"
        "Menteri Pertahanan Sergei Shoigu meninjau lokasi. (ANTARA FOTO/Budi)\n\n"
        "Cianjur - Gempa magnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Senin siang dan merusak "
        "ratusan rumah warga di sejumlah kecamatan.\n\n\"Kami terus mendata kerusakan,\" kata Kepala BNPB "
        "Suharyanto di lokasi.\n"
    )
    parsed = parse_article(page, entities=extractor)
    assert parsed.person_names == ["Suharyanto"]
    assert parsed.captions == ["Menteri Pertahanan Sergei Shoigu meninjau lokasi. (ANTARA FOTO/Budi)"]


# Issue 11: the false positives seen on real pages, and one person under several spellings.
@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("Siklon Tropis Seroja merusak ribuan rumah di Nusa Tenggara Timur, kata petugas.", "Seroja"),
        ("Badai Hagibis menghantam Jepang, dan Topan Mangkhut melanda Filipina tahun sebelumnya.", "Hagibis"),
        ("Nelayan itu ditangkap di kota General Santos, Filipina, pekan lalu.", "General Santos"),
        ("Penonton menyukai serial Squid Game yang tayang tahun lalu.", "Squid Game"),
        ("Kapal Tanjung Perak Jaya kandas di perairan Madura, kata Kapolres Heru Prasetyo.", "Tanjung Perak Jaya"),
    ],
)
def test_storms_shows_ships_and_places_are_not_people(extractor, text, unwanted):
    assert not any(unwanted in name for name in names(extractor, text))


def test_a_list_opened_by_yaitu_gives_the_names_without_it(extractor):
    found = names(extractor, "Dua tersangka ditahan, yaitu Bambang Sutrisno dan Rina Wulandari, kata polisi.")
    assert not any(name.startswith(("Yaitu", "yaitu")) for name in found)


def test_transliterations_of_a_known_person_are_that_person():
    extractor = EntityExtractor(people={"Sergey Lavrov": [], "Recep Tayyip Erdoğan": []},
                                countries={"RU": ["Rusia"], "TR": ["Turki"]})
    text = "Menteri Luar Negeri Rusia Sergei Lavrov bertemu Presiden Turki Recep Tayyip Erdogan di Ankara."
    assert names(extractor, text) == ["Sergey Lavrov", "Recep Tayyip Erdoğan"]


def test_spellings_of_one_unknown_person_in_a_story_are_one_person():
    extractor = EntityExtractor(people={}, countries={"UA": ["Ukraina"]})
    text = ("Presiden Ukraina Volodymyr Zelenskyy meminta bantuan. \"Kami butuh pertahanan udara,\" kata "
            "Volodymyr Zelensky di Kyiv.")
    assert names(extractor, text) == ["Volodymyr Zelenskyy"]


@pytest.mark.parametrize("word", [
    # Names and words that carry none of the stemmer's affixes: given back unchanged, so never its dictionary's.
    "Moeldoko", "Prabowo", "Karyoto", "Tito", "Kalla", "Randy", "Yogyakarta", "Cipayung",
    # Words and names with affixes: the stemmer decides.
    "Lawatan", "Kunjungan", "Perikanan", "Sutarman", "Jokowi", "Parulian", "Kurniawan", "Pemantau", "Dimas",
    "Gelombang", "Semangat", "Bukunya", "Terlihat", "Kepulauan", "Mengatakan", "Penyelenggaraan", "Telunjuk",
])
def test_common_word_test_agrees_with_the_stemmer(word):
    """The shortcut for words without affixes changes no answer: the stemmer's own verdict, word by word."""
    from articles.ingest.lexicon import _dictionary

    words, stemmer = _dictionary()
    lowered = word.lower()
    assert is_common_word(word) == (lowered in words or stemmer.stem(lowered) in words)
