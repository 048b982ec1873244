"""Constraints of the API schemas taken from the models and the rules, so that the OpenAPI document says what is
accepted and a value too long for its column is refused, naming the field, before the database sees it."""

from ninja import Field

# Years are written with four digits; each service checks its own range (a registration year, a report's year…).
YEAR = {"ge": 1000, "le": 9999}


def model_text(model, name: str, default=..., **extra):
    """A schema field for the text of `model.name`: at most its max_length characters."""
    return Field(default, max_length=model._meta.get_field(name).max_length, **extra)


def year(default=..., **extra):
    return Field(default, **YEAR, **extra)


def choices(values) -> dict:
    """json_schema_extra listing the allowed values of a text field (the service still explains any other)."""
    return {"enum": [str(value) for value in values]}
