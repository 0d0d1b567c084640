"""ingest_articles and load_sample_archive on real files, through call_command."""

from __future__ import annotations

import json
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ArticleCountry, ArticlePerson, Person

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "sample_articles"
SEED_NAMES = ("000_d265c6c67765e1ff.txt", "004_6c1db39eb5221edd.txt")


@pytest.fixture
def reference_data(db):
    call_command("load_sample_archive", "--reference-only", verbosity=0)


@pytest.fixture
def batch(tmp_path):
    """A folder with the two seeds and one file of each kind of bad input."""
    for name in SEED_NAMES:
        shutil.copy(SAMPLE_DIR / name, tmp_path / name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "boilerplate.txt").write_text("Baca juga: Sesuatu\n\nADVERTISEMENT\n\nLoading\n\n35 hari lalu\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "nodate.txt").write_text(
        "Harga Cabai Naik\n\nJakarta - Harga cabai rawit di pasar induk naik tajam dalam sepekan terakhir karena "
        "pasokan dari daerah sentra berkurang.\n"
    )
    (tmp_path / "huge.txt").write_bytes(b"a" * (5 * 1024 * 1024 + 10))
    windows = (SAMPLE_DIR / SEED_NAMES[1]).read_text(encoding="utf-8").replace("Putin", "Putin caf\u00e9", 1)
    (tmp_path / "cp1252.txt").write_bytes(windows.encode("cp1252", errors="replace"))
    return tmp_path


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest_articles", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def test_dry_run_json_on_seeds(reference_data):
    code, out, _ = run(*(SAMPLE_DIR / name for name in SEED_NAMES), "--dry-run", "--json")
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert set(first) >= {
        "file", "ok", "error", "outlet", "outlet_domain", "title", "summary", "published", "date_only", "author",
        "dateline", "people", "countries", "body", "captions", "title_source", "date_source",
    }
    assert (first["outlet"], first["published"], first["author"], first["dateline"]) == (
        "Liputan6.com", "2017-12-11T20:40:00+07:00", "Khairisa Ferida", "Sanaa")
    assert (first["title_source"], first["date_source"]) == ("header", "header")
    assert first["people"] == ["Vladimir Putin", "Bashar al-Assad"]
    assert sorted(first["countries"]) == ["EG", "IQ", "RU", "SY", "TR"]
    assert (second["outlet"], second["published"], second["author"], second["dateline"]) == (
        "Tempo.co", "2017-11-21T10:53:00+07:00", "", "Jakarta")
    assert second["people"] == ["Vladimir Putin", "Tamim bin Hamad al-Thani"]
    assert sorted(second["countries"]) == ["QA", "RU", "SY"]
    assert Article.objects.count() == 0


def test_dry_run_json_of_a_page_without_headline_or_date(db, tmp_path):
    page = tmp_path / "amp.txt"
    page.write_text(
        "Liputan6.com, Jakarta - Warga di bantaran kali mulai mengungsi setelah air naik setinggi pinggang orang "
        "dewasa sejak dini hari. Petugas menyiapkan perahu karet.\n\nMenurut petugas, pengungsi ditampung di "
        "balai desa dan sekolah terdekat sampai air surut.\n", encoding="utf-8")
    failed = tmp_path / "failed.txt"
    failed.write_bytes(b"")
    code, out, _ = run(page, failed, "--dry-run", "--json")
    assert code == 1
    kept, refused = (json.loads(line) for line in out.splitlines())
    assert kept["ok"] and kept["published"] is None and kept["date_source"] == "none"
    assert kept["title_source"] == "lead" and kept["title"].startswith("Warga di bantaran kali mulai mengungsi")
    assert kept["body"].startswith("Warga di bantaran kali")  # the lead stays the story's first paragraph
    assert not refused["ok"] and refused["title_source"] is None and refused["date_source"] is None


def test_explain_shows_each_fields_choice_and_the_runners_up(db, tmp_path):
    page = tmp_path / "promo.txt"
    page.write_text(
        "Please update your browser to read this page\n\nHarga Cabai Rawit Naik Tajam di Pasar Induk\n\n"
        "Kompas.com - 21/11/2017, 10:53 WIB\n\nJAKARTA, KOMPAS.com - Harga cabai rawit di pasar induk naik tajam "
        "dalam sepekan terakhir karena pasokan dari daerah sentra berkurang.\n", encoding="utf-8")
    code, text, _ = run(page, "--explain")
    assert code == 0
    assert "title       'Harga Cabai Rawit Naik Tajam di Pasar Induk'  (source: header)" in text
    assert "'Please update your browser to read this page'" in text  # a runner-up, with why it lost
    assert "-5 promo, widget or navigation words" in text
    assert "published   2017-11-21T10:53:00+07:00  (source: header)" in text
    assert Article.objects.count() == 0


def test_dry_run_needs_no_loaded_reference_data(db):
    code, out, _ = run(SAMPLE_DIR / SEED_NAMES[0], "--dry-run", "--json")
    assert code == 0
    assert json.loads(out)["countries"]


def test_batch_keeps_good_files_and_reports_bad_ones(reference_data, batch):
    code, out, err = run(batch)
    assert code == 1
    assert Article.objects.count() == 4  # two seeds, the cp1252 copy and the undated story
    for name, reason in [
        ("empty.txt", "empty page"),
        ("boilerplate.txt", "only boilerplate"),
        ("binary.txt", "binary file"),
        ("huge.txt", "file too large"),
    ]:
        assert f"{batch / name}: {reason}" in out + err
    assert "Ingested 4, unchanged 0, updated 0, failed 4" in out
    undated = Article.objects.get(published__isnull=True)  # kept, not refused (issue 11)
    assert undated.title == "Harga Cabai Naik" and undated.source_name == "nodate.txt"
    assert "Traceback" not in out + err


