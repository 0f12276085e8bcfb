from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Anonymous clients, per IP address; the rate is the ``API_ANON_THROTTLE_RATE`` setting, read per
    request (``off`` or empty: no limit)."""

    def get_rate(self) -> str | None:
        rate = settings.API_ANON_THROTTLE_RATE
        return None if rate in ("", "off") else rate
