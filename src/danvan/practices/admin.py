from django.contrib import admin

from .models import (
    Attachment,
    Campaign,
    Commendation,
    Field,
    Practice,
    PracticeEvent,
    PracticeResult,
    PracticeYear,
)


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "owner", "position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code")
    raw_id_fields = ("owner",)


class PracticeResultInline(admin.TabularInline):
    model = PracticeResult
    extra = 0


class PracticeEventInline(admin.TabularInline):
    model = PracticeEvent
    extra = 0
    raw_id_fields = ("actor",)


class CommendationInline(admin.TabularInline):
    model = Commendation
    extra = 0


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "owner", "level", "registration_year", "status")
    list_filter = ("kind", "level", "status", "registration_year")
    search_fields = ("name", "person_name", "search_key")
    raw_id_fields = ("owner", "recognised_by", "replicated_from")
    readonly_fields = ("owner_path", "province_code", "level", "search_key", "created_at", "updated_at")
    filter_horizontal = ("fields",)
    inlines = [PracticeResultInline, PracticeEventInline, CommendationInline]
    list_select_related = ("owner",)


@admin.register(PracticeYear)
class PracticeYearAdmin(admin.ModelAdmin):
    list_display = ("practice", "year", "owner", "level", "kind", "status")
    list_filter = ("year", "level", "kind", "status")
    raw_id_fields = ("practice", "owner", "confirmed_by")
    list_select_related = ("practice", "owner")


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "practice", "content_type", "size", "uploaded_at")
    raw_id_fields = ("practice", "uploaded_by")
    list_select_related = ("practice",)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "year", "deadline")
    list_filter = ("year",)
    raw_id_fields = ("unit",)
    filter_horizontal = ("expected_groups",)
    list_select_related = ("unit",)
