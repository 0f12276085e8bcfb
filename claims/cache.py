"""The cache of anonymous reads: public pages and API answers, kept until published content changes.

Every entry's key holds the content version (``claims.services.publication``), which the services
move on publish, unpublish, correction, update note or any edit of public content: a change makes
every entry stale at once, and nothing else does. Answers carry an ``ETag`` and a ``Last-Modified``
(the version's time) so that clients and proxies revalidate with a 304 instead of a new body.
Redis holds the cache when ``REDIS_URL`` is set (shared by every worker); local memory otherwise.
``ANONYMOUS_CACHE_SECONDS=0`` turns the cache of answers off (304s and ``remember()`` stay).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

from factcheck.middleware import wrote_recently

from .api.throttling import AnonymousThrottle
from .services.publication import content_version

# Never cached: the desk's workspace, the API's documentation and the health check.
PRIVATE_PREFIXES = ("/admin/", "/en/admin/", "/api/docs", "/api/schema", "/healthz", "/i18n/", "/static/")
THROTTLED_PREFIXES = ("/api/", "/v1alpha1/")
REMEMBER_SECONDS = 24 * 3600


def enabled() -> bool:
    return settings.ANONYMOUS_CACHE_SECONDS > 0


# The content version an anonymous request was answered for, read once by the middleware.
_request_version: ContextVar[int | None] = ContextVar("claims_request_version", default=None)


def remember(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept until the content changes: a figure over every published claim, such as the
    home page's count per rating, is counted once per content version rather than once per request."""
    key = f"claims:value:{name}:{_request_version.get() or content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, REMEMBER_SECONDS)
    return value


def _anonymous_read(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(PRIVATE_PREFIXES)
        and not request.user.is_authenticated
        # A reader who has just written reads their own write, never a copy kept for everyone.
        and not wrote_recently(request)
    )


class AnonymousCacheMiddleware:
    """Answers anonymous GETs from the cache, and 304s to conditional ones, for the current content."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _anonymous_read(request):
            return self.get_response(request)
        version = content_version()
        token = _request_version.set(version)
        try:
            return self._answer(request, version)
        finally:
            _request_version.reset(token)

    def _answer(self, request: HttpRequest, version: int) -> HttpResponse:
        variant = "\n".join(
            [
                request.build_absolute_uri(),
                getattr(request, "LANGUAGE_CODE", ""),
                request.META.get("HTTP_ACCEPT", ""),
                request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            ]
        )
        digest = hashlib.sha256(variant.encode()).hexdigest()[:24]
        etag = f'"v{version}-{digest[:12]}"'
        last_modified = http_date(version // 1000)
        if self._not_modified(request, etag, version) and self._throttle_allows(request):
            response = HttpResponseNotModified()
            response["ETag"], response["Last-Modified"] = etag, last_modified
            # No policy on a 304: the client keeps the one stored with its body, whose nonce it names.
            response._csp_exempt = True
            return response
        key = f"claims:page:{version}:{digest}"
        cached = cache.get(key) if enabled() else None
        if cached is None or not self._throttle_allows(request):
            response = self.get_response(request)
            if enabled() and self._cacheable(response):
                cache.set(key, (getattr(request, "_csp_nonce", None), response), settings.ANONYMOUS_CACHE_SECONDS)
        else:
            nonce, response = cached
            if isinstance(nonce, str):
                # The stored body's JSON-LD block carries the nonce of the request that rendered it: the
                # Content-Security-Policy header (written after this middleware) must name that one.
                request._csp_nonce = nonce
        if getattr(response, "stale_read", False):
            return response  # from a replica still behind: neither kept nor given this version's tag
        if response.status_code == 200 and not response.has_header("ETag"):
            # A compressed body is another representation of the same content: a weak tag (as Django's
            # GZipMiddleware gives it), which If-None-Match still matches for a 304.
            response["ETag"] = f"W/{etag}" if response.has_header("Content-Encoding") else etag
            response["Last-Modified"] = last_modified
        return response

    @staticmethod
    def _not_modified(request: HttpRequest, etag: str, version: int) -> bool:
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            return etag in [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")] or if_none_match == "*"
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        return since is not None and since >= version // 1000

    @staticmethod
    def _throttle_allows(request: HttpRequest) -> bool:
        """A cached API answer still counts against the anonymous rate (the view counts the others)."""
        if not request.path.startswith(THROTTLED_PREFIXES):
            return True
        return AnonymousThrottle().allow_request(request, None)

    @staticmethod
    def _cacheable(response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not getattr(response, "stale_read", False)
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
        )
