"""A drf-spectacular postprocessing hook: every operation documents the errors it can answer.

The views document their own successes (and 409s); the errors every request can meet come from the
shared machinery (authentication, permissions, filters, pagination, throttling, body limits, the
database), so they are added here, once, with their JSON bodies.
"""

ERROR = {
    "type": "object",
    "description": "What went wrong, in `detail`.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "description": 'Each bad parameter or field with its messages (`{"page_size": ["..."]}`), or a list of messages.',
    "oneOf": [
        {"type": "object", "additionalProperties": True},
        {"type": "array", "items": {"type": "string"}},
    ],
}
_WRITE_METHODS = {"post", "put", "patch", "delete"}

# status: (description, schema, applies(method, operation))
_RESPONSES = {
    "400": (
        "A bad parameter or body, or a query parameter the endpoint does not know (`search=` where it takes "
        "`q=`); the body names each one, and for an unknown parameter the ones it takes.",
        "ValidationError",
        lambda m, op: True,
    ),
    "401": (
        "Credentials are missing (for writes and imports) or a token is invalid.",
        "Error",
        lambda m, op: True,
    ),
    "403": (
        "Signed in, but not allowed (curators and staff only), or a CSRF failure.",
        "Error",
        lambda m, op: m in _WRITE_METHODS or op.get("_auth_only"),
    ),
    "404": ("Not found: no such object, or a page past the last.", "Error", lambda m, op: True),
    "406": ("No renderer for the Accept header or `format`.", "Error", lambda m, op: True),
    "413": ("The request body is too large.", "Error", lambda m, op: "requestBody" in op),
    "415": ("The body's media type is not accepted.", "Error", lambda m, op: "requestBody" in op),
    "429": (
        "Too many requests; `Retry-After` says in how many seconds to try again.",
        "Error",
        lambda m, op: True,
    ),
    "503": (
        "A service the request needs (database, task queue) is unreachable; try again shortly.",
        "Error",
        lambda m, op: True,
    ),
}
_HEADERS = {
    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before trying again."},
}


def _media_types(operation: dict) -> list[str]:
    """JSON always; CSV too where the operation's success can be CSV (errors are rendered the same way)."""
    types = ["application/json"]
    for status, response in operation.get("responses", {}).items():
        if status.startswith("2") and "text/csv" in response.get("content", {}):
            types.append("text/csv")
            break
    return types


# Django's form and serializer fields refuse NUL characters (PostgreSQL cannot store them): say so.
NO_NUL = "^[^\u0000]*$"


def _refuse_nul(schema: dict) -> None:
    if schema.get("type") == "string" and not ({"format", "enum", "pattern"} & set(schema)):
        schema["pattern"] = NO_NUL


def _error_content(operation: dict, schema: str) -> dict:
    return {
        media_type: (
            {"schema": {"$ref": f"#/components/schemas/{schema}"}}
            if media_type == "application/json"
            else {"schema": {"type": "string"}}
        )
        for media_type in _media_types(operation)
    }


def document_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for name, component in components.items():
        if name.endswith("Request"):
            for prop in component.get("properties", {}).values():
                _refuse_nul(prop)
    components.setdefault("Error", ERROR)
    components.setdefault("ValidationError", VALIDATION_ERROR)
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for parameter in operation.get("parameters", []):
                # `ordering` is read by DRF's OrderingFilter, which ignores what it does not know.
                if parameter.get("in") == "query" and parameter.get("name") != "ordering":
                    _refuse_nul(parameter.get("schema", {}))
            # Reads are open to anyone (imports aside): say so, so a bad cookie is not taken as refused.
            if method == "get" and not path.startswith("/api/v1/imports/"):
                security = operation.setdefault("security", [])
                if {} not in security:
                    security.append({})
            if path.startswith("/api/v1/imports/"):
                operation["_auth_only"] = True
            for status, (description, schema, applies) in _RESPONSES.items():
                if status in responses:
                    # A view that documents the status in its own words still answers the shared body.
                    responses[status].setdefault("content", _error_content(operation, schema))
                    continue
                if not applies(method, operation):
                    continue
                responses[status] = {"description": description, "content": _error_content(operation, schema)}
                if status in {"429", "503"}:
                    responses[status]["headers"] = _HEADERS
            operation.pop("_auth_only", None)
    return result
