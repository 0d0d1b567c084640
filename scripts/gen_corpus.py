"""Make N synthetic Indonesian news articles in an archive of their own: a corpus for benchmarks.

The articles link the real reference data (18 outlets, about 729 people, 249 countries) in news-like proportions: a few
outlets, people and countries are very frequent and the rest form a long tail (Zipf), Indonesia is the most common
country and a quarter of the articles name nobody. Each article is a story of its own: its words are drawn one by one
from a Zipf vocabulary, a head of real words (those of the six topics' templates: politics, economy, sport, disasters,
crime, diplomacy) and a long tail of synthetic Indonesian-looking words (consonant-vowel roots under real affixes:
me-, di-, ber-, ter-, pe-, per-, ke-, se-, -kan, -an, -i, -nya, ke-...-an, pe-...-an, memper-...-kan), with the
topic's phrases, numbers and places among them, and the linked people and countries named in the text as the entity
extractor would have found them. So the vocabulary grows with the archive as a real one does (70k distinct words at
2k articles, 196k at 10k) and two articles share no long runs of words, except the 3% that are wire copies of a recent
article by another outlet with a few words changed: the near-duplicates clustering must find. Dates spread over
2010-2025, recent years heavier. ``distinct_words(archive_texts())`` counts the vocabulary (printed at the end).

Article number i depends only on (seed, i): N=100000 starts with the same 10000 articles as N=10000, and a re-run adds
only what is missing. bulk_create sends no signals, so nothing is indexed here: bench_search.py builds the index, or
run ``ARSIP_VAR_DIR=DIR .venv/bin/python manage.py rebuild_index``.

Usage: .venv/bin/python scripts/gen_corpus.py N [--seed S] [--var-dir DIR] [--no-count]
The archive is DIR/arsip.sqlite3 with its index in DIR/index (ARSIP_VAR_DIR); DIR defaults to var/bench/<N>, so the real
var/ is never touched unless asked for.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Bump when the generated text or links change: bench_search.py keys its cached corpora on it.
GENERATOR_VERSION = 2
DEFAULT_SEED = 1
# Articles per transaction: three bulk_create calls (articles, people, countries) each.
BATCH = 2000
JAKARTA = ZoneInfo("Asia/Jakarta")

# Publication years, each YEAR_GROWTH times as many articles as the year before: 2025 has about 8x as many as 2010,
# roughly how Indonesian online outlets grew over the period.
YEARS = range(2010, 2026)
YEAR_GROWTH = 1.15
YEAR_WEIGHTS = [YEAR_GROWTH**index for index in range(len(YEARS))]
# Hours of the day a story is published, weighted towards office hours (WIB).
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 4, 3, 2, 1]

# Zipf exponents: the share of the item at rank r is proportional to 1 / r**s. Larger s, steeper head.
OUTLET_ZIPF = 0.9
PERSON_ZIPF = 1.0
COUNTRY_ZIPF = 1.1
# Outlets by audience, most read first (approximate, from public traffic rankings); others follow in table order.
OUTLET_POPULARITY = (
    "detik", "kompas", "tribunnews", "liputan6", "cnn-indonesia", "okezone", "antara", "tempo", "suara", "kumparan",
    "sindonews", "merdeka", "republika", "viva", "cnbc-indonesia", "bisnis", "katadata", "jakarta-post",
)
# The fixture's placeholder for pages whose site was not recognised: not an outlet a story is written for.
UNKNOWN_OUTLET = "unknown"
# The people in the news most often, first; the rest follow in the fixture's order (presidents, then ministers, ...).
PROMINENT_PEOPLE = (
    "joko-widodo", "prabowo-subianto", "sri-mulyani-indrawati", "gibran-rakabuming-raka", "luhut-binsar-pandjaitan",
    "anies-baswedan", "ganjar-pranowo", "erick-thohir", "retno-marsudi", "mahfud-md", "airlangga-hartarto",
    "puan-maharani", "susilo-bambang-yudhoyono", "megawati-soekarnoputri", "basuki-tjahaja-purnama", "jusuf-kalla",
)
# Foreign countries by how often Indonesian news names them, most first; the rest follow in code order.
FOREIGN_POPULARITY = (
    "US", "CN", "MY", "JP", "SG", "AU", "RU", "UA", "KR", "SA", "PS", "IL", "IN", "GB", "TH", "PH", "VN", "NL", "DE",
    "FR", "TL", "MM", "IR", "TR", "QA", "AE", "EG", "BR", "AR", "PG", "BN", "TW", "HK", "KP", "PK",
)
# The names the press uses where the registry's name_id differs: each is the country's name_en or a CountryAlias,
# so the entity extractor would have linked it.
PRESS_NAMES = {"CN": "China", "GB": "Inggris", "MM": "Myanmar", "PS": "Palestina"}

# How many people an article names, as weights: a quarter name nobody.
PEOPLE_COUNT_WEIGHTS = {0: 25, 1: 30, 2: 22, 3: 12, 4: 6, 5: 3, 6: 2}
# A person of the story's topic (a minister of finance in economy news), otherwise anyone in the news.
TOPIC_PERSON_SHARE = 0.75
# Paragraphs per article (4-12, most 6-8) and sentences per paragraph.
PARAGRAPH_WEIGHTS = {4: 6, 5: 10, 6: 14, 7: 15, 8: 14, 9: 11, 10: 8, 11: 5, 12: 4}
SENTENCES_PER_PARAGRAPH = (2, 5)
SUMMARY_SHARE = 0.4
CAPTION_SHARE = 0.5


@dataclass(frozen=True)
class Topic:
    """A kind of story: how often it runs, who is in it, its headlines, sentences and the words that fill them.

    Templates name their slots in braces: {person} and {country} are the article's linked entities, a slot listed in
    ``words`` draws from that list, any other from ``NUMBERS`` or ``SHARED_WORDS``. A slot ending in 2 ({club2})
    draws a value other than the one without the 2.
    """

    weight: int
    people_cue: str  # a regex over Person.description: who this topic's stories are about ("" = anyone)
    indonesia_share: float  # of articles that link Indonesia
    foreign_weights: dict[int, int]  # how many foreign countries an article links, as weights
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    person_sentences: tuple[str, ...]
    country_sentences: tuple[str, ...]
    words: dict[str, tuple[str, ...]]


DOMESTIC_FOREIGN = {0: 70, 1: 20, 2: 7, 3: 3}

TOPICS = {
    "politik": Topic(
        weight=26,
        people_cue=r"Presiden|Menteri|DPR|MPR|Partai|partai|Gubernur|Bupati|Wali Kota|KPU|Bawaslu|politikus|Ketua",
        indonesia_share=0.5,
        foreign_weights=DOMESTIC_FOREIGN,
        titles=(
            "{org} Bahas {issue}",
            "{person} Tanggapi Polemik {issue}",
            "Jelang {event}, {org} Minta Semua Pihak Jaga Suasana Kondusif",
            "{person} Tegaskan Pemerintah Tidak Intervensi {org}",
            "Survei: Elektabilitas {party} Naik Jelang {event}",
            "Fraksi di DPR Terbelah soal {issue}",
            "{org} Tetapkan {n} Daerah Rawan Jelang {event}",
            "Gugatan soal {issue} Ditolak Mahkamah Konstitusi",
            "{person} Dipanggil {org} Terkait {issue}",
        ),
        sentences=(
            "Rapat yang berlangsung tertutup itu membahas {issue} dan jadwal {event}.",
            "Sejumlah fraksi di DPR meminta pemerintah menunda pembahasan {issue} "
            "hingga ada kajian yang lebih mendalam.",
            "{org} mencatat ada {n} laporan dugaan pelanggaran selama masa kampanye di {region}.",
            "Hasil survei terbaru menunjukkan {pct} responden belum menentukan pilihan menjelang {event}.",
            "Pengamat politik menilai {issue} berpotensi memicu ketegangan di antara partai koalisi.",
            "Pembahasan {issue} ditargetkan rampung sebelum masa sidang berakhir.",
            "Anggaran sebesar {amount} disiapkan untuk penyelenggaraan {event} di {region}.",
            "{org} memastikan seluruh tahapan {event} berjalan sesuai jadwal.",
            "Sejumlah mahasiswa menggelar unjuk rasa di depan gedung DPR untuk menolak {issue}.",
            "Keputusan itu diambil setelah {org} menggelar rapat pleno selama dua hari.",
            "{party} dan {party2} disebut tengah menjajaki koalisi untuk {event}.",
            "Sebanyak {n} calon kepala daerah telah mendaftar ke KPU {region}.",
        ),
        person_sentences=(
            "{person} menilai {issue} harus dibahas secara terbuka bersama masyarakat.",
            "{person} mengaku telah berkomunikasi dengan pimpinan {org} terkait {issue}.",
            "Dalam kesempatan itu, {person} juga menyinggung persiapan {event} di {region}.",
        ),
        country_sentences=(
            "Pemilu di {country} kerap dijadikan pembanding oleh para pengamat dalam membahas {issue}.",
            "Sistem pemerintahan {country} disebut menjadi salah satu rujukan dalam kajian {issue}.",
        ),
        words={
            "issue": (
                "revisi undang-undang pemilu", "ambang batas pencalonan presiden", "RUU perampasan aset",
                "pemekaran daerah otonomi baru", "hak angket", "koalisi partai pendukung pemerintah",
                "perombakan kabinet", "netralitas aparatur sipil negara", "politik uang", "daftar pemilih tetap",
                "sengketa hasil pilkada", "pemindahan ibu kota negara", "anggaran pilkada serentak",
                "putusan Mahkamah Konstitusi", "masa jabatan kepala desa", "pencalonan anggota legislatif",
            ),
            "org": (
                "DPR", "KPU", "Bawaslu", "Mahkamah Konstitusi", "Kementerian Dalam Negeri", "MPR", "DKPP",
                "Istana Kepresidenan", "Komisi II DPR", "Badan Legislasi DPR",
            ),
            "party": (
                "Partai Golkar", "PDI Perjuangan", "Partai Gerindra", "PKB", "Partai NasDem", "PKS",
                "Partai Demokrat", "PAN", "PPP", "Partai Solidaritas Indonesia",
            ),
            "event": (
                "pilkada serentak", "pemilu legislatif", "pemilihan presiden", "rapat paripurna",
                "debat calon presiden", "sidang tahunan MPR", "kampanye terbuka", "pelantikan anggota DPR",
            ),
        },
    ),
    "ekonomi": Topic(
        weight=22,
        people_cue=r"Keuangan|Bank Indonesia|OJK|Perekonomian|Pertamina|Direktur|BUMN|ESDM|Perdagangan|"
                   r"Perindustrian|Investasi|pengusaha|ekonom|Bappenas|Pertanian|Gubernur BI",
        indonesia_share=0.6,
        foreign_weights={0: 55, 1: 28, 2: 12, 3: 5},
        titles=(
            "{org} Pertahankan Suku Bunga Acuan di Level {pct}",
            "Rupiah Melemah ke {rate} per Dolar AS",
            "Harga {commodity} Naik Jelang Lebaran",
            "Ekonomi Tumbuh {pct} pada {period}",
            "{person}: {issue} Masih Terkendali",
            "Pemerintah Siapkan {amount} untuk Sektor {sector}",
            "Ekspor {commodity} ke {country} Melonjak",
            "{org} Proyeksikan {issue} Membaik Tahun Depan",
            "IHSG Ditutup Menguat ke Level {index}",
        ),
        sentences=(
            "Badan Pusat Statistik mencatat inflasi tahunan mencapai {pct} pada bulan lalu.",
            "Nilai tukar rupiah ditutup melemah ke level {rate} per dolar AS pada perdagangan sore.",
            "Pemerintah mengalokasikan anggaran {amount} untuk menjaga {issue} tetap stabil.",
            "Sektor {sector} disebut menjadi penopang utama pertumbuhan ekonomi pada {period}.",
            "Harga {commodity} di tingkat petani turun hingga {pct} dibandingkan bulan sebelumnya.",
            "Realisasi investasi di sektor {sector} mencapai {amount} sepanjang {period}.",
            "Ekonom memperkirakan {issue} akan menjadi tantangan terbesar perekonomian nasional tahun ini.",
            "{org} menyatakan akan terus memantau perkembangan {issue} dan menyiapkan langkah antisipasi.",
            "Indeks Harga Saham Gabungan ditutup menguat {pct} ke level {index}.",
            "Kebijakan itu diharapkan mendorong daya beli masyarakat dan menekan {issue}.",
            "Bank Indonesia mempertahankan suku bunga acuan di level {pct} dalam rapat dewan gubernur.",
            "Pasokan {commodity} di sejumlah pasar tradisional di {city} dilaporkan mulai menipis.",
        ),
        person_sentences=(
            "{person} memastikan pemerintah akan menjaga {issue} agar tidak membebani masyarakat.",
            "Menurut {person}, sektor {sector} masih memiliki ruang untuk tumbuh lebih tinggi.",
            "{person} meminta pelaku usaha tidak menaikkan harga {commodity} secara berlebihan.",
        ),
        country_sentences=(
            "Permintaan {commodity} dari {country} meningkat tajam dalam beberapa bulan terakhir.",
            "Perlambatan ekonomi {country} dikhawatirkan berdampak pada kinerja ekspor nasional.",
            "Investor asal {country} menyatakan minat menanamkan modal di sektor {sector}.",
        ),
        words={
            "issue": (
                "inflasi", "suku bunga acuan", "nilai tukar rupiah", "harga beras", "harga bahan bakar minyak",
                "subsidi energi", "defisit anggaran", "utang luar negeri", "ekspor nikel", "hilirisasi mineral",
                "investasi asing", "penerimaan pajak", "neraca perdagangan", "pertumbuhan ekonomi",
                "harga minyak goreng", "cukai rokok", "tarif listrik", "kredit usaha rakyat", "amnesti pajak",
            ),
            "org": (
                "Bank Indonesia", "Kementerian Keuangan", "Otoritas Jasa Keuangan", "Badan Pusat Statistik",
                "Kementerian Perdagangan", "Pertamina", "Bursa Efek Indonesia", "Kementerian BUMN",
                "Kementerian ESDM", "Bappenas", "IMF", "Bank Dunia", "Kadin",
            ),
            "sector": (
                "manufaktur", "pertambangan", "pertanian", "pariwisata", "perbankan", "properti",
                "energi terbarukan", "ekonomi digital", "perikanan", "otomotif",
            ),
            "commodity": (
                "batu bara", "minyak sawit", "nikel", "beras", "gula", "kedelai", "bawang merah", "cabai rawit",
                "jagung", "tembaga", "telur ayam", "daging sapi",
            ),
            "period": (
                "kuartal pertama", "kuartal kedua", "kuartal ketiga", "kuartal keempat", "semester pertama",
                "akhir tahun",
            ),
        },
    ),
    "olahraga": Topic(
        weight=12,
        people_cue=r"[Pp]ebulu|sepak bola|[Aa]tlet|[Pp]elatih|[Pp]etinju|[Pp]embalap|[Pp]erenang|[Ll]ifter|PSSI|"
                   r"Olimpiade|[Tt]enis|[Pp]emain|[Pp]enyerang|[Bb]ek|[Kk]iper|Pemuda dan Olahraga",
        indonesia_share=0.55,
        foreign_weights={0: 45, 1: 40, 2: 12, 3: 3},
        titles=(
            "Timnas Indonesia Menang {score} atas {country}",
            "{person} Melaju ke Final {event}",
            "{club} Tundukkan {club2} {score}",
            "{org} Umumkan Skuad untuk {event}",
            "Indonesia Raih {small} Medali Emas di {event}",
            "{person} Optimistis Tatap {event}",
            "Tahan Imbang {club2}, {club} Gagal Naik ke Puncak Klasemen",
        ),
        sentences=(
            "Pertandingan yang digelar di {stadium} itu disaksikan sekitar {crowd} penonton.",
            "{club} membuka keunggulan lewat gol pada menit ke-{minute}.",
            "Hasil itu membuat {club} naik ke peringkat {rank} klasemen sementara.",
            "{org} menargetkan kontingen Indonesia meraih minimal {small} medali emas di {event}.",
            "Pelatih menyebut timnya masih perlu memperbaiki penyelesaian akhir dan lini pertahanan.",
            "Sebanyak {squad} pemain dipanggil untuk memperkuat tim nasional di {event}.",
            "Cabang {sport} kembali menjadi andalan untuk mendulang medali di {event}.",
            "Pemusatan latihan digelar selama {weeks} pekan di {city} sebelum tim berangkat.",
            "Suporter memadati area stadion sejak sore meski hujan mengguyur {city}.",
            "{club2} sempat menyamakan kedudukan sebelum turun minum.",
        ),
        person_sentences=(
            "{person} tampil gemilang dan menang dalam {games}.",
            "{person} mengaku puas dengan penampilan tim meski sempat tertinggal di babak pertama.",
            "{person} menyebut persiapan menuju {event} berjalan sesuai rencana.",
        ),
        country_sentences=(
            "Tim Garuda akan menghadapi {country} pada laga berikutnya di {event}.",
            "Tim {country} dinilai sebagai lawan terberat di fase grup {event}.",
        ),
        words={
            "issue": (
                "persiapan timnas", "naturalisasi pemain", "jadwal kompetisi Liga 1", "sanksi FIFA",
                "renovasi stadion", "bonus atlet peraih medali", "pemusatan latihan", "kualifikasi Piala Dunia",
            ),
            "org": ("PSSI", "PBSI", "KONI", "Kemenpora", "FIFA", "BWF", "NOC Indonesia", "PT Liga Indonesia Baru"),
            "event": (
                "Piala AFF", "SEA Games", "Asian Games", "Olimpiade", "Kualifikasi Piala Dunia", "Indonesia Open",
                "Piala Thomas", "Piala Uber", "Liga 1", "Piala Asia",
            ),
            "club": (
                "Persija Jakarta", "Persib Bandung", "Arema FC", "Persebaya Surabaya", "Bali United", "PSM Makassar",
                "PSIS Semarang", "Borneo FC", "Persik Kediri", "Dewa United",
            ),
            "sport": (
                "sepak bola", "bulu tangkis", "bola voli", "angkat besi", "panjat tebing", "pencak silat",
                "atletik", "renang",
            ),
            "stadium": (
                "Stadion Utama Gelora Bung Karno", "Jakarta International Stadium", "Stadion Manahan",
                "Stadion Kanjuruhan", "Istora Senayan", "Stadion Gelora Bandung Lautan Api",
                "Stadion Patriot Candrabhaga", "Stadion Kapten I Wayan Dipta",
            ),
            "games": ("dua gim langsung", "tiga gim", "rubber game yang ketat"),
        },
    ),
    "bencana": Topic(
        weight=10,
        people_cue=r"BNPB|BMKG|Basarnas|Kebencanaan|Menteri Sosial|Pekerjaan Umum|Gubernur|Bupati|Wali Kota",
        indonesia_share=0.45,
        foreign_weights={0: 80, 1: 15, 2: 5},
        titles=(
            "Gempa Magnitudo {magnitude} Guncang {place}",
            "{disaster} Terjang {place}, {n} Rumah Rusak",
            "{volcano} Kembali Erupsi, Status Naik Jadi Siaga",
            "BNPB: Korban {disaster} di {place} Bertambah Jadi {n} Orang",
            "Ribuan Warga {place} Mengungsi Akibat {disaster}",
            "BMKG Peringatkan Potensi {disaster} Sepekan ke Depan",
        ),
        sentences=(
            "{disaster} melanda {place} sejak dini hari setelah hujan deras mengguyur selama berjam-jam.",
            "BPBD mencatat sedikitnya {n} rumah rusak dan {many} warga terpaksa mengungsi.",
            "Tim SAR gabungan masih mencari {small} warga yang dilaporkan hilang.",
            "BMKG menyebut pusat gempa berada di kedalaman {depth} kilometer dan tidak berpotensi tsunami.",
            "Status {volcano} dinaikkan dari Waspada menjadi Siaga setelah aktivitas vulkanik meningkat.",
            "Bantuan logistik berupa beras, selimut dan obat-obatan telah disalurkan ke posko pengungsian.",
            "Akses jalan menuju lokasi terputus akibat material longsor setinggi dua meter.",
            "Pemerintah daerah menetapkan status tanggap darurat selama {days} hari.",
            "Kerugian akibat bencana itu ditaksir mencapai {amount}.",
            "Warga diimbau menjauhi bantaran sungai dan lereng bukit selama musim hujan.",
        ),
        person_sentences=(
            "{person} meninjau lokasi {disaster} dan berjanji mempercepat perbaikan rumah warga.",
            "{person} meminta warga tetap waspada terhadap {disaster} susulan.",
        ),
        country_sentences=(
            "Pemerintah {country} menyampaikan duka cita dan menawarkan bantuan kemanusiaan.",
            "Relawan dari {country} ikut membantu proses evakuasi korban.",
        ),
        words={
            "issue": ("penanganan pengungsi", "mitigasi bencana", "rehabilitasi rumah warga", "sistem peringatan dini"),
            "org": ("BNPB", "BPBD", "BMKG", "Basarnas", "PVMBG", "Kementerian Sosial", "PMI"),
            "disaster": (
                "banjir bandang", "tanah longsor", "gempa bumi", "erupsi gunung", "kebakaran hutan dan lahan",
                "angin puting beliung", "gelombang tinggi", "kekeringan", "abrasi pantai", "banjir rob",
            ),
            "place": (
                "Kabupaten Cianjur", "Kabupaten Garut", "Kota Palu", "Kabupaten Lombok Utara", "Kabupaten Sigi",
                "Kabupaten Bogor", "Kota Semarang", "Kabupaten Luwu Utara", "Kabupaten Agam", "Kabupaten Karo",
                "Kabupaten Lumajang", "Kota Bekasi", "Kabupaten Bima", "Kabupaten Kepulauan Sangihe",
                "Kabupaten Sumedang", "Kabupaten Pesisir Selatan",
            ),
            "volcano": (
                "Gunung Merapi", "Gunung Semeru", "Gunung Sinabung", "Gunung Agung", "Gunung Lewotobi",
                "Gunung Marapi", "Gunung Ruang", "Gunung Anak Krakatau",
            ),
        },
    ),
    "kriminal": Topic(
        weight=16,
        people_cue=r"[Tt]erpidana|[Tt]ersangka|[Tt]erdakwa|KPK|Polri|Kapolri|Kapolda|Jaksa|[Hh]akim|Narkotika|"
                   r"Propam|pembunuhan|korupsi|Hukum",
        indonesia_share=0.35,
        foreign_weights={0: 82, 1: 14, 2: 4},
        titles=(
            "{org} Tetapkan {small} Tersangka Kasus {crime}",
            "{person} Divonis {years} Tahun Penjara",
            "Polisi Bongkar Jaringan {crime} di {city}",
            "{org} Sita Aset Senilai {amount} dari Tersangka {crime}",
            "Sidang Kasus {crime} Hadirkan {small} Saksi",
            "{person} Diperiksa {org} Terkait {crime}",
        ),
        sentences=(
            "Tersangka diduga menerima uang senilai {amount} terkait {crime}.",
            "Penyidik menyita sejumlah dokumen, telepon genggam dan uang tunai dari lokasi penggeledahan.",
            "Majelis hakim menjatuhkan vonis {years} tahun penjara dan denda {amount}.",
            "Para tersangka dijerat pasal berlapis dengan ancaman hukuman maksimal {years} tahun penjara.",
            "Kasus ini terungkap setelah {org} menerima laporan dari masyarakat.",
            "Polisi masih memburu {small} pelaku lain yang melarikan diri.",
            "Jaksa penuntut umum menyatakan pikir-pikir atas putusan tersebut.",
            "Barang bukti sabu seberat {kg} kilogram diamankan dari sebuah gudang di {city}.",
            "{org} menduga praktik {crime} itu sudah berlangsung sejak {since}.",
        ),
        person_sentences=(
            "{person} tidak berkomentar saat ditanya wartawan usai menjalani pemeriksaan selama {hours} jam.",
            "Kuasa hukum {person} menyatakan kliennya akan kooperatif selama proses hukum.",
            "{person} menegaskan pihaknya tidak akan pandang bulu dalam mengusut {crime}.",
        ),
        country_sentences=(
            "Tersangka diketahui sempat melarikan diri ke {country} sebelum ditangkap.",
            "Jaringan tersebut diduga terhubung dengan sindikat internasional di {country}.",
        ),
        words={
            "crime": (
                "korupsi pengadaan barang dan jasa", "suap perizinan", "pencucian uang", "peredaran narkoba",
                "penipuan investasi bodong", "pembunuhan berencana", "judi online", "perdagangan orang",
                "pungutan liar", "penyelundupan satwa dilindungi", "korupsi dana desa", "gratifikasi",
            ),
            "issue": ("penegakan hukum", "pemberantasan korupsi", "peredaran narkoba", "judi online"),
            "org": (
                "KPK", "Kejaksaan Agung", "Bareskrim Polri", "Polda Metro Jaya", "BNN", "PPATK",
                "Pengadilan Tipikor", "Mahkamah Agung", "Komisi Yudisial", "Ditjen Bea dan Cukai",
            ),
        },
    ),
    "diplomasi": Topic(
        weight=14,
        people_cue=r"Luar Negeri|Perdana Menteri|Sekretaris Jenderal|Duta Besar|Raja|Kaisar|Kanselir|PBB|NATO|"
                   r"ASEAN|Presiden (?!ke-)",
        indonesia_share=0.9,
        foreign_weights={1: 45, 2: 35, 3: 15, 4: 5},
        titles=(
            "Indonesia dan {country} Sepakati {issue}",
            "{person} Bertemu Mitranya dari {country} Bahas {issue}",
            "Indonesia Desak {org} Segera Tangani {issue}",
            "Jelang {event}, Indonesia Dorong {issue}",
            "{country} Dukung Keketuaan Indonesia di {org}",
            "Menlu Tegaskan Sikap Indonesia soal {issue}",
        ),
        sentences=(
            "Kedua negara sepakat memperkuat {issue} melalui dialog yang lebih intensif.",
            "Pertemuan itu berlangsung di sela-sela {event} selama {minutes} menit.",
            "Indonesia menegaskan komitmennya untuk mendorong penyelesaian damai atas {issue}.",
            "Nota kesepahaman senilai {amount} ditandatangani dalam pertemuan tersebut.",
            "Kementerian Luar Negeri memastikan seluruh WNI di wilayah konflik dalam keadaan aman.",
            "{org} diharapkan berperan lebih aktif dalam menangani {issue}.",
            "Pernyataan bersama itu juga menyinggung pentingnya menjaga stabilitas kawasan.",
            "Jalur diplomasi dinilai tetap menjadi pilihan terbaik untuk meredakan ketegangan.",
            "Para diplomat kedua negara akan melanjutkan perundingan teknis pekan depan.",
            "Hubungan diplomatik kedua negara telah terjalin lebih dari {decades} dekade.",
        ),
        person_sentences=(
            "{person} menyebut hubungan kedua negara berada pada titik terbaik dalam satu dekade terakhir.",
            "Dalam pertemuan itu, {person} menyampaikan keprihatinan atas {issue}.",
        ),
        country_sentences=(
            "Pemerintah {country} menyambut baik usulan Indonesia terkait {issue}.",
            "Duta Besar {country} untuk Indonesia dipanggil untuk memberikan klarifikasi.",
            "Perdagangan Indonesia dengan {country} tercatat mencapai {amount} tahun lalu.",
        ),
        words={
            "issue": (
                "kerja sama maritim", "konflik di Laut China Selatan", "perlindungan pekerja migran",
                "krisis kemanusiaan", "perjanjian perdagangan bebas", "transisi energi", "keamanan kawasan",
                "kemerdekaan Palestina", "perubahan iklim", "pengungsi Rohingya",
            ),
            "org": (
                "ASEAN", "PBB", "Kementerian Luar Negeri", "G20", "APEC", "Dewan Keamanan PBB", "OKI", "BRICS",
                "Uni Eropa",
            ),
            "event": (
                "KTT ASEAN", "KTT G20", "Sidang Majelis Umum PBB", "KTT APEC", "pertemuan bilateral",
                "Forum Ekonomi Dunia", "Konferensi Perubahan Iklim",
            ),
        },
    ),
}

# Sentences any story may use, with the topic's {issue} and {org}.
SHARED_SENTENCES = (
    "Hingga berita ini diturunkan, belum ada keterangan resmi dari pihak terkait.",
    "Informasi tersebut dibenarkan oleh juru bicara {org} saat dikonfirmasi wartawan.",
    "Langkah itu mendapat tanggapan beragam dari warganet di media sosial.",
    "Rencana tersebut akan dievaluasi kembali dalam {months} bulan ke depan.",
    "Sebelumnya, persoalan {issue} sempat menjadi sorotan publik pada awal tahun.",
    "Pihaknya berjanji akan memberikan keterangan lebih lanjut dalam waktu dekat.",
)
SHARED_PERSON_SENTENCES = (
    '"Kami akan menindaklanjuti persoalan ini secepatnya," kata {person} di {city}, {day} {date}.',
    '"Semua pihak harus menahan diri dan menunggu hasil kajian," ujar {person}.',
    "{person} menyampaikan hal itu usai rapat terbatas di {city}, {day} {date}.",
    "Menurut {person}, masyarakat tidak perlu khawatir terhadap {issue}.",
    '"Kita ingin ada kepastian, jangan sampai masyarakat dirugikan," tutur {person}.',
)
SHARED_COUNTRY_SENTENCES = (
    "Perkembangan situasi di {country} terus dipantau oleh pemerintah.",
    "Kasus serupa sebelumnya juga pernah terjadi di {country}.",
)
# The country sentences above are about a foreign country; these name Indonesia.
INDONESIA_SENTENCES = (
    "Pemerintah Indonesia memastikan akan terus memantau perkembangan {issue}.",
    "Kondisi tersebut dinilai penting bagi Indonesia dalam jangka panjang.",
    "Indonesia disebut memiliki posisi strategis dalam persoalan {issue}.",
    "Hal itu, menurutnya, akan berdampak langsung pada masyarakat Indonesia.",
)
CAPTIONS = (
    "{subject} memberikan keterangan kepada wartawan di {city}, {day} {date}.",
    "{subject} saat menghadiri acara di {city}, {day} {date}.",
    "Suasana di {city}, {day} {date}.",
)
SHARED_WORDS = {
    "city": (
        "Jakarta", "Surabaya", "Bandung", "Medan", "Semarang", "Makassar", "Palembang", "Denpasar", "Yogyakarta",
        "Malang", "Solo", "Balikpapan", "Pekanbaru", "Padang", "Manado", "Pontianak", "Banjarmasin", "Jayapura",
        "Kupang", "Mataram", "Ambon", "Batam", "Bogor", "Bekasi", "Tangerang", "Depok", "Samarinda", "Jambi",
        "Bengkulu", "Banda Aceh", "Palu", "Kendari", "Sorong", "Ternate", "Cirebon", "Tasikmalaya",
    ),
    "region": (
        "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Sumatera Utara", "Sulawesi Selatan", "Papua",
        "Bali", "Kalimantan Timur", "Aceh", "Riau", "Sumatera Barat", "Banten", "Nusa Tenggara Timur", "Maluku",
        "Lampung", "Kalimantan Barat", "Sulawesi Utara",
    ),
}
FIRST_NAMES = (
    "Adi", "Agus", "Andi", "Ayu", "Bambang", "Budi", "Dewi", "Dian", "Dimas", "Eka", "Fajar", "Fitri", "Hendra",
    "Indah", "Irfan", "Joko", "Kurnia", "Lestari", "Maya", "Nur", "Putri", "Rahmat", "Rina", "Rizky", "Sari",
    "Siti", "Taufik", "Teguh", "Wahyu", "Yoga", "Yuni",
)
LAST_NAMES = (
    "Pratama", "Saputra", "Wibowo", "Lestari", "Hidayat", "Nugroho", "Kurniawan", "Setiawan", "Siregar",
    "Nasution", "Harahap", "Simanjuntak", "Santoso", "Permana", "Rahman", "Fauzi", "Maulana", "Susanto",
    "Wijaya", "Halim", "Sembiring", "Manurung", "Putri", "Anggraini",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
# Words a headline keeps in lower case ("Banjir Terjang Garut, Ribuan Warga di Pengungsian").
HEADLINE_LOWER = frozenset({"di", "ke", "dari", "dan", "atau", "yang", "untuk", "dengan", "pada", "atas", "soal"})


def _thousands(number: int) -> str:
    """Return a number with Indonesian thousands dots: 12500 -> '12.500'."""
    return f"{number:,}".replace(",", ".")


def _decimal(number: float) -> str:
    """Return a number with one decimal and an Indonesian comma: 5.75 -> '5,8'."""
    return f"{number:.1f}".replace(".", ",")


# Slots filled with numbers, each drawn afresh where it is used.
NUMBERS: dict[str, Callable[[random.Random], str]] = {
    "n": lambda rng: str(rng.randint(2, 500)),
    "small": lambda rng: str(rng.randint(2, 12)),
    "many": lambda rng: _thousands(rng.randint(100, 25_000)),
    "pct": lambda rng: f"{_decimal(rng.uniform(0.1, 12.0))} persen",
    "amount": lambda rng: f"Rp {_decimal(rng.uniform(1, 999))} {rng.choice(('juta', 'miliar', 'triliun'))}",
    "rate": lambda rng: f"Rp {_thousands(rng.randint(12_800, 16_900))}",
    "index": lambda rng: _thousands(rng.randint(3_500, 7_900)),
    "magnitude": lambda rng: _decimal(rng.uniform(4.0, 7.6)),
    "score": lambda rng: f"{rng.randint(1, 4)}-{rng.randint(0, 3)}",
    "minute": lambda rng: str(rng.randint(3, 90)),
    "rank": lambda rng: str(rng.randint(1, 18)),
    "crowd": lambda rng: _thousands(rng.randint(5, 75) * 1000),
    "years": lambda rng: str(rng.randint(2, 20)),
    "months": lambda rng: str(rng.randint(2, 12)),
    "weeks": lambda rng: str(rng.randint(2, 8)),
    "days": lambda rng: str(rng.randint(7, 30)),
    "hours": lambda rng: str(rng.randint(3, 12)),
    "minutes": lambda rng: str(rng.randint(30, 120)),
    "depth": lambda rng: str(rng.randint(5, 120)),
    "kg": lambda rng: str(rng.randint(1, 400)),
    "since": lambda rng: str(rng.randint(2005, 2020)),
    "decades": lambda rng: str(rng.randint(2, 7)),
    "squad": lambda rng: str(rng.randint(23, 34)),
}

def _zipf_cumulative(count: int, exponent: float) -> list[float]:
    """Return cumulative Zipf weights for ranks 1..count, for random.choices(cum_weights=...)."""
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1)))


def _draw_count(rng: random.Random, weights: dict[int, int]) -> int:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _distinct(draw: Callable[[], object], count: int) -> list:
    """Return ``count`` distinct results of ``draw()``, or fewer if repeated draws keep giving the same ones."""
    chosen: list = []
    for _attempt in range(count * 20):
        if len(chosen) == count:
            break
        item = draw()
        if item not in chosen:
            chosen.append(item)
    return chosen


def _headline(text: str) -> str:
    """Capitalise a headline's words the way Indonesian outlets do: 'harga beras naik' -> 'Harga Beras Naik'."""
    words = text.split(" ")
    return " ".join(
        word if index and word in HEADLINE_LOWER else word[:1].upper() + word[1:] for index, word in enumerate(words)
    )


