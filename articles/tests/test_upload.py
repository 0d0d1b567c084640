"""The admin upload page, through the test client with real sample pages: report, limits, history and index."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles import uploads
from articles.ingest.dates import DEFAULT_ZONE
from articles.ingest.text import MAX_BYTES
from articles.models import Article, PendingIndex

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "sample_articles"
URL = "/admin/articles/article/unggah/"
# Three sample pages and a word of each title that the other pages do not have.
BANJIR = "kompas_2013_banjir-bundaran-hi.txt"  # "Tanggul Latuharhary Jebol, Bundaran HI Terendam, ..."
BOM = "detik_2016_bom-thamrin.txt"  # "Teror Bom dan Baku Tembak di Thamrin, ..."
GEMPA = "antara_2018_gempa-tsunami-palu.txt"  # "BNPB: korban meninggal gempa dan tsunami Palu 384 orang"


@pytest.fixture
def reference_data(db):
    call_command("load_sample_archive", "--reference-only", verbosity=0)


def sample(name: str) -> bytes:
    return (SAMPLE_DIR / name).read_bytes()


def zipped(members: dict[str, bytes], *, directories: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for directory in directories:
            archive.writestr(zipfile.ZipInfo(directory), b"")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, *files: tuple[str, bytes], url: str = URL):
    return client.post(url, {"files": [SimpleUploadedFile(name, data) for name, data in files]})


def rows(response) -> list[tuple[str, str, str]]:
    """Return (name, status, title or reason) for each row of the report."""
    assert response.status_code == 200
    return [(row["name"], row["status"], row["error"] or row["title"]) for row in response.context["report"]["rows"]]


# A page in HTML, written for these tests: its own title, date and canonical URL in the head.
PANEN_URL = "https://www.kabarcontoh.id/daerah/2024/07/25/petani-klaten-panen-padi-lebih-awal"
PANEN = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Petani Klaten Panen Padi Lebih Awal - Kabar Contoh</title>
<meta property="og:title" content="Petani Klaten Panen Padi Lebih Awal">
<meta property="og:site_name" content="Kabar Contoh">
<meta property="article:published_time" content="2024-07-25T08:30:00+07:00">
<link rel="canonical" href="{PANEN_URL}">
</head><body><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav><article>
<h1>Petani Klaten Panen Padi Lebih Awal</h1>
<p>KLATEN - Petani di Kecamatan Delanggu memanen padi dua pekan lebih awal karena hujan berhenti lebih cepat
tahun ini.</p>
<p>Ketua kelompok tani setempat mengatakan hasil panen cukup baik meski sebagian sawah sempat kekurangan air pada
awal musim tanam.</p>
<p>Dinas pertanian kabupaten berencana memperbaiki saluran irigasi sebelum musim tanam berikutnya dimulai.</p>
</article><footer>Hak cipta 2024 Kabar Contoh</footer></body></html>""".encode()
# The canonical form of PANEN_URL, as Article.url keeps it (no "www.").
PANEN_CANONICAL = "https://kabarcontoh.id/daerah/2024/07/25/petani-klaten-panen-padi-lebih-awal"
JSONL_TEXT = ("JAKARTA - Pemerintah provinsi membuka pasar murah di lima kecamatan menjelang hari raya agar harga "
              "bahan pokok tetap terjangkau bagi warga.")


def jsonl_line(number: int) -> bytes:
    return json.dumps({
        "url": f"https://www.kabarcontoh.id/ekonomi/2024/03/{number:02d}/pasar-murah-hari-ke-{number}",
        "title": f"Pasar Murah Hari ke-{number} Dibuka di Lima Kecamatan", "published": f"2024-03-{number:02d}T09:00",
        "text": f"Pasar Murah Hari ke-{number} Dibuka di Lima Kecamatan\n\n{JSONL_TEXT}",
    }).encode() + b"\n"


