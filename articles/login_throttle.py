"""Failed admin logins, throttled: after too many failures for one user name or from one address within a window, the
login form refuses every attempt (a right password too) until the window has passed.

The counts are rows of LoginFailure: every gunicorn worker sees the same counts. An attempt is counted as a failure
before its password is checked, by one conditional UPDATE (atomic in SQLite and PostgreSQL alike), and refunded when
the password is right: forty attempts sent at once get five password checks, not five plus those that read the count
before the others wrote it. A locked attempt costs no password hashing. The window starts with the first failure
and does not move with later ones.

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
from django.db import IntegrityError, transaction
from django.db.models import F
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
    # The address first: a locked address tries new names without writing a row for each.
    return [
        (LoginFailure.Kind.ADDRESS, _digest(address), settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS),
        (LoginFailure.Kind.USER, _digest(username), settings.ARSIP_LOGIN_FAILURES_PER_USER),
    ]


def _take(kind: str, key: str, limit: int, now) -> bool:
    """Count one attempt against (kind, key) unless its window is full; return whether it was counted."""
    live = LoginFailure.objects.filter(kind=kind, key=key, window_ends__gt=now)
    if live.filter(failures__lt=limit).update(failures=F("failures") + 1):
        return True
    if live.exists():
        return False  # full until its window ends
    LoginFailure.objects.filter(window_ends__lte=now).delete()  # spent windows, this one's among them
    try:
        with transaction.atomic():
            LoginFailure.objects.create(
                kind=kind, key=key, failures=1, window_ends=now + timedelta(seconds=settings.ARSIP_LOGIN_WINDOW_SECONDS)
            )
        return True
    except IntegrityError:  # another attempt created it first: count against that one
        return bool(live.filter(failures__lt=limit).update(failures=F("failures") + 1))


def _give_back(kind: str, key: str) -> None:
    LoginFailure.objects.filter(kind=kind, key=key, failures__gt=0).update(failures=F("failures") - 1)


def login_attempt_take(username: str, address: str) -> bool:
    """Count an attempt as failed in advance, for its user name and its address; return False (nothing counted)
    when either is locked."""
    now = timezone.now()
    taken = []
    for kind, key, limit in _limits(username, address):
        if not _take(kind, key, limit, now):
            for done_kind, done_key in taken:
                _give_back(done_kind, done_key)
            return False
        taken.append((kind, key))
    return True


def login_attempt_give_back(username: str, address: str) -> None:
    """Undo login_attempt_take for an attempt that checked no password."""
    for kind, key, _limit in _limits(username, address):
        _give_back(kind, key)


def login_succeeded(username: str, address: str) -> None:
    """The password was right: the user name's failures end, the address gets this attempt back."""
    LoginFailure.objects.filter(kind=LoginFailure.Kind.USER, key=_digest(username)).delete()
    _give_back(LoginFailure.Kind.ADDRESS, _digest(address))


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, refusing attempts while the user name or the address is locked."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request else ""
        if not login_attempt_take(username, address):
            minutes = max(1, settings.ARSIP_LOGIN_WINDOW_SECONDS // 60)
            raise ValidationError(
                _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)s menit."),
                code="throttled",
                params={"minutes": minutes},
            )
        cleaned = super().clean()  # a wrong password raises, and stays counted
        if self.user_cache is not None:
            login_succeeded(username, address)
        else:  # no password to check (a field left empty): the attempt was no try, and clears nothing
            login_attempt_give_back(username, address)
        return cleaned
