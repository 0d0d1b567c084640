"""Fill the English catalog (articles/locale/en) from the table below; run after makemessages -l en."""

import re
import sys
from pathlib import Path

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
}


def main(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    missing = []

    def fill(match):
        msgid = match.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if not msgid:
            return match.group(0)
        if msgid not in EN:
            missing.append(msgid)
            return match.group(0)
        return f'msgid "{match.group(1)}"\nmsgstr "{EN[msgid]}"'

    text = re.sub(r'msgid "(.*)"\nmsgstr ""', fill, text)
    path.write_text(text.replace("#, fuzzy\n", "", 1), encoding="utf-8")
    if missing:
        sys.exit(f"No English for: {missing}")


if __name__ == "__main__":
    main(Path(__file__).resolve().parent.parent / "articles" / "locale" / "en" / "LC_MESSAGES" / "django.po")
