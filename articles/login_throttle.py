"""Failed admin logins, throttled: after too many failures for one user name or from one address within a window, the
login form refuses every attempt (a right password too) until the window has passed.

The counts are rows of LoginFailure, changed under a row lock in one transaction: every gunicorn worker sees the same
counts, and parallel attempts cannot overwrite each other's. The lock is checked before the password, so a locked
attempt costs no password hashing. The window starts with the first failure and does not move with later ones.

The address is the client's: REMOTE_ADDR, or, when that is one of our own proxies (ARSIP_FORWARDED_ALLOW_IPS), the
last address of X-Forwarded-For, the one our proxy wrote. Behind a proxy, REMOTE_ADDR alone would be the proxy's, and
a stranger's 20 failures would lock every editor out.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import LoginFailure


def client_address(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and address in settings.ARSIP_FORWARDED_ALLOW_IPS:
        return forwarded.split(",")[-1].strip()
    return address


def _digest(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()


def _limits(username: str, address: str) -> list[tuple[str, str, int]]:
    return [
        (LoginFailure.Kind.USER, _digest(username), settings.ARSIP_LOGIN_FAILURES_PER_USER),
        (LoginFailure.Kind.ADDRESS, _digest(address), settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS),
    ]


def login_locked(username: str, address: str) -> bool:
    now = timezone.now()
    return any(
        LoginFailure.objects.filter(kind=kind, key=key, window_ends__gt=now, failures__gte=limit).exists()
        for kind, key, limit in _limits(username, address)
    )


def login_failed(username: str, address: str) -> None:
    now = timezone.now()
    window = timedelta(seconds=settings.ARSIP_LOGIN_WINDOW_SECONDS)
    with transaction.atomic():
        LoginFailure.objects.filter(window_ends__lte=now).delete()  # spent windows: nothing to keep
        for kind, key, _limit in _limits(username, address):
            failure, created = LoginFailure.objects.select_for_update().get_or_create(
                kind=kind, key=key, defaults={"failures": 1, "window_ends": now + window},
            )
            if not created:
                failure.failures += 1
                failure.save(update_fields=["failures"])


def login_succeeded(username: str) -> None:
    LoginFailure.objects.filter(kind=LoginFailure.Kind.USER, key=_digest(username)).delete()


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, refusing attempts while the user name or the address is locked."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request else ""
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
