"""The iCalendar feeds of the work calendar: the secret address of a unit's or a leader's calendar (no sign-in: the
token is the secret; a wrong token is 404), the public address of a unit that chose so, and the page where an
editor sees the addresses, makes them anew, and the approver chooses public or not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.orgunits.selectors import get_unit_for

from .. import services
from ..calendar_ical import feed_calendar
from ..models import CalendarFeed
from ..selectors import calendar as selectors
from ..services.calendar import can_publish
from .common import module_crumb

TOKEN_MAX = CalendarFeed._meta.get_field("token").max_length


def _ics(content: bytes, cache: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    response["Cache-Control"] = cache
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def calendar_feed(request, token: str):
    """A unit's or a leader's calendar at its secret address (calendar programs cannot sign in)."""
    if len(token) > TOKEN_MAX or not token.replace("-", "").replace("_", "").isalnum():
        raise Http404
    feed = get_object_or_404(CalendarFeed.objects.select_related("unit", "person"), token=token)
    return _ics(feed_calendar(feed), "private, max-age=300")


@require_safe
def calendar_public_feed(request, unit_id: int):
    """A unit's calendar at its public address, only when the unit chose to publish it."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("unit"), unit_id=unit_id, person__isnull=True, public=True
    )
    return _ics(feed_calendar(feed), "public, max-age=900")


def _feed_url(request, feed: CalendarFeed) -> str:
    return request.build_absolute_uri(reverse("activities:calendar_feed", args=[feed.token]))


@login_required
def calendar_feeds(request):
    """The unit's feed and its leaders' feeds: the secret addresses, made anew on demand; public or not."""
    raw = request.GET.get("unit", "")
    if raw and not (raw.isdigit() and len(raw) <= 18):
        raise Http404
    unit = get_unit_for(request.user, raw) if raw else getattr(request, "current_unit", None)
    if unit is None:
        raise Http404
    if not services.can_edit(request.user, unit):
        raise NotAllowed(_("Bạn không có quyền quản lý nguồn lịch của %(unit)s.") % {"unit": unit.name})
    here = reverse("activities:calendar_feeds") + f"?unit={unit.pk}"
    if request.method == "POST":
        try:
            _act(request, unit)
        except ValidationError as error:
            for found in messages_of(error).values():
                for message in found:
                    messages.error(request, message)
        return redirect(here)
    feeds = {feed.person_id: feed for feed in CalendarFeed.objects.filter(unit=unit).select_related("person")}
    unit_feed = feeds.get(None)
    leaders = [(person, feeds.get(person.pk)) for person in selectors.leaders_of(unit)]
    context = {
        "unit": unit,
        "unit_feed": unit_feed,
        "unit_feed_url": _feed_url(request, unit_feed) if unit_feed else "",
        "public_url": request.build_absolute_uri(reverse("activities:calendar_public_feed", args=[unit.pk])),
        "leaders": [(person, feed, _feed_url(request, feed) if feed else "") for person, feed in leaders],
        "can_publish": can_publish(request.user, unit),
        "crumbs": [
            module_crumb(),
            (_("Lịch công tác"), reverse("activities:calendar_week") + f"?unit={unit.pk}"),
            (_("Nguồn lịch iCalendar"), None),
        ],
    }
    return render(request, "activities/calendar/feeds.html", context)


def _act(request, unit) -> None:
    action = request.POST.get("action", "")
    raw_person = request.POST.get("person", "")
    raw_feed = request.POST.get("feed", "")
    if action == "create":
        person = None
        if raw_person:
            if not (raw_person.isdigit() and len(raw_person) <= 18):
                raise Http404
            person = get_object_or_404(selectors.leaders_of(unit), pk=raw_person)
        services.feed_for(request.user, unit, person)
        messages.success(request, _("Đã tạo địa chỉ nguồn lịch."))
        return
    if not (raw_feed.isdigit() and len(raw_feed) <= 18):
        raise ValidationError({"feed": [_("Hãy chọn nguồn lịch.")]})
    feed = get_object_or_404(CalendarFeed, unit=unit, pk=raw_feed)
    if action == "regenerate":
        services.regenerate_feed(request.user, feed)
        messages.success(request, _("Đã tạo địa chỉ mới; địa chỉ cũ không còn dùng được."))
    elif action == "public":
        services.set_feed_public(request.user, feed, request.POST.get("public") == "1")
        messages.success(request, _("Đã lưu lựa chọn công khai lịch."))
    else:
        raise ValidationError({"action": [_("Thao tác không hợp lệ.")]})
