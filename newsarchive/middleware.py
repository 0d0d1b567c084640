"""Response headers that Django's SecurityMiddleware does not set, and which database a request reads from."""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

from newsarchive.db_router import replica_reads

# A client that sent this cookie has written in the last ARSIP_REPLICA_PIN_SECONDS: it reads from the primary.
PIN_COOKIE = "arsip_primary"
# RFC 9110, 9.2.1: the methods that do not ask for a change.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class ContentSecurityPolicyMiddleware:
    """Set Content-Security-Policy (settings.CONTENT_SECURITY_POLICY) on every response that has none.

    Our pages load scripts, styles and images from our own origin only, so an injected tag can neither run nor call out.
    Django 5.2 has no CSP of its own (6.0 adds one); this middleware goes when we move there.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Not with DEBUG: Django's error pages run inline scripts.
        self.policy = "" if settings.DEBUG else "; ".join(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class ReplicaReadsMiddleware:
    """Let a request read from the database replica (newsarchive/db_router.py) when a slightly old read is harmless.

    A request with a safe method reads from the replica, unless its client carries the pin cookie. A request with any
    other method (a save, a login, an upload) reads from the primary, and its response sets the pin cookie for
    ARSIP_REPLICA_PIN_SECONDS: the editor who has just saved reads their own write on the next pages, from any node,
    while the replica catches up. Not used at all without ARSIP_DATABASE_REPLICA_URL.

    It sits after SessionMiddleware: the session's own reads when it saves (is a new key taken?) stay on the primary.
    """

    def __init__(self, get_response):
        if not settings.ARSIP_DATABASE_REPLICA_URL:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            response.set_cookie(PIN_COOKIE, "1", max_age=settings.ARSIP_REPLICA_PIN_SECONDS, httponly=True,
                                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
            return response
        if PIN_COOKIE in request.COOKIES:
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)
