from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("cua-toi/", views.profile, name="profile"),
    path("ma-api/", views.tokens, name="tokens"),
    path("ma-api/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="user_detail"),
    path(
        "nguoi-dung/<int:pk>/ma-api/<int:token_pk>/thu-hoi/",
        views.user_token_revoke,
        name="user_token_revoke",
    ),
    path("vai-tro/them/", views.role_assign, name="role_assign"),
    path("vai-tro/<int:pk>/thu-hoi/", views.role_remove, name="role_remove"),
]
