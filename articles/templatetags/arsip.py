"""Template helpers: dates in Indonesian, whatever the active language of the page."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import translation
from django.utils.translation import gettext

from articles.calendar import ARCHIVE_ZONE, DAYS_ID, MONTHS_ID

register = template.Library()

# Indonesia's zones by their offset from UTC in minutes.
_ZONE_NAMES = {420: "WIB", 480: "WITA", 540: "WIT"}


def _local(value: datetime) -> tuple[datetime, str]:
    """Return the time in its own zone when it carries one of Indonesia's offsets, else in WIB, with the zone's name."""
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else None
    if minutes in _ZONE_NAMES and str(value.tzinfo) != "UTC":
        return value, _ZONE_NAMES[minutes]
    return value.astimezone(ARCHIVE_ZONE), "WIB"


def tanggal_indonesia_text(value: datetime, *, with_time: bool = True) -> str:
    """Return 'Selasa, 21 November 2017 10.53 WIB' (Indonesian style: a dot between hours and minutes).

    A time in WITA or WIT is shown in its own zone: 'Sabtu, 29 September 2018 18.25 WITA'.
    """
    local, zone = _local(value)
    text = f"{DAYS_ID[local.weekday()]}, {local.day} {MONTHS_ID[local.month - 1]} {local.year}"
    if with_time:
        text += f" {local.hour:02d}.{local.minute:02d} {zone}"
    return text


@register.filter
def tanggal_indonesia(value, date_only=False):
    """Show a datetime the Indonesian way in Indonesian pages; English pages get 'Tuesday, 21 November 2017 10:53 WIB'.

    An undated story (None) shows "tanpa tanggal".
    """
    if value is None:
        return gettext("tanpa tanggal")
    if not isinstance(value, datetime):
        return ""
    if translation.get_language() == "en":
        local, zone = _local(value)
        return local.strftime("%A, %-d %B %Y") + ("" if date_only else local.strftime(f" %H:%M {zone}"))
    return tanggal_indonesia_text(value, with_time=not date_only)
