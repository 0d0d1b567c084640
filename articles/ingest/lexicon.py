"""The words of Indonesian news around a person's name, as data: roles, portfolios, regions, function words, the
words of bodies and places, cue words, and a test for words of the language (Sastrawi's dictionary of root words).

Read by the people rules (``people.py``, ``cues.py``), the country matcher, bylines and datelines.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Roles written before a name. Multi-word roles first is not needed: each word of a role is consumed in turn.
ROLE_WORDS = frozenset(
    """
    Utusan Ajudan Panitia Kakorlantas
    Presiden Wakil Wapres Menteri Menko Wamen Mendagri Menlu Menkeu Menhan Mensesneg Menkes Mendikbud Mendikbudristek
    Menparekraf Menpora Mentan Menaker Menkominfo Menag Mensos Menhub Menperin Mendag Menkumham Menpan Menpupr
    Menteri Seskab Kapolri Wakapolri Kapolda Wakapolda Kapolres Kapolresta Kapolrestabes Kapolsek Kabareskrim Kadiv
    Kabid Kasat Kasatreskrim Kapuspen Panglima KSAD KSAL KSAU Kasad Kasal Kasau Jaksa Agung Kajati Kajari Ketua Ketum
    Sekjen Sekretaris Jenderal Gubernur Wagub Bupati Wabup Wali Walikota Wawali Camat Lurah Kades Kepala Direktur
    Dirut Dirjen Komisaris Deputi Asisten Kabag Kasubdit Kasubag Hakim Jaksa Anggota Senator Duta Besar Dubes Konsul
    Emir Raja Ratu Pangeran Putra Putri Mahkota Sultan Perdana PM Kanselir Kaisar Paus Juru Bicara Jubir Komandan
    Danrem Dandim Pangdam Pangkostrad Danjen Pelatih Kapten Rektor Dekan Guru Besar Profesor Pengamat Ekonom Peneliti
    Analis Kuasa Hukum Pengacara Advokat Terdakwa Tersangka Terpidana Saksi Korban Pelaku Warga Petani Nelayan Pedagang
    Aktor Aktris Penyanyi Artis Politikus Politisi Kader Caleg Capres Cawapres Calon Cagub Cawagub Pebulu Tangkis
    Pebulutangkis Atlet Pemain Striker Kiper Gelandang Bek Pelari Lifter Petinju Pembalap Komisioner Staf Khusus
    Stafsus Pemimpin Pendiri CEO Bos Chairman Ketua Umum Plt Pj Penjabat Pelaksana Tugas Harian Mantan Eks Almarhum
    Almarhumah Mendiang Sekretaris Kepala Koordinator Utama Eksekutif Senior Tinggi Agung Muda Madya Pratama Utama
    President Vice Prime Minister Governor Secretary Spokesman Spokeswoman Spokesperson Chief Director Mayor King Queen
    Prince Princess Chancellor Coach Leader Former Deputy General Foreign Defense Defence Finance Trade State Senior
    Jenderal Letjen Mayjen Brigjen Irjen Komjen Kombes AKBP Kompol AKP Iptu Ipda Aiptu Aipda Bripka Brigadir Bripda
    Kolonel Letkol Mayor Kapten Lettu Letda Laksamana Laksdya Laksda Marsekal Marsdya Marsda Sertu Serka Serma Praka
    Pratu Kopda Kopral Sersan Prada Jenderal TNI Purn Purnawirawan Inspektur Komisaris Ajun Bhayangkara Dr Pol
    Dokter Perawat Bidan Suster Ustaz Ustadz Kiai Habib Sheikh Syekh
    """.split()
)
# Words of a role's portfolio or body: "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan".
PORTFOLIO_WORDS = frozenset(
    """
    Keuangan Luar Negeri Dalam Pertahanan Koordinator Bidang Perekonomian Politik Hukum Keamanan Kesehatan Pendidikan
    Kebudayaan Riset Teknologi Tinggi Dasar Menengah Agama Sosial Perdagangan Perindustrian Pertanian Kelautan Perikanan
    Energi Sumber Daya Mineral Pekerjaan Umum Perumahan Rakyat Perhubungan Komunikasi Informatika Digital Negara
    Kabinet Ketenagakerjaan Tenaga Kerja Pariwisata Ekonomi Kreatif Pemuda Olahraga Lingkungan Hidup Kehutanan Agraria
    Tata Ruang Desa Pembangunan Daerah Tertinggal Transmigrasi Perencanaan Nasional Koperasi Usaha Kecil Pemberdayaan
    Perempuan Perlindungan Anak Investasi Hak Asasi Manusia Maritim Pendayagunaan Aparatur Reformasi Birokrasi Staf
    Khusus Utama Eksekutif Komisi Bank Sentral Badan Dewan Majelis Mahkamah Konstitusi Pengadilan Kejaksaan Kepolisian
    Resor Sektor Metro Jaya Humas Divisi Partai Fraksi Komite Lembaga Tim Satgas Satuan Tugas Penanganan Pusat Kantor
    Kementerian Direktorat Biro Bagian Unit Operasi Penerangan Dinas Kota Kabupaten Provinsi Wilayah Sementara Harian
    Internasional Federal Republik Demokratik Islam Persatuan Bersatu Sekretariat Kepresidenan Istana Tentara Angkatan
    Darat Laut Udara Gabungan Timnas Nasional Umum Pemerintahan Pemerintah Cabang Ranting Pimpinan Wilayah Legislatif
    Keuangan Pajak Bea Cukai Imigrasi Pemasyarakatan Lalu Lintas Reserse Kriminal Khusus Narkoba Intelijen Siber
    Putra Putri Tunggal Ganda Campuran Dunia Asia Eropa Pengurus Besar Harian Redaksi Perusahaan Holding Persero
    Bursa Efek Otoritas Jasa Statistik Meteorologi Klimatologi Geofisika Bencana Penanggulangan Pencarian Pertolongan
    Pemberantasan Korupsi Pemilihan Pengawas Pemilu Perwakilan Permusyawaratan Pemeriksa Audit Anggaran Belanja
    Department Ministry Affairs Office National Security Council House Representatives Senate Party Committee
    Data Informasi Humas Hubungan Masyarakat Kebijakan Fiskal Moneter Strategis Pengawasan Pengendalian Pelayanan
    Penelitian Pengembangan Kajian Penjamin Simpanan Koordinasi Penanaman Modal Polhukam Kemaritiman Marves PMK
    Geologi Vulkanologi Mitigasi Hilirisasi Ekonom Ekonomi Departemen Komunikasi Pemasaran Operasional Teknik
    Perjuangan Gerindra Golkar Demokrat NasDem Nasdem Hanura Perindo Berkarya Gelora Ummat Buruh PDIP PDI PKB PKS PAN
    PPP PSI Indonesia Maju Merah Putih Kebangkitan Amanat Keadilan Sejahtera Solidaritas Pembangunan Persatuan
    """.split()
)
# Acronyms of bodies that stand in roles: "Ketua KPK", "Kepala BNPB", "Panglima TNI". Any all-capitals word counts.
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}$")
# Roles that take a place after them, where an unknown place would otherwise be read as a first name.
PLACE_ROLES = frozenset(
    "Gubernur Wagub Bupati Wabup Wali Walikota Wawali Camat Lurah Kades Kapolda Kapolres Kapolresta Kapolrestabes "
    "Kapolsek Kajati Kajari Pangdam Danrem Dandim Dubes Mayor Governor Raja Emir Sultan Desa Kelurahan Kecamatan "
    "Dusun Kampung".split()
)
# Indonesian provinces, their usual short forms and big cities, which stand between a role and a name.
REGIONS = frozenset(
    """
    Aceh Sumatera Utara Barat Selatan Timur Tengah Riau Kepulauan Jambi Bengkulu Lampung Bangka Belitung Banten
    Jakarta DKI Jawa Yogyakarta DIY Bali Nusa Tenggara NTB NTT Kalimantan Kaltim Kalbar Kalsel Kalteng Kaltara
    Sulawesi Sulut Sulteng Sulsel Sultra Sulbar Gorontalo Maluku Papua Pegunungan Daya Jabar Jateng Jatim Sumut
    Sumbar Sumsel Kepri Babel Medan Surabaya Bandung Semarang Makassar Palembang Denpasar Solo Surakarta Malang Bogor
    Depok Tangerang Bekasi Batam Pekanbaru Padang Manado Balikpapan Samarinda Pontianak Banjarmasin Jayapura Ambon
    Mataram Kupang Palu Kendari Mamuju Ternate Sorong Merauke Cirebon Tasikmalaya Sukabumi Garut Karawang Purwakarta
    Magelang Klaten Sleman Bantul Kudus Pati Tegal Pekalongan Cilacap Banyumas Kediri Blitar Madiun Jember Banyuwangi
    Sidoarjo Gresik Mojokerto Pasuruan Probolinggo Lumajang Tuban Bojonegoro Lamongan Jombang Nganjuk Ngawi Ponorogo
    Pacitan Trenggalek Tulungagung Situbondo Bondowoso Sumenep Pamekasan Bangkalan Sampang Badung Gianyar Tabanan
    Buleleng Karangasem Klungkung Jembrana Bangli Lombok Sumbawa Bima Flores Timor Sumba Ende Sikka Manggarai Jaya
    Raya Pusat Metro Kota Kabupaten Selatan Tenggara Laut Daratan Kepulauan Seribu Cianjur Subang Indramayu Majalengka
    Kuningan Sumedang Ciamis Pangandaran Serang Cilegon Lebak Pandeglang Mimika Timika Wamena Nabire Biak Fakfak
    """.split()
)
FUNCTION_WORDS = frozenset(
    """
    Namun Tetapi Tapi Sementara Sedangkan Selain Menurut Menurutnya Dalam Pada Di Ke Dari Saat Ketika Setelah Sebelum
    Bahkan Karena Meski Meskipun Walaupun Hal Ini Itu Ia Dia Beliau Mereka Kami Kita Saya Aku Sebelumnya Kemudian Lalu
    Adapun Jadi Maka Oleh Untuk Bagi Seperti Juga Tak Tidak Bukan Apa Siapa Ya Yang Para Sang Si Sosok Kala Tatkala
    Dengan Tanpa Atas Bersama Sejak Hingga Sampai Kepada Terhadap Tentang Soal Usai Jika Kalau Apabila Agar Supaya
    Sehingga Begitu Demikian Selanjutnya Akhirnya Kini Sekarang Kemarin Besok Tahun Bulan Minggu Hari Pekan Pukul
    Sebanyak Sekitar Hampir Lebih Kurang Semua Seluruh Setiap Tiap Beberapa Banyak Sebagian Satu Dua Tiga Pertama
    Kedua Ketiga Terakhir Baru Lama Kata Ujar Tutur The A An In On At For But And He She They It This That However
    Meanwhile According Also As If When While After Before During Since Of By With From Mr Mrs Ms Dear Baca Foto
    Editor Sumber Video Selasa Senin Rabu Kamis Jumat Sabtu Ahad Kini Tentu Memang Pun Sudah Telah Belum Masih Akan
    Semoga Mari Ayo Silakan Terima Kasih Selamat Halo Hai Wah Nah Oh Ah Eh Sebab Lantaran Bila Kendati Sesuai Melalui
    Lewat Terkait Mengenai Berdasarkan Sementara Berbeda Senada Sama Serupa Selama Antara Menjelang Jelang Pasca Pra
    """.split()
)
# Words of organisations, places and things: a run with one of these is not a person.
ORG_WORDS = frozenset(
    """
    Sekuritas Securities Investama Asset Capital Berjangka Polresta Polrestabes Subdit Satpol Komnas BRIN CARE Tool
    Social Palace County Lake Bappeda Satreskrim Reskrim Ditreskrimum Ditreskrimsus Infanteri
    Kementerian Kemenkeu Kemenlu Kemendagri Kemenhan Kemenkes Kemendikbud Badan Dinas Polri Polda Polres Polsek Partai
    Universitas Institut Pemerintah Pemprov Pemkot Pemkab Komisi Dewan Mahkamah Pengadilan Kejaksaan Kejagung Kejati
    Kepolisian Bank PT Tbk Rumah Sakit RS RSUD RSUP Gedung Jalan Jl Jln Istana Kantor Stadion Bandara Pelabuhan Gunung
    Sungai Pulau Kabupaten Kota Provinsi Desa Kecamatan Kelurahan Kampung Dusun Masjid Gereja Pura Vihara Klenteng
    Sekolah SMA SMP SD SMK Pesantren Hotel Mall Mal Pasar Taman Lapangan Gelora Bundaran Monumen Museum Tol Kereta Grup
    Group Holding Persero Perum Koperasi Yayasan Lembaga Asosiasi Federasi Liga Klub FC United City Timnas Satgas
    Komando Kodam Korem Kodim Armada Pangkalan Markas Mabes Forum Kongres Konferensi KTT Summit Piala Festival Olimpiade
    Games Program Operasi Proyek Undang Peraturan Perpres Keppres Perppu Pasal Ayat Gerakan Front Aliansi Koalisi
    Fraksi Kabinet Senat Parlemen Kremlin Pentagon Google Facebook Twitter Microsoft Apple Covid Corona Omicron ISIS
    Taliban Hamas Hizbullah NATO PBB Uni Eropa Asia Afrika Amerika Australia Ministry Department University Company
    Corporation Inc Ltd Airport Street Road Hospital Council Agency Commission Court Police Army Navy Force Forces
    Tengah Tenggara Laut Samudra Selat Teluk Danau Lembah Hutan Kebun Candi Benteng Menara Tugu Jembatan Terminal
    Stasiun Bendungan Waduk Kawasan Komplek Kompleks Perumahan Apartemen Tower Plaza Square Center Centre Arena Hall
    Timur Barat Selatan Utara Raya Jaya Nusantara Indonesia Republik Kerajaan Negara Negeri Provinsi Bursa Indeks Rupiah
    Dolar Dollar Euro Yen Yuan Ringgit BUMN Pertamina PLN Telkom Garuda Antam Freeport Inalum Bulog KPK KPU Bawaslu
    DPR DPRD MPR DPD BPK BI OJK BNPB BMKG Basarnas TNI AD AL AU Polisi BPS LPS Kominfo Airlangga Diponegoro Brawijaya
    Padjadjaran Hasanuddin Sudirman Thamrin Gatot Subroto Kuningan Senayan Monas Cikini Menteng Kebayoran Cilandak
    Institute Foundation Association Center Kampanye Pemenangan Relawan Sekretariat Redaksi Tim Satuan Brigade
    Bappenas Bapanas Bulog Basarnas Bakamla BNPT Kemenkumham Kemendag Kemenperin Kemenpora Kemensos Komdigi Danantara
    Kopassus Kostrad Brimob Densus Bareskrim Propam Kompolnas Kemenko Kemenkeu Kemenag Kemnaker Kemenhub Kementan
    Kemendikbudristek Kemenparekraf Setneg Setkab Watch Corruption Commission Agency Institute Observatory Survey
    Indikator Litbang Charta Politika LSI SMRC Poltracking Danareksa Mandiri BRI BNI BCA BTN Persija Persib Arema
    Persebaya PSM PSIS PSS Persis Persita Persik Real Madrid Barcelona Manchester Liverpool Chelsea Arsenal Juventus
    Milan Inter Bayern Munchen Dortmund Paris Saint-Germain Ajax Paman Sam Kepresidenan Federal Reserve Fed
    West East North South Central Java Sumatra Borneo Celebes Province Regency City District Capital
    """.split()
)
SPEECH_BEFORE = frozenset(
    """
    kata ujar ucap tutur jelas ungkap terang imbuh tegas sebut tambah lanjut papar tandas pungkas timpal sambung seru
    bilang cerita kata-nya katanya ungkapnya ujarnya menurut bernama said says told asked added according bersama
    oleh dikatakan diungkapkan disampaikan dipimpin diketuai dipimpinnya mengalahkan melawan menghadapi kontra
    versus vs bertemu menemui didampingi
    """.split()
)
SPEECH_AFTER = (
    r"mengatakan|menyatakan|menjelaskan|menuturkan|menegaskan|mengungkapkan|menambahkan|berkata|menyebut|menyebutkan"
    r"|mengakui|menilai|menekankan|memastikan|mengimbau|menyampaikan|berharap|mengklaim|membantah|menampik|mengaku"
    r"|said|says|told|added|stated|noted|explained|menerangkan|memaparkan|bertanya|menjawab|mengingatkan"
)
LOWER_ROLE_CUES = (
    r"juru bicara|jubir|warga|pelatih|kuasa hukum|pengacara|pengamat|ekonom|analis|peneliti|tersangka|terdakwa"
    r"|terpidana|korban|saksi|pelaku|pemain|striker|kiper|atlet|pebulu tangkis|pebulutangkis|petenis|pelari|lifter"
    r"|petinju|pembalap|aktor|aktris|penyanyi|politikus|politisi|kader|sopir|pengemudi|guru|siswa|mahasiswa|dokter"
    r"|perawat|bidan|relawan|pendaki|nelayan|petani|pedagang|buruh|pegawai|karyawan|ibu rumah tangga|anak|istri|suami"
    r"|ayah|ibu|kakak|adik|nenek|kakek|tetangga|rekan|sahabat|teman|pemilik|pengelola|ketua|kepala|direktur|bernama"
    r"|wakil|unggulan|juara|lawan|rival|ganda putra|ganda putri|ganda campuran|tunggal putra|tunggal putri"
    r"|spokesman|spokeswoman|spokesperson|coach|minister|president|governor"
)

# Words before a name that make it the name of a place or a thing: "Bandara Soekarno-Hatta", "Jalan Sudirman".
PLACE_PREFIXES = frozenset(
    """
    Bandara Bandar Udara Jalan Jl Jln Stadion Gelora Universitas Gedung Masjid Gereja Rumah Sakit RS RSUD RSUP KRI
    Taman Lapangan Pelabuhan Terminal Stasiun Museum Monumen Tugu Jembatan Kampus Sekolah Institut Akademi Yayasan
    Airport Street Avenue University Stadium Hospital Bridge Port Piala Cup Trophy Award Penghargaan Kapal Tol Halte
    Gunung Sungai Pulau Danau Selat Teluk Pantai Kecamatan Kabupaten Kota Desa Kampung Dusun Kelurahan Provinsi Kawasan
    Komplek Kompleks Perumahan Hotel Pasar Mal Mall Plaza Tower Menara Candi Benteng Istana Kantor Graha Wisma Balai
    Kali Kanal Situ Bukit Tanjung Muara Ujung Lapas Rutan
    """.split()
)
# Place words that never open a person's name (directions like "Timur" and "Jaya" do, as given names).
PLACE_NAMES = REGIONS - frozenset(
    "Jaya Raya Timur Barat Utara Selatan Tengah Tenggara Daya Laut Pusat Metro Kota Kabupaten Seribu Kepulauan "
    "Daratan Flores Timor Sumba Bima Ende Sikka Pati Tegal Malang Kudus Garut Badung Kuningan Bangli".split()
)
# Words that open the names of Jakarta's and Java's neighbourhoods: "Kebon Pala", "Rawa Buaya", "Tambak Wedi".
PLACE_FIRST_WORDS = frozenset(
    "Kebon Rawa Tambak Bulak Lubang Gang Kampung Muara Pantai Tanah Pondok Kali Cipinang".split())
LEADING_CONJUNCTIONS = frozenset({"Yaitu", "Yakni", "Ialah", "Adalah", "Serta", "Termasuk", "Namely", "Including"})
# Places and things shaped like a person's name that no cue tells apart: data, not rules.
NOT_PEOPLE = frozenset(name.casefold() for name in (
    "General Santos", "San Jose", "San Diego", "San Antonio", "Santa Cruz", "Santa Clara", "Santa Monica",
    "San Marino", "Los Angeles", "Buenos Aires", "Costa Rica", "Sri Lanka", "Santo Domingo", "Port Louis",
    "Squid Game", "Game of Thrones", "Harry Potter", "Mickey Mouse", "Santa Claus",
))



def has_body_word(words: list[str]) -> bool:
    """Return True when a word of ``words`` belongs to a body's name: "Kementerian", "Polres", an acronym like "BMKG"."""
    return any(w.rstrip(".,") in ORG_WORDS or (ACRONYM.match(w.rstrip(".,")) and w not in ("MD",)) for w in words)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], object]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    factory = StemmerFactory()
    return frozenset(factory.get_words_from_file()), factory.create_stemmer()


