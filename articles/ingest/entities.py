"""People and countries that a story mentions.

Countries: whole-word matches of names and aliases, longest first, with blocked phrases ("Amerika Latin",
"bahasa Inggris", "AS Roma") that win over the names inside them; abbreviations in capitals only ("AS", "RI").

People: first the gazetteer (canonical names and aliases, as data). Then rules find names it lacks, from cues that
Indonesian news style puts around a name:
- a role or title before it: "Presiden Suriah Bashar al-Assad", "Emir Qatar Sheikh Tamim bin Hamad al-Thani",
  "juru bicara BNPB Abdul Muhari", "warga bernama Siti Aminah";
- a speech verb: "kata Sri Mulyani", "ujar Kapolri Listyo Sigit Prabowo", "Retno mengatakan";
- an age after it: "Budi Santoso (45)"; name particles: "bin", "binti", "al-".
Honorifics are stripped ("Sheikh", "Bapak", "Dr."). A short later mention ("Putin", "Retno") is linked to the
full name the same story gave. The headline is read for gazetteer names only: headlines are Title Case, where
every word looks like a name.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

from .names import HONORIFIC_WORDS, NAME_WORD, NOT_NAME_WORDS, PARTICLES, strip_honorifics
from .outlets import is_outlet_name
from .types import PersonMention

# --- cues ---------------------------------------------------------------------------------------------------------

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
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}$")
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
_FUNCTION_WORDS = frozenset(
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
_ORG_WORDS = frozenset(
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
_SPEECH_AFTER = (
    r"mengatakan|menyatakan|menjelaskan|menuturkan|menegaskan|mengungkapkan|menambahkan|berkata|menyebut|menyebutkan"
    r"|mengakui|menilai|menekankan|memastikan|mengimbau|menyampaikan|berharap|mengklaim|membantah|menampik|mengaku"
    r"|said|says|told|added|stated|noted|explained|menerangkan|memaparkan|bertanya|menjawab|mengingatkan"
)
_LOWER_ROLE_CUES = (
    r"juru bicara|jubir|warga|pelatih|kuasa hukum|pengacara|pengamat|ekonom|analis|peneliti|tersangka|terdakwa"
    r"|terpidana|korban|saksi|pelaku|pemain|striker|kiper|atlet|pebulu tangkis|pebulutangkis|petenis|pelari|lifter"
    r"|petinju|pembalap|aktor|aktris|penyanyi|politikus|politisi|kader|sopir|pengemudi|guru|siswa|mahasiswa|dokter"
    r"|perawat|bidan|relawan|pendaki|nelayan|petani|pedagang|buruh|pegawai|karyawan|ibu rumah tangga|anak|istri|suami"
    r"|ayah|ibu|kakak|adik|nenek|kakek|tetangga|rekan|sahabat|teman|pemilik|pengelola|ketua|kepala|direktur|bernama"
    r"|wakil|unggulan|juara|lawan|rival|ganda putra|ganda putri|ganda campuran|tunggal putra|tunggal putri"
    r"|spokesman|spokeswoman|spokesperson|coach|minister|president|governor"
)

_ABBREVIATION_END = re.compile(
    r"(?:^|[\s.(])(?:[A-Z]|Dr|Prof|Ir|H|Hj|St|No|Jl|Jln|Kol|Mr|Mrs|Ms|dr|Drs|Jr|Sr|Tbk|dkk|Bpk|KH|Moh|Muh|Mgr|Pdt)\.$"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?\"])\s+(?=[\"'(A-Z0-9])|\n+")
_PARTICLE = "|".join(PARTICLES)
# A run of capitalised words with name particles and commas/"dan" inside role phrases kept out.
_RUN = re.compile(rf"(?:{NAME_WORD})(?:\s+(?:(?:{_PARTICLE})\s+)*(?:{NAME_WORD}))*")
_AGE_AFTER = re.compile(r"^\s*,?\s*(?:\(\s*\d{1,3}\s*(?:tahun|th)?\s*\)|,?\s*an?\s+\d{1,3}-year-old\b|,\s*\d{1,3}\s*tahun\b)")
# "Rodrigo Gularte asal Brasil", "Martin Anderson from Ghana": where a person comes from.
_ORIGIN_AFTER = re.compile(r"^\s*,?\s*(?:asal|dari|warga negara|kelahiran|from)\s+[A-Z]")
# A role phrase going on after "dan": "Mitigasi Gempa Bumi dan Tsunami BMKG ...".
_ROLE_CONTINUES_AFTER = re.compile(r"^\s*(?:,\s*)?dan\s+$|^\s*(?:,\s*)?dan\s+(?=[A-Z])")
# A lone word right before "dan X" or "(" is part of a body's name ("Divisi Profesi dan Pengamanan (Propam)").
_SINGLE_NOT_NAME_AFTER = re.compile(r"^\s*(?:dan|serta|&)\s+[A-Z]|^\s*\((?!\s*\d)")
# Words before a name that make it the name of a place or a thing: "Bandara Soekarno-Hatta", "Jalan Sudirman".
_PLACE_PREFIXES = frozenset(
    """
    Bandara Bandar Udara Jalan Jl Jln Stadion Gelora Universitas Gedung Masjid Gereja Rumah Sakit RS RSUD RSUP KRI
    Taman Lapangan Pelabuhan Terminal Stasiun Museum Monumen Tugu Jembatan Kampus Sekolah Institut Akademi Yayasan
    Airport Street Avenue University Stadium Hospital Bridge Port Piala Cup Trophy Award Penghargaan Kapal Tol Halte
    Gunung Sungai Pulau Danau Selat Teluk Pantai Kecamatan Kabupaten Kota Desa Kampung Dusun Kelurahan Provinsi Kawasan
    Komplek Kompleks Perumahan Hotel Pasar Mal Mall Plaza Tower Menara Candi Benteng Istana Kantor Graha Wisma Balai
    Kali Kanal Situ Bukit Tanjung Muara Ujung Lapas Rutan
    """.split()
)
# Between two names of a list: ", ", " dan ", "/", " serta ".
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:dan|serta)\s+|dan\s+|serta\s+|/|&\s*)$")
# Place words that never open a person's name (directions like "Timur" and "Jaya" do, as given names).
_PLACE_NAMES = REGIONS - frozenset(
    "Jaya Raya Timur Barat Utara Selatan Tengah Tenggara Daya Laut Pusat Metro Kota Kabupaten Seribu Kepulauan "
    "Daratan Flores Timor Sumba Bima Ende Sikka Pati Tegal Malang Kudus Garut Badung Kuningan Bangli".split()
)
# Words that open the names of Jakarta's and Java's neighbourhoods: "Kebon Pala", "Rawa Buaya", "Tambak Wedi".
_PLACE_FIRST_WORDS = frozenset(
    "Kebon Rawa Tambak Bulak Lubang Gang Kampung Muara Pantai Tanah Pondok Kali Cipinang".split())
_CUE_WINDOW = 80
# The longest lowercase cues: "ibu rumah tangga bernama " (with two words after a role) and "diungkapkan oleh ".
_ROLE_CUE_CHARS = 48
_SPEECH_CUE_CHARS = 24
# "Rizal Hakim, an international relations lecturer at ...": a person described by an English appositive.
_ENGLISH_ROLE_AFTER = re.compile(
    r"^\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:lecturer|analyst|researcher|spokesperson|spokesman|spokeswoman|"
    r"minister|official|director|chairman|chairwoman|head|professor|economist|expert|resident|member|deputy|governor|"
    r"president|ceo|founder|executive|leader|lawyer|activist|student|teacher|farmer|fisherman|worker|vendor|"
    r"driver|mother|father|coach|player|officer|commander|chief|secretary|senator|mayor|regent|survivor|victim)s?\b"
)
_APPOSITIVE_END = re.compile(r"^\s*(?:[,;.(]|dan\b|serta\b|yang\b)")
_STRIP_CACHE_SIZE = 50_000
_PREPOSITION_BEFORE = re.compile(r"\b(?:di|ke|menuju|hingga|sampai|in|at|to|into)\s+$")
_PLACE_CUE_BEFORE = re.compile(r"(?:warga|penduduk|asal|dari|wakil|pasangan|duta)(?:\s+negara)?\s*$")
_COMMA_NAME_AFTER = re.compile(r"^\s*,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)+\s*(?:[,.;/]|\(\d)")
# "X, Brasil" or "X, Jawa Barat": X is a city.
_PLACE_AFTER = re.compile(r"^\s*,\s*(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
# "Pandu Patria Sjahrir sebagai chief investment officer": a person in a role.
_AS_ROLE_AFTER = re.compile(r"^\s*,?\s*sebagai\s+(?:chief|ketua|kepala|direktur|menteri|wakil|juru|anggota|pelatih|kapten|"
                            r"komisaris|dewan|sekretaris|bendahara|staf|penasihat|deputi|asisten|duta|calon|pemimpin)\b")
_SPEECH_AFTER_RE = re.compile(
    rf"^\s*,?\s*(?:(?:juga|pun|kemudian|lalu|sebelumnya|saat itu|ketika itu|secara terpisah)\s+)?(?:{_SPEECH_AFTER})\b"
)
_LOWER_ROLE_BEFORE = re.compile(
    rf"(?:\b(?:{_LOWER_ROLE_CUES})(?:\s+[a-z]+){{0,2}}|\bnomor urut \d+|\bpasangan(?:\s+[a-z]+){{0,3}})\s*,?\s*$"
)
_SPEECH_BEFORE_RE = re.compile(r"(?:^|[\s,\"'])(" + "|".join(sorted(SPEECH_BEFORE, key=len, reverse=True)) + r")\s*,?\s*$")
_CONNECTOR = re.compile(r"^\s*(?:,\s*(?:dan\s+)?|dan\s+|serta\s+|&\s+|/|\(\s*[A-Z][A-Za-z0-9&-]{1,12}\s*\)\s*)$")
# "Lembaga Penjamin Simpanan (LPS)": a run followed by its acronym is a body's name, not a person's.
_ACRONYM_AFTER = re.compile(r"^\s*\(\s*[A-Z][A-Za-z0-9&-]{1,12}\s*\)")


# Every lowercase word of a cue before a name, and how many words may stand between a cue's last word and the name
# (with it): "pasangan calon nomor urut", "ibu rumah tangga bernama". Only a run with one of them before it is tried.
_LOWER_WORDS = re.compile(r"[a-z0-9]+")
_BEFORE_CUE_WORDS = frozenset(
    re.findall(r"[a-z0-9]+", _LOWER_ROLE_CUES + " nomor urut pasangan " + " ".join(SPEECH_BEFORE))
) | frozenset(str(digit) for digit in range(10))
_BEFORE_CUE_TOKENS = 4
# The first lowercase word after a name ("" before punctuation or a digit), and the words that open a cue after it:
# a speech verb (or an adverb before one), "asal", "sebagai", "a 34-year-old", ", the head of".
_HEAD_WORD = re.compile(r"\s*,?\s*([a-z]*)")
_AFTER_CUE_WORDS = frozenset(
    re.findall(r"[a-z]+", _SPEECH_AFTER)
    + "juga pun kemudian lalu sebelumnya saat ketika secara asal dari warga kelahiran from sebagai a an the".split()
) | {""}
_LEADING_CONJUNCTIONS = frozenset({"Yaitu", "Yakni", "Ialah", "Adalah", "Serta", "Termasuk", "Namely", "Including"})
# Words before a capitalised run that make it a storm, a show, a ship or a place rather than a person.
_NOT_A_PERSON_BEFORE = re.compile(
    r"\b(?:siklon|badai|topan|taifun|hurikan|cyclone|typhoon|hurricane|storm|tropis|serial|film|drama|sinetron"
    r"|series|album|lagu|novel|buku|kapal|pesawat|kota|city|jalan|jl|gedung|stadion|bandara|pelabuhan|gunung"
    r"|sungai|operasi|program|aplikasi|merek|produk|hotel|restoran|festival|desa|kelurahan|kecamatan|dusun|kampung"
    r"|kabupaten|provinsi|di|ke)\.?\s+(?:(?-i:[A-Z])[\w'-]*\s+){0,1}$",
    re.IGNORECASE,
)
# Places and things shaped like a person's name that no cue tells apart: data, not rules.
NOT_PEOPLE = frozenset(name.casefold() for name in (
    "General Santos", "San Jose", "San Diego", "San Antonio", "Santa Cruz", "Santa Clara", "Santa Monica",
    "San Marino", "Los Angeles", "Buenos Aires", "Costa Rica", "Sri Lanka", "Santo Domingo", "Port Louis",
    "Squid Game", "Game of Thrones", "Harry Potter", "Mickey Mouse", "Santa Claus",
))


@lru_cache(maxsize=65536)
def name_variant_key(name: str) -> str:
    """Return the key that a name's transliterations and spellings share.

    >>> name_variant_key("Sergey Lavrov") == name_variant_key("Sergei Lavrov")
    True
    >>> name_variant_key("Volodymyr Zelenskyy") == name_variant_key("Volodymyr Zelensky") == name_variant_key(
    ...     "Volodymyr Zelenskiy")
    True
    >>> name_variant_key("Recep Tayyip Erdoğan") == name_variant_key("Recep Tayyip Erdogan")
    True
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("ı", "i")
    words = []
    for word in re.findall(r"[a-z0-9]+", folded):
        word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: Zelenskyy, Hassan
        word = re.sub(r"(?:iy|yi|ij)$", "y", word)  # Zelenskiy, Zelenskij
        word = re.sub(r"ey$", "ei", word)  # Sergey
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class _Found:
    name: str
    start: int
    sentence: str
    known: bool
    strong: bool
    # Found after a capitalised title ("Presiden Putin"): a lone surname may be linked to the gazetteer.
    titled: bool = False
    # Found by a speech verb ("kata Destry"): a lone name that vouches for a full name elsewhere in the story.
    speech: bool = False


