from django.contrib import admin

from .models import (
    Category,
    CategoryOption,
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Submission,
    ValidationRule,
)


class CategoryOptionInline(admin.TabularInline):
    model = CategoryOption
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "position")
    inlines = [CategoryOptionInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "value_type", "aggregation", "source", "expression", "owner")
    search_fields = ("code", "name")
    raw_id_fields = ("owner",)


class SectionIndicatorInline(admin.TabularInline):
    model = SectionIndicator
    extra = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("title", "form", "position")
    inlines = [SectionIndicatorInline]


class ValidationRuleInline(admin.TabularInline):
    model = ValidationRule
    extra = 0


@admin.register(Form)
class FormAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "owner", "period_type", "deadline_days", "is_active")
    raw_id_fields = ("owner",)
    inlines = [ValidationRuleInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("form", "unit", "period", "status", "submitted_at", "approved_at")
    list_filter = ("status", "period")
    raw_id_fields = ("unit",)
