from django.contrib import admin

from .models import Notification, Nudge


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient",)


@admin.register(Nudge)
class NudgeAdmin(admin.ModelAdmin):
    list_display = ("subject", "unit", "sender", "recipients", "created_at")
    raw_id_fields = ("sender", "unit")
