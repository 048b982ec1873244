"""Errors that services raise and every view and endpoint turns into a Vietnamese message (DESIGN §4.5)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _


class NotAllowed(PermissionDenied):
    """The user lacks the role this action needs."""

    default_message = _("Bạn không có quyền thực hiện thao tác này.")

    def __init__(self, message=None):
        super().__init__(message or self.default_message)
        self.message = str(message or self.default_message)


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    """{field: [messages]} of a ValidationError, with "__all__" for errors not tied to a field."""
    if hasattr(error, "error_dict"):
        return {
            field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()
        }
    return {"__all__": [str(m) for m in error.messages]}
