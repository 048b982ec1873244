"""The meetings pages of the activities: /hoat-dong/hoi-nghi/…"""

from django.urls import path

from ..views import meetings

MEETING = "hoi-nghi/<int:pk>/"

urlpatterns: list = [
    path("hoi-nghi/", meetings.meeting_list, name="meeting_list"),
    path("hoi-nghi/xuat.xlsx", meetings.meeting_export, name="meeting_export"),
    path("hoi-nghi/them/", meetings.meeting_create, name="meeting_create"),
    path(MEETING, meetings.meeting_detail, name="meeting_detail"),
    path(f"{MEETING}sua/", meetings.meeting_edit, name="meeting_edit"),
    path(f"{MEETING}thanh-phan/", meetings.meeting_attendance, name="meeting_attendance"),
    path(f"{MEETING}giao-nhiem-vu/", meetings.meeting_tasks, name="meeting_tasks"),
    path(f"{MEETING}tai-lieu/", meetings.meeting_document_upload, name="meeting_document_upload"),
    path(f"{MEETING}tai-lieu/<int:document_pk>/", meetings.meeting_document, name="meeting_document"),
    path(
        f"{MEETING}tai-lieu/<int:document_pk>/xoa/",
        meetings.meeting_document_delete,
        name="meeting_document_delete",
    ),
    path(f"{MEETING}tinh-trang/<str:action>/", meetings.meeting_transition, name="meeting_transition"),
    path(f"{MEETING}bien-ban.<str:extension>", meetings.meeting_minutes, name="meeting_minutes"),
    path(f"{MEETING}thong-bao-ket-luan.<str:extension>", meetings.meeting_notice, name="meeting_notice"),
    path(f"{MEETING}giay-moi.ics", meetings.meeting_ics, name="meeting_ics"),
]
