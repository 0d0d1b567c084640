"""Fill the English catalog (articles/locale/en) from the table below; run after ``makemessages -l en``.

Babel reads and writes the catalog, so multi-line and plural messages are handled like any other.
A message without English here is reported and the script exits non-zero.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent.parent / "articles" / "locale" / "en" / "LC_MESSAGES" / "django.po"

EN = {
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
}


def main(path: Path = CATALOG) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        english = EN.get(message.id)
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
