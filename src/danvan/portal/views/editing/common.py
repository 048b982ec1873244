"""What the back office's pages share: the crumbs, a service's refusal shown on its form."""

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.forms import add_service_errors


def crumbs(*tail):
    return [(_("Tin bài"), reverse("portal:article_list")), *tail]


def site_crumbs(site, *tail):
    return crumbs(
        (_("Trang thông tin"), reverse("portal:site_list")),
        (site.name, reverse("portal:site_detail", args=[site.pk])),
        *tail,
    )


def apply(form, call, aliases=None):
    """Runs a service on a valid form: its result, or None with its refusal on the form."""
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error, aliases)
    except NotAllowed as error:
        form.add_error(None, str(error))
    return None
