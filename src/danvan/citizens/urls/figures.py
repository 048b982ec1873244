"""The figures' pages (/don-thu/so-lieu/…): the counts, their Excel export, the official books."""

from django.urls import path

from ..views import figures

urlpatterns: list = [
    path("so-lieu/", figures.counts, name="counts"),
    path("so-lieu/xuat.xlsx", figures.counts_export, name="counts_export"),
    path("so-lieu/so-theo-doi-don.xlsx", figures.petition_book, name="petition_book"),
    path("so-lieu/so-tiep-cong-dan.xlsx", figures.reception_book, name="reception_book"),
]
