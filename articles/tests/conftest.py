"""A small fixed archive for the search page, the API and the entity pages, indexed for the test.

Thirteen articles over three outlets and three years (2016: 3, 2017: 6, 2018: 4), three people and four countries,
with one hostile article whose title and body carry ``<script>alert(1)</script>``. Counts the tests rely on:

    outlet      tempo 5, kompas 4, detik 4
    year        2016 3, 2017 6, 2018 4        (2017 by month: 01 1, 03 1, 05 1, 06 1, 11 2)
    person      joko-widodo 3, prabowo-subianto 2, retno-marsudi 2
    country     RU 3, SY 3, UA 2, US 2
    words       "rusia" 3 articles, "ukraina" 2 (one shares both), "suriah" 3, "pemilu" 2;
                "penarikan pasukan" side by side in 2, apart in 1; "bendungan" in 1
"""

from __future__ import annotations

import errno
import os
from types import SimpleNamespace

import pytest
from whoosh.index import FileIndex

from articles.search import indexing
from articles.tests.builders import make_article, make_country, make_outlet, make_person

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def archive(db, index_now):
    """Build and index the fixed archive; return its outlets, people, countries and articles by short name."""
    tempo = make_outlet("tempo", "Tempo.co", "tempo.co")
    kompas = make_outlet("kompas", "Kompas.com", "kompas.com")
    detik = make_outlet("detik", "Detik.com", "detik.com")
    jokowi = make_person("Joko Widodo")
    prabowo = make_person("Prabowo Subianto")
    retno = make_person("Retno Marsudi")
    ru = make_country("RU", "Rusia", "Russia")
    sy = make_country("SY", "Suriah", "Syria")
    ua = make_country("UA", "Ukraina", "Ukraine")
    us = make_country("US", "Amerika Serikat", "United States")

    articles = SimpleNamespace(
        bendungan=make_article(
            "Jokowi resmikan bendungan di Jawa Tengah", outlet=tempo, published="2016-03-10 09:00",
            body="Presiden Joko Widodo meresmikan bendungan baru untuk irigasi sawah petani.\n\n"
                 "Bendungan itu menampung air hujan.",
            people=(jokowi,)),
        upacara=make_article(
            "Upacara kemerdekaan di Istana Merdeka", outlet=kompas, published="2016-08-17 08:00",
            body="Presiden Joko Widodo memimpin upacara bendera.", people=(jokowi,)),
        banjir=make_article(
            "Banjir melanda Jakarta Utara", outlet=detik, published="2016-12-01 07:30",
            body="Hujan deras membuat banjir di banyak kampung."),
        rusia_suriah=make_article(
            "Rusia tarik pasukan dari Suriah", outlet=tempo, published="2017-01-15 14:00",
            body="Penarikan pasukan Rusia dari Suriah dimulai pekan ini.\n\nMoskow menyebut misi militer selesai.",
            countries=(ru, sy)),
        kemarau=make_article(
            "Petani gagal panen akibat kemarau", outlet=detik, published="2017-03-08 11:00",
            body="Kemarau panjang membuat sawah kering."),
        hostile=make_article(
            f"{HOSTILE} Diplomasi digital", outlet=tempo, published="2017-05-20 16:45",
            body=f"Berita diplomasi digital memuat kode {HOSTILE} di halaman."),
        prabowo_ukraina=make_article(
            "Prabowo kunjungi Ukraina", outlet=detik, published="2017-06-05 09:15",
            body="Prabowo Subianto membahas pasukan perdamaian. Soal penarikan dana belum diputuskan.",
            people=(prabowo,), countries=(ua,)),
        amerika_suriah=make_article(
            "Amerika bahas penarikan pasukan dari Suriah", outlet=tempo, published="2017-11-02 20:00",
            body="Washington menimbang penarikan pasukan dari Suriah tahun depan.", countries=(us, sy)),
        retno_rusia=make_article(
            "Retno Marsudi bertemu Menlu Rusia", outlet=kompas, published="2017-11-21 10:53",
            body="Menteri Luar Negeri Retno Marsudi bertemu Sergei Lavrov di Moskow.",
            people=(retno,), countries=(ru,)),
        debat=make_article(
            "Debat pemilu Jokowi dan Prabowo", outlet=kompas, published="2018-02-14 19:30",
            body="Joko Widodo dan Prabowo Subianto beradu gagasan soal ekonomi.", people=(jokowi, prabowo)),
        berunding=make_article(
            "Amerika Serikat dan Rusia berunding soal Ukraina", outlet=detik, published="2018-07-04 13:00",
            body="Kedua negara membahas gencatan senjata.", countries=(us, ru, ua)),
        beras=make_article(
            "Harga beras naik menjelang pemilu", outlet=tempo, published="2018-09-30 08:20",
            body="Pedagang pasar mengeluhkan harga beras."),
        bantuan=make_article(
            "Retno Marsudi bahas bantuan untuk Suriah", outlet=kompas, published="2018-11-20 15:10",
            body="Indonesia mengirim bantuan kemanusiaan.", people=(retno,), countries=(sy,)),
    )
    index_now()
    return SimpleNamespace(
        tempo=tempo, kompas=kompas, detik=detik, jokowi=jokowi, prabowo=prabowo, retno=retno,
        ru=ru, sy=sy, ua=ua, us=us, a=articles,
    )


# Twelve ministers in one article: with the archive's three people the person facet has 15 values, more than the 10
# a facet shows before "lainnya".
MINISTERS = (
    "Basuki Hadimuljono", "Budi Karya", "Erick Thohir", "Luhut Pandjaitan", "Nadiem Makarim", "Pratikno",
    "Puan Maharani", "Sandiaga Uno", "Sri Mulyani", "Susi Pudjiastuti", "Tito Karnavian", "Yasonna Laoly",
)


@pytest.fixture
def crowded_archive(archive, index_now):
    """Add one cabinet article naming twelve people to the archive."""
    ministers = tuple(make_person(name) for name in MINISTERS)
    archive.a.kabinet = make_article(
        "Susunan kabinet diumumkan", outlet=archive.kompas, published="2017-10-23 10:00",
        body="Presiden mengumumkan dua belas menteri baru di kabinet.", people=ministers)
    index_now(archive.a.kabinet)
    archive.ministers = ministers
    return archive


@pytest.fixture
def read_only_index(monkeypatch):
    """Make the current index generation read-only, as a wrong owner or a read-only mount would.

    chmod 0o555 is the real thing, but root writes through any mode: when the tests run as root (CI containers),
    the writer is also made to fail the way Whoosh fails in a read-only directory (creating its lock file raises
    PermissionError), so the test checks the same path either way.
    """
    generation = indexing.open_index().storage.folder
    os.chmod(generation, 0o555)
    if os.geteuid() == 0:
        def refuse(self, *args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", os.path.join(generation, "WRITELOCK"))

        monkeypatch.setattr(FileIndex, "writer", refuse)
        # And os.access answers for root as it would for the web user.
        real_access = os.access

        def access(path, mode, **kwargs):
            if mode & os.W_OK and str(path).startswith(str(indexing.index_root())):
                return False
            return real_access(path, mode, **kwargs)

        monkeypatch.setattr(os, "access", access)
    yield generation
    os.chmod(generation, 0o755)


@pytest.fixture
def editor(db):
    """A staff user in the "Editor" group (made by migration 0005), as the admin's curators are."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("dewi", "dewi@arsip.example", "sandi-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
