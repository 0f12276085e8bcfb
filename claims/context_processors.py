from django.conf import settings


def site(request) -> dict:
    """The signing organisation and this page's canonical address, for every template."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "canonical_url": request.build_absolute_uri(request.path),
    }