_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")
_SOFT_GAPS = frozenset({" ", "-"})


class _PhraseIndex:
    """Find whole-word phrases (names, aliases) in text by looking up word n-grams, longest first.

    One big regex alternation of a thousand names costs milliseconds per page; dictionary look-ups of the
    n-grams that start at each word cost microseconds. "Timor-Leste" matches "Timor Leste" (space or hyphen).
    """

    def __init__(self, entries: Iterable[tuple[str, object]], *, fold: bool):
        self._fold = fold
        self._map: dict[tuple[str, ...], tuple[object, tuple[str, ...]]] = {}
        # The longest phrase that starts with each first word: most words start none.
        self._longest: dict[str, int] = {}
        for form, value in entries:
            tokens = [m for m in _TOKEN.finditer(form)]
            if not tokens:
                continue
            key = tuple(self._key(m.group()) for m in tokens)
            gaps = tuple(form[a.end(): b.start()] for a, b in zip(tokens, tokens[1:], strict=False))
            if key not in self._map:
                self._map[key] = (value, gaps)
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def _key(self, token: str) -> str:
        return token.casefold() if self._fold else token

    def finditer(self, text: str):
        """Yield (start, end, value) of the longest phrase at each word, left to right, without overlaps."""
        starts, exact, folded = _tokenize(text)
        keys = folded if self._fold else exact
        longest_at = self._longest
        count = len(keys)
        next_free = 0
        # Most words start no phrase: find the few that may, in one pass, and try only those.
        for index in compress(range(count), map(longest_at.__contains__, keys)):
            if index < next_free:
                continue
            for length in range(min(longest_at[keys[index]], count - index), 0, -1):
                entry = self._map.get(tuple(keys[index: index + length]))
                if entry is None:
                    continue
                value, gaps = entry
                if all(
                    (gap := text[starts[i] + len(exact[i]): starts[i + 1]]) == form_gap or {gap, form_gap} <= _SOFT_GAPS
                    for i, form_gap in zip(range(index, index + length - 1), gaps, strict=False)
                ):
                    last = index + length - 1
                    yield starts[index], starts[last] + len(exact[last]), value
                    next_free = index + length
                    break


