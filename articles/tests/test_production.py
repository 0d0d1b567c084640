"""Production serving: gunicorn with WhiteNoise as `make serve` runs it, security headers, the admin's path, and failed
admin logins throttled."""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import LoginFailure

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
KEY = "p" * 60 + "-production-test-key-0123456789"
PASSWORD = "kata-sandi-redaksi-2017"
# The log of each gunicorn the fixture started, by its port.
LOGS: dict[int, Path] = {}


def _production_env(var_dir: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "newsarchive.settings.production",
        "ARSIP_SECRET_KEY": KEY,
        "ARSIP_VAR_DIR": str(var_dir),
        "ARSIP_ALLOWED_HOSTS": "127.0.0.1",
        **extra,
    }


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """Serve a fresh archive as `make serve` does: migrate, collectstatic, gunicorn with the production settings."""
    var_dir = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = _production_env(var_dir, ARSIP_BIND=f"127.0.0.1:{port}", ARSIP_WORKERS="2", ARSIP_ADMIN_PATH="redaksi-x7/")
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    _manage(env, "rebuild_index")
    log = open(var_dir / "gunicorn.log", "w+")
    LOGS[port] = var_dir / "gunicorn.log"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "newsarchive/gunicorn.conf.py",
         "newsarchive.wsgi:application"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"gunicorn did not start:\n{log.read()}")
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()


