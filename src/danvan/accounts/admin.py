from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import UnitRole, User


class UnitRoleInline(admin.TabularInline):
    model = UnitRole
    raw_id_fields = ("unit",)
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [UnitRoleInline]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Dân vận số", {"fields": ("full_name", "position", "phone")}))
