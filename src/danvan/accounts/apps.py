from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _

from .middleware import start_session


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = _("Người dùng")

    def ready(self):
        user_logged_in.connect(start_session, dispatch_uid="danvan.accounts.start_session")