def _get(port: int, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


HTTPS = {"X-Forwarded-Proto": "https"}


def test_gunicorn_sends_plain_http_to_https(gunicorn):
    response, _ = _get(gunicorn, "/?q=banjir")
    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/?q=banjir"


def test_gunicorn_workers_warm_up_through_their_application_without_a_failure(gunicorn):
    deadline = time.monotonic() + 30
    while len(warmed := re.findall(r"Warmed up in \d+ ms \((.*)\)", log := LOGS[gunicorn].read_text())) < 2:
        assert time.monotonic() < deadline, f"the workers did not warm up:\n{log}"
        time.sleep(0.1)
    assert len(warmed) == 2  # ARSIP_WORKERS
    assert all(re.search(r"\bpage \d+ ms", parts) and re.search(r"\burls \d+ ms", parts) for parts in warmed)
    assert "Warm-up" not in log  # no step failed, and the page was served (not redirected to https or refused)


def test_gunicorn_serves_the_search_page_with_security_headers(gunicorn):
    response, body = _get(gunicorn, "/", **HTTPS)
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    assert "script-src 'self'" in response.getheader("Content-Security-Policy")
    assert b"Arsip Berita" in body


def test_gunicorn_serves_hashed_static_files_through_whitenoise(gunicorn):
    _, body = _get(gunicorn, "/", **HTTPS)
    stylesheet = re.search(rb'href="(/static/css/arsip\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page links the hashed name that collectstatic wrote"
    response, css = _get(gunicorn, stylesheet.group(1).decode(), **HTTPS, **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert "max-age=315360000" in response.getheader("Cache-Control")  # hashed: cached "forever"
    assert response.getheader("Content-Encoding") == "gzip"
    assert len(css) > 100


def test_gunicorn_serves_the_admin_at_its_configured_path_only(gunicorn):
    response, _ = _get(gunicorn, "/redaksi-x7/", **HTTPS)
    assert response.status == 302
    assert response.getheader("Location").startswith("/redaksi-x7/login/")
    response, _ = _get(gunicorn, "/admin/", **HTTPS)
    assert response.status == 404


def test_gunicorn_login_page_sets_secure_cookies(gunicorn):
    response, _ = _get(gunicorn, "/redaksi-x7/login/", **HTTPS)
    assert response.status == 200
    cookie = response.getheader("Set-Cookie")
    assert "csrftoken=" in cookie and "Secure" in cookie


def _post(port: int, path: str, body: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", path, body=body, headers={
        "Host": "127.0.0.1", "Content-Type": "application/x-www-form-urlencoded", **headers})
    response = connection.getresponse()
    answer = response.read()
    connection.close()
    return response, answer


def test_gunicorn_workers_share_the_failed_login_count(gunicorn):
    """Five failures, sent on new connections to two workers, lock the sixth attempt: the count lives in the database,
    and the client's address comes from our proxy's X-Forwarded-For."""
    response, body = _get(gunicorn, "/redaksi-x7/login/", **HTTPS)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    headers = {**HTTPS, "Cookie": cookie, "Referer": "https://127.0.0.1/redaksi-x7/login/",
               "X-Forwarded-For": "203.0.113.9"}
    form = f"csrfmiddlewaretoken={token}&username=tamu-gunicorn&password=salah&next=/redaksi-x7/"
    answers = [_post(gunicorn, "/redaksi-x7/login/", form, **headers)[1].decode() for _ in range(6)]
    assert all(answer.count('class="errornote"') == 1 for answer in answers)
    assert ["Terlalu banyak percobaan" in answer for answer in answers] == [False] * 5 + [True]
    # Another client behind the same proxy is not locked out by this one.
    other = _post(gunicorn, "/redaksi-x7/login/", form.replace("tamu-gunicorn", "tamu-lain"),
                  **{**headers, "X-Forwarded-For": "198.51.100.7"})[1].decode()
    assert "Terlalu banyak percobaan" not in other


def _setting(var_dir: Path, name: str, **env: str) -> str:
    code = f"from django.conf import settings; print(settings.{name})"
    return _manage(_production_env(var_dir, **env), "shell", "-v", "0", "-c", code).stdout.strip()


@pytest.mark.parametrize(("https", "secure"), [("1", "True"), ("0", "False")])
def test_cookies_are_secure_behind_the_https_switch(tmp_path, https, secure):
    assert _setting(tmp_path, "SESSION_COOKIE_SECURE", ARSIP_HTTPS=https) == secure
    assert _setting(tmp_path, "CSRF_COOKIE_SECURE", ARSIP_HTTPS=https) == secure
    assert _setting(tmp_path, "SECURE_SSL_REDIRECT", ARSIP_HTTPS=https) == secure


def test_security_headers_on_every_page(client, db):
    response = client.get("/")
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_static_files_are_served_without_collectstatic_outside_production(client, db):
    response = client.get("/static/css/arsip.css")
    assert response.status_code == 200
    assert b"histogram" in b"".join(response.streaming_content)


# Failed admin logins (articles/login_throttle.py).


@pytest.fixture
def staff(db):
    return User.objects.create_user("redaktur", password=PASSWORD, is_staff=True, is_superuser=True)


def _login(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def _locked(response) -> bool:
    return "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()


def test_login_is_refused_after_five_failures_even_with_the_right_password(client, staff, settings):
    for _ in range(settings.ARSIP_LOGIN_FAILURES_PER_USER):
        response = _login(client, "redaktur", "salah")
        assert response.status_code == 200 and not _locked(response)
    response = _login(client, "redaktur", PASSWORD)
    assert response.status_code == 200 and _locked(response)
    assert "_auth_user_id" not in client.session
    assert "15 menit" in response.content.decode()


def test_failures_below_the_limit_do_not_lock_and_success_clears_them(client, staff, settings):
    for _ in range(settings.ARSIP_LOGIN_FAILURES_PER_USER - 1):
        _login(client, "redaktur", "salah")
    assert _login(client, "redaktur", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.ARSIP_LOGIN_FAILURES_PER_USER - 1):
        _login(client, "redaktur", "salah")
    assert _login(client, "redaktur", PASSWORD).status_code == 302


def test_user_name_lock_ignores_case_and_spares_other_users(client, staff, settings):
    User.objects.create_user("penyunting", password=PASSWORD, is_staff=True)
    for _ in range(settings.ARSIP_LOGIN_FAILURES_PER_USER):
        _login(client, "REDAKTUR", "salah", address="10.0.0.2")
    assert _locked(_login(client, "redaktur", PASSWORD, address="10.0.0.3"))
    assert _login(client, "penyunting", PASSWORD, address="10.0.0.2").status_code == 302


def test_one_address_guessing_many_names_is_locked(client, staff, settings):
    settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS = 6
    for number in range(6):
        _login(client, f"tamu{number}", "salah", address="10.9.9.9")
    assert _locked(_login(client, "redaktur", PASSWORD, address="10.9.9.9"))
    assert _login(client, "redaktur", PASSWORD, address="10.9.9.8").status_code == 302


def test_the_address_behind_our_proxy_is_the_forwarded_one(client, staff, settings):
    settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS = 3
    for number in range(3):  # through our proxy (127.0.0.1), from one client
        client.post(reverse("admin:login"), {"username": f"tamu{number}", "password": "salah"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    locked = client.post(reverse("admin:login"), {"username": "redaktur", "password": PASSWORD},
                         REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert _locked(locked)
    # Another client behind the same proxy logs in.
    assert client.post(reverse("admin:login"), {"username": "redaktur", "password": PASSWORD},
                       REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


def test_a_forwarded_address_from_elsewhere_is_not_believed(client, staff, settings):
    settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS = 3
    for number in range(3):  # a client of its own, claiming other addresses each time
        client.post(reverse("admin:login"), {"username": f"tamu{number}", "password": "salah"},
                    REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert _locked(_login(client, "redaktur", PASSWORD, address="10.1.1.1"))


def test_the_window_starts_with_the_first_failure_and_keeps_its_end(client, staff, settings):
    _login(client, "redaktur", "salah")
    first = LoginFailure.objects.get(kind=LoginFailure.Kind.USER)
    for _ in range(3):
        _login(client, "redaktur", "salah")
    again = LoginFailure.objects.get(kind=LoginFailure.Kind.USER)
    assert (again.failures, again.window_ends) == (4, first.window_ends)
    assert "redaktur" not in again.key  # a digest, never the name typed (sometimes a password)


def test_attempts_in_flight_together_get_only_the_limit_of_password_checks(staff, settings, monkeypatch):
    """Forty attempts that all pass the lock check before any of them fails: each is counted before its password
    is checked, so five are let through to the password and thirty-five are refused without one."""
    from articles.login_throttle import login_attempt_take

    let_through = sum(login_attempt_take("redaktur", f"10.0.0.{n}") for n in range(40))
    assert let_through == settings.ARSIP_LOGIN_FAILURES_PER_USER
    assert LoginFailure.objects.get(kind=LoginFailure.Kind.USER).failures == settings.ARSIP_LOGIN_FAILURES_PER_USER


def test_a_refused_attempt_counts_against_neither_name_nor_address(client, staff, settings):
    settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        _login(client, f"tamu{number}", "salah", address="10.7.7.7")
    assert _locked(_login(client, "redaktur", PASSWORD, address="10.7.7.7"))  # the address is full
    from articles.login_throttle import _digest

    assert not LoginFailure.objects.filter(kind=LoginFailure.Kind.USER, key=_digest("redaktur"), failures__gt=0).exists()
    assert _login(client, "redaktur", PASSWORD, address="10.7.7.8").status_code == 302


def test_an_empty_password_neither_counts_nor_clears_the_failures(client, staff, settings):
    """Four wrong passwords, then a post without one, again and again: the user name still locks at five."""
    for _ in range(3):
        for _ in range(settings.ARSIP_LOGIN_FAILURES_PER_USER - 1):
            _login(client, "redaktur", "salah", address="10.5.5.5")
        _login(client, "redaktur", "", address="10.5.5.5")
    assert _locked(_login(client, "redaktur", PASSWORD, address="10.5.5.6"))


def test_a_locked_address_writes_no_row_for_each_name_it_tries(client, staff, settings):
    settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        _login(client, f"tamu{number}", "salah", address="10.4.4.4")
    rows = LoginFailure.objects.count()
    for number in range(3, 23):
        assert _locked(_login(client, f"tamu{number}", "salah", address="10.4.4.4"))
    assert LoginFailure.objects.count() == rows


def test_a_right_password_gives_the_address_its_attempt_back(client, staff, settings):
    settings.ARSIP_LOGIN_FAILURES_PER_ADDRESS = 3
    for _ in range(5):  # an editor who logs in and out on one address never fills its window
        assert _login(client, "redaktur", PASSWORD, address="10.6.6.6").status_code == 302
        client.logout()
    assert not LoginFailure.objects.filter(failures__gt=0).exists()


def test_lock_ends_with_its_window(client, staff, settings):
    settings.ARSIP_LOGIN_WINDOW_SECONDS = 1
    for _ in range(settings.ARSIP_LOGIN_FAILURES_PER_USER):
        _login(client, "redaktur", "salah")
    assert _locked(_login(client, "redaktur", PASSWORD))
    time.sleep(1.1)
    assert _login(client, "redaktur", PASSWORD).status_code == 302


def test_locked_login_reads_in_english_too(client, staff, settings):
    for _ in range(settings.ARSIP_LOGIN_FAILURES_PER_USER):
        _login(client, "redaktur", "salah")
    response = client.post(
        "/en" + reverse("admin:login"), {"username": "redaktur", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
    )
    assert "Too many failed login attempts" in response.content.decode()


def test_admin_path_is_configurable(tmp_path):
    code = (
        "from django.test import Client; from django.urls import reverse; c = Client();"
        "print(reverse('admin:index'), c.get('/meja-redaksi/').status_code, c.get('/admin/').status_code)"
    )
    env = _production_env(tmp_path, ARSIP_ADMIN_PATH="/meja-redaksi", ARSIP_HTTPS="0",
                          ARSIP_ALLOWED_HOSTS="testserver")
    _manage(env, "migrate", "--noinput", "-v0")
    # As `make serve` does: the 404 page is the site's own, whose stylesheets need collectstatic's manifest.
    _manage(env, "collectstatic", "--noinput", "-v0")
    assert _manage(env, "shell", "-v", "0", "-c", code).stdout.split() == ["/meja-redaksi/", "302", "404"]


def test_empty_admin_path_is_refused(tmp_path):
    env = _production_env(tmp_path, ARSIP_ADMIN_PATH="/")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "ARSIP_ADMIN_PATH" in result.stderr


def test_gunicorn_settings_follow_the_environment(monkeypatch):
    monkeypatch.setenv("ARSIP_BIND", "127.0.0.1:8123")
    monkeypatch.setenv("ARSIP_WORKERS", "3")
    namespace: dict = {}
    exec((ROOT / "newsarchive" / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 (our own config file)
    assert (namespace["bind"], namespace["workers"]) == ("127.0.0.1:8123", 3)
    assert namespace["timeout"] == 30
