"""The error responses of every operation, added to the OpenAPI document ninja builds from the success schemas:
each failure answers JSON {"detail": "…", "errors": {field: [messages]}} (errors only with 422 and some 400s)."""

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "Thông báo lỗi bằng tiếng Việt."},
        "errors": {
            "type": "object",
            "description": "Các lỗi theo trường (hoặc theo dòng), khi có.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}

# (status, description, for which operations: "all", "body" (those taking a request body), "auth" (signed in))
ERRORS = (
    (400, "Nội dung gửi lên không phải JSON hợp lệ.", "body"),
    (401, "Chưa xác thực, hoặc mã truy cập sai hay hết hạn.", "all"),
    (403, "Không có quyền thực hiện thao tác này.", "auth"),
    (404, "Không tìm thấy, hoặc ngoài phạm vi của người dùng.", "auth"),
    (409, "Dữ liệu vừa bị người khác thay đổi: hãy tải lại rồi làm lại.", "body"),
    (413, "Nội dung gửi lên quá lớn.", "body"),
    (422, "Dữ liệu không hợp lệ: `errors` nói trường nào, vì sao.", "all"),
)
# 429 (with its Retry-After header) is documented by accounts.throttling.document_rate_limits, for every operation.
METHODS = ("get", "post", "put", "patch", "delete")


def document_errors(schema: dict) -> dict:
    """Adds the Error schema and, to each operation, the error responses it may answer (keeping those it already
    documents)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            signed_in = bool(operation.get("security"))
            responses = operation.setdefault("responses", {})
            for status, description, scope in ERRORS:
                if scope == "body" and "requestBody" not in operation:
                    continue
                if scope == "auth" and not signed_in:
                    continue
                if status not in responses and str(status) not in responses:
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    }
    return schema
