"""What every reporting page shares."""

from django.urls import reverse
from django.utils.translation import gettext as _


def crumbs(*tail) -> list[tuple[str, str | None]]:
    """Breadcrumbs under the reporting home."""
    return [(_("Báo cáo"), reverse("reporting:home")), *tail]