def warc(*, gzipped: bool = True) -> bytes:
    """Return a small crawl: the request for PANEN, and its HTML response."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warc_record(
        PANEN_URL, "request", payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders("GET /daerah HTTP/1.1", [], is_http_request=True)))
    writer.write_record(writer.create_warc_record(
        PANEN_URL, "response", payload=io.BytesIO(PANEN),
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": "2024-07-25T03:00:00Z"}))
    return buffer.getvalue()


def test_get_shows_a_multiple_file_form(admin_client):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert response.context["report"] is None
    html = response.content.decode()
    assert 'type="file" name="files"' in html and " multiple" in html and 'accept=".txt,.zip' in html
    assert 'enctype="multipart/form-data"' in html
    assert "Unggah berita" in html and 'href="/admin/articles/article/"' in html  # title and breadcrumb
    assert "Paling banyak 500 halaman dan 50 MB per unggahan; tiap halaman paling besar 5 MB." in html


def test_change_list_links_to_the_upload(admin_client):
    response = admin_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert f'<a href="{URL}" class="addlink">Unggah berita</a>' in response.content.decode()


def test_zip_of_three_pages_saves_two_and_reports_the_bad_one(admin_client, reference_data):
    archive = zipped(
        {"halaman/banjir.txt": sample(BANJIR), "halaman/bom.txt": sample(BOM), "halaman/kosong.txt": b"",
         "__MACOSX/halaman/._banjir.txt": b"\x00\x05\x16\x07", "halaman/.DS_Store": b"\x00\x00\x00\x01Bud1"},
        directories=("halaman/",),
    )
    response = upload(admin_client, ("kiriman.zip", archive))

    report = rows(response)
    assert [(name, status) for name, status, _ in report] == [
        ("kiriman.zip/halaman/banjir.txt", "ingested"),
        ("kiriman.zip/halaman/bom.txt", "ingested"),
        ("kiriman.zip/halaman/kosong.txt", "failed"),
    ]
    assert report[0][2].startswith("Tanggul Latuharhary Jebol")
    assert report[2][2]  # the ingest's reason for an empty page
    assert Article.objects.count() == 2
    banjir = Article.objects.get(source_name="kiriman.zip/halaman/banjir.txt")
    change_url = reverse("admin:articles_article_change", args=[banjir.pk])
    assert response.context["report"]["rows"][0]["url"] == change_url
    html = response.content.decode()
    assert f'<a href="{change_url}">Tanggul Latuharhary Jebol' in html
    assert "Dimuat 2, tidak berubah 0, diperbarui 0, gagal 1" in html
    assert "<strong>gagal</strong>" in html and report[2][2] in html


def test_several_txt_files_at_once(admin_client, reference_data):
    response = upload(admin_client, (BANJIR, sample(BANJIR)), (BOM, sample(BOM)), (GEMPA, sample(GEMPA)))
    assert [(name, status) for name, status, _ in rows(response)] == [
        (BANJIR, "ingested"), (BOM, "ingested"), (GEMPA, "ingested")]
    assert Article.objects.count() == 3
    assert "Dimuat 3, tidak berubah 0, diperbarui 0, gagal 0" in response.content.decode()


def test_the_same_page_again_is_unchanged(admin_client, reference_data):
    upload(admin_client, (BANJIR, sample(BANJIR)))
    response = upload(admin_client, (BANJIR, sample(BANJIR)))
    assert [(name, status) for name, status, _ in rows(response)] == [(BANJIR, "unchanged")]
    assert Article.objects.count() == 1
    html = response.content.decode()
    assert "<td>tidak berubah</td>" in html
    assert "Dimuat 0, tidak berubah 1, diperbarui 0, gagal 0" in html


def test_the_same_story_with_other_boilerplate_is_updated_and_logged_as_a_change(admin_client, reference_data):
    upload(admin_client, (BANJIR, sample(BANJIR)))
    article = Article.objects.get()
    response = upload(admin_client, ("banjir-lagi.txt", sample(BANJIR) + b"\n\nBaca juga: Banjir Lagi\n"))
    assert [(name, status) for name, status, _ in rows(response)] == [("banjir-lagi.txt", "updated")]
    assert "<td>diperbarui</td>" in response.content.decode()
    change = LogEntry.objects.get(action_flag=CHANGE)
    assert change.object_id == str(article.pk)
    assert change.get_change_message() == "Teks mentah berubah."


def test_a_file_of_another_type_is_refused_with_its_reason(admin_client, reference_data):
    response = upload(admin_client, ("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"), (BOM, sample(BOM)))
    assert rows(response) == [
        ("foto.jpg", "failed",
         "jenis berkas tidak didukung: unggah berkas .txt, .htm, .html, .warc, .warc.gz, .jsonl, .jsonl.gz atau .zip"),
        (BOM, "ingested", Article.objects.get().title),
    ]


def test_a_corrupt_zip_is_one_failed_entry(admin_client, reference_data):
    broken = zipped({"banjir.txt": sample(BANJIR)})[:-30]  # the end of the central directory is lost
    response = upload(admin_client, ("rusak.zip", broken), ("bukan.zip", b"ini teks biasa, bukan zip"))
    assert rows(response) == [
        ("rusak.zip", "failed", "zip rusak atau bukan zip: berkas ini tidak bisa dibuka"),
        ("bukan.zip", "failed", "zip rusak atau bukan zip: berkas ini tidak bisa dibuka"),
    ]
    assert Article.objects.count() == 0


def test_other_files_in_a_zip_are_reported_and_nested_zips_not_opened(admin_client, reference_data):
    inner = zipped({"bom.txt": sample(BOM)})
    response = upload(admin_client, ("kiriman.zip", zipped({"banjir.txt": sample(BANJIR), "dalam.zip": inner})))
    assert [(name, status, text) for name, status, text in rows(response)][1] == (
        "kiriman.zip/dalam.zip", "failed", "bukan halaman .txt; dilewati")
    assert Article.objects.count() == 1


def test_members_named_outside_the_zip_are_listed_as_refused(admin_client, reference_data):
    archive = zipped({"../../keluar.txt": sample(BOM), "/mutlak.txt": sample(GEMPA), "banjir.txt": sample(BANJIR),
                      ".tersembunyi.txt": sample(GEMPA)})
    report = rows(upload(admin_client, ("kiriman.zip", archive)))
    refused = "nama berkas menunjuk ke luar zip (mis. '../'); dilewati"
    assert sorted(report) == sorted([
        ("kiriman.zip/../../keluar.txt", "failed", refused),
        ("kiriman.zip//mutlak.txt", "failed", refused),
        ("kiriman.zip/banjir.txt", "ingested", report[[r[0] for r in report].index("kiriman.zip/banjir.txt")][2]),
    ])  # the hidden file is skipped silently, as before
    assert Article.objects.count() == 1


def test_a_zip_over_the_member_limit_reads_nothing(admin_client, reference_data, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PAGES", 2)
    archive = zipped({"banjir.txt": sample(BANJIR), "bom.txt": sample(BOM), "gempa.txt": sample(GEMPA)})
    response = upload(admin_client, ("kiriman.zip", archive))
    assert rows(response) == [
        ("kiriman.zip", "failed", "zip berisi 3 berkas, lebih dari batas 2 per unggahan; tidak ada yang dimuat")]
    assert Article.objects.count() == 0


def test_pages_over_what_is_left_of_the_upload_are_not_ingested(admin_client, reference_data, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PAGES", 2)
    response = upload(admin_client, ("a.zip", zipped({"banjir.txt": sample(BANJIR), "bom.txt": sample(BOM)})),
                      ("b.zip", zipped({"gempa.txt": sample(GEMPA)})))
    report = rows(response)
    assert [(name, status) for name, status, _ in report] == [
        ("a.zip/banjir.txt", "ingested"), ("a.zip/bom.txt", "ingested"), ("b.zip", "failed")]
    assert report[2][2].startswith("tidak dimuat: unggahan ini sudah mencapai batas 2 halaman")


def test_a_zip_bomb_is_refused_from_its_directory(admin_client, reference_data, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1024 * 1024)
    bomb = zipped({f"nol-{number}.txt": b"0" * (400 * 1024) for number in range(3)})  # 1.2 MB in about 4 KB
    assert len(bomb) < 10_000
    response = upload(admin_client, ("bom.zip", bomb))
    [(name, status, reason)] = rows(response)
    assert (name, status) == ("bom.zip", "failed")
    assert reason.startswith("isi zip 1,2 MB setelah dibuka, lebih dari batas 1,0 MB per unggahan")


def test_a_page_over_the_size_limit(admin_client, reference_data):
    huge = b"a" * (MAX_BYTES + 1024 * 1024)
    response = upload(admin_client, ("besar.txt", huge), ("kiriman.zip", zipped({"besar.txt": huge})))
    assert rows(response) == [
        ("besar.txt", "failed", "halaman terlalu besar: 6,0 MB, paling besar 5,0 MB per halaman"),
        ("kiriman.zip/besar.txt", "failed", "halaman terlalu besar: 6,0 MB, paling besar 5,0 MB per halaman"),
    ]


def test_too_many_files_get_our_message_not_djangos_400(admin_client, reference_data, settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES > uploads.MAX_PAGES
    files = [(f"halaman-{number}.txt", b"x") for number in range(uploads.MAX_PAGES + 1)]
    response = upload(admin_client, *files)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert "Terlalu banyak berkas: 501, paling banyak 500 per unggahan." in response.content.decode()
    assert Article.objects.count() == 0


def test_an_upload_over_the_size_limit_is_refused_whole(admin_client, reference_data, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 4000)
    response = upload(admin_client, (BANJIR, sample(BANJIR)), (BOM, sample(BOM)))
    assert response.context["report"] is None
    assert "Unggahan terlalu besar:" in response.content.decode()
    assert Article.objects.count() == 0


def test_posting_no_file_asks_for_one(admin_client):
    response = admin_client.post(URL, {})
    assert response.status_code == 200
    assert "Pilih satu atau beberapa berkas .txt atau .zip." in response.content.decode()


def test_uploaded_articles_are_searchable(admin_client, client, reference_data):
    upload(admin_client, ("kiriman.zip", zipped({"banjir.txt": sample(BANJIR), "gempa.txt": sample(GEMPA)})))
    banjir = Article.objects.get(source_name="kiriman.zip/banjir.txt")
    answer = client.get("/api/search", {"q": "Latuharhary"}).json()
    assert [result["id"] for result in answer["results"]] == [banjir.pk]


def test_saved_articles_are_in_the_admin_history(admin_client, admin_user, reference_data):
    upload(admin_client, (BANJIR, sample(BANJIR)), (BOM, sample(BOM)), ("kosong.txt", b""))
    entries = LogEntry.objects.filter(action_flag=ADDITION).order_by("object_id")
    assert [entry.object_id for entry in entries] == [
        str(pk) for pk in Article.objects.order_by("pk").values_list("pk", flat=True)]
    assert {entry.user_id for entry in entries} == {admin_user.pk}
    assert {entry.content_type.model for entry in entries} == {"article"}
    assert entries[0].get_change_message() == "Ditambahkan."
    upload(admin_client, (BANJIR, sample(BANJIR)))  # unchanged: nothing new in the history
    assert LogEntry.objects.count() == 2


def test_the_report_in_english(admin_client, reference_data):
    response = upload(admin_client, (BANJIR, sample(BANJIR)), ("foto.jpg", b"\xff\xd8"), url=f"/en{URL}")
    html = response.content.decode()
    assert "Ingested 1, unchanged 0, updated 0, failed 1" in html
    assert "unsupported file type: upload .txt, .htm, .html, .warc, .warc.gz, .jsonl, .jsonl.gz or .zip files" in html


def test_anonymous_is_sent_to_the_admin_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('admin:login')}?next=")


def test_staff_without_add_permission_is_forbidden(client, django_user_model, reference_data):
    editor = django_user_model.objects.create_user("pembaca", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    assert upload(client, (BANJIR, sample(BANJIR))).status_code == 403
    assert Article.objects.count() == 0
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200 and "Unggah berita" not in response.content.decode()


@pytest.mark.whoosh_engine
def test_an_upload_the_index_cannot_take_is_saved_and_the_editor_warned(admin_client, reference_data, read_only_index):
    response = upload(admin_client, (BANJIR, sample(BANJIR)), (BOM, sample(BOM)))

    assert [(name, status) for name, status, _ in rows(response)] == [(BANJIR, "ingested"), (BOM, "ingested")]
    warnings = [str(message) for message in response.context["messages"]]
    assert len(warnings) == 1
    assert warnings[0].startswith("Perubahan tersimpan, tetapi indeks pencarian tidak bisa diperbarui (Permission denied")
    assert "rebuild_index --repair" in warnings[0]
    assert 'class="warning"' in response.content.decode()
    assert sorted(PendingIndex.objects.values_list("article_id", flat=True)) == sorted(
        Article.objects.values_list("pk", flat=True))


def test_an_html_page_becomes_an_article_with_its_url(admin_client, reference_data):
    response = upload(admin_client, ("panen.html", PANEN))
    assert rows(response) == [("panen.html", "ingested", "Petani Klaten Panen Padi Lebih Awal")]
    article = Article.objects.get()
    assert (article.url, article.source_name) == (PANEN_CANONICAL, "panen.html")
    assert article.published == datetime(2024, 7, 25, 8, 30, tzinfo=DEFAULT_ZONE)
    assert article.body.startswith("Petani di Kecamatan Delanggu") and "Beranda" not in article.body


def test_a_jsonl_reports_each_line_the_bad_one_with_its_number(admin_client, reference_data):
    response = upload(admin_client, ("berita.jsonl", jsonl_line(1) + b"\n" + b'{"url": "https://x.id/1", "text": \n'))
    report = rows(response)
    assert [(name, status) for name, status, _ in report] == [("berita.jsonl:1", "ingested"),
                                                              ("berita.jsonl:3", "failed")]
    assert report[0][2] == "Pasar Murah Hari ke-1 Dibuka di Lima Kecamatan"
    assert report[1][2].startswith("line 3: not JSON")  # the reader's own reason, as ingest_articles prints it
    assert Article.objects.get().url == "https://kabarcontoh.id/ekonomi/2024/03/01/pasar-murah-hari-ke-1"


@pytest.mark.parametrize("name,gzipped", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_a_warc_ingests_its_html_response_and_skips_the_request(admin_client, reference_data, name, gzipped):
    response = upload(admin_client, (name, warc(gzipped=gzipped)))
    assert rows(response) == [(f"{name}#2", "ingested", "Petani Klaten Panen Padi Lebih Awal")]
    article = Article.objects.get()
    assert (article.url, article.source_name) == (PANEN_CANONICAL, f"{name}#2")
    assert article.fetched_at == datetime(2024, 7, 25, 3, 0, tzinfo=UTC)


def test_a_zip_of_every_format_with_a_url_sidecar(admin_client, reference_data):
    story = PANEN.replace(f'<link rel="canonical" href="{PANEN_URL}">'.encode(), b"")
    shortcut = f"[InternetShortcut]\r\nURL={PANEN_URL}\r\n".encode()  # what a browser saves for a link
    archive = zipped({"kiriman/panen.html": story, "kiriman/panen.url": shortcut,
                      "kiriman/pasar.jsonl": jsonl_line(2), "kiriman/banjir.txt": sample(BANJIR),
                      "kiriman/sendiri.url": b"https://www.kabarcontoh.id/lain", "kiriman/foto.jpg": b"\xff\xd8"})
    report = rows(upload(admin_client, ("kiriman.zip", archive)))
    assert [(name, status) for name, status, _ in report] == [
        ("kiriman.zip/kiriman/banjir.txt", "ingested"),
        ("kiriman.zip/kiriman/foto.jpg", "failed"),
        ("kiriman.zip/kiriman/panen.html", "ingested"),
        ("kiriman.zip/kiriman/pasar.jsonl:1", "ingested"),
        ("kiriman.zip/kiriman/sendiri.url", "failed"),
    ]
    assert report[1][2].startswith("jenis berkas tidak didukung: unggah berkas .txt, .htm, .html")
    assert report[4][2].startswith("berkas .url atau .json hanya dibaca di samping halaman")
    assert Article.objects.get(source_name="kiriman.zip/kiriman/panen.html").url == PANEN_CANONICAL


def test_a_jsonl_over_the_page_limit_is_refused_from_the_first_line_past_it(admin_client, reference_data,
                                                                           monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PAGES", 3)
    lines = b"".join(jsonl_line(number) for number in range(1, 8))
    report = rows(upload(admin_client, (BANJIR, sample(BANJIR)), ("berita.jsonl", lines), ("lagi.jsonl", lines)))
    assert [(name, status) for name, status, _ in report] == [
        (BANJIR, "ingested"), ("berita.jsonl:1", "ingested"), ("berita.jsonl:2", "ingested"),
        ("berita.jsonl:3", "failed"), ("lagi.jsonl", "failed")]
    assert report[3][2].startswith("tidak dimuat, begitu pula sisa berkas ini (tidak dibaca): unggahan ini sudah "
                                   "mencapai batas 3 halaman.")
    assert report[4][2].startswith("tidak dimuat: unggahan ini sudah mencapai batas 3 halaman")
    assert Article.objects.count() == 3


def test_the_records_of_a_jsonl_in_a_zip_count_toward_the_page_limit(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PAGES", 2)
    archive = zipped({"a.txt": b"satu", "b.jsonl": b"".join(jsonl_line(number) for number in range(1, 4))})
    pages = list(uploads.upload_pages_expand(files=[("kiriman.zip", archive)]))
    assert [(page.name, bool(page.error)) for page in pages] == [
        ("kiriman.zip/a.txt", False), ("kiriman.zip/b.jsonl:1", False), ("kiriman.zip/b.jsonl:2", True)]


def test_a_gzip_bomb_is_refused_before_its_records_are_read(admin_client, reference_data, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1024 * 1024)
    bomb = gzip.compress(jsonl_line(1) + b"\n" * (2 * 1024 * 1024))  # 2 MB of blank lines in a few KB
    assert len(bomb) < 10_000
    refused = "isi gzip lebih dari 1,0 MB setelah dibuka, batas per unggahan; tidak ada yang dimuat"
    response = upload(admin_client, ("bom.jsonl.gz", bomb), ("kiriman.zip", zipped({"bom.warc.gz": bomb})),
                      ("kecil.jsonl.gz", gzip.compress(jsonl_line(2))))
    assert rows(response) == [("bom.jsonl.gz", "failed", refused), ("kiriman.zip/bom.warc.gz", "failed", refused),
                              ("kecil.jsonl.gz:1", "ingested", "Pasar Murah Hari ke-2 Dibuka di Lima Kecamatan")]
