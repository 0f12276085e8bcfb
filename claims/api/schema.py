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

WRITE_METHODS = {"post", "put", "patch", "delete"}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in WRITE_METHODS | {"get"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                response = responses.setdefault(status, {"description": description, "content": reference})
                if status == "429":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
                    }
    return result
