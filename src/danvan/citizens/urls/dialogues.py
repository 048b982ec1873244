"""The dialogues' pages under /don-thu/doi-thoai/."""

from django.urls import path

from ..views import dialogues

urlpatterns: list = [
    path("doi-thoai/", dialogues.dialogue_list, name="dialogue_list"),
    path("doi-thoai/xuat.xlsx", dialogues.dialogue_export, name="dialogue_export"),
    path("doi-thoai/them/", dialogues.dialogue_create, name="dialogue_create"),
    path("doi-thoai/theo-xa/", dialogues.dialogue_counts, name="dialogue_counts"),
    path("doi-thoai/<int:pk>/", dialogues.dialogue_detail, name="dialogue_detail"),
    path("doi-thoai/<int:pk>/sua/", dialogues.dialogue_edit, name="dialogue_edit"),
    path("doi-thoai/<int:pk>/cau-hoi/", dialogues.dialogue_question, name="dialogue_question"),
    path("doi-thoai/<int:pk>/cam-ket/", dialogues.dialogue_commitment, name="dialogue_commitment"),
]
