"""Fill the English catalog (articles/locale/en) from the table below; run after ``makemessages -l en``.

Babel reads and writes the catalog, so multi-line and plural messages are handled like any other.
A message without English here is reported and the script exits non-zero.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent.parent / "articles" / "locale" / "en" / "LC_MESSAGES" / "django.po"

EN = {
    "Lini masa %(a)s dan %(b)s": "Timeline of %(a)s and %(b)s",
    "berdua": "together",
    "jumlah artikel": "article count", "Isi": "Body", "Sumber": "Source", "Arsip berita": "News archive",
    "nama": "name", "slug": "slug", "Nama media, mis. “Tempo.co”.": "Outlet name, e.g. “Tempo.co”.",
    "Untuk URL, mis. “tempo”.": "For URLs, e.g. “tempo”.", "domain": "domain",
    "Domain situs, mis. “tempo.co”. Kosong bila tidak diketahui.": "Site domain, e.g. “tempo.co”. Empty if unknown.",
    "media": "outlet", "kode": "code",
    "Kode ISO 3166-1 alpha-2 dalam huruf besar, mis. “RU”.": "ISO 3166-1 alpha-2 code in capitals, e.g. “RU”.",
    "nama (Indonesia)": "name (Indonesian)", "Mis. “Rusia”.": "E.g. “Rusia”.", "nama (Inggris)": "name (English)",
    "Mis. “Russia”.": "E.g. “Russia”.", "negara": "country", "alias": "alias",
    "Nama lain di berita, mis. “Negeri Beruang Merah” atau “AS”.": "Another name in the news, e.g. “Negeri Beruang Merah” or “AS”.",
    "alias negara": "country alias", "dikonfirmasi editor": "confirmed by an editor",
    "ditemukan ekstraksi": "discovered by extraction",
    "Nama lengkap tanpa gelar atau jabatan, mis. “Joko Widodo”.": "Full name without titles or offices, e.g. “Joko Widodo”.",
    "Untuk URL, mis. “joko-widodo”.": "For URLs, e.g. “joko-widodo”.", "keterangan": "description",
    "Mis. “Presiden ke-7 Republik Indonesia”.": "E.g. “7th President of the Republic of Indonesia”.",
    "status": "status",
    "Orang yang ditemukan ekstraksi menunggu tinjauan editor.": "People found by extraction wait for an editor's review.",
    "dibuat": "created", "orang": "person", "Nama lain di berita, mis. “Jokowi”.": "Another name in the news, e.g. “Jokowi”.",
    "alias orang": "person alias", "alasan": "reason", "Mis. “nama stadion”.": "E.g. “a stadium's name”.",
    "nama yang ditolak": "rejected name", "judul": "title", "ringkasan": "summary",
    "Teras berita di bawah judul, bila ada.": "The standfirst under the title, if any.", "terbit": "published",
    "hanya tanggal": "date only", "Halaman hanya menyebut tanggal terbit, tanpa jam.": "The page gives only the date, no time.",
    "penulis": "author", "Beberapa nama dipisah koma.": "Several names separated by commas.", "editor": "editor",
    "kota dateline": "dateline city", "Mis. “Jakarta”.": "E.g. “Jakarta”.", "isi": "body",
    "Isi berita yang bersih, paragraf dipisah baris kosong.": "The clean story, paragraphs separated by a blank line.",
    "keterangan foto": "photo captions", "nama berkas sumber": "source file name", "SHA-256 teks mentah": "SHA-256 of the raw text",
    "Sidik teks mentah; berkas yang sama tidak dimuat dua kali.": "Fingerprint of the raw text; the same file is never loaded twice.",
    "teks mentah": "raw text", "dimuat": "ingested", "diperbarui": "updated", "artikel": "article",
    "ekstraksi": "extraction", "ditambahkan editor": "added by an editor", "dihapus editor": "removed by an editor",
    "asal": "origin", "konteks": "context", "Kalimat tempat nama itu disebut.": "The sentence that mentions the name.",
    "orang dalam artikel": "person in article", "negara dalam artikel": "country in article",
    "Indonesia": "Indonesian", "English": "English", "Arsip Berita": "Arsip Berita", "Penulis": "Author",
    "Keterangan foto": "Photo captions", "Orang": "People", "Negara": "Countries", "Berita terbaru": "Latest news",
    "Arsip masih kosong. Muat contoh dengan “make run” atau berkas Anda dengan “manage.py ingest_articles”.":
        "The archive is empty. Load the samples with “make run” or your files with “manage.py ingest_articles”.",
    "Teks yang mirip nama orang tetapi bukan orang, mis. “Gelora Bung Karno”. Ekstraksi melewatinya.":
        "Text that looks like a person's name but is not one, e.g. “Gelora Bung Karno”. Extraction skips it.",
    "zona waktu terbit (menit dari UTC)": "publication time zone (minutes from UTC)",
    "Zona yang tertulis di halaman: 420 = WIB, 480 = WITA, 540 = WIT.":
        "The zone the page gives: 420 = WIB, 480 = WITA, 540 = WIT.",
    "Pilihan editor (ditambah atau dihapus) tidak diubah oleh ekstraksi ulang.":
        "An editor's choices (added or removed) are not changed by extracting again.",
    # Search pages
    "Kata": "Words", "Media": "Outlet", "Tahun": "Year", "Bulan": "Month", "Dari tanggal": "From date",
    "Sampai tanggal": "To date", "Urutkan": "Sort by", "Halaman": "Page", "Per halaman": "Per page",
    "relevansi": "relevance", "terbaru": "newest", "terlama": "oldest",
    "Karakter kontrol dalam pencarian dibuang.": "Control characters in the search were removed.",
    "Pencarian terlalu panjang: hanya %(detail)s karakter pertama yang dipakai.":
        "The search is too long: only its first %(detail)s characters are used.",
    "Tanda kutip tidak berpasangan: kata-katanya dicari satu per satu.":
        "Unbalanced quotation mark: its words are searched one by one.",
    "Tanda kurung tidak berpasangan dan diabaikan.": "An unbalanced parenthesis was ignored.",
    "Operator “%(detail)s” tanpa kata di sisinya diabaikan.":
        "The operator “%(detail)s” has no word beside it and was ignored.",
    "Awalan “%(detail)s:” tanpa kata diabaikan.": "The prefix “%(detail)s:” has no word after it and was ignored.",
    "Tanda * hanya bisa di akhir kata (mis. “diplom*”): “%(detail)s” dicari tanpa tanda itu.":
        "A * works only at the end of a word (e.g. “diplom*”): “%(detail)s” is searched without it.",
    "“%(detail)s” terlalu pendek untuk pencarian awalan (minimal 3 huruf).":
        "“%(detail)s” is too short for a prefix search (3 letters at least).",
    "Kata umum “%(detail)s” diabaikan.": "The common word “%(detail)s” was ignored.",
    "Hanya %(detail)s kata pertama yang dicari.": "Only the first %(detail)s words are searched.",
    "Orang “%(detail)s” tidak ada di arsip.": "No person “%(detail)s” in the archive.",
    "Negara “%(detail)s” tidak dikenal.": "Unknown country “%(detail)s”.",
    "Media “%(detail)s” tidak dikenal.": "Unknown outlet “%(detail)s”.",
    "Media “%(value)s” tidak dikenal; filter itu diabaikan.": "Unknown outlet “%(value)s”; that filter was ignored.",
    "Orang “%(value)s” tidak dikenal; filter itu diabaikan.": "Unknown person “%(value)s”; that filter was ignored.",
    "Kode negara “%(value)s” tidak dikenal; filter itu diabaikan.":
        "Unknown country code “%(value)s”; that filter was ignored.",
    "Tahun “%(value)s” tidak sah; filter itu diabaikan.": "“%(value)s” is not a year; that filter was ignored.",
    "Bulan “%(value)s” tidak sah (contoh: 2017-11); filter itu diabaikan.":
        "“%(value)s” is not a month (e.g. 2017-11); that filter was ignored.",
    "Tanggal “%(value)s” tidak terbaca (contoh: 1 Jan 2017 atau 2017-01-01); diabaikan.":
        "Cannot read the date “%(value)s” (e.g. 1 Jan 2017 or 2017-01-01); it was ignored.",
    "Urutan “%(value)s” tidak dikenal; diurutkan menurut relevansi.":
        "Unknown sort order “%(value)s”; sorted by relevance.",
    "Halaman “%(value)s” tidak sah; menampilkan halaman 1.": "“%(value)s” is not a page number; showing page 1.",
    "Jumlah per halaman “%(value)s” tidak sah; menampilkan %(default)s.":
        "“%(value)s” results per page is not allowed; showing %(default)s.",
    "Paling banyak %(max)s hasil per halaman.": "At most %(max)s results per page.",
    "Tanggal awal sesudah tanggal akhir: keduanya ditukar.": "The start date was after the end date: they were swapped.",
    "Pencarian sedang tidak tersedia. Coba lagi sebentar lagi.": "Search is unavailable right now. Try again shortly.",
    "Halaman %(asked)s tidak ada; menampilkan halaman %(shown)s.":
        "There is no page %(asked)s; showing page %(shown)s.",
    "DAN": "AND", "ATAU": "OR", "TIDAK": "NOT", "Dari %(date)s": "From %(date)s", "Sampai %(date)s": "Until %(date)s",
    "Faset tidak dikenal.": "Unknown facet.", "Juga disebut": "Also called", "Cari berita": "Search the news",
    "Kata yang dicari": "Words to search for",
    "mis. “penarikan pasukan” rusia ATAU ukraina -suriah": "e.g. “penarikan pasukan” rusia OR ukraina -suriah",
    "Cari": "Search", "Rentang tanggal": "Date range", "Dari": "From", "sampai": "to", "Mencari": "Searching for",
    "Mungkin maksud Anda": "Did you mean", "Filter terpilih": "Chosen filters", "Hapus filter ini": "Remove this filter",
    "Hapus semua": "Clear all", ("%(counter)s berita", "%(counter)s berita"): ("%(counter)s article", "%(counter)s articles"),
    "halaman %(number)s dari %(pages)s": "page %(number)s of %(pages)s",
    "Tidak ada berita yang cocok. Coba kata lain atau hapus sebagian filter.":
        "No article matches. Try other words or remove some filters.",
    "Berita per bulan": "Articles per month", "Berita per tahun": "Articles per year",
    "Jumlah berita menurut waktu": "Number of articles over time", "lainnya (%(count)s)": "more (%(count)s)",
    "Kembali ke hasil pencarian": "Back to the search results", "Saring nama": "Filter names", "Saring": "Filter",
    "Tidak ada nilai yang cocok.": "No value matches.",
    "“%(detail)s” tidak berisi kata yang bisa dicari.": "“%(detail)s” holds no searchable word.",
    "Tanda kurung bertingkat lebih dari 10 diabaikan.": "Brackets nested deeper than 10 levels were ignored.",
    "Parameter “%(name)s” diabaikan: %(error)s": "The parameter “%(name)s” was ignored: %(error)s", "Editor": "Editor", "Berita terkait": "Related articles",
    # Admin upload page
    "Unggah berita": "Upload news", "Unggah": "Upload", "Beranda": "Home", "Berkas": "Files", "Status": "Status",
    "Judul atau alasan": "Title or reason", "Hasil unggahan": "Upload results", "tidak berubah": "unchanged",
    "gagal": "failed", "Dimuat %(ingested)s, tidak berubah %(unchanged)s, diperbarui %(updated)s, gagal %(failed)s":
        "Ingested %(ingested)s, unchanged %(unchanged)s, updated %(updated)s, failed %(failed)s",
    "Unggahan ditolak; perbaiki kesalahan di bawah ini.": "The upload was refused; correct the error below.",
    "Pilih satu atau beberapa berkas .txt atau .zip.": "Choose one or more .txt or .zip files.",
    "Arsip Berita: redaksi": "Arsip Berita: newsroom",
    "nama pengguna": "user name",
    "alamat": "address",
    "jenis": "kind",
    "kunci": "key",
    "kegagalan": "failures",
    "berakhir": "ends",
    "login gagal": "failed logins",
    "Kurasi arsip": "Archive curation",
    "— pilih orang tujuan —": "— choose the person to keep —",
    "Antrean tinjauan orang: konfirmasi, tolak, atau gabungkan": "People review queue: confirm, reject or merge",
    "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)s menit.":
        "Too many failed login attempts. Try again in %(minutes)s minutes.",
    "Halaman berita mentah (.txt) atau HTML (.html, .htm), arsip web WARC (.warc, .warc.gz), JSON Lines (.jsonl, "
    ".jsonl.gz; satu berita per baris), atau .zip berisi berkas-berkas itu; berkas .url atau .json di samping halaman "
    ".txt atau .html dalam zip memberi URL-nya. Tiap rekaman WARC dan baris JSONL dihitung satu halaman. Paling "
    "banyak %(pages)s halaman dan %(size)s MB per unggahan; tiap halaman paling besar %(page_size)s MB.":
        "Raw news pages (.txt) or HTML (.html, .htm), WARC web archives (.warc, .warc.gz), JSON Lines (.jsonl, "
        ".jsonl.gz; one article per line), or a .zip of such files; a .url or .json file beside a .txt or .html page "
        "in the zip gives its URL. Each WARC record and JSONL line counts as one page. At most %(pages)s pages and "
        "%(size)s MB per upload; each page at most %(page_size)s MB.",
    "Terlalu banyak berkas: %(count)s, paling banyak %(max)s per unggahan. Bagi menjadi beberapa unggahan atau muat "
    "dengan “manage.py ingest_articles”.":
        "Too many files: %(count)s, at most %(max)s per upload. Split them into several uploads or load them with "
        "“manage.py ingest_articles”.",
    "Unggahan terlalu besar: %(size)s, paling besar %(max)s. Bagi menjadi beberapa unggahan atau muat dengan "
    "“manage.py ingest_articles”.":
        "The upload is too large: %(size)s, at most %(max)s. Split it into several uploads or load it with "
        "“manage.py ingest_articles”.",
    "halaman terlalu besar: %(size)s, paling besar %(max)s per halaman":
        "page too large: %(size)s, at most %(max)s per page",
    "tidak dimuat: unggahan ini sudah mencapai batas %(pages)s halaman atau %(size)s":
        "not ingested: this upload already reached the limit of %(pages)s pages or %(size)s",
    "zip rusak atau bukan zip: berkas ini tidak bisa dibuka": "corrupt zip or not a zip: this file cannot be opened",
    "zip berisi %(count)s berkas, lebih dari batas %(max)s per unggahan; tidak ada yang dimuat":
        "the zip holds %(count)s files, over the limit of %(max)s per upload; nothing was ingested",
    "isi zip %(size)s setelah dibuka, lebih dari batas %(max)s per unggahan; tidak ada yang dimuat":
        "the zip unpacks to %(size)s, over the limit of %(max)s per upload; nothing was ingested",
    "isi gzip lebih dari %(max)s setelah dibuka, batas per unggahan; tidak ada yang dimuat":
        "the gzip unpacks to more than %(max)s, the limit per upload; nothing was ingested",
    "zip tidak berisi berkas yang bisa dimuat: %(formats)s": "the zip holds no file that can be ingested: %(formats)s",
    "berkas .url atau .json hanya dibaca di samping halaman .txt atau .html bernama sama; dilewati":
        "a .url or .json file is read only beside a .txt or .html page of the same name; skipped",
    "tidak dimuat, begitu pula sisa berkas ini (tidak dibaca): unggahan ini sudah mencapai batas %(pages)s halaman. "
    "Muat berkas sebesar ini dengan “manage.py ingest_articles”.":
        "not ingested, nor the rest of this file (not read): this upload reached the limit of %(pages)s pages. "
        "Load a file this large with “manage.py ingest_articles”.",
    "bukan halaman .txt; dilewati": "not a .txt page; skipped",
    "terkunci kata sandi; dilewati": "password-protected; skipped",
    "nama berkas menunjuk ke luar zip (mis. '../'); dilewati": "the file name points outside the zip (e.g. '../'); skipped",
    "Pencarian ini terlalu berat dan dihentikan sebelum selesai: hasilnya mungkin tidak lengkap.":
        "This search was too heavy and was stopped before its end: the results may be incomplete.",
    "Pencarian ini terlalu luas: hanya sebagian kata dari awalan dan frasanya yang dicari.":
        "This search is too broad: only some of the words of its prefixes and phrases were searched.",
    "tidak bisa dibaca dari zip: berkas rusak atau pemampatan tidak dikenal":
        "cannot be read from the zip: damaged or an unknown compression",
    "jenis berkas tidak didukung: unggah berkas %(formats)s atau .zip":
        "unsupported file type: upload %(formats)s or .zip files",
    "kesalahan tak terduga: %(error)s": "unexpected error: %(error)s",
    # Curation in the admin
    "Gabungkan ke": "Merge into", "Digabungkan: %s": "Merged: %s",
    "%(names)s digabungkan ke %(target)s; %(count)d berita diperbarui, %(target)s kini disebut di %(total)d berita.":
        "%(names)s merged into %(target)s; %(count)d articles updated, %(target)s is now named in %(total)d articles.",
    "Konfirmasi orang terpilih": "Confirm the selected people", "Dikonfirmasi": "Confirmed",
    ("%d orang dikonfirmasi.", "%d orang dikonfirmasi."): ("%d person confirmed.", "%d people confirmed."),
    "Tolak: bukan orang (jadi nama yang ditolak, hapus dari semua berita)":
        "Reject: not a person (becomes a rejected name, removed from every article)",
    "ditolak editor": "rejected by an editor",
    "%(count)d nama ditolak; %(articles)d berita diperbarui.": "%(count)d names rejected; %(articles)d articles updated.",
    "Gabungkan orang terpilih menjadi satu": "Merge the selected people into one",
    "Pilih paling sedikit dua orang untuk digabungkan.": "Select at least two people to merge.",
    "Gabungkan orang": "Merge people", "disebut di": "mentioned in", ("%d berita", "%d berita"): ("%d article", "%d articles"),
    "Gabungkan ke orang yang sudah ada (namanya jadi alias)": "Merge into an existing person (the name becomes an alias)",
    "Gabungkan ke orang yang sudah ada": "Merge into an existing person", "tahun": "year", "tanpa": "none",
    "ada": "some", "asal tautan": "link origin", "ada tambahan editor": "with editor additions",
    "ada hapusan editor": "with editor removals", "Ekstrak ulang orang dan negara": "Extract people and countries again",
    "Ekstrak ulang": "Extracted again", "%(done)d berita diekstrak ulang, %(failed)d gagal.":
        "%(done)d articles extracted again, %(failed)d failed.",
    "orang untuk ditinjau": "person to review", "antrean tinjauan orang": "people review queue",
    "slug lama": "old slug", "Mis. “jokowi”.": "E.g. “jokowi”.", "orang tujuan": "target person",
    "pengalihan orang": "person redirect",
    "Orang berikut akan digabungkan. Tautan beritanya pindah ke orang tujuan, namanya menjadi alias, dan halamannya "
    "dialihkan.": "These people will be merged. Their article links move to the target person, their names become "
                 "aliases and their pages redirect.",
    "Gabungkan": "Merge", "Batal": "Cancel", "tanpa tanggal": "undated",
    "Kosong bila halaman tidak menyebut tanggal terbit: berita itu tampil “tanpa tanggal”.":
        "Empty when the page gives no publication date: the story is shown as “undated”.",
    "berita tanpa tanggal": "undated article", "antrean berita tanpa tanggal": "undated articles queue",
    "id artikel": "article id", "tanda": "token", "masuk antrean": "queued",
    "Artikel yang diubah atau dihapus, mis. 1234.": "The article changed or deleted, e.g. 1234.",
    "Baru pada tiap perubahan: penulis indeks hanya menghapus tanda yang sudah ia tulis.":
        "New with every change: the index writer removes only the tokens it has written.",
    "artikel menunggu indeks": "article waiting for the index", "antrean indeks": "index queue",
    "Perubahan tersimpan, tetapi indeks pencarian tidak bisa diperbarui (%(problem)s): pencarian belum "
    "menemukannya. Perubahan itu menunggu di antrean indeks; minta pengelola menjalankan "
    "“manage.py rebuild_index --repair”.":
        "The change is saved, but the search index could not be updated (%(problem)s): searches do not find it yet. "
        "It waits in the index queue; ask the administrator to run “manage.py rebuild_index --repair”.",
    ("Pencarian belum lengkap: %(count)d berita belum masuk indeks pencarian.",
     "Pencarian belum lengkap: %(count)d berita belum masuk indeks pencarian."):
        ("Searches are incomplete: %(count)d article is not in the search index yet.",
         "Searches are incomplete: %(count)d articles are not in the search index yet."),
    # Issue 13: URLs and revisions
    "Alamat asli": "Original address", "URL": "URL",
    "Alamat asli yang dinormalkan, mis. “https://tempo.co/read/1039281/…”. Kosong bila tidak diketahui.":
        "The original address, normalised, e.g. “https://tempo.co/read/1039281/…”. Empty if unknown.",
    "diambil": "fetched",
    "Waktu halaman diambil dari situsnya (WARC, JSONL), bila diketahui.":
        "When the page was fetched from its site (WARC, JSONL), if known.",
    "asal judul": "title source", "asal tanggal": "date source", "asal tiap isian": "source of each field",
    "versi diarsipkan": "version archived",
    "Waktu arsip menerima versi berita ini; kosong: waktu dimuat (belum pernah direvisi).":
        "When the archive received this version of the story; empty: when it was ingested (never revised).",
    "diarsipkan": "archived", "Waktu versi ini masuk arsip.": "When this version entered the archive.",
    "Waktu versi ini diambil dari situsnya, bila diketahui.": "When this version was fetched from its site, if known.",
    "revisi artikel": "article revision", "Artikel %(id)s tidak ada.": "There is no article %(id)s.",
    "Baca di situs asli": "Read on the original site", "Kutip": "Cite", "Diarsipkan": "Archived",
    "Versi sebelumnya": "Earlier versions", "Diperbarui %(when)s": "Updated %(when)s",
    ("%(counter)s perubahan yang lebih lama tidak ditampilkan.",
     "%(counter)s perubahan yang lebih lama tidak ditampilkan."):
        ("%(counter)s older change is not shown.", "%(counter)s older changes are not shown."),
    "Kelompok berita": "Story cluster", "kelompok berita": "story cluster", "belum dihitung": "not computed yet",
    "%(count)d berita dalam kelompok ini": "%(count)d articles in this cluster",
    "Berita yang teksnya hampir sama (salinan kantor berita, tulis ulang ringan) berbagi kelompok.":
        "Articles whose texts are nearly the same (wire copy, light rewrites) share a cluster.",
    "sidik teks": "text fingerprint", "kunci pita": "band key", "pita sidik berita": "story fingerprint band",
    "Parameter “include” hanya menerima “body”, bukan “%(value)s”.":
        "The “include” parameter takes only “body”, not “%(value)s”.",
    "berita terbaru": "latest news", "Arsip Berita: %(what)s": "Arsip Berita: %(what)s",
    ("%(total)d berita cocok; %(shown)d yang terbaru ada di umpan ini.",
     "%(total)d berita cocok; %(shown)d yang terbaru ada di umpan ini."):
        ("%(total)d article matches; the newest %(shown)d are in this feed.",
         "%(total)d articles match; the newest %(shown)d are in this feed."),
    "Gabungkan versi": "Group versions",
    "Nilai collapse “%(value)s” tidak sah (0 atau 1); versi dari media lain digabung.":
        "The collapse value “%(value)s” is not valid (0 or 1); versions from other outlets are grouped.",
    "Versi lain berita ini": "Other versions of this story", "Bedanya dengan berita ini": "How it differs from this one",
    ("%(counter)s versi lain tidak ditampilkan.", "%(counter)s versi lain tidak ditampilkan."):
        ("%(counter)s other version is not shown.", "%(counter)s other versions are not shown."),
    ("%(counter)s artikel", "%(counter)s artikel"): ("%(counter)s article", "%(counter)s articles"),
    # With a context (msgctxt): (context, msgid).
    ("cerita", ("%(counter)s berita", "%(counter)s berita")): ("%(counter)s story", "%(counter)s stories"),
    "tampilkan semua artikel": "show every article", "gabungkan versi dari media lain": "group versions from other outlets",
    "Unduh CSV": "Download CSV", "Unduh JSON": "Download JSON",
    ("+%(counter)s versi dari media lain", "+%(counter)s versi dari media lain"):
        ("+%(counter)s version from other outlets", "+%(counter)s versions from other outlets"),
    ("dan %(counter)s versi lainnya", "dan %(counter)s versi lainnya"):
        ("and %(counter)s more version", "and %(counter)s more versions"),
    # Issue 16, match=all|any: chips of several values, the toggle in the people and countries facets.
    "Cocokkan": "Match", "atau": "or", "dan": "and", "semua": "all", "salah satu": "any",
    "Berita yang menyebut": "Stories naming", "Hapus %(name)s": "Remove %(name)s",
    "Nilai match “%(value)s” tidak sah (all atau any); berita yang menyebut salah satu pilihan ditampilkan.":
        "Match value “%(value)s” is not valid (all or any); stories naming any of the chosen values are shown.",
    "Hanya berita dari %(name)s yang juga cocok dengan filter ini:":
        "Only stories from %(name)s that also match these filters:",
    "Hanya berita yang menyebut %(name)s dan juga cocok dengan filter ini:":
        "Only stories naming %(name)s that also match these filters:",
    # Issue 16.
    'Halaman tidak ditemukan': 'Page not found',
    'Alamat ini tidak ada di arsip: mungkin salah ketik, atau beritanya sudah dihapus. Cari beritanya di sini:': 'This address is not in the archive: perhaps a typo, or the story was removed. Search for it here:',
    'Ke halaman depan': 'To the front page',
    'Terjadi kesalahan': 'Server error',
    'Terjadi kesalahan di server': 'Something went wrong on the server',
    'Maaf, halaman ini tidak dapat ditampilkan sekarang. Kesalahan ini sudah dicatat; coba lagi sebentar lagi, atau cari berita lain:': 'Sorry, this page cannot be shown right now. The error has been logged; try again in a moment, or search for other stories:',
    'Disebut dalam berita ini': 'Named in this story',
    'Kutip berita ini': 'Cite this story',
    'Diakses': 'Accessed',
    'Juga dicari dalam bahasa Indonesia: %(detail)s.': 'Also searched in Indonesian: %(detail)s.',
    'Berita di arsip ini berbahasa Indonesia (sebagian kecil berbahasa Inggris). Kata pencarian bahasa Inggris yang umum juga dicari dalam bahasa Indonesia, mis. flood → banjir.': 'The stories in this archive are in Indonesian (a few in English). Common English search words are also searched in Indonesian, e.g. flood → banjir.',
    'Disebut bersama orang': 'Named together with people',
    'Disebut bersama negara': 'Named together with countries',
    'Media yang paling sering menyebut': 'Outlets that name them most',
    'Orang itu tidak ada di arsip.': 'That person is not in the archive.',
    '%(a)s dan %(b)s': '%(a)s and %(b)s',
    'Orang “%(slug)s” tidak ada di arsip.': 'Person “%(slug)s” is not in the archive.',
    'Kode negara “%(code)s” tidak dikenal.': 'Country code “%(code)s” is unknown.',
    'Media “%(slug)s” tidak dikenal.': 'Outlet “%(slug)s” is unknown.',
    'Ringkasan': 'Summary',
    'Jumlah berita': 'Number of articles',
    'Pertama disebut': 'First mentioned',
    'Terakhir disebut': 'Last mentioned',
    'Disebut dalam berita': 'Mentioned in articles',
    'Berita yang menyebut keduanya': 'Articles naming both',
    ('%(when)s: %(count)d berita', '%(when)s: %(count)d berita'): ('%(when)s: %(count)d article', '%(when)s: %(count)d articles'),
    'Paling banyak %(max)d keterangan foto; ada %(count)d baris.': 'At most %(max)d photo captions; there are %(count)d lines.',
    'Satu keterangan per baris, mis. “Presiden Joko Widodo di Istana Merdeka (ANTARA/Puspa)”. Baris kosong diabaikan.': 'One caption per line, e.g. “Presiden Joko Widodo di Istana Merdeka (ANTARA/Puspa)”. Empty lines are ignored.',
    'Periksa dulu: apakah mereka orang yang sama?': 'Check first: are they the same person?',
    'Nama': 'Name',
    'Disebut di': 'Named in',
    'Alias': 'Aliases',
    'Keterangan': 'Description',
    'Konteks': 'Context',
    'Menunggu tinjauan': 'Awaiting review',
    ('%(count)s berita', '%(count)s berita'): ('%(count)s article', '%(count)s articles'),
    ('%(count)s orang menunggu tinjauan', '%(count)s orang menunggu tinjauan'): ('%(count)s person awaits review', '%(count)s people await review'),
    'frasa persis': 'exact phrase',
    'salah satu kata': 'either word',
    'tanpa sebuah kata': 'without a word',
    'berita tentang seseorang': 'stories about a person',
    'Berita yang memuat semua kata. Bentuk lain dari kata dasar yang sama juga ditemukan: “penangkapan” menemukan “ditangkap”.': 'Stories with every word. Other forms of the same root are found too: “penangkapan” finds “ditangkap”.',
    'Frasa persis, kata demi kata (tanda kutip lengkung juga bisa).': 'An exact phrase, word for word (curly quotes work too).',
    'Salah satu kata (atau keduanya).': 'Either word (or both).',
    'Tanpa kata itu (juga NOT).': 'Without that word (also NOT).',
    'Kedua kata (juga AND): sama dengan spasi.': 'Both words (also AND): the same as a space.',
    'Kurung mengelompokkan. Tanpa kurung, ATAU lebih kuat dari spasi: “rusia ukraina ATAU suriah” berarti “rusia DAN (ukraina ATAU suriah)”.': 'Parentheses group. Without them, OR binds tighter than a space: “rusia ukraina ATAU suriah” means “rusia AND (ukraina OR suriah)”.',
    'Kata yang berawalan itu (paling sedikit 3 huruf).': 'Words that begin so (at least 3 letters).',
    'Kata di judul berita.': 'A word in the headline.',
    'Berita tentang seseorang, dengan nama atau nama lainnya.': 'Stories about a person, by name or another name.',
    'Berita tentang sebuah negara, dengan nama atau kodenya.': 'Stories about a country, by name or code.',
    'Berita dari satu media.': 'Stories from one outlet.',
    'Hasil': 'Results',
    'Filter (%(count)s)': 'Filters (%(count)s)',
    'Filter': 'Filters',
    'Tips pencarian': 'Search tips',
    'Pintasan': 'Shortcuts',
    'Langsung ke hasil': 'Skip to results',
    'Langsung ke filter': 'Skip to filters',
    'Contoh pencarian': 'Example searches',
    'Yang disebut kata pencarian': 'Named by your words',
    'saring: %(name)s': 'filter: %(name)s',
    'Ketik kata dalam bahasa Indonesia atau Inggris. Perintah pencarian bisa digabung, misalnya': 'Type words in Indonesian or English. Search commands can be combined, for example',
    'Cara menulis pencarian': 'How to write a search',
    'Ketik': 'Type',
    'Untuk menemukan': 'To find',
    'Pencarian paling panjang 500 huruf. Yang tidak bisa dibaca (tanda kutip tanpa pasangan, ATAU tanpa kata) dijelaskan di halaman hasil, dan pencarian terbaik yang masih mungkin tetap dijalankan.': 'A search is at most 500 characters. What cannot be read (an unpaired quote, OR without a word) is explained on the results page, and the best search still possible is run.',
    'Setelah mencari, persempit hasil dengan media, orang, negara, tahun dan rentang tanggal di samping hasil (di ponsel: tombol “Filter”).': 'After searching, narrow the results by outlet, person, country, year and date range beside them (on a phone: the “Filters” button).',
    'Kembali ke pencarian': 'Back to the search',
    ('%(counter)s berita dari %(outlets)s media, %(first)s–%(last)s', '%(counter)s berita dari %(outlets)s media, %(first)s–%(last)s'): ('%(counter)s article from %(outlets)s outlets, %(first)s–%(last)s', '%(counter)s articles from %(outlets)s outlets, %(first)s–%(last)s'),
    ('%(counter)s berita dari %(outlets)s media, %(year)s', '%(counter)s berita dari %(outlets)s media, %(year)s'): ('%(counter)s article from %(outlets)s outlets, %(year)s', '%(counter)s articles from %(outlets)s outlets, %(year)s'),
    ('%(counter)s berita dari %(outlets)s media', '%(counter)s berita dari %(outlets)s media'): ('%(counter)s article from %(outlets)s outlets', '%(counter)s articles from %(outlets)s outlets'),
}


def main(path: Path = CATALOG) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        english = EN.get((message.context, message.id) if message.context else message.id)
        if english is None:
            missing.append(message.id)
            continue
        message.string = english
        message.flags.discard("fuzzy")
    catalog.fuzzy = False
    with path.open("wb") as handle:
        write_po(handle, catalog, width=120, omit_header=False)
    if missing:
        sys.exit(f"No English for: {missing}")


if __name__ == "__main__":
    main()
