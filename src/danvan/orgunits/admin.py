from django.contrib import admin

from .models import OrgUnit, UnitGroup, UnitLineage


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "division_type", "code", "valid_from", "valid_to")
    list_filter = ("kind", "division_type")
    search_fields = ("search_key", "code")
    readonly_fields = ("path", "depth", "province_code", "external_id")
    raw_id_fields = ("parent",)


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "owner")
    raw_id_fields = ("owner", "members")


@admin.register(UnitLineage)
class UnitLineageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "date", "source_key")
    list_filter = ("kind", "date")
