"""Who is told what about a story, through the notification centre, once the change has committed:

- sent for review (or an editor's edit of a published story sent back to review) → the approvers of the site's unit
  (those holding approver or administrator on the unit itself), the actor excepted;
- returned → its author (who created it), with the reason;
- published → its author."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.accounts.models import ROLE_RANK, Role, UnitRole, User
from danvan.core.templatetags.vn import vndate
from danvan.notifications.models import Kind
from danvan.notifications.services import notify
from danvan.portal.models import Article

APPROVER_ROLES = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.APPROVER]]


def approvers_of(article: Article) -> list[User]:
    held = UnitRole.objects.filter(
        unit_id=article.site.unit_id, role__in=APPROVER_ROLES, user__is_active=True
    )
    return [role.user for role in held.select_related("user").order_by("user__username")]


def link(article: Article) -> str:
    return reverse("portal:article_detail", args=[article.pk])


def _who(actor) -> str:
    return getattr(actor, "display_name", "") or getattr(actor, "username", "") or _("hệ thống")


def _author(article: Article, actor) -> list[User]:
    author = article.created_by
    return [author] if author is not None and author.pk != getattr(actor, "pk", None) else []


def announce_submitted(actor, article: Article) -> None:
    def send():
        notify(
            [user for user in approvers_of(article) if user.pk != getattr(actor, "pk", None)],
            Kind.ARTICLE_SUBMITTED,
            _("Tin bài chờ duyệt: %(title)s") % {"title": article.title},
            _("%(who)s gửi bài “%(title)s” (chuyên mục %(category)s, %(site)s) để duyệt.")
            % {
                "who": _who(actor),
                "title": article.title,
                "category": article.category.name,
                "site": article.site.name,
            },
            link(article),
        )

    transaction.on_commit(send)


def announce_returned(actor, article: Article, reason: str) -> None:
    def send():
        notify(
            _author(article, actor),
            Kind.ARTICLE_RETURNED,
            _("Bài bị trả lại: %(title)s") % {"title": article.title},
            _("%(who)s trả lại bài “%(title)s”. Lý do: %(reason)s")
            % {"who": _who(actor), "title": article.title, "reason": reason},
            link(article),
        )

    transaction.on_commit(send)


def announce_published(actor, article: Article) -> None:
    def send():
        if article.publish_at and article.publish_at > article.updated_at:
            when = _("Bài sẽ hiện trên trang lúc %(time)s.") % {"time": vndate(article.publish_at)}
        else:
            when = _("Bài đã hiện trên trang.")
        notify(
            _author(article, actor),
            Kind.ARTICLE_PUBLISHED,
            _("Bài được duyệt: %(title)s") % {"title": article.title},
            _("%(who)s đã duyệt bài “%(title)s” trên %(site)s. %(when)s")
            % {"who": _who(actor), "title": article.title, "site": article.site.name, "when": when},
            link(article),
        )

    transaction.on_commit(send)
