"""Django's error report (the admins' e-mail, a logging handler) without the names of uploaded files: a file's name
may name a person (a denunciation's scan), and `sensitive_post_parameters` covers the POST, never the FILES. The
report keeps each upload's field, type and size."""

from django.views import debug


class ExceptionReporter(debug.ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        if "request_FILES_items" in data:
            data["request_FILES_items"] = [
                (field, f"<{type(upload).__name__}: {getattr(upload, 'size', '?')} bytes>")
                for field, upload in data["request_FILES_items"]
            ]
        return data
