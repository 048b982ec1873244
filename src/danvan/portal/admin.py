"""The portal in Django's admin, for superusers: read and correct; the editors work in the back office (/tin-bai/),
whose services keep the change log, revisions and caches."""

from django.contrib import admin

from .models import (
    Article,
    ArticleRevision,
    Category,
    Image,
    LinkedWebsite,
    PublicDocument,
    Site,
    SitePage,
    Tag,
    Topic,
)


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "unit", "host", "is_active")
    search_fields = ("name", "slug", "host")
    raw_id_fields = ("unit",)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "site", "editor_unit", "position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)
    raw_id_fields = ("site", "parent", "editor_unit")


class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    extra = 0
    fields = ("number", "author", "created_at", "note")
    readonly_fields = fields
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "site", "category", "status", "publish_at", "origin")
    list_filter = ("status", "origin", "is_hot", "is_featured")
    search_fields = ("title", "slug")
    raw_id_fields = ("site", "category", "cover", "created_by", "approved_by")
    filter_horizontal = ("topics", "tags")
    inlines = [RevisionInline]


admin.site.register(Topic, search_fields=("name",), list_display=("name", "site", "is_active"))
admin.site.register(Tag, search_fields=("name",))
admin.site.register(SitePage, list_display=("title", "site", "position"))
admin.site.register(
    PublicDocument, list_display=("number", "title", "site", "issued_on"), search_fields=("number", "title")
)
admin.site.register(LinkedWebsite, list_display=("name", "url", "site"))
admin.site.register(
    Image,
    list_display=("__str__", "site", "width", "height", "created_at"),
    raw_id_fields=("site", "uploaded_by"),
)
