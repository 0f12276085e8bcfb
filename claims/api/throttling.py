from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Anonymous clients, per IP address; the rate is the ``API_ANON_THROTTLE_RATE`` setting, read per request."""

    def get_rate(self) -> str | None:
        return settings.API_ANON_THROTTLE_RATE