# Names recur across an archive's stories, and stemming one the dictionary lacks costs about half a millisecond.
@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """Return True when ``word`` is a word of Indonesian (its stem is in Sastrawi's dictionary of root words).

    >>> is_common_word("Lawatan"), is_common_word("Sutarman")
    (True, False)
    """
    words, stemmer = _dictionary()
    lowered = word.lower().strip(".,'")
    if lowered in words:
        return True
    if lowered.isascii() and lowered.isalpha() and not _MAY_BE_AFFIXED.search(lowered):
        return False  # no affix the stemmer knows: it would give the word back unchanged
    return stemmer.stem(lowered) in words


# The affixes Sastrawi's stemmer removes (its plain prefixes, the first steps of its prefix rules, its infix rules,
# and its suffixes): a plain word without any of them is its own stem.
_MAY_BE_AFFIXED = re.compile(
    r"^(?:di|ke|se|be|te|me|pe|ku|kau|er|[bcdfghjklmnpqrstvwxyz](?:el|em|er|in)[aiueo])"
    r"|(?:lah|kah|tah|pun|ku|mu|nya|is|isme|i|an)$"
)


@lru_cache(maxsize=65536)
def is_affixed_word(word: str) -> bool:
    """Return True for an Indonesian noun built with affixes ("Kekuatan", "Perikanan", "Peneliti"), never a name.

    Only the noun-making affixes count (ke-an, pe(N)-, per-an): names like "Dimas" would lose a "di-" to a
    stemmer, and "Kurniawan" keeps its "-wan".

    >>> [is_affixed_word(w) for w in ("Perikanan", "Peneliti", "Kekuatan", "Ilyas", "Dimas", "Kurniawan")]
    [True, True, True, False, False, False]
    """
    lowered = word.lower().strip(".,'")
    if not (lowered.startswith(("pe", "per")) or lowered.startswith("ke") and lowered.endswith("an")):
        return False
    words, stemmer = _dictionary()
    stem = stemmer.stem(lowered)
    return stem != lowered and stem in words and len(lowered) >= len(stem) + 2
