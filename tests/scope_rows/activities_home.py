"""Scope rows of the activities: the front page (/hoat-dong/), which looks at one unit (?unit=, 404 outside the
scope) or, without one, at the user's current unit."""

from .common import LOGIN, row

# fmt: off
ROWS: list = [
    row("activities:home", "GET", LOGIN, 404, 200, query="unit=@commune"),
]
# fmt: on


def build(world: dict) -> dict:
    return {}
