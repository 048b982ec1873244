from django.contrib import admin

from danvan.core.figures import DEFINITIONS, bump_figures_version

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


class DefinitionAdmin(admin.ModelAdmin):
    """Definitions changed here change the forms' cached structure (core.figures), as the services' changes do: the
    grid, the pivot and the offline form must not keep drawing the form as it was."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump_figures_version(DEFINITIONS)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump_figures_version(DEFINITIONS)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_figures_version(DEFINITIONS)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        bump_figures_version(DEFINITIONS)


class CategoryOptionInline(admin.TabularInline):
    model = CategoryOption
    extra = 0


@admin.register(Category)
class CategoryAdmin(DefinitionAdmin):
    list_display = ("name", "code", "position")
    inlines = [CategoryOptionInline]


@admin.register(Indicator)
class IndicatorAdmin(DefinitionAdmin):
    list_display = ("code", "name", "value_type", "aggregation", "source", "expression", "owner")
    search_fields = ("code", "name")
    raw_id_fields = ("owner",)


class SectionIndicatorInline(admin.TabularInline):
    model = SectionIndicator
    extra = 0


@admin.register(Section)
class SectionAdmin(DefinitionAdmin):
    list_display = ("title", "form", "position")
    inlines = [SectionIndicatorInline]


class ValidationRuleInline(admin.TabularInline):
    model = ValidationRule
    extra = 0


@admin.register(Form)
class FormAdmin(DefinitionAdmin):
    list_display = ("name", "code", "owner", "period_type", "deadline_days", "is_active")
    raw_id_fields = ("owner",)
    inlines = [ValidationRuleInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("form", "unit", "period", "status", "submitted_at", "approved_at")
    list_filter = ("status", "period")
    raw_id_fields = ("unit",)
