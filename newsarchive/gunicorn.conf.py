"""gunicorn's settings for `make serve` and scripts/load_test.py; every value can be changed from the environment.

ARSIP_BIND (default 127.0.0.1:8000), ARSIP_WORKERS (default 2 per core plus 1), ARSIP_TIMEOUT (seconds, default 30).
Each worker keeps its own Whoosh searcher and takes one search at a time, so searches scale by workers. Searchers are
opened after the fork (no preload): Whoosh's open files must not be shared between processes; each worker warms its
search as it starts (post_worker_init), before its first request.
"""

import multiprocessing

from newsarchive.env import env_int, env_str  # gunicorn runs from the project's directory and has it on sys.path

bind = env_str("BIND", "127.0.0.1:8000")
workers = env_int("WORKERS", 2 * multiprocessing.cpu_count() + 1)
timeout = env_int("TIMEOUT", 30)
graceful_timeout = 10
# Answer 400 to oversized request lines and headers before Django sees them; bodies are capped by the proxy in front.
limit_request_line = 8190
limit_request_fields = 100
accesslog = env_str("ACCESS_LOG") or None
errorlog = "-"
# No control socket: by default one lives in $HOME/.gunicorn/gunicorn.ctl, shared by every gunicorn of the user (two
# archives, or a load test beside `make serve`, would fight over it). Signals still reload and stop (HUP, TERM).
control_socket_disable = True
# The same proxies Django trusts for the client's address (settings.ARSIP_FORWARDED_ALLOW_IPS).
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Warm the worker before its first request (articles.web.warm.warm_up): the searcher, the facet arrays, the
    spelling index, the stemmer, the page templates, the URL configuration, the languages' catalogs and formats, and
    one result page of a fixed query rendered through the worker's own application (``worker.wsgi``), so that a
    freshly started worker's first page costs what a later one does. Logged with its parts; a worker without an
    index, or whose warm-up fails, starts all the same."""
    from articles.web.warm import warm_up

    parts = warm_up(worker.wsgi)
    worker.log.info("Warmed up in %.0f ms (%s)", sum(parts.values()) * 1000,
                    ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in parts.items()))
