"""Failed admin logins, throttled: after too many failures for one user name or from one address, the login form
refuses every attempt (a right password too) until the window has passed.

Counts live in Django's cache: production keeps them in files under ARSIP_VAR_DIR, shared by every gunicorn worker.
The address is REMOTE_ADDR; behind a proxy, that is the proxy's, so the per-address limit then guards the whole site.
The form is checked before the password, so a locked attempt costs no password hashing.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    return [
        (_key("user", username), settings.ARSIP_LOGIN_FAILURES_PER_USER),
        (_key("addr", address), settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS),
    ]


def login_locked(username: str, address: str) -> bool:
    return any(cache.get(key, 0) >= limit for key, limit in _keys(username, address))


def login_failed(username: str, address: str) -> None:
    for key, _limit in _keys(username, address):
        # add() starts the window; incr() keeps its expiry. A lost race between workers loses one count at most.
        if not cache.add(key, 1, settings.ARSIP_LOGIN_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, settings.ARSIP_LOGIN_WINDOW_SECONDS)


def login_succeeded(username: str) -> None:
    cache.delete(_key("user", username))


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, refusing attempts while the user name or the address is locked."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        if login_locked(username, address):
            minutes = max(1, settings.ARSIP_LOGIN_WINDOW_SECONDS // 60)
            raise ValidationError(
                _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)s menit."),
                code="throttled",
                params={"minutes": minutes},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            login_failed(username, address)
            raise
        login_succeeded(username)
        return cleaned
