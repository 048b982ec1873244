from django.db.models import Q

from danvan.accounts.scope import visible_paths, visible_q
from danvan.core.models import ChangeLog


def changes_visible_to(user):
    """Change-log rows about objects in the user's scope; rows with no unit only for superusers."""
    qs = ChangeLog.objects.select_related("content_type")
    if visible_paths(user) is None:
        return qs
    return qs.filter(visible_q(user, "unit_path") & ~Q(unit_path=""))
