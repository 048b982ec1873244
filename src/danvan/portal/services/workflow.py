"""A story's review, one `transition(actor, article, action, reason="")` for the pages and the API:

    draft, returned ──submit──▶ submitted ──publish──▶ published ──withdraw──▶ withdrawn
                                    │ ▲                                           │
                                 return└─reopen (back to draft) ◀─────────────────┘

- submit: an editor of the category (or an approver) sends a draft or a returned story for review;
- return: an approver sends a story under review back to its author, with a reason the author reads;
- publish: an approver publishes a story (under review, or a draft or returned one of their own site); at its
  `publish_at` when that lies ahead (scheduled), now when empty; a scheduled time already past is refused, naming
  the field. The story reaches readers by `Article.objects.live(now)`, so a scheduled one appears by itself;
- withdraw: an approver takes a published story off the site, with a reason;
- reopen: a story under review (its writer takes it back) or withdrawn goes back to draft.

The story's row is locked (`select_for_update`) before its status is read, so two approvers acting at once act one
after the other, and the second sees the first's result. A page's button says what it showed (`expected_status`,
`expected_revision`): when the story has been returned, published or edited since, the action is refused with what
changed, rather than, say, publishing a text the approver never read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.changelog import record_change
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text
from danvan.portal.access import can_approve, can_write_in
from danvan.portal.cache import site_changed
from danvan.portal.models import Article
from danvan.portal.services import notices
from danvan.portal.services.articles import article_snapshot, check_future, lock_article

S = Article.Status
# action: (the statuses it starts from, the status it leads to, who: "writer" or "approver")
TRANSITIONS = {
    "submit": ({S.DRAFT, S.RETURNED}, S.SUBMITTED, "writer"),
    "return": ({S.SUBMITTED}, S.RETURNED, "approver"),
    "publish": ({S.SUBMITTED, S.DRAFT, S.RETURNED}, S.PUBLISHED, "approver"),
    "withdraw": ({S.PUBLISHED}, S.WITHDRAWN, "approver"),
    "reopen": ({S.SUBMITTED, S.WITHDRAWN}, S.DRAFT, "writer"),
}
ACTION_LABELS = {
    "submit": gettext_lazy("Gửi duyệt"),
    "return": gettext_lazy("Trả lại"),
    "publish": gettext_lazy("Duyệt và xuất bản"),
    "withdraw": gettext_lazy("Gỡ bài"),
    "reopen": gettext_lazy("Mở lại để sửa"),
}
NEEDS_REASON = {"return", "withdraw"}


def may(actor, article: Article, action: str) -> bool:
    """Whether `actor` may take `action` on the story as it stands (for the pages' buttons)."""
    if action not in TRANSITIONS:
        return False
    sources, _target, who = TRANSITIONS[action]
    if article.status not in sources:
        return False
    if who == "approver":
        return can_approve(actor, article.site)
    return can_write_in(actor, article.category) or can_approve(actor, article.site)


def actions_for(actor, article: Article) -> list[tuple[str, str]]:
    return [(action, ACTION_LABELS[action]) for action in TRANSITIONS if may(actor, article, action)]


@transaction.atomic
def transition(
    actor,
    article: Article,
    action: str,
    reason: str = "",
    *,
    expected_status: str | None = None,
    expected_revision: int | None = None,
) -> Article:
    article = lock_article(article)
    if action not in TRANSITIONS:
        raise ValidationError({"action": _("Thao tác không hợp lệ.")})
    if expected_status is not None and expected_status != article.status:
        raise ValidationError(
            {
                "action": _(
                    "Bài vừa chuyển sang tình trạng “%(s)s” trong lúc bạn xem: hãy xem lại bài trước khi “%(a)s”."
                )
                % {"s": article.get_status_display(), "a": ACTION_LABELS[action]}
            }
        )
    if expected_revision is not None and expected_revision != article.revision_number:
        raise ValidationError(
            {
                "action": _(
                    "Bài vừa được sửa (lần sửa %(n)s) trong lúc bạn xem: hãy đọc lại bản mới trước khi “%(a)s”."
                )
                % {"n": article.revision_number, "a": ACTION_LABELS[action]}
            }
        )
    sources, target, who = TRANSITIONS[action]
    if not may(actor, article, action) and article.status in sources:
        if who == "approver":
            raise NotAllowed(
                _("Chỉ người phê duyệt của đơn vị chủ quản trang mới được %(a)s.")
                % {"a": str(ACTION_LABELS[action]).lower()}
            )
        raise NotAllowed(_("Bạn không phải biên tập viên của chuyên mục này."))
    if article.status not in sources:
        raise ValidationError(
            {
                "action": _("Không thể “%(a)s” khi bài đang ở tình trạng “%(s)s”.")
                % {"a": ACTION_LABELS[action], "s": article.get_status_display()}
            }
        )
    errors: dict[str, list[str]] = {}
    reason = clean_text(
        reason, "reason", errors, required_message=_("Hãy ghi lý do.") if action in NEEDS_REASON else ""
    )
    now = timezone.now()
    if action == "publish":
        check_future(article.publish_at, errors)
        if article.expire_at and article.expire_at <= (article.publish_at or now):
            errors.setdefault("expire_at", []).append(_("Thời điểm hết hạn đã qua: hãy sửa hoặc để trống."))
    if errors:
        raise ValidationError(errors)
    before = article_snapshot(article)
    article.status = target
    if action == "publish":
        article.publish_at = article.publish_at or now
        article.approved_by = actor if getattr(actor, "is_authenticated", False) else None
        article.rejection_reason = ""
    elif action in NEEDS_REASON:
        article.rejection_reason = reason
    elif action == "submit":
        article.rejection_reason = ""
    article.save()
    record_change(actor, "update", article, before, article_snapshot(article), unit=article.site.unit)
    if action in ("publish", "withdraw"):
        site_changed(article.site_id)
    if action == "submit":
        notices.announce_submitted(actor, article)
    elif action == "return":
        notices.announce_returned(actor, article, reason)
    elif action == "publish":
        notices.announce_published(actor, article)
    return article
