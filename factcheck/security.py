"""Who a login attempt comes from, for the login throttle (django-axes)."""

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_ip(request: HttpRequest) -> str:
    """The client's address as the API's throttles see it: ``NUM_PROXIES`` hops back in X-Forwarded-For.

    With no proxy configured the header is ignored, so a client cannot pick a fresh address for
    each guess by sending one.
    """
    return BaseThrottle().get_ident(request)
