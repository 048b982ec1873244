"""The citizens' models in Django's admin, for superusers: the publicity catalogue of article 11 is edited here when
the law or its guidance changes (items, frequency, deadline rule)."""

from django.contrib import admin

from .models import PublicityItem


@admin.register(PublicityItem)
class PublicityItemAdmin(admin.ModelAdmin):
    list_display = ("position", "code", "title", "frequency", "deadline_days", "counted_from", "active")
    list_display_links = ("code", "title")
    list_filter = ("frequency", "active")
    ordering = ("position", "id")
