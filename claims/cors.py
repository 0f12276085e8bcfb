"""CORS for anonymous reads only: a page on another site may read the API, never write through it."""

from corsheaders.middleware import CorsMiddleware
from django.http import HttpRequest

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyCorsMiddleware(CorsMiddleware):
    """django-cors-headers' middleware, off for any method but GET, HEAD and OPTIONS (preflights).

    ``CORS_ALLOW_METHODS`` already makes a browser refuse a cross-site write after its preflight;
    a "simple" POST needs no preflight, so its response must not carry the headers either.
    """

    def is_enabled(self, request: HttpRequest) -> bool:
        return request.method in READ_METHODS and super().is_enabled(request)
