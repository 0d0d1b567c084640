"""Editors' admin: declarative; what an action does lives in services.

One module per concern: ``reference`` (outlets, countries, login failures), ``people`` (people, the review queue,
merges), ``articles`` (articles and undated stories, with ``filters``), ``upload`` (the upload page) and
``index_follows`` (the search index after every change). Importing them registers their ModelAdmins.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..login_throttle import ThrottledAdminAuthenticationForm
from . import articles, people, reference  # noqa: F401  (registers the ModelAdmins)

admin.site.login_form = ThrottledAdminAuthenticationForm
admin.site.site_header = _("Arsip Berita: redaksi")
admin.site.site_title = _("Arsip Berita")
admin.site.index_title = _("Kurasi arsip")
