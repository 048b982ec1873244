"""Who may do what on a site, from the roles on units (DESIGN §4.1), as in the other apps:

- a story in a category: an editor of the category's unit (the site's unit unless the category names another);
- review, publish, withdraw, schedule: an approver of the site's unit;
- the site itself (settings, categories, topics, pages, links) and its documents: an administrator of the site's
  unit for the settings, an editor for the documents."""

from danvan.accounts.models import Role
from danvan.accounts.scope import has_role_on
from danvan.portal.models import Article, Category, Site


def category_unit_path(category: Category) -> str:
    return category.editor_unit.path if category.editor_unit_id else category.site.unit_path


def can_write_in(user, category: Category) -> bool:
    return has_role_on(user, Role.EDITOR, category_unit_path(category))


def can_edit_article(user, article: Article) -> bool:
    return can_write_in(user, article.category) or can_approve(user, article.site)


def can_approve(user, site: Site) -> bool:
    return has_role_on(user, Role.APPROVER, site.unit_path)


def can_manage(user, site: Site) -> bool:
    return has_role_on(user, Role.ADMIN, site.unit_path)


def can_edit_documents(user, site: Site) -> bool:
    return has_role_on(user, Role.EDITOR, site.unit_path)
