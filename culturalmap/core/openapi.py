"""The OpenAPI schema tells the truth about every operation (a drf-spectacular postprocessing hook):
- a path with a record's code answers 404 when there is no such record, or none the public may see;
- an operation that takes parameters or a body answers 400 for a malformed one, saying which;
- a write, or a read that needs signing in (its security lists no anonymous way), answers 403 to
  anyone who may not make it (anonymous visitors included);
- any operation answers 503 with Retry-After while the site cannot answer (the database
  unreachable, the search index being built, every image slot taken: culturalmap.core.exceptions);
- a PATCH names the `version` it started from: required, though the rest of a PATCH is optional.
"""

WRITES = ("post", "put", "patch", "delete")
ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What is wrong, in Thai and/or English."}},
    "required": ["detail"],
    "additionalProperties": True,
}
RETRY_AFTER = {
    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before trying again."}
}


def _answer(description: str, **extra) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        **extra,
    }


def document_every_answer(result: dict, generator, request, public) -> dict:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if "{" in path:
                responses.setdefault("404", _answer("No such record, or none the public may see."))
            if operation.get("parameters") or operation.get("requestBody"):
                responses.setdefault(
                    "400", _answer("A malformed or unknown parameter or field: the body says which.")
                )
            if method in WRITES or {} not in operation.get("security", [{}]):
                responses.setdefault("403", _answer("Not signed in, or not allowed to make this change."))
            responses.setdefault(
                "503", _answer("Cannot answer for now; try again after Retry-After.", headers=RETRY_AFTER)
            )
    for name, component in result["components"]["schemas"].items():
        if name.startswith("Patched") and "version" in component.get("properties", {}):
            component["required"] = sorted({*component.get("required", []), "version"})
    return result
