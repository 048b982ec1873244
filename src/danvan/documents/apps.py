from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Only for the PDF base template (`documents/base.html`): no models."""

    name = "danvan.documents"
    label = "party_documents"
    verbose_name = _("Văn bản")
