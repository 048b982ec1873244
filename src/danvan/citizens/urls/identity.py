from django.urls import path

from danvan.citizens.views import identity, proposal

urlpatterns = [
    path("don/<int:pk>/danh-tinh/", identity.identity, name="identity"),
    path("don/<int:pk>/danh-tinh/ban-chup/", identity.identity_scan_upload, name="identity_scan_upload"),
    path(
        "don/<int:pk>/danh-tinh/ban-chup/<int:scan_pk>/",
        identity.identity_scan_download,
        name="identity_scan_download",
    ),
    path("don/<int:pk>/phieu-de-xuat.docx", proposal.petition_proposal_docx, name="petition_proposal_docx"),
    path("danh-tinh/nguoi-duoc-giao/", identity.identity_keepers, name="identity_keepers"),
    path(
        "danh-tinh/nguoi-duoc-giao/<int:pk>/thu-hoi/",
        identity.identity_keeper_revoke,
        name="identity_keeper_revoke",
    ),
    path("danh-tinh/nhat-ky/", identity.identity_reveal_log, name="identity_reveal_log"),
]
