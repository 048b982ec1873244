from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from danvan.api.api import api

urlpatterns = [
    path("", include("danvan.core.urls")),
    path("", include("danvan.home.urls")),
    path("don-vi/", include("danvan.orgunits.urls")),
    path("tai-khoan/", include("danvan.accounts.urls")),
    path("thong-bao/", include("danvan.notifications.urls")),
    path("dan-van-kheo/", include("danvan.practices.urls")),
    path("bao-cao/", include("danvan.reporting.urls")),
    path("hoat-dong/", include("danvan.activities.urls")),
    path("don-thu/", include("danvan.citizens.urls")),
    path("", include("danvan.citizens.urls.public")),
    path("tin-bai/", include("danvan.portal.urls")),
    path("trang/", include("danvan.portal.urls.public")),
    path("", include("danvan.portal.urls.root")),
    path("doc-lai-tin/", include("danvan.ingest.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("quan-tri-he-thong/", admin.site.urls),
]

# Uploaded files are never served as static media: each download goes through a view that checks the scope.

# Under /api/ these answer JSON {"detail": …}; elsewhere the site's pages.
handler400 = "danvan.api.errors.bad_request"
handler404 = "danvan.api.errors.not_found"
handler403 = "danvan.api.errors.forbidden"
handler500 = "danvan.api.errors.server_error"
