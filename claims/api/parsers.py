"""The API's JSON parser, with a limit on nesting."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def nesting_depth(data) -> int:
    """How deep lists and objects nest in ``data`` (a scalar is 0), measured without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


class LimitedJSONParser(JSONParser):
    """JSON bodies nested at most ``API_MAX_JSON_DEPTH`` levels; deeper ones are a 400, not a crash."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_JSON_DEPTH
        message = _("JSON nested deeper than %(limit)d levels is not accepted.") % {"limit": limit}
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(message) from exc
        if nesting_depth(data) > limit:
            raise ParseError(message)
        return data
