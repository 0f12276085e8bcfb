"""OpenAPI post-processing: every operation documents the JSON errors the API can answer with."""

ERROR_SCHEMA = {
    "type": "object",
    "description": 'Either {"detail": "..."} or field-level messages: {"field": ["message", ...]}.',
    "additionalProperties": True,
}

ERRORS = {
    "400": "Bad input: field-level messages.",
    "401": "Authentication needed (token).",
    "403": "Authenticated but not allowed.",
    "404": "No such object, page, or URL.",
    "429": "Too many requests; retry after the number of seconds in Retry-After.",
}
WRITE_ERRORS = {
    "409": "The workflow transition does not apply to the claim as it stands.",
    "412": "The object changed since the version the change is based on (current_version says which).",
    "428": "An edit must say which version it is based on (If-Match or the body's version).",
}

WRITE_METHODS = {"post", "put", "patch", "delete"}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in WRITE_METHODS | {"get"}:
                continue
            responses = operation.setdefault("responses", {})
            errors = {**ERRORS, **WRITE_ERRORS} if method in WRITE_METHODS else ERRORS
            for status, description in errors.items():
                response = responses.setdefault(status, {"description": description, "content": reference})
                if status == "429":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
                    }
    return result


def canonical_paths(endpoints):
    """The API accepts an optional trailing slash (``/?``); the schema names each path once, without
    it, and leaves out the copy of ``claims:search`` at the site's root (the same operation)."""
    canonical = []
    for path, path_regex, method, callback in endpoints:
        if path.startswith("/v1alpha1/"):
            continue
        if path_regex.endswith("/?$") and path.endswith("/"):
            path = path.rstrip("/")
        canonical.append((path, path_regex, method, callback))
    return canonical
