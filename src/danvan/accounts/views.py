from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.forms import add_service_errors
from danvan.core.lists import page_of
from danvan.core.text import fold

from . import services
from .forms import (
    LoginForm,
    NewPasswordForm,
    NewUserForm,
    OwnPasswordForm,
    PasswordForm,
    ResetRequestForm,
    RoleForm,
    TokenForm,
    UserForm,
)
from .models import ApiToken, Role, UnitRole, User
from .scope import has_role_on, units_visible_to
from .selectors import NOT_IN_SCOPE_MESSAGE, user_in_scope_by_username, users_manageable_by
from .throttling import LOGIN_LIMITS, RESET_LIMITS, retry_after


def _rate_limited(request, limits):
    """The 429 page when the request is over `limits`, else None."""
    seconds = retry_after(request, limits)
    if seconds is None:
        return None
    response = render(request, "accounts/rate_limited.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        return _rate_limited(request, LOGIN_LIMITS) or super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing one's own password; also where an account an administrator created or reset is sent first
    (accounts.middleware.PasswordChangeRequiredMiddleware)."""

    template_name = "accounts/password_change.html"
    form_class = OwnPasswordForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        first = self.request.user.must_change_password
        services.set_password(self.request.user, self.request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return redirect("home:dashboard" if first else self.success_url)


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a link to choose a new password, by e-mail; limited like the login. The answer is the same
    whether or not an account has that address (no oracle)."""

    template_name = "accounts/password_reset.html"
    form_class = ResetRequestForm
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"
    extra_email_context = {"timeout_days": settings.PASSWORD_RESET_TIMEOUT // 86400}
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        return _rate_limited(request, RESET_LIMITS) or super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the e-mail: choose a new password, through the accounts service (logged, tokens revoked)."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def post(self, request, *args, **kwargs):
        return _rate_limited(request, RESET_LIMITS) or super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.set_password(self.user, self.user, form.cleaned_data["new_password1"])
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def profile(request):
    roles = request.user.unit_roles.select_related("unit").order_by("unit__depth", "unit__sort_key")
    return render(request, "accounts/profile.html", {"roles": roles})


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.issue_api_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": request.user.api_tokens.all(),
            "token_days": settings.DANVAN_TOKEN_DAYS,
        },
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(request.user, token)
    messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("accounts:tokens")


@login_required
@require_POST
def user_token_revoke(request, pk, token_pk):
    user = _manageable_user(request, pk)
    token = get_object_or_404(ApiToken, pk=token_pk, user=user)
    services.revoke_api_token(request.user, token)
    messages.success(
        request, _("Đã thu hồi mã truy cập “%(name)s” của %(u)s.") % {"name": token.name, "u": user.username}
    )
    return redirect("accounts:user_detail", user.pk)


@login_required
def user_list(request):
    users = users_manageable_by(request.user).order_by("username")
    q = request.GET.get("q", "").strip()
    if q:
        users = users.filter(search_key__contains=fold(q))
    page = page_of(request, users)
    unit = getattr(request, "current_unit", None)
    add_for = unit if unit is not None and has_role_on(request.user, Role.ADMIN, unit.path) else None
    return render(request, "accounts/user_list.html", {"page_obj": page, "q": q, "add_for": add_for})


@login_required
def user_create(request):
    unit_id = request.GET.get("unit") or request.POST.get("unit")
    if not unit_id and getattr(request, "current_unit", None) is not None:
        unit_id = str(request.current_unit.pk)  # *Thêm* on the users list: the unit one works in
    if not str(unit_id or "").isdigit():
        messages.info(
            request, _("Hãy mở trang của đơn vị, thẻ “Người dùng”, để tạo người dùng cho đơn vị đó.")
        )
        return redirect("orgunits:tree")
    unit = get_object_or_404(units_visible_to(request.user), pk=int(unit_id))
    if not has_role_on(request.user, Role.ADMIN, unit.path):
        raise NotAllowed(_("Bạn không có quyền tạo người dùng cho %(unit)s.") % {"unit": unit.name})
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            user = services.create_user(
                request.user, unit=unit, role=data.pop("role"), password=data.pop("password"), **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo người dùng %(u)s.") % {"u": user.username})
            return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "unit": unit})


def _manageable_user(request, pk) -> User:
    return get_object_or_404(users_manageable_by(request.user), pk=pk)


@login_required
def user_detail(request, pk):
    user = _manageable_user(request, pk)
    form = UserForm(request.POST or None, initial={f: getattr(user, f) for f in UserForm.base_fields})
    form.fields["username"].disabled = True
    password_form = PasswordForm()
    if request.method == "POST" and request.POST.get("action") == "password":
        password_form = PasswordForm(request.POST)
        form = UserForm(initial={f: getattr(user, f) for f in UserForm.base_fields})
        form.fields["username"].disabled = True
        if password_form.is_valid():
            try:
                services.set_password(request.user, user, password_form.cleaned_data["password"])
            except ValidationError as error:
                add_service_errors(password_form, error)
            else:
                messages.success(request, _("Đã đặt mật khẩu mới cho %(u)s.") % {"u": user.username})
                return redirect("accounts:user_detail", user.pk)
    elif request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "username"}
        try:
            services.update_user(request.user, user, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("accounts:user_detail", user.pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "managed": user,
            "form": form,
            "password_form": password_form,
            "roles": user.unit_roles.select_related("unit").order_by("unit__depth"),
            "tokens": user.api_tokens.all(),
            "history": history_for(user)[:100],
        },
    )


@login_required
def role_assign(request):
    unit_id = request.GET.get("unit") or request.POST.get("unit")
    unit = (
        get_object_or_404(units_visible_to(request.user), pk=int(unit_id))
        if str(unit_id or "").isdigit()
        else None
    )
    if unit is None:
        return redirect("orgunits:tree")
    form = RoleForm(request.POST or None, initial={"username": request.GET.get("username", "")})
    if request.method == "POST" and form.is_valid():
        user = user_in_scope_by_username(request.user, form.cleaned_data["username"])
        if user is None:
            form.add_error("username", NOT_IN_SCOPE_MESSAGE)
        else:
            try:
                services.assign_role(request.user, user, unit, form.cleaned_data["role"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã phân quyền cho %(u)s.") % {"u": user.username})
                return redirect(f"{reverse('orgunits:detail', args=[unit.pk])}?tab=users")
    return render(request, "accounts/role_form.html", {"form": form, "unit": unit})


@login_required
@require_POST
def role_remove(request, pk):
    held = get_object_or_404(UnitRole.objects.select_related("unit", "user"), pk=pk)
    get_object_or_404(units_visible_to(request.user), pk=held.unit_id)
    services.remove_role(request.user, held)
    messages.success(request, _("Đã thu hồi vai trò của %(u)s.") % {"u": held.user.username})
    return redirect(f"{reverse('orgunits:detail', args=[held.unit_id])}?tab=users")
