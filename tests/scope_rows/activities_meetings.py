"""Scope rows of the activities: meetings."""

from .common import LOGIN, PRIVATE, row  # noqa: F401

# fmt: off
ROWS: list = [
]
# fmt: on


def build(world: dict) -> dict:
    """The objects these rows name, owned by the world's commune (names carry PRIVATE)."""
    return {}
