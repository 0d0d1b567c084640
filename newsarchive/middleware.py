"""Response headers that Django's SecurityMiddleware does not set."""

from django.conf import settings


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