@lru_cache(maxsize=8)
def _tokenize(text: str) -> tuple[array, list[str], list[str]]:
    """Return the words of ``text``: where each starts, as written, and case-folded (shared by every phrase index).
    Starts are kept as machine integers (a word ends at its start plus its length): a page of a million words
    holds no million match objects."""
    # Split keeps the gaps between words: word i starts where the first 2i pieces end (summed in C, not in a loop).
    pieces = _TOKEN_SPLIT.split(text)
    exact = pieces[1::2]
    starts = array("l", list(accumulate(map(len, pieces)))[0:-1:2])
    return starts, exact, list(map(str.casefold, exact))


@lru_cache(maxsize=256)
def _runs(sentence: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Return the runs of capitalised words in ``sentence``: (start, end, words), read by the rules and the lists."""
    return [(match.start(), match.end(), tuple(match.group().split())) for match in _RUN.finditer(sentence)]


@lru_cache(maxsize=16)
def _sentences(text: str) -> list[tuple[int, str]]:
    """Return (offset, sentence) pairs of ``text``; "Agus D.W. Martowardojo" and "Dr. Budi" stay in one sentence."""
    result: list[tuple[int, str]] = []
    position = 0
    for piece in _SENTENCE_SPLIT.split(text):
        start = text.find(piece, position)
        position = start + len(piece)
        if result and _ABBREVIATION_END.search(result[-1][1]):
            first_start, first = result[-1]
            result[-1] = (first_start, text[first_start:position])
        else:
            result.append((start, piece))
    return result


class EntityExtractor:
    """Find people and countries in a story, from gazetteers given as data (names in, names out; no ORM)."""

    def __init__(
        self,
        *,
        people: Mapping[str, Iterable[str]],
        countries: Mapping[str, Iterable[str]],
        rejected: Iterable[str] = (),
        blocked_country_phrases: Iterable[str] = (),
    ):
        """``people``: canonical name -> aliases; ``countries``: alpha-2 code -> names and aliases."""
        self._canonical: dict[str, str] = {}
        for name, aliases in people.items():
            for form in (name, *aliases):
                self._canonical.setdefault(form, name)
                self._canonical.setdefault(form.replace("'", ""), name)
        self._rejected = {name.casefold() for name in rejected} | NOT_PEOPLE
        # Transliterations and diacritics of a known name: "Sergei Lavrov" is "Sergey Lavrov", "Erdogan" "Erdoğan".
        self._variants: dict[str, str] = {}
        for form, name in self._canonical.items():
            self._variants.setdefault(name_variant_key(form), name)
        self._strip_cache: dict[tuple[str, ...], tuple[list[str], bool, bool, bool]] = {}
        # Rejected names join the pattern so that the longest match wins: "Gelora Bung Karno" over "Bung Karno".
        self._people_index = _PhraseIndex(
            [*((form, name) for form, name in self._canonical.items()), *((name, None) for name in rejected)],
            fold=False,
        )
        last_tokens: dict[str, set[str]] = {}
        for name in people:
            tokens = name.split()
            if len(tokens) >= 2 and len(tokens[-1]) >= 4:
                last_tokens.setdefault(tokens[-1], set()).add(name)
        self._unique_last = {token: next(iter(names)) for token, names in last_tokens.items() if len(names) == 1}

        self._country_code: dict[str, str | None] = {}
        exact_entries: list[tuple[str, object]] = []
        folded_entries: list[tuple[str, object]] = []
        folded_forms: list[str] = []
        for code, names in countries.items():
            for form in names:
                if not form:
                    continue
                # Abbreviations count only as written, in capitals: "AS" is the US, "as" is a word.
                if form.replace(".", "").isupper() and len(form.replace(".", "")) <= 4:
                    exact_entries.append((form, code.upper()))
                    self._country_code[form] = code.upper()
                else:
                    folded_entries.append((form, code.upper()))
                    folded_forms.append(form)
                    self._country_code[form.casefold()] = code.upper()
        for phrase in blocked_country_phrases:
            if phrase.split()[0].isupper():
                exact_entries.append((phrase, None))
                self._country_code[phrase] = None
            else:
                folded_entries.append((phrase, None))
                self._country_code[phrase.casefold()] = None
        self._country_exact = _PhraseIndex(exact_entries, fold=False)
        self._country_folded = _PhraseIndex(folded_entries, fold=True)
        # Single words that name a country ("Rusia", "Qatar"), and the words that open longer names ("Korea Selatan").
        single_forms = {form for form in self._country_code if " " not in form and form[:1].isupper()}
        single_forms |= {form.capitalize() for form in folded_forms if " " not in form}
        self._country_words = frozenset(single_forms) | frozenset(
            "Korea Arab Afrika Amerika Selandia Papua Timor Emirat Saudi Serikat Britania".split()
        )

    # --- countries ---------------------------------------------------------------------------------------------

    def countries_in(self, text: str) -> list[str]:
        """Return the alpha-2 codes of the countries ``text`` names, in order of first mention."""
        spans: list[tuple[int, int, str | None]] = [
            span for span in self._country_exact.finditer(text) if not _AGE_AFTER.match(text[span[1]: span[1] + 12])
        ]  # "AS (34)": a suspect's initials, not the United States.
        for start, end, code in self._country_folded.finditer(text):
            # Country names are proper nouns: "cuba" or "jersey" in lower case are other words.
            if code is None or text[start].isupper():
                spans.append((start, end, code))
        spans = [span for span in spans if not self._ends_organisation_name(text, span[0], span[1])]
        spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
        codes: list[str] = []
        taken_until = -1
        for start, end, code in spans:
            if start < taken_until:
                continue
            taken_until = end
            if code is not None and code not in codes:
                codes.append(code)
        return codes

    def _ends_organisation_name(self, text: str, start: int, end: int) -> bool:
        """Return True for "Ikatan Dokter Indonesia (IDI)", "Bank Indonesia (BI)": the end of a body's name."""
        if not _ACRONYM_AFTER.match(text[end: end + 16]):
            return False
        before = text[max(0, start - 30): start].split()
        return bool(before) and before[-1][:1].isupper() and before[-1] not in _FUNCTION_WORDS \
            and before[-1] not in self._country_words

    # --- people ------------------------------------------------------------------------------------------------

    def _read_run(self, words: Sequence[str]) -> tuple[tuple[str, ...], bool, bool, bool]:
        """Return (name words, had a role, a role that takes a place, names only a body or a place) of a run.

        The role, place and honorific words that lead a run are dropped. Cached: runs recur across stories.
        """
        key = tuple(words)
        cached = self._strip_cache.get(key)
        if cached is None:
            cached = self._strip_cache[key] = (*self._strip_roles_uncached(key), self._is_body_run(key))
            if len(self._strip_cache) > _STRIP_CACHE_SIZE:
                self._strip_cache.clear()
        return cached

    def _strip_roles_uncached(self, words: list[str]) -> tuple[list[str], bool, bool]:
        had_role = False
        place_role = False
        place_named = False
        index = 0
        while index < len(words):
            word = words[index].rstrip(".,")
            plain = word.rstrip(".")
            if plain in ROLE_WORDS:
                had_role = True
                place_role = place_role or plain in PLACE_ROLES
            elif plain in _FUNCTION_WORDS:
                had_role = had_role or plain in ("Menurut", "Kata", "Ujar", "Tutur")
            elif had_role and (plain in PORTFOLIO_WORDS or plain in REGIONS or _ACRONYM.match(plain)
                               or plain in self._country_words):
                place_named = place_named or plain in REGIONS or plain in self._country_words
                place_role = place_role or plain in PLACE_ROLES  # "Kepala Desa ...": the village's name comes next
            elif word in HONORIFIC_WORDS or plain in HONORIFIC_WORDS:
                pass
            else:
                break
            index += 1
        # A role that takes a place ("Gubernur Jawa Barat") and got one needs no guess about an unknown place.
        return words[index:], had_role, place_role and not place_named

    def _is_body_run(self, words: list[str]) -> bool:
        """Return True for a run of only an institution's or a place's words: "Fraksi Partai Golkar", "Amerika Serikat"."""
        return all(
            (plain := word.rstrip(".,")) in PORTFOLIO_WORDS or plain in _ORG_WORDS or plain in REGIONS
            or plain in self._country_words or plain in ROLE_WORDS or _ACRONYM.match(plain)
            for word in words
        )

    def _candidate(self, words: list[str], *, place_role: bool) -> str:
        """Return the person's name in ``words`` (role words already stripped), or ''."""
        # Trailing words that end a name run without being part of it: "Jokowi Senin", "Putin WIB".
        while words and (words[-1].rstrip(".,") in NOT_NAME_WORDS or words[-1].rstrip(".,") in _FUNCTION_WORDS):
            words = words[:-1]
        if place_role and len(words) >= 3 and words[0] not in self._canonical:
            words = words[1:]
        while words and words[0] in _LEADING_CONJUNCTIONS:
            words = words[1:]  # "Yaitu Budi Santoso": a list opened by its word, the name follows
        # "Perikanan Sulsel Muhammad Ilyas", "Kekuatan Rakyat Han Dong-hoon": the end of a body's name before a person's.
        while len(words) >= 3 and (is_affixed_word(words[0]) or words[0] in REGIONS or words[0] in PORTFOLIO_WORDS):
            words = words[1:]
        if words and is_affixed_word(words[0]) or self._is_body_run(words):
            return ""  # "Penyelenggaraan Haji", "Perwakilan Rakyat": the rest of a body's name.
        if not words or len(words) > 5:
            return ""
        name = strip_honorifics(" ".join(words)).rstrip(".,")
        if "'s" in name:
            name = name[: name.index("'s")]  # "Prabowo Subianto's Cabinet": the owner.
        name = name.rstrip("'")
        if re.search(r"[A-Za-z]-[A-Z]", name.replace("al-", "").replace("Al-", "").replace("el-", "")):
            return ""  # "Prabowo-Hatta", "Sudirman-Thamrin": a ticket or a place, not one person.
        tokens = name.split()
        if not tokens or tokens[0] in ROLE_WORDS or any(t.rstrip(".,") in _ORG_WORDS for t in tokens):
            return ""
        if all(_ACRONYM.match(t) for t in tokens) or any(ch.isdigit() for ch in name):
            return ""
        if name.casefold() in self._rejected or name.casefold() in self._country_code or is_outlet_name(name):
            return ""
        if len(tokens) == 1 and (len(name) < 3 or name in self._country_words or name in REGIONS):
            return ""
        if tokens[0] in _PLACE_NAMES or tokens[0] in self._country_words or tokens[0] in _PLACE_FIRST_WORDS:
            return ""  # "Bali Nine", "Jakarta Selatan": a place leads the run.
        return name

    def _rule_names(self, text: str) -> list[_Found]:
        found: list[_Found] = []
        for offset, sentence in _sentences(text):
            if _is_heading(sentence):
                continue  # Subheadings are Title Case: every word would look like a name.
            found.extend(self._sentence_rule_names(offset, sentence))
        return found

    def _sentence_rule_names(self, offset: int, sentence: str) -> list[_Found]:
        found: list[_Found] = []
        runs = _runs(sentence)
        role_open_until = -1  # end of a run that opened a role whose name comes in a later run
        body_run_end = -1  # end of the last run made only of a body's or a place's words
        for index, (start, end, words) in enumerate(runs):
            # Cues stand right next to a name: look at a short window, not the whole sentence, on each side.
            window = max(0, start - _CUE_WINDOW)
            after = sentence[end: end + _CUE_WINDOW]
            name_words, had_role, place_role, body_run = self._read_run(words)
            # "anggota Fraksi Partai Golkar, Chairun Nisa, ..." / "pelari Amerika Serikat, Anthony Schwartz dan ...":
            # a name set off by commas right after a body's or a place's name is a person.
            appositive = (
                body_run_end >= 0 and len(words) >= 2 and sentence[body_run_end: start].strip() == ","
                and bool(_APPOSITIVE_END.match(after))
            )
            body_run_end = end if body_run else -1
            gap = sentence[role_open_until: start] if role_open_until >= 0 else None
            role_continues = gap is not None and bool(_CONNECTOR.match(gap))
            # The lowercase words just before the run: without a word of some cue among them, no cue can stand there.
            role_window = max(0, start - _ROLE_CUE_CHARS)
            cue_before = not _BEFORE_CUE_WORDS.isdisjoint(
                _LOWER_WORDS.findall(sentence, role_window, start)[-_BEFORE_CUE_TOKENS:]
            )
            lower_role = cue_before and bool(_LOWER_ROLE_BEFORE.search(sentence, role_window, start))
            # "Kepala Badan Geologi (PVMBG)" or "warga Skouw Mabo, Obet Kogoya": the run names a body or a place;
            # the person, if any, follows in the next run.
            place_then_name = lower_role and _PLACE_CUE_BEFORE.search(sentence, window, start) \
                and _COMMA_NAME_AFTER.match(after)
            if not name_words or _ACRONYM_AFTER.match(after) or place_then_name:
                role_open_until = end if had_role or role_continues or lower_role else -1
                continue
            opened_at, role_open_until = role_open_until, -1
            role = had_role or lower_role or role_continues or appositive
            # Without a role, a run is a name only by a cue beside it; most runs have none (cheapest cues first).
            # The word after the run opens every cue after it, or punctuation does: most words open none.
            cue_after = _HEAD_WORD.match(after)[1] in _AFTER_CUE_WORDS
            age_after = cue_after and bool(_AGE_AFTER.match(after))
            speech_after = cue_after and bool(_SPEECH_AFTER_RE.match(after))
            speech_before = cue_before and bool(
                _SPEECH_BEFORE_RE.search(sentence, max(0, start - _SPEECH_CUE_CHARS), start)
            )
            origin_after = cue_after and bool(
                _ORIGIN_AFTER.match(after) or _AS_ROLE_AFTER.match(after) or _ENGLISH_ROLE_AFTER.match(after)
            )
            cued = role or age_after or speech_after or speech_before or origin_after
            if not (cued or _has_particle(name_words)):
                continue
            if role_continues:
                name_words, _, _, _ = self._read_run(["Menteri", *name_words])
                # "... Haji dan Umrah Hilman Latief": after "X dan", the first word pairs with X in the role.
                previous_words = sentence[:opened_at].split()
                previous_word = previous_words[-1] if previous_words else ""
                if len(name_words) >= 3 and name_words[0] == words[0] and gap.strip() == "dan" \
                        and is_common_word(previous_word):
                    name_words = name_words[1:]
            name_words = _after_last_body_word(name_words)
            if not (cued or _has_particle(name_words)):
                continue
            before = sentence[window: start]
            if not role and _PREPOSITION_BEFORE.search(sentence, window, start):
                continue  # "di Rio memastikan": after "di" or "ke" comes a place.
            if role and _ROLE_CONTINUES_AFTER.match(after) and index + 1 < len(runs) and has_body_word(
                runs[index + 1][2]
            ):
                # "Kepala Bidang Mitigasi Gempa Bumi dan Tsunami BMKG Rahmat Triyono": still the role.
                role_open_until = end
                continue
            place_after = _PLACE_AFTER.match(after)
            if place_after and (place_after["place"] in self._country_words or place_after["place"] in REGIONS):
                continue  # "Rio de Janeiro, Brasil": a city.
            emitted = len(found)
            named = named_before(before)
            for part in _split_pair(name_words):
                name = self._candidate(part, place_role=place_role)
                if not name:
                    continue
                single = len(name.split()) == 1
                if single and (_SINGLE_NOT_NAME_AFTER.match(after) or place_role):
                    continue  # "Bupati Bantaeng": after a role that takes a place, a lone word is the place.
                if single and not (age_after or named) and is_common_word(name):
                    continue  # "Kepala Divisi Profesi": a word of the language, not a name.
                if after.lstrip().startswith("/"):
                    role_open_until = end  # A doubles pair: "Chen Qingchen/Jia Yifan".
                strong = not single or had_role or age_after or named
                found.append(_Found(name, offset + start, sentence, known=False, strong=strong,
                                    titled=had_role, speech=speech_before or speech_after))
            if len(found) == emitted and had_role:
                role_open_until = end  # "Direktur Jenderal Penyelenggaraan Haji dan Umrah Hilman Latief".
        return found

    def _gazetteer_names(self, text: str) -> list[_Found]:
        sentences = _sentences(text)
        starts = [offset for offset, _ in sentences]
        found = []
        for start, end, canonical in self._people_index.finditer(text):
            if canonical is None:
                continue  # A rejected name that contains a person's name: "Gelora Bung Karno".
            before = text[max(0, start - 40): start].split()
            if before and before[-1].rstrip(".") in _PLACE_PREFIXES:
                continue  # "Bandara Fransiskus Xaverius Seda", "Jalan Sudirman": named after a person.
            if text[start:end].isupper() and _AGE_AFTER.match(text[end: end + 20]):
                continue  # "JK (34)": the initials of someone else, not the alias.
            sentence = sentences[bisect_right(starts, start) - 1][1] if sentences else text
            found.append(_Found(canonical, start, sentence, known=True, strong=True))
        return found

    def _vouched_names(self, text: str, candidates: list[_Found]) -> list[_Found]:
        """Return full names without a cue that a later lone mention with a speech verb vouches for.

        "Ibunda Brigadir J, Rosti Simanjuntak, yang ..." and later "... kata Rosti": Rosti Simanjuntak is a person.
        Names listed beside a person already found are people too: "Sri Wahyuni Agustiani dan Eko Yuli Irawan".
        """
        lone = {c.name for c in candidates if not c.known and c.speech and len(c.name.split()) == 1}
        found_names = {c.name for c in candidates}
        # Only sentences with a person already found, or with a vouching lone name, can hold such a name.
        with_people = {c.sentence for c in candidates}
        vouched: list[_Found] = []
        for offset, sentence in _sentences(text):
            if _is_heading(sentence) or sentence not in with_people and not any(t in sentence for t in lone):
                continue
            runs = _runs(sentence)
            for index, (start, end, run_words) in enumerate(runs):
                words = _after_last_body_word(self._read_run(run_words)[0])
                if not 2 <= len(words) <= 4:
                    continue
                listed = any(
                    _LIST_GAP.match(sentence[other_end: start] if other_end <= start else sentence[end: other_start])
                    and " ".join(self._read_run(other_words)[0]).rstrip(".,") in found_names
                    for other_start, other_end, other_words in runs[max(index - 1, 0): index + 2]
                    if other_start != start
                )
                if not listed and not any(word.rstrip(".,") in lone for word in words):
                    continue
                name = self._candidate(words, place_role=False)
                if name:
                    vouched.append(_Found(name, offset + start, sentence, known=False, strong=True))
        return vouched

    def people_in(self, *, title: str = "", text: str) -> list[PersonMention]:
        """Return the people ``title`` and ``text`` mention, as canonical names in order of first mention."""
        candidates = self._gazetteer_names(title) + self._gazetteer_names(text)
        candidates += self._rule_names(text)
        candidates += self._vouched_names(text, candidates)
        full_names = {c.name for c in candidates if len(c.name.split()) >= 2}
        mentions: dict[str, PersonMention] = {}
        order: dict[str, int] = {}
        variants: dict[str, str] = {}
        for candidate in sorted(candidates, key=lambda c: (not c.known, c.start)):
            # "Siklon Tropis Seroja", "serial Squid Game", "kota General Santos"; but a name that speaks or holds a
            # title is a person's: "Sutradara film Joko Anwar mengatakan".
            if not (candidate.known or candidate.speech or candidate.titled) and _NOT_A_PERSON_BEFORE.search(
                text[max(candidate.start - 30, 0): candidate.start]
            ):
                continue
            name, known = self._resolve(candidate, full_names)
            if not name or name.casefold() in self._rejected:
                continue
            name = variants.setdefault(name_variant_key(name), name)  # "Zelenskyy" after "Zelensky": one person
            if name not in mentions:
                mentions[name] = PersonMention(name=name, known=known, context=candidate.sentence.strip()[:300])
                order[name] = candidate.start
            else:
                order[name] = min(order[name], candidate.start)
        return sorted(mentions.values(), key=lambda mention: order[mention.name])

    def _resolve(self, candidate: _Found, full_names: set[str]) -> tuple[str, bool]:
        """Return the canonical name a candidate stands for, linking short mentions to full names."""
        name = candidate.name
        if candidate.known:
            return name, True
        if name in self._canonical:
            return self._canonical[name], True
        if (variant := self._variants.get(name_variant_key(name))) is not None:
            return variant, True
        tokens = name.split()
        # "Gerindra Prabowo Subianto": a known name at the end of a longer run is that person.
        for cut in range(1, len(tokens) - 1):
            tail = " ".join(tokens[cut:])
            if tail in self._canonical:
                return self._canonical[tail], True
            if (variant := self._variants.get(name_variant_key(tail))) is not None:
                return variant, True
        tokens = [t.rstrip(".") for t in tokens]
        bare = [t[3:] if t.startswith(("al-", "Al-", "el-")) else t for t in tokens]
        longer = [
            full for full in full_names
            if len(full.split()) >= len(tokens) and full != name and (
                _contains_run([t.rstrip(".") for t in full.split()], tokens)
                or len(tokens) == 1 and bare[0] in [t[3:] if t[2:3] == "-" else t for t in full.split()]
            )
        ]
        if len(longer) == 1:
            if longer[0] in self._canonical:
                return self._canonical[longer[0]], True
            return longer[0], False
        if len(longer) > 1:
            return "", False
        # (The dictionary test last: stemming a word it does not know is the slowest step of extraction.)
        if len(tokens) == 2 and (tokens[-1] in self._canonical or any(
            tokens[-1] in [t.rstrip(".") for t in full.split()] for full in full_names if full != name
        )) and is_common_word(tokens[0]):
            return "", False  # "Lawatan Retno", "Kunjungan Putin": a word before someone's short name.
        if len(tokens) == 1:
            if candidate.titled and name in self._unique_last:
                return self._unique_last[name], True
            if not candidate.strong:
                return "", False
        return name, False

    def extract(self, *, title: str, summary: str, body: str) -> tuple[list[PersonMention], list[str]]:
        """Return (people, country codes) of a story; captions and bylines are not sources."""
        text = "\n".join(part for part in (summary, body) if part)
        people = self.people_in(title=title, text=text)
        # Title and text apart: the text's words are already split for people, and are reused here.
        countries = self.countries_in(title)
        countries += [code for code in self.countries_in(text) if code not in countries]
        return people, countries


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


def named_before(before: str) -> bool:
    return bool(re.search(r"\bbernama\s*$", before))


def _has_particle(words: list[str]) -> bool:
    """Return True for a name with a particle of descent: "Tamim bin Hamad al-Thani"."""
    return len(words) >= 2 and any(w in ("bin", "binti") or w.startswith(("al-", "Al-", "el-")) for w in words)


def has_body_word(words: list[str]) -> bool:
    """Return True when a word of ``words`` belongs to a body's name: "Kementerian", "Polres", an acronym like "BMKG"."""
    return any(w.rstrip(".,") in _ORG_WORDS or (_ACRONYM.match(w.rstrip(".,")) and w not in ("MD",)) for w in words)


def _after_last_body_word(words: list[str]) -> list[str]:
    """Return the words after the last organisation word or acronym: "Tsunami BMKG Rahmat Triyono" -> its last two.

    After a word of a place or a thing ("Gunung Lewotobi Laki-laki", "Jalan Sudirman") no person follows: [].
    """
    for index in range(len(words) - 2, -1, -1):
        word = words[index].rstrip(".,")
        if word in _PLACE_PREFIXES:
            return []
        if word in _ORG_WORDS or (_ACRONYM.match(word) and not _ACRONYM.match(words[index + 1])):
            return words[index + 1:]
    return words


def _split_pair(words: list[str]) -> list[list[str]]:
    """Split a ticket or a doubles pair into its people: "Nurdin Halid-Aziz Qahhar Mudzakkar", "Chen Qingchen/Jia Yifan".

    A pair of one-word names ("Prabowo-Hatta") stays whole, and _candidate turns it down.
    """
    text = " ".join(words)
    parts = re.split(r"(?<=[a-z])(?:-|/)(?=[A-Z])", text)
    if len(parts) == 2 and all(len(part.split()) >= 2 for part in parts):
        return [part.split() for part in parts]
    return [words]


def _is_heading(sentence: str) -> bool:
    words = sentence.split()
    return len(words) <= 12 and not sentence.rstrip("\"'").endswith((".", "!", "?", ":", ",")) and "\n" not in sentence


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i: i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))