@dataclass(frozen=True)
class PersonRef:
    pk: int
    name: str
    short: str  # how later mentions and headlines name the person: a press alias ("Jokowi") or the name
    home: str  # the foreign country the description names ("Perdana Menteri Singapura" -> "SG"), or ""


@dataclass(frozen=True)
class CountryRef:
    pk: int
    code: str
    name: str


@dataclass
class Reference:
    """The archive's outlets, people and countries, ranked by how often they are in the news."""

    outlets: list[tuple[int, str]]  # (pk, name)
    outlet_weights: list[float]
    people: list[PersonRef]
    person_weights: list[float]
    topic_people: dict[str, tuple[list[PersonRef], list[float]]]
    indonesia: CountryRef
    foreign: list[CountryRef]
    foreign_weights: list[float]
    countries: dict[str, CountryRef]

    @classmethod
    def load(cls) -> Reference:
        from articles.models import Country, CountryAlias, Outlet, Person, PersonAlias

        outlets = [(outlet.pk, outlet.slug, outlet.name) for outlet in Outlet.objects.exclude(slug=UNKNOWN_OUTLET)]
        outlets.sort(key=lambda row: _rank(OUTLET_POPULARITY, row[1]))

        countries = {
            country.code: CountryRef(country.pk, country.code, PRESS_NAMES.get(country.code, country.name_id))
            for country in Country.objects.order_by("code")
        }
        foreign = sorted(
            (c for c in countries.values() if c.code != "ID"), key=lambda c: _rank(FOREIGN_POPULARITY, c.code)
        )
        country_names = {country.name: country.code for country in countries.values()}
        country_names.update(CountryAlias.objects.values_list("name", "country__code"))
        country_pattern = re.compile(
            r"\b(" + "|".join(re.escape(name) for name in sorted(country_names, key=len, reverse=True)) + r")\b"
        )

        aliases: dict[int, list[str]] = {}
        for person_id, alias in PersonAlias.objects.values_list("person_id", "name"):
            aliases.setdefault(person_id, []).append(alias)
        people = []
        for person in Person.objects.order_by("pk"):
            # The shortest press alias of four letters or more ("Jokowi", "Sri Mulyani"), not acronyms ("JK").
            short = min((a for a in aliases.get(person.pk, []) if 4 <= len(a) < len(person.name)), key=len,
                        default=person.name)
            homes = [country_names[m] for m in country_pattern.findall(person.description)]
            people.append((person, PersonRef(person.pk, person.name, short, next((c for c in homes if c != "ID"), ""))))
        people.sort(key=lambda row: _rank(PROMINENT_PEOPLE, row[0].slug))

        topic_people = {}
        for name, topic in TOPICS.items():
            cue = re.compile(topic.people_cue)
            chosen = [ref for person, ref in people if cue.search(person.description)]
            topic_people[name] = (chosen, _zipf_cumulative(len(chosen), PERSON_ZIPF))
        return cls(
            outlets=[(pk, name) for pk, _slug, name in outlets],
            outlet_weights=_zipf_cumulative(len(outlets), OUTLET_ZIPF),
            people=[ref for _person, ref in people],
            person_weights=_zipf_cumulative(len(people), PERSON_ZIPF),
            topic_people=topic_people,
            indonesia=countries["ID"],
            foreign=foreign,
            foreign_weights=_zipf_cumulative(len(foreign), COUNTRY_ZIPF),
            countries=countries,
        )


