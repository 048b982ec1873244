import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

STARTED = "danvan_session_started"
LAST_SEEN = "danvan_session_seen"
# How stale the "last seen" time may get before it is saved again: a session write at most this often per user,
# rather than on every request (SESSION_SAVE_EVERY_REQUEST). Reading pages thus writes the session now and then:
# that is the session's own bookkeeping, not data. The idle limit is thus kept to within these few minutes.
REFRESH_SECONDS = 300


def start_session(sender, request, user, **kwargs):
    """On logging in (`user_logged_in`): the session's clock starts, saved with the login itself."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LAST_SEEN] = session[STARTED] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Logs out a session idle for DANVAN_SESSION_IDLE_MINUTES or older than SESSION_COOKIE_AGE since logging in;
    the login page then says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            seen, started = session.get(LAST_SEEN), session.get(STARTED)
            idle = settings.DANVAN_SESSION_IDLE_MINUTES * 60
            if seen is None or started is None:  # a session from before this middleware
                session[LAST_SEEN] = session[STARTED] = now
            elif now - seen > idle or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.warning(
                    request, _("Phiên làm việc đã hết hạn vì lâu không thao tác; hãy đăng nhập lại.")
                )
            elif now - seen > min(REFRESH_SECONDS, idle // 2):
                session[LAST_SEEN] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """A signed-in user whose account an administrator created or reset (`must_change_password`) is sent to the
    password change page from every page until they choose their own password. Logging out, switching language
    and static files stay open; the API answers with tokens, which such a user cannot have yet (see
    accounts.api.issue_token)."""

    OPEN_PREFIXES = ("/static/", "/i18n/", "/jsi18n/", "/api/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not request.path.startswith(self.OPEN_PREFIXES)
            and request.path not in {reverse("accounts:password_change"), reverse("accounts:logout")}
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)
