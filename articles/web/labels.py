"""The words the reader sees: notices about the query and its parameters, facet labels, month and country names.

One home for them: the search page, the API and the templates (``templatetags/arsip.py``) read them from here.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import selectors
from articles.calendar import MONTHS_EN, MONTHS_ID, UNDATED_YEAR
from articles.models import Country

# By facet name (articles.search.registry).
FACET_LABELS = {
    "outlet": gettext_lazy("Media"), "year": gettext_lazy("Tahun"), "month": gettext_lazy("Bulan"),
    "people": gettext_lazy("Orang"), "countries": gettext_lazy("Negara"),
}

NOTICE_TEXT = {
    "control_characters": gettext_lazy("Karakter kontrol dalam pencarian dibuang."),
    "too_long": gettext_lazy("Pencarian terlalu panjang: hanya %(detail)s karakter pertama yang dipakai."),
    "unbalanced_quote": gettext_lazy("Tanda kutip tidak berpasangan: kata-katanya dicari satu per satu."),
    "unbalanced_paren": gettext_lazy("Tanda kurung tidak berpasangan dan diabaikan."),
    "lone_operator": gettext_lazy("Operator “%(detail)s” tanpa kata di sisinya diabaikan."),
    "empty_field": gettext_lazy("Awalan “%(detail)s:” tanpa kata diabaikan."),
    "wildcard_position": gettext_lazy(
        "Tanda * hanya bisa di akhir kata (mis. “diplom*”): “%(detail)s” dicari tanpa tanda itu."),
    "short_prefix": gettext_lazy("“%(detail)s” terlalu pendek untuk pencarian awalan (minimal 3 huruf)."),
    "stop_word": gettext_lazy("Kata umum “%(detail)s” diabaikan."),
    "too_many_terms": gettext_lazy("Hanya %(detail)s kata pertama yang dicari."),
    "unknown_person": gettext_lazy("Orang “%(detail)s” tidak ada di arsip."),
    "unknown_country": gettext_lazy("Negara “%(detail)s” tidak dikenal."),
    "unknown_outlet": gettext_lazy("Media “%(detail)s” tidak dikenal."),
    "no_words": gettext_lazy("“%(detail)s” tidak berisi kata yang bisa dicari."),
    "too_deep": gettext_lazy("Tanda kurung bertingkat lebih dari 10 diabaikan."),
    "glossary": gettext_lazy("Juga dicari dalam bahasa Indonesia: %(detail)s."),
    "incomplete_time": gettext_lazy(
        "Pencarian ini terlalu berat dan dihentikan sebelum selesai: hasilnya mungkin tidak lengkap."),
    "incomplete_terms": gettext_lazy(
        "Pencarian ini terlalu luas: hanya sebagian kata dari awalan dan frasanya yang dicari."),
}
DROPPED_TEXT = {
    "outlet": gettext_lazy("Media “%(value)s” tidak dikenal; filter itu diabaikan."),
    "person": gettext_lazy("Orang “%(value)s” tidak dikenal; filter itu diabaikan."),
    "country": gettext_lazy("Kode negara “%(value)s” tidak dikenal; filter itu diabaikan."),
    "year": gettext_lazy("Tahun “%(value)s” tidak sah; filter itu diabaikan."),
    "month": gettext_lazy("Bulan “%(value)s” tidak sah (contoh: 2017-11); filter itu diabaikan."),
    "from": gettext_lazy("Tanggal “%(value)s” tidak terbaca (contoh: 1 Jan 2017 atau 2017-01-01); diabaikan."),
    "to": gettext_lazy("Tanggal “%(value)s” tidak terbaca (contoh: 1 Jan 2017 atau 2017-01-01); diabaikan."),
    "sort": gettext_lazy("Urutan “%(value)s” tidak dikenal; diurutkan menurut relevansi."),
    "page": gettext_lazy("Halaman “%(value)s” tidak sah; menampilkan halaman 1."),
    "per_page": gettext_lazy("Jumlah per halaman “%(value)s” tidak sah; menampilkan %(default)s."),
    "collapse": gettext_lazy("Nilai collapse “%(value)s” tidak sah (0 atau 1); versi dari media lain digabung."),
    "match": gettext_lazy("Nilai match “%(value)s” tidak sah (all atau any); berita yang menyebut salah satu pilihan "
                          "ditampilkan."),
}


def message(template, **values) -> str:
    return str(template) % values


def country_name(country: Country) -> str:
    return country.name_en if translation.get_language() == "en" else country.name_id


def month_label(value: str) -> str:
    year, month = value.split("-")
    names = MONTHS_EN if translation.get_language() == "en" else MONTHS_ID
    return f"{names[int(month) - 1]} {year}"


# The facets whose values are named by the archive's tables (selectors.entity_names).
NAMED_FACETS = ("outlet", "people", "countries")


def facet_value_labels(wanted: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """Return ``value_labels`` of several facets' values, by facet: the outlets', people's and countries' names read
    together (one query, not three)."""
    names = selectors.entity_names({name: values for name, values in wanted.items() if name in NAMED_FACETS},
                                   english=translation.get_language() == "en")
    return {name: names[name] if name in NAMED_FACETS else value_labels(name, values)
            for name, values in wanted.items()}


def value_labels(name: str, values: list[str]) -> dict[str, str]:
    """Return the label of each of a facet's values: an outlet's or a person's name, a country's, a month's."""
    if name == "outlet":
        return selectors.outlet_names(values)
    if name == "people":
        return selectors.person_names(values)
    if name == "countries":
        return {country.code: country_name(country) for country in selectors.country_list(values)}
    if name == "month":
        return {value: month_label(value) for value in values}
    return {value: _("tanpa tanggal") if value == UNDATED_YEAR else value for value in values}
