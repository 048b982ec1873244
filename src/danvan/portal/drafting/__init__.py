""" "Viết tin": a story drafted from a work record (a held meeting, an inspection, a recognised "Dân vận khéo" model)
in good Vietnamese news style, linked back to the record, whose page lists its stories.

`records` reads the record through the user's scope; `meetings`, `inspections`, `practices` compose the story from
it (`wording` holds what they share); `writing` chooses the category offered first and writes the draft through
`portal.services.create_article`."""

from .records import WorkRecord, record_for
from .wording import Draft
from .writing import default_category, stories_of, write_from_record

__all__ = [
    "Draft",
    "WorkRecord",
    "default_category",
    "record_for",
    "stories_of",
    "write_from_record",
]
