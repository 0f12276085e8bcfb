"""``If-Match: "<version>"`` on edits: the version of the row the client's change is based on."""

from __future__ import annotations

import re

from rest_framework.exceptions import ValidationError

IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def parse_if_match(header: str | None) -> int | None:
    if header is None or header == "":
        return None
    match = IF_MATCH.match(header)
    if not match:
        raise ValidationError({"If-Match": ['Send the version the change is based on, e.g. If-Match: "3".']})
    return int(match.group(1))


class IfMatchMixin:
    """Puts the ``If-Match`` version into the serializer context of a viewset's writes."""

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request is not None and self.request.method in ("PUT", "PATCH", "POST"):
            context["if_match"] = parse_if_match(self.request.headers.get("If-Match"))
        return context
