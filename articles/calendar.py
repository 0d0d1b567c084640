"""The archive's calendar: its time zone, Indonesian and English month names, the years a reader's date may have.

No Django here: the search index, the form and the templates all read their dates through this one module.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

# The archive's zone (WIB): year and month facets, the from/to range and dates shown without a zone of their own.
ARCHIVE_ZONE = ZoneInfo("Asia/Jakarta")
# The year facet's value (and ``year`` parameter) for stories whose page gave no date: shown as "tanpa tanggal".
UNDATED_YEAR = "none"
# The years a reader's date may have: others are typing errors (and the calendar's very ends take no day's arithmetic).
READER_YEARS = (1800, 2200)
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
    "Desember",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)


def reader_year(year: int) -> bool:
    """Return whether a reader may mean this year (1800-2200)."""
    return READER_YEARS[0] <= year <= READER_YEARS[1]
