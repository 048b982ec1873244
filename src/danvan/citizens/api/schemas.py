"""Schemas shared by the citizens' API modules (OpenAPI component names are global: one name, one shape)."""

from ninja import Schema


class UnitRefOut(Schema):
    """A unit named in a citizens' record: its id and name."""

    id: int
    name: str