def _rank(popular: tuple[str, ...], key: str) -> int:
    """Sort key: the items of ``popular`` in its order, then (sorting is stable) the rest in their own order."""
    return popular.index(key) if key in popular else len(popular)


# The vocabulary. A real archive has hundreds of thousands of distinct words: a few hundred function and topic words
# make up half of the text, and a long tail of rarer words, affixed forms, names and numbers the rest. Here the head is
# the real words of the topics above (their templates are no longer used as sentences) and the tail is synthetic
# Indonesian-looking words: roots of consonant-vowel syllables under real affixes ("menyakuti", "pembodaran"), drawn
# by Zipf's law so the vocabulary grows with the archive as Heaps' law says (about 200k words at 10k articles).
ONSETS = tuple("bcdghjklmnprstwy")
VOWELS = tuple("aiueo")
CODAS = ("", "n", "ng", "k", "t", "r", "l", "s", "h", "m")
SYLLABLES = tuple(onset + vowel for onset in ONSETS for vowel in VOWELS)
# (prefix, suffix) in rough order of frequency; "meN"/"peN" take the nasal the root's first sound asks for.
AFFIXES = (
    ("", ""), ("meN", ""), ("di", ""), ("", "an"), ("ber", ""), ("meN", "kan"), ("ter", ""), ("", "nya"),
    ("peN", ""), ("di", "kan"), ("ke", "an"), ("peN", "an"), ("per", "an"), ("meN", "i"), ("se", ""), ("di", "i"),
    ("", "kan"), ("per", ""), ("ke", ""), ("memper", "kan"),
)
# Synthetic words by rank (Zipf-Mandelbrot): the share of rank r is proportional to 1 / (r + 1 + SYNTHETIC_OFFSET)**
# SYNTHETIC_ZIPF, ranks below SYNTHETIC_RANKS. The offset keeps the most frequent synthetic word below the real
# function words (under 1% of the tail). Measured: 70k distinct words at 2k articles, 196k at 10k (Heaps
# exponent 0.64; the tail's 800k ranks bend it down beyond, towards 600-900k at 100k).
SYNTHETIC_ZIPF = 1.2
SYNTHETIC_OFFSET = 30
SYNTHETIC_RANKS = 800_000
# Of the words of a sentence, this share comes from the real head (Zipf over it), the rest from the synthetic tail.
HEAD_SHARE = 0.55
HEAD_ZIPF = 1.0
WORDS_PER_SENTENCE = (8, 20)
# Per sentence: the chance of a phrase of the topic ("suku bunga acuan"), a number, a place.
PHRASE_SHARE = 0.35
NUMBER_SHARE = 0.2
PLACE_SHARE = 0.08
# A wire copy: another outlet runs an article of the last WIRE_WINDOW ones with a few words changed.
WIRE_COPY_SHARE = 0.03
WIRE_WINDOW = 2000
WIRE_CHANGES = (2, 8)
# Roots of two syllables (most Indonesian roots) and of three, and a multiplier that scatters consecutive root numbers
# over the syllable space (prime, so it permutes it).
SCATTER = 48_271
SCATTER_OFFSET = 1_234_567


