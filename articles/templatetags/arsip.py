"""Template helpers: dates in Indonesian, whatever the active language of the page."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils import translation

register = template.Library()

_JAKARTA = ZoneInfo("Asia/Jakarta")
_DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
    "Desember",
)


def tanggal_indonesia_text(value: datetime, *, with_time: bool = True) -> str:
    """Return 'Selasa, 21 November 2017 10.53 WIB' (Indonesian style: a dot between hours and minutes)."""
    local = value.astimezone(_JAKARTA)
    text = f"{_DAYS_ID[local.weekday()]}, {local.day} {_MONTHS_ID[local.month - 1]} {local.year}"
    if with_time:
        text += f" {local.hour:02d}.{local.minute:02d} WIB"
    return text


@register.filter
def tanggal_indonesia(value, date_only=False):
    """Show a datetime the Indonesian way in Indonesian pages; English pages get 'Tuesday, 21 November 2017 10:53 WIB'."""
    if not isinstance(value, datetime):
        return ""
    if translation.get_language() == "en":
        local = value.astimezone(_JAKARTA)
        return local.strftime("%A, %-d %B %Y") + ("" if date_only else local.strftime(" %H:%M WIB"))
    return tanggal_indonesia_text(value, with_time=not date_only)
