from datetime import datetime

import pytest

from articles.ingest.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "iso", "date_only"),
    [
        ("Selasa, 21 November 2017 10:53 WIB", "2017-11-21T10:53:00+07:00", False),
        ("11 Des 2017, 20:40 WIB", "2017-12-11T20:40:00+07:00", False),
        ("Diperbarui 11 Des 2017, 20:40 WITA", "2017-12-11T20:40:00+08:00", False),
        ("Rabu 5 Jan 2022 09.15 WIT", "2022-01-05T09:15:00+09:00", False),
        ("Kamis (25/7/2024)", "2024-07-25T00:00:00+07:00", True),
        ("perdagangan Rabu pagi (1/11/2023) pukul 09.05 WIB", "2023-11-01T00:00:00+07:00", True),
        ("21/11/2017 10.53", "2017-11-21T10:53:00+07:00", False),
        ("Kompas.com - 21/11/2017, 10:53 WIB", "2017-11-21T10:53:00+07:00", False),
        ("June 6, 2022", "2022-06-06T00:00:00+07:00", True),
        ("Published: Jun. 6, 2022 10:53 pm", "2022-06-06T22:53:00+07:00", False),
        ("Wed, July 23 2014, 7:24 AM", "2014-07-23T07:24:00+07:00", False),
        ("2017-11-21T10:53:00+07:00", "2017-11-21T10:53:00+07:00", False),
        ("2017-11-21 03:53:00Z", "2017-11-21T03:53:00+00:00", False),
        ("Selasa, 21 November 2017 - 10:53 WIB", "2017-11-21T10:53:00+07:00", False),
        ("Kamis, 3 Oktober 2013 − 05:48 WIB", "2013-10-03T05:48:00+07:00", False),
        ("Nama | Selasa, 21 November 2017 | 10:53 WIB", "2017-11-21T10:53:00+07:00", False),
        ("21 Agustus 2024 pukul 19.30 WITA", "2024-08-21T19:30:00+08:00", False),
    ],
)
def test_date_forms(text, iso, date_only):
    found = find_dates(text)[0]
    assert found.value.isoformat() == iso
    assert found.date_only is date_only


def test_a_part_of_the_day_keeps_the_weekday_with_its_date():
    assert find_dates("Senin malam (4/3/2024)")[0].weekday


def test_every_date_is_aware():
    for found in find_dates("Senin (11/12/2017) dan 20 November 2017 serta 2017-01-01"):
        assert found.value.tzinfo is not None
        assert found.value.utcoffset() is not None


@pytest.mark.parametrize(
    "text",
    ["pada Maret 2016, Putin", "31 Februari 2017", "Rp 12.000 per 2 liter", "99/99/2017", "1 Januari 1890", ""],
)
def test_not_a_date(text):
    assert find_dates(text) == []


def test_numbers_after_a_date_are_not_a_time():
    found = find_dates("21 November 2017 12.000 orang mengungsi")[0]
    assert found.date_only is True


def test_parse_date_takes_the_first():
    assert parse_date("dari 1 Jan 2017 sampai 2 Feb 2018").value == datetime.fromisoformat("2017-01-01T00:00:00+07:00")
    assert parse_date("tidak ada tanggal") is None