def _nasal(prefix: str, root: str) -> str:
    """Return meN-/peN- + root the way Indonesian sounds it: pukul -> memukul, tulis -> menulis, sapu -> menyapu."""
    base = prefix[:-1]  # "me" or "pe"
    first = root[0]
    if first in "aiueogh":
        return base + "ng" + root
    if first == "k":
        return base + "ng" + root[1:]
    if first in "bp":
        return base + "m" + (root[1:] if first == "p" else root)
    if first in "cdjt":
        return base + "n" + (root[1:] if first == "t" else root)
    if first == "s":
        return base + "ny" + root[1:]
    return base + root


def _root(number: int) -> str:
    """Return synthetic root ``number``: two syllables for two numbers of three, three for the third, never repeated."""
    syllables, index = (3, number // 3) if number % 3 == 2 else (2, number // 3 * 2 + number % 3)
    size = len(SYLLABLES) ** syllables * len(CODAS)
    index = (index * SCATTER + SCATTER_OFFSET) % size
    index, coda = divmod(index, len(CODAS))
    parts = []
    for _ in range(syllables):
        index, syllable = divmod(index, len(SYLLABLES))
        parts.append(SYLLABLES[syllable])
    return "".join(parts) + CODAS[coda]


_SYNTHETIC: dict[int, str] = {}


def synthetic_word(rank: int) -> str:
    """Return the synthetic word of this rank (0 the most frequent): root rank // len(AFFIXES) under one affix."""
    word = _SYNTHETIC.get(rank)
    if word is None:
        number, affix = divmod(rank, len(AFFIXES))
        root = _root(number)
        prefix, suffix = AFFIXES[affix]
        word = (_nasal(prefix, root) if prefix in ("meN", "peN") else prefix + root) + suffix
        _SYNTHETIC[rank] = word
    return word


def _template_texts() -> list[str]:
    texts = [*SHARED_SENTENCES, *SHARED_PERSON_SENTENCES, *SHARED_COUNTRY_SENTENCES, *INDONESIA_SENTENCES, *CAPTIONS]
    for topic in TOPICS.values():
        texts += [*topic.titles, *topic.sentences, *topic.person_sentences, *topic.country_sentences]
        texts += [value for values in topic.words.values() for value in values]
    return texts


def _head_words(texts: list[str]) -> list[str]:
    """Return the words of ``texts`` (slots left out), most frequent first, each as it was first written."""
    counts: dict[str, int] = {}
    forms: dict[str, str] = {}
    for text in texts:
        for word in re.findall(r"\w+(?:-\w+)*", re.sub(r"\{\w+\}", " ", text)):
            if word.isdigit():
                continue
            key = word.lower()
            counts[key] = counts.get(key, 0) + 1
            # A word ever written in lower case is a common word ("Rapat" opens a sentence); others are names.
            if key not in forms or word == key:
                forms[key] = word
    return [forms[key] for key in sorted(counts, key=lambda key: (-counts[key], key))]


HEAD_WORDS = _head_words(_template_texts())
TOPIC_PHRASES = {
    name: tuple(value for values in topic.words.values() for value in values) for name, topic in TOPICS.items()
}


def _zipf_cumulative_array(count: int, exponent: float):
    import numpy

    return numpy.cumsum(1 / numpy.arange(1, count + 1, dtype=float) ** exponent)


_HEAD_CUMULATIVE = _zipf_cumulative_array(len(HEAD_WORDS), HEAD_ZIPF)


class WordStream:
    """An article's words in the order it uses them: real head words and synthetic tail words, drawn in blocks."""

    BLOCK = 512

    def __init__(self, seed: int, number: int):
        import numpy

        self._numpy = numpy
        self._generator = numpy.random.default_rng([seed, number, 7])
        self._words: list[str] = []

    def _refill(self) -> None:
        numpy, generator, block = self._numpy, self._generator, self.BLOCK
        heads = numpy.searchsorted(_HEAD_CUMULATIVE, generator.random(block) * _HEAD_CUMULATIVE[-1])
        # Inverse of the continuous Zipf-Mandelbrot distribution function over [low, high), then back to ranks.
        exponent = 1 - SYNTHETIC_ZIPF
        low, high = (SYNTHETIC_OFFSET + 1.0) ** exponent, (SYNTHETIC_OFFSET + 1.0 + SYNTHETIC_RANKS) ** exponent
        ranks = ((high - low) * generator.random(block) + low) ** (1 / exponent) - SYNTHETIC_OFFSET - 1
        from_head = generator.random(block) < HEAD_SHARE
        self._words = [
            HEAD_WORDS[head] if is_head else synthetic_word(rank)
            for is_head, head, rank in zip(from_head.tolist(), heads.tolist(), ranks.astype(int).tolist(),
                                            strict=True)
        ]

    def take(self, count: int) -> list[str]:
        while len(self._words) < count:
            words = self._words
            self._refill()
            self._words = words + self._words
        taken, self._words = self._words[:count], self._words[count:]
        return taken


@dataclass
class Story:
    """One article being written: its draws, its words, its entities and the sentence that first names each person."""

    rng: random.Random
    words: WordStream
    topic_name: str
    published: datetime
    people: list[PersonRef]
    countries: list[CountryRef]
    named: set[int] = field(default_factory=set)
    contexts: dict[int, str] = field(default_factory=dict)  # person pk -> the sentence that first names them

    @property
    def foreign(self) -> list[CountryRef]:
        return [country for country in self.countries if country.code != "ID"]

    def clause(self, low: int, high: int) -> list[str]:
        """Return low..high words of the stream, a phrase of the topic, a number or a place among them now and then."""
        rng = self.rng
        words = self.words.take(rng.randint(low, high))
        if rng.random() < PHRASE_SHARE:
            words.insert(rng.randrange(len(words) + 1), rng.choice(TOPIC_PHRASES[self.topic_name]))
        if rng.random() < NUMBER_SHARE:
            words.insert(rng.randrange(len(words) + 1), rng.choice(list(NUMBERS.values()))(rng))
        if rng.random() < PLACE_SHARE:
            words.insert(rng.randrange(len(words) + 1), "di " + rng.choice(SHARED_WORDS["city"]))
        return words

    def sentence(self) -> str:
        text = " ".join(self.clause(*WORDS_PER_SENTENCE))
        return text[:1].upper() + text[1:] + "."

    def person_name(self, person: PersonRef) -> str:
        """The full name the first time the text names a person, the short name after."""
        name = person.short if person.pk in self.named else person.name
        self.named.add(person.pk)
        return name

    def mention(self, entity: PersonRef | CountryRef) -> str:
        """Return a sentence that names this entity."""
        rng = self.rng
        if isinstance(entity, PersonRef):
            name = self.person_name(entity)
            words = " ".join(self.clause(6, 16))
            form = rng.randrange(3)
            if form == 0:
                text = f'"{words[:1].upper()}{words[1:]}," {rng.choice(("kata", "ujar", "tutur", "ucap"))} {name}.'
            elif form == 1:
                text = f"Menurut {name}, {words}."
            else:
                text = f"{name} {words}."
            self.contexts.setdefault(entity.pk, text)
            return text
        before, after = " ".join(self.clause(3, 9)), " ".join(self.clause(3, 9))
        return f"{before[:1].upper()}{before[1:]} {entity.name} {after}."


@dataclass
class Draft:
    """An article's fields and links, ready for bulk_create."""

    fields: dict
    people: list[tuple[int, str]]  # (person pk, context sentence)
    countries: list[int]
    outlet_name: str = ""


def _published(rng: random.Random) -> datetime:
    year = rng.choices(YEARS, weights=YEAR_WEIGHTS)[0]
    start = datetime(year, 1, 1, tzinfo=JAKARTA)
    days = (datetime(year + 1, 1, 1, tzinfo=JAKARTA) - start).days
    hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
    return start + timedelta(days=rng.randrange(days), hours=hour, minutes=rng.randrange(60))


def article_draft(number: int, *, seed: int, reference: Reference) -> Draft:
    """Return synthetic article ``number`` of ``seed``: the same every time, whatever else is generated.

    A small share are wire copies of one of the articles just before (another outlet, a few words changed): the
    near-duplicates clustering has to find. Every other article is a story of its own words.
    """
    wire = random.Random(f"arsip-wire:{seed}:{number}")
    if number and wire.random() < WIRE_COPY_SHARE:
        return _wire_copy(number, wire.randrange(max(0, number - WIRE_WINDOW), number), seed=seed,
                          reference=reference, rng=wire)
    rng = random.Random(f"arsip-corpus:{seed}:{number}")
    topic_name = rng.choices(list(TOPICS), weights=[topic.weight for topic in TOPICS.values()])[0]
    topic = TOPICS[topic_name]
    outlet_pk, outlet_name = rng.choices(reference.outlets, cum_weights=reference.outlet_weights)[0]
    published = _published(rng)

    pool, pool_weights = reference.topic_people[topic_name]

    def draw_person() -> PersonRef:
        if pool and rng.random() < TOPIC_PERSON_SHARE:
            return rng.choices(pool, cum_weights=pool_weights)[0]
        return rng.choices(reference.people, cum_weights=reference.person_weights)[0]

    people = _distinct(draw_person, _draw_count(rng, PEOPLE_COUNT_WEIGHTS))
    countries = _distinct(
        lambda: rng.choices(reference.foreign, cum_weights=reference.foreign_weights)[0],
        _draw_count(rng, topic.foreign_weights),
    )
    for person in people:  # a foreign leader's story names their country
        home = reference.countries.get(person.home)
        if home and home not in countries:
            countries.append(home)
    if rng.random() < topic.indonesia_share:
        countries.insert(0, reference.indonesia)

    story = Story(rng=rng, words=WordStream(seed, number), topic_name=topic_name, published=published,
                  people=people, countries=countries)
    title = _title(story)
    dateline = rng.choice(SHARED_WORDS["city"])
    paragraphs = _paragraphs(story)
    paragraphs[0] = f"{dateline.upper()}, {outlet_name} - {paragraphs[0]}"
    summary = story.sentence() if rng.random() < SUMMARY_SHARE else ""
    captions = [_caption(story, outlet_name)] if rng.random() < CAPTION_SHARE else []
    author, editor = (f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(2))
    fields = {
        "outlet_id": outlet_pk, "title": title, "summary": summary, "published": published, "author": author,
        "editor": editor, "dateline": dateline, "body": "\n\n".join(paragraphs), "captions": captions,
    }
    return Draft(
        fields=_with_source(fields, topic_name, outlet_name, number=number, seed=seed),
        people=[(person.pk, story.contexts.get(person.pk, "")) for person in people],
        countries=[country.pk for country in countries],
        outlet_name=outlet_name,
    )


def _with_source(fields: dict, section: str, outlet_name: str, *, number: int, seed: int) -> dict:
    """Return the fields with the page text they came from (raw_text) and the source's name and hash."""
    published = fields["published"]
    raw_text = "\n\n".join([
        f"Home / {section.title()}", fields["title"],
        f"{outlet_name} - {published:%d/%m/%Y, %H:%M} WIB", *fields["captions"],
        f"Penulis {fields['author']} | Editor {fields['editor']}",
        *([fields["summary"]] if fields["summary"] else []), fields["body"],
    ])
    return {
        **fields, "raw_text": raw_text, "source_name": f"synthetic/seed-{seed}/{number:07d}.txt",
        "source_sha256": hashlib.sha256(f"arsip-corpus:{seed}:{number}".encode()).hexdigest(),
    }


def _wire_copy(number: int, source: int, *, seed: int, reference: Reference, rng: random.Random) -> Draft:
    """Return article ``source`` as another outlet ran it hours later, with WIRE_CHANGES words replaced."""
    original = article_draft(source, seed=seed, reference=reference)
    outlet_pk, outlet_name = rng.choices(reference.outlets, cum_weights=reference.outlet_weights)[0]
    body = original.fields["body"].replace(f", {original.outlet_name} - ", f", {outlet_name} - ", 1)
    words = body.split(" ")
    for _ in range(rng.randint(*WIRE_CHANGES)):
        words[rng.randrange(len(words))] = synthetic_word(rng.randrange(SYNTHETIC_RANKS // 10))
    fields = {
        **original.fields, "outlet_id": outlet_pk, "body": " ".join(words),
        "published": original.fields["published"] + timedelta(hours=rng.randint(1, 12)),
        "author": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
    }
    section = original.fields["raw_text"].split("\n", 1)[0].removeprefix("Home / ").lower()
    return Draft(
        fields=_with_source(fields, section, outlet_name, number=number, seed=seed),
        people=original.people, countries=original.countries, outlet_name=outlet_name,
    )


def _title(story: Story) -> str:
    """Return a headline of 4-9 words, half of the time about the story's first person or foreign country."""
    rng = story.rng
    words = story.words.take(rng.randint(4, 9))
    foreign = story.foreign
    if rng.random() < 0.5 and (story.people or foreign):
        about = story.people[0].short if story.people and (not foreign or rng.random() < 0.6) else foreign[0].name
        words.insert(rng.randrange(len(words) + 1), about)
    return _headline(" ".join(words))


def _paragraphs(story: Story) -> list[str]:
    """Return 4-12 paragraphs; every linked person and country is named at least once, the first ones early."""
    rng = story.rng
    total = _draw_count(rng, PARAGRAPH_WEIGHTS)
    pending: list[PersonRef | CountryRef] = [*story.people, *story.countries]
    paragraphs = []
    for index in range(total):
        sentences = []
        for _ in range(rng.randint(*SENTENCES_PER_PARAGRAPH)):
            # The lead names the first entity; later paragraphs name the rest in turn, among the story's sentences.
            if pending and (index == 0 and not sentences or rng.random() < 0.5):
                sentences.append(story.mention(pending.pop(0)))
            else:
                sentences.append(story.sentence())
        paragraphs.append(" ".join(sentences))
    if pending:
        paragraphs.append(" ".join(story.mention(entity) for entity in pending))
    return paragraphs


def _caption(story: Story, outlet_name: str) -> str:
    rng = story.rng
    subject = story.people[0].name if story.people else "Sejumlah warga"
    when = f"{WEEKDAYS[story.published.weekday()]} ({story.published:%-d/%-m/%Y})"
    city = rng.choice(SHARED_WORDS["city"])
    credit = f"{outlet_name.upper()}/{rng.choice(FIRST_NAMES).upper()} {rng.choice(LAST_NAMES).upper()}"
    return f"{subject} {' '.join(story.words.take(rng.randint(3, 8)))} di {city}, {when}. {credit}"

@dataclass
class GenerationReport:
    """What generate() did: articles made, articles of the seed the archive held before, seconds taken."""

    made: int
    existing: int
    seconds: float


def generate(count: int, *, seed: int = DEFAULT_SEED, progress: Callable[[int, int], None] | None = None
             ) -> GenerationReport:
    """Make articles 0..count-1 of ``seed`` that the archive does not hold yet. Needs Django set up."""
    from django.db import transaction

    from articles.models import Article, ArticleCountry, ArticlePerson, LinkOrigin

    began = time.perf_counter()
    reference = Reference.load()
    existing = set(Article.objects.filter(source_name__startswith=f"synthetic/seed-{seed}/")
                   .values_list("source_sha256", flat=True))
    made = 0
    for start in range(0, count, BATCH):
        numbers = range(start, min(start + BATCH, count))
        drafts = [article_draft(number, seed=seed, reference=reference) for number in numbers]
        drafts = [draft for draft in drafts if draft.fields["source_sha256"] not in existing]
        with transaction.atomic():
            articles = Article.objects.bulk_create([Article(**draft.fields) for draft in drafts])
            ArticlePerson.objects.bulk_create(
                ArticlePerson(article_id=article.pk, person_id=pk, context=context, origin=LinkOrigin.EXTRACTED)
                for article, draft in zip(articles, drafts, strict=True) for pk, context in draft.people
            )
            ArticleCountry.objects.bulk_create(
                ArticleCountry(article_id=article.pk, country_id=pk, origin=LinkOrigin.EXTRACTED)
                for article, draft in zip(articles, drafts, strict=True) for pk in draft.countries
            )
        made += len(drafts)
        if progress:
            progress(min(start + BATCH, count), count)
    return GenerationReport(made=made, existing=len(existing), seconds=time.perf_counter() - began)


def distinct_words(texts: Iterable[str]) -> int:
    """Return how many distinct words ``texts`` hold: exact lower-cased tokens, as the index's exact field has them."""
    from articles.search.schema import TOKEN_PATTERN

    token = re.compile(TOKEN_PATTERN)
    words: set[str] = set()
    for text in texts:
        words.update(token.findall(text.lower()))
    return len(words)


def archive_texts() -> Iterator[str]:
    """Yield every article's searchable text (title, summary, body, captions) from the archive, in bounded chunks."""
    from articles.models import Article

    rows = Article.objects.values_list("title", "summary", "body", "captions").order_by("pk")
    for title, summary, body, captions in rows.iterator(chunk_size=2000):
        yield " ".join([title, summary, body, *(captions or [])])


def default_var_dir(count: int) -> Path:
    return ROOT / "var" / "bench" / str(count)


def django_setup(var_dir: Path) -> None:
    """Point the settings at ``var_dir`` (ARSIP_VAR_DIR: database and index) and set Django up."""
    os.environ["ARSIP_VAR_DIR"] = str(var_dir.resolve())
    # These would override ARSIP_VAR_DIR and send the corpus into another archive, perhaps the real one.
    os.environ.pop("ARSIP_DATABASE_URL", None)
    os.environ.pop("ARSIP_INDEX_DIR", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings.dev")
    var_dir.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def archive_prepare() -> None:
    """Create the tables and load the reference data (outlets, countries, people). Safe to repeat."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_sample_archive", "--reference-only", verbosity=0)


def print_progress(done: int, total: int) -> None:
    """Print a line at each tenth of the way."""
    step = max(BATCH, total // 10 // BATCH * BATCH)
    if done % step == 0 or done == total:
        print(f"  generated {done}/{total}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, metavar="N", help="number of articles the corpus should have")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    parser.add_argument("--var-dir", type=Path, help="archive directory (default var/bench/<N>)")
    parser.add_argument("--no-count", action="store_true", help="do not count the archive's distinct words")
    args = parser.parse_args()
    var_dir = args.var_dir or default_var_dir(args.count)
    django_setup(var_dir)
    archive_prepare()
    report = generate(args.count, seed=args.seed, progress=print_progress)
    rate = report.made / report.seconds if report.seconds else 0.0
    print(f"Made {report.made} articles ({report.existing} of seed {args.seed} were there already) "
          f"in {report.seconds:.1f} s ({rate:.0f} articles/s) in {var_dir}")
    if not args.no_count:
        started = time.perf_counter()
        count = distinct_words(archive_texts())
        print(f"Distinct words: {count} (exact lower-cased tokens of titles, summaries, bodies and captions; "
              f"counted in {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
