"""The first rows of several lists at once: a page showing five blocks of "the newest stories of …" reads them in two
statements instead of one per block.

Django cannot combine sliced querysets with UNION on SQLite, so the blocks' own SQL (each compiled by the ORM,
sliced, on its own index) is joined here by UNION ALL into one statement of (block, id) pairs; the rows are then
read by id through `rows`, with whatever it selects with them, and dealt back into each block in its order."""

from collections.abc import Hashable, Mapping
from operator import attrgetter

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def first_rows(rows: QuerySet, blocks: Mapping[Hashable, QuerySet]) -> dict[Hashable, list]:
    """For each key of `blocks` (a sliced, ordered queryset of `rows`' model), its rows as `rows` reads them, in the
    block's order. A row that `rows` does not hold (gone since, or filtered out) is left out of its block.

    `rows` should filter nothing the blocks already did: given a filter on an indexed column, a planner may scan
    that index for the ids rather than look each id up."""
    result: dict[Hashable, list] = {key: [] for key in blocks}
    parts, params, keys = [], [], list(blocks)
    for number, key in enumerate(keys):
        try:
            sql, block_params = blocks[key].values_list("pk").query.sql_with_params()
        except EmptyResultSet:  # e.g. a category__in an empty list: nothing to read
            continue
        # The block selects the id alone (under a name of Django's choosing): `.*` is that id.
        parts.append(f"SELECT {number} AS block, b{number}.* FROM ({sql}) b{number}")
        params.extend(block_params)
    if not parts:
        return result
    with connections[rows.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        pairs = cursor.fetchall()
    found = rows.order_by().in_bulk({pk for _number, pk in pairs})
    for number, pk in pairs:
        if pk in found:
            result[keys[number]].append(found[pk])
    for key, listed in result.items():
        _sort(listed, blocks[key].query.order_by or rows.model._meta.ordering)
    return result


def _sort(listed: list, order_by) -> None:
    """In place, by the block's ORDER BY (plain field names, '-' for descending): a UNION keeps no order."""
    for field in reversed(order_by):
        name = field.lstrip("-")
        listed.sort(key=attrgetter("pk" if name == "pk" else name), reverse=field.startswith("-"))
