"""What every module of scope rows builds with: the row, and the actors' expected outcomes."""

from dataclasses import dataclass, field

LOGIN = "login"
# In the name of every object of the world that is not public: no page or answer shown to the anonymous visitor or
# to the other commune's editor may contain it.
PRIVATE = "Ma Trận"


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    expected: tuple
    params: dict = field(default_factory=dict)
    query: str = ""
    data: object = None


def row(name, method, anon, other, owner, *, query="", data=None, **params) -> Row:
    return Row(name, method, (anon, other, owner), params, query, data)
