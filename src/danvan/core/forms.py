"""What every app's forms share."""

from collections.abc import Mapping

from .errors import ValidationError, messages_of


def add_service_errors(form, error: ValidationError, aliases: Mapping[str, str] | None = None) -> None:
    """Puts a service's Vietnamese messages next to the fields they name, the rest above the form. `aliases` maps a
    field the service names to the form's own name for it, where the two differ."""
    for name, found in messages_of(error).items():
        name = (aliases or {}).get(name, name)
        for message in found:
            form.add_error(name if name in form.fields else None, message)
