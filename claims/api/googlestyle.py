"""What a client of Google's APIs expects besides the data: errors as
``{"error": {"code", "message", "status"}}`` and partial responses with ``fields=``.

Google's client libraries read the ``message`` of that error object to say what went wrong; with
any other shape they report only the HTTP status. ``fields`` follows Google's partial-response
syntax: comma-separated names, ``a/b`` for a nested field, ``a(b,c)`` for several fields of ``a``.
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import exception_handler

# google.rpc.Code names of the HTTP statuses this API answers with.
RPC_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "UNIMPLEMENTED",
    406: "INVALID_ARGUMENT",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}

Selection = dict[str, "Selection | None"]


class FieldsSyntaxError(exceptions.ValidationError):
    pass


def _messages(detail: Any, prefix: str = "") -> list[str]:
    """DRF's nested error detail as "field: message" lines."""
    if isinstance(detail, dict):
        lines = []
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "detail") else f"{prefix}{key}"
            lines.extend(_messages(value, f"{name}." if name else ""))
        return lines
    if isinstance(detail, list):
        return [line for item in detail for line in _messages(item, prefix)]
    return [f"{prefix.rstrip('.')}: {detail}" if prefix else str(detail)]


def google_exception_handler(exc, context):
    """DRF's handling (and ours), then the body rewritten in Google's error shape."""
    response = exception_handler(exc, context) or drf_exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    response.data = {
        "error": {
            "code": code,
            "message": "; ".join(_messages(response.data)) or "Request failed.",
            "status": RPC_STATUS.get(code, "UNKNOWN"),
        }
    }
    return response


_TOKEN = re.compile(r"\s*([A-Za-z_@][\w@]*|[(),/])")


def parse_fields(text: str) -> Selection:
    """``claims(text,claimReview/url),nextPageToken`` → ``{"claims": {"text": None, ...}, ...}``;
    ``None`` means the whole value. A malformed expression is a ``ValidationError`` on ``fields``."""
    tokens: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise FieldsSyntaxError(f"Invalid field selection at character {position + 1}.")
        tokens.append(match.group(1))
        position = match.end()
    selection, rest = _parse_list(tokens, 0)
    if rest != len(tokens) or not selection:
        raise FieldsSyntaxError("Invalid field selection.")
    return selection


def _parse_list(tokens: list[str], index: int) -> tuple[Selection, int]:
    selection: Selection = {}
    while True:
        index = _parse_path(tokens, index, selection)
        if index < len(tokens) and tokens[index] == ",":
            index += 1
            continue
        return selection, index


def _parse_path(tokens: list[str], index: int, into: Selection) -> int:
    if index >= len(tokens) or not (tokens[index][0].isalpha() or tokens[index][0] in "_@"):
        raise FieldsSyntaxError("Invalid field selection: a field name is missing.")
    name = tokens[index]
    index += 1
    if index < len(tokens) and tokens[index] == "/":
        child = into.get(name) or {}
        index = _parse_path(tokens, index + 1, child)
        into[name] = child
    elif index < len(tokens) and tokens[index] == "(":
        child, index = _parse_list(tokens, index + 1)
        if index >= len(tokens) or tokens[index] != ")":
            raise FieldsSyntaxError("Invalid field selection: a parenthesis is not closed.")
        into[name] = {**(into.get(name) or {}), **child}
        index += 1
    else:
        into[name] = None
    return index


def select_fields(value: Any, selection: Selection | None) -> Any:
    """``value`` cut down to ``selection``, through lists; fields it does not have are left out."""
    if selection is None:
        return value
    if isinstance(value, list):
        return [select_fields(item, selection) for item in value]
    if isinstance(value, dict):
        return {key: select_fields(value[key], sub) for key, sub in selection.items() if key in value}
    return value