def test_cp1252_page_is_read(reference_data, batch):
    run(batch / "cp1252.txt")
    assert Article.objects.get().title.startswith("Putin café Bertelepon")


def test_rerun_changes_nothing(reference_data):
    seeds = [SAMPLE_DIR / name for name in SEED_NAMES]
    run(*seeds)
    counts = (Article.objects.count(), Person.objects.count(), ArticlePerson.objects.count(),
              ArticleCountry.objects.count())
    code, out, _ = run(*seeds)
    assert code == 0
    assert "Ingested 0, unchanged 2, updated 0, failed 0" in out
    assert counts == (Article.objects.count(), Person.objects.count(), ArticlePerson.objects.count(),
                      ArticleCountry.objects.count())


def test_same_story_saved_again_updates(reference_data, tmp_path):
    text = (SAMPLE_DIR / SEED_NAMES[1]).read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text + "\nShare\nTwitter\n")
    code, out, _ = run(tmp_path / "a.txt")
    code, out, _ = run(tmp_path / "b.txt")
    assert "Ingested 0, unchanged 0, updated 1, failed 0" in out
    assert Article.objects.get().source_name == "b.txt"


@pytest.mark.parametrize("order", [("a.txt", "b.txt"), ("b.txt", "a.txt")])
def test_two_copies_of_one_story_keep_the_fuller_one_and_a_rerun_changes_nothing(reference_data, tmp_path, order):
    text = (SAMPLE_DIR / SEED_NAMES[1]).read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text("Menu\nBeranda\n" + text)
    (tmp_path / "b.txt").write_text(text + "\nShare\nTwitter\nBaca juga: Lainnya\n")
    run(*(tmp_path / name for name in order))
    kept = Article.objects.get().source_name
    code, out, _ = run(*(tmp_path / name for name in order))
    assert "Ingested 0, unchanged 2, updated 0, failed 0" in out
    assert Article.objects.get().source_name == kept == "b.txt"  # the longer page, whichever came first


def test_a_copy_of_a_story_an_editor_has_dated_is_that_story_and_keeps_the_date(reference_data, tmp_path):
    from datetime import UTC, datetime

    undated = ("Harga Cabai Naik\n\nJakarta - Harga cabai rawit di pasar induk naik tajam dalam sepekan terakhir "
               "karena pasokan dari daerah sentra berkurang.\n")
    (tmp_path / "a.txt").write_text(undated)
    (tmp_path / "b.txt").write_text(undated + "\nShare\nTwitter\n")
    run(tmp_path / "a.txt")
    dated = datetime(2024, 3, 12, 3, 0, tzinfo=UTC)
    Article.objects.update(published=dated)  # the editor's date, from the undated queue

    code, out, _ = run(tmp_path / "b.txt")

    assert "Ingested 0, unchanged 0, updated 1, failed 0" in out
    assert Article.objects.get().published == dated


def test_a_file_name_that_is_not_utf8_is_ingested(reference_data, tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"berita-\xff\xfe.txt"), "wb") as page:
        page.write((SAMPLE_DIR / SEED_NAMES[1]).read_bytes())
    code, out, err = run(tmp_path)
    assert code == 0, out + err
    assert "Ingested 1, unchanged 0, updated 0, failed 0" in out
    assert Article.objects.get().source_name == "berita-\ufffd\ufffd.txt"


def test_glob_and_missing_path(reference_data):
    code, out, err = run(str(SAMPLE_DIR / "000_*.txt"), "/no/such/file.txt")
    assert code == 1
    assert "/no/such/file.txt: no such file or directory" in out + err
    assert Article.objects.count() == 1


def test_extracted_people_are_saved_as_discovered(reference_data):
    run(SAMPLE_DIR / SEED_NAMES[0])
    article = Article.objects.get()
    linked = set(article.person_links.values_list("person__name", flat=True))
    assert linked == {"Vladimir Putin", "Bashar al-Assad"}
    assert set(article.country_links.values_list("country__code", flat=True)) == {"RU", "SY", "EG", "TR", "IQ"}
    assert article.author == "Khairisa Ferida"
    assert article.published.isoformat() == "2017-12-11T13:40:00+00:00"


def test_load_sample_archive_twice_changes_nothing(db):
    out = StringIO()
    call_command("load_sample_archive", stdout=out)
    assert "failed 0" in out.getvalue()
    total = Article.objects.count()
    assert total >= 62
    assert Article.objects.values("outlet").distinct().count() >= 18
    out = StringIO()
    call_command("load_sample_archive", stdout=out)
    assert f"ingested 0, unchanged {total}, updated 0, failed 0" in out.getvalue()
    assert Article.objects.count() == total


def test_wita_page_keeps_its_zone(reference_data, tmp_path):
    page = (SAMPLE_DIR / SEED_NAMES[1]).read_text(encoding="utf-8").replace("10:53 WIB", "10:53 WITA", 1)
    (tmp_path / "wita.txt").write_text(page)
    run(tmp_path / "wita.txt")
    article = Article.objects.get()
    assert article.published_utc_offset == 480
    assert article.published_local.isoformat() == "2017-11-21T10:53:00+08:00"
