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

# (status, description, for which operations: "all", "body" (those taking a request body), "auth" (signed in),
# "lookup" (signed in, or naming an object in the path, as a public story or a feedback code does))
ERRORS = (
    (400, "Nội dung gửi lên không phải JSON hợp lệ.", "body"),
    (401, "Chưa xác thực, hoặc mã truy cập sai hay hết hạn.", "all"),
    (403, "Không có quyền thực hiện thao tác này.", "auth"),
    (404, "Không tìm thấy, hoặc ngoài phạm vi của người dùng.", "lookup"),
    (409, "Dữ liệu vừa bị người khác thay đổi: hãy tải lại rồi làm lại.", "body"),
    (413, "Nội dung gửi lên quá lớn.", "body"),
    (422, "Dữ liệu không hợp lệ: `errors` nói trường nào, vì sao.", "all"),
    (429, "Quá nhiều yêu cầu: hãy chờ (xem tiêu đề Retry-After) rồi thử lại.", "all"),
)
# Headers an error answer carries: a rate-limited client learns how long to wait.
HEADERS = {
    429: {"Retry-After": {"description": "Số giây cần chờ trước khi thử lại.", "schema": {"type": "integer"}}}
}
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
                names_object = any(p.get("in") == "path" for p in operation.get("parameters", ()))
                if scope == "lookup" and not (signed_in or names_object):
                    continue
                if status not in responses and str(status) not in responses:
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    }
                    if status in HEADERS:
                        responses[status]["headers"] = HEADERS[status]
    return schema
