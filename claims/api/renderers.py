"""``application/ld+json``: the media type of schema.org documents, for clients that ask for it."""

from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer


class JSONLDRenderer(JSONRenderer):
    """The same JSON, labelled as JSON-LD: ClaimReview, the DataFeed and ``claims:search`` are
    schema.org documents, and a JSON-LD client sends ``Accept: application/ld+json``."""

    media_type = "application/ld+json"
    format = "jsonld"


# JSON first, so that a client without ``Accept`` (or with ``*/*``) keeps getting JSON; then JSON-LD;
# then the browsable API for a person who opens the URL in a browser (``Accept: text/html``).
LINKED_DATA_RENDERERS = [JSONRenderer, JSONLDRenderer, BrowsableAPIRenderer]
