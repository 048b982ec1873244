"""What every list page shares: the page size, the page the request asks for, the rows a filter keeps."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def page_of(request, rows, size: int = PAGE_SIZE) -> Page:
    """The page of `rows` named by ?page= (the last one past the end, the first for anything else)."""
    return Paginator(rows, size).get_page(request.GET.get("page"))


def filtered_rows(filterset):
    """The rows a filter keeps; none while one of its values is invalid (the page says which field is wrong)."""
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()
