"""All settings of Arsip Berita. dev, test and production only override a few; the environment decides the rest."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsarchive.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# dev and test set a throwaway key; production requires ARSIP_SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsarchive.middleware.ContentSecurityPolicyMiddleware",
    # Static files from the WSGI process itself, compressed and cached (production: hashed names, see production.py).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Reads from the database replica, when there is one (ARSIP_DATABASE_REPLICA_URL); otherwise not used.
    "newsarchive.middleware.ReplicaReadsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsarchive.urls"
WSGI_APPLICATION = "newsarchive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'arsip.sqlite3'}"),
        conn_max_age=600,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while an ingest writes; NORMAL sync is safe with WAL (no corruption on crash,
    # at most the last transactions lost on power failure). See https://www.sqlite.org/wal.html
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Several web nodes over one archive (README, "Several web nodes"): a streaming replica of the default PostgreSQL
# database serves the reads of web requests (newsarchive/db_router.py); writes, commands and background work use the
# default. After a request that may have written, the client reads from the default for ARSIP_REPLICA_PIN_SECONDS,
# so an editor sees what they just saved while the replica catches up (its lag is usually well under a second).
ARSIP_DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
ARSIP_REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 15)
if ARSIP_DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(ARSIP_DATABASE_REPLICA_URL,
                                                 conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
    if {DATABASES["default"]["ENGINE"], DATABASES["replica"]["ENGINE"]} != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            "ARSIP_DATABASE_REPLICA_URL needs PostgreSQL: set ARSIP_DATABASE_URL to the primary PostgreSQL server and "
            "ARSIP_DATABASE_REPLICA_URL to its streaming replica (postgres://...), or unset ARSIP_DATABASE_REPLICA_URL."
        )
    # Tests make no second database: the replica is the default's own connection settings.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsarchive.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first; English through set_language.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "articles" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside production, WhiteNoise serves static files straight from the apps and static/: no collectstatic, and no
# STATIC_ROOT (production.py sets it).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# The admin's URL path ("admin/" unless ARSIP_ADMIN_PATH says otherwise, e.g. "redaksi-7f3k/").
ADMIN_PATH = env_str("ADMIN_PATH", "admin").strip().strip("/") + "/"
if ADMIN_PATH == "/":
    raise ImproperlyConfigured("ARSIP_ADMIN_PATH must not be empty: the admin cannot share the readers' root.")

# Failed admin logins (articles/login_throttle.py): after this many failures for one user name, or from one address,
# within the window, every login attempt for it is refused until the window has passed.
ARSIP_LOGIN_FAILURES_PER_USER = env_int("LOGIN_FAILURES_PER_USER", 5)
ARSIP_LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
ARSIP_LOGIN_WINDOW_SECONDS = env_int("LOGIN_WINDOW_SECONDS", 900)
# Our own proxies: a request from one of them carries the client's address as the last of X-Forwarded-For (gunicorn
# reads the same variable, newsarchive/gunicorn.conf.py).
ARSIP_FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Scripts, styles and images from our own origin only (newsarchive/middleware.py). Inline styles are allowed for the
# admin's few <style> blocks; inline scripts are not: no page of ours has one.
CONTENT_SECURITY_POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]

# The Whoosh index: a copy of the database that rebuild_index can always make again.
ARSIP_INDEX_DIR = Path(env_str("INDEX_DIR", str(VAR_DIR / "index")))
# Which engine answers searches (articles/search/backends.py): "whoosh", the index above on this machine's disk, or
# "postgres", search columns in the database itself, written with each article, so that several web nodes (and a
# streaming replica) serve one archive. README, "Several web nodes"; docs/scaling.md says when to switch.
ARSIP_SEARCH_BACKEND = env_str("SEARCH_BACKEND", "whoosh").strip().lower()
if ARSIP_SEARCH_BACKEND not in ("whoosh", "postgres"):
    raise ImproperlyConfigured(f"ARSIP_SEARCH_BACKEND must be 'whoosh' or 'postgres', not {ARSIP_SEARCH_BACKEND!r}.")
if ARSIP_SEARCH_BACKEND == "postgres" and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "ARSIP_SEARCH_BACKEND=postgres searches with PostgreSQL's full-text search: set ARSIP_DATABASE_URL to a "
        "PostgreSQL database (postgres://...), or leave ARSIP_SEARCH_BACKEND unset for the Whoosh index.")

# Uploads. The admin upload page takes up to 500 pages and 50 MB (articles/uploads.py MAX_PAGES, MAX_UPLOAD_BYTES) and
# says so in a form error. Django answers a request with more files than DATA_UPLOAD_MAX_NUMBER_FILES (default 100)
# with a bare 400 before any view runs, so it must stay above MAX_PAGES: up to twice the limit the editor reads our
# message, beyond that Django's 400 still spares the server. Files over FILE_UPLOAD_MAX_MEMORY_SIZE (default 2.5 MB)
# are spooled to temporary files; the web server caps the request body (e.g. nginx client_max_body_size 60m).
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "articles": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO"), "propagate": False},
        # Server errors with their tracebacks, and refused hosts or bad requests: Django's own console handler only
        # speaks when DEBUG is on, and no ADMINS get mail.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
