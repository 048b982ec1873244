"""The notification centre's pages: the user's own list (unread, read), marking read, the e-mail choices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.lists import page_of

from . import services
from .forms import PreferencesForm
from .selectors import STATES, notifications_of


@login_required
def inbox(request):
    state = request.GET.get("state", "all")
    state = state if state in STATES else "all"
    page = page_of(request, notifications_of(request.user, state))
    return render(request, "notifications/inbox.html", {"page_obj": page, "state": state})


@login_required
@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    services.mark_read(request.user, notification)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    messages.success(request, _("Đã đánh dấu đã đọc %(n)d thông báo.") % {"n": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, initial=services.email_preferences(request.user))
    if request.method == "POST" and form.is_valid():
        services.set_email_preferences(request.user, form.cleaned_data)
        messages.success(request, _("Đã lưu lựa chọn nhận thư."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
