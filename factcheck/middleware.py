"""Per-request choice of the read database, and read-your-writes.

Reads go to a replica only for an anonymous reader: a safe method (GET, HEAD, OPTIONS), no
``Authorization`` header (token clients are the desk's tools), no signed-in session, and no
recent write by this browser. Any request that writes sets a signed cookie; for
``READ_YOUR_WRITES_SECONDS`` afterwards that browser reads from the primary, so it sees what it
wrote even when the replicas lag.

A replica connection that fails while a request reads from it (replica stopped, restarted,
network gone) sends the view to run again on the primary, and a replica that does not answer a
fresh connection is skipped until it is measured again: the reader gets the page, not an error.
That re-run is safe because only safe methods are ever sent to a replica. It must be the last
middleware so that calling the view here skips no other middleware's ``process_view``.

A primary that does not answer is an outage: ``DatabaseOutageMiddleware`` answers 503 with
``Retry-After`` (JSON under ``/api/``) instead of a server error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.signing import BadSignature
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import replicas
from .routers import PRIMARY, current, routing

READ_YOUR_WRITES_COOKIE = "primary_reads"
READ_YOUR_WRITES_SALT = "factcheck.read-your-writes"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
logger = logging.getLogger(__name__)


def wrote_recently(request: HttpRequest) -> bool:
    try:
        value = request.get_signed_cookie(
            READ_YOUR_WRITES_COOKIE,
            default=None,
            salt=READ_YOUR_WRITES_SALT,
            max_age=settings.READ_YOUR_WRITES_SECONDS,
        )
    except BadSignature:
        return False
    return value is not None


def may_read_from_replica(request: HttpRequest) -> bool:
    """Anonymous safe requests only; deciding it costs no query for a reader without a session."""
    if request.method not in SAFE_METHODS or "HTTP_AUTHORIZATION" in request.META:
        return False
    if wrote_recently(request):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
    return True


class ReplicaRoutingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        alias = replicas.pick() if may_read_from_replica(request) else None
        with routing(alias or PRIMARY) as state:
            response = self.get_response(request)
        if state.read_alias != PRIMARY and replicas.behind(state.read_alias):
            # Read from a replica that had not replayed everything: right for this reader, but not an
            # answer to keep for the next ones (the cache of anonymous reads leaves it out).
            response.stale_read = True
        if state.wrote:
            response.set_signed_cookie(
                READ_YOUR_WRITES_COOKIE,
                "1",
                salt=READ_YOUR_WRITES_SALT,
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict):
        state = current()
        if state is None or state.read_alias == PRIMARY:
            return None
        alias = state.read_alias
        try:
            response = view_func(request, *view_args, **view_kwargs)
            # Templates evaluate their querysets when rendered: render here, where a failure is caught.
            if callable(getattr(response, "render", None)):
                response = response.render()
            return response
        except (OperationalError, InterfaceError) as exc:
            # Lost or refused connection. Whichever server it was, the request only reads: run it
            # again on the primary. The replica is skipped from now on if it does not answer afresh.
            if not replicas.answers(alias):
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                replicas.mark_down(alias, reason)
            state.read_alias = PRIMARY
            return None  # Django now calls the view again, reading from the primary


# A database that does not answer (restarting, failing over, out of connections) is a passing
# outage, not a bug in the request: 503 with Retry-After, JSON under /api/, and nothing of the
# driver's message.
RETRY_AFTER_SECONDS = 5
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith(settings.API_PATH):
        response = JsonResponse(
            {"detail": _("The database is unavailable for a moment; try again shortly.")}, status=503
        )
    else:
        response = HttpResponse(render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseOutageMiddleware:
    """A view (or its template) that loses the database answers 503; the error is still logged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OUTAGE_ERRORS):
            return None
        logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=exception)
        return database_unavailable(request)
